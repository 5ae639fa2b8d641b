"""An article as the rows a refresh inserts, made where the file is read (a worker
process): what the worker sends back is then a few strings and bytes, quick to
unpickle, instead of an `Article` with a `Passage` object per sentence, and the process
writing the store (the bottleneck of a cold build) only inserts."""

from __future__ import annotations

import sqlite3
from typing import NamedTuple

from tui.core.corpus import Article
from tui.core.corpus_files import legacy_ids
from tui.core.extract import Extraction
from tui.core.query import search_fold
from tui.core.store.commitments import StoredCommitment, commitment_rows, insert_commitments
from tui.core.store.records import StoredText, encode_passages, extraction_to_json, to_stored

__all__ = ["ArticleRow", "article_row", "insert_article", "insert_row"]


class ArticleRow(NamedTuple):
    """The `articles` columns but `first_sentence` and `lexicon` (in `INSERT` order),
    the `extractions` row's data, the `leaders` rows' (name, folded) and the
    `commitments` rows."""

    columns: tuple[object, ...]
    extraction: StoredText
    leaders: tuple[tuple[StoredText, StoredText], ...]
    commitments: tuple[StoredCommitment, ...] = ()


def article_row(article: Article, extraction: Extraction) -> ArticleRow:
    legacy_path, legacy_stem = legacy_ids(article.id)
    title = to_stored(article.title)
    columns = (
        article.id,
        to_stored(str(article.file)),
        article.date.isoformat() if article.date else None,
        article.date.toordinal() if article.date else -1,
        title,
        title,
        None if article.place is None else to_stored(article.place),
        None if article.source is None else to_stored(article.source),
        article.words,
        None if article.url is None else to_stored(article.url),
        article.revised.isoformat() if article.revised else None,
        article.versions,
        to_stored(article.text),
        encode_passages(article.paragraphs),
        encode_passages(article.sentences),
        legacy_path,
        legacy_stem,
    )
    leaders = tuple((to_stored(x.name), to_stored(search_fold(x.name))) for x in extraction.leaders)
    data = to_stored(extraction_to_json(extraction))
    return ArticleRow(columns, data, leaders, commitment_rows(extraction))


def insert_row(
    conn: sqlite3.Connection, row: ArticleRow, *, first_sentence: int, lexicon: str
) -> int:
    """Insert an article's rows (inside the caller's transaction); its sentences get
    the global ids `first_sentence...`. Returns its number. The shown title is its
    title until `records.tell_apart` runs."""
    cursor = conn.execute(
        "INSERT INTO articles (id, file, date, day, title, shown_title, place, source, words,"
        " url, revised, versions, text, paragraphs, sentences, legacy_path, legacy_stem,"
        f" first_sentence, lexicon) VALUES ({', '.join('?' * 19)})",
        (*row.columns, first_sentence, lexicon),
    )
    number = cursor.lastrowid
    assert number is not None
    conn.execute("INSERT INTO extractions (article, data) VALUES (?, ?)", (number, row.extraction))
    conn.executemany(
        "INSERT INTO leaders (article, name, folded) VALUES (?, ?, ?)",
        [(number, name, folded) for name, folded in row.leaders],
    )
    day = row.columns[3]
    assert isinstance(day, int)
    insert_commitments(conn, number, day, row.commitments)
    return number


def insert_article(
    conn: sqlite3.Connection,
    article: Article,
    extraction: Extraction,
    *,
    first_sentence: int,
    lexicon: str,
) -> int:
    """`insert_row` of `article_row(article, extraction)`."""
    row = article_row(article, extraction)
    return insert_row(conn, row, first_sentence=first_sentence, lexicon=lexicon)
