"""Commitment threads (issue 14): the commitments of the corpus that concern one
undertaking, linked across meetings and ordered by date.

An undertaking is a topic plus its object (`thread_words.objects_of`: the clause of
the sentence on that topic, as terms), each term weighted by its rarity among every
object of the corpus (BM25's idf). Commitments are read oldest first; each joins
the thread of its topic with which it shares most (by weight, of the lighter of its
object and one of the thread's `LAST` objects), when that reaches `THRESHOLD` and
the two are of the same countries (an article's two: those its commitments speak
for or, where they say fewer than two, the countries of its leaders and those its
commitments name; or one of them; none when neither is known), else it starts a thread.
Discussions (kind `discussion`: "They discussed ... railway lines") join threads but
start none. A thread's id comes from its first entry, so it stays while the corpus
grows after it (and where an earlier entry joins it, the store keeps the earlier id
as an alias: `tui.core.store.threads.moved_ids`).

Each entry is new (the first of its thread) or recurring, and has the stage its
sentence says (`thread_words.stage_of`).
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import math
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from tui.core.cancel import ShouldStop, check
from tui.core.extract.lexicon import Topic
from tui.core.text import fold
from tui.core.thread_words import (
    ThreadWords,
    countries_named,
    default_words,
    objects_of,
    stage_of,
    terms_in,
)

__all__ = [
    "DISCUSSION",
    "THRESHOLD",
    "Thread",
    "ThreadEntry",
    "ThreadInput",
    "link_threads",
    "paused_gc",
]

THRESHOLD = 0.35
"""The least share of weight an object and a thread's object have in common for it
to join (tuned on the dev half of `tests/data/threads_gold.yaml`)."""
RECENT = 16
"""How many of the latest objects of a topic holding a term an object is compared with."""
LAST = 8
"""How many of a thread's first entries its object is chosen from."""
EVERY = 1024
"""How many items are read or linked between two looks at `should_stop`."""
DISCUSSION = "discussion"
"""The kind of an entry where leaders discussed the undertaking, committing to nothing."""
_COUNTRY, _COUNTRY_OF = countries_named()
LeaderCountries = Callable[[set[str]], Mapping[str, Collection[str]]]
"""The countries of the leaders of each article asked for (by id)."""


class ThreadInput(NamedTuple):
    """One commitment as linking reads it (a named tuple: made fast, a corpus has a
    hundred thousand)."""

    key: int  # the commitment's row in the store
    article_id: str
    date: dt.date | None
    position: int
    start: int
    end: int
    kind: str
    actors: tuple[str, ...]
    sides: tuple[str, ...]
    topics: tuple[str, ...]
    text: str


class ThreadEntry(NamedTuple):
    """One commitment in a thread: which, when, its stage and whether it is the first
    (a named tuple: a corpus has a hundred thousand, made fast)."""

    key: int
    article_id: str
    date: dt.date | None
    position: int  # among the article's commitments; a discussion: 1000 on (JSON: null)
    start: int
    end: int
    kind: str
    stage: str | None
    recurring: bool

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.article_id,
            "date": self.date.isoformat() if self.date else None,
            "position": None if self.kind == DISCUSSION else self.position,
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "stage": self.stage,
            "new": not self.recurring,
        }


@dataclass(frozen=True, slots=True)
class Thread:
    """The commitments of one undertaking, oldest first."""

    id: str
    topic: str
    about: str  # its object most shared, as written
    sides: tuple[str, ...]
    entries: tuple[ThreadEntry, ...]

    @property
    def first(self) -> dt.date | None:
        return next((e.date for e in self.entries if e.date), None)

    @property
    def last(self) -> dt.date | None:
        return next((e.date for e in reversed(self.entries) if e.date), None)

    @property
    def stage(self) -> str | None:
        """The stage of the latest dated entry that says one (an undated entry, last
        in order, is not known to be the latest: its stage only when no dated one says
        one)."""
        dated = next((e.stage for e in reversed(self.entries) if e.stage and e.date), None)
        return dated or next((e.stage for e in reversed(self.entries) if e.stage), None)

    def as_dict(self) -> dict[str, object]:
        return {
            "thread": self.id,
            "topic": self.topic,
            "object": self.about,
            "sides": list(self.sides),
            "first": self.first.isoformat() if self.first else None,
            "last": self.last.isoformat() if self.last else None,
            "stage": self.stage,
            "entries": [entry.as_dict() for entry in self.entries],
        }


@dataclass(slots=True)
class _Open:
    """A thread being linked: its entries, their objects' terms and each term's summed
    weight (for the thread's object)."""

    number: int
    topic: str
    sides: set[str]
    entries: list[tuple[ThreadInput, str | None, str]] = field(default_factory=list)
    objects: list[dict[str, float]] = field(default_factory=list)
    weights: dict[str, float] = field(default_factory=dict)


class _Linker:
    """Threads as they are linked, and which objects (the latest `RECENT`) hold each
    term of a topic: an object is compared with those it shares a term with."""

    def __init__(self, weight: dict[str, float], threshold: float) -> None:
        self.weight = weight
        self.threshold = threshold
        self.opened: list[_Open] = []
        self.postings: dict[tuple[str, str], list[int]] = defaultdict(list)
        self.totals: list[float] = []  # each object's weight
        self.owners: list[_Open] = []  # each object's thread
        self.same: dict[tuple[str, tuple[str, ...], tuple[str, ...]], _Open] = {}
        """The thread of each object met: the same object again joins it at once
        (keyed by sorted tuples: a hundred thousand frozensets weigh far more)."""

    def link(
        self,
        item: ThreadInput,
        topic: str,
        sides: set[str],
        entry: tuple[str | None, str, set[str]],
    ) -> None:
        """Put the object of `item` on `topic` (`entry`: stage, clause, terms) in the
        thread most like it, or in a thread of its own (not a discussion)."""
        stage, clause, terms = entry
        ordered = tuple(sorted(terms))
        vector = {t: self.weight[t] for t in ordered}  # one order: the same ties
        total = sum(vector.values())
        same = (topic, ordered, tuple(sorted(sides)))
        thread = self.same.get(same) or self._best(vector, total, topic, sides)
        if thread is None:
            if item.kind == DISCUSSION:
                return  # a discussion joins a thread, it starts none
            thread = _Open(len(self.opened), topic, set(sides))
            self.opened.append(thread)
        self.same[same] = thread
        number = len(self.totals)
        self.totals.append(total)
        self.owners.append(thread)
        for term in vector:
            self.postings[topic, term].append(number)
        thread.entries.append((item, stage, clause))
        if len(thread.objects) < LAST:  # only these can be the thread's object
            thread.objects.append(vector)
        thread.sides.update(sides)  # the countries of its articles
        for term, weight in vector.items():
            thread.weights[term] = thread.weights.get(term, 0.0) + weight

    def _best(
        self, vector: dict[str, float], total: float, topic: str, sides: set[str]
    ) -> _Open | None:
        """The thread of an object of `topic` sharing the most of the lighter of it
        and `vector` (by weight), `threshold` or more, of the same countries (or some
        of them); `None` when there is none."""
        shared: defaultdict[int, float] = defaultdict(float)
        postings = self.postings
        for term, weight in vector.items():
            posting = postings.get((topic, term))
            if posting:
                for number in posting[-RECENT:]:
                    shared[number] += weight
        best, best_score = None, self.threshold
        totals, owners = self.totals, self.owners
        for number, weight in shared.items():
            other = totals[number]
            score = weight / (total if total < other else other)
            if score >= best_score:
                thread = owners[number]
                if _same_countries(sides, thread.sides):
                    best, best_score = thread, score
        return best


def _same_countries(sides: set[str], thread: set[str]) -> bool:
    """Whether an object of an article of `sides` may join a thread of those countries:
    one holds the other; countries unknown on either side match none (they would
    match any pair of countries)."""
    return bool(sides) and bool(thread) and (sides <= thread or thread <= sides)


def link_threads(
    items: Iterable[ThreadInput],
    topics: Sequence[Topic],
    *,
    threshold: float = THRESHOLD,
    words: ThreadWords | None = None,
    should_stop: ShouldStop | None = None,
    leader_countries: LeaderCountries | None = None,
) -> list[Thread]:
    """The threads of `items` (see the module's docstring), the latest first.
    `should_stop` is checked every `EVERY` items (`Cancelled` when it says so).
    `leader_countries`: the countries of the leaders of the articles asked for, for
    those whose commitments speak for fewer than two."""
    with paused_gc():
        return _linked(list(items), topics, threshold, words, should_stop, leader_countries)


def _linked(
    items: list[ThreadInput],
    topics: Sequence[Topic],
    threshold: float,
    words: ThreadWords | None,
    should_stop: ShouldStop | None,
    leader_countries: LeaderCountries | None,
) -> list[Thread]:
    words = words or default_words(tuple(topics))
    ordered = sorted(items, key=_order)
    said = _sides_said(ordered)
    short = {article for article, found in said.items() if len(found) < 2}
    read, texts = _read(ordered, words, should_stop, short)
    leaders = leader_countries(short) if leader_countries is not None and short else {}
    sides = _article_sides(said, texts, leaders)
    linker = _Linker(_idf([found for _, found, _ in read]), threshold)
    for at, (item, found, stage) in enumerate(read):
        if at % EVERY == 0:
            check(should_stop)
        item_sides = sides.get(item.article_id, set())
        for topic in item.topics:
            clause, terms = found.get(topic, ("", set()))
            linker.link(item, topic, item_sides, (stage, clause, terms))
    threads = [_frozen(thread) for thread in linker.opened]
    threads.sort(key=lambda t: (t.last or dt.date.min, t.id), reverse=True)
    return threads


@contextmanager
def paused_gc() -> Iterator[None]:
    """The cyclic garbage collector off meanwhile (linking makes a million objects
    and no cycle: collecting as they are made took a third of its time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


_Read = tuple[ThreadInput, dict[str, tuple[str, set[str]]], str | None]


def _read(
    ordered: Sequence[ThreadInput],
    words: ThreadWords,
    should_stop: ShouldStop | None,
    short: set[str],
) -> tuple[list[_Read], dict[str, list[str]]]:
    """Each item, its objects and its stage: read once per distinct sentence (a
    corpus repeats its formulas; the objects read are never changed); and the folded
    texts of the articles in `short` (those `_article_sides` reads names in)."""
    folded_of: dict[str, str] = {}
    objects: dict[tuple[str, tuple[str, ...], tuple[str, ...]], dict[str, tuple[str, set[str]]]]
    objects = {}
    stages: dict[tuple[str, str], str | None] = {}
    read: list[_Read] = []
    texts: dict[str, list[str]] = defaultdict(list)
    for at, item in enumerate(ordered):
        if at % EVERY == 0:
            check(should_stop)
        text = item.text
        folded = folded_of.get(text)
        if folded is None:
            folded = folded_of[text] = fold(text)
        said = (text, item.topics, item.actors)
        found = objects.get(said)
        if found is None:
            found = objects[said] = objects_of(
                text, folded, item.topics, words, _names(item.actors)
            )
        staged = (folded, item.kind)
        if staged in stages:
            stage = stages[staged]
        else:
            stage = stages[staged] = stage_of(folded, item.kind, words)
        read.append((item, found, stage))
        if item.article_id in short:
            texts[item.article_id].append(folded)
    return read, texts


@lru_cache(maxsize=4096)
def _names(actors: tuple[str, ...]) -> frozenset[str]:
    return frozenset(term for actor in actors for term in terms_in(actor))


def _order(item: ThreadInput) -> tuple[int, str, int]:
    """Oldest first, undated last (an article without a date starts no thread that
    dated ones would join)."""
    return (item.date.toordinal() if item.date else _UNDATED, item.article_id, item.position)


_UNDATED = dt.date.max.toordinal() + 1


def _sides_said(items: Iterable[ThreadInput]) -> dict[str, dict[str, int]]:
    """How often each article's commitments speak for each country (but `both`)."""
    said: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for item in items:
        found = said[item.article_id]
        for side in item.sides:
            if side != "both":
                found[side] += 1
    return said


def _article_sides(
    said: dict[str, dict[str, int]],
    texts: dict[str, list[str]],
    leaders: Mapping[str, Collection[str]],
) -> dict[str, set[str]]:
    """Each article's two countries: those its commitments speak for (`said`), or
    where they say fewer than two, those of its `leaders` and those its commitments
    name too (in its folded `texts`), the two most often."""
    for article, found in said.items():
        if len(found) < 2:
            for country in sorted(leaders.get(article, ())):  # a set: one order every run
                found[country] += 1
            for match in _COUNTRY.finditer("\n".join(texts[article])):
                country = _COUNTRY_OF[match.group()]
                if country:
                    found[country] += 1
    return {
        article: set(sorted(found, key=lambda c: -found[c])[:2]) for article, found in said.items()
    }


def _idf(objects: Sequence[dict[str, tuple[str, set[str]]]]) -> dict[str, float]:
    """Each term's weight: BM25's idf over every object of the corpus."""
    counts: dict[str, int] = defaultdict(int)
    total = 0
    for found in objects:
        for _, terms in found.values():
            total += 1
            for term in terms:
                counts[term] += 1
    return {t: math.log(1 + (total - n + 0.5) / (n + 0.5)) for t, n in counts.items()}


def _frozen(thread: _Open) -> Thread:
    first, _, _ = thread.entries[0]
    digest = hashlib.blake2b(
        f"{first.article_id}\0{first.position}\0{thread.topic}".encode("utf-8", "surrogatepass"),
        digest_size=5,
    ).hexdigest()
    entries = tuple(
        ThreadEntry(item.key, item.article_id, item.date, item.position, item.start,
                    item.end, item.kind, stage, at > 0)
        for at, (item, stage, _) in enumerate(thread.entries)
    )  # fmt: skip
    return Thread(digest, thread.topic, _object(thread), tuple(sorted(thread.sides)), entries)


def _object(thread: _Open) -> str:
    """The clause of the entry (of the first `LAST`; a dated one when there is one)
    whose terms weigh most in the thread, the shorter the better."""
    if len(thread.entries) == 1:
        return thread.entries[0][2]
    best, best_score = "", -1.0
    weights = thread.weights
    firsts = list(zip(thread.entries[:LAST], thread.objects, strict=False))
    dated = [pair for pair in firsts if pair[0][0].date is not None]
    for (_, _, clause), vector in dated or firsts:
        score = sum(weights[t] for t in vector) / (1 + len(clause) / 80)
        if score > best_score:
            best, best_score = clause, score
    return best
