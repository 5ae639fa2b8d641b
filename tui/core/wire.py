"""Wire furniture: the dateline that opens a news article, the opener of an official
readout and the credits that close it.

None of these is something anyone said: `segment` keeps them out of every sentence,
and the article's place and source are read from them. Everything works on one
normalised paragraph or body and returns offsets into it.

* Datelines: `BEIJING, June 26 (Xinhua) --`, `Hà Nội (VNA) –`, `HÀ NỘI —`,
  `PHNOM PENH, Sept 15 (AFP) -`, `WASHINGTON (AP) —`, `Beijing:`.
* Openers: `The following is attributable to Spokesperson Matthew Miller:`.
* Credits: `— VNA/VNS`, `VNA/VNS` or `REUTERS` alone, `Enditem`,
  `(Reporting by ...; Editing by ...)`, the Vietnamese press terminator `./.`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "Credit",
    "Dateline",
    "Opener",
    "find_opener",
    "is_heading",
    "read_credit",
    "read_dateline",
]


@dataclass(frozen=True, slots=True)
class Dateline:
    """The place (as a reader writes it: `Hà Nội` for `HÀ NỘI`), the agency named in
    brackets (`Xinhua`), and where the text after the dateline begins."""

    place: str
    source: str | None
    end: int


@dataclass(frozen=True, slots=True)
class Credit:
    """The agency a closing credit names (`None` for `Enditem` or `./.` alone) and
    where the credits begin (`None` when the credit is read from the text itself,
    as in `According to Xinhua,`)."""

    source: str | None
    start: int | None


@dataclass(frozen=True, slots=True)
class Opener:
    """A readout's opening attribution: who it is attributed to, and where the text
    after it begins."""

    speaker: str | None
    end: int


# --- Datelines -------------------------------------------------------------------

_PLACE_WORD = r"[^\W\d_][\w.'’-]*"
_DATELINE = re.compile(
    rf"(?P<place>{_PLACE_WORD}(?: {_PLACE_WORD}){{0,3}})"
    r"(?P<date>(?:, [\w .]{1,20}?){1,2})?"
    r"(?: ?\((?P<agency>[^\W\d_][\w.'’&/-]*(?: [^\W\d_][\w.'’&/-]*){0,3})\))?"
    r"(?P<dash> (?:—|–|--|-) ?|(?:—|–|--) |: )"
)
# Words that open a sentence about a person, never a place: "Prime Minister Anwar -".
_NOT_PLACE = frozenset(
    """minister president premier secretary general chairman chairwoman chairperson
    spokesperson spokesman spokeswoman ambassador deputy vice king queen sultan prince
    chancellor speaker mr mrs ms dr the a an in on at his her their this that these
    meanwhile however also party foreign defence defense prime leader leaders
    both when after before while""".split()
)
_OPENING_QUOTES = "\"“‘'("


def _reader_place(place: str) -> str:
    """`HÀ NỘI` -> `Hà Nội`, `XI'AN` -> `Xi'an`; a place not in capitals is kept."""
    if not place.isupper():
        return place
    return " ".join(word[:1] + word[1:].lower() for word in place.split())


def read_dateline(paragraph: str) -> Dateline | None:
    """The dateline at the start of `paragraph`, or `None`.

    A place of one to four capitalised words, an optional date (`, June 26`), an
    optional agency in brackets (`(Xinhua)`), then a dash or a colon before a
    capitalised word. A place in mixed case with a dash and nothing between them
    (`Prime Minister Anwar - who ... - said`) is a dateline only when the dash is
    not one of a pair.
    """
    match = _DATELINE.match(paragraph)
    if match is None:
        return None
    place = match["place"]
    words = place.split()
    if not all(word[0].isupper() for word in words):
        return None
    if any(word.lower().strip(".") in _NOT_PLACE for word in words):
        return None
    rest = paragraph[match.end() :]
    if not rest or not (rest[0].isupper() or rest[0].isdigit() or rest[0] in _OPENING_QUOTES):
        return None
    dash = match["dash"].strip()
    plain = match["date"] is None and match["agency"] is None
    if plain and dash != ":" and not place.isupper() and _paired(rest, dash):
        return None
    return Dateline(_reader_place(place), match["agency"], match.end())


def _paired(rest: str, dash: str) -> bool:
    """Whether `dash` comes again before the first sentence ends: a parenthesis."""
    stop = re.search(r"[.!?](?:\s|$)", rest)
    return f" {dash} " in rest[: stop.start() if stop else len(rest)]


# --- Openers ---------------------------------------------------------------------

_OPENER = re.compile(
    r"(?:The (?:following|below) (?:statement )?is attributable to|"
    r"(?:Readout|Statement) (?:attributable to|by|from))\s+"
    r"(?P<speaker>[^:\n]{1,120}?)\s*:\s*"
)
_TITLE_WORDS = re.compile(
    r"^(?:(?:(?:Principal\s+)?(?:Deputy\s+)?(?:Department\s+)?"
    r"(?:Spokesperson|Spokesman|Spokeswoman|Press Secretary)|Secretary)\s+)+"
)


_FURNITURE = re.compile(
    r"(?:Office of the (?:Spokesperson|Spokesman)|Media [Nn]ote|Media [Rr]elease|"
    r"Press [Ss]tatement|Press [Rr]elease|Readout|"
    r"READOUT|(?:[A-Z][a-z]+day,? )?"
    r"(?:[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4}|\d{1,2} [A-Z][a-z]{2,8},? \d{4}))"
    r"\s*$"
)


def is_heading(paragraph: str) -> bool:
    """Whether a paragraph that opens a body is a heading pasted with it (`Senator
    the Hon Penny Wong, Minister for Foreign Affairs`): short, and not a sentence."""
    return len(paragraph) <= _HEADING_CHARS and paragraph.rstrip()[-1:] not in _HEADING_ENDS


_HEADING_CHARS = 120
_HEADING_ENDS = '.!?:;"”’)'


def find_opener(paragraph: str) -> Opener | None:
    """The attribution that opens an official readout (`The following is
    attributable to Spokesperson Matthew Miller:`), with the speaker's name without
    their title; a paragraph that is only a readout's heading (`Office of the
    Spokesperson`, `June 26, 2024`); or `None`."""
    if _FURNITURE.match(paragraph):
        return Opener(None, len(paragraph))
    match = _OPENER.match(paragraph)
    if match is None:
        return None
    speaker = _TITLE_WORDS.sub("", match["speaker"]).strip() or None
    return Opener(speaker, match.end())


# --- Credits ---------------------------------------------------------------------

AGENCIES = {
    "vna": "VNA", "vns": "VNS", "vna/vns": "VNA/VNS", "xinhua": "Xinhua",
    "reuters": "Reuters", "afp": "AFP", "ap": "AP", "kyodo": "Kyodo",
    "kyodo news": "Kyodo", "bernama": "Bernama", "yonhap": "Yonhap", "tass": "TASS",
    "antara": "Antara", "kpl": "KPL", "akp": "AKP", "pna": "PNA", "xinhua/vns": "Xinhua/VNS",
}  # fmt: skip
"""Credits that need no dash before them, and how they are written."""
_AGENCY_WORDS = (
    "Agence|Agency|News|Press|Presse|Xinhua|Reuters|AFP|AP|VNA|VNS|Kyodo|Bernama|TASS|"
    "Tass|Yonhap|Antara|Times|Post|Herald|Daily|Tribune|Gazette|Journal|Radio|"
    "Television|Broadcasting"
)
_TAIL = 400
"""How far from the end credits are looked for: the longest trailer takes about 200."""
_SENTENCE_END = '.!?”"’)'
_DASHED_CREDIT = re.compile(
    r"\s*(?:[—–-]{1,2}|==)\s*(?P<credit>[A-Z][A-Za-z]*(?:[/&][A-Z][A-Za-z]*)*"
    r"(?: [A-Z][A-Za-z]*){0,3})\s*$"
)
_BARE_CREDIT = re.compile(r"\s*(?P<credit>[A-Za-z]+(?:/[A-Za-z]+)?(?: News)?)\s*$")
_ENDITEM = re.compile(r"\s*\b(?:Enditem|ENDITEM|End ?item)\s*$")
_TERMINATOR = re.compile(r"(?<=[.!?”\"’)])\s?/\.\s*$|\s+\./\.\s*$")
_DESK_SLUG = re.compile(r"\s*\b[a-z]{2,4}(?:[-/][a-z]{2,4})+\s*$")
"""The desk's initials closing AFP copy: `cgm/pam`, `oho-bur/dan`."""
_EDITOR = re.compile(r"\s*\((?:Web )?[Ee]ditors?:[^()]{0,200}\)\s*$")
_CONTRIBUTED = re.compile(
    r"(?:(?<=\n)|(?<=[.!?”\"] ))[^.!?\n]{0,160}\bcontributed(?: reporting)? to this "
    r"(?:report|story)\.\s*$"
)
_TRAILER = re.compile(
    r"\s*\((?:Additional\s+)?(?:Reporting|Writing|Editing|Compiled|Edited)\s+by\b"
    r"[^()]{0,300}\)\s*$"
)
_TRAILER_SOURCE = "Reuters"
"""`(Reporting by ...; Editing by ...)` is how Reuters signs its copy."""
_ACCORDING_TO = re.compile(
    rf"\bAccording to (?P<credit>(?:[A-Z][\w’'-]* ){{0,4}}?(?:{_AGENCY_WORDS})"
    r"(?: [A-Z][\w’'-]*){0,3}),"
)


def _after_sentence(text: str, start: int) -> bool:
    """Whether a credit starting at `start` follows a finished sentence (or opens
    its own paragraph): `... pleasure. — VNS`, never `... the Year of Việt Nam-China`."""
    before = text[:start].rstrip(" ")
    return not before or before.endswith("\n") or before[-1] in _SENTENCE_END


def _strip_one(text: str, end: int) -> tuple[int, str | None] | None:
    """The last piece of furniture ending at `end`: where it starts, and the agency
    it names. Only the patterns that can end in the body's last character are tried,
    each over the few characters it can take: this runs for every article loaded."""
    last = text[end - 1] if end else ""
    if last == ")":
        for pattern, source in ((_EDITOR, None), (_TRAILER, _TRAILER_SOURCE)):
            match = pattern.search(text, max(0, end - _TAIL), end)
            if match is not None:
                return match.start(), source
    elif last == ".":
        for pattern, reach in ((_TERMINATOR, 8), (_CONTRIBUTED, 200)):
            match = pattern.search(text, max(0, end - reach), end)
            if match is not None:
                return match.start(), None
    elif last.isalpha():
        return _named_credit(text, end)
    return None


def _named_credit(text: str, end: int) -> tuple[int, str | None] | None:
    """A credit of words at the end: `Enditem`, `cgm/pam`, `— VNS`, `REUTERS`."""
    for pattern, reach in ((_ENDITEM, 16), (_DESK_SLUG, 24)):
        match = pattern.search(text, max(0, end - reach), end)
        if match is not None and (pattern is _ENDITEM or _after_sentence(text, match.start())):
            return match.start(), None
    dashed = _DASHED_CREDIT.search(text, max(0, end - 60), end)
    if dashed is not None and _after_sentence(text, dashed.start()):
        return dashed.start(), AGENCIES.get(dashed["credit"].lower(), dashed["credit"])
    bare = _BARE_CREDIT.search(text, max(0, end - 24), end)
    if bare is not None and _after_sentence(text, bare.start("credit")):
        credit = bare["credit"]
        known = AGENCIES.get(credit.lower())
        if known is not None or (credit.isupper() and len(credit) > 2):
            return bare.start(), known or credit
    return None


def read_credit(text: str) -> Credit | None:
    """The credits that close a normalised body, or `None`.

    Pieces are taken off the end one by one (`Enditem`, a reporting trailer, a
    credit with or without a dash, `/.`); the source is the outermost agency named,
    or Reuters for a reporting trailer alone. Without any, a news agency named by
    `According to ...,` is the source.
    """
    end = len(text)
    named: list[str] = []
    start: int | None = None
    while (piece := _strip_one(text, end)) is not None and piece[0] < end:
        start, credit = piece
        if credit is not None:
            named.append(credit)
        end = start
        while end > 0 and text[end - 1].isspace():
            end -= 1
    if start is not None:
        explicit = [credit for credit in named if credit != _TRAILER_SOURCE]
        chosen = explicit or named
        return Credit(chosen[0] if chosen else None, start)
    according = _ACCORDING_TO.search(text)
    if according is not None:
        return Credit(according["credit"], None)
    return None
