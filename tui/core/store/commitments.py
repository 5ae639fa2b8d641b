"""Every commitment of the corpus, queryable at once (issue 13): the `commitments` and
`commitment_tags` tables.

Each article's commitments are written with its extraction (`rows.insert_row`), one
row each, with the **sides** their actors speak for: a person's country (the
`Leader.country` of the same extraction), a country for itself, `both` for both
sides. Actors are kept as extracted; the corpus-wide naming (`names`) applies when
they are read, so they match the Leaders panel and `Library.extraction`. The tags
table holds one row per actor, side, topic and the kind: facets are counted there.

Reading them: `tui.core.store.commitment_query`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from json.encoder import encode_basestring  # the C one when there is one
from typing import NamedTuple

from tui.core.extract import Extraction
from tui.core.extract.sides import BOTH
from tui.core.extract.titles import COUNTRY_NAMES, DEMONYMS
from tui.core.query import search_fold
from tui.core.store.records import StoredText, to_stored

__all__ = ["COUNTRIES", "StoredCommitment", "commitment_rows", "insert_commitments", "sides_of"]

COUNTRIES = frozenset(DEMONYMS.values()) | frozenset(COUNTRY_NAMES.values())
"""The names a country actor has (`extract.sides` and `extract.titles` agree)."""


# Writing ---------------------------------------------------------------------------------


class StoredCommitment(NamedTuple):
    """The columns of one `commitments` row but `id`, `article` and `day`, and its
    tags as `(facet, value)` pairs: made where the file is read (a worker process)."""

    position: int
    start: int
    end: int
    kind: str
    actors: StoredText  # JSON lists
    sides: StoredText
    topics: StoredText
    text: StoredText
    folded: StoredText
    tags: tuple[tuple[str, StoredText], ...]


def sides_of(actors: Iterable[str], countries: dict[str, str | None]) -> tuple[str, ...]:
    """The sides `actors` speak for: a person's country (`countries`: leader name ->
    country, from the same extraction), a country itself, `both`; in order, once each."""
    found: dict[str, None] = {}
    for actor in actors:
        side = actor if actor == BOTH or actor in COUNTRIES else countries.get(actor)
        if side:
            found[side] = None
    return tuple(found)


def _json(values: Sequence[str]) -> StoredText:
    """`values` as a compact JSON list (`json.dumps` of plain strings, 5 times faster)."""
    return to_stored("[" + ",".join(map(encode_basestring, values)) + "]")


def commitment_rows(extraction: Extraction) -> tuple[StoredCommitment, ...]:
    """The `commitments` rows of one article's extraction."""
    countries = {leader.name: leader.country for leader in extraction.leaders}
    rows = []
    for position, c in enumerate(extraction.commitments):
        sides = sides_of(c.actors, countries)
        tags = (
            *(("actor", to_stored(a)) for a in dict.fromkeys(c.actors)),
            *(("side", to_stored(s)) for s in sides),
            *(("topic", to_stored(t)) for t in dict.fromkeys(c.topics)),
            ("kind", c.kind),
        )
        rows.append(
            StoredCommitment(
                position,
                c.start,
                c.end,
                c.kind,
                _json(c.actors),
                _json(sides),
                _json(c.topics),
                to_stored(c.text),
                to_stored(search_fold(c.text)),
                tags,
            )
        )
    return tuple(rows)


def insert_commitments(
    conn: sqlite3.Connection, article: int, day: int, rows: Sequence[StoredCommitment]
) -> None:
    """Insert an article's commitments and their tags (inside the caller's
    transaction); they go when the article's row is deleted (cascade)."""
    if not rows:
        return
    conn.executemany(
        'INSERT INTO commitments (article, position, day, start, "end", kind, actors,'
        " sides, topics, text, folded) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(article, row.position, day, *row[1:9]) for row in rows],
    )
    ids = conn.execute(
        "SELECT id FROM commitments WHERE article = ? ORDER BY position", (article,)
    ).fetchall()
    conn.executemany(
        "INSERT INTO commitment_tags (commitment, facet, value) VALUES (?, ?, ?)",
        [(number, facet, value) for (number,), row in zip(ids, rows, strict=True)
         for facet, value in row.tags],
    )  # fmt: skip
