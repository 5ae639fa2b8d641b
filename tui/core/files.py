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
import stat
import tempfile
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


def _temporary_beside(path: Path, data: bytes) -> str:
    """A temporary file beside `path` holding `data`, flushed to disk (removed again
    if writing fails). Raises `OSError`."""
    fd, temporary = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".tmp", dir=path.parent)
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
    temporary = _temporary_beside(path, data)
    try:
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
