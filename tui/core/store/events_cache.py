"""The events of a store, kept in a file beside it (`library.events.json`) so that the
next `readout events` or the app's grouping reads them instead of grouping again
(half a second at 10,000 articles). The file names what it was made from: the store
file and its generation, its articles (the highest number: numbers are never
reused), the leaders' countries and the outlets table. Any other file, or one that
cannot be read, is ignored and made again; one that cannot be written is not kept.
No table of the store changes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import sqlite3
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from tui.core.events import Event, Report
from tui.core.files import read_regular, write_atomic
from tui.core.outlets import Outlets

__all__ = ["cache_key", "cache_path", "load_events", "save_events"]

VERSION = 2
"""Bump when the file's layout changes. A change to the code that groups is noticed
without it (`_code`: the digest of its modules)."""
MAX_BYTES = 256 * 1024 * 1024


def cache_path(store: Path) -> Path:
    """`library.sqlite` -> `library.events.json`."""
    return store.with_suffix(".events.json")


def cache_key(
    conn: sqlite3.Connection,
    store: Path,
    generation: int,
    countries: Mapping[str, str],
    outlets: Outlets,
) -> str:
    """What the events of the store are made from, as one string."""
    highest, count = conn.execute("SELECT max(number), count(*) FROM articles").fetchone()
    try:
        inode = os.stat(store).st_ino
    except OSError:
        inode = -1
    made_from = json.dumps(
        [sorted(countries.items()), sorted(outlets.names.items()), sorted(outlets.places.items()),
         sorted(outlets.officials), sorted(outlets.countries.items())],
        ensure_ascii=False,
    )  # fmt: skip
    digest = hashlib.blake2b(made_from.encode("utf-8"), digest_size=16).hexdigest()
    return f"{VERSION}:{_code()}:{inode}:{generation}:{highest}:{count}:{digest}"


@cache
def _code() -> str:
    """A digest of the modules that read and group events (another readout version
    groups otherwise)."""
    from tui.core import contacts, events, outlets
    from tui.core.store import events as stored

    digest = hashlib.blake2b(digest_size=8)
    for module in (contacts, events, outlets, stored):
        try:
            digest.update(Path(str(module.__file__)).read_bytes())
        except OSError:
            digest.update(module.__name__.encode())
    return digest.hexdigest()


def load_events(path: Path, key: str) -> list[Event] | None:
    """The events kept at `path` for `key`; `None` when there are none of it."""
    try:
        data = json.loads(read_regular(path, MAX_BYTES).decode("utf-8"))
        if not isinstance(data, dict) or data.get("key") != key:
            return None
        return [_event(item) for item in data["events"]]
    except (OSError, ValueError, KeyError, TypeError, IndexError, RecursionError):  # too deep too
        return None


def save_events(path: Path, key: str, events: list[Event]) -> None:
    """Keep `events` at `path` for `key` (not kept when it cannot be written)."""
    data = {"key": key, "events": [_plain(event) for event in events]}
    with contextlib.suppress(OSError):
        write_atomic(path, json.dumps(data, ensure_ascii=False).encode("utf-8"))


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _plain(event: Event) -> list[Any]:
    reports = [
        [
            r.id,
            r.date.isoformat() if r.date else None,
            r.title,
            r.source,
            r.side,
            r.basis,
            list(r.leaders),
        ]
        for r in event.reports
    ]
    first = event.first.isoformat() if event.first else None
    last = event.last.isoformat() if event.last else None
    return [event.id, event.kind, first, last, list(event.leaders), reports]


def _event(item: list[Any]) -> Event:
    event_id, kind, first, last, leaders, reports = item
    return Event(
        str(event_id), str(kind), _day(first), _day(last), tuple(str(name) for name in leaders),
        tuple(
            Report(str(i), _day(d), str(t), s if s is None else str(s),
                   side if side is None else str(side), str(basis),
                   tuple(str(name) for name in names))
            for i, d, t, s, side, basis, names in reports
        ),
    )  # fmt: skip
