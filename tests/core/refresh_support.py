"""Corpora and store checks shared by the refresh and manifest tests."""

from __future__ import annotations

import random
import sqlite3
from contextlib import closing
from pathlib import Path

from tui.core.extract.lexicon import Lexicon
from tui.core.store.model import Refreshed
from tui.core.store.refresh import refresh_store

_PEOPLE = [
    ("Prime Minister", "Alda Verin"),
    ("President", "Oskar Lind"),
    ("Foreign Minister", "Mira Tesk"),
    ("Chancellor", "Ivo Sandr"),
    ("President", "Lena Morrow"),
]
_PLACES = ["Kestra", "Valmo", "Orrin", "Tassel"]
_DEEDS = [
    "agreed to expand trade in farm goods",
    "pledged to open a new rail link before the end of the year",
    "will build a port near {place}",
    "discussed energy and the climate",
    "vowed to deepen ties in education and culture",
    "signed a memorandum on customs",
]


def readout(number: int, rng: random.Random | None = None) -> str:
    """A made-up readout in the bundled format, different for every `number`."""
    rng = rng or random.Random(number)
    (title_a, name_a), (title_b, name_b) = rng.sample(_PEOPLE, 2)
    place = rng.choice(_PLACES)
    deeds = [deed.format(place=place) for deed in rng.sample(_DEEDS, 3)]
    return (
        f"date 2025-{number % 12 + 1:02d}-{number % 28 + 1:02d}\n"
        f"{place}, March {number % 28 + 1} — {title_a} {name_a} held talks with "
        f"{title_b} {name_b} in {place} (meeting {number}).\n\n"
        f"The two sides {deeds[0]}. {name_a.split()[-1]} said they {deeds[1]}.\n\n"
        f"{name_b.split()[-1]} {deeds[2]}.\n"
    )


def make_corpus(folder: Path, count: int, *, sub: str = "") -> Path:
    """`count` readouts in `folder` (in its subfolder `sub`)."""
    target = folder / sub if sub else folder
    target.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        (target / f"r{number:04d}.txt").write_text(readout(number), encoding="utf-8")
    return folder


def refresh(store: Path, root: Path, **options: object) -> Refreshed:
    """`refresh_store` with an empty lexicon, waiting for the lock."""
    result = refresh_store(store, root, Lexicon(), **options)  # type: ignore[arg-type]
    assert result is not None
    return result


def rows(store: Path, sql: str) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(store)) as conn:
        return conn.execute(sql).fetchall()


def generation(store: Path) -> int:
    found = rows(store, "SELECT value FROM meta WHERE key = 'generation'")
    return int(str(found[0][0])) if found else 0


def stored_ids(store: Path) -> set[str]:
    return {str(row[0]) for row in rows(store, "SELECT id FROM articles")}


def assert_consistent(store: Path) -> None:
    """The store passes SQLite's checks and its manifest and articles agree."""
    assert rows(store, "PRAGMA integrity_check") == [("ok",)]
    assert rows(store, "PRAGMA foreign_key_check") == []
    orphans = rows(
        store,
        "SELECT f.id FROM files AS f LEFT JOIN articles AS a ON a.number = f.article"
        " WHERE f.article IS NOT NULL AND a.number IS NULL",
    )
    assert orphans == []
    unlisted = rows(
        store,
        "SELECT a.id FROM articles AS a LEFT JOIN files AS f ON f.article = a.number"
        " WHERE f.id IS NULL OR f.id != a.id",
    )
    assert unlisted == []


DUMPED = {
    "articles": "SELECT * FROM articles ORDER BY number",
    "files": "SELECT * FROM files ORDER BY id",
    "extractions": "SELECT * FROM extractions ORDER BY article",
    "leaders": "SELECT * FROM leaders ORDER BY article, name",
    "names": "SELECT * FROM names ORDER BY name",
    "meta": "SELECT * FROM meta WHERE key NOT IN ('folders', 'full_check') ORDER BY key",
    "words": "SELECT * FROM words ORDER BY id",
    "segments": "SELECT first_sentence, end_sentence FROM segments ORDER BY first_sentence",
}


def dump(store: Path) -> dict[str, list[tuple[object, ...]]]:
    """The store's tables, for comparing two stores."""
    return {table: rows(store, sql) for table, sql in DUMPED.items()}
