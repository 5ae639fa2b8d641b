"""Earlier texts of revised articles, and what changed between them.

Official pages change after publication without notice. When an imported page's text
has changed, its file's earlier content is kept, whole, as
`.versions/<file name>/<n>.md` beside it (a hidden folder: never read as an
article), and only then is the file replaced. The file's front matter says
`revised: <date>` and `versions: <n>` (how many earlier texts are kept). Version
numbers run 1, 2, ... from the oldest; the file itself is version `n + 1`.

`word_diff` compares two texts word by word (difflib on the words and punctuation
marks; the whitespace between them does not count), `marked` shows the result
inline as `[-removed-]{+added+}`.
"""

from __future__ import annotations

import contextlib
import difflib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from tui.core.importing.dedupe import body_of
from tui.core.importing.writing import VERSIONS_FOLDER

__all__ = [
    "VERSIONS_FOLDER",
    "Change",
    "Revision",
    "Versions",
    "changed_paragraphs",
    "keep_version",
    "last_revision",
    "marked",
    "version_paths",
    "word_diff",
]

_NUMBERED = re.compile(r"(\d{1,6})\.md")
_TOKEN = re.compile(r"\w+(?:['’-]\w+)*|[^\w\s]")


def versions_folder(path: Path) -> Path:
    return path.parent / VERSIONS_FOLDER / path.name


def version_paths(path: Path) -> list[Path]:
    """The kept earlier texts of the file `path`, oldest first."""
    folder = versions_folder(path)
    if not folder.is_dir():
        return []
    numbered = [
        (int(match[1]), entry)
        for entry in folder.iterdir()
        if (match := _NUMBERED.fullmatch(entry.name))
    ]
    return [entry for _, entry in sorted(numbered)]


def keep_version(path: Path) -> int:
    """Copy `path`'s content, whole, to its next version file; return its number."""
    folder = versions_folder(path)
    folder.mkdir(parents=True, exist_ok=True)
    data = path.read_bytes()
    kept = version_paths(path)
    number = int(_NUMBERED.fullmatch(kept[-1].name)[1]) + 1 if kept else 1  # type: ignore[index]
    temporary = folder / f".{number}.md.tmp"
    try:
        with temporary.open("wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.link(temporary, folder / f"{number}.md")  # never over a kept version
    except BaseException:
        if not kept:  # the folder made for this version only
            temporary.unlink(missing_ok=True)
            with contextlib.suppress(OSError):  # not empty: another's versions
                folder.rmdir()
                folder.parent.rmdir()
        raise
    finally:
        temporary.unlink(missing_ok=True)
    return number


@dataclass(frozen=True, slots=True)
class Versions:
    """The texts of one article: `texts[0]` is version 1, the last the file's own."""

    texts: tuple[str, ...]

    @classmethod
    def of(cls, path: Path) -> Versions:
        return cls(tuple(body_of(p) for p in [*version_paths(path), path]))


@dataclass(frozen=True, slots=True)
class Change:
    """Words removed, added or replaced; `offset` is where, in the later text."""

    op: Literal["insert", "delete", "replace"]
    before: str
    after: str
    offset: int

    def as_dict(self) -> dict[str, object]:
        return {"op": self.op, "before": self.before, "after": self.after, "offset": self.offset}


def _spans(text: str) -> list[tuple[int, int]]:
    return [match.span() for match in _TOKEN.finditer(text)]


def _cut(text: str, spans: list[tuple[int, int]], first: int, last: int) -> str:
    """The text of words `first` to `last` (exclusive), with its own spacing."""
    return text[spans[first][0] : spans[last - 1][1]] if last > first else ""


def word_diff(before: str, after: str) -> list[Change]:
    """What changed from `before` to `after`, word by word, in order."""
    old, new = _spans(before), _spans(after)
    words_old = [before[a:b] for a, b in old]
    words_new = [after[a:b] for a, b in new]
    matcher = difflib.SequenceMatcher(None, words_old, words_new, autojunk=False)
    changes = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        offset = new[j1][0] if j1 < len(new) else len(after)
        changes.append(Change(op, _cut(before, old, i1, i2), _cut(after, new, j1, j2), offset))
    return changes


def marked(after: str, changes: list[Change]) -> list[tuple[str, str]]:
    """The later text with the changes in it, as `(kind, text)` pieces: kind `""`
    (unchanged), `"-"` (removed) or `"+"` (added), in reading order."""
    pieces: list[tuple[str, str]] = []
    position = 0
    for change in changes:
        pieces.append(("", after[position : change.offset]))
        if change.before:
            pieces.append(("-", change.before))
        if change.after:
            if change.before:
                pieces.append(("", " "))
            pieces.append(("+", change.after))
        position = change.offset + len(change.after)
        if not change.after and change.offset < len(after):
            pieces.append(("", " "))
    pieces.append(("", after[position:]))
    return [piece for piece in pieces if piece[1]]


Piece = tuple[str, str]


def changed_paragraphs(after: str, changes: list[Change]) -> list[list[Piece]]:
    """`marked`'s pieces cut into the later text's paragraphs, only those that changed."""
    paragraphs: list[list[Piece]] = [[]]
    for kind, text in marked(after, changes):
        if kind:
            paragraphs[-1].append((kind, text))
            continue
        first, *rest = text.split("\n\n")
        paragraphs[-1].append((kind, first))
        paragraphs.extend([("", part)] for part in rest)
    return [
        [piece for piece in paragraph if piece[1]]
        for paragraph in paragraphs
        if any(kind for kind, _ in paragraph)
    ]


@dataclass(frozen=True, slots=True)
class Revision:
    """What changed between two versions of an article: version `first` and the next,
    of `count` (the file's own text is version `count`)."""

    first: int
    count: int
    changes: tuple[Change, ...]
    paragraphs: tuple[tuple[Piece, ...], ...]
    """`changed_paragraphs` of the later text: only the paragraphs that changed."""

    @property
    def later(self) -> int:
        return self.first + 1


def last_revision(path: Path) -> Revision | None:
    """What changed between the article file `path`'s last two versions; `None` when
    no earlier text of it is kept. Raises `OSError` when a version cannot be read."""
    texts = Versions.of(path).texts
    if len(texts) < 2:
        return None
    before, after = texts[-2], texts[-1]
    changes = word_diff(before, after)
    paragraphs = tuple(tuple(paragraph) for paragraph in changed_paragraphs(after, changes))
    return Revision(len(texts) - 1, len(texts), tuple(changes), paragraphs)
