"""The rows events are grouped from (`tui.core.events`), read from the store without
any article's text: the list's index (id, date, title, place, source, address) and
the leaders table, renamed as the corpus names people (`names`). Only articles whose
own title names no kind of contact (or that have none: readout made it), and calls,
have the start of their text read (a few hundred characters each).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from tui.core.contacts import LEAD_CHARS, first_sentence, kind_of, lead_says_visit, said_day
from tui.core.events import Event, Sighting, group_events
from tui.core.extract.lexicon import Lexicon
from tui.core.outlets import Outlets, bundled_outlets
from tui.core.query import search_fold
from tui.core.store.records import from_stored

__all__ = ["EventIndex", "corpus_events", "read_sightings"]

_ARTICLES = (
    "SELECT number, id, date, shown_title, place, source, url FROM articles"
    " INDEXED BY articles_by_day"
)
_LEADERS = (
    "SELECT l.article, l.name, l.folded, coalesce(n.canonical, l.name)"
    " FROM leaders AS l LEFT JOIN names AS n ON n.name = l.name"
)
_HELD_DURING = frozenset({"", "talks", "statement", "conference"})
"""Kinds of contact held during a visit. Where readout made an article's title, a
visit its lead's first sentence names wins over these (found further on: talks held
during the visit); else the made-up title's kind (its maker reads further: `spoke
today with`), else the lead's."""
_OWN_TITLES = (
    "SELECT number, title FROM articles INDEXED BY articles_told_apart WHERE shown_title != title"
)
_LEADS = f"SELECT number, substr(text, 1, {LEAD_CHARS}) FROM articles WHERE number IN (SELECT value FROM json_each(?))"  # noqa: E501


def read_sightings(conn: sqlite3.Connection) -> list[Sighting]:
    """Every article as grouping sees it."""
    people = _people(conn)
    rows = conn.execute(_ARTICLES).fetchall()
    kinds, leads = _kinds(conn, rows)
    return [
        Sighting(
            id=from_stored(article_id),
            date=day,
            title=from_stored(title),
            kind=kinds.get(number, ""),
            principals=_principals(from_stored(title), people.get(number, [])),
            source=None if source is None else from_stored(source),
            place=None if place is None else from_stored(place),
            url=url,
            said_day=_said_day(day, from_stored(title), leads.get(number))
            if day is not None and kinds.get(number) == "call"
            else None,
        )
        for number, article_id, day, title, place, source, url in _dated(rows)
    ]


def _dated(rows: list[Any]) -> Iterator[tuple[Any, ...]]:
    for number, article_id, date, *rest in rows:
        yield (number, article_id, dt.date.fromisoformat(date) if date else None, *rest)


def _kinds(conn: sqlite3.Connection, rows: list[Any]) -> tuple[dict[int, str], dict[int, str]]:
    """Each article's kind of contact, from its title, else from its lead (from its
    lead first where readout made its title: `_made_up`); and the leads read: those
    of articles of no kind by their own title, and of calls (which may say the call
    was on an earlier day)."""
    own = {number: title for number, title in conn.execute(_OWN_TITLES)}
    kinds: dict[int, str] = {}
    lead_first: dict[int, str] = {}  # number -> the kind its made-up title says
    for number, _, _, shown, *_ in rows:
        title = from_stored(own.get(number, shown))
        kind = kind_of(title)
        if kind and not (kind in _HELD_DURING and _made_up(title)):
            kinds[number] = kind
        else:
            lead_first[number] = kind
    wanted = [*lead_first] + [number for number, kind in kinds.items() if kind == "call"]
    leads: dict[int, str] = {}
    for start in range(0, len(wanted), 5000):
        chunk = json.dumps(wanted[start : start + 5000])
        for number, lead in conn.execute(_LEADS, (chunk,)):
            leads[number] = from_stored(lead)
    for number, made in lead_first.items():
        lead = leads.get(number, "")
        visit = made in _HELD_DURING and lead_says_visit(lead)
        kinds[number] = "visit" if visit else made or kind_of("", lead)
    return kinds, leads


def _made_up(title: str) -> bool:
    """Whether readout made `title` from the text (`Tô Lâm – Xi Jinping · talks ·
    Beijing`, `tui.core.extract.headline`), or it is `""`. A title of the file's own
    has no ` · ` (a twin of the same day told apart gets one, but is read by its own)."""
    return not title or " · " in title


def _said_day(day: dt.date, title: str, lead: str | None) -> dt.date | None:
    return said_day(day, title) or (said_day(day, first_sentence(lead)) if lead else None)


def _people(conn: sqlite3.Connection) -> dict[int, list[tuple[str, str]]]:
    """Article number -> (folded name as written, corpus name) of each leader."""
    found: defaultdict[int, list[tuple[str, str]]] = defaultdict(list)
    spellings: dict[object, str] = {}
    for article, _, folded, canonical in conn.execute(_LEADERS):
        spelling = spellings.get(folded)
        if spelling is None:
            spelling = spellings[folded] = " ".join(from_stored(folded).split())
        found[article].append((spelling, _text(canonical)))
    return found


@lru_cache(maxsize=8192)
def _folded(name: str) -> str:
    return f" {' '.join(search_fold(name).split())} "


def _text(value: str | bytes) -> str:
    return value if type(value) is str else from_stored(value)


def _principals(title: str, people: list[tuple[str, str]]) -> tuple[str, ...]:
    """The leaders the title names (by the spelling the article uses, or the corpus
    name), in the order it names them; where it names fewer than two, every leader
    of the article."""
    if not people:
        return ()
    folded = f" {' '.join(search_fold(title).split())} "
    named: list[tuple[int, str]] = []
    for spelling, canonical in people:
        where = folded.find(f" {spelling} ")
        if where < 0:
            where = folded.find(_folded(canonical))
        if where < 0 and spelling.count(" ") >= 2:  # `Norway Zoë Horváth`: a word too many
            where = folded.find(f" {spelling.split(' ', 1)[1]} ")
        if where >= 0:
            named.append((where, canonical))
    if len({name for _, name in named}) >= 2:
        return tuple(dict.fromkeys(name for _, name in sorted(named)))
    return tuple(dict.fromkeys(canonical for _, canonical in people))


class EventIndex:
    """The corpus's events as of one store generation, and each article's event."""

    def __init__(self, generation: int, events: list[Event]) -> None:
        self.generation = generation
        self.events = events
        self._of = {report.id: event for event in events for report in event.reports}
        self._by_id = {event.id: event for event in events}

    def event_of(self, article_id: str) -> Event | None:
        return self._of.get(article_id)

    def get(self, event_id: str) -> Event | None:
        return self._by_id.get(event_id)


def corpus_events(
    conn: sqlite3.Connection,
    generation: int,
    lexicon: Lexicon,
    outlets: Outlets | None = None,
    store: Path | None = None,
) -> EventIndex:
    """Group every article of the store into events; with `store` (the store's file),
    read them from the file kept beside it when it is of this store as it is, else
    keep them there (`events_cache`)."""
    from tui.core.store import events_cache

    outlets = outlets or bundled_outlets()
    countries = {entry.name: entry.country for entry in lexicon.leaders if entry.country}
    if store is None:
        return EventIndex(generation, group_events(read_sightings(conn), outlets, countries))
    path = events_cache.cache_path(store)
    key = events_cache.cache_key(conn, store, generation, countries, outlets)
    found = events_cache.load_events(path, key)
    if found is None:
        found = group_events(read_sightings(conn), outlets, countries)
        events_cache.save_events(path, key, found)
    return EventIndex(generation, found)
