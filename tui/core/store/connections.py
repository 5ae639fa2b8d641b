"""The SQLite connections of one `Library`: one per thread, closed when their thread has
ended (the app's workers are short-lived threads), and one search index that every
thread shares, on a connection of its own, behind a lock, so that a search in a new
worker thread does not map the segments and read the article list again.

A store replaced under a running library (`readout refresh --rebuild` in another
terminal, the file deleted, another process rebuilding a damaged store) is noticed by
its file's identity (device and inode): every connection and the index are opened
again, on the new file, and `incarnation` grows."""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from tui.core.postings import StoreIndex
from tui.core.store import schema
from tui.core.store.model import LibraryError
from tui.core.store.opening import connect_again

__all__ = ["Connections", "file_identity"]


def file_identity(path: Path | str) -> tuple[int, int] | None:
    """The device and inode of the file at `path`; `None` when there is none."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino


class Connections:
    """Connections to the store at `path`; `first` is the opening thread's. `reopen`
    opens the store again (made or rebuilt as `Library.open` does) once it was
    replaced."""

    def __init__(
        self,
        path: Path,
        first: sqlite3.Connection,
        synonyms: Iterable[Sequence[str]] = (),
        reopen: Callable[[], sqlite3.Connection] | None = None,
    ) -> None:
        self._path = path
        self._where = os.fspath(path)  # a stat of a str is quicker than of a Path
        self._synonyms = tuple(tuple(group) for group in synonyms)
        self._reopen = reopen if reopen is not None else (lambda: connect_again(path))
        self._guard = threading.Lock()
        self._reopening = threading.Lock()
        self._identity = file_identity(path)
        self.incarnation = 0
        """Grows each time the store file was found replaced."""
        self._by_thread: dict[threading.Thread, tuple[int, sqlite3.Connection]] = {
            threading.current_thread(): (0, first)
        }
        self._closed = False
        self._search = threading.Lock()
        self._index: tuple[sqlite3.Connection, StoreIndex, tuple[int, int]] | None = None

    def get(self) -> sqlite3.Connection:
        """This thread's connection, opened on first use (again when the store was
        replaced); those of ended threads are closed on the way."""
        thread = threading.current_thread()
        fresh = self._replaced()
        with self._guard:
            if self._closed:
                raise LibraryError("the library is closed")
            entry = self._by_thread.pop(thread, None)
            stale = [] if entry is None else [entry[1]]
            if fresh is not None:
                entry = (self.incarnation, fresh)
            if entry is not None and entry[0] == self.incarnation:
                self._by_thread[thread] = entry
                return self._closing(stale, entry[1])
            ended = [t for t in self._by_thread if not t.is_alive()]
            stale.extend(self._by_thread.pop(old)[1] for old in ended)
            incarnation = self.incarnation
        conn = self._closing(stale, connect_again(self._path))
        with self._guard:
            self._by_thread[thread] = (incarnation, conn)
        return conn

    @staticmethod
    def _closing(stale: list[sqlite3.Connection], conn: sqlite3.Connection) -> sqlite3.Connection:
        """`conn`, after closing the `stale` connections (this thread's old one, those
        of ended threads)."""
        for old in stale:
            if old is not conn:
                old.close()
        return conn

    def _replaced(self) -> sqlite3.Connection | None:
        """When the file at the store's path is not the one opened: a connection to
        the new one (opened with `reopen`), `incarnation` grown; else `None`. One
        thread reopens while the others go on with their connections (the app's
        screen never waits for it); a store that cannot be reopened yet (another
        readout is rebuilding it) is tried again at the next call."""
        if file_identity(self._where) == self._identity:
            return None
        if not self._reopening.acquire(blocking=False):
            return None
        try:
            if self._closed or file_identity(self._path) == self._identity:
                return None
            try:
                conn = self._reopen()  # may make or rebuild the store: identity after
            except LibraryError:
                return None
            with self._guard:
                self._identity = file_identity(self._path)
                self.incarnation += 1
            return conn
        finally:
            self._reopening.release()

    @contextmanager
    def search_index(self) -> Iterator[StoreIndex]:
        """The shared search index, opened again when the store's generation moved
        or the store was replaced; one thread at a time uses it."""
        self.get()  # notices a replaced store
        with self._search:
            incarnation = self.incarnation
            if self._index is not None and self._index[2][0] != incarnation:
                self._index[0].close()
                self._index = None
            conn = connect_again(self._path) if self._index is None else self._index[0]
            generation = schema.generation(conn)  # read first: the index is as new or newer
            if self._index is None or self._index[2] != (incarnation, generation):
                index = _open_index(conn, self._path, self._synonyms)
                self._index = (conn, index, (incarnation, generation))
            yield self._index[1]

    @property
    def count(self) -> int:
        """How many connections are open (those of threads and the search's)."""
        with self._guard:
            return len(self._by_thread) + (self._index is not None)

    def close(self) -> None:
        """Close every connection (in any thread); waits for a search under way."""
        with self._guard:
            self._closed = True
            connections = [conn for _, conn in self._by_thread.values()]
            self._by_thread.clear()
        with self._search:
            if self._index is not None:
                connections.append(self._index[0])
                self._index = None
        for conn in connections:
            conn.close()


def _open_index(
    conn: sqlite3.Connection, path: Path, synonyms: Iterable[Sequence[str]]
) -> StoreIndex:
    return StoreIndex.open(conn, schema.segments_folder(path), synonyms)
