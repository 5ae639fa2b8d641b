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
from dataclasses import dataclass
from datetime import date

from tui.core.cancel import ShouldStop, check
from tui.core.extract.discover import is_name_word
from tui.core.extract.lexicon import Lexicon
from tui.core.extract.model import Leader
from tui.core.extract.names import NameFinder
from tui.core.extract.people import NEXT_WORD, Person, gather_people, in_office, short_forms
from tui.core.extract.titles import (
    ABBREVIATED,
    COUNTRY_NAMES,
    DEMONYMS,
    HEAD_PATTERN,
    HEADS,
    TITLE_REACH,
    country_of,
    titles_around,
)
from tui.core.text import Passage, fold

__all__ = [
    "COUNTRY_NAMES",
    "DEMONYMS",
    "TITLE_REACH",
    "Leader",
    "find_leaders",
    "titles_around",
]

_HEAD_BEFORE = re.compile(rf"(?<![\w-])(?P<head>{HEAD_PATTERN})\s+$")
"""A title's head right before a short form: `PM Shinawatra`."""


@dataclass(frozen=True, slots=True)
class _Shared:
    """A short form two people of the article answer to (`Shinawatra`)."""

    passage: Passage
    owners: tuple[Person, ...]


MAX_OWNERS = 4
"""A short form more people of an article share is left to no one without looking
(the rules that settle one would cost as much as its owners, at every mention)."""


def _short_owners(people: list[Person]) -> dict[str, list[Person]]:
    """Each short form -> the people it may name: those who have it, and those whose
    full name starts or ends with it (`Kim` of Kim Jong Un may be Kim Yo Jong too,
    though the gazetteer gives her no short form)."""
    owners: dict[str, dict[int, Person]] = {}
    for person in people:
        for short in person.short - person.spellings:
            owners.setdefault(short, {})[id(person)] = person
    for person in people:
        for word in short_forms(fold(person.name).split()):
            if word in owners:
                owners[word].setdefault(id(person), person)
    return {short: list(found.values()) for short, found in owners.items()}


def _find_mentions(text: str, folded: str, people: list[Person]) -> list[_Shared]:
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
    short_owner = _short_owners(people)
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
            elif len(owners) <= MAX_OWNERS:
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


_WORD_BEFORE = re.compile(r"(?<=[a-z,;] )([^\W\d_][\w’'-]*) $")


_PARAGRAPH_REACH = 2000
"""How far back a paragraph's start is looked for, in characters (bounded, so that
the work per short form is the same however long the paragraph)."""


def _beside_a_name(text: str, start: int, end: int) -> bool:
    """Whether a short form is part of a name nobody knows: `Hun` in `Hun Sen` is not
    Hun Manet, `Shinawatra` in `met Thaksin Shinawatra` not Paetongtarn, `Hà` in `Hà
    Nội` no one."""
    after = NEXT_WORD.match(text, end)
    if after is not None and is_name_word(after[1]):
        return True
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    return before is not None and is_name_word(before[1])


def _decide(
    text: str, shared: list[_Shared], titles: dict[str, tuple[str, ...]], on: date | None
) -> None:
    """Give each shared short form to the one owner the article's context points to
    (see `_owner`); with no such owner it counts for no one."""
    named: dict[str, list[int]] = {}
    for person in {p.name: p for item in shared for p in item.owners}.values():
        named[person.name] = sorted(m.start for m in person.mentions if " " in m.text)
    for item in shared:
        owner = _owner(text, item, titles, named, on)
        if owner is not None:
            owner.mentions.append(item.passage)


def _owner(
    text: str,
    item: _Shared,
    titles: dict[str, tuple[str, ...]],
    named: dict[str, list[int]],
    on: date | None,
) -> Person | None:
    """Who a shared short form names, by the first rule that settles it: the one
    owner whose titles have the head written right before it (`PM Shinawatra` is the
    Prime Minister, not her father); the one named in full earlier in its paragraph
    (`Wang Huning met Anwar. Wang said`); the one of known people in office on the
    article's day; the article's protagonist, named in full at least twice and more
    than twice as often as any other (`Li` is the visiting Li Xi, not Li Qiang to
    whom he carries greetings)."""
    start = item.passage.start
    head = _HEAD_BEFORE.search(text, max(0, start - 40), start)
    fits = _fits_by_title(item, head["head"] if head else "", titles)
    if not fits:
        low = max(0, start - _PARAGRAPH_REACH)
        paragraph = text.rfind("\n", low, start) + 1 or low
        fits = [
            p
            for p in item.owners
            if (i := bisect_left(named[p.name], start) - 1) >= 0 and named[p.name][i] >= paragraph
        ]
    entries = [p.entry for p in item.owners if p.entry is not None]
    if not fits and len(entries) == len(item.owners):
        chosen = in_office(entries, head["head"] if head else "", on)
        fits = [p for p in item.owners if chosen is not None and p.entry is chosen]
    fits = fits or _protagonist(item.owners, named)
    return fits[0] if len(fits) == 1 else None


def _protagonist(owners: Sequence[Person], named: dict[str, list[int]]) -> list[Person]:
    ranked = sorted(owners, key=lambda p: len(named[p.name]), reverse=True)
    top, second = len(named[ranked[0].name]), len(named[ranked[1].name])
    return [ranked[0]] if top >= 2 and top > 2 * second else []


def _fits_by_title(item: _Shared, head: str, titles: dict[str, tuple[str, ...]]) -> list[Person]:
    if not head:
        return []
    wanted = ABBREVIATED.get(fold(head), fold(head))
    return [p for p in item.owners if wanted in {_head(t) for t in titles.get(p.name, ())}]


def _titles_of(
    text: str, person: Person, sentences: Sequence[Passage], starts: list[int], ends: set[int]
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
    on: date | None = None,
) -> tuple[Leader, ...]:
    """Every leader named in `text`, most mentioned first. `folded` is `fold(text)`,
    when the caller has it already. `should_stop` is checked between people. `on`,
    the article's day, settles a short form several known people share by who was
    in office then (`Premier Li` in 2024 is Li Qiang)."""
    folded = fold(text) if folded is None else folded
    people = gather_people(text, folded, lexicon.leaders, on)
    check(should_stop)
    shared = _find_mentions(text, folded, people)
    starts = [sentence.start for sentence in sentences]
    ends = {m.end for person in people for m in person.mentions}
    titles: dict[str, tuple[str, ...]] = {}
    for person in people:
        check(should_stop)
        titles[person.name] = _titles_of(text, person, sentences, starts, ends)
    _decide(text, shared, titles, on)
    leaders: list[Leader] = []
    for person in people:
        if person.mentions:
            mentions = tuple(sorted(person.mentions, key=lambda m: m.start))
            country = person.country or country_of(titles[person.name])
            leaders.append(Leader(person.name, country, titles[person.name], mentions))
    leaders.sort(key=lambda leader: (-leader.count, leader.mentions[0].start))
    return tuple(leaders)
