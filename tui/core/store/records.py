"""Rows of the store <-> `Article` and `Extraction` (owner: the "store" helper).

SKELETON written by the lead: the functions `refresh` calls to write one article.
"""

from __future__ import annotations

import sqlite3

from tui.core.corpus import Article
from tui.core.extract import Extraction


def insert_article(
    conn: sqlite3.Connection,
    article: Article,
    extraction: Extraction,
    *,
    first_sentence: int,
    lexicon: str,
) -> int:
    """Insert `article` with its extraction and leaders (inside the caller's
    transaction); its sentences get the global ids `first_sentence...`. Returns its
    number. The shown title is its title until `tell_apart` runs."""
    raise NotImplementedError


def delete_article(conn: sqlite3.Connection, number: int) -> None:
    """Remove an article, its extraction and leaders (its sentences stay in segments
    until compacted; the index skips them)."""
    raise NotImplementedError


def tell_apart(conn: sqlite3.Connection) -> None:
    """Give articles of one day with one title the part that differs between them (as
    `corpus._tell_apart`), in `shown_title`."""
    raise NotImplementedError


def rename_people(conn: sqlite3.Connection) -> None:
    """Refill `names` from the leaders of the whole store (`extract.identity`)."""
    raise NotImplementedError
