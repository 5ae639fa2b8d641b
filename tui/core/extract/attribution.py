"""Who undertook a commitment: the speaker of an attributed statement, else the
subject before the cue, else the side the sentence names.

Speakers: `Xi said that ...`, `Đỗ Hùng Việt, Deputy Minister of Foreign Affairs,
said ...`, `..., Xi said.`, `..., said Li.`, `"...," he said.`; a quotation that
goes on in a sentence of its own is still its speaker's. Subjects: a name, `Both
leaders`, `the two sides`, `they` (both), `He`/`She` (the last person who spoke or
acted, not merely the last name mentioned), `the latter`, `the Chinese leader`,
`the Secretary` (the leader holding that title), `Marcos, who ... encouraged`, `I`
(the speaker, else the author of a first-person release). An agreement whose own
subject is `the two sides`, `they` or `we` is both sides', whoever reports it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from itertools import islice

from tui.core.extract.cues import LEAD_CLAUSE
from tui.core.extract.leaders import DEMONYMS, Leader
from tui.core.extract.sides import BOTH, side_in
from tui.core.text import Passage, fold

__all__ = ["BOTH", "ORDINAL", "Context", "actors_of", "remember"]

ORDINAL = re.compile(
    r"(?:First|Second|Third|Fourth|Fifth|Sixth|Seventh|Finally|Lastly),\s", re.IGNORECASE
)
_SPEECH = (
    r"(?:said|says|affirmed|added|stressed|noted|remarked|stated|confirmed|underlined"
    r"|emphasi[sz]ed|reiterated|told|was quoted as saying)"
)
_QUOTE_END = r"(?:,[”\"’']?|[”\"’'],?)"
_ATTRIBUTION_AFTER = re.compile(
    rf"{_QUOTE_END}\s+(?P<who>[^,\"”]{{1,40}}?)\s+{_SPEECH}\b[^,]*(?:,|\.?[”\"’']?$)"
)
_ATTRIBUTION_INVERTED = re.compile(
    rf"{_QUOTE_END}\s+(?:said|says|added|noted|stressed)\s+"
    r"(?P<who>he|she|(?:the )?[^\W\d_a-z][^,.;:\"”]{0,80}?)\s*(?:[,.;:]|$)"
)
# `Xi said`, `Đỗ Hùng Việt, Deputy Minister of Foreign Affairs, said that`.
_ATTRIBUTION_BEFORE = re.compile(
    rf"^(?P<who>[^,]{{1,60}}?)(?:,\s+[^,]{{1,120}}?,)?\s+{_SPEECH}\b(?:\s+that\b)?"
)
_QUOTE_START = re.compile(r"[\"“]")
_SPEECH_WORD = re.compile(rf"{_SPEECH}\b")
"""Read first: most sentences attribute nothing, and then no other pattern need run."""
# (Patterns read short regions many times: one `\b` before all the alternatives lets
# the engine skip those whose first letter differs, where a `\b` in each would not.)
_GROUP = re.compile(
    r"\b(?=[BbTtc])(?:(?:[Bb]oth|[Tt]he two|[Tt]he)(?: [\w-]+){0,2}?(?: and [\w-]+)? "
    r"(?i:leaders|sides|countries|nations|ministers|presidents|premiers|parties|governments"
    r"|delegations|officials|counterparts|heads of (?:state|government))\b"
    r"|(?:[Tt]he two )?countries['’] top leaders\b|[Tt]hey\b)"
)
# The subject right before an agreement's cue: `the two sides reached`, `We have agreed`.
_JOINT_SUBJECT = re.compile(
    r"(?:\b(?:[Ww]e|[Tt]hey|[Bb]oth(?: [\w-]+)?|[Tt]he two [\w-]+(?: [\w-]+)?)|\band I)"
    r"(?: (?:have|had|also|further|then|jointly|all|\w+ly))*\s+$"
)
_JOINT_REACH = 60
_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he)\b")
_FIRST_PERSON = re.compile(r"\bI\b")
_WE = re.compile(r"\b[Ww]e\b")
_LATTER = re.compile(r"\b[Tt]he (?P<which>latter|former)\b")
_ROLE = re.compile(
    rf"\b(?=[A-Z]|the )(?:(?:[Tt]he )?(?P<demonym>{'|'.join(DEMONYMS)}) (?:top )?"
    r"(?P<role>leader|counterpart|President|Premier|Prime Minister|Party leader"
    r"|[Ff]oreign [Mm]inister|[Mm]inister|envoy|diplomat|official)\b"
    r"|(?P<country>China|Việt Nam|Vietnam|Viet Nam|[A-Z]\w+)['’]s top leader\b)"
)
# `the Secretary`, `the Prime Minister`: the article's leader holding that title.
_TITLE_REFERENCE = re.compile(
    r"\b[Tt]he (?P<title>Secretary|President|Prime Minister|Premier|Foreign Minister"
    r"|Minister|Chancellor|Party (?:leader|chief))\b(?! of\b| General\b|-General\b)"
    r"(?!\s+[^\W\d_a-z])"
)
_TITLE_HELD = {
    "Secretary": r"(?<!General )\bSecretary\b(?!-General| General)",
    "President": r"(?<!Vice )(?<!Vice-)\bPresident\b",
    "Prime Minister": r"(?<!Deputy )\bPrime Minister\b",
    "Premier": r"(?<!Vice )(?<!Vice-)\bPremier\b",
    "Foreign Minister": r"\bForeign Minister\b|\bMinister (?:of|for) Foreign Affairs\b",
    "Minister": r"(?<!Prime )(?<!Deputy )(?<!Vice )\bMinister\b",
    "Chancellor": r"\bChancellor\b",
    "Party": r"\bGeneral Secretary\b|\bParty (?:leader|chief)\b",
}
_JOINED = re.compile(r"[^,;]{0,40}?\band\s+[^,;.]{0,50}")
_RELATIVE = ", who "
# A speaker named by one word the article does not count (`Wang said`), maybe titled.
_BARE_NAME = re.compile(r"(?:(?:Mr|Ms|Mrs|Dr)\.? )?(?P<name>[^\W\d_a-z][\w’'-]+)")
_FEW_OWNERS = 3

Candidate = tuple[int, int, tuple[str, ...]]
"""`(start, end, actors)` of a person or group named in a region."""
People = list[tuple[int, int, str]]
"""`(start, end, leader name)` of the mentions in a passage, in order."""


class Context:
    """Who `He`, `the latter`, `I` and `the Chinese leader` refer to, as the article goes."""

    def __init__(self, leaders: Sequence[Leader]) -> None:
        self.last_person: str | None = None
        self.last_speaker: str | None = None
        self.previous_people: list[str] = []
        self.last_actors: tuple[str, ...] = ()
        self.names = {leader.name for leader in leaders}
        self.mentions = sorted(
            (m.start, m.end, leader.name) for leader in leaders for m in leader.mentions
        )
        self.starts = [start for start, _, _ in self.mentions]
        self.leaders = list(leaders)  # most mentioned first
        self.at = 0
        """Where the sentence being read starts in the article."""
        self.by_country: dict[str, dict[str, str]] = {}
        """Country -> title word (`Minister`, `Foreign Minister`; `` for any) -> the
        most mentioned leader of that country holding it."""
        for leader in leaders:
            if leader.country:
                ours = self.by_country.setdefault(_country_key(leader.country), {})
                ours.setdefault("", leader.name)
                for word in ("Minister", "Foreign Minister"):
                    if any(word in title for title in leader.titles):
                        ours.setdefault(word, leader.name)
        self.by_word: dict[str, list[Leader]] = {}
        """A folded word of a name -> the leaders whose names hold it, most mentioned first."""
        for leader in leaders:
            for word in set(fold(leader.name).split()):
                self.by_word.setdefault(word, []).append(leader)
        unknown = [leader.name for leader in leaders if not leader.country]
        self.only_unknown = unknown[0] if len(unknown) == 1 else None
        in_order = sorted(leaders, key=lambda x: x.mentions[0].start)
        first = in_order[0] if in_order else None
        self.author = first.name if first is not None else None
        """Who `I` is outside a quotation: the first person a release names."""
        self.author_side = first.country if first is not None else None
        self.by_title: dict[str, str] = {}
        for title, held in _TITLE_HELD.items():  # the first named of its holders
            holder = next((x for x in in_order if any(re.search(held, t) for t in x.titles)), None)
            if holder is None and title == "Secretary":  # State Department copy
                holder = next((x for x in leaders if x.country == "United States"), None)
            if holder is not None:
                self.by_title[title] = holder.name

    def people_in(self, passage: Passage) -> People:
        """`(start, end, leader name)` of every mention inside `passage`, in it."""
        low = bisect_left(self.starts, passage.start)
        high = bisect_left(self.starts, passage.end, low)
        at = passage.start
        return [(start - at, end - at, name) for start, end, name in self.mentions[low:high]]

    def of_short_name(self, word: str) -> str | None:
        """The leader a bare `Wang` names where two leaders are called so (Wang Yi, Wang
        Huning) and the article does not count it as a mention: the most mentioned,
        then the one named last before this sentence; none among more than a few."""
        owners = self.by_word.get(fold(word), [])
        if not owners or len(owners) > _FEW_OWNERS:
            return None

        def weight(leader: Leader) -> tuple[int, int]:
            # Mentions are in reading order: the last before this sentence, by bisection.
            before = bisect_left(leader.mentions, self.at, key=lambda m: m.start)
            return leader.count, leader.mentions[before - 1].start if before else -1

        return max(owners, key=weight).name

    def of_country(self, country: str, role: str = "") -> str | None:
        """The most mentioned leader of `country` in the article, one holding `role`
        (`minister`) first; failing that, the one leader whose country is unknown
        (`the Cambodian leader` when the article calls Hun Manet only `Prime Minister`)."""
        ours = self.by_country.get(_country_key(country), {})
        if "inister" in role:
            holder = ours.get("Foreign Minister" if "oreign" in role else "Minister")
            if holder is not None:
                return holder
        return ours.get("", self.only_unknown)


def _country_key(country: str) -> str:
    return fold(country).replace(" ", "")


def _found(pattern: re.Pattern[str], region: str, at_start: bool) -> Iterator[re.Match[str]]:
    """The first two matches of `pattern` in `region` (never more of a long one), or
    only the one at its start, `at_start`."""
    if at_start:
        if (only := pattern.match(region)) is not None:
            yield only
    elif (first := pattern.search(region)) is not None:
        yield first
        if (second := pattern.search(region, first.end())) is not None:
            yield second


def _references(region: str, context: Context, *, at_start: bool = False) -> Iterator[Candidate]:
    """The people `region` refers to without naming them (only at its start,
    `at_start`): `He`, `I`, `the latter`, `the Chinese leader`, `the Secretary`, and
    groups (`the two sides`, `they`)."""
    for group in islice(_found(_GROUP, region, at_start), 1):
        yield group.start(), group.end(), (BOTH,)
    if context.last_person:
        for pronoun in islice(_found(_PRONOUN, region, at_start), 1):
            yield pronoun.start(), pronoun.end(), (context.last_person,)
    if context.author:
        for me in islice(_found(_FIRST_PERSON, region, at_start), 1):
            yield me.start(), me.end(), (context.author,)
    if len(context.previous_people) >= 2:
        for latter in islice(_found(_LATTER, region, at_start), 1):
            index = -1 if latter["which"] == "latter" else 0
            yield latter.start(), latter.end(), (context.previous_people[index],)
    for role in _found(_ROLE, region, at_start):
        country = DEMONYMS.get(role["demonym"] or "", role["country"] or "")
        if (person := context.of_country(country, role["role"] or "")) is not None:
            yield role.start(), role.end(), (person,)
    for title in _found(_TITLE_REFERENCE, region, at_start):
        held = "Party" if title["title"].startswith("Party") else title["title"]
        if (holder := context.by_title.get(held)) is not None:
            yield title.start(), title.end(), (holder,)


def _candidates(region: str, offset: int, people: People, context: Context) -> list[Candidate]:
    """Every person or group `region` (at `offset` in the passage `people` are placed
    in) names, in order; the first two joined by `and` (`Tô Lâm and Xi Jinping`, `The
    Secretary and the Foreign Minister`) are both sides."""
    low = bisect_left(people, (offset,))  # `people` are in order: only look at the region's
    high = bisect_left(people, (offset + len(region),), low)
    candidates: list[Candidate] = [
        (a - offset, b - offset, (name,)) for a, b, name in people[low:high][:4]
    ]
    candidates.extend(_references(region, context))
    candidates.sort()
    if len(candidates) >= 2:
        start, end, first = candidates[0]
        second = next((c for c in candidates[1:] if c[2] != first and c[0] >= end), None)
        if second is not None and _JOINED.fullmatch(region, start, second[0]):
            candidates[0] = (start, second[1], (BOTH,))
    return candidates


def _named_first(
    region: str, offset: int, people: People, context: Context
) -> tuple[str, ...] | None:
    """The person or group `region` names first."""
    candidates = _candidates(region, offset, people, context)
    return candidates[0][2] if candidates else None


def _speaker(text: str, people: People, context: Context) -> str | None:
    """The person a statement is attributed to: `..., Xi said.`, `He said ...`,
    `..., said Li.`, `Đỗ Hùng Việt, Deputy Minister ..., said that ...`."""
    if _SPEECH_WORD.search(text) is None:
        return None
    for pattern in (_ATTRIBUTION_AFTER, _ATTRIBUTION_INVERTED, _ATTRIBUTION_BEFORE):
        for match in pattern.finditer(text):
            named = _candidates(match["who"], match.start("who"), people, context)
            # The last one named is the speaker: `Tô Lâm's envoy Đỗ Hùng Việt said`.
            who = named[-1][2] if named and named[0][2] != (BOTH,) else None
            if who is not None and who[0] in context.names:
                return who[0]
            bare = None if named else _BARE_NAME.fullmatch(match["who"])
            if bare is not None and (person := context.of_short_name(bare["name"])) is not None:
                return person
    return None


def _relative_subject(region: str, candidates: list[Candidate]) -> tuple[str, ...] | None:
    """`Marcos, who welcomed ... and encouraged`: the cue (at the end of `region`) is in
    a relative clause; its subject is the person right before `, who`."""
    at = region.rfind(_RELATIVE)
    if at < 0 or "," in region[at + len(_RELATIVE) :]:
        return None
    before = [c for c in candidates if c[1] <= at and not region[c[1] : at].strip()]
    return before[-1][2] if before else None


def _subject_before_cue(
    item: Passage, kind: str, cue_at: int, context: Context, people: People
) -> tuple[str, ...]:
    """Who the text before the cue names as the one who commits."""
    lead = LEAD_CLAUSE.match(item.text)
    start = lead.end() if lead and lead.end() < cue_at else 0
    region = item.text[start : max(cue_at, start + 1)]
    candidates = _candidates(region, start, people, context)
    if (relative := _relative_subject(region, candidates)) is not None:
        return relative
    if (side := side_in(region)) is not None:
        candidates.append(side)
    we = _WE.search(region) if kind != "agreement" and context.author_side else None
    if we is not None and context.author_side:
        candidates.append((we.start(), we.end(), (context.author_side,)))
    if candidates:
        return min(candidates)[2]
    # Anywhere in the sentence, as a last resort: a person, not a group after the cue
    # (`determination to protect the two countries' friendship`).
    anywhere = [c for c in _candidates(item.text, 0, people, context) if c[2] != (BOTH,)]
    return anywhere[0][2] if anywhere else ()


def actors_of(
    item: Passage, kind: str, cue_at: int, context: Context, people: People
) -> tuple[str, ...]:
    """Who undertook the commitment of `kind` in `item`, whose cue starts at `cue_at`;
    `people` are the leaders named in `item`, by offset."""
    if ORDINAL.match(item.text) and context.last_actors:
        return context.last_actors  # an enumerated proposal belongs to its proposer
    speaker = _speaker(item.text, people, context)
    if speaker is not None:
        context.last_speaker = context.last_person = speaker
    reach = max(0, cue_at - _JOINT_REACH)
    if kind == "agreement" and _JOINT_SUBJECT.search(item.text, reach, cue_at) is not None:
        return (BOTH,)  # `Li said ... the two sides reached a consensus`
    if speaker is not None:
        return (speaker,)
    if _QUOTE_START.match(item.text) and context.last_speaker:
        return (context.last_speaker,)  # a quotation going on from the last one
    return _subject_before_cue(item, kind, cue_at, context, people)


_SUBJECT_REACH = 80
# The words a reference at a sentence's start begins with.
_OPENERS = frozenset(("He", "She", "I", "They", "The", "Both", *DEMONYMS))
# What may stand before a subject's name: titles and their words, no verb or preposition.
_BEFORE_SUBJECT = re.compile(
    r"(?:(?:[^\W\d_a-z][\w’'().-]*|of|the|and|also|chief|leader|top|party|state)\s+)*"
)


def _subject(sentence: Passage, people: People, context: Context) -> tuple[str, ...]:
    """Who a sentence that commits to nothing is about, for the sentences after it:
    its speaker, else the person who starts it (`Chinese President Xi Jinping
    welcomed ...`), not one it names in passing (`The visit of Li Qiang ...`)."""
    if (speaker := _speaker(sentence.text, people, context)) is not None:
        context.last_speaker = speaker
        return (speaker,)
    lead = LEAD_CLAUSE.match(sentence.text)
    start = lead.end() if lead else 0
    region = sentence.text[start : start + _SUBJECT_REACH]
    # Only titles may stand before the subject: it starts within them, or right after.
    titles = _BEFORE_SUBJECT.match(region)
    titles_end = titles.end() if titles is not None else 0
    low = bisect_left(people, (start,))
    if low < len(people) and people[low][0] - start <= titles_end:
        return (people[low][2],)  # `Chinese President Xi Jinping welcomed`
    first = region.split(" ", 1)[0]
    if first not in _OPENERS and not first.endswith(("'s", "’s")):
        return ()  # no `He`, `The two sides`, `The Chinese leader`, `Laos's top leader`
    references = sorted(_references(region, context, at_start=True))
    return references[0][2] if references else ()


def remember(sentence: Passage, actors: tuple[str, ...], people: People, context: Context) -> None:
    """Carry what `He` and `the latter` will mean in the next sentence: the actor of
    its commitment, else its speaker or subject."""
    actors = actors or _subject(sentence, people, context)
    if len(actors) == 1 and actors[0] in context.names:  # else: its speaker, if any
        context.last_person = actors[0]
    named = list(dict.fromkeys(name for _, _, name in people))
    if named:
        context.previous_people = named
