"""The SQLite connections of one `Library`: one per thread, closed when their thread has
ended (the app's workers are short-lived threads), and one search index that every
thread shares, on a connection of its own, behind a lock, so that a search in a new
worker thread does not map the segments and read the article list again."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from tui.core.postings import StoreIndex
from tui.core.store import schema
from tui.core.store.model import LibraryError
from tui.core.store.opening import connect_again

__all__ = ["Connections"]


class Connections:
    """Connections to the store at `path`; `first` is the opening thread's."""

    def __init__(
        self, path: Path, first: sqlite3.Connection, synonyms: Iterable[Sequence[str]] = ()
    ) -> None:
        self._path = path
        self._synonyms = tuple(tuple(group) for group in synonyms)
        self._guard = threading.Lock()
        self._by_thread: dict[threading.Thread, sqlite3.Connection] = {
            threading.current_thread(): first
        }
        self._closed = False
        self._search = threading.Lock()
        self._index: tuple[sqlite3.Connection, StoreIndex, int] | None = None

    def get(self) -> sqlite3.Connection:
        """This thread's connection, opened on first use; those of ended threads are
        closed on the way."""
        thread = threading.current_thread()
        with self._guard:
            if self._closed:
                raise LibraryError("the library is closed")
            conn = self._by_thread.get(thread)
            if conn is not None:
                return conn
            ended = [t for t in self._by_thread if not t.is_alive()]
            for old in ended:
                self._by_thread.pop(old).close()
        conn = connect_again(self._path)
        with self._guard:
            self._by_thread[thread] = conn
        return conn

    @contextmanager
    def search_index(self) -> Iterator[StoreIndex]:
        """The shared search index, opened again when the store's generation moved;
        one thread at a time uses it."""
        with self._search:
            conn = connect_again(self._path) if self._index is None else self._index[0]
            generation = schema.generation(conn)  # read first: the index is as new or newer
            if self._index is None or self._index[2] != generation:
                index = _open_index(conn, self._path, self._synonyms)
                self._index = (conn, index, generation)
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
            connections = list(self._by_thread.values())
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
