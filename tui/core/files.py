"""Reading a file a person named, without being stopped by what it is.

A pipe blocks on open until something writes to it, and a device such as
`/dev/zero` never ends: a config file, a theme or a notes file that is one of
those would hang readout. `read_regular` opens without blocking and refuses
anything that is not a regular file, with an `OSError` like any other.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

__all__ = ["read_regular"]


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
