"""Reading a notes file with a Markdown parser (the format is in `tui.core.notes`).

`markdown-it-py` gives each top-level block with its line range, so a person's
`> quote`, a `## ` in a code block or a copy of an anchor inside a note is read as
what it is. What cannot be read is reported with its file and line, and left alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from tui.core.files import read_regular
from tui.core.notes import (
    ANCHOR_PREFIX,
    TAGS_LINE,
    Bookmark,
    NotesError,
    describe_os_error,
    note_lines,
    read_anchor,
    read_tags_line,
    tags_line,
    unescape_line,
)

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

__all__ = ["Notes", "Section", "decode", "load_notes", "parse_notes", "read_bytes"]


@cache
def _parser() -> MarkdownIt:
    """The Markdown block parser, made the first time a notes file is read (off the
    app's start: markdown-it takes 30 ms to import)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").disable(["inline", "text_join"])  # blocks are enough


_NOT_UTF8 = re.compile("[\udc80-\udcff]")


@dataclass(frozen=True, slots=True)
class Section:
    """A bookmark's place in the file: the lines `[first, last]` it spans (the
    heading to the anchor). A section readout must not rewrite (no heading, bytes that
    are not UTF-8) is `editable=False`, with the reason in `why_not`."""

    bookmark: Bookmark
    first: int
    last: int
    why_not: str = ""

    @property
    def editable(self) -> bool:
        """Whether an edit or delete may rewrite this section."""
        return not self.why_not


@dataclass(frozen=True, slots=True)
class Notes:
    """What a notes file holds: its bookmarks, and what could not be read."""

    path: Path
    bookmarks: tuple[Bookmark, ...] = ()
    problems: tuple[str, ...] = ()
    lines: tuple[str, ...] = field(default=(), repr=False)
    sections: tuple[Section, ...] = field(default=(), repr=False)

    def get(self, bookmark_id: str) -> Bookmark | None:
        """The bookmark with this id."""
        return next((b for b in self.bookmarks if b.id == bookmark_id), None)

    def section(self, bookmark_id: str) -> Section | None:
        """The section of the bookmark with this id."""
        return next((s for s in self.sections if s.bookmark.id == bookmark_id), None)


def decode(data: bytes) -> str:
    """The file's text; bytes that are not UTF-8 are kept as lone surrogates, so
    `text.encode("utf-8", "surrogateescape")` gives the same bytes back."""
    return data.decode("utf-8", "surrogateescape")


def _blocks(lines: Sequence[str]) -> list[Token]:
    """The top-level block tokens, with line ranges, from one parse. A comment that
    starts as an anchor but is not closed on its line would hide every bookmark down to
    the next `-->`: for the parser it is closed where it ends, so it stays one (broken)
    block of its first line and the lines after it are parsed on their own, however
    many such lines the file holds."""
    # markdown-it turns \r and \r\n into \n; a space keeps its lines ours.
    parsed = [line.replace("\r", " ") for line in lines]
    if parsed:  # a byte-order mark (editors on Windows) is not text before a heading
        parsed[0] = parsed[0].removeprefix("\ufeff")
    opening = ANCHOR_PREFIX.strip()
    for at, line in enumerate(parsed):
        if line.lstrip().startswith(opening) and "-->" not in line:
            parsed[at] = line + " -->"
    tokens = _parser().parse("\n".join(parsed))
    return [t for t in tokens if t.level == 0 and t.map and t.nesting != -1]


def _is_anchor(token: Token) -> bool:
    return token.type == "html_block" and token.content.lstrip().startswith(ANCHOR_PREFIX.strip())


def _body(lines: Sequence[str], inside: Sequence[Token], first: int, last: int) -> Bookmark:
    """Heading, note and tags of the section `[first, last]` (the anchor at `last`,
    the blocks between them `inside`), over the bookmark its anchor holds (see the
    module docstring of `tui.core.notes`)."""
    note_start = first + 1
    if inside and inside[0].type == "blockquote_open" and inside[0].map:
        note_start = inside[0].map[1]
    note_end, tags_at = last, None
    if inside and inside[-1].type == "paragraph_open" and inside[-1].map:
        end = inside[-1].map[1] - 1
        if end >= note_start and TAGS_LINE.match(lines[end].rstrip("\r").strip()):
            note_end, tags_at = end, end
    return _read_body(lines, first, note_start, note_end, tags_at)


def _read_body(
    lines: Sequence[str], first: int, note_start: int, note_end: int, tags_at: int | None
) -> Bookmark:
    region = [line.rstrip("\r") for line in lines[note_start:note_end]]
    while region and not region[0].strip():
        region.pop(0)
    while region and not region[-1].strip():
        region.pop()
    return Bookmark(
        id="", article="", quote="", start=0, end=0,
        note="\n".join(region),
        tags=(lines[tags_at].rstrip("\r"),) if tags_at is not None else (),
        heading=lines[first].strip().lstrip("#").strip(),
    )  # fmt: skip


def _merge(anchored: Bookmark, body: Bookmark) -> Bookmark:
    """The anchor's bookmark with the Markdown's heading, and its note and tags where
    they were edited by hand (they differ from what readout would write)."""
    shown_tags = body.tags[0] if body.tags else ""
    written_tags = tags_line(anchored.tags) if anchored.tags else ""
    tags = anchored.tags if shown_tags == written_tags else read_tags_line(shown_tags)
    note = anchored.note
    if body.note.split("\n") != (note_lines(note) or [""]):
        note = "\n".join(unescape_line(line) for line in body.note.split("\n")).strip()
    return replace(anchored, note=note, tags=tags, heading=body.heading)


def _fix(text: str) -> str:
    return _NOT_UTF8.sub("\ufffd", text)


def _shown(bookmark: Bookmark) -> Bookmark:
    """`bookmark` safe to show and print: bytes that were not UTF-8 become `�`."""
    return replace(
        bookmark, id=_fix(bookmark.id), article=_fix(bookmark.article),
        quote=_fix(bookmark.quote), prefix=_fix(bookmark.prefix), suffix=_fix(bookmark.suffix),
        note=_fix(bookmark.note), tags=tuple(map(_fix, bookmark.tags)),
        heading=_fix(bookmark.heading),
    )  # fmt: skip


def parse_notes(path: Path, text: str) -> Notes:
    """Read the bookmarks of a notes file's `text`; what cannot be read is reported in
    `Notes.problems` (with its line) and left alone."""
    lines = tuple(text.split("\n"))
    blocks = _blocks(lines)
    problems = [
        f"{path}:{number}: bytes that are not UTF-8, shown as \ufffd and kept as they are"
        for number, line in enumerate(lines, 1)
        if _NOT_UTF8.search(line)
    ]
    sections: list[Section] = []
    seen: dict[str, int] = {}
    heading: int | None = None  # the last `## ` since the previous anchor, in `blocks`
    for index, token in enumerate(blocks):
        if token.type == "heading_open" and token.tag == "h2":
            heading = index
        if not _is_anchor(token) or token.map is None:
            continue
        since, heading = heading, None
        at, where = token.map[0], f"{path}:{token.map[0] + 1}"
        if token.map[1] - at != 1:
            problems.append(f"{where}: bookmark anchor is not one line; left as it is")
            continue
        try:
            anchored = read_anchor(lines[at])
        except ValueError as error:
            problems.append(f"{where}: bookmark anchor cannot be read ({error}); left as it is")
            continue
        if anchored.id in seen:
            problems.append(
                f"{where}: bookmark {anchored.id} repeats the one at line {seen[anchored.id]} "
                "(a copied section?); left as it is"
            )
            continue
        seen[anchored.id] = at + 1
        inside = None if since is None else blocks[since:index]
        sections.append(_section(path, lines, inside, anchored, at, problems))
    bookmarks = tuple(s.bookmark for s in sections)
    return Notes(path, bookmarks, tuple(problems), lines, tuple(sections))


def _section(
    path: Path,
    lines: Sequence[str],
    blocks: Sequence[Token] | None,
    anchored: Bookmark,
    at: int,
    problems: list[str],
) -> Section:
    """The section of the anchor at line `at`; `blocks` from its heading on (`None`:
    it has no heading)."""
    if not blocks or blocks[0].map is None:
        problems.append(
            f"{path}:{at + 1}: bookmark {anchored.id} has no '## ' heading above it; "
            "shown, but not edited until one is added"
        )
        return Section(_shown(anchored), at, at, why_not="it has no '## ' heading")
    first = blocks[0].map[0]
    bookmark = _merge(anchored, _body(lines, blocks[1:], first, at))
    if any(_NOT_UTF8.search(line) for line in lines[first : at + 1]):
        return Section(_shown(bookmark), first, at, why_not="it holds bytes that are not UTF-8")
    return Section(bookmark, first, at)


def read_bytes(path: Path) -> bytes:
    """The bytes of the notes file at `path`. Raises `FileNotFoundError` when there is
    none, and `OSError` for anything that is not a regular file: a pipe or a device is
    refused at once instead of read for ever."""
    return read_regular(path)


def load_notes(path: Path) -> Notes:
    """The bookmarks in the notes file at `path` (none if it does not exist yet)."""
    try:
        data = read_bytes(path)
    except FileNotFoundError:
        return Notes(path)
    except OSError as error:
        raise NotesError(f"cannot read notes file {path}: {describe_os_error(error)}") from None
    return parse_notes(path, decode(data))
