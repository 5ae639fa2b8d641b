"""Finding a corpus's article files, and naming them.

The walk is iterative (any depth), follows links to folders, after every real folder,
but never into a folder it has read already (a link loop ends, and a link never takes
the ids of the files of a folder it points to), names every folder it cannot read, and can
be stopped between folders. Names are data: a file name that is not valid UTF-8 or
holds a newline or another control character is escaped so that it prints on one
line and round-trips through JSON and the notes file.
"""

from __future__ import annotations

import os
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from tui.core.cancel import ShouldStop, check

__all__ = [
    "ARTICLE_SUFFIXES",
    "FoundFiles",
    "FoundNames",
    "article_id",
    "display_path",
    "escape_name",
    "find_article_files",
    "find_article_names",
    "folder_stamp",
    "legacy_ids",
]

ARTICLE_SUFFIXES = frozenset({".txt", ".md", ".markdown"})

# Characters a name shows escaped: controls (C0, DEL, C1), format characters (bidi
# overrides, zero-width), line and paragraph separators, and lone surrogates.
_ESCAPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def _escape_char(char: str) -> str:
    code = ord(char)
    if char == "\\":
        return "\\\\"
    if 0xDC80 <= code <= 0xDCFF:  # a byte that is not UTF-8, kept by surrogateescape
        return f"\\x{code - 0xDC00:02x}"
    if unicodedata.category(char) in _ESCAPED_CATEGORIES:
        return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"
    return char


def escape_name(name: str) -> str:
    """`name` printable on one line: `\\` doubled, undecodable bytes as `\\xNN`, control
    and format characters as `\\uNNNN`. Different names stay different."""
    if name.isprintable() and "\\" not in name:
        return name
    return "".join(_escape_char(char) for char in name)


def display_path(path: Path | str) -> str:
    """A path as people see it in messages and JSON: escaped like `escape_name`."""
    return escape_name(os.fspath(path))


def article_id(root: Path, file: Path) -> str:
    """The id of `file`: its path below `root`, `/`-separated, suffix kept, escaped.

    `x.txt`, `x.md` and `x.md.txt` are three ids, and an id never depends on which
    other files exist.
    """
    return escape_name(file.relative_to(root).as_posix())


def legacy_ids(article_id: str) -> tuple[str, str]:
    """The ids older versions of readout gave the same file, as
    `(path without suffix, stem)`: `a/x.txt` was `a/x` or `x`."""
    path = PurePosixPath(article_id)
    if not path.suffix:
        return article_id, path.name
    return path.with_suffix("").as_posix(), path.stem


@dataclass(slots=True)
class FoundFiles:
    """The article files of a folder, sorted, and what could not be read, as
    `(path, reason)`."""

    files: list[Path] = field(default_factory=list)
    problems: list[tuple[Path, str]] = field(default_factory=list)


@dataclass(slots=True)
class FoundNames:
    """`FoundFiles` as strings (no `Path` made: 100,000 of them cost a second), not
    sorted, and the time stamp of every folder the walk reached, taken before the
    folder was listed (`folder_stamp`): a file added to a folder after that moves it."""

    files: list[str] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)
    folders: dict[str, int] = field(default_factory=dict)


def folder_stamp(info: os.stat_result) -> int:
    """A folder's time stamp: the later of its modification and status-change times."""
    return max(info.st_mtime_ns, info.st_ctime_ns)


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


def _identity(info: os.stat_result) -> tuple[int, int]:
    return info.st_dev, info.st_ino


def _queue_folder(path: str, info: os.stat_result, found: FoundNames, walk: _Walk) -> None:
    identity = _identity(info)
    if identity in walk.seen:
        found.problems.append((path, "folder skipped: a link to a folder read already"))
    else:
        walk.seen.add(identity)
        walk.folders.append(path)
        found.folders[path] = folder_stamp(info)


def _visit(entry: os.DirEntry[str], found: FoundNames, walk: _Walk) -> None:
    """Queue a folder (a link to one for later), keep an article file, or say why not."""
    path = entry.path
    try:
        if entry.is_dir():
            if entry.is_symlink():
                walk.links.append(path)
            else:
                _queue_folder(path, entry.stat(), found, walk)
            return
        if os.path.splitext(entry.name)[1].lower() not in ARTICLE_SUFFIXES:
            return
        if entry.is_file():
            found.files.append(path)
        elif entry.is_symlink() and not os.path.exists(path):
            found.problems.append((path, "skipped: a link to nothing"))
        elif not stat.S_ISDIR(entry.stat().st_mode):
            found.problems.append((path, "skipped: not a regular file"))
    except OSError as error:
        found.problems.append((path, f"skipped: {_reason(error)}"))


@dataclass(slots=True)
class _Walk:
    """Folders still to read, links to folders to follow once those are read, and the
    folders read already (by device and inode)."""

    folders: list[str]
    links: list[str] = field(default_factory=list)
    seen: set[tuple[int, int]] = field(default_factory=set)

    def next_folder(self, found: FoundNames) -> str | None:
        """The next folder to read: real folders first, so that a link to a folder never
        takes the ids of the folder's own files; then the folders only links reach."""
        while not self.folders and self.links:
            link = self.links.pop(0)
            try:
                _queue_folder(link, os.stat(link), found, self)
            except OSError as error:
                found.problems.append((link, f"folder skipped: {_reason(error)}"))
        return self.folders.pop() if self.folders else None


def find_article_names(root: Path, should_stop: ShouldStop | None = None) -> FoundNames:
    """`find_article_files` as strings, in walk order, with the folders' stamps."""
    top = os.fspath(root)
    info = os.stat(top)
    found = FoundNames(folders={top: folder_stamp(info)})
    walk = _Walk([top], seen={_identity(info)})
    while (folder := walk.next_folder(found)) is not None:
        check(should_stop)
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name, reverse=True)
        except OSError as error:
            found.problems.append((folder, f"folder skipped: {_reason(error)}"))
            continue
        for entry in entries:
            if not entry.name.startswith("."):
                _visit(entry, found, walk)
    return found


def find_article_files(root: Path, should_stop: ShouldStop | None = None) -> FoundFiles:
    """Every `.txt`, `.md` and `.markdown` file below `root`, hidden ones left out."""
    found = find_article_names(root, should_stop)
    files = sorted(map(Path, found.files))
    return FoundFiles(files, [(Path(path), reason) for path, reason in found.problems])
