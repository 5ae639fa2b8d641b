"""When a refresh may skip looking at every file: the policy that lets a command answer
a large, unchanged library at once.

A full check (a refresh: every file walked and stat'ed, and compared with the
manifest) costs about a second at 100,000 files. Most changes are seen for much less:
a file added, removed or renamed changes the time stamp of its folder, and every
folder's stamp is kept by the last refresh (`manifest.folders_moved`, a few
milliseconds). A file rewritten in place changes only its own stamp: only a full
check sees it. So a refresh asked for with `scan="when_due"` (every command of the CLI
but `readout refresh`) skips the full check when, all at once:

- the last refresh ended (a refresh killed half way leaves no `FullCheck`), with
  the same lexicon (corrections and rules) and no corpus-wide pass left to run;
- no folder it walked has moved since;
- that full check is recent: less than `SPACING` times what it cost ago, and it cost
  at least `CHEAP` (a small library is checked in full every time).

`scan="when_moved"` (the app, opening) skips even when a full check is due: the app
makes it later, in its polling (`DiskWatch`). `readout refresh` always checks in full.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from contextlib import closing
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

from tui.core.corpus_files import folder_stamp
from tui.core.store import schema
from tui.core.store.model import Refreshed

__all__ = [
    "CHEAP",
    "CHECKED",
    "FOLDERS_KEY",
    "PASSES",
    "SPACING",
    "FullCheck",
    "Scan",
    "folders_moved",
    "nothing_to_do",
    "skipped",
]

Scan = Literal["always", "when_due", "when_moved"]
"""When a refresh looks at every file: always; when a full check is due or a folder
moved; only when a folder moved (the caller checks in full later)."""

FOLDERS_KEY = "folders"
"""The `meta` key of the stamps of the folders the last refresh walked (JSON)."""
CHECKED = "full_check"
"""The `meta` key of the last full check (`FullCheck`, JSON)."""
PASSES = "passes_due"
"""The `meta` key saying the corpus-wide passes must run (a batch was written since)."""
SPACING = 300.0
"""A full check is due `SPACING` times its cost after the last one (about five minutes
at 100,000 files): the CLI spends at most about 1/300 of its time on them, and a file
rewritten in place (rare: editors, sync tools and `readout import` write a new file
and rename it, which moves the folder's stamp) is seen by a command within minutes, by
`readout refresh` at once and by the running app within a minute. At 30, a command
a minute after the last paid the full second nearly every time."""
CHEAP = 0.1
"""A full check cheaper than this (seconds; about 10,000 files) is made every time."""


@dataclass(frozen=True, slots=True)
class FullCheck:
    """The last refresh that compared every file: when it began (Unix time), what
    the walk and the comparison cost (seconds), and the lexicon fingerprint."""

    at: float
    seconds: float
    lexicon: str

    def due(self, now: float) -> bool:
        """Whether the next full check is due at `now` (a clock set back: due)."""
        if self.seconds < CHEAP or now < self.at:
            return True
        return now - self.at >= SPACING * self.seconds

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def read(cls, conn: sqlite3.Connection) -> FullCheck | None:
        """The stored one; `None` when there is none (or it cannot be read)."""
        value = schema.get_meta(conn, CHECKED)
        try:
            data = json.loads(value) if value is not None else None
            return (
                None
                if data is None
                else cls(float(data["at"]), float(data["seconds"]), str(data["lexicon"]))
            )
        except (ValueError, TypeError, KeyError):
            return None


def skipped(store: Path, lexicon: str, scan: Scan, started: float) -> Refreshed | None:
    """What a refresh of `store` asked for with `scan` did when `nothing_to_do` lets
    it skip every file (`started`: its `time.perf_counter()`); `None`: it may not."""
    with closing(schema.connect(store)) as conn:
        if not nothing_to_do(conn, lexicon, scan, time.time()):
            return None
        (files,) = conn.execute("SELECT count(*) FROM files").fetchone()
    return Refreshed(0, 0, 0, int(files), (), time.perf_counter() - started, full=False)


def nothing_to_do(conn: sqlite3.Connection, lexicon: str, scan: Scan, now: float) -> bool:
    """Whether a refresh asked for with `scan` at `now` (Unix time) may skip the full
    check, with `lexicon` the fingerprint it would extract with (see the module)."""
    if scan == "always":
        return False
    checked = FullCheck.read(conn)
    if checked is None or checked.lexicon != lexicon:
        return False
    if scan == "when_due" and checked.due(now):
        return False
    if schema.get_meta(conn, PASSES) not in (None, "0"):
        return False
    return not folders_moved(conn)


def _stored_folders(conn: sqlite3.Connection) -> dict[str, int] | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (FOLDERS_KEY,)).fetchone()
    if row is None:
        return None
    folders = json.loads(row[0])
    return folders if isinstance(folders, dict) else None


def folders_moved(conn: sqlite3.Connection) -> bool:
    """Whether a folder walked by the last refresh moved since (a file added, removed
    or renamed in it), or there was no such refresh."""
    folders = _stored_folders(conn)
    return folders is None or _folders_moved(folders)


def _folders_moved(folders: dict[str, int]) -> bool:
    for folder, stamp in folders.items():
        try:
            if folder_stamp(os.stat(folder)) != stamp:
                return True
        except OSError:
            return True
    return False
