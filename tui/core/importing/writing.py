"""Imported articles as readout files: `YYYY-MM-DD-slug.md` with YAML front matter.

    ---
    date: 2025-03-11
    title: Vietnamese, Lao Prime Ministers hold phone talks
    source: Mekong News Agency
    url: https://news.example.vn/...
    imported: '2026-11-26T04:40:00Z'
    fingerprint: 5d0c9a7f3e21b8c4
    ---

    Hà Nội (MNA) – Prime Minister ...

The front matter is what `tui.core.corpus` already reads (`date`, `title`, `source`);
the rest is for imports: where the article came from, when, and a fingerprint of its
normalised text (`fingerprint`). Every value is one line (whitespace runs as one
space, as the reader shows it), so that it reads back exactly as written.

Files are written whole or not at all: to a temporary file in the same folder, then
linked to a name nobody has (a new article never replaces a file, nor takes the
name of a deleted one whose earlier texts are still kept) or moved over the
old file (a revision, whose earlier text `versions` has kept first). Writers into one
folder take turns through `folder_lock`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import yaml

from tui.core.text import fold

__all__ = [
    "LOCK_NAME",
    "Readout",
    "file_name",
    "fingerprint",
    "folder_lock",
    "has_versions",
    "render",
    "replace_file",
    "slug",
    "write_new",
]

LOCK_NAME = ".readout-import.lock"
VERSIONS_FOLDER = ".versions"
"""Where a file's earlier texts are kept (`versions`), beside it."""
SLUG_LENGTH = 60
MAX_TITLE = 300
"""Characters of a title kept: no headline is longer, and front matter stays small."""
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_ASCII_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True, slots=True)
class Readout:
    """An imported article as it is written."""

    date: dt.date | None
    title: str
    source: str | None
    url: str | None
    text: str
    imported: dt.datetime
    revised: dt.date | None = None
    versions: int = 0

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.text)

    @property
    def naming(self) -> str:
        """What its file is named after: the title, else the text's first words."""
        return self.title if slug(self.title) != "article" else " ".join(self.text.split()[:10])


def fingerprint(text: str) -> str:
    """16 hex digits naming the text's words, whatever their case, accents,
    punctuation and spacing: two copies of one text share it."""
    words = " ".join(_WORD.findall(fold(text)))
    return hashlib.sha256(words.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def one_value(text: str, limit: int | None = None) -> str:
    """`text` as one front-matter line: whitespace runs as one space (as the reader
    reads it back), lone surrogates (no file can hold them) as U+FFFD."""
    line = " ".join(text.split())
    line = line.encode("utf-8", "replace").decode("utf-8")
    return line[:limit].rstrip() if limit is not None else line


def slug(title: str) -> str:
    """Lowercase ASCII words of `title`, joined by `-`, at most `SLUG_LENGTH` long and
    cut at a word: `Việt Nam–Lào talks` is `viet-nam-lao-talks`."""
    folded = fold(title).replace("'", "").encode("ascii", "ignore").decode("ascii")
    words = _ASCII_WORD.findall(folded)
    kept: list[str] = []
    for word in words:
        if len("-".join([*kept, word])) > SLUG_LENGTH:
            break
        kept.append(word)
    return "-".join(kept) or "article"


def file_name(date: dt.date | None, title: str, number: int = 1) -> str:
    """`2025-03-11-some-title.md`; `-2`, `-3`... for `number` past 1."""
    stem = f"{date.isoformat() if date else 'undated'}-{slug(title)}"
    return f"{stem}-{number}.md" if number > 1 else f"{stem}.md"


def _imported(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def render(readout: Readout) -> str:
    """The file's text: front matter, a blank line, the paragraphs."""
    header: dict[str, object] = {}
    if readout.date is not None:
        header["date"] = readout.date
    for key, value in (
        ("title", one_value(readout.title, MAX_TITLE)),
        ("source", one_value(readout.source or "", MAX_TITLE)),
        ("url", one_value(readout.url or "")),
    ):
        if value:
            header[key] = value
    header["imported"] = _imported(readout.imported)
    header["fingerprint"] = readout.fingerprint
    if readout.revised is not None:
        header["revised"] = readout.revised
        header["versions"] = readout.versions
    front = yaml.safe_dump(header, allow_unicode=True, sort_keys=False, width=1_000_000)
    return f"---\n{front}---\n\n{readout.text.strip()}\n"


@contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Writers into `folder` (and their duplicate checks) take turns."""
    from filelock import FileLock

    with FileLock(folder / LOCK_NAME):
        yield


def _temporary(folder: Path, text: str) -> Path:
    """`text` in a new hidden file of `folder` (permissions as the umask says, like
    any file the person makes: `mkstemp`'s are private)."""
    while True:
        name = folder / f".readout-import-{secrets.token_hex(6)}.tmp"
        try:
            handle = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        break
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        name.unlink(missing_ok=True)
        raise
    return name


def has_versions(path: Path) -> bool:
    """Whether earlier texts are kept under the name `path` (`versions`' folder)."""
    return os.path.lexists(path.parent / VERSIONS_FOLDER / path.name)


def write_new(folder: Path, readout: Readout) -> Path:
    """Write `readout` under the first free name of `file_name`'s (never over a file)."""
    folder.mkdir(parents=True, exist_ok=True)
    temporary = _temporary(folder, render(readout))
    try:
        for number in range(1, 10_000):
            target = folder / file_name(readout.date, readout.naming, number)
            if has_versions(target):  # a deleted article's: never adopted
                continue
            try:
                os.link(temporary, target)
            except FileExistsError:
                continue
            return target
        raise FileExistsError(f"no free name for {file_name(readout.date, readout.naming)}")
    finally:
        temporary.unlink(missing_ok=True)


def replace_file(path: Path, readout: Readout) -> None:
    """Replace `path`'s text with `readout`, whole (the caller kept the old text)."""
    temporary = _temporary(path.parent, render(readout))
    try:
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
