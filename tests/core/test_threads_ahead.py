"""Threads linked ahead in a child process (`Library.link_threads_ahead`), kept beside
the store, and one linker at a time (the lock others wait on, then read)."""

from __future__ import annotations

import multiprocessing
import shutil
import threading
import time
from pathlib import Path

import pytest
from filelock import FileLock

from tests.conftest import SEEDS
from tests.core.test_store_events import filled
from tests.core.test_store_records import LEXICON
from tui.core.cancel import Cancelled
from tui.core.store import Library
from tui.core.store import threads as stored_threads
from tui.core.threads import Thread


def no_linking(*_: object, **__: object) -> list[Thread]:
    raise AssertionError("linked in this process")


def test_threads_linked_ahead_are_kept_and_read_back_without_linking(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with filled(SEEDS, tmp_path / "here") as library:
        linked_here = library.threads()
    with filled(SEEDS, tmp_path / "ahead") as library:
        assert not library.threads_kept()
        assert library.link_threads_ahead() is True
        assert library.threads_kept()
        monkeypatch.setattr(stored_threads, "link_threads", no_linking)
        assert library.threads() == linked_here
    assert not multiprocessing.active_children()


def test_threads_kept_are_no_longer_so_once_the_store_changes(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    with Library.open(corpus, lexicon=LEXICON, store=tmp_path / "library.sqlite") as library:
        library.refresh()
        library.threads()
        assert library.threads_kept()
        (corpus / "later.txt").write_text(
            "date 2026-06-01\nTô Lâm met Xi Jinping. The two sides agreed to build the "
            "railway lines.\n",
            encoding="utf-8",
        )
        library.refresh()
        assert not library.threads_kept()


@pytest.mark.parametrize("head", [b"", b"{not json", b'{"key": "3:x"}', b'{"keys": "a"}'])
def test_a_file_of_other_or_damaged_threads_is_not_taken_as_kept(
    tmp_path: Path, head: bytes
) -> None:
    with filled(SEEDS, tmp_path) as library:
        library.threads()
        stored_threads.cache_path(library.store_path).write_bytes(head)
        assert not library.threads_kept()


def test_stopping_the_linking_ahead_ends_its_process_and_keeps_nothing(tmp_path: Path) -> None:
    with filled(SEEDS, tmp_path) as library:
        started = time.monotonic()
        with pytest.raises(Cancelled):
            library.link_threads_ahead(lambda: time.monotonic() - started > 0.2)
        assert not multiprocessing.active_children()
        assert not library.threads_kept()


def test_a_linking_process_that_fails_says_so_and_raises_nothing(tmp_path: Path) -> None:
    with filled(SEEDS, tmp_path) as library:
        library.store_path = tmp_path / "gone" / "library.sqlite"  # cannot be opened there
        assert library.link_threads_ahead() is False


def test_a_reader_waits_for_the_linker_then_reads_what_it_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with filled(SEEDS, tmp_path) as library:
        store = library.store_path
        linked = library.threads()
        library._threads = None  # forget them in memory: read from the file
        kept = stored_threads.cache_path(store)
        made = kept.read_bytes()
        kept.unlink()
        lock = FileLock(str(stored_threads.lock_path(store)), thread_local=False)
        lock.acquire()
        released = threading.Event()

        def linker_ends() -> None:  # another process keeps them, then lets go
            time.sleep(0.3)
            kept.write_bytes(made)
            lock.release()
            released.set()

        threading.Thread(target=linker_ends).start()
        monkeypatch.setattr(stored_threads, "link_threads", no_linking)
        assert library.threads() == linked
        assert released.is_set()


def test_a_reader_waiting_for_the_linker_stops_when_told(tmp_path: Path) -> None:
    with filled(SEEDS, tmp_path) as library:
        store = library.store_path
        lock = FileLock(str(stored_threads.lock_path(store)))
        with lock:
            started = time.monotonic()
            with pytest.raises(Cancelled):
                library.threads(should_stop=lambda: time.monotonic() - started > 0.3)
            assert time.monotonic() - started < 5
        assert not stored_threads.cache_path(store).exists()


def test_no_process_that_can_be_started_is_no_linking_ahead(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.core.store import threads_ahead

    class Unstartable:
        def __init__(self, **_: object) -> None: ...

        def start(self) -> None:
            raise ValueError("bad value(s) in fds_to_keep")  # standard error gone

    class Context:
        Process = Unstartable

    monkeypatch.setattr(threads_ahead, "get_context", lambda _method: Context())
    with filled(SEEDS, tmp_path) as library:
        assert library.link_threads_ahead() is False
        assert not library.threads_kept()


def test_a_library_opened_to_link_apart_links_in_a_child_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with filled(SEEDS, tmp_path / "here") as library:
        linked_here = library.threads()
    with filled(SEEDS, tmp_path / "apart") as filling:
        store = filling.store_path
    monkeypatch.setattr(stored_threads, "link_threads", no_linking)  # not in this process
    with Library.open(SEEDS, lexicon=LEXICON, store=store, link_apart=True) as library:
        assert library.threads() == linked_here
        assert library.threads_kept()
    assert not multiprocessing.active_children()
