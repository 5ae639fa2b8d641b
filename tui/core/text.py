"""Text normalisation and segmentation: paragraphs, sentences, datelines, credits.

Everything here works on plain strings and character offsets, so the CLI, the app,
extraction and search all agree on where a passage starts and ends.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from tui.core.controls import clipboard_text, escape_controls, one_line, visible

__all__ = [
    "Passage",
    "Segmented",
    "clipboard_text",
    "escape_controls",
    "find_credit",
    "find_dateline",
    "first_sentence_title",
    "fold",
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


# A dateline opens the body: "HÀ NỘI —", "Beijing:", "PHNOM PENH, Jan 5 -".
_PLACE_WORD = r"[^\W\d_][\w.'’-]*"
_DATELINE = re.compile(
    rf"(?P<place>{_PLACE_WORD}(?: {_PLACE_WORD}){{0,3}})"
    r"(?:, [\w .]{1,20}?)?"
    r"(?: ?[—–] ?| ?-- ?| - |: )"
)


def find_dateline(paragraph: str) -> tuple[str, int] | None:
    """Return the place named by a dateline at the start of `paragraph`, and where the
    text after it begins; `None` when the paragraph does not open with one.

    A dateline is at most four words, each capitalised, ended by a dash or a colon:
    `HÀ NỘI —`, `Beijing:`.
    """
    match = _DATELINE.match(paragraph)
    if match is None:
        return None
    place = match["place"]
    if not all(word[0].isupper() for word in place.split()):
        return None
    rest = paragraph[match.end() :]
    if not rest or not (rest[0].isupper() or rest[0].isdigit() or rest[0] in "\"“‘'("):
        return None
    return place, match.end()


_AGENCY_WORDS = (
    "Agence|Agency|News|Press|Presse|Xinhua|Reuters|AFP|AP|VNA|VNS|Kyodo|Bernama|TASS|"
    "Tass|Yonhap|Antara|Times|Post|Herald|Daily|Tribune|Gazette|Journal|Radio|"
    "Television|Broadcasting"
)
_CLOSING_CREDIT = re.compile(
    r"\s*[—–-]{1,2}\s*(?P<credit>[A-Z][A-Za-z]*(?:[/&][A-Z][A-Za-z]*)*"
    r"(?: [A-Z][A-Za-z]*){0,3})\s*$"
)
_ACCORDING_TO = re.compile(
    rf"\bAccording to (?P<credit>(?:[A-Z][\w’'-]* ){{0,4}}?(?:{_AGENCY_WORDS})"
    r"(?: [A-Z][\w’'-]*){0,3}),"
)


def find_credit(text: str) -> tuple[str, int | None] | None:
    """Return the source credit of a normalised body and, for a closing credit
    (`— VNA/VNS`), the offset where it begins; `None` when there is none.

    A closing credit is a dash and one to four capitalised words at the very end of
    the text. Otherwise a news agency named by `According to ...,` is the credit.
    """
    tail = text[-60:]
    closing = _CLOSING_CREDIT.search(tail)
    if closing is not None:
        before = tail[: closing.start()].rstrip()
        if not before or before[-1] in '.!?”"’)':
            return closing["credit"], len(text) - len(tail) + closing.start()
    according = _ACCORDING_TO.search(text)
    if according is not None:
        return according["credit"], None
    return None


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


def segment(raw: str) -> Segmented:
    """Normalise `raw` and find its paragraphs, sentences, dateline and credit.

    Sentences never include the dateline (`HÀ NỘI —`) or a closing credit (`— VNS`):
    those are metadata, not things anyone said.
    """
    text = normalise(raw)
    paragraphs = _paragraph_spans(text)
    place: str | None = None
    source: str | None = None
    credit_at: int | None = None
    credit = find_credit(text)
    if credit is not None:
        source, credit_at = credit
    sentences: list[Passage] = []
    for index, paragraph in enumerate(paragraphs):
        begin, stop = paragraph.start, paragraph.end
        if index == 0:
            dateline = find_dateline(paragraph.text)
            if dateline is not None:
                place, offset = dateline
                begin += offset
        if credit_at is not None and begin <= credit_at < stop:
            stop = credit_at
        sentences.extend(split_sentences(text, begin, stop))
    return Segmented(text, paragraphs, tuple(sentences), place, source)


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


def _fold_char(char: str) -> str:
    """One character without case or diacritics: `Ấ` to `a`, `Đ` to `d`."""
    folded = _SPECIAL_FOLDS.get(char)
    if folded is None:
        base = unicodedata.normalize("NFD", char)[0].lower()
        folded = base[0] if base else char
    return folded


class CharMap:
    """A one-for-one character mapping, applied fast.

    Characters below `LIMIT` (Latin, Vietnamese, general punctuation) go through a
    numpy lookup table, ten times faster than `str.translate`; a text with any
    character above it takes `str.translate` with a lazily filled table.
    """

    LIMIT: ClassVar[int] = 0x3000

    def __init__(self, one: Callable[[str], str]) -> None:
        self._one = one
        self._table: np.ndarray | None = None
        self._slow = _LazyTable(one)

    def __call__(self, text: str) -> str:
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


fold = CharMap(_fold_char)
"""`fold(text)`: `text` without case or diacritics, one character for one, so
offsets into the folded text are offsets into `text`: `fold("Tô Lâm") == "to lam"`,
`fold("Đổi mới") == "doi moi"`, curly apostrophes become `'`."""
