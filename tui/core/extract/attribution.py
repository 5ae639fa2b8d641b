"""Who undertook a commitment: the speaker of an attributed statement, else the
subject before the cue, else the side the sentence names.

Speakers: `Xi said that ...`, `Đỗ Hùng Việt, Deputy Minister of Foreign Affairs,
said ...`, `..., Xi said.`, `..., said Li.`, `"...," he said.`. Subjects: a name,
`Both leaders`, `the two sides`, `they` (both), `He`/`She` (the last person who spoke
or acted, not merely the last name mentioned), `the latter`, `the Chinese leader`,
`the Secretary` (the leader holding that title). Sides: `the Chinese side`, `Việt Nam`,
`the United States`; two joined by `and` are both.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from tui.core.extract.cues import LEAD_CLAUSE
from tui.core.extract.leaders import DEMONYMS, Leader
from tui.core.text import Passage, fold

__all__ = ["BOTH", "ORDINAL", "Context", "actors_of", "remember"]

BOTH = "both"
ORDINAL = re.compile(
    r"(?:First|Second|Third|Fourth|Fifth|Sixth|Seventh|Finally|Lastly),\s", re.IGNORECASE
)
_SPEECH = (
    r"(?:said|says|affirmed|added|stressed|noted|remarked|stated|confirmed|underlined"
    r"|emphasi[sz]ed|reiterated|told)"
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
_GROUP = re.compile(
    r"\b(?:[Bb]oth|[Tt]he two|[Tt]he)(?: [\w-]+)?(?: and [\w-]+)? "
    r"(?i:leaders|sides|countries|nations|ministers|presidents|premiers|parties|governments"
    r"|delegations|officials|counterparts|heads of (?:state|government))\b"
    r"|\b(?:[Tt]he two )?countries['’] top leaders\b|\b[Bb]oth sides\b|\b[Tt]hey\b"
)
_PRONOUN = re.compile(r"\b[Hh]e\b|\b[Ss]he\b")
_LATTER = re.compile(r"\b[Tt]he (?P<which>latter|former)\b")
_ROLE = re.compile(
    rf"\b(?:[Tt]he )?(?P<demonym>{'|'.join(DEMONYMS)}) (?:top )?(?:leader|counterpart|"
    r"President|Premier|Prime Minister|Party leader)\b"
    r"|\b(?P<country>China|Việt Nam|Vietnam|Viet Nam|\w+)['’]s top leader\b"
)
# `the Secretary`, `the Prime Minister`: the article's leader holding that title.
_TITLE_REFERENCE = re.compile(
    r"\b[Tt]he (?P<title>Secretary|President|Prime Minister|Premier|Foreign Minister"
    r"|Minister|Chancellor)\b(?! of\b| General\b|-General\b)(?!\s+[^\W\d_a-z])"
)
_TITLE_HELD = {
    "Secretary": r"(?<!General )\bSecretary\b(?!-General| General)",
    "President": r"(?<!Vice )(?<!Vice-)\bPresident\b",
    "Prime Minister": r"(?<!Deputy )\bPrime Minister\b",
    "Premier": r"(?<!Vice )(?<!Vice-)\bPremier\b",
    "Foreign Minister": r"\bForeign Minister\b|\bMinister (?:of|for) Foreign Affairs\b",
    "Minister": r"(?<!Prime )(?<!Deputy )(?<!Vice )\bMinister\b",
    "Chancellor": r"\bChancellor\b",
}

# Sides: a country, or `the Chinese side` (government, Party and State, ...).
_COUNTRIES = {
    "Việt Nam": "Việt Nam|Vietnam|Viet Nam",
    "China": "China",
    "Cambodia": "Cambodia",
    "Laos": "Laos|Lao PDR",
    "Thailand": "Thailand",
    "Japan": "Japan",
    "South Korea": "South Korea|the Republic of Korea|ROK",
    "North Korea": "North Korea|DPRK",
    "India": "India",
    "Australia": "Australia",
    "United States": "the United States|United States|the US|the U\\.S\\.|US|U\\.S\\.",
    "Russia": "Russia",
    "Malaysia": "Malaysia",
    "Indonesia": "Indonesia",
    "Singapore": "Singapore",
    "Philippines": "the Philippines|Philippines",
    "Myanmar": "Myanmar",
    "Brunei": "Brunei",
    "European Union": "the European Union|European Union|EU",
}
_SIDE_DEMONYMS = {
    "Việt Nam": "Vietnamese", "China": "Chinese", "Cambodia": "Cambodian",
    "Laos": "Lao|Laotian", "Thailand": "Thai", "Japan": "Japanese",
    "South Korea": "South Korean|Korean", "North Korea": "North Korean", "India": "Indian",
    "Australia": "Australian", "United States": "American|US|U\\.S\\.", "Russia": "Russian",
    "Malaysia": "Malaysian", "Indonesia": "Indonesian", "Singapore": "Singaporean",
    "Philippines": "Philippine|Filipino", "Myanmar": "Myanmar", "Brunei": "Bruneian",
    "European Union": "EU|European",
}  # fmt: skip
# A country named after a preposition is no side that acts: `relations with China`.
_NOT_AFTER = "".join(
    f"(?<!{word} )" for word in ("with", "to", "in", "from", "of", "for", "by", "on", "at")
)
_SIDE = re.compile(
    _NOT_AFTER
    + r"(?:\b(?:"
    + "|".join(f"(?P<s{i}>{names})" for i, names in enumerate(_COUNTRIES.values()))
    + r")(?!\w)(?![’']s\b)"
    + r"|\b[Tt]he (?:"
    + "|".join(f"(?P<d{i}>{names})" for i, names in enumerate(_SIDE_DEMONYMS.values()))
    + r") (?:side|government|Government|Party and State|Party|State|authorities)\b)"
)
_SIDE_NAMES = list(_COUNTRIES)
_JOINT_SIDES = re.compile(r"\s*,?\s*and\s+(?:the\s+)?$")


class Context:
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
        self.by_title: dict[str, str] = {}
        for title, held in _TITLE_HELD.items():
            holder = next((x for x in leaders if any(re.search(held, t) for t in x.titles)), None)
            if holder is None and title == "Secretary":  # State Department copy
                holder = next((x for x in leaders if x.country == "United States"), None)
            if holder is not None:
                self.by_title[title] = holder.name

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


def _candidates(
    region: str, offset: int, people: list[tuple[int, str]], context: Context
) -> list[tuple[int, tuple[str, ...]]]:
    """Every person or group `region` names, with where: a name, `Both leaders`, `He`,
    `the latter`, `the Chinese leader`, `the Secretary`. Two names joined by `and`
    are both sides."""
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
    title = _TITLE_REFERENCE.search(region)
    if title is not None and (holder := context.by_title.get(title["title"])) is not None:
        candidates.append((title.start(), (holder,)))
    return candidates


def _named_first(
    region: str, offset: int, people: list[tuple[int, str]], context: Context
) -> tuple[str, ...] | None:
    """The person or group `region` (at `offset` in the passage `people` are placed
    in) names first."""
    candidates = _candidates(region, offset, people, context)
    return min(candidates)[1] if candidates else None


def _side(region: str) -> tuple[int, tuple[str, ...]] | None:
    """The first side `region` names as an actor (`Việt Nam`, `the Chinese side`), with
    where; two sides joined by `and` (`Việt Nam and China`) are both."""
    first = _SIDE.search(region)
    if first is None:
        return None
    second = _SIDE.search(region, first.end(), first.end() + 30)
    joint = second is not None and _JOINT_SIDES.fullmatch(region, first.end(), second.start())
    if joint and second is not None and _side_name(second) != _side_name(first):
        return first.start(), (BOTH,)
    return first.start(), (_side_name(first),)


def _side_name(match: re.Match[str]) -> str:
    name = match.lastgroup or "s0"
    return _SIDE_NAMES[int(name[1:])]


def _speaker(text: str, people: list[tuple[int, str]], context: Context) -> str | None:
    """The person a statement is attributed to: `..., Xi said.`, `He said ...`,
    `..., said Li.`, `Đỗ Hùng Việt, Deputy Minister ..., said that ...`."""
    for pattern in (_ATTRIBUTION_AFTER, _ATTRIBUTION_INVERTED, _ATTRIBUTION_BEFORE):
        for match in pattern.finditer(text):
            who = _named_first(match["who"], match.start("who"), people, context)
            if who is not None and who != (BOTH,):
                return who[0]
    return None


def actors_of(
    item: Passage, cue_at: int, context: Context, people: list[tuple[int, str]]
) -> tuple[str, ...]:
    """Who undertook the commitment in `item`, whose cue starts at `cue_at`; `people`
    are the leaders named in `item`, by offset."""
    if ORDINAL.match(item.text) and context.last_actors:
        return context.last_actors  # an enumerated proposal belongs to its proposer
    if (speaker := _speaker(item.text, people, context)) is not None:
        return (speaker,)
    lead = LEAD_CLAUSE.match(item.text)
    start = lead.end() if lead and lead.end() < cue_at else 0
    region = item.text[start : max(cue_at, start + 1)]
    candidates = _candidates(region, start, people, context)
    if (side := _side(region)) is not None:
        candidates.append(side)
    if candidates:
        return min(candidates)[1]
    return _named_first(item.text, 0, people, context) or ()


_SUBJECT_REACH = 80
# What may stand before a subject's name: titles and their words, no verb or preposition.
_BEFORE_SUBJECT = re.compile(
    r"(?:(?:[^\W\d_a-z][\w’'().-]*|of|the|and|also|chief|leader|top|party|state)\s+)*"
)


def _subject(sentence: Passage, people: list[tuple[int, str]], context: Context) -> tuple[str, ...]:
    """Who a sentence that commits to nothing is about, for the sentences after it:
    its speaker, else the person who starts it (`Chinese President Xi Jinping
    welcomed ...`), not one it names in passing (`The visit of Li Qiang ...`)."""
    if (speaker := _speaker(sentence.text, people, context)) is not None:
        return (speaker,)
    lead = LEAD_CLAUSE.match(sentence.text)
    start = lead.end() if lead else 0
    region = sentence.text[start : start + _SUBJECT_REACH]
    candidates = _candidates(region, start, people, context)
    if not candidates:
        return ()
    at, who = min(candidates)
    before = _BEFORE_SUBJECT.match(region, 0, at)
    return who if before is not None and before.end() == at else ()


def remember(
    sentence: Passage, actors: tuple[str, ...], people: list[tuple[int, str]], context: Context
) -> None:
    """Carry what `He` and `the latter` will mean in the next sentence: the actor of
    its commitment, else its speaker or subject."""
    actors = actors or _subject(sentence, people, context)
    if len(actors) == 1 and actors[0] in context.names:
        context.last_person = actors[0]
    named = list(dict.fromkeys(name for _, name in people))
    if named:
        context.previous_people = named
