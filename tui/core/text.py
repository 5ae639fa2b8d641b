"""Text normalisation and segmentation: paragraphs, sentences, datelines, credits.

Everything here works on plain strings and character offsets, so the CLI, the app,
extraction and search all agree on where a passage starts and ends.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from tui.core.controls import clipboard_text, escape_controls, one_line, visible
from tui.core.wire import Dateline, Opener, find_opener, is_heading, read_credit, read_dateline

__all__ = [
    "Passage",
    "Segmented",
    "clipboard_text",
    "escape_controls",
    "find_credit",
    "find_dateline",
    "first_sentence_title",
    "fold",
    "fold_char",
    "normalise",
    "one_line",
    "segment",
    "shorten",
    "split_sentences",
    "visible",
    "word_count",
]


@dataclass(frozen=True, slots=True)
class Passage:
    """A span of an article's normalised text: `text == article.text[start:end]`."""

    text: str
    start: int
    end: int

    def as_dict(self) -> dict[str, object]:
        """`{"text", "start", "end"}`, as the JSON output prints it."""
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Segmented:
    """A normalised body with its paragraphs, sentences and the parts around them."""

    text: str
    paragraphs: tuple[Passage, ...]
    sentences: tuple[Passage, ...]
    place: str | None
    source: str | None
    speaker: str | None = None
    """Who an official readout is attributed to (`Matthew Miller`), if it says."""


_BLANK_LINES = re.compile(r"\n[ \t\f\v\u00a0]*\n\s*")
_SPACE_CHARS = "\t\f\v\r\n\u00a0\u2000-\u200a\u202f\u205f\u3000"
# A run of spacing that is not already one plain space (most are, and are left alone).
_SPACES = re.compile(rf"[{_SPACE_CHARS}][ {_SPACE_CHARS}]*| [ {_SPACE_CHARS}]+")


def normalise(raw: str) -> str:
    """Return `raw` in the canonical form every offset refers to.

    NFC, no byte-order mark, LF line ends, paragraphs separated by exactly one blank
    line, runs of spaces (and single line breaks inside a paragraph) collapsed to one
    space. Diacritics, curly quotes and every visible character are kept.
    """
    text = unicodedata.normalize("NFC", raw.lstrip("\ufeff"))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = (_SPACES.sub(" ", block).strip() for block in _BLANK_LINES.split(text))
    return "\n\n".join(p for p in paragraphs if p)


def _paragraph_spans(text: str) -> tuple[Passage, ...]:
    spans: list[Passage] = []
    start = 0
    for block in text.split("\n\n"):
        if block:
            spans.append(Passage(block, start, start + len(block)))
        start += len(block) + 2
    return tuple(spans)


def find_dateline(paragraph: str) -> tuple[str, int] | None:
    """The place a dateline at the start of `paragraph` names (as a reader writes
    it), and where the text after it begins; `None` when there is no dateline.
    `wire.read_dateline` also gives the agency."""
    dateline = read_dateline(paragraph)
    return None if dateline is None else (dateline.place, dateline.end)


def find_credit(text: str) -> tuple[str, int | None] | None:
    """The agency a body's credits name and, for closing credits, where they begin;
    `None` when no agency is named. `wire.read_credit` also finds credits that name
    none (`Enditem`, `./.`)."""
    credit = read_credit(text)
    if credit is None or credit.source is None:
        return None
    return credit.source, credit.start


# Sentence boundaries.
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof st jr sr no nos vol gen col lt maj capt sgt sen rep gov pres amb
    hon rev corp inc ltd co bros dept est approx vs etc fig al jan feb mar apr jun jul aug
    sep sept oct nov dec ave blvd mt ft""".split()
)
_TERMINAL = re.compile(r"[.!?]+(?:/\.)?[\"'”’)\]]*")
_NEXT_START = re.compile(r"\s+(?=[\"'“‘(\[]?(\w))")
_INITIALS = re.compile(r"(?:\b[^\W\d_]\.)+$")
_LAST_WORD = re.compile(r"([^\W\d_]+)$")


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the full stop at `dot` ends an abbreviation or an initial."""
    before = text[max(0, dot - 24) : dot]
    if _INITIALS.search(before + "."):
        return True
    word = _LAST_WORD.search(before)
    return word is not None and word.group(1).lower() in _ABBREVIATIONS


def _bracket_depth(text: str) -> int:
    return text.count("(") - text.count(")") + text.count("[") - text.count("]")


_BRACKET = re.compile(r"[()\[\]]")


def _unclosed(text: str, start: int, end: int) -> list[int]:
    """Where the brackets of `text[start:end]` that nothing closes open (a typo, or
    an escape code's `[`): they must not hold the rest of the paragraph together."""
    opened: list[int] = []
    for bracket in _BRACKET.finditer(text, start, end):
        if bracket.group() in "([":
            opened.append(bracket.start())
        elif opened:
            opened.pop()
    return opened


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Passage]:
    """Split `text[start:end]` (one paragraph) into sentences with offsets into `text`.

    Breaks after `.`, `!` or `?` (and any closing quotes or brackets) when the next
    word starts with a capital, a digit or an opening quote; never after an
    abbreviation (`Mr.`, `Jan.`), an initial (`J.`, `U.S.`), inside brackets, or
    inside the Vietnamese press terminator `./.`.
    """
    end = len(text) if end is None else end
    sentences: list[Passage] = []
    begin = start
    # The bracket depth of text[begin:scanned], kept as the scan goes: counting it
    # from `begin` at every full stop would read a long paragraph again each time.
    depth, scanned = 0, start
    unclosed = _unclosed(text, start, end)
    for terminal in _TERMINAL.finditer(text, start, end):
        following = _NEXT_START.match(text, terminal.end(), end)
        if following is None:
            continue
        initial = following.group(1)
        if not (initial.isupper() or initial.isdigit()):
            continue
        mark = terminal.group()
        single_stop = mark.startswith(".") and len(mark.rstrip("\"'”’)]")) == 1
        if single_stop and _is_abbreviation(text, terminal.start()):
            continue
        depth += _bracket_depth(text[scanned : terminal.start()])
        depth -= bisect_left(unclosed, terminal.start()) - bisect_left(unclosed, scanned)
        scanned = terminal.start()
        if depth > 0:
            continue
        sentences.append(Passage(text[begin : terminal.end()], begin, terminal.end()))
        begin = following.end()
        depth, scanned = 0, begin
    tail = text[begin:end].rstrip()
    if tail:
        sentences.append(Passage(tail, begin, begin + len(tail)))
    return sentences


def _content_start(paragraphs: tuple[Passage, ...]) -> tuple[int, Dateline | None, Opener | None]:
    """Where the content of a body begins, after the headings of an official readout,
    its dateline and its opening attribution; with the dateline and the opener."""
    dateline: Dateline | None = None
    opener: Opener | None = None
    for index, paragraph in enumerate(paragraphs[:_HEADING_PARAGRAPHS]):
        begin = paragraph.start
        if dateline is None and (opener is None or opener.speaker is None):
            dateline = read_dateline(paragraph.text)
            if dateline is not None:
                begin += dateline.end
        found = find_opener(paragraph.text[begin - paragraph.start :])
        if found is None and begin == paragraph.start and index + 1 < len(paragraphs):
            found = Opener(None, len(paragraph.text)) if is_heading(paragraph.text) else None
        if found is None:
            return begin, dateline, opener
        opener = found if found.speaker or opener is None else opener
        if begin - paragraph.start + found.end < len(paragraph.text):
            return begin + found.end, dateline, opener
    return (paragraphs[0].start if paragraphs else 0), None, None


_HEADING_PARAGRAPHS = 4
"""How many paragraphs of headings (`Office of the Spokesperson`, a date, an
attribution) may open a readout before its content."""


def segment(raw: str) -> Segmented:
    """Normalise `raw` and find its paragraphs, sentences, dateline and credits.

    Sentences never include the dateline (`HÀ NỘI —`), a readout's opening
    attribution (`The following is attributable to ...:`) or the closing credits
    (`— VNS`, `Enditem`, `./.`): those are metadata, not things anyone said.
    """
    text = normalise(raw)
    paragraphs = _paragraph_spans(text)
    begin, dateline, opener = _content_start(paragraphs)
    credit = read_credit(text)
    credit_at = len(text) if credit is None or credit.start is None else credit.start
    sentences: list[Passage] = []
    for paragraph in paragraphs:
        start, stop = max(paragraph.start, begin), min(paragraph.end, credit_at)
        if start < stop:
            sentences.extend(split_sentences(text, start, stop))
    source = dateline.source if dateline is not None else None
    if (
        credit is not None
        and credit.source is not None
        and (source is None or credit.start is not None)
    ):
        source = credit.source
    return Segmented(
        text,
        paragraphs,
        tuple(sentences),
        dateline.place if dateline is not None else None,
        source,
        opener.speaker if opener is not None else None,
    )


def shorten(text: str, width: int) -> str:
    """`text` cut at a word boundary to at most `width` characters, with `…` if cut."""
    if len(text) <= width:
        return text
    cut = text.rfind(" ", 0, width)
    if cut < width // 2:
        cut = width - 1
    return text[:cut].rstrip(" ,;:—–-") + "…"


def first_sentence_title(segmented: Segmented, width: int = 90) -> str:
    """A readable title: the first sentence, cut at a word boundary near `width`."""
    if not segmented.sentences:
        return ""
    return shorten(segmented.sentences[0].text.rstrip("."), width)


_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def word_count(text: str) -> int:
    """Number of words, counting `Việt`, `people-to-people` and `China’s` as one each."""
    return len(_WORD.findall(text))


_SPECIAL_FOLDS = {
    "đ": "d", "Đ": "d", "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "ı": "i",
    "’": "'", "‘": "'", "ʼ": "'", "“": '"', "”": '"', "–": "-", "—": "-",
}  # fmt: skip


def fold_char(char: str) -> str:
    """One character without case or diacritics: `Ấ` to `a`, `Đ` to `d`."""
    folded = _SPECIAL_FOLDS.get(char)
    if folded is None:
        base = unicodedata.normalize("NFD", char)[0].lower()
        folded = base[0] if base else char
    return folded


class CharMap:
    """A one-for-one character mapping, applied fast.

    Characters below `LIMIT` (Latin, Vietnamese, general punctuation) go through a
    numpy lookup table, ten times faster than `str.translate` on a long text; a short
    text (under `SHORT` characters: a name, a title), where numpy's fixed cost is the
    larger, and a text with any character above `LIMIT` take `str.translate` with a
    lazily filled table.
    """

    LIMIT: ClassVar[int] = 0x3000
    SHORT: ClassVar[int] = 100

    def __init__(self, one: Callable[[str], str]) -> None:
        self._one = one
        self._table: np.ndarray | None = None
        self._slow = _LazyTable(one)

    def __call__(self, text: str) -> str:
        if len(text) < self.SHORT:  # also: a map built on this one fills its table by
            return text.translate(self._slow)  # one character at a time
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        if not codes.size or codes.max() >= self.LIMIT:
            return text.translate(self._slow)
        if self._table is None:
            self._table = np.array(
                [ord(self._one(chr(code))) for code in range(self.LIMIT)], dtype=np.uint32
            )
        return self._table[codes].tobytes().decode("utf-32-le", "surrogatepass")


class _LazyTable(dict[int, str]):
    """A `str.translate` table filled one character at a time, as they are met."""

    def __init__(self, one: Callable[[str], str]) -> None:
        super().__init__()
        self._one = one

    def __missing__(self, code: int) -> str:
        self[code] = result = self._one(chr(code))
        return result


fold = CharMap(fold_char)
"""`fold(text)`: `text` without case or diacritics, one character for one, so
offsets into the folded text are offsets into `text`: `fold("Tô Lâm") == "to lam"`,
`fold("Đổi mới") == "doi moi"`, curly apostrophes become `'`."""
