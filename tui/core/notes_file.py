"""Writing the notes file so that nothing is lost.

Every change is made under a lock on the file the notes path points to (a symlink
stays a symlink). An append is one write of whole sections, undone (truncated back)
if it fails, and skipped if the bookmark is in the file already. An edit or delete
re-reads the file under the lock and changes only its section in what is there now,
through a temporary file that is flushed and renamed into place; temporary files left
by a writer that was killed are removed by the next append or rewrite.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from tui.core.files import write_all
from tui.core.notes import HEADER, Bookmark, NotesError, describe_os_error, with_note
from tui.core.notes_parse import Notes, Section, decode, load_notes, parse_notes, read_bytes

__all__ = ["LOCK_TIMEOUT", "NotesFile"]

LOCK_TIMEOUT = 10.0
"""Seconds to wait for another writer before giving up with a clear message."""

_Change = Callable[[Section], Bookmark | None]
"""What an edit does to a section: the bookmark to write there, or `None`."""

Signature = tuple[int, int, int] | None
"""What changes when the file does: inode, size and modification time."""


class NotesFile:
    """The notes file at `path`: every change is made under its lock."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @property
    def target(self) -> Path:
        """The file the path names, symlinks followed (written and locked in place)."""
        return Path(os.path.realpath(self.path))

    def lock_path(self) -> Path:
        """The lock file beside the target."""
        target = self.target
        return target.with_name(target.name + ".lock")

    def _error(self, error: BaseException) -> NotesError:
        return NotesError(f"cannot write notes file {self.path}: {describe_os_error(error)}")

    @contextmanager
    def _locked(self) -> Iterator[Path]:
        """Hold the lock for the block; yields the target file."""
        target = self.target
        if not target.parent.is_dir():  # the lock would create it; say so instead
            raise NotesError(f"cannot write notes file {self.path}: its folder does not exist")
        lock = FileLock(str(self.lock_path()), timeout=LOCK_TIMEOUT)
        try:
            lock.acquire()
        except Timeout:
            raise NotesError(f"notes file {self.path} is locked by another program") from None
        except OSError as error:
            raise self._error(error) from None
        try:
            yield target
        finally:
            lock.release()

    def load(self) -> Notes:
        """The bookmarks as the file holds them now."""
        return load_notes(self.path)

    def signature(self) -> Signature:
        """Inode, size and modification time of the file (`None`: no file): cheap to
        poll, and different whenever the file was written."""
        try:
            found = os.stat(self.path)
        except OSError:
            return None
        return found.st_ino, found.st_size, found.st_mtime_ns

    def append(self, bookmark: Bookmark) -> bool:
        """Add `bookmark` at the end in one write; `False` if the file holds it already.
        A write that fails leaves the file exactly as it was."""
        with self._locked() as target:
            _remove_stale_temporaries(target)
            existed = target.exists()
            try:
                fd = os.open(target, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
            except OSError as error:
                raise self._error(error) from None
            try:
                size = os.fstat(fd).st_size
                text = decode(os.pread(fd, size, 0)) if size else ""
                if bookmark.id in text and parse_notes(self.path, text).get(bookmark.id):
                    return False
                lead = HEADER if not text else ("" if text.endswith("\n") else "\n")
                data = (lead + "\n" + bookmark.to_markdown()).encode("utf-8")
                write_all(fd, data, size)
                os.fsync(fd)
            except OSError as error:
                if not existed:  # as it was: no file
                    target.unlink(missing_ok=True)
                raise self._error(error) from None
            finally:
                os.close(fd)
            return True

    def update(self, bookmark_id: str, note: str, tags: tuple[str, ...] | list[str]) -> None:
        """Give the bookmark `bookmark_id` this note and tags, in the file as it is now."""
        self._rewrite(bookmark_id, lambda section: with_note(section.bookmark, note, tags))

    def delete(self, bookmark_id: str) -> None:
        """Remove the section of `bookmark_id` from the file as it is now."""
        self._rewrite(bookmark_id, lambda section: None)

    def _rewrite(self, bookmark_id: str, change: _Change) -> None:
        with self._locked() as target:
            _remove_stale_temporaries(target)
            try:
                notes = parse_notes(self.path, decode(read_bytes(target)))
            except FileNotFoundError:
                notes = Notes(self.path)
            except OSError as error:
                raise self._error(error) from None
            section = notes.section(bookmark_id)
            if section is None:
                raise NotesError(f"no bookmark {bookmark_id} in {self.path} any more")
            if not section.editable:
                raise NotesError(
                    f"bookmark {bookmark_id} at {self.path}:{section.last + 1} is not changed: "
                    f"{section.why_not}"
                )
            replacement = change(section)
            lines = list(notes.lines)
            new = replacement.to_markdown().rstrip("\n").split("\n") if replacement else []
            bom = "\ufeff" if lines and lines[0].startswith("\ufeff") else ""
            lines[section.first : section.last + 1] = new
            if bom and lines and not lines[0].startswith(bom):  # the first section's
                lines[0] = bom + lines[0]
            if replacement is None:
                _drop_extra_blank(lines, section.first)
            self._replace_file(target, "\n".join(lines).encode("utf-8", "surrogateescape"))

    def _replace_file(self, target: Path, data: bytes) -> None:
        """Write `data` to a temporary file beside `target`, flush it, rename it over."""
        temporary = target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
        try:
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            try:
                write_all(fd, data, 0)
                os.fsync(fd)
            finally:
                os.close(fd)
            if target.exists():
                os.chmod(temporary, target.stat().st_mode & 0o777)
            os.replace(temporary, target)
        except OSError as error:
            temporary.unlink(missing_ok=True)
            raise self._error(error) from None
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise


def _remove_stale_temporaries(target: Path) -> None:
    """Remove `.NAME.PID.*.tmp` files of writers that are no longer running (killed
    during an edit); called under the lock, so no live writer is between steps."""
    for stale in target.parent.glob(f".{target.name}.*.tmp"):
        pid = stale.name[len(target.name) + 2 :].split(".", 1)[0]
        if pid.isdigit() and not _running(int(pid)):
            stale.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return False  # this process holds the lock: no write of its own is under way
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _drop_extra_blank(lines: list[str], at: int) -> None:
    """After a section is removed, keep one blank line where two now meet."""
    if 0 < at < len(lines) and not lines[at].strip() and not lines[at - 1].strip():
        del lines[at]
