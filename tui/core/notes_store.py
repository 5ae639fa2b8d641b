"""Bookmarks on their way into the notes file: spooled first, so none is lost.

`NotesService.add` writes the bookmark to the spool (a file of its own in the state
folder, one per notes file), then appends it to the notes file, then takes it off the
spool. Whatever could not be written stays spooled and is tried again by `flush`
(every `RETRY_SECONDS` in the app, and on every `readout bookmark`). Appends are
idempotent (a bookmark already in the notes file is not written again), so any number
of apps and CLI runs may flush the same spool at once.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from filelock import FileLock, Timeout

from tui.core.files import read_regular, write_all, write_atomic
from tui.core.notes import Bookmark, NotesError, describe_os_error
from tui.core.notes_file import LOCK_TIMEOUT, NotesFile

__all__ = ["RETRY_SECONDS", "Flush", "NotesService", "Spool", "spool_path"]

RETRY_SECONDS = 15.0
"""How often bookmarks that could not be written are tried again."""

LEGACY_SPOOL = "pending-bookmarks.jsonl"
"""The one spool of earlier versions, in the state folder: taken over by the first
notes file flushed, so a bookmark waiting there is not lost."""


def spool_path(notes: Path, state_folder: Path) -> Path:
    """The spool of the notes file `notes`: named from a hash of its resolved path,
    so every program writing to the same file shares one spool."""
    key = hashlib.sha256(os.fsencode(os.path.realpath(notes))).hexdigest()[:16]
    return state_folder / f"pending-{key}.jsonl"


class Spool:
    """Bookmarks not written yet, one JSON object a line, changed under its own lock.
    Lines that cannot be read are kept, never dropped."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @contextmanager
    def _hold(self) -> Iterator[None]:
        """Hold the spool's lock for the block."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(self.path) + ".lock", timeout=LOCK_TIMEOUT)
        try:
            lock.acquire()
        except Timeout:
            raise OSError(f"the spool {self.path} is locked by another program") from None
        try:
            yield
        finally:
            lock.release()

    def load(self) -> list[Bookmark]:
        """The bookmarks waiting, in the order they were added."""
        try:
            lines = read_regular(self.path).decode("utf-8", "replace").splitlines()
        except OSError:
            return []
        waiting: list[Bookmark] = []
        for line in lines:
            try:
                data = json.loads(line)
                waiting.append(Bookmark(**{**data, "tags": tuple(data.get("tags", ()))}))
            except (ValueError, TypeError, AttributeError, RecursionError):
                continue
        return waiting

    def add(self, bookmark: Bookmark) -> None:
        """Append `bookmark` (flushed to disk before this returns). Raises `OSError`."""
        data = (json.dumps(asdict(bookmark), ensure_ascii=True) + "\n").encode()
        with self._hold():
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                write_all(fd, data, os.fstat(fd).st_size)
                os.fsync(fd)
            finally:
                os.close(fd)

    def adopt(self, other: Path) -> None:
        """Move every line of the spool file `other` into this one. Raises `OSError`."""
        with self._hold():
            try:
                data = other.read_bytes()
            except FileNotFoundError:
                return
            if data and not data.endswith(b"\n"):
                data += b"\n"
            with self.path.open("ab") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            other.unlink()

    def remove(self, ids: Collection[str]) -> None:
        """Take the bookmarks `ids` off the spool, keeping every other line as it is
        now (the file is removed when nothing is left). Raises `OSError`."""
        with self._hold():
            try:
                lines = read_regular(self.path).splitlines(keepends=True)
            except FileNotFoundError:
                return
            kept = [line for line in lines if _line_id(line) not in ids]
            if not kept:
                self.path.unlink(missing_ok=True)
                return
            write_atomic(self.path, b"".join(kept))


def _line_id(line: bytes) -> str | None:
    try:
        data = json.loads(line)
    except (ValueError, RecursionError):
        return None
    found = data.get("id") if isinstance(data, dict) else None
    return found if isinstance(found, str) else None


@dataclass(frozen=True, slots=True)
class Flush:
    """What a flush did: the bookmarks written, how many still wait, the error that
    stopped it; `busy` when another flush of this service was already running (it
    will write what was added)."""

    written: tuple[str, ...] = ()
    waiting: int = 0
    error: str | None = None
    busy: bool = False


class NotesService:
    """The one way bookmarks get into a notes file, for the app and the CLI alike."""

    def __init__(self, notes: Path, state_folder: Path) -> None:
        self.file = NotesFile(notes)
        self.spool = Spool(spool_path(notes, state_folder))
        self._legacy = state_folder / LEGACY_SPOOL
        self._flushing = threading.Lock()
        self._again = False

    def pending(self) -> list[Bookmark]:
        """The bookmarks waiting to be written."""
        return self.spool.load()

    def add(self, bookmark: Bookmark) -> Flush:
        """Spool `bookmark`, then write everything waiting. If even the spool cannot be
        written, the bookmark is appended directly, or `NotesError` says both failed."""
        try:
            self.spool.add(bookmark)
        except OSError as error:
            try:
                self.file.append(bookmark)
            except NotesError as failed:
                raise NotesError(
                    f"{failed}; nor could it be kept in {self.spool.path}: "
                    f"{describe_os_error(error)}"
                ) from None
            result = self.flush()
            return replace(result, written=(bookmark.id, *result.written))
        return self.flush()

    def flush(self) -> Flush:
        """Write every spooled bookmark not in the notes file yet, and unspool it.
        Never runs twice at once in one process: a second call while one runs asks
        the running one to go round again, and returns `Flush(busy=True)`."""
        if not self._flushing.acquire(blocking=False):
            self._again = True
            return Flush(busy=True)
        written: list[str] = []
        error: str | None = None
        try:
            self._again = True
            while self._again and error is None:
                self._again = False
                error = self._flush_once(written)
        finally:
            self._flushing.release()
        if self._again and error is None:  # asked for between the last round and release
            later = self.flush()
            return Flush(tuple(written) + later.written, later.waiting, later.error, later.busy)
        return Flush(tuple(written), len(self.pending()), error)

    def _flush_once(self, written: list[str]) -> str | None:
        done: list[str] = []
        error: str | None = None
        if self._legacy.exists():
            try:
                self.spool.adopt(self._legacy)
            except OSError as failed:
                error = f"cannot read the old spool {self._legacy}: {failed}"
        try:
            for bookmark in self.spool.load():
                if self.file.append(bookmark):
                    written.append(bookmark.id)
                done.append(bookmark.id)
        except NotesError as failed:
            error = str(failed)
        if done:
            try:
                self.spool.remove(done)
            except OSError as failed:
                error = error or f"cannot update the spool {self.spool.path}: {failed}"
        return error
