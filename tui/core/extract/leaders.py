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
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from tui.core.cancel import ShouldStop, check
from tui.core.extract.discover import discovered_names, display_name, is_name_word
from tui.core.extract.lexicon import LeaderEntry, Lexicon
from tui.core.extract.names import NameFinder
from tui.core.extract.titles import (
    ABBREVIATED,
    DEMONYMS,
    HEAD_PATTERN,
    HEADS,
    TITLE_REACH,
    country_of,
    titles_around,
)
from tui.core.text import Passage, fold

__all__ = ["DEMONYMS", "TITLE_REACH", "Leader", "find_leaders", "titles_around"]

_HEAD_BEFORE = re.compile(rf"(?<![\w-])(?P<head>{HEAD_PATTERN})\s+$")
"""A title's head right before a short form: `PM Shinawatra`."""


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
    known: bool = False
    """From the gazetteer: its name and spellings never change."""


def _marks(name: str) -> int:
    """How many letters of `name` carry diacritics (or are not ASCII)."""
    return sum(not char.isascii() for char in name)


class _People:
    """The people of an article as they are gathered, with every spelling indexed so
    that merging a discovered name costs the same however many people there are."""

    def __init__(self) -> None:
        self.people: dict[str, _Person] = {}
        self.by_spelling: dict[str, _Person] = {}
        self.edges: set[str] = set()
        """The first and the last word of every spelling."""
        self.alone: dict[str, _Person] = {}
        """One-word discovered people (`albanese`) a full name may still complete."""

    def add(self, name: str, country: str | None = None) -> _Person:
        return self.people.setdefault(name, _Person(name, country, rank=len(self.people)))

    def spell(self, person: _Person, spelling: str) -> None:
        person.spellings.add(spelling)
        self.by_spelling.setdefault(spelling, person)
        words = spelling.split() or [spelling]
        self.edges.update((words[0], words[-1]))

    def merge_discovered(self, spelling: str) -> None:
        """Add a discovered name: `Albanese` then `Anthony Albanese` are one person,
        `Tran Thanh Man` and `Trần Thanh Mẫn` too (the marked spelling is kept);
        `Thaksin Shinawatra` after `Paetongtarn Shinawatra` is another. `ISHIBA
        Shigeru` is spelled so and named `Shigeru Ishiba`."""
        name = display_name(spelling)
        key = fold(spelling)
        words = key.split()
        known = self.by_spelling.get(key)
        if known is not None:
            if not known.known and _marks(name) > _marks(known.name):
                known.name = name
            return
        if len(words) == 1 and key in self.edges:
            return
        owners = [p for p in (self.alone.get(words[0]), self.alone.get(words[-1])) if p]
        if owners and len(words) > 1:
            person = min(owners, key=lambda owner: owner.rank)
            for word in (words[0], words[-1]):
                if self.alone.get(word) is person:
                    del self.alone[word]
            person.spellings.clear()  # the one word is now a short form
            self.merge_into(person, spelling)
        elif len(words) > 1:
            self.merge_into(self.add(name), spelling)
        else:
            person = self.add(name)
            self.spell(person, key)
            self.alone[key] = person

    def complete(self, text: str, folded: str) -> None:
        """A one-word name written once with the next word (`Minister Sihasak` ...
        `Sihasak Phuangketkeow`) is that full name."""
        if not self.alone:
            return
        for start, end, key in NameFinder(self.alone).finditer(folded):
            person = self.alone.get(key)
            after = _NEXT_WORD.match(text, end)
            if person is None or after is None or not is_name_word(after[1]):
                continue
            if not text[start].isupper() or fold(after[1]) in self.edges:
                continue
            del self.alone[key]
            person.spellings.clear()
            self.merge_into(person, text[start : after.end()])

    def merge_into(self, person: _Person, spelling: str) -> None:
        """`person` is now spelled `spelling` (more than one word)."""
        person.name = display_name(spelling)
        words = fold(spelling).split()
        self.spell(person, " ".join(words))
        person.short.update(_short_forms(words) | _short_forms(fold(person.name).split()))


_NOT_SHORT = frozenset("he she it we us so an do go no to in on at by of or if be me my".split())
"""Words no short form may be: `He` of He Lifeng would be every sentence's `He`."""


def _short_forms(words: list[str]) -> set[str]:
    """The first and the last word of a name (`Jr.`, initials and pronouns never)."""
    last = next((w for w in reversed(words) if w.rstrip(".") not in ("jr", "sr", "ii", "iii")), "")
    return {
        word for word in (words[0], last) if len(word.rstrip(".")) > 1 and word not in _NOT_SHORT
    }


@lru_cache(maxsize=8)
def _gazetteer(entries: tuple[LeaderEntry, ...]) -> dict[str, LeaderEntry]:
    """Folded full spelling -> entry."""
    return {fold(spelling): entry for entry in entries for spelling in (entry.name, *entry.aliases)}


@lru_cache(maxsize=8)
def _gazetteer_finder(entries: tuple[LeaderEntry, ...]) -> NameFinder:
    return NameFinder(_gazetteer(entries))


@lru_cache(maxsize=8)
def _short_owners(entries: tuple[LeaderEntry, ...]) -> dict[str, tuple[LeaderEntry, ...]]:
    """Folded short form -> the entries it may name."""
    owners: dict[str, list[LeaderEntry]] = {}
    for entry in entries:
        for short in entry.short:
            owners.setdefault(fold(short), []).append(entry)
    return {short: tuple(found) for short, found in owners.items()}


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
        person.known = True
        for spelling in (entry.name, *entry.aliases):
            people.spell(person, fold(spelling))
        person.short.update(fold(s) for s in entry.short)

    for _, _, spelling in _gazetteer_finder(entries).finditer(folded):
        person_for(gazetteer[spelling])
    # Full names first: `Li` after `Chairman Li Xi` is his, whatever the gazetteer says.
    found = sorted(discovered_names(text), key=lambda name: " " not in name)
    for name in found:
        key = fold(name)
        if key in gazetteer:
            person_for(gazetteer[key])
        elif " " not in key and key in people.edges:
            continue
        elif len(short_owners.get(key, ())) == 1:
            person_for(short_owners[key][0])
        elif key not in short_owners:
            people.merge_discovered(name)
    people.complete(text, folded)
    return list(people.people.values())


@dataclass(frozen=True, slots=True)
class _Shared:
    """A short form two people of the article answer to (`Shinawatra`)."""

    passage: Passage
    owners: tuple[_Person, ...]


def _find_mentions(text: str, folded: str, people: list[_Person]) -> list[_Shared]:
    """Fill each person's mentions: full spellings first, then short forms that one
    person owns. Short forms several people own are returned, for their titles to
    decide."""
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
    shared: list[_Shared] = []
    for start, end, short in NameFinder(short_owner).finditer(folded):
        # Full mentions do not overlap: only the last one starting before `end` may.
        before = bisect_left(taken_starts, end) - 1
        if before >= 0 and taken_ends[before] > start:
            continue
        if text[start].isupper() and not _beside_a_name(text, start, end):
            passage = Passage(text[start:end], start, end)
            owners = short_owner[short]
            if len(owners) == 1:
                owners[0].mentions.append(passage)
            else:
                shared.append(_Shared(passage, tuple(owners)))
    return shared


def _head(title: str) -> str | None:
    """The head of a title, folded and spelled out (`PM` -> `prime minister`); `None`
    for a former one."""
    folded = fold(title)
    if folded.startswith("former"):
        return None
    return next(
        (h for h in _FOLDED_HEADS if re.search(rf"(?<![\w-]){re.escape(h)}(?![\w-])", folded)), None
    )


_FOLDED_HEADS = sorted({ABBREVIATED.get(fold(h), fold(h)) for h in HEADS}, key=len, reverse=True)


_NEXT_WORD = re.compile(r" ([^\W\d_][\w’'-]*)")
_WORD_BEFORE = re.compile(r"(?<=[a-z,;] )([^\W\d_][\w’'-]*) $")


_PARAGRAPH_REACH = 2000
"""How far back a paragraph's start is looked for, in characters (bounded, so that
the work per short form is the same however long the paragraph)."""


def _beside_a_name(text: str, start: int, end: int) -> bool:
    """Whether a short form is part of a name nobody knows: `Hun` in `Hun Sen` is not
    Hun Manet, `Shinawatra` in `met Thaksin Shinawatra` not Paetongtarn, `Hà` in `Hà
    Nội` no one."""
    after = _NEXT_WORD.match(text, end)
    if after is not None and is_name_word(after[1]):
        return True
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    return before is not None and is_name_word(before[1])


def _decide(text: str, shared: list[_Shared], titles: dict[str, tuple[str, ...]]) -> None:
    """Give a shared short form to the one owner whose titles have the head written
    right before it (`PM Shinawatra` is the Prime Minister, not her father); failing
    that, to the one owner named in full earlier in the same paragraph (`Wang Huning
    met Anwar. Wang said`)."""
    named: dict[str, list[int]] = {}
    for person in {p.name: p for item in shared for p in item.owners}.values():
        named[person.name] = sorted(m.start for m in person.mentions if " " in m.text)
    for item in shared:
        start = item.passage.start
        fits = _fits_by_title(text, item, titles)
        if not fits:
            low = max(0, start - _PARAGRAPH_REACH)
            paragraph = text.rfind("\n", low, start) + 1 or low
            fits = [
                p
                for p in item.owners
                if (i := bisect_left(named[p.name], start) - 1) >= 0
                and named[p.name][i] >= paragraph
            ]
        if len(fits) == 1:
            fits[0].mentions.append(item.passage)


def _fits_by_title(text: str, item: _Shared, titles: dict[str, tuple[str, ...]]) -> list[_Person]:
    start = item.passage.start
    before = _HEAD_BEFORE.search(text, max(0, start - 40), start)
    if before is None:
        return []
    head = ABBREVIATED.get(fold(before["head"]), fold(before["head"]))
    return [p for p in item.owners if head in {_head(t) for t in titles.get(p.name, ())}]


def _titles_of(
    text: str, person: _Person, sentences: Sequence[Passage], starts: list[int], ends: set[int]
) -> tuple[str, ...]:
    """Every title the article gives `person`, in the order given."""
    seen: dict[str, str] = {}
    for mention in sorted(person.mentions, key=lambda m: m.start):
        index = bisect_right(starts, mention.start) - 1
        if index < 0 or mention.start >= sentences[index].end:
            continue  # in a dateline or a credit, outside every sentence
        for title in titles_around(text, mention, sentences[index], ends):
            seen.setdefault(title.casefold(), title)
    return tuple(seen.values())


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
    shared = _find_mentions(text, folded, people)
    starts = [sentence.start for sentence in sentences]
    ends = {m.end for person in people for m in person.mentions}
    titles: dict[str, tuple[str, ...]] = {}
    for person in people:
        check(should_stop)
        titles[person.name] = _titles_of(text, person, sentences, starts, ends)
    _decide(text, shared, titles)
    leaders: list[Leader] = []
    for person in people:
        if person.mentions:
            mentions = tuple(sorted(person.mentions, key=lambda m: m.start))
            country = person.country or country_of(titles[person.name])
            leaders.append(Leader(person.name, country, titles[person.name], mentions))
    leaders.sort(key=lambda leader: (-leader.count, leader.mentions[0].start))
    return tuple(leaders)
