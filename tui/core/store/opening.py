"""Opening a library store: where it lives, and making it again when it cannot be used
(another schema version, a truncated or corrupt file, another folder's store), under the
store's lock so that two processes never rebuild it at once."""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
from pathlib import Path

import platformdirs
from filelock import FileLock, Timeout

from tui.core.corpus_files import display_path
from tui.core.segments import KINDS
from tui.core.store import records, schema
from tui.core.store.model import LibraryError

__all__ = [
    "connect_again",
    "corpus_folder",
    "damaged",
    "default_store_path",
    "one_line",
    "open_store",
]

REBUILD_WAIT = 60.0
"""How long to wait for another process that holds the store's lock before rebuilding."""


SQLITE_HEADER = b"SQLite format 3\x00"
"""The first bytes of every SQLite database file."""


def libraries_folder() -> Path:
    """The folder of the stores readout places itself: `<cache>/readout/libraries`."""
    return platformdirs.user_cache_path("readout", appauthor=False) / "libraries"


def default_store_path(corpus: Path) -> Path:
    """Where the store of `corpus` lives when config.yaml does not say: the user's
    cache folder (platformdirs), one file per corpus folder, keyed by its resolved
    path: `<cache>/readout/libraries/<name>-<hash>/library.sqlite`."""
    resolved = corpus.resolve()
    key = hashlib.blake2b(os.fsencode(resolved), digest_size=8).hexdigest()
    name = "".join(c if c.isalnum() or c in "-_." else "_" for c in resolved.name)[:40]
    return libraries_folder() / f"{name or 'root'}-{key}" / "library.sqlite"


def open_store(
    path: Path, root: Path, wait: float = REBUILD_WAIT
) -> tuple[sqlite3.Connection, tuple[str, ...]]:
    """A connection to the store of `root` at `path` (its folder made), and the notices
    met opening it; `LibraryError` when it cannot be opened or made (or another
    process holds the store's lock for `wait` seconds while it must be made)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise LibraryError(
            f"cannot make the library folder {display_path(path.parent)}: {error.strerror or error}"
        ) from None
    return _open(path, root, wait)


def corpus_folder(corpus: Path) -> Path:
    """`corpus` resolved; `LibraryError` when it is not a readable folder."""
    if not corpus.exists():
        raise LibraryError(f"corpus folder not found: {display_path(corpus)}")
    if not corpus.is_dir():
        raise LibraryError(f"corpus path is not a folder: {display_path(corpus)}")
    if not os.access(corpus, os.R_OK | os.X_OK):
        raise LibraryError(f"cannot read the corpus folder {display_path(corpus)}")
    return corpus.resolve()


def connect_again(path: Path) -> sqlite3.Connection:
    """A connection to a store that opened before (no rebuild here)."""
    try:
        return schema.connect(path)
    except sqlite3.DatabaseError as error:
        raise LibraryError(f"cannot open the library store {display_path(path)}: {error}") from None


def damaged(path: Path, error: Exception) -> LibraryError:
    """The one-line error for `error`, met using the store at `path`; a store found
    damaged (SQLite says so, a table is missing, a stored value or a segment file
    cannot be read) is marked so that the next open makes it again. Permissions, a
    full disk or a lock are said as they are (`OSError`s and SQLite's own)."""
    if isinstance(error, (OSError, sqlite3.Error)) and not (
        isinstance(error, sqlite3.DatabaseError) and schema.is_unusable(error)
    ):
        why = error.strerror if isinstance(error, OSError) and error.strerror else error
        return LibraryError(f"cannot use the library store {display_path(path)}: {why}")
    with contextlib.suppress(OSError):
        schema.damaged_marker(path).touch()
    why = one_line(error)
    return LibraryError(
        f"the library store is damaged ({why}); it is made again at the next start:"
        f" {display_path(path)}"
    )


def one_line(error: BaseException) -> str:
    """`error`'s message on one line, at most 160 characters (its type without one)."""
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= 160 else text[:159] + "…"


def _open(path: Path, root: Path, wait: float) -> tuple[sqlite3.Connection, tuple[str, ...]]:
    """A connection to the store of `root` at `path`, and the notices met: a store
    that cannot be used is made again, under the store's lock so that two processes
    never rebuild it at once. A new store is made under the lock too, so that an
    empty file seen under it is one cut to nothing, not one being made."""
    if _size(path) > 0:
        try:
            return _usable(path, root), ()
        except sqlite3.DatabaseError as error:
            if not schema.is_unusable(error):
                raise _cannot_open(path, error) from None
    lock = schema.lock_path(path)
    try:  # a lock file that cannot be made: said now (FileLock would retry until `wait`)
        os.close(os.open(lock, os.O_RDWR | os.O_CREAT, 0o644))
    except OSError as error:
        raise LibraryError(
            f"cannot make the library's lock file {display_path(lock)}: {error.strerror or error}"
        ) from None
    try:
        with FileLock(lock, timeout=wait):
            return _rebuild(path, root)
    except Timeout:
        raise LibraryError(
            f"the library store {display_path(path)} is unusable and another readout holds it"
        ) from None
    except OSError as error:
        raise LibraryError(
            f"cannot rebuild the library store {display_path(path)}: {error.strerror or error}"
        ) from None


def _rebuild(path: Path, root: Path) -> tuple[sqlite3.Connection, tuple[str, ...]]:
    """Under the lock: open again (another process may have rebuilt it meanwhile), and
    delete and make the store if it is still unusable."""
    try:
        return _usable(path, root), ()
    except sqlite3.DatabaseError as error:
        if not schema.is_unusable(error):
            raise _cannot_open(path, error) from None
        unusable = error
    _check_ours(path, unusable)
    reason = str(unusable)
    schema.remove_store(path)
    schema.damaged_marker(path).unlink(missing_ok=True)
    try:
        conn = _check_root(schema.connect(path), root)
    except sqlite3.DatabaseError as error:
        raise _cannot_open(path, error) from None
    notice = f"The library store was rebuilt ({reason}): {display_path(path)}"
    return conn, (notice,)


def _check_ours(path: Path, error: sqlite3.DatabaseError) -> None:
    """Raise `LibraryError` unless the unusable file at `path` is readout's to delete:
    anything in readout's own libraries folder; elsewhere (a `library:` or
    `--library` path) an empty file or a SQLite file that is not another program's
    database. A file named by mistake (the notes, a document, another program's
    database) is never replaced."""
    with contextlib.suppress(OSError, ValueError):
        if path.resolve().is_relative_to(libraries_folder().resolve()):
            return
    try:
        with path.open("rb") as file:
            head = file.read(len(SQLITE_HEADER))
    except OSError:
        return  # gone meanwhile, or not readable: nothing of anyone's is deleted
    if isinstance(error, schema.ForeignDatabase):
        why = "it is another program's database"
    elif head and head != SQLITE_HEADER:
        why = "it is not a SQLite file"
    else:
        return
    raise LibraryError(
        f"{display_path(path)} is not a readout library ({why}); not replacing it:"
        " name another file for the library"
    )


def _usable(path: Path, root: Path) -> sqlite3.Connection:
    """A connection to the store at `path`; `StoreMismatch` when it was found damaged
    while reading, is empty, or is another folder's."""
    if schema.damaged_marker(path).exists():
        raise schema.StoreMismatch("found damaged while reading")
    if _size(path) == 0 and _size(path.with_name(f"{path.name}-wal")) <= 0:
        raise schema.StoreMismatch("an empty file")
    return _check_segments(_check_root(schema.connect(path), root), path)


def _check_segments(conn: sqlite3.Connection, path: Path) -> sqlite3.Connection:
    """`conn`, after making sure every search segment it names has its files (a store
    copied without its segments folder finds nothing); `StoreMismatch` if not. A
    file gone because a compaction in another process replaced it is not missing:
    the `segments` table then names others when read again."""
    folder = schema.segments_folder(path)
    try:
        names = _segment_names(conn)
        while True:
            if all(_size(folder / f"{n}.{kind}.npy") > 0 for n in names for kind in KINDS):
                return conn
            again = _segment_names(conn)
            if again == names:
                raise schema.StoreMismatch(f"search files missing from {folder.name}")
            names = again
    except BaseException:
        conn.close()
        raise


def _segment_names(conn: sqlite3.Connection) -> list[str]:
    return [str(name) for (name,) in conn.execute("SELECT name FROM segments ORDER BY name")]


def _size(path: Path) -> int:
    """The size of the file `path`; -1 when there is none."""
    try:
        return path.stat().st_size if path.is_file() else -1
    except OSError:
        return -1


def _cannot_open(path: Path, error: sqlite3.DatabaseError) -> LibraryError:
    return LibraryError(f"cannot open the library store {display_path(path)}: {error}")


def _check_root(conn: sqlite3.Connection, root: Path) -> sqlite3.Connection:
    """`conn`, after making sure its store is the store of `root` (a new store is
    marked as such); raise `StoreMismatch` for a store of another folder."""
    try:
        wanted = records.to_stored(str(root))
        row = conn.execute("SELECT value FROM meta WHERE key = 'root'").fetchone()
        if row is None:
            with schema.writing(conn):
                conn.execute(
                    "INSERT OR IGNORE INTO meta (key, value) VALUES ('root', ?)", (wanted,)
                )
            row = conn.execute("SELECT value FROM meta WHERE key = 'root'").fetchone()
        if records.from_stored(row[0]) != str(root):
            raise schema.StoreMismatch(
                f"made for another folder, {display_path(records.from_stored(row[0]))}"
            )
    except BaseException:
        conn.close()
        raise
    return conn
