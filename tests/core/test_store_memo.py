"""What the app asks of a library on every refresh step (warnings, months) is read from
the store once per generation: again when a refresh changed something, never stale."""

from __future__ import annotations

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
