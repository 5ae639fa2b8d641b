"""The people of one article as they are gathered: gazetteer people it spells out,
and people discovered by their titles, each with their spellings and short forms.

Discovered names merge as a reader would: `Albanese` then `Anthony Albanese` are one
person, `Tran Thanh Man` and `Trần Thanh Mẫn` too, `Thaksin Shinawatra` after
`Paetongtarn Shinawatra` another.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from tui.core.extract.discover import discovered_names, display_name, is_name_word
from tui.core.extract.lexicon import LeaderEntry
from tui.core.extract.names import NameFinder
from tui.core.extract.titles import ABBREVIATED
from tui.core.text import Passage, fold

__all__ = ["NEXT_WORD", "Person", "gather_people", "in_office", "short_forms"]

NEXT_WORD = re.compile(r" ([^\W\d_][\w’'-]*)")
"""The word right after a name."""


@dataclass
class Person:
    """A leader being gathered: its spellings, short forms, mentions and titles."""

    name: str
    country: str | None = None
    spellings: set[str] = field(default_factory=set)
    short: set[str] = field(default_factory=set)
    mentions: list[Passage] = field(default_factory=list)
    rank: int = 0
    """The order in which the article first named them."""
    entry: LeaderEntry | None = None
    """The gazetteer's entry, for a known person: its name and spellings never change."""

    @property
    def known(self) -> bool:
        return self.entry is not None


def _marks(name: str) -> int:
    """How many letters of `name` carry diacritics (or are not ASCII)."""
    return sum(not char.isascii() for char in name)


class _People:
    """The people of an article as they are gathered, with every spelling indexed so
    that merging a discovered name costs the same however many people there are."""

    def __init__(self) -> None:
        self.people: dict[str, Person] = {}
        self.by_spelling: dict[str, Person] = {}
        self.edges: set[str] = set()
        """The first and the last word of every spelling."""
        self.alone: dict[str, Person] = {}
        """One-word discovered people (`albanese`) a full name may still complete."""

    def add(self, name: str, country: str | None = None) -> Person:
        return self.people.setdefault(name, Person(name, country, rank=len(self.people)))

    def spell(self, person: Person, spelling: str) -> None:
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
            after = NEXT_WORD.match(text, end)
            if person is None or after is None or not is_name_word(after[1]):
                continue
            if not text[start].isupper() or fold(after[1]) in self.edges:
                continue
            del self.alone[key]
            person.spellings.clear()
            self.merge_into(person, text[start : after.end()])

    def merge_into(self, person: Person, spelling: str) -> None:
        """`person` is now spelled `spelling` (more than one word)."""
        person.name = display_name(spelling)
        words = fold(spelling).split()
        self.spell(person, " ".join(words))
        person.short.update(short_forms(words) | short_forms(fold(person.name).split()))


_NOT_SHORT = frozenset("he she it we us so an do go no to in on at by of or if be me my".split())
"""Words no short form may be: `He` of He Lifeng would be every sentence's `He`."""


def in_office(entries: Iterable[LeaderEntry], head: str, on: date | None) -> LeaderEntry | None:
    """The one of `entries` who held a title with this head (`Premier`, `PM`) on
    `on`; failing that, the one who held any office then; `None` when no one or
    several did, or the day is not known."""
    if on is None:
        return None
    holding = [(entry, fold(title)) for entry in entries if (title := entry.title_on(on))]
    wanted = ABBREVIATED.get(fold(head), fold(head))
    fits = [entry for entry, title in holding if wanted and wanted in title]
    if len(fits) == 1:
        return fits[0]
    return holding[0][0] if len(holding) == 1 else None


def short_forms(words: list[str]) -> set[str]:
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


def gather_people(
    text: str, folded: str, entries: tuple[LeaderEntry, ...], on: date | None = None
) -> list[Person]:
    """Everyone the article names: gazetteer people it spells out in full, and
    people discovered by their titles."""
    gazetteer = _gazetteer(entries)
    short_owners = _short_owners(entries)
    people = _People()

    def person_for(entry: LeaderEntry) -> None:
        if entry.name in people.people:
            return  # already spelled out: an entry's spellings never change
        person = people.add(entry.name, entry.country)
        person.entry = entry
        for spelling in (entry.name, *entry.aliases):
            people.spell(person, fold(spelling))
        person.short.update(fold(s) for s in entry.short)

    for _, _, spelling in _gazetteer_finder(entries).finditer(folded):
        person_for(gazetteer[spelling])
    # Full names first: `Li` after `Chairman Li Xi` is his, whatever the gazetteer says.
    found = sorted(discovered_names(text), key=lambda found: " " not in found.name)
    for name, head in found:
        key = fold(name)
        words = key.split()
        # "Interior Anwar Ibrahim", with a title word discovery did not know: a known
        # name that ends a discovered one is that person.
        tail = next((t for i in range(len(words)) if (t := " ".join(words[i:])) in gazetteer), "")
        if tail:
            person_for(gazetteer[tail])
        elif " " not in key and key in people.edges:
            continue
        elif len(short_owners.get(key, ())) == 1:
            person_for(short_owners[key][0])
        elif key in short_owners:
            # "Premier Li" on 2024-05-01: the Li who was premier that day.
            if (entry := in_office(short_owners[key], head, on)) is not None:
                person_for(entry)
        else:
            people.merge_discovered(name)
    people.complete(text, folded)
    return list(people.people.values())
