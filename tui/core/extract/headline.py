"""Headlines made from what a readout's lead says: who met whom, and how.

`Tô Lâm – Xi Jinping · phone talks`, `Xi Jinping meets Anwar Ibrahim · Beijing`,
`Xi Jinping congratulates Lương Cường · message`. Only the lead (the first
paragraphs, at most `LEAD_CHARS`) is read, so a headline costs the same however long
the article: it is made for every article as the corpus loads.

This module never imports `tui.core.corpus` (which imports it): it works on anything
with the text, paragraphs, sentences and place an `Article` has.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from tui.core.extract.corrections import corrected_leaders
from tui.core.extract.leaders import Leader, find_leaders
from tui.core.extract.lexicon import Lexicon
from tui.core.text import Passage, shorten

__all__ = ["CONTACTS", "LEAD_CHARS", "Lead", "contact_of", "headline", "lead_of", "principals"]

CONTACTS = ("phone talks", "talks", "meeting", "message", "conference", "visit", "statement")
"""The kinds of contact a headline names (the gold annotation's vocabulary)."""
LEAD_PARAGRAPHS = 3
LEAD_CHARS = 1500
"""The lead where the kind of contact is looked for: the first `LEAD_PARAGRAPHS`
paragraphs, cut at the first sentence that ends past `LEAD_CHARS` characters."""
NAMES_PARAGRAPHS = 2
NAMES_CHARS = 900
"""The shorter lead where the principals are looked for (finding people costs more)."""


class Lead(Protocol):
    """What a headline reads: an `Article`, or a `Segmented` body before it is one."""

    @property
    def text(self) -> str: ...
    @property
    def paragraphs(self) -> tuple[Passage, ...]: ...
    @property
    def sentences(self) -> tuple[Passage, ...]: ...
    @property
    def place(self) -> str | None: ...


# The cues of each kind of contact, as one pattern. In a sentence, the first cue of a
# contact between the two sides wins, and where two start at the same word the
# stronger, listed first, wins ("phone talks"); a summit or a forum counts only when
# the sentence names no such contact ("attending the G7 Summit, held a summit meeting").
_CUE = re.compile(
    # Only words starting with a cue's first letter are tried: six times faster.
    r"(?=[abcdfghlmprstvA-Z])\b(?:"
    r"(?P<phone>(?i:(?:tele)?phone|video[ -]?call|video ?conference|"
    r"virtual (?:talks|meeting)|call with|(?:held|had|made) a call)\b|"
    r"spoke (?:(?:today|yesterday|on \w+day) )?with (?!reporters|journalists|the press))|"
    r"(?P<talks>(?i:talks|co-chair\w*|political consultations?|strategic dialogue)\b|"
    r"summit(?: meeting| talks)?\b)|"
    r"(?P<meeting>(?:[Mm]et|[Mm]eets|[Mm]eeting|[Cc]ourtesy call|[Hh]osted|[Hh]osts|"
    r"[Rr]eceives|[Rr]eceived(?! (?:a |an |the )?(?:\w+ ){0,2}"
    r"(?:message|letter|call|congratulation)))\b)|"
    r"(?P<message>(?i:message|letter|congratulat\w*|condolences?|sympathy|greetings)\b)|"
    r"(?P<conference>attend\w* (?:the |a |an )?(?:[\w'’-]+ ){0,6}?"
    r"(?i:meeting|summit|forum|conference|dialogue)\b|(?:[A-Z][A-Za-z0-9-]+ )+summits?\b|"
    r"(?:Summits?|[Ff]orum|Conference|(?<!news )(?<!press )conference|Meeting|Dialogue|"
    r"multilateral)\b))"
)
_JOINT = re.compile(r"\band\b[^.;:]{1,80}?\b(?:agreed|pledged|vowed)\b")
"""`Kishida and Yoon vowed ...`, `Iwaya and his counterpart Wang Yi agreed ...`:
two sides that agree together have held talks, when nothing else is said."""
_CUE_KINDS = {
    "phone": "phone talks", "talks": "talks", "meeting": "meeting", "message": "message",
    "conference": "conference",
}  # fmt: skip
_VISIT = re.compile(
    r"\b(?:(?i:state|official|working) visit|visit(?:s|ed|ing)? (?:to )?[A-Z]|trip to|arrived in)"
)
_CEREMONY = re.compile(r"\bwelcom(?:e|ing) ceremony\b", re.IGNORECASE)
"""A welcome ceremony (`hosted an official welcome ceremony for X, who is paying a
State visit`) is the ritual of an arrival: a visit, whoever hosted it."""
_VISIT_TO = re.compile(r"\b(?:visit|trip) to (?:the )?(?P<where>[A-Z][\w’'-]+(?: [A-Z][\w’'-]+)?)")
_STATEMENT = re.compile(r"\b(?:spokes(?:person|man|woman)|statement)\b", re.IGNORECASE)
_EVENT = re.compile(
    r"(?:[A-Z][\w'’&-]* (?:of (?:the )?)?){1,6}"
    r"(?:Summits?|Forum|Conference|Meeting|Dialogue|Retreat)\b"
)
"""A named gathering: `ASEAN Summit`, `ASEAN Foreign Ministers' Meeting`."""
_FLOWER = re.compile(r"\bcongratulat\w*", re.IGNORECASE)
_SORROW = re.compile(r"\b(?:condolences?|sympathy|sympathies)\b", re.IGNORECASE)
_EXCHANGE = re.compile(r"\bexchang\w* (?:\w+ )?(?P<what>letters|messages|greetings)\b")
"""Two leaders who exchanged letters both wrote: neither congratulates the other."""
_DEPUTY = re.compile(r"\b(?:deputy|vice|assistant)\b", re.IGNORECASE)


def lead_of(
    article: Lead, paragraphs: int = LEAD_PARAGRAPHS, chars: int = LEAD_CHARS
) -> tuple[Passage, ...]:
    """The sentences of the lead: those of the first `paragraphs` paragraphs that hold
    a sentence, up to the first that ends past `chars` characters."""
    sentences = article.sentences
    if not sentences:
        return ()
    first = sentences[0].start
    stop = first + chars
    for paragraph in article.paragraphs:
        if paragraph.end > first:
            paragraphs -= 1
            if paragraphs == 0:
                stop = min(stop, paragraph.end)
                break
    lead: list[Passage] = []
    for sentence in sentences:
        if sentence.start >= stop:
            break
        lead.append(sentence)
    return tuple(lead)


def contact_of(article: Lead, leaders: Sequence[Leader] = ()) -> str:
    """The kind of contact a readout reports (one of `CONTACTS`), or `""` when its
    lead does not say.

    The first sentence of the lead that names a call, talks, a meeting, a message or
    a conference decides: the first contact it names between the two sides (the
    strongest where two start together: `phone talks`), else talks where two sides
    agreed or vowed together, else a conference it names. A visit counts only when
    nothing else is named ("held talks during a state visit" is talks); a
    spokesperson or a statement named in the lead or the attribution above it, or a
    spokesperson among `leaders`, make it a statement.
    """
    lead = lead_of(article)
    return _contact(article.text, lead, leaders)


def _contact(text: str, lead: Sequence[Passage], leaders: Sequence[Leader]) -> str:
    for sentence in lead:
        kind = _sentence_contact(text, sentence)
        if kind:
            return kind
    if not lead:
        return ""
    start, end = lead[0].start, lead[-1].end
    if _VISIT.search(text, start, end):
        return "visit"
    spokesperson = any("spokes" in title.lower() for leader in leaders for title in leader.titles)
    # From the start: the attribution that opens a readout is not in its sentences.
    if spokesperson or _STATEMENT.search(text, 0, end):
        return "statement"
    return ""


def _sentence_contact(text: str, sentence: Passage) -> str:
    """The contact one sentence names, or `""`."""
    if _CEREMONY.search(text, sentence.start, sentence.end):
        return "visit"
    conference = False
    for cue in _CUE.finditer(text, sentence.start, sentence.end):
        if cue.lastgroup == "conference":
            conference = True
        elif cue.lastgroup is not None:
            return _CUE_KINDS[cue.lastgroup]
    if _JOINT.search(text, sentence.start, sentence.end):
        return "talks"
    return "conference" if conference else ""


_WITH = re.compile(r"(?: [\w’'-]+){0,3}? (?:with|to)\b")
OBJECT_REACH = 80
"""How far after a contact's cue (`held talks with`) the person it is with is named."""


def _object_of_contact(text: str, lead: Sequence[Passage]) -> tuple[int, int]:
    """Where the person a contact is with is named: the `OBJECT_REACH` characters
    after the first `met`, `received`, or call, talks or message `with` or `to`
    someone (an empty span when there is none)."""
    for sentence in lead:
        for cue in _CUE.finditer(text, sentence.start, sentence.end):
            if cue.lastgroup == "conference":
                continue
            # "met Li", "received Li Xi"; "held talks with", "a message to"; never
            # "agreed to revive talks on their claims".
            joined = _WITH.match(text, cue.end(), sentence.end)
            if joined is not None or cue.lastgroup == "meeting":
                end = joined.end() if joined is not None else cue.end()
                return end, min(sentence.end, end + OBJECT_REACH)
    return 0, 0


def principals(
    article: Lead, lexicon: Lexicon, count: int = 2, article_id: str = ""
) -> tuple[Leader, ...]:
    """The one or two people the lead is about: the most named in its sentences (the
    person a contact is with counting once more; the first named where as many;
    deputies only where too few others are named), in the order the lead names them.
    Where the lead names nobody, the person the attribution above it names. Named as
    the corrections say (those limited to one article too, given its `article_id`)."""
    lead = lead_of(article, NAMES_PARAGRAPHS, NAMES_CHARS)
    if not lead:
        return ()
    return _principals(article.text[: lead[-1].end], lead, lexicon, count, article_id)


def _principals(
    text: str, lead: Sequence[Passage], lexicon: Lexicon, count: int, article_id: str
) -> tuple[Leader, ...]:
    # Only mentions in the lead's sentences count: not the spokesperson a readout is
    # attributed to, nor a name in a heading or a dateline.
    # Whoever the contact is with ("held talks with her counterpart Hun Manet", the
    # first named after it) counts one more: above a relative named as often.
    # A deputy (a vice-minister welcoming a visitor at the airport) is chosen only
    # where the lead names fewer than `count` others.
    # A lead that names nobody (a spokesperson's statement) is the words of whoever
    # the attribution above it names.
    begin = lead[0].start
    low, high = _object_of_contact(text, lead)
    named: list[tuple[bool, int, int, Leader]] = []
    objects: list[tuple[int, int]] = []
    attributed: list[Leader] = []
    for leader in corrected_leaders(find_leaders(text, lead, lexicon), lexicon, article_id):
        inside = [mention.start for mention in leader.mentions if mention.start >= begin]
        if inside:
            named.append((_is_deputy(leader), -len(inside), inside[0], leader))
            objects += [(start, len(named) - 1) for start in inside if low <= start < high]
        else:
            attributed.append(leader)
    if not named:
        return tuple(attributed[:1])
    if objects:
        _, first = min(objects)
        deputy, score, start, leader = named[first]
        named[first] = (deputy, score - 1, start, leader)
    chosen = sorted(named, key=lambda item: item[:3])[:count]
    return tuple(leader for *_, leader in sorted(chosen, key=lambda item: item[2]))


def _is_deputy(leader: Leader) -> bool:
    """Whether every title a leader is given is a deputy's (`Deputy Minister`,
    `Vice Foreign Minister`); a leader given no title is not."""
    return bool(leader.titles) and all(_DEPUTY.search(title) for title in leader.titles)


def headline(article: Lead, lexicon: Lexicon, width: int = 90, article_id: str = "") -> str:
    """A title naming the principals and the kind of contact (`Tô Lâm – Xi Jinping ·
    phone talks`), or `""` when neither the lead nor its attribution names anybody.
    The corrections limited to the article `article_id` apply too."""
    people = principals(article, lexicon, article_id=article_id)
    if not people:
        return ""
    lead = lead_of(article)
    contact = _contact(article.text, lead, people)
    text = article.text[: lead[-1].end]
    if contact == "visit":
        people = _visitor_first(people, text)
    names = [leader.name for leader in people]
    return shorten(_compose(names, contact, article.place, text), width)


def _visitor_first(people: tuple[Leader, ...], text: str) -> tuple[Leader, ...]:
    """The principals with the visitor first: the one named last before the lead
    first names the visit (`Xi Jinping and his spouse, who are paying a State visit`,
    `as Prime Minister Ishiba visited Manila`)."""
    visit = _VISIT.search(text)
    if visit is None or len(people) < 2:
        return people
    before = [
        (max((m.start for m in leader.mentions if m.start < visit.start()), default=-1), index)
        for index, leader in enumerate(people)
    ]
    last, visitor = max(before)
    if last < 0:
        return people
    return (people[visitor], *(leader for leader in people if leader is not people[visitor]))


def _compose(names: Sequence[str], contact: str, place: str | None, text: str) -> str:
    """The words of a headline: who, the contact's verb or label, and where."""
    first, *others = names
    other = others[0] if others else None
    where = [place] if place else []
    if contact == "meeting" and other:
        # "meets" says the contact: no "· meeting" after it where no place is known.
        return " · ".join([f"{first} meets {other}", *where])
    if contact == "message" and other:
        exchange = _EXCHANGE.search(text)
        if exchange:
            return f"{first} – {other} · {exchange['what']}"
        if _SORROW.search(text):
            return f"{first} sends condolences to {other} · message"
        if _FLOWER.search(text):
            return f"{first} congratulates {other} · message"
    if contact == "visit":
        # The visitor first, then whoever received them: both principals named.
        visited = _VISIT_TO.search(text)
        if other:
            label = f"visit to {visited['where']}" if visited else "visit"
            return " · ".join([f"{first} – {other}", label, *where])
        if visited:
            return " · ".join([f"{first} visits {visited['where']}", *(where or ["visit"])])
    who = f"{first} – {other}" if other else first
    event = _EVENT.search(text) if contact == "conference" else None
    label = event.group().removeprefix("The ") if event else contact
    parts = [who, label] if label else [who]
    if contact not in ("phone talks", "message", "statement"):
        parts += where
    return " · ".join(parts)
