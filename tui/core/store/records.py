"""Rows of the store <-> `Article` and `Extraction` (owner: the "store" helper).

`insert_article` and `delete_article` are what a refresh calls to write one article
(inside its transaction); `tell_apart` and `rename_people` are the corpus-wide passes
it runs after a batch. Reading (`article_from_row`, `summary_from_row`,
`extraction_from_json`) is for `Library`.

Text that SQLite cannot hold as UTF-8 (a path with bytes that are not UTF-8, kept by
Python as lone surrogates) is stored as a BLOB of its `surrogatepass` bytes and read
back as the same string.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from tui.core.corpus import Article, LoadWarning
from tui.core.corpus_files import legacy_ids
from tui.core.extract import Extraction, Leader
from tui.core.extract.commitments import Commitment
from tui.core.extract.identity import canonical_names
from tui.core.extract.lexicon import Lexicon
from tui.core.query import search_fold
from tui.core.store.model import ArticleSummary
from tui.core.text import Passage

__all__ = [
    "ARTICLE_COLUMNS",
    "SUMMARY_COLUMNS",
    "article_from_row",
    "decode_passages",
    "delete_article",
    "encode_passages",
    "extraction_from_json",
    "extraction_to_json",
    "insert_article",
    "lexicon_fingerprint",
    "rename_people",
    "summary_from_row",
    "tell_apart",
    "warnings_from_json",
    "warnings_to_json",
]

StoredText = str | bytes
"""A string as the store keeps it: text, or the bytes of one SQLite refuses."""


def to_stored(value: str) -> StoredText:
    """`value` as SQLite can keep it (see the module's docstring)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return value.encode("utf-8", "surrogatepass")
    return value


def from_stored(value: StoredText) -> str:
    """The string `to_stored` was given."""
    return value.decode("utf-8", "surrogatepass") if isinstance(value, bytes) else value


def _optional(value: StoredText | None) -> str | None:
    return None if value is None else from_stored(value)


def encode_passages(passages: Iterable[Passage]) -> bytes:
    """`(start, end)` of each passage as int32 pairs in native byte order."""
    return array("i", [n for p in passages for n in (p.start, p.end)]).tobytes()


def decode_passages(blob: bytes, text: str) -> tuple[Passage, ...]:
    """The passages `encode_passages` wrote, their texts sliced from `text`."""
    offsets = array("i")
    offsets.frombytes(blob)
    it = iter(offsets)
    return tuple(Passage(text[start:end], start, end) for start, end in zip(it, it, strict=True))


# Extractions ---------------------------------------------------------------------------


def _leader_row(leader: Leader) -> list[object]:
    mentions = [[m.text, m.start, m.end] for m in leader.mentions]
    return [leader.name, leader.country, list(leader.titles), mentions]


def _commitment_row(c: Commitment) -> list[object]:
    return [c.text, c.start, c.end, c.kind, list(c.actors), list(c.topics)]


def extraction_to_json(extraction: Extraction) -> str:
    """The extraction as compact JSON (its article id is the row's)."""
    data = {
        "leaders": [_leader_row(leader) for leader in extraction.leaders],
        "commitments": [_commitment_row(c) for c in extraction.commitments],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def extraction_from_json(article_id: str, data: StoredText) -> Extraction:
    """The extraction `extraction_to_json` wrote, for the article `article_id`."""
    loaded = json.loads(from_stored(data))
    leaders = tuple(
        Leader(name, country, tuple(titles), tuple(Passage(*m) for m in mentions))
        for name, country, titles, mentions in loaded["leaders"]
    )
    commitments = tuple(
        Commitment(text, start, end, kind, tuple(actors), tuple(topics))
        for text, start, end, kind, actors, topics in loaded["commitments"]
    )
    return Extraction(article_id, leaders, commitments)


def lexicon_fingerprint(lexicon: Lexicon) -> str:
    """A short hash of everything in `lexicon` (gazetteer, topics, corrections): equal
    for equal lexicons, in any process."""
    data = repr(lexicon).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(data, digest_size=16).hexdigest()


# Writing one article ---------------------------------------------------------------------


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
    legacy_path, legacy_stem = legacy_ids(article.id)
    title = to_stored(article.title)
    cursor = conn.execute(
        "INSERT INTO articles (id, file, date, day, title, shown_title, place, source, words,"
        " text, paragraphs, sentences, first_sentence, legacy_path, legacy_stem, lexicon)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            article.id,
            to_stored(str(article.file)),
            article.date.isoformat() if article.date else None,
            article.date.toordinal() if article.date else -1,
            title,
            title,
            None if article.place is None else to_stored(article.place),
            None if article.source is None else to_stored(article.source),
            article.words,
            to_stored(article.text),
            encode_passages(article.paragraphs),
            encode_passages(article.sentences),
            first_sentence,
            legacy_path,
            legacy_stem,
            lexicon,
        ),
    )
    number = cursor.lastrowid
    assert number is not None
    conn.execute(
        "INSERT INTO extractions (article, data) VALUES (?, ?)",
        (number, to_stored(extraction_to_json(extraction))),
    )
    conn.executemany(
        "INSERT INTO leaders (article, name, folded) VALUES (?, ?, ?)",
        [(number, to_stored(x.name), to_stored(search_fold(x.name))) for x in extraction.leaders],
    )
    return number


def delete_article(conn: sqlite3.Connection, number: int) -> None:
    """Remove an article, its extraction and leaders (its sentences stay in segments
    until compacted; the index skips them)."""
    conn.execute("DELETE FROM articles WHERE number = ?", (number,))


# Reading -------------------------------------------------------------------------------

ARTICLE_COLUMNS = "id, file, date, shown_title, place, source, words, text, paragraphs, sentences"
"""The columns `article_from_row` reads, in its order."""

SUMMARY_COLUMNS = "id, file, date, shown_title, place, source, words"
"""The columns `summary_from_row` reads, in its order."""


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def article_from_row(row: Sequence[object]) -> Article:
    """An `Article` from a row of `ARTICLE_COLUMNS` (its title the shown title)."""
    article_id, file, date, title, place, source, words, text, paragraphs, sentences = row
    assert isinstance(text, str | bytes) and isinstance(words, int)
    assert isinstance(paragraphs, bytes) and isinstance(sentences, bytes)
    body = from_stored(text)
    return Article(
        id=str(article_id),
        file=Path(from_stored(file)),  # type: ignore[arg-type]
        date=_date(date),  # type: ignore[arg-type]
        title=from_stored(title),  # type: ignore[arg-type]
        place=_optional(place),  # type: ignore[arg-type]
        source=_optional(source),  # type: ignore[arg-type]
        text=body,
        paragraphs=decode_passages(paragraphs, body),
        sentences=decode_passages(sentences, body),
        words=words,
    )


def summary_from_row(row: Sequence[object]) -> ArticleSummary:
    """An `ArticleSummary` from a row of `SUMMARY_COLUMNS`."""
    article_id, file, date, title, place, source, words = row
    assert isinstance(words, int)
    return ArticleSummary(
        id=str(article_id),
        file=Path(from_stored(file)),  # type: ignore[arg-type]
        date=_date(date),  # type: ignore[arg-type]
        title=from_stored(title),  # type: ignore[arg-type]
        place=_optional(place),  # type: ignore[arg-type]
        source=_optional(source),  # type: ignore[arg-type]
        words=words,
    )


# Corpus-wide passes ----------------------------------------------------------------------


def tell_apart(conn: sqlite3.Connection) -> None:
    """Give articles of one day with one title the part that differs between them (as
    `corpus._tell_apart`), in `shown_title`."""
    twins = conn.execute(
        "SELECT a.number, a.id, a.day, a.title, a.source FROM articles AS a"
        " JOIN (SELECT day, title FROM articles GROUP BY day, title HAVING count(*) > 1) AS g"
        " ON a.day = g.day AND a.title = g.title"
    ).fetchall()
    groups: dict[tuple[int, StoredText], list[tuple[int, str, StoredText | None]]] = {}
    for number, article_id, day, title, source in twins:
        groups.setdefault((day, title), []).append((number, article_id, source))
    wanted: dict[int, StoredText] = {}
    for (_, title), members in groups.items():
        sources = [source for _, _, source in members]
        by_source = all(sources) and len(set(sources)) == len(sources)
        for number, article_id, source in members:
            extra = from_stored(source) if by_source and source is not None else article_id
            wanted[number] = to_stored(f"{from_stored(title)} · {extra}")
    now = dict(
        conn.execute(
            "SELECT number, shown_title FROM articles INDEXED BY articles_told_apart"
            " WHERE shown_title != title"
        ).fetchall()
    )
    conn.executemany(
        "UPDATE articles SET shown_title = title WHERE number = ?",
        [(number,) for number in now if number not in wanted],
    )
    conn.executemany(
        "UPDATE articles SET shown_title = ? WHERE number = ?",
        [(shown, number) for number, shown in wanted.items() if now.get(number) != shown],
    )


def rename_people(conn: sqlite3.Connection) -> None:
    """Refill `names` from the leaders of the whole store (`extract.identity`): every
    name of `leaders` gets a row, its canonical name the corpus's name for the person
    (the name itself when it stays as it is)."""
    used = Counter(
        {
            from_stored(name): count
            for name, count in conn.execute("SELECT name, count(*) FROM leaders GROUP BY name")
        }
    )
    mapping = canonical_names(used.elements())
    wanted = {name: mapping.get(name, name) for name in used}
    now = {
        from_stored(name): from_stored(canonical)
        for name, canonical in conn.execute("SELECT name, canonical FROM names")
    }
    conn.executemany(
        "DELETE FROM names WHERE name = ?",
        [(to_stored(name),) for name in now if name not in wanted],
    )
    conn.executemany(
        "INSERT OR REPLACE INTO names (name, canonical) VALUES (?, ?)",
        [
            (to_stored(name), to_stored(canonical))
            for name, canonical in wanted.items()
            if now.get(name) != canonical
        ],
    )


def name_mapping(conn: sqlite3.Connection, names: Iterable[str]) -> dict[str, str]:
    """`names` -> their corpus names, where the two differ (from `names`)."""
    wanted = list(dict.fromkeys(names))
    mapping: dict[str, str] = {}
    for start in range(0, len(wanted), 500):
        chunk = [to_stored(name) for name in wanted[start : start + 500]]
        marks = ",".join("?" * len(chunk))
        for name, canonical in conn.execute(
            f"SELECT name, canonical FROM names WHERE name IN ({marks}) AND canonical != name",
            chunk,
        ):
            mapping[from_stored(name)] = from_stored(canonical)
    return mapping


# Load problems ---------------------------------------------------------------------------


def warnings_to_json(warnings: Iterable[LoadWarning]) -> str:
    """Load problems as JSON, `[[path, reason], ...]` (`files.warnings`, and the
    folder problems in `meta.folder_warnings`); any path survives (ASCII escapes)."""
    return json.dumps([[str(w.file), w.reason] for w in warnings])


def warnings_from_json(data: str | None) -> list[LoadWarning]:
    """The load problems `warnings_to_json` wrote (none for `None` or bad JSON)."""
    try:
        loaded = json.loads(data or "[]")
        return [LoadWarning(Path(file), str(reason)) for file, reason in loaded]
    except (ValueError, TypeError):
        return []
