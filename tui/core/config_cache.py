"""Parsed configuration kept between runs. Every command reads `config.yaml`, the
bundled one and the bundled gazetteer (a few hundred people with their offices): ~0.1 s
of YAML a run. The settings made from them are kept in the user's cache folder
(`<cache>/readout/config/`), keyed by those files' identity (path, size, modification
and change times, inode, a digest of their bytes) and by the code that parses them,
and read back in ~3 ms.

It is a cache: a missing, truncated or corrupt file, one of another version, or one
holding anything but the classes a configuration is made of is silently parsed again
(and written again); a cache folder that cannot be written is silently not written.
Nothing but those classes is ever unpickled (`_Unpickler.find_class`).
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import stat
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar, cast

import platformdirs

from tui.core.extract.gazetteer import Entries
from tui.core.files import read_regular

__all__ = ["cache_folder", "remembered"]

T = TypeVar("T")

VERSION = 1
"""Grows when what is kept changes shape."""

CORE = Path(__file__).resolve().parent
CODE = tuple(
    CORE / name
    for name in (
        "config.py",
        "config_cache.py",
        "safe_yaml.py",
        "text.py",
        "extract/gazetteer.py",
        "extract/lexicon.py",
    )
)
"""The code that makes a configuration out of its files: a change to it (a new
readout) parses them again."""

ALLOWED = frozenset(
    {
        ("tui.core.config", "Config"),
        ("tui.core.extract.lexicon", "Lexicon"),
        ("tui.core.extract.lexicon", "LeaderEntry"),
        ("tui.core.extract.lexicon", "Tenure"),
        ("tui.core.extract.lexicon", "Topic"),
        ("tui.core.extract.gazetteer", "Entries"),
        ("pathlib", "PosixPath"),
        ("pathlib", "WindowsPath"),
        ("datetime", "date"),
    }
)
"""The only classes a kept configuration may name."""


def cache_folder() -> Path:
    """Where parsed configurations are kept: `<cache>/readout/config`."""
    return platformdirs.user_cache_path("readout", appauthor=False) / "config"


def _identity(path: Path) -> tuple[object, ...] | None:
    """What changes when the file at `path` is written, replaced or removed: its
    status and a digest of its bytes (a few small files: well under a millisecond;
    an edit that keeps the size and the time stamps, on a file system with coarse
    ones, still shows). `None` for a file that is missing or not a regular file (a
    pipe is never opened for reading: it would wait for a writer)."""
    try:
        found = os.stat(path)
        data = read_regular(path) if stat.S_ISREG(found.st_mode) else None
    except OSError:
        return None
    if data is None:
        return None
    digest = hashlib.blake2b(data, digest_size=16).hexdigest()
    return (found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino, digest)


def _key(sources: Sequence[Path], extra: tuple[str, ...]) -> tuple[object, ...]:
    files = (*sources, *CODE)
    return (
        VERSION,
        sys.version_info[:2],
        extra,
        tuple((os.fspath(path), _identity(path)) for path in files),
    )


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not part of a configuration")
        return super().find_class(module, name)


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        """A people tuple (`Entries`) without the hash it keeps: strings hash
        differently in every process."""
        if type(obj) is Entries:
            return Entries, (tuple(obj),)
        return NotImplemented


def _read(file: Path, key: tuple[object, ...]) -> tuple[bool, Any]:
    """`(True, value)` kept in `file` for `key`; `(False, None)` when there is none."""
    try:  # a pipe or a device put there is refused, never waited on
        kept_key, value = _Unpickler(io.BytesIO(read_regular(file))).load()
    except Exception:  # a cache: whatever is wrong with it, parse again
        return False, None
    return (True, value) if kept_key == key else (False, None)


def _write(file: Path, key: tuple[object, ...], value: object) -> None:
    """Keep `value` for `key` in `file` (a temporary renamed over it: a reader sees
    the old file or the new one); silently not when it cannot be written."""
    buffer = io.BytesIO()
    try:
        _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump((key, value))
        file.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=".config-", suffix=".tmp", dir=file.parent)
    except (OSError, pickle.PicklingError):
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(buffer.getvalue())
        os.replace(temporary, file)
    except OSError:
        Path(temporary).unlink(missing_ok=True)


def remembered(
    name: str, sources: Sequence[Path], extra: tuple[str, ...], build: Callable[[], T]
) -> T:
    """What `build()` makes out of the files `sources` (and the strings `extra` it
    depends on), from the cache when those files (and the code) are as they were
    when it was kept; else built, and kept."""
    key = _key(sources, extra)  # before building: a file changed meanwhile is a miss next time
    if key in _kept:
        return cast(T, _kept[key])  # what `build` made, under this key
    named = repr((extra, [os.fspath(path) for path in sources])).encode()
    file = cache_folder() / f"{name}-{hashlib.blake2b(named, digest_size=8).hexdigest()}.pickle"
    found, value = _read(file, key)
    if not found:
        value = build()
        _write(file, key, value)
    if len(_kept) >= KEPT:
        _kept.clear()
    _kept[key] = value
    return cast(T, value)


KEPT = 16
"""Configurations a process keeps (a test run loads thousands)."""
_kept: dict[tuple[object, ...], object] = {}
"""What this process made or read, by key: the very same object each time (what is
built from a lexicon, such as the name finder, is built once)."""
