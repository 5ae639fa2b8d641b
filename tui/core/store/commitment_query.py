"""Reading every commitment of the corpus (issue 13): a `CommitmentQuery` narrows by
the words of the sentence (folded as search folds them: each word a substring),
actor, side, kind, topic and a date range; `page` reads the rows newest first,
`facets` counts each facet under the query's other narrowings, so a chosen side
still shows the other sides and how many each has.

The words and dates are looked for once per call (a scan of the sentences, 50 ms at
100,000 commitments); the facets are counted from `commitment_tags`, whose index
holds them (`tui.core.store.commitments` writes both tables).
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

from tui.core.query import search_fold
from tui.core.store.records import from_stored, name_mapping, to_stored

__all__ = [
    "FACETS",
    "CommitmentFacets",
    "CommitmentQuery",
    "CommitmentRow",
    "count",
    "facets",
    "page",
    "parse_day",
    "parse_typed",
    "with_actor",
]

FACETS = ("actor", "side", "kind", "topic")
"""The facets a query narrows by and counts, in the order they are shown."""


@dataclass(frozen=True, slots=True)
class CommitmentQuery:
    """What the commitments are narrowed to: every word of `text` in the sentence
    (diacritics, case and punctuation ignored), this actor (a corpus name: any of
    their spellings), side, kind and topic, dated within `since..until` (both days
    included; an undated article is left out by any date bound)."""

    text: str = ""
    actor: str | None = None
    side: str | None = None
    kind: str | None = None
    topic: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None

    def without(self, facet: str) -> CommitmentQuery:
        """This query with `facet` (one of `FACETS`) not narrowed."""
        if facet not in FACETS:
            raise ValueError(f"no such facet: {facet}")
        changes: dict[str, Any] = {facet: None}
        return replace(self, **changes)

    def chosen(self, facet: str) -> str | None:
        """The value `facet` is narrowed to."""
        value: str | None = getattr(self, facet)
        return value


@dataclass(frozen=True, slots=True)
class CommitmentRow:
    """One commitment as the table and `readout commitments` show it."""

    article_id: str
    date: dt.date | None
    title: str
    source: str | None
    position: int  # its place among the article's commitments
    start: int  # offsets into the article's text
    end: int
    kind: str
    actors: tuple[str, ...]  # corpus names, `both`, or countries
    sides: tuple[str, ...]
    topics: tuple[str, ...]
    text: str

    def as_dict(self) -> dict[str, object]:
        """The JSON shape `readout commitments --json` prints."""
        return {
            "id": self.article_id,
            "date": self.date.isoformat() if self.date else None,
            "title": self.title,
            "source": self.source,
            "actors": list(self.actors),
            "sides": list(self.sides),
            "kind": self.kind,
            "topics": list(self.topics),
            "text": self.text,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True, slots=True)
class CommitmentFacets:
    """How many commitments a query narrows to (`total`), and each facet's values
    with how many commitments each has under the query's other narrowings
    (`facet -> value -> count`, most first, then by name)."""

    total: int
    counts: dict[str, dict[str, int]] = field(default_factory=dict)


def parse_day(text: str, *, last: bool = False) -> dt.date:
    """A date bound: `2025`, `2025-03` or `2025-03-14`, as its first day (`last`: its
    last day). Raises `ValueError` with a one-line reason."""
    parts = text.strip().split("-")
    try:
        if not 1 <= len(parts) <= 3 or not all(part.isdigit() for part in parts):
            raise ValueError
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 12 if last else 1
        if len(parts) > 2:
            return dt.date(year, month, int(parts[2]))
        return dt.date(year, month, calendar.monthrange(year, month)[1] if last else 1)
    except (ValueError, OverflowError, calendar.IllegalMonthError):
        raise ValueError(f"not a date: {text!r} (YYYY, YYYY-MM or YYYY-MM-DD)") from None


_TOKEN = re.compile(r'(?<!\S)(from|to|actor):(?:"([^"]*)"?|(\S*))', re.IGNORECASE)
"""`from:2025-01`, `to:2025-06`, `actor:Xi` or `actor:"to lam"` (the quote may be
left open while it is typed; a token with nothing after it yet narrows nothing)."""


def parse_typed(typed: str, query: CommitmentQuery | None = None) -> CommitmentQuery:
    """`query` (its side, kind and topic kept) narrowed by what was typed in the
    Commitments screen: words of the sentence, `from:2025-01` / `to:2025-06` tokens
    for the date range and an `actor:` token (its name as typed: the screen names it
    as the corpus does, `tui.core.facet_values`; none typed, no actor). Raises
    `ValueError` for a bad date, or a range that ends before it begins (as `readout
    commitments --from --to` refuses it)."""
    bounds: dict[str, dt.date | None] = {"from": None, "to": None}
    actor: str | None = None
    for found in _TOKEN.finditer(typed):
        key, value = found.group(1).lower(), found.group(2) or found.group(3) or ""
        if key == "actor":
            actor = " ".join(value.split()) or actor
        elif value:
            bounds[key] = parse_day(value, last=key == "to")
    words = _TOKEN.sub("", typed)  # a token being typed is no word of the sentence
    since, until = bounds["from"], bounds["to"]
    if since is not None and until is not None and since > until:
        raise ValueError(f"from:{since.isoformat()} is after to:{until.isoformat()}")
    return replace(
        query or CommitmentQuery(),
        text=" ".join(words.split()),
        actor=actor,
        since=since,
        until=until,
    )


def with_actor(typed: str, actor: str | None) -> str:
    """`typed` with its `actor:` tokens replaced by one naming `actor` (quoted when
    it has spaces) at the end; `None`: with none."""
    rest = " ".join(
        _TOKEN.sub(
            lambda found: "" if found.group(1).lower() == "actor" else found.group(0), typed
        ).split()
    )
    if actor is None:
        return rest
    token = f'actor:"{actor}"' if " " in actor or not actor else f"actor:{actor}"
    return f"{rest} {token}".strip()


class _Clause(NamedTuple):
    """Conditions joined by `AND`, with their values (`?` placeholders)."""

    parts: tuple[str, ...] = ()
    values: tuple[object, ...] = ()

    def __add__(self, other: object) -> _Clause:
        assert isinstance(other, _Clause)
        return _Clause(self.parts + other.parts, self.values + other.values)

    def where(self) -> str:
        return " WHERE " + " AND ".join(self.parts) if self.parts else ""


def _scanned(query: CommitmentQuery) -> _Clause:
    """The conditions on `commitments AS c` itself: the words and the dates."""
    parts: list[str] = []
    values: list[object] = []
    for word in search_fold(query.text).split():
        parts.append("instr(c.folded, ?) > 0")
        values.append(to_stored(word))
    if query.since is not None or query.until is not None:
        since = query.since.toordinal() if query.since else 0
        until = query.until.toordinal() if query.until else dt.date.max.toordinal()
        parts.append("c.day BETWEEN ? AND ?")
        values.extend((since, until))
    return _Clause(tuple(parts), tuple(values))


_TAGGED = "{id} IN (SELECT commitment FROM commitment_tags WHERE facet = ? AND value = ?)"
_ACTED = (
    "{id} IN (SELECT commitment FROM commitment_tags WHERE facet = 'actor' AND value IN"
    " (SELECT name FROM names WHERE canonical = ? UNION SELECT ? WHERE NOT EXISTS"
    " (SELECT 1 FROM names WHERE name = ? AND canonical != name)))"
)  # every spelling of a corpus name; a name that is another's spelling is not it


def _tagged(query: CommitmentQuery, column: str, skip: str | None = None) -> _Clause:
    """The facet conditions of `query` (but `skip`'s) on the commitment id `column`."""
    parts: list[str] = []
    values: list[object] = []
    for facet in FACETS:
        value = query.chosen(facet)
        if value is None or facet == skip:
            continue
        stored = to_stored(value)
        if facet == "actor":
            parts.append(_ACTED.format(id=column))
            values.extend((stored, stored, stored))
        else:
            parts.append(_TAGGED.format(id=column))
            values.extend((facet, stored))
    return _Clause(tuple(parts), tuple(values))


def count(conn: sqlite3.Connection, query: CommitmentQuery) -> int:
    """How many commitments `query` narrows to."""
    clause = _scanned(query) + _tagged(query, "c.id")
    sql = f"SELECT count(*) FROM commitments AS c{clause.where()}"
    return int(conn.execute(sql, clause.values).fetchone()[0])


_PAGE = (
    'SELECT a.id, a.date, a.shown_title, a.source, c.position, c.start, c."end", c.kind,'
    " c.actors, c.sides, c.topics, c.text FROM commitments AS c"
    " INDEXED BY commitments_by_day JOIN articles AS a ON a.number = c.article"
)


def page(
    conn: sqlite3.Connection, query: CommitmentQuery, offset: int = 0, limit: int | None = None
) -> list[CommitmentRow]:
    """The commitments `query` narrows to, newest first: by day, then by article as
    the article list orders them (its id, last first: never the order articles
    entered the store, which differs from one store to another), then by place in
    the article; `offset ..< offset + limit`; actors by their corpus names."""
    clause = _scanned(query) + _tagged(query, "c.id")
    rows = conn.execute(
        f"{_PAGE}{clause.where()} ORDER BY c.day DESC, a.id DESC, c.position LIMIT ? OFFSET ?",
        [*clause.values, -1 if limit is None else limit, max(offset, 0)],
    ).fetchall()
    loaded = [_loaded(row) for row in rows]
    names = name_mapping(conn, (actor for row in loaded for actor in row.actors))
    if not names:
        return loaded
    return [
        replace(row, actors=tuple(dict.fromkeys(names.get(a, a) for a in row.actors)))
        for row in loaded
    ]


def _loaded(row: Sequence[Any]) -> CommitmentRow:
    article_id, date, title, source, position, start, end, kind, actors, sides, topics, text = row
    lists = f"[{from_stored(actors)},{from_stored(sides)},{from_stored(topics)}]"
    actors, sides, topics = (tuple(map(str, values)) for values in json.loads(lists))
    return CommitmentRow(
        article_id=str(article_id),
        date=dt.date.fromisoformat(date) if date else None,
        title=from_stored(title),
        source=None if source is None else from_stored(source),
        position=int(position),
        start=int(start),
        end=int(end),
        kind=str(kind),
        actors=actors,
        sides=sides,
        topics=topics,
        text=from_stored(text),
    )


def facets(conn: sqlite3.Connection, query: CommitmentQuery) -> CommitmentFacets:
    """The total of `query` and each facet's counts under `query` without that
    facet's own narrowing (actors under their corpus names), in one statement. With
    words or dates, they are looked for once and the tags of the sentences found are
    counted; without, the counts come from the tags' index alone."""
    scanned = _scanned(query)
    parts = []
    values: list[object] = list(scanned.values) if scanned.parts else []
    for facet in FACETS:
        narrowed = _Clause(("t.facet = ?",), (facet,)) + _tagged(query, "t.commitment", facet)
        found = "hit JOIN commitment_tags AS t ON t.commitment = hit.id"
        parts.append(
            f"SELECT ?, t.value, count(*)"
            f" FROM {found if scanned.parts else 'commitment_tags AS t'}{narrowed.where()}"
            " GROUP BY t.value"
        )
        values.extend((facet, *narrowed.values))
    if scanned.parts:
        whole = _tagged(query, "hit.id")
        parts.append(f"SELECT 'total', '', count(*) FROM hit{whole.where()}")
        values.extend(whole.values)
        hit = f"SELECT c.id AS id FROM commitments AS c{scanned.where()}"
        sql = f"WITH hit AS MATERIALIZED ({hit}) {' UNION ALL '.join(parts)}"
    else:
        whole = _tagged(query, "c.id")
        parts.append(f"SELECT 'total', '', count(*) FROM commitments AS c{whole.where()}")
        values.extend(whole.values)
        sql = " UNION ALL ".join(parts)
    return _counted(conn, conn.execute(sql, values).fetchall())


def _counted(conn: sqlite3.Connection, rows: list[Any]) -> CommitmentFacets:
    """`CommitmentFacets` from the rows of `facets`' statement."""
    found: dict[str, list[tuple[str, int]]] = {facet: [] for facet in FACETS}
    total = 0
    for facet, value, many in rows:
        if facet == "total":
            total = int(many)
        else:
            found[facet].append((from_stored(value), int(many)))
    names = name_mapping(conn, (value for value, _ in found["actor"]))
    counts: dict[str, dict[str, int]] = {}
    for facet, pairs in found.items():
        merged: dict[str, int] = {}
        for value, many in pairs:
            key = names.get(value, value) if facet == "actor" else value
            merged[key] = merged.get(key, 0) + many
        counts[facet] = dict(sorted(merged.items(), key=lambda item: (-item[1], item[0])))
    return CommitmentFacets(total, counts)
