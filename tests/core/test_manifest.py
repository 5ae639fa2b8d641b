"""The folder against the store's manifest: what a refresh reads again, what it drops,
and the cheap check the app polls."""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from contextlib import closing
from pathlib import Path

import pytest

from tests.core.refresh_support import (
    assert_consistent,
    generation,
    make_corpus,
    readout,
    refresh,
    rows,
    stored_ids,
)
from tui.core.corpus import load_corpus
from tui.core.extract.lexicon import LeaderEntry, Lexicon
from tui.core.store import manifest, schema
from tui.core.store.manifest import DiskWatch
from tui.core.store.refresh import changed_on_disk, refresh_store


@pytest.fixture(autouse=True)
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Folders made by the test count as settled (not racy: `manifest.RACY`)."""
    monkeypatch.setattr(manifest, "RACY", 0.0)


@pytest.fixture
def store(tmp_path: Path) -> Path:
    return tmp_path / "store" / "library.sqlite"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return make_corpus(tmp_path / "corpus", 6)


def _later(path: Path) -> None:
    """Move the file's modification time on, as an editor saving it would."""
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 5_000_000_000))


def _number(store: Path, article_id: str) -> int:
    found = rows(store, f"SELECT number FROM articles WHERE id = '{article_id}'")
    return int(str(found[0][0]))


def test_new_store_reads_every_file_with_the_ids_and_titles_of_load_corpus(
    store: Path, corpus: Path
) -> None:
    done = refresh(store, corpus)
    expected = load_corpus(corpus)
    assert (done.added, done.changed, done.deleted, done.unchanged) == (6, 0, 0, 0)
    titles = dict(rows(store, "SELECT id, shown_title FROM articles"))
    assert titles == {article.id: article.title for article in expected.articles}
    assert len(rows(store, "SELECT id FROM files")) == 6
    assert_consistent(store)


def test_second_refresh_of_an_unchanged_folder_reads_nothing_and_keeps_the_generation(
    store: Path, corpus: Path
) -> None:
    refresh(store, corpus)
    before = generation(store)
    done = refresh(store, corpus)
    assert (done.added, done.changed, done.deleted, done.unchanged) == (0, 0, 0, 6)
    assert not done.changed_anything
    assert generation(store) == before


def test_changed_file_replaces_its_article(store: Path, corpus: Path) -> None:
    refresh(store, corpus)
    old = _number(store, "r0002.txt")
    path = corpus / "r0002.txt"
    path.write_text(readout(2).replace("talks", "phone talks"), encoding="utf-8")
    _later(path)
    done = refresh(store, corpus)
    assert (done.added, done.changed, done.unchanged) == (0, 1, 5)
    assert _number(store, "r0002.txt") != old
    text = rows(store, "SELECT text FROM articles WHERE id = 'r0002.txt'")[0][0]
    assert "phone talks" in str(text)
    assert_consistent(store)


def test_touched_file_with_the_same_bytes_is_not_parsed_again_but_its_row_moves(
    store: Path, corpus: Path
) -> None:
    refresh(store, corpus)
    old, before = _number(store, "r0003.txt"), generation(store)
    path = corpus / "r0003.txt"
    _later(path)
    done = refresh(store, corpus)
    assert (done.changed, done.unchanged) == (0, 6)
    assert _number(store, "r0003.txt") == old
    assert generation(store) == before
    stamp = rows(store, "SELECT mtime_ns FROM files WHERE id = 'r0003.txt'")[0][0]
    assert stamp == max(path.stat().st_mtime_ns, path.stat().st_ctime_ns)
    assert refresh(store, corpus).unchanged == 6  # the row moved: not read a third time


def test_deleted_file_drops_its_article_and_row(store: Path, corpus: Path) -> None:
    refresh(store, corpus)
    (corpus / "r0004.txt").unlink()
    done = refresh(store, corpus)
    assert (done.deleted, done.unchanged) == (1, 5)
    assert "r0004.txt" not in stored_ids(store)
    assert rows(store, "SELECT id FROM files WHERE id = 'r0004.txt'") == []
    assert_consistent(store)


def test_renamed_file_is_counted_as_renamed_and_stored_under_its_new_id(
    store: Path, corpus: Path
) -> None:
    refresh(store, corpus)
    (corpus / "r0001.txt").rename(corpus / "renamed.txt")
    done = refresh(store, corpus)
    assert (done.added, done.deleted, done.renamed, done.unchanged) == (0, 0, 1, 5)
    assert done.changed_anything
    ids = stored_ids(store)
    assert "renamed.txt" in ids and "r0001.txt" not in ids
    assert_consistent(store)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"date 2025-01-01\nTalks\x00\x00 in binary", "binary file"),
        (b"date 2025-01-01\nTalks in \xff\xfe Latin-1", "not valid UTF-8"),
        (b"   \n", "empty file"),
    ],
)
def test_file_that_becomes_unreadable_loses_its_article_and_keeps_its_warning(
    store: Path, corpus: Path, content: bytes, reason: str
) -> None:
    refresh(store, corpus)
    path = corpus / "r0005.txt"
    path.write_bytes(content)
    _later(path)
    done = refresh(store, corpus)
    assert "r0005.txt" not in stored_ids(store)
    assert [w.reason for w in done.warnings] == [w.reason for w in load_corpus(corpus).warnings]
    assert reason in done.warnings[0].reason and done.warnings[0].file == path
    kept = rows(store, "SELECT article, warnings FROM files WHERE id = 'r0005.txt'")
    assert kept[0][0] is None and reason in str(kept[0][1])
    assert refresh(store, corpus).unchanged == 6  # not read again while it stays so
    assert_consistent(store)


def test_removed_subfolder_drops_its_articles(store: Path, corpus: Path) -> None:
    make_corpus(corpus, 3, sub="2024/older")
    refresh(store, corpus)
    assert "2024/older/r0001.txt" in stored_ids(store)
    shutil.rmtree(corpus / "2024")
    done = refresh(store, corpus)
    assert done.deleted == 3
    assert stored_ids(store) == {article.id for article in load_corpus(corpus).articles}


def test_folder_problems_are_those_of_load_corpus_and_said_once(store: Path, corpus: Path) -> None:
    (corpus / "gone.txt").symlink_to(corpus / "nowhere.txt")
    first = refresh(store, corpus)
    assert [str(w) for w in first.warnings] == [str(w) for w in load_corpus(corpus).warnings]
    assert refresh(store, corpus).warnings == ()
    stored = rows(store, "SELECT value FROM meta WHERE key = 'folder_warnings'")[0][0]
    assert "a link to nothing" in str(stored)


def test_another_lexicon_extracts_every_article_again(store: Path, corpus: Path) -> None:
    refresh(store, corpus)
    before = {str(row[0]) for row in rows(store, "SELECT lexicon FROM articles")}
    lexicon = Lexicon(leaders=(LeaderEntry("Alda Verin", "Norland", short=("Verin",)),))
    done = refresh_store(store, corpus, lexicon)
    assert done is not None and (done.changed, done.unchanged) == (6, 0)
    after = {str(row[0]) for row in rows(store, "SELECT lexicon FROM articles")}
    assert len(after) == 1 and after != before
    named = rows(store, "SELECT count(*) FROM leaders WHERE name = 'Alda Verin'")
    assert int(str(named[0][0])) > 0


def test_changed_on_disk_sees_an_added_file_by_its_folder(store: Path, corpus: Path) -> None:
    refresh(store, corpus)
    assert not changed_on_disk(store, corpus)
    (corpus / "new.txt").write_text(readout(99), encoding="utf-8")
    assert changed_on_disk(store, corpus)
    refresh(store, corpus)
    assert not changed_on_disk(store, corpus)


def test_changed_on_disk_sees_a_file_rewritten_in_place_at_the_full_check(
    store: Path, corpus: Path
) -> None:
    make_corpus(corpus, 2, sub="deep")
    refresh(store, corpus)
    watch = DiskWatch(spacing=0)
    with closing(schema.connect(store)) as conn:
        assert not watch.changed(conn, corpus)
        path = corpus / "deep" / "r0001.txt"
        path.write_text(readout(1) + "More.\n", encoding="utf-8")
        assert watch.changed(conn, corpus)


def test_changed_on_disk_of_a_store_never_refreshed_is_true(store: Path, corpus: Path) -> None:
    store.parent.mkdir(parents=True)
    schema.connect(store).close()
    assert changed_on_disk(store, corpus)


def test_full_check_waits_spacing_times_its_cost(store: Path, corpus: Path) -> None:
    refresh(store, corpus)
    watch = DiskWatch(spacing=1e6)
    with closing(schema.connect(store)) as conn:
        assert not watch.changed(conn, corpus)
        path = corpus / "r0001.txt"
        path.write_text(readout(1) + "More.\n", encoding="utf-8")
        assert not watch.changed(conn, corpus)  # the next full check is not due yet
        watch.next_full = 0.0
        assert watch.changed(conn, corpus)


def test_unreadable_store_counts_as_changed(tmp_path: Path, corpus: Path) -> None:
    store = tmp_path / "library.sqlite"
    store.write_bytes(b"not a database at all" * 100)
    with pytest.raises(sqlite3.DatabaseError):
        schema.connect(store).close()
    assert changed_on_disk(store, corpus)


def test_a_refresh_counts_as_a_full_check_for_polling(store: Path, corpus: Path) -> None:
    from tui.core.store import refresh as refreshing

    refresh(store, corpus)
    watch = refreshing._watch(store)
    assert watch.last_cost > 0
    assert watch.next_full > time.monotonic()


def test_file_that_cannot_be_opened_is_not_read_again_until_it_changes(
    store: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.core.store import reading

    opened = reading._bytes
    locked = corpus / "r0001.txt"

    def refuse(path: Path) -> tuple[bytes, int, int]:
        if path == locked:
            raise PermissionError(13, "Permission denied")
        return opened(path)

    monkeypatch.setattr(reading, "_bytes", refuse)
    first = refresh(store, corpus)
    assert [str(w) for w in first.warnings] == [f"{locked}: skipped: Permission denied"]
    before = generation(store)
    again = refresh(store, corpus)
    assert (again.changed, again.unchanged, again.warnings) == (0, 6, ())
    assert generation(store) == before
    _later(locked)
    assert refresh(store, corpus).changed == 1
