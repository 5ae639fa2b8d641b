"""A store that changes under a running `Library`, or is damaged where SQLite cannot
see it: a store replaced (rebuilt or deleted by another process) is read again; every
error of the store is a one-line `LibraryError` naming it; damage (search files
missing, cut short or mixed up, stored values that cannot be read, a table dropped)
marks the store, which the next open makes again with a notice."""

from __future__ import annotations

import os
import select
import signal
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from filelock import FileLock

from tests.conftest import ROOT, SEEDS, deadline
from tests.core.test_store_open import made
from tests.core.test_store_records import LEXICON, fill, parsed
from tui.core.store import Library, LibraryError, refresh, schema


def in_thread(work: Callable[[], object]) -> object:
    """`work()` run in a new thread (as the app's workers run)."""
    found: list[object] = []
    thread = threading.Thread(target=lambda: found.append(work()))
    thread.start()
    thread.join()
    return found[0]


def remake_without(store: Path, article_id: str) -> None:
    """Delete the store at `store` and make it again, as another process would, with
    every seed but `article_id` (the generation as it was: only the file tells)."""
    schema.remove_store(store)
    with Library.open(SEEDS, lexicon=LEXICON, store=store) as other:
        conn = other._conn()
        fill(conn, other.root)
        conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
        conn.execute("UPDATE meta SET value = '1' WHERE key = 'generation'")
        conn.commit()


def test_a_store_rebuilt_under_a_library_is_read_again_by_every_thread(tmp_path: Path) -> None:
    store = tmp_path / "library.sqlite"
    count = made(store)
    gone = parsed(SEEDS)[0]
    word = max(gone.text.split(), key=len)
    with Library.open(SEEDS, lexicon=LEXICON, store=store) as library:
        before = library.generation()
        assert library.count() == count and in_thread(library.count) == count
        assert any(hit.article_id == gone.id for hit in library.search(word))
        remake_without(store, gone.id)
        assert library.generation() != before  # the app's watch re-reads
        assert library.count() == count - 1
        assert in_thread(library.count) == count - 1
        assert library.get(gone.id) is None
        assert all(hit.article_id != gone.id for hit in library.search(word))
        assert all(library.get(hit.article_id) for hit in library.search(word))


def test_a_store_deleted_under_a_library_is_made_again_empty(tmp_path: Path) -> None:
    store = tmp_path / "library.sqlite"
    made(store)
    with Library.open(SEEDS, lexicon=LEXICON, store=store) as library:
        before = library.generation()
        schema.remove_store(store)
        assert library.generation() != before
        assert library.count() == 0 and in_thread(library.count) == 0
        assert library.search("Xi") == []
        library.refresh(workers=1)
        assert library.count() == len(parsed(SEEDS))


def test_a_replaced_store_another_process_holds_is_read_old_until_it_can_be_opened(
    tmp_path: Path,
) -> None:
    store = tmp_path / "library.sqlite"
    count = made(store)
    with Library.open(SEEDS, lexicon=LEXICON, store=store) as library:
        schema.remove_store(store)
        store.write_bytes(b"")  # being made by another readout, which holds the lock
        with FileLock(schema.lock_path(store)), deadline(20):
            assert library.count() == count  # the old file answers meanwhile, no wait
        assert library.count() == 0  # made again here once the lock was free
        assert in_thread(library.count) == 0


def assert_damaged_then_rebuilt(store: Path, use: Callable[[Library], object]) -> None:
    """Using the store is a one-line error saying it is damaged (or opening it already
    rebuilt it); the next open rebuilds it with a notice, and it works again."""
    library = Library.open(SEEDS, lexicon=LEXICON, store=store)
    if not library.notices:
        with library, pytest.raises(LibraryError) as raised:
            use(library)
        message = str(raised.value)
        assert "damaged" in message and "\n" not in message and str(store) in message
        library = Library.open(SEEDS, lexicon=LEXICON, store=store)
    with library:
        (notice,) = library.notices
        assert "rebuilt" in notice and "\n" not in notice
        library.refresh(workers=1)
        assert library.count() == len(parsed(SEEDS))
        assert library.search("Xi Jinping")


def segment_files(store: Path, kind: str) -> list[Path]:
    return sorted(schema.segments_folder(store).glob(f"*.{kind}.npy"))


def cut_short(store: Path) -> None:
    (path,) = segment_files(store, "postings")
    os.truncate(path, path.stat().st_size // 2)


def emptied(store: Path) -> None:
    (path,) = segment_files(store, "articles")
    os.truncate(path, 0)


def swapped(store: Path) -> None:
    (first,), (second,) = segment_files(store, "postings"), segment_files(store, "sids")
    data = first.read_bytes()
    first.write_bytes(second.read_bytes())
    second.write_bytes(data)


def folder_gone(store: Path) -> None:
    for path in schema.segments_folder(store).iterdir():
        path.unlink()
    schema.segments_folder(store).rmdir()


def flipped(store: Path) -> None:
    """Every word's postings point far beyond the sentences (bytes flipped)."""
    (path,) = segment_files(store, "postings")
    data = bytearray(path.read_bytes())
    header = data.index(b"\n") + 1
    for at in range(header + 1, len(data), 4):
        data[at] |= 0x70
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", [cut_short, emptied, swapped, folder_gone, flipped])
def test_damaged_search_files_are_a_one_line_error_then_rebuilt(
    tmp_path: Path, damage: Callable[[Path], None]
) -> None:
    store = tmp_path / "library.sqlite"
    made(store)
    damage(store)
    assert_damaged_then_rebuilt(store, lambda library: library.search("Xi Jinping"))


def test_a_stored_value_that_cannot_be_read_is_a_one_line_error_then_rebuilt(
    tmp_path: Path,
) -> None:
    store = tmp_path / "library.sqlite"
    made(store)
    with sqlite3.connect(store) as conn:
        conn.execute("UPDATE extractions SET data = replace(data, '{', char(0))")
    first = parsed(SEEDS)[0].id
    assert_damaged_then_rebuilt(store, lambda library: library.extraction(first))


def test_a_dropped_table_is_rebuilt_at_open_and_damage_while_reading(tmp_path: Path) -> None:
    store = tmp_path / "library.sqlite"
    made(store)
    with sqlite3.connect(store) as conn:
        conn.execute("DROP TABLE words")
    with Library.open(SEEDS, lexicon=LEXICON, store=store) as library:
        (notice,) = library.notices
        assert "words is missing" in notice
    made(store)
    with Library.open(SEEDS, lexicon=LEXICON, store=store) as library:
        with sqlite3.connect(store) as conn:
            conn.execute("DROP TABLE names")
        with pytest.raises(LibraryError, match="damaged"):
            library.extractions([a.id for a in parsed(SEEDS)])
    assert_damaged_then_rebuilt(store, Library.count)


@pytest.mark.parametrize(
    "error",
    [
        sqlite3.OperationalError("attempt to write a readonly database"),
        sqlite3.OperationalError("database or disk is full"),
        OSError(28, "No space left on device"),
    ],
)
def test_a_store_that_cannot_be_written_is_a_one_line_error_not_a_damaged_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: Exception
) -> None:
    store = tmp_path / "library.sqlite"
    made(store)

    def failing(*_: object, **__: object) -> None:
        raise error

    monkeypatch.setattr(refresh, "refresh_store", failing)
    with Library.open(SEEDS, lexicon=LEXICON, store=store) as library:
        with pytest.raises(LibraryError) as raised:
            library.refresh()
        message = str(raised.value)
        assert message.startswith("cannot use the library store") and str(store) in message
        assert "\n" not in message and "Error(" not in message
    assert not schema.damaged_marker(store).exists()


ORPHAN = """
import os, sys
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from tui.core.extract.lexicon import Lexicon
from tui.core.store.reading import start_worker
pool = ProcessPoolExecutor(
    1, mp_context=get_context("spawn"), initializer=start_worker,
    initargs=(Lexicon(), os.getpid()),
)
print(pool.submit(os.getpid).result(), flush=True)
os.kill(os.getpid(), 9)
"""


def test_a_worker_process_ends_when_its_parent_is_killed() -> None:
    with (
        deadline(60),
        subprocess.Popen(
            [sys.executable, "-c", ORPHAN], cwd=ROOT, stdout=subprocess.PIPE, text=True
        ) as parent,
    ):
        assert parent.stdout is not None
        worker = int(parent.stdout.readline())  # not to the end: the worker holds the pipe
        assert parent.wait() == -signal.SIGKILL
    try:
        handle = os.pidfd_open(worker)
    except ProcessLookupError:
        return  # already gone
    try:  # readable once the process has ended
        ended, _, _ = select.select([handle], [], [], 30)
    finally:
        os.close(handle)
    assert ended, "the worker process still runs after its parent was killed"


def test_a_refresh_that_compacts_a_damaged_search_file_marks_the_store_not_drops_it(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for article in parsed(SEEDS):
        (folder / article.id).write_bytes((SEEDS / article.id).read_bytes())
    store = tmp_path / "library.sqlite"
    with Library.open(folder, lexicon=LEXICON, store=store) as library:
        library.refresh(workers=1)
    cut_short(store)
    (folder / "new.txt").write_text("date 2025-03-01\nA new readout.", encoding="utf-8")
    with (
        Library.open(folder, lexicon=LEXICON, store=store) as library,
        pytest.raises(LibraryError, match="damaged"),
    ):
        library.refresh(workers=1)
    with Library.open(folder, lexicon=LEXICON, store=store) as library:
        (notice,) = library.notices
        assert "rebuilt" in notice
        library.refresh(workers=1)
        assert any(h.article_id != "new.txt" for h in library.search("Xi Jinping"))


def test_removing_a_store_leaves_nothing_of_it(tmp_path: Path) -> None:
    store = tmp_path / "library.sqlite"
    made(store)
    with Library.open(SEEDS, lexicon=LEXICON, store=store) as library:
        library.events()  # kept in a file beside the store
    assert store.with_suffix(".events.json").exists()
    schema.remove_store(store)
    # Only the refresh lock stays: another process may hold it (`filelock`).
    assert sorted(p.name for p in tmp_path.iterdir()) == ["library.lock"]
