"""Commitments: the sentences where someone undertakes something, who, and about what.

Each sentence is classified by its earliest cue (`pledged`, `agreed to`, `proposed`,
`is ready to`, `announced the launch`, `invited`, then softer cues like `will`,
`should`, `need to`). Greetings, thanks, condolences, congratulations and views of
the past are not commitments: a soft cue governed by one (`expressed confidence that
... will`) does not count. The actor is the speaker of an attributed statement
(`..., Xi said`), else the subject, with `He`, `the latter`, `the Chinese leader`
and `China's top leader` resolved to the person they refer to.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from tui.core.cancel import ShouldStop, check
from tui.core.extract.leaders import DEMONYMS, Leader
from tui.core.extract.lexicon import Lexicon
from tui.core.text import Passage, fold

__all__ = ["KINDS", "Commitment", "find_commitments"]

KINDS = ("pledge", "agreement", "proposal", "readiness", "announcement", "invitation")
BOTH = "both"

# Cues, matched on folded text. Strong cues count whatever else the sentence says.
_STRONG: tuple[tuple[str, str], ...] = (
    ("invitation", r"\binvit(?:e|es|ed|ing|ation)\b"),
    ("announcement", r"\bannounced the (?:launch|start|establishment)\b"),
    ("announcement", r"\blaunched\b"),
    ("pledge", r"\bpledg(?:e|ed|es|ing)\b|\bvow(?:ed|s)?\b"),
    ("pledge", r"\b(?:commitment|committed) to\b|\bunwavering commitment\b"),
    ("agreement", r"\bagreed (?:to|on|that)\b|\bconcurred\b|\bagree to\b"),
    ("agreement", r"\breached (?:high |broad |significant |important )?consensus\b"),
    ("readiness", r"\bready to\b|\breadiness\b"),
    ("readiness", r"\bwilling(?:ness)? to\b|\bwillingness\b|\bprepared to\b"),
    ("readiness", r"\bwish to work\b|\bhopes? to join hands\b|\bwants? to work\b"),
    ("proposal", r"(?<!the )\bpropos(?:ed|es|ing)\b|\bmade (?:a number of |several )?proposals\b"),
    ("proposal", r"\bsuggest(?:ed|s|ing)\b|\bcall(?:ed|s|ing)? for\b|\burg(?:ed|es|ing)\b"),
    ("proposal", r"\badvocat(?:ed|es|ing)\b|\basked for\b|\bthe need for\b"),
)
# Soft cues count unless an assessment, a greeting or the past governs them.
_SOFT: tuple[tuple[str, str], ...] = (
    ("pledge", r"\bwould continue\b|\bwill continue\b|\bdetermined to\b"),
    ("pledge", r"\b(?:re)?affirm(?:ed|s)\b.{0,60}\b(?:prioriti|adherence|commitment)"),
    ("pledge", r"\bpersists? with\b|\bstays? steadfast\b|\battaches importance to\b"),
    ("pledge", r"\bconsider\w*\b.{0,200}\btop priority\b|\bemphasi[sz]ed prioriti"),
    ("pledge", r"\bwill\b"),
    ("proposal", r"\bshould\b|\bneeds? to\b|\bmust\b"),
    ("proposal", r"\bit is (?:now )?(?:an? )?(?:\w+ )?(?:point of )?time for\b"),
)
_GOVERNED = re.compile(
    r"\b(?:expressed|voiced)(?: his| her| their)?(?: \w+)? (?:confidence|optimism|belief|hope)"
    r"|\bbelieving\b|\bhailed\b|\bcongratulat\w*|\bthank\w*|\bcondolences?\b|\bwelcomed\b"
    r"|\bpraised\b|\brecalled\b"
)
# A clause of its own after an assessment: "welcomed the progress and said ... should".
_NEW_CLAUSE = re.compile(r"\b(?:and|but) (?:said|added|stressed|noted|urged)\b|;")
_ACCEPTANCE = re.compile(r"\baccept(?:ed|s)\b")
_PAST = re.compile(r"\brecalled\b|\bhad (?:reached|agreed)\b")


class _Cues:
    """A list of cues, found fast. Every cue starts a word, so the cues are tried at
    word starts only (`\\b(?=\\w)` fails at once elsewhere), and inside a lookahead, so
    that a long cue (`considered ... top priority`) hides no cue that starts within it."""

    def __init__(self, cues: tuple[tuple[str, str], ...]) -> None:
        alternatives = "|".join(f"(?P<c{index}>{cue})" for index, (_, cue) in enumerate(cues))
        self.cues = re.compile(rf"\b(?=\w)(?=(?:{alternatives}))")
        self.kinds = [kind for kind, _ in cues]

    def finditer(self, folded: str) -> Iterator[tuple[str, int]]:
        """`(kind, offset)` of each cue in `folded`, in reading order."""
        for match in self.cues.finditer(folded):
            yield self.kinds[int((match.lastgroup or "c0")[1:])], match.start()


_STRONG_CUES = _Cues(_STRONG)
_SOFT_CUES = _Cues(_SOFT)


_ORDINAL = re.compile(
    r"(?:First|Second|Third|Fourth|Fifth|Sixth|Seventh|Finally|Lastly),\s", re.IGNORECASE
)
_ENUMERATION_SPLIT = re.compile(
    r";\s+(?:and\s+)?(?=(?:second|third|fourth|fifth|sixth|finally|lastly)\b)", re.IGNORECASE
)
_LEAD_CLAUSE = re.compile(
    r"(?:(?:\w+ly\s+)?\w+ing\b|At|In|On|Under|Regarding|To|After|Following|During|As|With|"
    r"Amid|Furthermore|Moreover|Meanwhile|Accordingly|Additionally|Besides|Also)\b[^,]*,\s+"
)
_SPEECH = r"(?:said|says|affirmed|added|stressed|noted|remarked|stated|confirmed|underlined)"
_ATTRIBUTION_AFTER = re.compile(rf",\s+(?P<who>[^,]{{1,40}}?)\s+{_SPEECH}\b[^,]*(?:,|\.?$)")
_ATTRIBUTION_BEFORE = re.compile(rf"^(?P<who>[^,]{{1,60}}?)\s+{_SPEECH}\s+(?:that\s+)?")
_GROUP = re.compile(
    r"\b(?:[Bb]oth|[Tt]he two|[Tt]he)(?: \w+)?(?: and \w+)? "
    r"(?:leaders|sides|countries|nations|ministers|presidents|premiers)\b"
    r"|\b(?:[Tt]he two )?countries['’] top leaders\b|\b[Bb]oth sides\b|\b[Tt]hey\b"
)
_PRONOUN = re.compile(r"\b[Hh]e\b|\b[Ss]he\b")
_LATTER = re.compile(r"\b[Tt]he (?P<which>latter|former)\b")
_ROLE = re.compile(
    rf"\b(?:[Tt]he )?(?P<demonym>{'|'.join(DEMONYMS)}) (?:top )?(?:leader|counterpart|"
    r"President|Premier|Prime Minister|Party leader)\b"
    r"|\b(?P<country>China|Việt Nam|Vietnam|Viet Nam|\w+)['’]s top leader\b"
)
_COUNTRY = re.compile(r"\b(?P<name>Việt Nam|Vietnam|China|Cambodia|Laos|Japan|Thailand)\b")


@dataclass(frozen=True, slots=True)
class Commitment:
    """A sentence (or an enumerated item) carrying an undertaking."""

    text: str
    start: int
    end: int
    kind: str
    actors: tuple[str, ...]
    topics: tuple[str, ...]

    def as_dict(self) -> dict[str, object]:
        """The JSON shape `readout extract` prints."""
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "actors": list(self.actors),
            "topics": list(self.topics),
        }


def _is_governed(
    governed: re.Match[str] | None, new_clause: re.Match[str] | None, cue_at: int
) -> bool:
    """Whether an assessment or greeting (`governed`) governs the cue at `cue_at`:
    it comes before the cue, and the first new clause after it (`new_clause`) does not."""
    if governed is None or governed.start() > cue_at:
        return False
    return new_clause is None or new_clause.end() > cue_at


def classify(sentence: str, folded: str | None = None) -> tuple[str, int] | None:
    """The kind of commitment `sentence` carries and where its cue starts, or `None`.
    `folded` is `fold(sentence)`, when the caller has it already."""
    folded = fold(sentence) if folded is None else folded
    if _PAST.search(folded):
        return None
    for strong in _STRONG_CUES.finditer(folded):
        return strong
    # A leading clause ("Congratulating China ..., Lâm reaffirmed") governs nothing.
    lead = _LEAD_CLAUSE.match(sentence)
    governed = _GOVERNED.search(folded, lead.end() if lead else 0)
    # Found once: searching from the assessment to each cue would read a long
    # sentence again for every cue in it.
    new_clause = _NEW_CLAUSE.search(folded, governed.end()) if governed else None
    for kind, at in _SOFT_CUES.finditer(folded):
        if not _is_governed(governed, new_clause, at):
            return kind, at
    return None


@lru_cache(maxsize=8)
def _topic_pattern(
    topics: tuple[tuple[str, tuple[str, ...]], ...],
) -> tuple[re.Pattern[str] | None, list[str]]:
    """One pattern for every topic's phrases, and the tag of each of its groups."""
    groups = []
    for tag, phrases in topics:
        parts = [
            re.escape(fold(p.rstrip("*"))) + (r"\w*" if p.endswith("*") else "") for p in phrases
        ]
        groups.append((tag, "|".join(parts)))
    if not groups:
        return None, []
    pattern = "|".join(
        f"(?P<t{index}>{alternatives})" for index, (_, alternatives) in enumerate(groups)
    )
    return re.compile(rf"(?<!\w)(?:{pattern})(?!\w)"), [tag for tag, _ in groups]


def topics_of(text: str, lexicon: Lexicon, folded: str | None = None) -> tuple[str, ...]:
    """The topic tags whose words occur in `text`, in lexicon order."""
    pattern, tags = _topic_pattern(lexicon.topics)
    if pattern is None:
        return ()
    folded = fold(text) if folded is None else folded
    found = {int((m.lastgroup or "t0")[1:]) for m in pattern.finditer(folded)}
    return tuple(tags[index] for index in sorted(found))


class _Context:
    """Who `He`, `the latter` and `the Chinese leader` refer to, as the article goes."""

    def __init__(self, leaders: Sequence[Leader]) -> None:
        self.last_person: str | None = None
        self.previous_people: list[str] = []
        self.last_actors: tuple[str, ...] = ()
        self.names = {leader.name for leader in leaders}
        self.mentions = sorted(
            (m.start, leader.name) for leader in leaders for m in leader.mentions
        )
        self.starts = [start for start, _ in self.mentions]
        self.by_country: dict[str, str] = {}
        for leader in leaders:  # most mentioned first
            if leader.country:
                self.by_country.setdefault(_country_key(leader.country), leader.name)
        unknown = [leader.name for leader in leaders if not leader.country]
        self.only_unknown = unknown[0] if len(unknown) == 1 else None

    def people_in(self, passage: Passage) -> list[tuple[int, str]]:
        """`(offset in passage, leader name)` for every mention inside `passage`."""
        low = bisect_left(self.starts, passage.start)
        high = bisect_left(self.starts, passage.end, low)
        return [(start - passage.start, name) for start, name in self.mentions[low:high]]

    def of_country(self, country: str) -> str | None:
        """The most mentioned leader of `country` in the article; failing that, the
        one leader whose country is unknown (`the Cambodian leader` when the article
        calls Hun Manet only `Prime Minister`)."""
        return self.by_country.get(_country_key(country), self.only_unknown)


def _country_key(country: str) -> str:
    return fold(country).replace(" ", "")


def _named_first(
    region: str, offset: int, people: list[tuple[int, str]], context: _Context
) -> tuple[str, ...] | None:
    """The person or group `region` names first (`region` starts at `offset` in the
    passage that `people` are placed in): a name, `Both leaders`, `He`, `the latter`,
    `the Chinese leader`. Two names joined by `and` are both sides."""
    candidates: list[tuple[int, tuple[str, ...]]] = []
    low = bisect_left(people, (offset,))  # `people` are in order: only look at the region's
    high = bisect_left(people, (offset + len(region),), low)
    named = [(at - offset, name) for at, name in people[low:high]]
    if named:
        first_at, first = named[0]
        second = next(((at, name) for at, name in named if name != first), None)
        between = region[first_at : second[0]] if second else ""
        joint = second is not None and re.fullmatch(r"[^,;]{0,40}\band\s+", between)
        candidates.append((first_at, (BOTH,) if joint else (first,)))
    if (group := _GROUP.search(region)) is not None:
        candidates.append((group.start(), (BOTH,)))
    if (pronoun := _PRONOUN.search(region)) is not None and context.last_person:
        candidates.append((pronoun.start(), (context.last_person,)))
    if (latter := _LATTER.search(region)) is not None and len(context.previous_people) >= 2:
        index = -1 if latter["which"] == "latter" else 0
        candidates.append((latter.start(), (context.previous_people[index],)))
    if (role := _ROLE.search(region)) is not None:
        country = DEMONYMS.get(role["demonym"] or "", role["country"] or "")
        if (person := context.of_country(country)) is not None:
            candidates.append((role.start(), (person,)))
    return min(candidates)[1] if candidates else None


def _country_in(region: str) -> tuple[str, ...] | None:
    """A country named in `region`, as the actor when no person is named."""
    if (country := _COUNTRY.search(region)) is None:
        return None
    name = country["name"]
    return ("Việt Nam" if fold(name).replace(" ", "") == "vietnam" else name,)


def _speaker(text: str, people: list[tuple[int, str]], context: _Context) -> str | None:
    """The person a statement is attributed to: `..., Xi said.`, `He said ...`."""
    for pattern in (_ATTRIBUTION_AFTER, _ATTRIBUTION_BEFORE):
        for match in pattern.finditer(text):
            who = _named_first(match["who"], match.start("who"), people, context)
            if who is not None and who != (BOTH,):
                return who[0]
    return None


def _actors(
    item: Passage, cue_at: int, context: _Context, people: list[tuple[int, str]]
) -> tuple[str, ...]:
    """Who undertook the commitment in `item`, whose cue starts at `cue_at`; `people`
    are the leaders named in `item`, by offset."""
    if _ORDINAL.match(item.text) and context.last_actors:
        return context.last_actors  # an enumerated proposal belongs to its proposer
    if (speaker := _speaker(item.text, people, context)) is not None:
        return (speaker,)
    lead = _LEAD_CLAUSE.match(item.text)
    start = lead.end() if lead and lead.end() < cue_at else 0
    region = item.text[start : max(cue_at, start + 1)]
    return (
        _named_first(region, start, people, context)
        or _named_first(item.text, 0, people, context)
        or _country_in(region)
        or ()
    )


def _subject(
    sentence: Passage, people: list[tuple[int, str]], context: _Context
) -> tuple[str, ...]:
    """Who a sentence that commits to nothing is about, for the sentences after it."""
    lead = _LEAD_CLAUSE.match(sentence.text)
    start = lead.end() if lead else 0
    region = sentence.text[start : start + 80]
    return _named_first(region, start, people, context) or ()


def _remember(actors: tuple[str, ...], people: list[tuple[int, str]], context: _Context) -> None:
    """Carry what `He` and `the latter` will mean in the next sentence."""
    if len(actors) == 1 and actors[0] in context.names:
        context.last_person = actors[0]
    named = list(dict.fromkeys(name for _, name in people))
    if named:
        context.previous_people = named


def _items(sentence: Passage) -> list[Passage]:
    """An enumeration in one sentence (`First, ...; second, ...`) as its items."""
    if not _ORDINAL.match(sentence.text):
        return [sentence]
    items, begin = [], 0
    for cut in _ENUMERATION_SPLIT.finditer(sentence.text):
        items.append((begin, cut.start()))
        begin = cut.end()
    items.append((begin, len(sentence.text)))
    return [Passage(sentence.text[a:b], sentence.start + a, sentence.start + b) for a, b in items]


def _classify_in_context(
    item: Passage, folded: str, found: list[Commitment]
) -> tuple[str, int] | None:
    """`classify`, plus an acceptance right after an invitation ("The latter accepted")."""
    classified = classify(item.text, folded)
    if classified is None and found and found[-1].kind == "invitation":
        accepted = _ACCEPTANCE.search(item.text)
        if accepted is not None:
            return "invitation", accepted.start()
    return classified


def find_commitments(
    text: str,
    sentences: Sequence[Passage],
    leaders: Sequence[Leader],
    lexicon: Lexicon,
    folded: str | None = None,
    *,
    should_stop: ShouldStop | None = None,
) -> tuple[Commitment, ...]:
    """Every commitment in an article, in reading order. `folded` is `fold(text)`,
    when the caller has it already. `should_stop` is checked between sentences."""
    folded_text = fold(text) if folded is None else folded
    context = _Context(leaders)
    found: list[Commitment] = []
    for sentence in sentences:
        check(should_stop)
        people = context.people_in(sentence)  # once: every step below needs them
        subject: tuple[str, ...] = ()
        for item in _items(sentence):
            folded = folded_text[item.start : item.end]
            classified = _classify_in_context(item, folded, found)
            if classified is None:
                continue
            kind, cue_at = classified
            actors = _actors(
                item, cue_at, context, people if item is sentence else context.people_in(item)
            )
            topics = topics_of(item.text, lexicon, folded)
            found.append(Commitment(item.text, item.start, item.end, kind, actors, topics))
            context.last_actors = subject = actors
        _remember(subject or _subject(sentence, people, context), people, context)
    return tuple(found)
