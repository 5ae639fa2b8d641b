"""Bookmarks in a Markdown notes file that people read and edit, and that readout
reads back.

The file format
---------------
A notes file is CommonMark. Each bookmark is one section:

    ## 2025-01-15 · The article's title

    > The passage, every line quoted
    > (control characters shown as symbols).

    The note, any number of lines. A line that could mean something to Markdown
    (it starts with punctuation or a space, or with `Tags:`) is written with a
    backslash in front, `\\> like this`, so it reads as plain text.

    Tags: #visit #trade
    <!-- readout:bookmark {"id": ..., "article": ..., "quote": {...}, ...} -->

Only the anchor makes a bookmark: a top-level HTML comment that is exactly one line,
`<!-- readout:bookmark {JSON} -->`, as `markdown-it-py` parses the file. Its section
runs from the last `## ` heading after the previous anchor down to the anchor; the
quote is the first block quote under the heading; the tags are a last `Tags:` line.
A `## ` inside a code block, an anchor inside a quote, a code block or a longer
comment is text, not a bookmark.

The anchor's JSON follows the W3C Web Annotation model: a TextQuoteSelector (`quote`:
the exact passage with some text before and after it) and a TextPositionSelector
(`position`: the offsets), plus `id`, `article`, `created`, and the `note` and `tags`
exactly as typed. `<`, `>`, `&` and control characters are `\\u` escapes in it, so
no text can close the comment or start a line. The note and tags shown in Markdown
are a rendering of the JSON: while they read exactly as readout wrote them, the
JSON's exact text is used (a note may hold any characters); once they are edited by
hand, the Markdown is what counts.

Anything else, including text between sections, is kept byte for byte: a rewrite
changes only the section it is about. What cannot be read is reported as
`file:line: why` and left as it is: an anchor whose JSON is broken, too deep, or holds
numbers that are not offsets (`1e400`, negative, reversed) or values of the wrong
type; a copied section (its id seen before: the first one counts); bytes that are
not UTF-8 (shown as `\ufffd`). A bookmark without its `## ` heading, or with bytes
that are not UTF-8 in its section, is shown but never rewritten.

Reading is `tui.core.notes_parse`; writing (the lock, appends undone on failure,
rewrites of the file as it is now) is `tui.core.notes_file`; the spool of bookmarks
not written yet and the service the app and CLI share is `tui.core.notes_store`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz

from tui.core.corpus import MAX_FILE_BYTES, Article, Corpus
from tui.core.search import search_fold
from tui.core.text import visible

if TYPE_CHECKING:
    from tui.core.notes_parse import Notes

__all__ = [
    "ANCHORED",
    "ORPHANED",
    "Bookmark",
    "NotesError",
    "citation",
    "find_quote",
    "load_notes",
    "places",
    "with_note",
]

ANCHOR_PREFIX = "<!-- readout:bookmark "
ANCHOR_SUFFIX = " -->"
CONTEXT = 32
"""Characters of text kept before and after a quote, to find it again."""
MAX_FUZZY_QUOTE = 2000
"""A longer quote that is not found as it is stays orphaned: a fuzzy match costs the
product of the quote's and the article's lengths."""
_PUNCTUATION = "\"'“”‘’()[]{}.,;:!?—–-…"
HEADER = (
    "# Readout notes\n\n"
    "<!-- Written by readout. Each section is one bookmark: edit its note and its\n"
    "Tags: line freely; keep the readout:bookmark line under it. Anything you write\n"
    "between sections is kept as it is. -->\n"
)
ANCHORED = "anchored"
ORPHANED = "orphaned"
TAGS_LINE = re.compile(r"^tags:\s*(?P<tags>.*)$", re.IGNORECASE)
"""A `Tags:` line, as written or typed by hand."""


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
            tags=clean_tags(tags),
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
            "note": self.note,
            "tags": list(self.tags),
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
        """The section this bookmark is written as (see the module docstring)."""
        heading = one_line(self.heading or self.article) or "(untitled)"
        shown = _printable(visible(self.quote)).split("\n")
        quoted = "\n".join(f"> {line}" if line else ">" for line in shown)
        parts = [f"## {heading}", "", quoted, ""]
        if note := note_lines(self.note):
            parts += [*note, ""]
        if self.tags:
            parts += [tags_line(self.tags), ""]
        return "\n".join(parts) + anchor_line(self.anchor()) + "\n"

    def locate(self, article: Article | None) -> tuple[int, int] | None:
        """Where the quote is in `article` now: at its offsets if the text there is
        unchanged, else by the quote (the occurrence whose context matches, then the
        nearest), else by a fuzzy match (quotes up to `MAX_FUZZY_QUOTE` characters);
        `None` when it cannot be found (orphaned)."""
        if article is None or not self.quote:
            return None
        text = article.text
        if 0 <= self.start <= self.end <= len(text) and text[self.start : self.end] == self.quote:
            return self.start, self.end
        found = [m.start() for m in re.finditer(re.escape(self.quote), text)]
        if found:
            at = min(found, key=lambda at: self._fit(text, at))
            return at, at + len(self.quote)
        if len(self.quote) > MAX_FUZZY_QUOTE:
            return None
        aligned = fuzz.partial_ratio_alignment(self.quote, text, score_cutoff=85)
        if aligned is None:
            return None
        return aligned.dest_start, aligned.dest_end

    def _fit(self, text: str, at: int) -> tuple[int, int]:
        """How well the occurrence at `at` fits: matching context first, then nearness."""
        before = text[max(0, at - len(self.prefix)) : at]
        after = text[at + len(self.quote) : at + len(self.quote) + len(self.suffix)]
        context = (before == self.prefix) + (after == self.suffix)
        return -context, abs(at - self.start)


def clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Tags as written (`#visit`, ` xi `) without `#`, blanks or repeats."""
    return tuple(dict.fromkeys(t.strip().lstrip("#") for t in tags if t.strip("# ")))


def one_line(text: str) -> str:
    """`text` shown on one line: control characters visible, spacing collapsed."""
    return " ".join(_printable(visible(text)).split())


_UNSAFE = re.compile("[\ud800-\udfff]")
_ESCAPED_IN_ANCHOR = re.compile("[<>&\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def _printable(text: str) -> str:
    """Text that can be written as UTF-8: lone surrogates become `�`."""
    return _UNSAFE.sub("\ufffd", text)


def escape_line(line: str) -> str:
    """A note line that Markdown reads as plain paragraph text: a line that starts
    with punctuation or a space, or with `Tags:`, gets a backslash in front."""
    if not line:
        return line
    first = line[0]
    if (first.isascii() and not first.isalnum()) or first.isspace() or TAGS_LINE.match(line):
        return "\\" + line
    return line


def unescape_line(line: str) -> str:
    """The note line `escape_line` was given."""
    return line[1:] if line.startswith("\\") else line


def note_lines(note: str) -> list[str]:
    """The Markdown lines a note is written as (none for an empty note)."""
    if not note:
        return []
    return [escape_line(line) for line in _printable(visible(note)).split("\n")]


def tags_line(tags: Iterable[str]) -> str:
    """The `Tags:` line of `tags`."""
    return "Tags: " + " ".join(f"#{one_line(tag)}" for tag in tags)


def read_tags_line(line: str) -> tuple[str, ...]:
    """The tags of a `Tags:` line typed by hand (`#a #b`, `a, b`)."""
    found = TAGS_LINE.match(line.strip())
    if found is None:
        return ()
    return clean_tags(re.split(r"[\s,]+", found["tags"]))


def anchor_line(anchor: dict[str, Any]) -> str:
    """The anchor as one comment line. `<`, `>`, `&`, line breaks and other control
    characters are `\\u` escapes in the JSON, so no text can end the comment (`-->`),
    start markup, or break the line."""
    payload = json.dumps(anchor, ensure_ascii=False, separators=(", ", ": "))
    payload = _ESCAPED_IN_ANCHOR.sub(lambda m: f"\\u{ord(m[0]):04x}", payload)
    return ANCHOR_PREFIX + payload + ANCHOR_SUFFIX


def _refuse_constant(name: str) -> object:
    raise ValueError(f"{name} is not a number readout writes")


def read_anchor(line: str) -> Bookmark:
    """The bookmark an anchor line holds (note and tags as the JSON has them).
    Raises `ValueError` saying what is wrong with it."""
    payload = line.strip()[len(ANCHOR_PREFIX.strip()) :]
    if not payload.endswith(ANCHOR_SUFFIX.strip()):
        raise ValueError("the comment is not closed on its line")
    try:
        anchor = json.loads(payload[: -len(ANCHOR_SUFFIX.strip())], parse_constant=_refuse_constant)
    except RecursionError:
        raise ValueError("the JSON is nested too deeply") from None
    except ValueError as error:
        raise ValueError(f"not valid JSON: {error}") from None
    return _bookmark_from(anchor)


def _field(data: object, key: str, kind: type, default: object = None) -> Any:
    """`data[key]` if it is a `kind`; `default` if it is missing and a default is
    given; else `ValueError`."""
    if not isinstance(data, dict):
        raise ValueError(f"expected an object holding {key!r}")
    if key not in data and default is not None:
        return default
    value = data.get(key)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ValueError(f"{key!r} must be {'a whole number' if kind is int else kind.__name__}")
    return value


def _bookmark_from(anchor: object) -> Bookmark:
    quote = _field(anchor, "quote", dict)
    position = _field(anchor, "position", dict)
    start, end = _field(position, "start", int), _field(position, "end", int)
    if not 0 <= start <= end:
        raise ValueError(f"the offsets {start}..{end} are negative or reversed")
    if end > MAX_FILE_BYTES:  # no article holds more characters than bytes
        raise ValueError(f"the offsets {start}..{end} are past the end of any article")
    tags = _field(anchor, "tags", list, [])
    if not all(isinstance(tag, str) for tag in tags):
        raise ValueError("'tags' must be a list of text")
    return Bookmark(
        id=_field(anchor, "id", str),
        article=_field(anchor, "article", str),
        quote=_field(quote, "exact", str),
        start=start,
        end=end,
        prefix=_field(quote, "prefix", str, ""),
        suffix=_field(quote, "suffix", str, ""),
        note=_field(anchor, "note", str, ""),
        tags=tuple(tags),
        created=_field(anchor, "created", str, ""),
    )


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
    return replace(bookmark, note=note.strip(), tags=clean_tags(tags))


def places(notes: Notes, corpus: Corpus) -> dict[str, tuple[int, int] | None]:
    """Where each bookmark's passage is in the corpus now (`None`: orphaned)."""
    return {b.id: b.locate(corpus.get(b.article)) for b in notes.bookmarks}


def load_notes(path: Path) -> Notes:
    """The bookmarks in the notes file at `path`: `tui.core.notes_parse.load_notes`,
    here too for callers of this module."""
    from tui.core.notes_parse import load_notes as load  # it imports this module

    return load(path)


def citation(article: Article, start: int, end: int) -> str:
    """A passage with where it comes from, for the clipboard:
    `“...” — Title, VNS, 2025-01-15`."""
    source = ", ".join(part for part in (article.title, article.source, article.date_label) if part)
    return f"“{article.text[start:end]}” — {source}"
