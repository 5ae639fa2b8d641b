"""Analyst corrections, applied to what extraction found: a cheap pass over each
`Extraction`, after the rules, so that extraction itself stays as it was.

A `Corrections` is frozen and hashable, so it rides in the `Lexicon` (whose caches
key on it) and every extraction, in the app or the CLI, applies the same ones:

* `Rename` (and its twin, a merge): a leader's name becomes another, in every article
  or one; two entries that end with one name become one leader (mentions and titles
  joined), and commitment actors follow.
* `NotPerson`: the name is no leader: dropped from the leaders and from actors.
* `AddLeader`: a gazetteer entry; `with_corrections` adds it to the lexicon, so the
  rules find the person as they find any known leader.
* `CommitmentFix`: a commitment named by its article and the first words of its
  sentence (never offsets: they change when the file is edited) is dropped, or gets
  another kind or other actors. A kind for a sentence the rules missed adds it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from tui.core.extract.gazetteer import Entries
from tui.core.extract.lexicon import LeaderEntry, Lexicon
from tui.core.extract.model import Commitment, Leader
from tui.core.extract.sides import BOTH
from tui.core.extract.topics import topics_of
from tui.core.text import Passage, fold

if TYPE_CHECKING:
    from tui.core.extract import Extraction

__all__ = [
    "MIN_SENTENCE",
    "AddLeader",
    "CommitmentFix",
    "Correction",
    "Corrections",
    "NotPerson",
    "Rename",
    "actor_choices",
    "apply_corrections",
    "name_key",
    "names_a_sentence",
    "sentence_key",
    "sentence_start",
    "with_corrections",
]

MIN_SENTENCE = 12
"""The fewest characters that may name a sentence: fewer would name too many."""

_RENAME_STEPS = 8
"""How many renames a name may go through (`A -> B`, `B -> C`): a loop stops here."""


@dataclass(frozen=True, slots=True)
class Rename:
    """Call the leader `name` `to` (in `article` only, when given). `merge` says the
    person asked for two entries to become one: applied alike, listed differently."""

    name: str
    to: str
    article: str | None = None
    merge: bool = False


@dataclass(frozen=True, slots=True)
class NotPerson:
    """`name` is not a person (`Belt and Road`), in every article or in `article`."""

    name: str
    article: str | None = None


@dataclass(frozen=True, slots=True)
class AddLeader:
    """A person the gazetteer did not know."""

    entry: LeaderEntry


@dataclass(frozen=True, slots=True)
class CommitmentFix:
    """The commitment in `article` whose sentence starts with `sentence`: not a
    commitment (`drop`), or of another `kind`, or undertaken by other `actors`."""

    article: str
    sentence: str
    drop: bool = False
    kind: str | None = None
    actors: tuple[str, ...] | None = None


Correction = Rename | NotPerson | AddLeader | CommitmentFix


def name_key(name: str) -> str:
    """What two spellings of a leader's name must share to be the same name: case
    and spacing do not count, diacritics do (`Tran` is not `Trần`)."""
    return " ".join(name.casefold().split())


def sentence_key(text: str) -> str:
    """A sentence's text as it is compared: case, diacritics and spacing ignored."""
    return " ".join(fold(text).split())


_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")


def names_a_sentence(start: str) -> bool:
    """Whether `start` is enough to name a sentence: `MIN_SENTENCE` characters of it,
    or the whole of a shorter one, with its final stop (`Li vowed.`)."""
    key = sentence_key(start)
    return len(key) >= MIN_SENTENCE or (len(key) > 1 and _SENTENCE_END.search(key) is not None)


def sentence_start(text: str, others: Iterable[str] = (), length: int = 60) -> str:
    """The first words of `text`, at least `length` characters of them (or all), that
    no other sentence of `others` starts with: how a corrections file names `text`."""
    own = sentence_key(text)
    keys = [key for key in map(sentence_key, others) if key != own]
    words = text.split()
    for count in range(1, len(words) + 1):
        start = " ".join(words[:count])
        if len(start) >= length and not any(k.startswith(sentence_key(start)) for k in keys):
            return start
    return " ".join(words)


@dataclass(frozen=True, slots=True)
class _Index:
    """The corrections by what they apply to, built once per `Corrections`."""

    renames: dict[tuple[str | None, str], str]
    dropped: frozenset[tuple[str | None, str]]
    commitments: dict[str, tuple[CommitmentFix, ...]]


@dataclass(frozen=True, slots=True)
class Corrections:
    """Every correction, in the order they were made (later ones win)."""

    items: tuple[Correction, ...] = ()
    _index: _Index = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        renames: dict[tuple[str | None, str], str] = {}
        dropped: set[tuple[str | None, str]] = set()
        commitments: dict[str, list[CommitmentFix]] = {}
        for item in self.items:
            if isinstance(item, Rename) and item.name.strip() != item.to.strip():
                key = (item.article, name_key(item.name))
                renames[key] = item.to
                dropped.discard(key)
            elif isinstance(item, NotPerson):
                key = (item.article, name_key(item.name))
                dropped.add(key)
                renames.pop(key, None)
            elif isinstance(item, CommitmentFix):
                commitments.setdefault(item.article, []).append(item)
        index = _Index(renames, frozenset(dropped), {k: tuple(v) for k, v in commitments.items()})
        object.__setattr__(self, "_index", index)

    def __bool__(self) -> bool:
        return bool(self.items)

    @property
    def additions(self) -> tuple[LeaderEntry, ...]:
        """The gazetteer entries the analyst added."""
        return tuple(item.entry for item in self.items if isinstance(item, AddLeader))

    def resolve(self, name: str, article: str) -> str | None:
        """The name the leader `name` goes by in `article`; `None`: not a person."""
        index = self._index
        for _ in range(_RENAME_STEPS):
            key = name_key(name)
            if (article, key) in index.dropped or (None, key) in index.dropped:
                return None
            to = index.renames.get((article, key)) or index.renames.get((None, key))
            if to is None:
                break
            name = to
            if name_key(to) == key:  # a new spelling of the same name (`HUN MANET`)
                break
        return name

    def for_article(self, article: str) -> tuple[CommitmentFix, ...]:
        """The commitment corrections of `article`, in order."""
        return self._index.commitments.get(article, ())

    def touches_leaders(self) -> bool:
        """Whether any correction renames or drops a leader."""
        return bool(self._index.renames or self._index.dropped)


def with_corrections(lexicon: Lexicon, corrections: Corrections) -> Lexicon:
    """`lexicon` with the analyst's gazetteer entries added, and `corrections` applied
    by every extraction. An entry named like a known person joins theirs: its
    country wins, its spellings and short forms are added, what else is known stays."""
    added: dict[str, LeaderEntry] = {}
    for entry in corrections.additions:
        key = name_key(entry.name)
        added[key] = _joined_entry(added[key], entry) if key in added else entry
    leaders = [
        _joined_entry(known, added.pop(name_key(known.name)))
        if name_key(known.name) in added
        else known
        for known in lexicon.leaders
    ]
    # `Entries` hashes once: extraction's caches look the people up for every article.
    people = Entries((*leaders, *added.values()))
    return replace(lexicon, leaders=people, corrections=corrections)


def _joined_entry(known: LeaderEntry, entry: LeaderEntry) -> LeaderEntry:
    return replace(
        known,
        name=entry.name,
        country=entry.country or known.country,
        aliases=tuple(dict.fromkeys((*known.aliases, *entry.aliases))),
        short=tuple(dict.fromkeys((*known.short, *entry.short))),
    )


def _join(first: Leader, second: Leader) -> Leader:
    """One leader from two entries that turned out to be one person."""
    mentions = tuple(sorted({*first.mentions, *second.mentions}, key=lambda m: m.start))
    titles = dict.fromkeys((*first.titles, *second.titles))
    return replace(
        first, country=first.country or second.country, titles=tuple(titles), mentions=mentions
    )


@lru_cache(maxsize=8)
def _countries(entries: tuple[LeaderEntry, ...]) -> dict[str, str]:
    """The gazetteer's countries by name: a leader renamed to a known person gets
    theirs, when the article did not say."""
    return {name_key(entry.name): entry.country for entry in entries if entry.country}


def _leaders(
    leaders: Sequence[Leader], corrections: Corrections, lexicon: Lexicon, article: str
) -> list[Leader]:
    joined: dict[str, Leader] = {}
    kept: set[str] = set()  # names whose own leader is in `joined`
    for leader in leaders:
        name = corrections.resolve(leader.name, article)
        if name is None:
            continue
        renamed = leader
        if name != leader.name:
            country = leader.country or _countries(lexicon.leaders).get(name_key(name))
            renamed = replace(leader, name=name, country=country)
        if name not in joined:
            joined[name] = renamed
        elif name == leader.name and name not in kept:
            # The person another entry was merged into: their country and titles first.
            joined[name] = _join(renamed, joined[name])
        else:
            joined[name] = _join(joined[name], renamed)
        if name == leader.name:
            kept.add(name)
    ordered = list(joined.values())
    ordered.sort(key=lambda leader: (-leader.count, leader.mentions[0].start))
    return ordered


def corrected_leaders(
    leaders: Sequence[Leader], lexicon: Lexicon, article: str = ""
) -> Sequence[Leader]:
    """`leaders` with `lexicon.corrections`' renames, merges and not-a-person applied
    (those limited to one article only when `article` is given): what a headline made
    from a lead names."""
    corrections = lexicon.corrections
    if not corrections or not corrections.touches_leaders():
        return leaders
    return _leaders(leaders, corrections, lexicon, article)


def _actors(actors: Iterable[str], corrections: Corrections, article: str) -> tuple[str, ...]:
    resolved = (a if a == BOTH else corrections.resolve(a, article) for a in actors)
    return tuple(dict.fromkeys(a for a in resolved if a is not None))


def _with_actors(commitment: Commitment, corrections: Corrections, article: str) -> Commitment:
    actors = _actors(commitment.actors, corrections, article)
    return commitment if actors == commitment.actors else replace(commitment, actors=actors)


def _fixed(
    commitment: Commitment, fixes: Sequence[CommitmentFix], corrections: Corrections, article: str
) -> Commitment | None:
    """`commitment` with the fixes that name its sentence applied, in order; `None`:
    dropped (a kind or actors given after a drop say it is a commitment after all)."""
    key = sentence_key(commitment.text)
    dropped = False
    for fix in fixes:
        if not key.startswith(sentence_key(fix.sentence)):
            continue
        dropped = fix.drop
        if fix.kind is not None:
            commitment = replace(commitment, kind=fix.kind)
        if fix.actors is not None:
            commitment = replace(commitment, actors=_actors(fix.actors, corrections, article))
    return None if dropped else commitment


def _missed(
    fixes: Sequence[CommitmentFix],
    found: Sequence[Commitment],
    sentences: Sequence[Passage],
    corrections: Corrections,
    lexicon: Lexicon,
    article: str,
) -> list[Commitment]:
    """Commitments the analyst named (with a kind) that the rules did not find, with
    the fixes made after that one applied (a later drop, kind or actors)."""
    keys = [sentence_key(commitment.text) for commitment in found]
    added: list[Commitment] = []
    for index, fix in enumerate(fixes):
        wanted = sentence_key(fix.sentence)
        if fix.drop or fix.kind is None or any(k.startswith(wanted) for k in keys):
            continue
        sentence = next((s for s in sentences if sentence_key(s.text).startswith(wanted)), None)
        if sentence is None:
            continue
        keys.append(sentence_key(sentence.text))
        actors = _actors(fix.actors or (), corrections, article)
        topics = topics_of(sentence.text, lexicon)
        made = Commitment(sentence.text, sentence.start, sentence.end, fix.kind, actors, topics)
        fixed = _fixed(made, fixes[index + 1 :], corrections, article)
        if fixed is not None:
            added.append(fixed)
    return added


def apply_corrections(
    extraction: Extraction, sentences: Sequence[Passage], lexicon: Lexicon
) -> Extraction:
    """`extraction` with `lexicon.corrections` applied; `sentences` are the article's
    (a kind given for a sentence the rules missed adds it). Costs one look-up per
    leader and actor, and nothing more for an article without commitment fixes."""
    corrections = lexicon.corrections
    if not corrections:
        return extraction
    article = extraction.article_id
    leaders: Sequence[Leader] = extraction.leaders
    commitments: Sequence[Commitment] = extraction.commitments
    if corrections.touches_leaders():
        leaders = _leaders(leaders, corrections, lexicon, article)
        commitments = [_with_actors(c, corrections, article) for c in commitments]
    fixes = corrections.for_article(article)
    if fixes:
        found = commitments
        fixed = (_fixed(c, fixes, corrections, article) for c in commitments)
        commitments = [c for c in fixed if c is not None]
        commitments += _missed(fixes, found, sentences, corrections, lexicon, article)
        commitments.sort(key=lambda c: c.start)
    return replace(extraction, leaders=tuple(leaders), commitments=tuple(commitments))


@lru_cache(maxsize=1)
def _country_words() -> tuple[dict[str, str], re.Pattern[str]]:
    """Folded country names and demonyms -> country, and one pattern of them all
    (made on first use: the titles' tables load with the rules)."""
    from tui.core.extract.titles import COUNTRY_NAMES, DEMONYMS

    words = {
        **{fold(name): country for name, country in COUNTRY_NAMES.items()},
        **{fold(word): country for word, country in DEMONYMS.items()},
        "united states": "United States",
        "u.s.": "United States",
    }
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return words, re.compile(r"\b(?:" + alternatives + r")")


def actor_choices(extraction: Extraction, text: str) -> list[str]:
    """Who may have undertaken a commitment of the article whose text is `text`: its
    leaders, `both`, then the countries of its leaders and those the text names."""
    countries = dict.fromkeys(leader.country for leader in extraction.leaders if leader.country)
    words, pattern = _country_words()
    for match in pattern.finditer(fold(text)):
        countries.setdefault(words[match.group()])
    leaders = [leader.name for leader in extraction.leaders]
    return [*leaders, BOTH, *(c for c in countries if c not in leaders)]
