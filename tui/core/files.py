"""Reading and writing the files readout keeps, so that none is hung or half-written.

A pipe blocks on open until something writes to it, and a device such as
`/dev/zero` never ends: a config file, a theme or a notes file that is one of
those would hang readout. `read_regular` opens without blocking and refuses
anything that is not a regular file, with an `OSError` like any other.

`write_all` writes every byte or cuts the file back to where it was; `write_atomic`
replaces a whole file through a flushed temporary, so a reader sees the old file or
the new one, never part of one.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from pathlib import Path

__all__ = ["read_regular", "write_all", "write_atomic", "write_new"]


def read_regular(path: Path, limit: int = -1) -> bytes:
    """The bytes of the regular file `path` (at most `limit` of them when given).
    Raises `FileNotFoundError`, or `OSError` ("not a regular file") for a folder, a
    pipe, a socket or a device."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise OSError(errno.EISDIR, "Is a directory", str(path))
        if not stat.S_ISREG(mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read(limit)
    finally:
        os.close(fd)


def write_all(fd: int, data: bytes, size: int) -> None:
    """Write all of `data` to `fd`; if any write fails (disk full, short write), cut
    the file back to `size` bytes and raise `OSError`."""
    done = 0
    try:
        while done < len(data):
            written = os.write(fd, data[done:])
            if written <= 0:
                raise OSError(errno.ENOSPC, "the disk is full (short write)")
            done += written
    except OSError:
        os.ftruncate(fd, size)
        raise


def _temporary_beside(path: Path, data: bytes, mode: int = 0o666) -> str:
    """A temporary file beside `path` holding `data`, flushed to disk (removed again
    if writing fails), made with `mode` less the umask, as any new file is (not
    `mkstemp`'s owner-only 0600: a brief or a notes file is shared like any other).
    Raises `OSError`."""
    for _ in range(100):
        temporary = str(path.parent / f".{path.stem}-{secrets.token_hex(4)}.tmp")
        try:
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        except FileExistsError:
            continue
        break
    else:
        raise FileExistsError(errno.EEXIST, "no free temporary name", str(path.parent))
    try:
        try:
            write_all(fd, data, 0)
            os.fsync(fd)
        finally:
            os.close(fd)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return temporary


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data`: a temporary file beside it, flushed to disk, then
    renamed over it. On any failure the temporary is removed and `path` is as it was.
    Raises `OSError`."""
    try:  # the file keeps its mode: a person's 0640 notes stay 0640
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        mode = 0o666
    temporary = _temporary_beside(path, data, mode)
    try:
        if mode != 0o666:
            os.chmod(temporary, mode)  # exactly, whatever the umask
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_new(path: Path, data: bytes) -> None:
    """Write `data` to `path`, which must not exist: a temporary file beside it, flushed,
    then linked into place, so that no file is ever written over and none is left half
    written. Raises `FileExistsError` when `path` is there, `OSError` otherwise."""
    temporary = _temporary_beside(path, data)
    try:
        os.link(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)
