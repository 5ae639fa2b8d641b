"""Leaders in an article: who is named, with which titles, and every mention.

Known people come from the gazetteer (case and diacritics folded, whole words, the
longest name wins). Others are discovered from how readouts name people: a title
before a capitalised name (`Prime Minister Hun Manet`) or an appositive after it
(`Hun Manet, the Prime Minister of Cambodia`). Short forms (`Lâm`, `Xi`) count only
where one leader of the article owns them.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from tui.core.cancel import ShouldStop, check
from tui.core.extract.lexicon import LeaderEntry, Lexicon
from tui.core.extract.names import NameFinder
from tui.core.text import Passage, fold

__all__ = ["DEMONYMS", "Leader", "find_leaders", "titles_around"]

HEADS = (
    "General Secretary", "Deputy Prime Minister", "Prime Minister", "Foreign Minister",
    "Vice President", "State President", "President", "Premier", "Vice Chairman",
    "Chairman", "Chairwoman", "Chairperson", "Chancellor", "Secretary of State",
    "Minister", "King", "Queen", "Emperor", "Sultan", "Speaker", "Party chief",
)  # fmt: skip
DEMONYMS = {
    "Chinese": "China", "Vietnamese": "Việt Nam", "Cambodian": "Cambodia",
    "Lao": "Laos", "Laotian": "Laos", "Japanese": "Japan", "Korean": "Korea",
    "Thai": "Thailand", "Indonesian": "Indonesia", "Malaysian": "Malaysia",
    "Singaporean": "Singapore", "Filipino": "Philippines", "Australian": "Australia",
    "American": "United States", "Russian": "Russia", "Indian": "India",
    "French": "France", "German": "Germany", "British": "United Kingdom",
}  # fmt: skip
COUNTRY_NAMES = {
    "china": "China", "viet nam": "Việt Nam", "vietnam": "Việt Nam",
    "cambodia": "Cambodia", "laos": "Laos", "japan": "Japan", "korea": "Korea",
    "thailand": "Thailand", "indonesia": "Indonesia", "malaysia": "Malaysia",
    "singapore": "Singapore", "philippines": "Philippines", "australia": "Australia",
    "russia": "Russia", "india": "India", "france": "France", "germany": "Germany",
}  # fmt: skip
# Capitalised words that start institutions, not people.
_NOT_NAMES = frozenset(
    "party state government central committee communist people people's republic council "
    "national assembly congress ministry of the and his her their its china việt vietnam "
    "chinese vietnamese monday tuesday wednesday thursday friday saturday sunday january "
    "february march april may june july august september october november december".split()
)

_HEAD = "|".join(re.escape(head).replace(r"\ ", r"\s") for head in HEADS)
# After a name, readouts also write titles in lower case: "Xi, also the general secretary".
_HEAD_ANY_CASE = "|".join(
    re.escape(head).replace(r"\ ", r"\s") for head in (*HEADS, *(h.lower() for h in HEADS))
)
_MODIFIER = (
    r"(?:State|Party|Deputy|Vice|Acting|Former|Senior|Standing|Permanent|First|"
    r"[A-Z][a-z]+(?:ese|ian|an|ish|i))"
)
_OBJECT_WORD = r"(?:[^\W\d_a-z][\w’'-]*|\([A-Z]+\)|of|the|for)"
_OBJECT = rf"(?:\s(?:of|for)\s(?:the\s)?{_OBJECT_WORD}(?:\s{_OBJECT_WORD})*)?"
_TITLE = rf"(?:{_MODIFIER}\s)*(?:{_HEAD}){_OBJECT}"
_TITLE_ANY_CASE = rf"(?:{_MODIFIER}\s)*(?:{_HEAD_ANY_CASE}){_OBJECT}"
_TITLE_AT_END = re.compile(rf"(?P<title>{_TITLE})\s*$")
_JOINER_AT_END = re.compile(r"(?:\s+and|,)\s+$")
TITLE_REACH = 200
"""How far a title may reach, in characters: the longest titles of the seeds and
test readouts take 84. Bounding it keeps the work per mention the same however long
the sentence."""
_TITLE_AFTER = re.compile(rf",\s+(?:also\s+)?(?:the\s+)?(?P<title>{_TITLE_ANY_CASE})")
_OF_PLACE_AFTER = re.compile(
    rf"\s+(?P<place>of\s(?:the\s)?{_OBJECT_WORD}(?:\s[^\W\d_a-z][\w’'-]*)*)"
)
_AND_TITLE_AFTER = re.compile(rf"\s+and\s+(?:the\s+)?(?P<title>{_TITLE_ANY_CASE})")
_NAME_WORD = r"[^\W\d_][\w’'-]*"
_TITLED_NAME = re.compile(rf"\b(?:{_HEAD})\s+(?P<name>{_NAME_WORD}(?:\s{_NAME_WORD}){{0,3}})")
# The title part of "Lawrence Wong, the Prime Minister of Singapore"; the name is read
# back from the comma (searching for names first would try every word of the text).
_APPOSITIVE_TITLE = re.compile(rf",\s+(?:also\s+)?(?:the\s+)?(?:{_MODIFIER}\s)*(?:{_HEAD})\s+of\b")


@dataclass(frozen=True, slots=True)
class Leader:
    """A person named in an article."""

    name: str
    country: str | None
    titles: tuple[str, ...]
    mentions: tuple[Passage, ...]

    @property
    def count(self) -> int:
        """How many times the article names them."""
        return len(self.mentions)

    def as_dict(self) -> dict[str, object]:
        """The JSON shape `readout extract` prints."""
        return {
            "name": self.name,
            "titles": list(self.titles),
            "count": self.count,
            "mentions": [mention.as_dict() for mention in self.mentions],
        }


@dataclass
class _Person:
    """A leader being gathered: its spellings, short forms, mentions and titles."""

    name: str
    country: str | None = None
    spellings: set[str] = field(default_factory=set)
    short: set[str] = field(default_factory=set)
    mentions: list[Passage] = field(default_factory=list)
    rank: int = 0
    """The order in which the article first named them."""


class _People:
    """The people of an article as they are gathered, with every spelling indexed so
    that merging a discovered name costs the same however many people there are."""

    def __init__(self) -> None:
        self.people: dict[str, _Person] = {}
        self.spellings: set[str] = set()
        self.edges: set[str] = set()
        """The first and the last word of every spelling."""
        self.single: dict[str, _Person] = {}
        """One-word spellings (`albanese`) -> the first person spelled so."""

    def add(self, name: str, country: str | None = None) -> _Person:
        return self.people.setdefault(name, _Person(name, country, rank=len(self.people)))

    def spell(self, person: _Person, spelling: str) -> None:
        person.spellings.add(spelling)
        self.spellings.add(spelling)
        words = spelling.split() or [spelling]
        self.edges.update((words[0], words[-1]))
        if len(words) == 1:
            self.single.setdefault(spelling, person)

    def merge_discovered(self, name: str) -> None:
        """Add a discovered name, merging `Albanese` into `Anthony Albanese`."""
        key = fold(name)
        words = key.split()
        if key in self.spellings or (len(words) == 1 and key in self.edges):
            return
        owners = [p for p in (self.single.get(words[0]), self.single.get(words[-1])) if p]
        if owners:
            person = min(owners, key=lambda owner: owner.rank)
            person.name = name
            self.spell(person, key)
            person.short.update({words[0], words[-1]})
            return
        person = self.add(name)
        self.spell(person, key)
        if len(words) > 1:
            person.short.update({words[0], words[-1]})


@lru_cache(maxsize=8)
def _gazetteer(entries: tuple[LeaderEntry, ...]) -> dict[str, LeaderEntry]:
    """Folded full spelling -> entry."""
    return {fold(spelling): entry for entry in entries for spelling in (entry.name, *entry.aliases)}


@lru_cache(maxsize=8)
def _gazetteer_finder(entries: tuple[LeaderEntry, ...]) -> NameFinder:
    return NameFinder(_gazetteer(entries))


@lru_cache(maxsize=8)
def _short_owners(entries: tuple[LeaderEntry, ...]) -> dict[str, list[LeaderEntry]]:
    """Folded short form -> the entries that have it."""
    owners: dict[str, list[LeaderEntry]] = {}
    for entry in entries:
        for short in entry.short:
            owners.setdefault(fold(short), []).append(entry)
    return owners


def _clean_name(raw: str, *, from_end: bool = False) -> str | None:
    """The run of capitalised words that starts (or, `from_end`, ends) a candidate
    name, without a possessive; `None` if there is none or it names an institution."""
    words: list[str] = []
    candidates = raw.split()
    for word in reversed(candidates) if from_end else candidates:
        word = re.sub(r"[’']s$", "", word)
        if not word[:1].isupper() or word.lower() in _NOT_NAMES:
            break
        words.append(word)
    if from_end:
        words.reverse()
    return " ".join(words) or None


def _discovered_names(text: str) -> Iterator[str]:
    position = 0
    while (match := _TITLED_NAME.search(text, position)) is not None:
        name = _clean_name(match["name"])
        # Go on right after the name: what the pattern took past it may hold the next
        # title ("Hun Manet met Chancellor Olaf Scholz").
        position = match.start("name") + len(name) if name else match.end()
        if name is not None:
            yield name
    for match in _APPOSITIVE_TITLE.finditer(text):
        before = text[max(0, match.start() - 60) : match.start()].split()
        name = _clean_name(" ".join(before[-4:]), from_end=True)
        if name is not None and len(name.split()) > 1:
            yield name


def _country_of(titles: Sequence[str]) -> str | None:
    """A country read from titles: `Chinese President`, `President of Cambodia`."""
    for title in titles:
        for word, country in DEMONYMS.items():
            if re.search(rf"\b{word}\b", title):
                return country
        folded = fold(title)
        for name, country in COUNTRY_NAMES.items():
            if re.search(rf"\bof (?:the )?{name}\b", folded):
                return country
    return None


def _people(text: str, folded: str, entries: tuple[LeaderEntry, ...]) -> list[_Person]:
    """Everyone the article names: gazetteer people it spells out in full, and
    people discovered by their titles."""
    gazetteer = _gazetteer(entries)
    short_owners = _short_owners(entries)
    people = _People()

    def person_for(entry: LeaderEntry) -> None:
        if entry.name in people.people:
            return  # already spelled out: an entry's spellings never change
        person = people.add(entry.name, entry.country)
        for spelling in (entry.name, *entry.aliases):
            people.spell(person, fold(spelling))
        person.short.update(fold(s) for s in entry.short)

    for _, _, spelling in _gazetteer_finder(entries).finditer(folded):
        person_for(gazetteer[spelling])
    for name in _discovered_names(text):
        key = fold(name)
        if key in gazetteer:
            person_for(gazetteer[key])
        elif len(short_owners.get(key, ())) == 1:
            person_for(short_owners[key][0])
        elif key not in short_owners:
            people.merge_discovered(name)
    return list(people.people.values())


def _find_mentions(text: str, folded: str, people: list[_Person]) -> None:
    """Fill each person's mentions: full spellings first, then unambiguous short forms."""
    taken_starts: list[int] = []
    taken_ends: list[int] = []
    owner = {spelling: p for p in people for spelling in p.spellings}
    for start, end, spelling in NameFinder(owner).finditer(folded):
        if text[start].isupper():
            owner[spelling].mentions.append(Passage(text[start:end], start, end))
            taken_starts.append(start)
            taken_ends.append(end)
    short_owner: dict[str, list[_Person]] = {}
    for person in people:
        for short in person.short - person.spellings:
            short_owner.setdefault(short, []).append(person)
    unambiguous = {short: owners[0] for short, owners in short_owner.items() if len(owners) == 1}
    for start, end, short in NameFinder(unambiguous).finditer(folded):
        # Full mentions do not overlap: only the last one starting before `end` may.
        before = bisect_left(taken_starts, end) - 1
        if text[start].isupper() and (before < 0 or taken_ends[before] <= start):
            unambiguous[short].mentions.append(Passage(text[start:end], start, end))


def _reach_back(text: str, sentence: Passage, end: int) -> int:
    """Where a title that ends at `end` may start: `TITLE_REACH` before it, at a
    word's start, and inside the sentence."""
    low = end - TITLE_REACH
    if low <= sentence.start:
        return sentence.start
    return text.find(" ", low, end) + 1 or low


def titles_around(text: str, mention: Passage, sentence: Passage) -> list[str]:
    """The titles an article gives a person at one mention: before the name
    (`State President Lương Cường`) and in an appositive after it (`Xi Jinping,
    General Secretary of ... and President of China`), within `TITLE_REACH`."""
    titles: list[str] = []
    # Patterns run on text[low:end], never on a copy: a slice per mention would copy
    # the rest of a long sentence each time.
    end = mention.start
    while (found := _TITLE_AT_END.search(text, _reach_back(text, sentence, end), end)) is not None:
        titles.insert(0, found["title"])
        joiner = _JOINER_AT_END.search(text, max(sentence.start, found.start() - 20), found.start())
        if joiner is None:
            break
        end = joiner.start()
    high = min(sentence.end, mention.end + TITLE_REACH)
    place = _OF_PLACE_AFTER.match(text, mention.end, high)
    if titles and place is not None and " of " not in titles[-1]:
        # "Foreign Minister Sugiono of Indonesia": the title is "Foreign Minister of Indonesia".
        titles[-1] = f"{titles[-1]} {place['place']}"
    found = _TITLE_AFTER.match(text, mention.end, high)
    while found is not None:
        titles.append(found["title"])
        found = _AND_TITLE_AFTER.match(text, found.end(), high)
    return titles


def find_leaders(
    text: str,
    sentences: Sequence[Passage],
    lexicon: Lexicon,
    folded: str | None = None,
    *,
    should_stop: ShouldStop | None = None,
) -> tuple[Leader, ...]:
    """Every leader named in `text`, most mentioned first. `folded` is `fold(text)`,
    when the caller has it already. `should_stop` is checked between people."""
    folded = fold(text) if folded is None else folded
    people = _people(text, folded, lexicon.leaders)
    check(should_stop)
    _find_mentions(text, folded, people)
    starts = [sentence.start for sentence in sentences]
    leaders: list[Leader] = []
    for person in people:
        check(should_stop)
        if not person.mentions:
            continue
        mentions = sorted(person.mentions, key=lambda m: m.start)
        seen: dict[str, str] = {}
        for mention in mentions:
            index = bisect_right(starts, mention.start) - 1
            if index < 0 or mention.start >= sentences[index].end:
                continue  # in a dateline or a credit, outside every sentence
            sentence = sentences[index]
            for title in titles_around(text, mention, sentence):
                seen.setdefault(title.casefold(), title)
        titles = tuple(seen.values())
        country = person.country or _country_of(titles)
        leaders.append(Leader(person.name, country, titles, tuple(mentions)))
    leaders.sort(key=lambda leader: (-leader.count, leader.mentions[0].start))
    return tuple(leaders)
