"""What a leader's profile reads from the store: every article naming the person (by
any of their spellings), newest first, with the leaders its extraction found there
under their corpus names (`tui.core.profiles` makes the profile)."""

from __future__ import annotations

import datetime as dt
import sqlite3

from tui.core.profiles import Appearance
from tui.core.store import records
from tui.core.store.listing import Narrowing

__all__ = ["appearances"]


def appearances(conn: sqlite3.Connection, name: str) -> list[Appearance]:
    """The articles naming the person the corpus calls `name`, newest first (undated
    last), each with every leader of its extraction: (corpus name, country, titles)."""
    narrowing = Narrowing(leader=name)
    rows = conn.execute(
        "SELECT a.id, a.date, a.shown_title, a.source, e.data FROM articles AS a"
        f" JOIN extractions AS e ON e.article = a.number {narrowing.where()}"
        " ORDER BY a.day DESC, a.id DESC",
        narrowing.parameters(),
    ).fetchall()
    found = [(row[:4], records.stored_leaders(row[4])) for row in rows]
    mapping = records.name_mapping(conn, (who for _, named in found for who, _, _ in named))
    return [
        Appearance(
            records.from_stored(article_id),
            dt.date.fromisoformat(date) if date else None,
            records.from_stored(title),
            None if source is None else records.from_stored(source),
            tuple((mapping.get(who, who), country, titles) for who, country, titles in named),
        )
        for (article_id, date, title, source), named in found
    ]
