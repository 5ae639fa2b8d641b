"""What the app asks of a library on every refresh step (warnings, months) is read from
the store once per generation: again when a refresh changed something, never stale."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from tests.core.refresh_support import make_corpus, readout
from tui.core import postings, segments
from tui.core.extract.lexicon import Lexicon
from tui.core.store import Library, schema
from tui.core.store import library as library_module


@pytest.fixture
def library(tmp_path: Path) -> Library:
    corpus = make_corpus(tmp_path / "corpus", 3)
    (corpus / "bad.txt").write_bytes(b"\xff\xfe not a readout")
    opened = Library.open(corpus, lexicon=Lexicon(), store=tmp_path / "s.sqlite")
    opened.refresh()
    return opened


def test_months_are_read_once_per_generation(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = library.months()
    days = library_module.Narrowing.days
    monkeypatch.setattr(library_module.Narrowing, "days", lambda *_: pytest.fail("read again"))
    assert library.months() == first
    monkeypatch.setattr(library_module.Narrowing, "days", days)
    (library.root / "new.txt").write_text(readout(30), encoding="utf-8")
    library.refresh()
    assert sum(count for _, _, count in library.months()) == sum(n for *_, n in first) + 1
    library.close()


def test_warnings_are_read_once_per_generation(library: Library) -> None:
    first = library.warnings()
    assert first
    statements: list[str] = []
    library._conn().set_trace_callback(statements.append)
    assert library.warnings() == first
    assert not any("FROM files" in sql for sql in statements)
    (library.root / "bad.txt").unlink()
    library.refresh()
    assert library.warnings() == ()
    library.close()


def test_a_new_library_reads_the_months_a_refresh_kept_without_counting_rows(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = library.months(), library.months(oldest_first=True), library.count()
    library.close()
    # Another process (the app starting) opens the store: the refresh that last wrote
    # it kept the whole list's days, so nothing counts the articles again.
    days = library_module.Narrowing.days
    monkeypatch.setattr(library_module.Narrowing, "days", lambda *_: pytest.fail("counted"))
    again = Library.open(library.root, lexicon=Lexicon(), store=tmp_path / "s.sqlite")
    assert (again.months(), again.months(oldest_first=True), again.count()) == expected
    # A leader's list is counted (only the whole list is kept).
    monkeypatch.setattr(library_module.Narrowing, "days", days)
    assert again.months(leader="nobody") == []
    # Days kept for another generation are never used.
    with again._conn() as conn:
        conn.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'")
    monkeypatch.setattr(library_module.Narrowing, "days", lambda *_: [(-1, 7)])
    assert again.months() == [(None, None, 7)]
    again.close()


def test_a_refresh_leaves_the_index_cache_of_the_store_as_it_ends(
    library: Library, tmp_path: Path
) -> None:
    # The first search after it (an app starting) reads the live articles and the
    # vocabulary from that file, not from 100,000 rows.
    store = tmp_path / "s.sqlite"
    folder = schema.segments_folder(store)
    (library.root / "new.txt").write_text(readout(31), encoding="utf-8")
    library.refresh()
    library.close()
    with closing(schema.connect(store)) as conn:
        cache = postings.IndexCache.of(conn, folder, segments.segment_names(conn))
        assert cache.path.exists()
        assert cache.load(conn) is not None


def _articles_table(rows: list[tuple[int, int, str]]) -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE articles (number INTEGER PRIMARY KEY, day INTEGER, id TEXT)")
    conn.executemany("INSERT INTO articles VALUES (?, ?, ?)", rows)
    return conn


def test_the_index_cache_is_taken_only_for_the_articles_it_was_made_of() -> None:
    rows = [(0, 20250101, "a"), (1, 20250301, "b"), (2, 20250201, "c")]
    read = postings.LiveArticles.read(_articles_table(rows))
    assert read.numbers.tolist() == [1, 2, 0]  # newest first
    assert read.matches(_articles_table(rows))
    # Another newest article, another oldest one, another highest number: not this one's.
    assert not read.matches(_articles_table([*rows[:2], (2, 20250401, "c")]))
    assert not read.matches(_articles_table([(0, 20250101, "a"), (1, 20250301, "b")]))
    assert not read.matches(_articles_table([*rows, (3, 20250215, "d")]))
    assert not read.matches(_articles_table([(5, 20250101, "a"), *rows[1:]]))
    assert not read.matches(_articles_table([(0, 20250215, "a"), *rows[1:]]))  # the oldest
    assert not read.matches(_articles_table([]))
    empty = postings.LiveArticles.read(_articles_table([]))
    assert empty.matches(_articles_table([])) and not empty.matches(_articles_table(rows))
