"""When a refresh may skip looking at every file (`tui.core.store.checks`): a file
added, deleted or renamed moves its folder's stamp and is always seen; a file rewritten
in place is seen at the next full check, which a large library makes at most every
`SPACING` times its cost, and `scan="always"` (`readout refresh`) at once."""

from __future__ import annotations

import os
import sqlite3
import time
from contextlib import closing
from pathlib import Path

import pytest

from tests.core.refresh_support import make_corpus, readout, refresh, rows, stored_ids
from tui.core.corpus_files import find_article_files, find_article_names
from tui.core.extract.lexicon import LeaderEntry, Lexicon
from tui.core.store import checks, manifest
from tui.core.store import refresh as refresh_module
from tui.core.store.checks import FullCheck
from tui.core.store.refresh import refresh_store


@pytest.fixture
def store(tmp_path: Path) -> Path:
    return tmp_path / "store" / "library.sqlite"


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A corpus in two folders and an empty third, whose library counts as large (a
    full check is never cheap) and whose folders as settled (not racy)."""
    monkeypatch.setattr(checks, "CHEAP", 0.0)
    monkeypatch.setattr(checks, "SPACING", 1e9)
    monkeypatch.setattr(manifest, "RACY", 0.0)
    folder = make_corpus(tmp_path / "corpus", 3)
    make_corpus(folder, 2, sub="deep")
    (folder / "empty").mkdir()
    return folder


def when_due(store: Path, corpus: Path) -> bool:
    """Whether a command's refresh looked at every file."""
    done = refresh(store, corpus, scan="when_due")
    return done.full


def test_an_unchanged_library_skips_the_full_check(store: Path, corpus: Path) -> None:
    first = refresh(store, corpus)
    assert first.full and first.added == 5
    skipped = refresh(store, corpus, scan="when_due")
    assert not skipped.full and skipped.unchanged == 5 and not skipped.changed_anything


@pytest.mark.parametrize("where", ["r9.txt", "deep/r9.txt", "empty/r9.txt"])
def test_an_added_file_is_seen(store: Path, corpus: Path, where: str) -> None:
    refresh(store, corpus)
    (corpus / where).write_text(readout(9), encoding="utf-8")
    done = refresh(store, corpus, scan="when_due")
    assert done.full and done.added == 1 and where in stored_ids(store)


def test_a_deleted_file_is_seen(store: Path, corpus: Path) -> None:
    refresh(store, corpus)
    (corpus / "deep" / "r0001.txt").unlink()
    done = refresh(store, corpus, scan="when_due")
    assert done.deleted == 1 and "deep/r0001.txt" not in stored_ids(store)


def test_a_renamed_file_is_seen(store: Path, corpus: Path) -> None:
    refresh(store, corpus)
    (corpus / "deep" / "r0001.txt").rename(corpus / "empty" / "moved.txt")
    done = refresh(store, corpus, scan="when_due")
    assert done.renamed == 1 and "empty/moved.txt" in stored_ids(store)


def rewrite_in_place(file: Path) -> None:
    """The same number of bytes, other words, a later time stamp; the folder untouched."""
    before = file.stat()
    text = file.read_text(encoding="utf-8").replace("Kestra", "Vestra").replace("Valmo", "Kalmo")
    text = text.replace("Orrin", "Urrin").replace("Tassel", "Hassel")
    with file.open("r+", encoding="utf-8") as handle:
        handle.write(text)
    os.utime(file, ns=(before.st_atime_ns, before.st_mtime_ns + 10**9))
    assert file.stat().st_size == before.st_size


def test_a_file_rewritten_in_place_waits_for_the_next_full_check(
    store: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    refresh(store, corpus)
    rewrite_in_place(corpus / "deep" / "r0000.txt")
    assert not when_due(store, corpus)  # the last full check is recent
    monkeypatch.setattr(checks, "SPACING", 0.0)  # ... and now it is due
    done = refresh(store, corpus, scan="when_due")
    assert done.full and done.changed == 1


def test_scan_always_sees_a_file_rewritten_in_place(store: Path, corpus: Path) -> None:
    refresh(store, corpus)
    rewrite_in_place(corpus / "r0002.txt")
    assert refresh(store, corpus, scan="always").changed == 1


def test_the_app_opening_defers_a_due_full_check(
    store: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    refresh(store, corpus)
    monkeypatch.setattr(checks, "SPACING", 0.0)
    assert not refresh(store, corpus, scan="when_moved").full
    assert refresh(store, corpus, scan="when_due").full


def test_another_lexicon_is_never_skipped(store: Path, corpus: Path) -> None:
    refresh(store, corpus)
    lexicon = Lexicon(leaders=(LeaderEntry("Alda Verin", "Norland"),))
    done = refresh_store(store, corpus, lexicon, scan="when_moved")
    assert done is not None and done.full and done.changed == 5


def test_a_refresh_that_did_not_end_is_never_skipped(store: Path, corpus: Path) -> None:
    refresh(store, corpus)
    with closing(sqlite3.connect(store)) as conn, conn:
        conn.execute("DELETE FROM meta WHERE key = ?", (checks.CHECKED,))
    assert when_due(store, corpus)
    assert not when_due(store, corpus)


def test_a_refresh_begun_forgets_the_last_full_check(
    store: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    refresh(store, corpus)
    from tui.core.store import refresh as refreshing

    def killed(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(refreshing._Refresh, "_finish", killed)
    (corpus / "r9.txt").write_text(readout(9), encoding="utf-8")
    with pytest.raises(KeyboardInterrupt):
        refresh(store, corpus)
    assert rows(store, f"SELECT * FROM meta WHERE key = '{checks.CHECKED}'") == []


def test_a_folder_changed_during_the_walk_is_walked_again(
    store: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(manifest, "RACY", 3600.0)  # every folder just changed
    refresh(store, corpus)
    assert when_due(store, corpus)


@pytest.mark.parametrize(
    ("seconds", "ago", "due"),
    [(0.05, 0.0, True), (1.0, 299.0, False), (1.0, 301.0, True), (1.0, -5.0, True)],
)
def test_full_check_due(seconds: float, ago: float, due: bool) -> None:
    now = time.time()
    assert FullCheck(now - ago, seconds, "x").due(now) is due


def test_names_and_files_find_the_same(corpus: Path) -> None:
    (corpus / "deep" / ".hidden.txt").write_text("x", encoding="utf-8")
    (corpus / "note.pdf").write_text("x", encoding="utf-8")
    (corpus / "link").symlink_to(corpus / "deep")
    names = find_article_names(corpus)
    files = find_article_files(corpus)
    assert sorted(names.files) == sorted(map(str, files.files))
    assert [(Path(p), r) for p, r in names.problems] == files.problems
    assert set(names.folders) == {str(corpus), *(str(corpus / f) for f in ("deep", "empty"))}


class _Clock:
    """`manifest`'s `time`, with `time_ns` at `now_ns` (the rest the real module's)."""

    def __init__(self, now_ns: int) -> None:
        self.now_ns = now_ns

    def time_ns(self) -> int:
        return self.now_ns

    def __getattr__(self, name: str) -> object:
        return getattr(time, name)


def _newest_stamp(corpus: Path) -> int:
    return max(manifest._stamp(os.stat(p)) for p in [corpus, *corpus.rglob("*")] if p.is_dir())


@pytest.mark.parametrize("long", [True, False])
def test_a_long_refresh_ends_with_the_folders_it_found_too_recent_settled(
    store: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch, long: bool
) -> None:
    # The walk begins as the folders were written (a cold build right after a copy):
    # they are too recent to trust. A long refresh walks again as it ends, when they
    # have settled, and keeps their stamps; a short one leaves them to the next.
    monkeypatch.setattr(manifest, "RACY", 1.0)
    clock = _Clock(_newest_stamp(corpus))
    monkeypatch.setattr(manifest, "time", clock)
    monkeypatch.setattr(refresh_module, "SETTLE_AFTER", 0.0 if long else 1e9)
    walks = []
    real_scan = manifest.scan_folder

    def scan(root: Path, should_stop: object = None) -> manifest.Scan:
        walks.append(root)
        found = real_scan(root, should_stop)  # type: ignore[arg-type]
        clock.now_ns += 5 * 10**9  # the build takes a while
        return found

    monkeypatch.setattr(manifest, "scan_folder", scan)
    monkeypatch.setattr(refresh_module, "scan_folder", scan)
    refresh(store, corpus)
    assert len(walks) == (2 if long else 1)
    assert when_due(store, corpus) is not long


def test_a_folder_that_changed_before_the_settling_walk_stays_to_walk(
    store: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(manifest, "RACY", 1.0)
    clock = _Clock(_newest_stamp(corpus))
    monkeypatch.setattr(manifest, "time", clock)
    monkeypatch.setattr(refresh_module, "SETTLE_AFTER", 0.0)
    real_scan = manifest.scan_folder

    def scan(root: Path, should_stop: object = None) -> manifest.Scan:
        found = real_scan(root, should_stop)  # type: ignore[arg-type]
        if not (root / "late.txt").exists():  # a file lands during the build
            (root / "late.txt").write_text(readout(99), encoding="utf-8")
        clock.now_ns += 5 * 10**9
        return found

    monkeypatch.setattr(manifest, "scan_folder", scan)
    monkeypatch.setattr(refresh_module, "scan_folder", scan)
    refresh(store, corpus)
    assert when_due(store, corpus)
    assert "late.txt" in stored_ids(store)
