"""Rows of the store <-> `Article` and `Extraction` (owner: the "store" helper).

`rows.insert_article` and `delete_article` are what a refresh calls to write one article
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
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from tui.core.corpus import Article, LoadWarning
from tui.core.corpus_files import display_path
from tui.core.extract import Extraction, Leader
from tui.core.extract.lexicon import Lexicon
from tui.core.extract.model import Commitment
from tui.core.store.model import ArticleSummary
from tui.core.text import Passage

__all__ = [
    "ARTICLE_COLUMNS",
    "SUMMARY_COLUMNS",
    "article_from_row",
    "chunks",
    "decode_passages",
    "delete_article",
    "encode_passages",
    "extraction_from_json",
    "extraction_to_json",
    "leader_counts",
    "lexicon_fingerprint",
    "rename_people",
    "stored_leaders",
    "summary_dict_from_row",
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


StoredLeader = tuple[str, str | None, tuple[str, ...]]
"""A leader of a stored extraction: name (as extracted), country, titles."""


def stored_leaders(data: StoredText) -> list[StoredLeader]:
    """The leaders of an extraction as `extraction_to_json` wrote them, without
    making the rest of it (mentions, commitments) into objects."""
    return [
        (str(who), None if country is None else str(country), tuple(map(str, titles)))
        for who, country, titles, _ in json.loads(from_stored(data))["leaders"]
    ]


def chunks(items: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    """`items` `size` at a time (SQLite's `json_each(?)` takes a list of any length,
    but one the size of a corpus makes a string of megabytes)."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


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


def delete_article(conn: sqlite3.Connection, number: int) -> None:
    """Remove an article, its extraction and leaders (its sentences stay in segments
    until compacted; the index skips them)."""
    conn.execute("DELETE FROM articles WHERE number = ?", (number,))


# Reading -------------------------------------------------------------------------------

ARTICLE_COLUMNS = (
    "id, file, date, shown_title, place, source, words, url, revised, versions,"
    " text, paragraphs, sentences"
)
"""The columns `article_from_row` reads, in its order."""

SUMMARY_COLUMNS = "id, file, date, shown_title, place, source, words, url, revised, versions"
"""The columns `summary_from_row` reads, in its order."""


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def article_from_row(row: Sequence[object]) -> Article:
    """An `Article` from a row of `ARTICLE_COLUMNS` (its title the shown title)."""
    article_id, file, date, title, place, source, words, url, revised, versions = row[:10]
    text, paragraphs, sentences = row[10:]
    assert isinstance(text, str | bytes) and isinstance(words, int)
    assert isinstance(versions, int)
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
        url=_optional(url),  # type: ignore[arg-type]
        revised=_date(revised),  # type: ignore[arg-type]
        versions=versions,
    )


def summary_from_row(row: Sequence[object]) -> ArticleSummary:
    """An `ArticleSummary` from a row of `SUMMARY_COLUMNS`."""
    article_id, file, date, title, place, source, words, url, revised, versions = row
    assert isinstance(words, int) and isinstance(versions, int)
    return ArticleSummary(
        id=str(article_id),
        file=Path(from_stored(file)),  # type: ignore[arg-type]
        date=_date(date),  # type: ignore[arg-type]
        title=from_stored(title),  # type: ignore[arg-type]
        place=_optional(place),  # type: ignore[arg-type]
        source=_optional(source),  # type: ignore[arg-type]
        words=words,
        url=_optional(url),  # type: ignore[arg-type]
        revised=_date(revised),  # type: ignore[arg-type]
        versions=versions,
    )


def summary_dict_from_row(row: Sequence[object]) -> dict[str, object]:
    """`summary_from_row(row).summary()`, made without the objects: no `Path` or
    date is built (`readout list --json` at 100,000 articles)."""
    article_id, file, date, title, place, source, words, url, revised, versions = row
    return {
        "id": article_id,
        "file": display_path(file if type(file) is str else from_stored(file)),  # type: ignore[arg-type]
        "date": date,
        "title": title if type(title) is str else from_stored(title),  # type: ignore[arg-type]
        "place": place if place is None or type(place) is str else from_stored(place),  # type: ignore[arg-type]
        "source": source if source is None or type(source) is str else from_stored(source),  # type: ignore[arg-type]
        "words": words,
        "url": url if url is None or type(url) is str else from_stored(url),  # type: ignore[arg-type]
        "revised": revised,
        "versions": versions,
    }


# Corpus-wide passes ----------------------------------------------------------------------


def tell_apart(conn: sqlite3.Connection, days: Iterable[int] | None = None) -> None:
    """Give articles of one day with one title the part that differs between them (as
    `corpus._tell_apart`), in `shown_title`. With `days` (ordinals, -1 for undated:
    the days of the articles a refresh inserted or deleted), only those days are
    looked at, which is all that can have changed."""
    if days is None:
        twins = conn.execute(
            "SELECT a.number, a.id, a.day, a.title, a.source FROM articles AS a JOIN"
            " (SELECT day, title FROM articles GROUP BY day, title HAVING count(*) > 1) AS g"
            " ON a.day = g.day AND a.title = g.title"
        ).fetchall()
        now = conn.execute(
            "SELECT number, shown_title FROM articles INDEXED BY articles_told_apart"
            " WHERE shown_title != title"
        ).fetchall()
    else:
        chosen = (json.dumps(sorted(set(days))),)
        within = "day IN (SELECT value FROM json_each(?))"
        twins = conn.execute(
            f"SELECT number, id, day, title, source FROM articles WHERE {within}", chosen
        ).fetchall()
        now = conn.execute(
            f"SELECT number, shown_title FROM articles WHERE shown_title != title AND {within}",
            chosen,
        ).fetchall()
    _show(conn, _told_apart(twins), dict(now))


def _told_apart(
    rows: Iterable[tuple[int, str, int, StoredText, StoredText | None]],
) -> dict[int, StoredText]:
    """The shown title of each article (number) that shares its day and title."""
    groups: dict[tuple[int, StoredText], list[tuple[int, str, StoredText | None]]] = {}
    for number, article_id, day, title, source in rows:
        groups.setdefault((day, title), []).append((number, article_id, source))
    wanted: dict[int, StoredText] = {}
    for (_, title), members in groups.items():
        if len(members) < 2:
            continue
        sources = [source for _, _, source in members]
        by_source = all(sources) and len(set(sources)) == len(sources)
        for number, article_id, source in members:
            extra = from_stored(source) if by_source and source is not None else article_id
            wanted[number] = to_stored(f"{from_stored(title)} · {extra}")
    return wanted


def _show(
    conn: sqlite3.Connection, wanted: dict[int, StoredText], now: dict[int, StoredText]
) -> None:
    """Set the shown titles that differ from `wanted` (`now`: those told apart now)."""
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
    from tui.core.extract.identity import canonical_names  # the rules: refresh only

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


def leader_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Each person's corpus name -> how many articles name them (by any spelling),
    most first, then by name: what `extract.articles_by_leader` counts."""
    renamed = {
        from_stored(name): from_stored(canonical)
        for name, canonical in conn.execute(
            "SELECT name, canonical FROM names WHERE name != canonical"
        )
    }
    counts: Counter[str] = Counter()
    spellings: Counter[str] = Counter()
    for name, many in conn.execute(
        "SELECT name, count(DISTINCT article) FROM leaders GROUP BY name"
    ):
        person = renamed.get(from_stored(name), from_stored(name))
        counts[person] += many
        spellings[person] += 1
    shared = [to_stored(person) for person, n in spellings.items() if n > 1]
    if shared:  # an article may name one person by two spellings: count it once
        for person, many in conn.execute(
            "SELECT n.canonical, count(DISTINCT l.article) FROM names AS n"
            " JOIN leaders AS l ON l.name = n.name"
            " WHERE n.canonical IN (SELECT value FROM json_each(?)) GROUP BY n.canonical",
            (json.dumps([from_stored(p) for p in shared]),),
        ):
            counts[from_stored(person)] = many
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


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
