"""Refreshing a store: batches, both cores, stopping, the lock, and readers."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from filelock import FileLock

from tests.conftest import deadline
from tests.core.refresh_support import (
    assert_consistent,
    dump,
    generation,
    make_corpus,
    refresh,
    rows,
    stored_ids,
)
from tui.core.cancel import Cancelled
from tui.core.corpus import load_corpus
from tui.core.extract.lexicon import Lexicon
from tui.core.store import Library, schema
from tui.core.store import refresh as refreshing
from tui.core.store.model import LibraryError, RefreshProgress
from tui.core.store.refresh import refresh_store

ROOT = Path(__file__).resolve().parents[2]

_REFRESH = """
import sys
from pathlib import Path
from tui.core.extract.lexicon import Lexicon
from tui.core.store import refresh as refreshing
from tui.core.store.refresh import refresh_store
done = refresh_store(Path(sys.argv[1]), Path(sys.argv[2]), Lexicon(), workers=1,
                     batch_size=int(sys.argv[3]))
print("refreshed" if done is not None else "skipped", flush=True)
"""


def _start_refresh(store: Path, root: Path, batch: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", _REFRESH, str(store), str(root), str(batch)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for(condition: object, seconds: float) -> None:
    """Poll `condition()` until it is true; fail after `seconds`."""
    assert callable(condition)
    end = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < end, "condition not met in time"
        time.sleep(0.005)


def _committed(store: Path) -> bool:
    try:
        return store.exists() and generation(store) > 0
    except sqlite3.Error:
        return False


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "store" / "library.sqlite"
    path.parent.mkdir()
    return path


def test_refresh_killed_after_its_first_batch_leaves_a_store_the_next_one_completes(
    store: Path, tmp_path: Path
) -> None:
    corpus = make_corpus(tmp_path / "corpus", 400)
    process = _start_refresh(store, corpus, 10)
    try:
        _wait_for(lambda: _committed(store), 60)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    assert 0 < len(stored_ids(store)) < 400
    assert_consistent(store)
    done = refresh(store, corpus)
    assert done.unchanged > 0 and done.added == 400 - done.unchanged
    assert stored_ids(store) == {article.id for article in load_corpus(corpus).articles}
    assert_consistent(store)


def test_two_refreshes_at_once_one_waits_and_the_store_ends_right(
    store: Path, tmp_path: Path
) -> None:
    corpus = make_corpus(tmp_path / "corpus", 150)
    first, second = _start_refresh(store, corpus, 20), _start_refresh(store, corpus, 20)
    outputs = [process.communicate(timeout=120) for process in (first, second)]
    assert [process.returncode for process in (first, second)] == [0, 0], outputs
    assert [out.strip() for out, _ in outputs] == ["refreshed", "refreshed"]
    assert stored_ids(store) == {article.id for article in load_corpus(corpus).articles}
    assert rows(store, "SELECT count(*) FROM files") == [(150,)]
    assert_consistent(store)


def test_refresh_that_must_not_wait_returns_none_while_another_holds_the_lock(
    store: Path, tmp_path: Path
) -> None:
    corpus = make_corpus(tmp_path / "corpus", 3)
    with FileLock(schema.lock_path(store)):
        assert refresh_store(store, corpus, Lexicon(), wait=False) is None
        stop = threading.Event()
        timer = threading.Timer(0.2, stop.set)
        timer.start()
        with deadline(10), pytest.raises(Cancelled):
            refresh_store(store, corpus, Lexicon(), should_stop=stop.is_set)
    assert refresh_store(store, corpus, Lexicon(), wait=False) is not None


def test_should_stop_ends_a_refresh_between_files_and_the_next_one_resumes(
    store: Path, tmp_path: Path
) -> None:
    corpus = make_corpus(tmp_path / "corpus", 60)

    def stop_after_a_while() -> bool:
        return len(stored_ids(store)) >= 20

    with pytest.raises(Cancelled):
        refresh(store, corpus, should_stop=stop_after_a_while, batch_size=10)
    assert len(stored_ids(store)) == 20
    assert_consistent(store)
    assert refresh(store, corpus).added == 40
    assert len(stored_ids(store)) == 60


def test_pool_stops_promptly_when_asked(store: Path, tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", 400)
    seen: list[RefreshProgress] = []

    def stop_once_reading() -> bool:
        return any(p.phase == "reading" and p.done > 0 for p in seen)

    with deadline(60), pytest.raises(Cancelled):
        refresh(
            store,
            corpus,
            workers=2,
            pool_from=1,
            progress=seen.append,
            should_stop=stop_once_reading,
        )
    assert len(stored_ids(store)) < 400
    assert_consistent(store)


def test_pool_and_in_process_make_the_same_store(
    store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = make_corpus(tmp_path / "corpus", 70)
    (corpus / "broken.txt").write_bytes(b"\x00\x01binary")
    pooled = tmp_path / "pooled" / "library.sqlite"
    refresh(store, corpus, workers=1, batch_size=25)
    pools: list[int] = []
    in_pool = refreshing.in_pool

    def counted_pool(*args: Any) -> Any:
        pools.append(args[2])
        return in_pool(*args)

    monkeypatch.setattr(refreshing, "in_pool", counted_pool)
    refresh(pooled, corpus, workers=2, pool_from=1, batch_size=25)
    assert pools == [2]
    assert dump(pooled) == dump(store)


def test_progress_goes_through_the_phases_up_to_every_file(store: Path, tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", 40)
    seen: list[RefreshProgress] = []
    refresh(store, corpus, progress=seen.append, batch_size=10)
    phases = list(dict.fromkeys(p.phase for p in seen))
    assert phases == ["scanning", "reading", "finishing"]
    reading = [p.done for p in seen if p.phase == "reading"]
    assert reading == sorted(reading) and reading[-1] == 40
    assert seen[-1] == RefreshProgress("finishing", 1, 1)


def test_generation_grows_with_each_batch(store: Path, tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", 30)
    seen: list[int] = []
    refresh(store, corpus, batch_size=10, progress=lambda _: seen.append(generation(store)))
    assert len(set(seen)) >= 4  # three batches and the passes after them


def test_reader_keeps_its_snapshot_while_a_refresh_commits(store: Path, tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", 20)
    refresh(store, corpus)
    make_corpus(corpus, 30)
    with closing(schema.connect(store)) as reader:
        reader.execute("BEGIN")
        assert reader.execute("SELECT count(*) FROM articles").fetchone() == (20,)
        with deadline(60):
            refresh(store, corpus, batch_size=5)
        assert reader.execute("SELECT count(*) FROM articles").fetchone() == (20,)
        reader.commit()
        assert reader.execute("SELECT count(*) FROM articles").fetchone() == (30,)


def test_readers_in_threads_never_fail_while_a_refresh_writes(store: Path, tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", 80)
    errors: list[BaseException] = []
    counts: list[int] = []
    finished = threading.Event()

    def read() -> None:
        try:
            while not finished.is_set():
                if store.exists():
                    with closing(schema.connect(store)) as conn:
                        counts.append(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
        except BaseException as error:
            errors.append(error)

    reader = threading.Thread(target=read)
    reader.start()
    try:
        refresh(store, corpus, batch_size=10)
    finally:
        finished.set()
        reader.join()
    assert errors == []
    assert counts == sorted(counts)


def test_missing_folder_is_a_library_error(store: Path, tmp_path: Path) -> None:
    with pytest.raises(LibraryError, match="not found"):
        refresh(store, tmp_path / "nowhere")


def test_files_added_after_a_refresh_are_found_by_search_after_the_next(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", 12)
    with Library.open(corpus, lexicon=Lexicon()) as library:
        library.refresh()
        assert library.search("zanzibarite") == []
        (corpus / "new.txt").write_text(
            "date 2025-05-05\nThe two sides agreed on zanzibarite exports.\n", encoding="utf-8"
        )
        (corpus / "r0003.txt").unlink()
        done = library.refresh()
        assert done is not None and (done.added, done.deleted) == (1, 1)
        assert [hit.article_id for hit in library.search("zanzibarite")] == ["new.txt"]
        assert "r0003.txt" not in {hit.article_id for hit in library.search("'meeting 3", 50)}


def test_a_long_refresh_compacts_its_segments_on_the_way(
    store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = make_corpus(tmp_path / "corpus", 40)
    counts: list[int] = []
    compact = refreshing.postings.compact

    def counted(conn: sqlite3.Connection, folder: Path) -> None:
        counts.append(len(conn.execute("SELECT name FROM segments").fetchall()))
        compact(conn, folder)

    monkeypatch.setattr(refreshing, "COMPACT_EVERY", 4)
    monkeypatch.setattr(refreshing.postings, "compact", counted)
    refresh(store, corpus, batch_size=2)
    assert len(counts) == 20 // 4 + 1
    assert rows(store, "SELECT count(*) FROM segments")[0][0] < 20
