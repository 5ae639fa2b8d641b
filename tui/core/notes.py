"""Bookmarks in a Markdown notes file that people read and edit, and that readout
reads back.

Each bookmark is a section: a heading (article date and title), the passage as a
block quote, the note, a `Tags:` line, and one hidden anchor line:

    <!-- readout:bookmark {"id": ..., "article": ..., "quote": {...}, ...} -->

The anchor follows the W3C Web Annotation model: a TextQuoteSelector (the exact quote
with some text before and after it) and a TextPositionSelector (the offsets). The
note and tags are read from the Markdown, so hand edits to them count; the quote is
read from the anchor. Text between sections is left exactly as it was written.

Writing the file safely (the lock, atomic rewrites, the spool of bookmarks not yet
written) is `tui.core.notes_file`'s work.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from tui.core.corpus import Article, Corpus
from tui.core.search import search_fold
from tui.core.text import visible

__all__ = [
    "ANCHORED",
    "ORPHANED",
    "Bookmark",
    "NotesError",
    "citation",
    "find_quote",
    "load_notes",
    "places",
]

ANCHOR_PREFIX = "<!-- readout:bookmark "
ANCHOR_SUFFIX = " -->"
CONTEXT = 32
"""Characters of text kept before and after a quote, to find it again."""
_PUNCTUATION = "\"'“”‘’()[]{}.,;:!?—–-…"
HEADER = (
    "# Readout notes\n\n"
    "<!-- Written by readout. Each section is one bookmark: edit its note and its\n"
    "Tags: line freely; keep the readout:bookmark line under it. Anything you write\n"
    "between sections is kept as it is. -->\n"
)
ANCHORED = "anchored"
ORPHANED = "orphaned"


class NotesError(Exception):
    """The notes file cannot be read or written; the message says why, in one line."""


@dataclass(frozen=True, slots=True)
class Bookmark:
    """A passage of an article, with what the person thought of it."""

    id: str
    article: str
    quote: str
    start: int
    end: int
    prefix: str = ""
    suffix: str = ""
    note: str = ""
    tags: tuple[str, ...] = ()
    created: str = ""
    heading: str = ""
    """The section heading: the article's date and title when it was made."""

    @classmethod
    def new(
        cls, article: Article, start: int, end: int, note: str = "", tags: Iterable[str] = ()
    ) -> Bookmark:
        """A bookmark of `article.text[start:end]`, made now."""
        text = article.text
        return cls(
            id=secrets.token_hex(6),
            article=article.id,
            quote=text[start:end],
            start=start,
            end=end,
            prefix=text[max(0, start - CONTEXT) : start],
            suffix=text[end : end + CONTEXT],
            note=note.strip(),
            tags=_clean_tags(tags),
            created=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            heading=f"{article.date_label} · {article.title}",
        )

    def anchor(self) -> dict[str, Any]:
        """The machine-readable part, as the anchor comment holds it."""
        return {
            "id": self.id,
            "article": self.article,
            "quote": {
                "type": "TextQuoteSelector",
                "exact": self.quote,
                "prefix": self.prefix,
                "suffix": self.suffix,
            },
            "position": {"type": "TextPositionSelector", "start": self.start, "end": self.end},
            "created": self.created,
        }

    def as_dict(self, status: str) -> dict[str, object]:
        """The JSON shape `readout notes --json` prints."""
        return {
            "id": self.id,
            "article": self.article,
            "quote": self.quote,
            "note": self.note,
            "tags": list(self.tags),
            "start": self.start,
            "end": self.end,
            "created": self.created,
            "status": status,
        }

    def to_markdown(self) -> str:
        """The section this bookmark is written as."""
        heading = _one_line(self.heading or self.article)
        shown = visible(self.quote).splitlines() or [""]
        quoted = "\n".join(f"> {line}" if line else ">" for line in shown)
        parts = [f"## {heading}", "", quoted, ""]
        if self.note:
            parts += [self.note, ""]
        if self.tags:
            parts += ["Tags: " + " ".join(f"#{tag}" for tag in self.tags), ""]
        return "\n".join(parts) + _anchor_line(self.anchor()) + "\n"

    def locate(self, article: Article | None) -> tuple[int, int] | None:
        """Where the quote is in `article` now: at its offsets if the text there is
        unchanged, else by the quote and its context, else by a fuzzy match; `None`
        when it cannot be found (the bookmark is orphaned)."""
        if article is None or not self.quote:
            return None
        text = article.text
        if text[self.start : self.end] == self.quote:
            return self.start, self.end
        found = [m.start() for m in re.finditer(re.escape(self.quote), text)]
        if found:

            def fit(at: int) -> tuple[int, int]:
                before = text[max(0, at - len(self.prefix)) : at]
                after = text[at + len(self.quote) : at + len(self.quote) + len(self.suffix)]
                context = (before == self.prefix) + (after == self.suffix)
                return -context, abs(at - self.start)

            at = min(found, key=fit)
            return at, at + len(self.quote)
        aligned = fuzz.partial_ratio_alignment(self.quote, text, score_cutoff=85)
        if aligned is None:
            return None
        return aligned.dest_start, aligned.dest_end


def _clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Tags as written (`#visit`, ` xi `) without `#`, blanks or repeats."""
    return tuple(dict.fromkeys(t.strip().lstrip("#") for t in tags if t.strip("# ")))


def _one_line(text: str) -> str:
    return " ".join(visible(text).split())


def _anchor_line(anchor: dict[str, Any]) -> str:
    """The anchor as one comment line. `<`, `>` and `&` are escaped inside the JSON,
    so no passage text can end the comment (`-->`) or start markup."""
    payload = json.dumps(anchor, ensure_ascii=False, separators=(", ", ": "))
    payload = payload.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return ANCHOR_PREFIX + payload + ANCHOR_SUFFIX


@dataclass(frozen=True, slots=True)
class _Section:
    """A bookmark's place in the file: the lines `[first, last]` it spans."""

    bookmark: Bookmark
    first: int
    last: int


@dataclass(frozen=True, slots=True)
class Notes:
    """What a notes file holds: its bookmarks, and what could not be read."""

    path: Path
    bookmarks: tuple[Bookmark, ...] = ()
    problems: tuple[str, ...] = ()
    lines: tuple[str, ...] = field(default=(), repr=False)
    sections: tuple[_Section, ...] = field(default=(), repr=False)

    def get(self, bookmark_id: str) -> Bookmark | None:
        """The bookmark with this id."""
        return next((b for b in self.bookmarks if b.id == bookmark_id), None)


_TAGS = re.compile(r"^tags:\s*(?P<tags>.*)$", re.IGNORECASE)


def _section_body(lines: Sequence[str]) -> tuple[str, str, tuple[str, ...]]:
    """Heading, note and tags of the Markdown lines above an anchor."""
    heading = ""
    note: list[str] = []
    tags: tuple[str, ...] = ()
    for line in lines:
        if line.startswith("## ") and not heading and not note:
            heading = line[3:].strip()
        elif line.startswith(">"):
            continue
        elif (found := _TAGS.match(line.strip())) is not None:
            tags = tuple(t.lstrip("#") for t in re.split(r"[\s,]+", found["tags"]) if t.strip("#"))
        else:
            note.append(line)
    return heading, "\n".join(note).strip(), tags


def _bookmark_from(anchor: dict[str, Any], body: Sequence[str]) -> Bookmark:
    heading, note, tags = _section_body(body)
    quote = anchor["quote"]
    position = anchor["position"]
    return Bookmark(
        id=str(anchor["id"]),
        article=str(anchor["article"]),
        quote=str(quote["exact"]),
        start=int(position["start"]),
        end=int(position["end"]),
        prefix=str(quote.get("prefix", "")),
        suffix=str(quote.get("suffix", "")),
        note=note,
        tags=tags,
        created=str(anchor.get("created", "")),
        heading=heading,
    )


def parse_notes(path: Path, text: str) -> Notes:
    """Read the bookmarks of a notes file's `text`; what cannot be read is reported in
    `Notes.problems` and left alone."""
    lines = tuple(text.split("\n"))
    bookmarks: list[Bookmark] = []
    sections: list[_Section] = []
    problems: list[str] = []
    previous_end = -1
    for number, line in enumerate(lines):
        stripped = line.strip()
        if not stripped.startswith(ANCHOR_PREFIX.strip()):
            continue
        first = number
        while first - 1 > previous_end and not lines[first].startswith("## "):
            first -= 1
        if not lines[first].startswith("## "):
            first = previous_end + 1
        try:
            payload = stripped[len(ANCHOR_PREFIX) - 1 :]
            if not payload.endswith(ANCHOR_SUFFIX.strip()):
                raise ValueError("the comment is not closed")
            anchor = json.loads(payload[: -len(ANCHOR_SUFFIX.strip())])
            bookmark = _bookmark_from(anchor, lines[first:number])
        except (ValueError, KeyError, TypeError) as error:
            problems.append(
                f"{path}:{number + 1}: bookmark anchor cannot be read ({error}); left as it is"
            )
            continue
        bookmarks.append(bookmark)
        sections.append(_Section(bookmark, first, number))
        previous_end = number
    return Notes(path, tuple(bookmarks), tuple(problems), lines, tuple(sections))


def load_notes(path: Path) -> Notes:
    """The bookmarks in the notes file at `path` (none if it does not exist yet)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Notes(path)
    except (OSError, UnicodeDecodeError) as error:
        raise NotesError(f"cannot read notes file {path}: {describe_os_error(error)}") from None
    return parse_notes(path, text)


def describe_os_error(error: BaseException) -> str:
    """Why a file could not be read or written, in a few plain words."""
    if isinstance(error, PermissionError):
        return "permission denied (is it read-only?)"
    if isinstance(error, FileNotFoundError):
        return "its folder does not exist"
    if isinstance(error, OSError) and error.strerror:
        return error.strerror.lower()
    return str(error)


def find_quote(article: Article, quote: str) -> tuple[int, int] | None:
    """Where `quote` occurs in `article`, folded as search folds (case, diacritics,
    punctuation and spacing ignored); `None` if it does not."""
    words = search_fold(quote).split()
    if not words:
        return None
    pattern = r"(?<!\w)" + r"\s+".join(map(re.escape, words)) + r"(?!\w)"
    match = re.search(pattern, search_fold(article.text))
    if match is None:
        return None
    start, end = match.span()
    # Punctuation that opens or closes the quote, as typed, belongs to it too.
    text, core = article.text, quote.strip()
    lead = core[: len(core) - len(core.lstrip(_PUNCTUATION))]
    tail = core[len(core.rstrip(_PUNCTUATION)) :]
    if lead and text[max(0, start - len(lead)) : start] == lead:
        start -= len(lead)
    if tail and text[end : end + len(tail)] == tail:
        end += len(tail)
    return start, end


def with_note(bookmark: Bookmark, note: str, tags: Iterable[str]) -> Bookmark:
    """`bookmark` with a new note and tags."""
    return replace(
        bookmark,
        note=note.strip(),
        tags=_clean_tags(tags),
    )


def places(notes: Notes, corpus: Corpus) -> dict[str, tuple[int, int] | None]:
    """Where each bookmark's passage is in the corpus now (`None`: orphaned)."""
    return {b.id: b.locate(corpus.get(b.article)) for b in notes.bookmarks}


def citation(article: Article, start: int, end: int) -> str:
    """A passage with where it comes from, for the clipboard:
    `“...” — Title, VNS, 2025-01-15`."""
    source = ", ".join(part for part in (article.title, article.source, article.date_label) if part)
    return f"“{article.text[start:end]}” — {source}"
