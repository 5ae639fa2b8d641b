"""The corrections file: a plain YAML list, beside the notes, that readout writes when
an analyst corrects a leader or a commitment, and that a person may edit by hand.

Reading never fails: a file that cannot be read at all is one problem (one line,
naming the file and the line) and no corrections; an entry with an unknown key or a
bad value is one problem and is skipped, and the rest applies.

Every change is made under a lock, to the file as it is now: it is read again, the
one entry is appended as text after what is there (or its lines cut out), and the
whole is written to a temporary file renamed over it. Nothing else in the file is
touched, so a hand edit (comments and spacing included) is never lost, and a file
a person broke is refused, not rewritten.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import yaml
from filelock import FileLock, Timeout

from tui.core import safe_yaml
from tui.core.corrections_yaml import HEADER, Entry, entry_text, parse_entries
from tui.core.extract.corrections import Correction, Corrections, with_corrections
from tui.core.extract.lexicon import Lexicon
from tui.core.files import read_regular, write_atomic

__all__ = [
    "HEADER",
    "CorrectionsError",
    "CorrectionsFile",
    "Entry",
    "Loaded",
    "corrected_lexicon",
]

LOCK_TIMEOUT = 10.0
"""Seconds to wait for another writer before giving up with a clear message."""

MAX_BYTES = 4 * 1024 * 1024
"""A corrections file larger than this is refused unread."""

Signature = tuple[int, int, int] | None
"""Inode, size and modification time: changes whenever the file is written."""


class CorrectionsError(Exception):
    """The corrections file cannot be changed; the message is one line."""


@dataclass(frozen=True, slots=True)
class Loaded:
    """The corrections file as read: its entries (the good ones), what was wrong with
    the rest, and whether the file as a whole could not be read (`broken`)."""

    path: Path
    entries: tuple[Entry, ...] = ()
    problems: tuple[str, ...] = ()
    broken: bool = False

    @property
    def corrections(self) -> Corrections:
        """The good entries' corrections, in file order."""
        return Corrections(tuple(entry.correction for entry in self.entries))


def _decode(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CorrectionsError(f"{path}:{line}: not UTF-8 text") from None


def _read_text(path: Path) -> str | None:
    """The file's text; `None` when there is no file. Raises `CorrectionsError`."""
    try:
        data = read_regular(path, MAX_BYTES + 1)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise CorrectionsError(f"{path}: cannot read: {error.strerror or error}") from None
    if len(data) > MAX_BYTES:
        raise CorrectionsError(f"{path}: larger than {MAX_BYTES // 1024 // 1024} MB")
    return _decode(path, data)


def _root(path: Path, text: str) -> yaml.SequenceNode | None:
    """The node tree of the file's text; `CorrectionsError` if it is not a list."""
    try:
        root = safe_yaml.compose(text)
    except yaml.YAMLError as error:
        line, problem = safe_yaml.problem(error)
        where = f":{line}" if line is not None else ""
        raise CorrectionsError(f"{path}{where}: invalid YAML: {problem}") from None
    if root is None or isinstance(root, yaml.SequenceNode):
        return root
    line = root.start_mark.line + 1
    raise CorrectionsError(f"{path}:{line}: must be a list of corrections (- rename: ...)")


def read_corrections(path: Path) -> Loaded:
    """The corrections in `path` (none, and no problem, when there is no file)."""
    try:
        text = _read_text(path)
        root = _root(path, text) if text is not None else None
    except CorrectionsError as error:
        return Loaded(path, problems=(str(error),), broken=True)
    if root is None:
        return Loaded(path)
    entries, problems = parse_entries(path, root)
    return Loaded(path, tuple(entries), tuple(problems))


def corrected_lexicon(lexicon: Lexicon, path: Path) -> tuple[Lexicon, tuple[str, ...]]:
    """`lexicon` with the corrections in `path` applied, and the file's problems."""
    loaded = read_corrections(path)
    corrections = loaded.corrections
    return (with_corrections(lexicon, corrections) if corrections else lexicon), loaded.problems


def _last_end(node: yaml.Node) -> int:
    """Where the last character of `node`'s own text ends (a block mapping's end mark
    lies past the comments that follow it)."""
    if isinstance(node, yaml.MappingNode) and node.value and not node.flow_style:
        return _last_end(node.value[-1][1])
    if isinstance(node, yaml.SequenceNode) and node.value and not node.flow_style:
        return _last_end(node.value[-1])
    return int(node.end_mark.index)


def _appended(text: str, root: yaml.SequenceNode | None, entry: str) -> str:
    """`text` with the YAML `entry` (a `- ...` item) added as its list's last item."""
    if root is not None and root.flow_style:
        if root.value:
            raise ValueError("a list written [a, b] on one line: write one `- ` item a line")
        start, end = root.start_mark.index, root.end_mark.index
        return text[:start].rstrip(" ") + "\n" + entry + text[end:].lstrip(" ")
    indent = " " * (root.start_mark.column if root is not None else 0)
    lines = "".join(indent + line for line in entry.splitlines(keepends=True))
    separator = "" if not text or text.endswith("\n") else "\n"
    return text + separator + lines


_DASH_LINE = re.compile(r"^[ \t]*-(?=[ \t\r\n]|$)", re.MULTILINE)


def _without(text: str, root: yaml.SequenceNode, number: int) -> str:
    """`text` without the lines of item `number` (from 1) of the list `root`, from
    the line of its `-` (which may stand alone above the item's keys)."""
    item = root.value[number - 1]
    after = _last_end(root.value[number - 2]) if number > 1 else root.start_mark.index
    dashes = list(_DASH_LINE.finditer(text, after, item.start_mark.index + 1))
    begin = dashes[-1].start() if dashes else item.start_mark.index
    start = text.rfind("\n", 0, begin) + 1
    end = text.find("\n", _last_end(item))
    return text[:start] + (text[end + 1 :] if end >= 0 else "")


class CorrectionsFile:
    """The corrections file at `path`: read it, add an entry, remove one."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @property
    def target(self) -> Path:
        """The file the path names, symlinks followed (written and locked in place)."""
        return Path(os.path.realpath(self.path))

    def load(self) -> Loaded:
        """The corrections as the file holds them now."""
        return read_corrections(self.path)

    def signature(self) -> Signature:
        """Inode, size and modification time (`None`: no file): cheap to poll."""
        try:
            found = os.stat(self.path)
        except OSError:
            return None
        return found.st_ino, found.st_size, found.st_mtime_ns

    @contextmanager
    def _locked(self) -> Iterator[Path]:
        target = self.target
        if not target.parent.is_dir():  # the lock would create it; say so instead
            raise CorrectionsError(f"cannot write {self.path}: its folder does not exist")
        lock = FileLock(str(target.with_name(target.name + ".lock")), timeout=LOCK_TIMEOUT)
        try:
            lock.acquire()
        except Timeout:
            raise CorrectionsError(f"{self.path} is locked by another program") from None
        except OSError as error:
            raise CorrectionsError(f"cannot write {self.path}: {error.strerror or error}") from None
        try:
            yield target
        finally:
            lock.release()

    def _write(self, target: Path, text: str) -> None:
        mode = target.stat().st_mode & 0o777 if target.exists() else None
        try:
            write_atomic(target, text.encode("utf-8"))
            if mode is not None:
                os.chmod(target, mode)
        except OSError as error:
            raise CorrectionsError(f"cannot write {self.path}: {error.strerror or error}") from None

    def add(self, correction: Correction) -> None:
        """Append `correction` to the file as it is now (made, with its explanatory
        comment, if there is none). Raises `CorrectionsError`, the file unchanged."""
        with self._locked() as target:
            text = _read_text(target)
            text = HEADER if text is None else text
            root = _root(self.path, text)
            try:
                changed = _appended(text, root, entry_text(correction))
            except ValueError as error:
                raise CorrectionsError(f"{self.path}: {error}") from None
            _root(self.path, changed)  # never write what could not be read back
            self._write(target, changed)

    def remove(self, number: int | None = None) -> Entry:
        """Remove entry `number` (from 1, in file order; `None`: the last one) from
        the file as it is now; return it. Raises `CorrectionsError`."""
        with self._locked() as target:
            text = _read_text(target) or ""
            root = _root(self.path, text)
            if root is not None and root.flow_style and root.value:
                raise CorrectionsError(f"{self.path}: a list on one line; edit it by hand")
            items = root.value if root is not None else []
            if not items and number is None:
                raise CorrectionsError(f"no corrections in {self.path}: nothing to remove")
            number = len(items) if number is None else number
            if root is None or not 1 <= number <= len(items):
                raise CorrectionsError(f"no correction number {number} in {self.path}")
            entries, _ = parse_entries(self.path, root)
            removed = next((e for e in entries if e.number == number), None)
            if removed is None:
                raise CorrectionsError(
                    f"{self.path}:{items[number - 1].start_mark.line + 1}: correction "
                    f"{number} is not readable; edit it by hand"
                )
            self._write(target, _without(text, root, number))
            return removed
