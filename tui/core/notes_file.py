"""Writing the notes file so that nothing is lost.

Appends go in one write under a file lock, so two writers never interleave; edits
and deletes rewrite through a temporary file that is flushed and renamed into
place, keeping every line outside the section they change; a file that cannot be
written raises `NotesError` and changes nothing. Bookmarks that could not be
written wait in a `Spool` until they can.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import asdict
from pathlib import Path

from filelock import FileLock, Timeout

from tui.core.notes import HEADER, Bookmark, Notes, NotesError, describe_os_error, load_notes

__all__ = ["LOCK_TIMEOUT", "NotesFile", "Spool"]

LOCK_TIMEOUT = 10.0
"""Seconds to wait for another writer before giving up with a clear message."""


class NotesFile:
    """The notes file at `path`: every change is made under its lock."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = FileLock(str(path) + ".lock", timeout=LOCK_TIMEOUT)

    def _locked(self) -> AbstractContextManager[object]:
        """The lock, held: use as `with self._locked():` (it is taken once, here, and
        let go when the block ends)."""
        if not self.path.parent.is_dir():  # the lock would create it; say so instead
            raise NotesError(f"cannot write notes file {self.path}: its folder does not exist")
        try:
            return self._lock.acquire()
        except Timeout:
            raise NotesError(f"notes file {self.path} is locked by another program") from None
        except OSError as error:
            raise NotesError(
                f"cannot write notes file {self.path}: {describe_os_error(error)}"
            ) from None

    def load(self) -> Notes:
        """The bookmarks as the file holds them now."""
        return load_notes(self.path)

    def append(self, bookmark: Bookmark) -> None:
        """Add `bookmark` at the end, in one write: two writers never interleave."""
        with self._locked():
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            except OSError as error:
                raise NotesError(
                    f"cannot write notes file {self.path}: {describe_os_error(error)}"
                ) from None
            try:
                data = (self._lead(os.fstat(fd).st_size) + "\n" + bookmark.to_markdown()).encode()
                written = os.write(fd, data)
                if written != len(data):
                    raise OSError(28, "the disk is full (short write)")
                os.fsync(fd)
            except OSError as error:
                raise NotesError(
                    f"cannot write notes file {self.path}: {describe_os_error(error)}"
                ) from None
            finally:
                os.close(fd)

    def _lead(self, size: int) -> str:
        """What goes before an appended section: the header in a new file; a line
        break if a writer killed mid-line left the file without one."""
        if size == 0:
            return HEADER
        with open(self.path, "rb") as handle:
            handle.seek(size - 1)
            return "" if handle.read(1) == b"\n" else "\n"

    def update(self, bookmark: Bookmark) -> None:
        """Rewrite the section of `bookmark.id` with `bookmark` (its note and tags)."""
        self._rewrite(bookmark.id, bookmark)

    def delete(self, bookmark_id: str) -> None:
        """Remove the section of `bookmark_id`."""
        self._rewrite(bookmark_id, None)

    def _rewrite(self, bookmark_id: str, replacement: Bookmark | None) -> None:
        with self._locked():
            notes = self.load()
            section = next((s for s in notes.sections if s.bookmark.id == bookmark_id), None)
            if section is None:
                raise NotesError(f"no bookmark {bookmark_id} in {self.path}")
            lines = list(notes.lines)
            new = replacement.to_markdown().rstrip("\n").split("\n") if replacement else []
            lines[section.first : section.last + 1] = new
            if replacement is None:
                _drop_extra_blank(lines, section.first)
            self._replace_file("\n".join(lines))

    def _replace_file(self, text: str) -> None:
        """Write `text` to a temporary file beside the notes, flush it, rename it over."""
        folder = self.path.parent
        try:
            fd, temporary = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=folder)
        except OSError as error:
            raise NotesError(
                f"cannot write notes file {self.path}: {describe_os_error(error)}"
            ) from None
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            if self.path.exists():
                os.chmod(temporary, self.path.stat().st_mode & 0o777)
            os.replace(temporary, self.path)
        except OSError as error:
            Path(temporary).unlink(missing_ok=True)
            raise NotesError(
                f"cannot write notes file {self.path}: {describe_os_error(error)}"
            ) from None


def _drop_extra_blank(lines: list[str], at: int) -> None:
    """After a section is removed, keep one blank line where two now meet."""
    if 0 < at < len(lines) and not lines[at].strip() and not lines[at - 1].strip():
        del lines[at]


class Spool:
    """Bookmarks that could not be written yet, kept in a file of their own (one JSON
    object a line) until the notes file takes them: never silently dropped."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> list[Bookmark]:
        """The bookmarks waiting; unreadable lines are skipped."""
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return []
        waiting: list[Bookmark] = []
        for line in lines:
            try:
                data = json.loads(line)
                waiting.append(Bookmark(**{**data, "tags": tuple(data.get("tags", ()))}))
            except (ValueError, TypeError):
                continue
        return waiting

    def save(self, bookmarks: Sequence[Bookmark]) -> None:
        """Keep exactly `bookmarks` waiting (an empty list removes the file)."""
        if not bookmarks:
            self.path.unlink(missing_ok=True)
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        lines = [json.dumps(asdict(b), ensure_ascii=False) for b in bookmarks]
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text("\n".join(lines) + "\n", encoding="utf-8")
        os.replace(temporary, self.path)
