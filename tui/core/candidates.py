"""The search both indexes share: the in-memory `SearchIndex` and the store's
`StoreIndex` differ only in where postings and sentences come from.

A search index numbers its sentences densely ("slots") and knows, for each slot, its
article's place in list order (newest first). Finding runs in two stages:

1. Cheap scores from the postings: for each query word, the best of its exact, prefix
   (the word being typed) and fuzzy (`rapidfuzz`) spellings in the vocabulary, plus a
   bonus for query words that stand side by side; synonyms as their groups. The best
   `CANDIDATES` slots go on (ties: the newer article, then reading order).
2. `passage_score` ranks them; ties go to the newer article, then reading order.

Operators (dates, `'exact`, `!excluded`, `leader:`) are masks over slots; a slot whose
article is gone (a deleted article still in a segment) is never allowed.
"""

from __future__ import annotations

import datetime as dt
import threading
from abc import ABC, abstractmethod
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import cached_property
from itertools import pairwise
from typing import ClassVar

import numpy as np
from rapidfuzz import fuzz, process

from tui.core.query import Query, parse_query
from tui.core.ranking import fuzzy_cutoff, match_spans, passage_score
from tui.core.synonyms import Synonyms

__all__ = [
    "CANDIDATES",
    "Postings",
    "SearchHit",
    "Sentence",
    "grouped",
    "pair_run",
    "posting_arrays",
]

CANDIDATES = 400
"""How many sentences the index hands to the full scorer."""

SPELLINGS_KEPT = 1024
"""How many query words' spellings an index keeps (`Postings._spelled`)."""

Leaders = Mapping[str, Iterable[str]]
"""Article id -> the names of the leaders it names (for `leader:`)."""


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One passage that matched, with offsets into its article's normalised text."""

    article_id: str
    date: dt.date | None
    score: float
    text: str
    start: int
    end: int
    matches: tuple[tuple[int, int], ...]

    def as_dict(self) -> dict[str, object]:
        """The JSON shape `readout search --json` prints."""
        return {
            "id": self.article_id,
            "date": self.date.isoformat() if self.date else None,
            "score": round(self.score, 2),
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "matches": [list(span) for span in self.matches],
        }


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence as ranking and hits need it."""

    article_id: str
    date: dt.date | None
    text: str
    """As written: `article.text[start:end]`."""
    folded: str
    """`search_fold(text)`."""
    start: int
    end: int


def posting_arrays(
    words: np.ndarray, slots: np.ndarray, vocabulary: int, pair_base: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """`(postings, bounds, pair keys, pair bounds, pair slots)` from the word ids of
    sentences in reading order (`-1` between sentences) and each word's slot: postings
    sorted by word (word `w`'s are `postings[bounds[w]:bounds[w + 1]]`); pairs of
    neighbours keyed `first * pair_base + second`, each key once (sorted), its slots
    `pair_slots[pair_bounds[k]:pair_bounds[k + 1]]` for the key at `k`."""
    real = words >= 0
    # Word and slot in one key: sorting it is a stable sort by word, and quicker.
    packed = np.sort(words[real].astype(np.int64) << 32 | slots[real].astype(np.int64))
    postings = (packed & 0xFFFFFFFF).astype(slots.dtype)
    bounds = np.searchsorted(packed >> 32, np.arange(vocabulary + 1))
    pairs = real[:-1] & real[1:]
    keys = words[:-1][pairs] * pair_base + words[1:][pairs]
    pair_order = np.argsort(keys, kind="stable")
    pair_keys, pair_bounds = grouped(keys[pair_order])
    return postings, bounds, pair_keys, pair_bounds, slots[:-1][pairs][pair_order]


def grouped(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted `keys` as each key once and where its run starts (and the last ends)."""
    starts = np.flatnonzero(np.diff(keys, prepend=keys[:1] - 1)) if len(keys) else keys[:0]
    return keys[starts], np.append(starts, len(keys)).astype(np.int64)


def pair_run(keys: np.ndarray, bounds: np.ndarray, key: int) -> tuple[int, int]:
    """Where the slots of the pair `key` are (an empty run when it is not there)."""
    at = int(np.searchsorted(keys, key))
    if at < len(keys) and keys[at] == key:
        return int(bounds[at]), int(bounds[at + 1])
    return 0, 0


class Postings(ABC):
    """Search over slots. A subclass sets the arrays below and reads postings and
    sentences; this class scores, filters, ranks and makes hits."""

    PAIR_BONUS: ClassVar[float] = 0.5

    synonyms: Synonyms
    _count: int
    """How many slots."""
    _article_of: np.ndarray
    """Each slot's article, as its place in list order."""
    _article_live: np.ndarray
    """Per article: still there (a slot of a deleted article points at a dead one)."""
    _article_days: np.ndarray
    """Per article: its date's ordinal, -1 when undated."""
    _article_total: int
    """How many articles (at least 1): what `_recency` scales by."""

    def __init__(self) -> None:
        self._scratch_lock = threading.Lock()
        self._scratch_arrays: tuple[np.ndarray, np.ndarray] | None = None

    @property
    @abstractmethod
    def _word_id(self) -> Mapping[str, int]: ...

    @property
    @abstractmethod
    def _sorted_vocabulary(self) -> Sequence[str]:
        """Every word that has postings, sorted: typos and prefixes are looked up in it."""

    @abstractmethod
    def _postings_of(self, word_id: int) -> np.ndarray: ...

    @abstractmethod
    def _pair_postings_of(self, first: int, second: int) -> np.ndarray: ...

    @abstractmethod
    def _sentences(self, slots: list[int]) -> Iterator[tuple[int, Sentence]]:
        """The sentences of `slots` (those still there), in any order."""

    @abstractmethod
    def _order(self, slots: np.ndarray) -> np.ndarray:
        """Sort keys of `slots` in list order: newer article first, then reading order."""

    @abstractmethod
    def _articles_naming(self, wanted: str, leaders: Leaders | None) -> np.ndarray:
        """Per article: whether it names the leader `wanted` (folded)."""

    def _recency(self, slots: np.ndarray) -> np.ndarray:
        """A tiny bonus for newer articles, to break ties their way."""
        total = self._article_total
        return np.asarray((total - self._article_of[slots]) / total * 1e-3)

    @cached_property
    def _live_slots(self) -> np.ndarray:
        """Per slot: its article is still there."""
        live: np.ndarray = self._article_live[self._article_of]
        return live

    # Searching -------------------------------------------------------------------------

    def _search(self, query: str | Query, limit: int, leaders: Leaders | None) -> list[SearchHit]:
        parsed = self._as_tokens(parse_query(query) if isinstance(query, str) else query)
        if parsed.is_empty:
            return []
        allowed = self._allowed(parsed, leaders)
        if not parsed.words:
            return self._ranked(parsed, self._first(np.flatnonzero(allowed), limit * 4), limit)
        slots, cheap = self._cheap_scores(parsed)
        kept = allowed[slots]
        chosen = slots[kept]
        if len(chosen) > CANDIDATES:
            chosen = self._best(chosen, cheap[kept] + self._recency(chosen), CANDIDATES)
        return self._ranked(parsed, chosen, limit)

    def _first(self, slots: np.ndarray, count: int) -> np.ndarray:
        """The first `count` of `slots` in list order."""
        if len(slots) <= count:
            return slots
        order = self._order(slots)
        return slots[np.argpartition(order, count - 1)[:count]]

    def _best(self, slots: np.ndarray, keys: np.ndarray, count: int) -> np.ndarray:
        """The `count` slots of highest `keys`; equal keys at the cut go in list order."""
        cut = keys[np.argpartition(-keys, count - 1)[count - 1]]
        above = slots[keys > cut]
        tied = slots[keys == cut]
        tied = tied[np.argsort(self._order(tied), kind="stable")[: count - len(above)]]
        return np.concatenate([above, tied])

    def _as_tokens(self, query: Query) -> Query:
        """`query` with every synonym replaced by its group's token."""
        words = self.synonyms.words
        return replace(
            query,
            terms=tuple(words(" ".join(query.terms))),
            exact=tuple(words(" ".join(query.exact))),
            phrases=tuple(" ".join(words(phrase)) for phrase in query.phrases),
            excluded=tuple(words(" ".join(query.excluded))),
        )

    def _word_postings(self, word: str) -> np.ndarray:
        word_id = self._word_id.get(word)
        return np.zeros(0, dtype=np.int32) if word_id is None else self._postings_of(word_id)

    def _pair_postings(self, first: str, second: str) -> np.ndarray:
        return self._pair_postings_of(self._word_id[first], self._word_id[second])

    def _group_postings(self, token: str) -> np.ndarray:
        """The slots that may hold a member of the synonym group `token`: those with a
        one-word member, or with every pair of a phrase member's words."""
        found = [np.zeros(0, dtype=np.int32)]
        for member in self.synonyms.groups[token]:
            if any(word not in self._word_id for word in member):
                continue
            if len(member) == 1:
                found.append(self._word_postings(member[0]))
                continue
            found.append(_intersection([self._pair_postings(a, b) for a, b in pairwise(member)]))
        return np.concatenate(found)

    @cached_property
    def _spelled(self) -> dict[tuple[str, bool], list[tuple[str, float]]]:
        """`_spellings` found already: a search typed letter by letter looks up its
        first words again with every letter (a fuzzy look-up costs 15 ms)."""
        return {}

    def _spellings(self, word: str, *, typing: bool) -> list[tuple[str, float]]:
        """Vocabulary words that may be `word`, with how much each counts (weakest
        first): fuzzy matches, words it begins (while typing), the word itself."""
        known = self._spelled.get((word, typing))
        if known is None:
            known = self._spell(word, typing=typing)
            if len(self._spelled) >= SPELLINGS_KEPT:
                self._spelled.clear()
            self._spelled[word, typing] = known
        return known

    def _spell(self, word: str, *, typing: bool) -> list[tuple[str, float]]:
        found: dict[str, float] = {}
        vocabulary = self._sorted_vocabulary
        cutoff = fuzzy_cutoff(word)
        if cutoff is not None:
            for match, similarity, _ in process.extract(
                word, vocabulary, scorer=fuzz.ratio, score_cutoff=cutoff, limit=8
            ):
                found[match] = 0.8 * similarity / 100
        if typing and len(word) >= 2:
            start = bisect_left(vocabulary, word)
            for candidate in vocabulary[start : start + 50]:
                if not candidate.startswith(word):
                    break
                found[candidate] = max(found.get(candidate, 0.0), 0.9)
        if word in self._word_id:
            found[word] = 1.0
        return sorted(found.items(), key=lambda item: item[1])

    def _cheap_scores(self, query: Query) -> tuple[np.ndarray, np.ndarray]:
        """The slots with a cheap score (sorted) and their scores: for each query word
        the weight of its strongest spelling there, summed, plus `PAIR_BONUS` for each
        pair of query words side by side. Computed over those slots only, not over
        every slot (a few thousand, not millions)."""
        words = query.words
        marks = [
            self._marks(word, typing=index == len(words) - 1) for index, word in enumerate(words)
        ]
        with self._scratch() as (present, where):
            for postings, _ in (mark for word_marks in marks for mark in word_marks):
                present[postings] = True
            slots = np.flatnonzero(present)
            present[slots] = False  # as it was, for the next search
            where[slots] = np.arange(len(slots))  # slot -> its place in `slots`
            total = np.zeros(len(slots), dtype=np.float64)
            for index, word_marks in enumerate(marks):
                best = total if index == 0 else np.zeros(len(slots), dtype=np.float64)
                for postings, weight in word_marks:  # weakest first: the strongest stays
                    best[where[postings]] = weight
                if index:
                    total += best
            for first, second in pairwise(words):
                if first in self._word_id and second in self._word_id:
                    total[where[self._pair_postings(first, second)]] += self.PAIR_BONUS
        scored = total > 0
        return slots[scored], total[scored]

    @contextmanager
    def _scratch(self) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """Two arrays of a value per slot for `_cheap_scores`: `present` (all False) and
        `where` (any values). Made once and written through by `prepare_scratch`: made
        anew for every search, their pages (12 MB at 100,000 articles) were faulted in
        by the search, which made the first search of an app twice as slow. A second
        thread searching at once gets arrays of its own."""
        if not self._scratch_lock.acquire(blocking=False):
            yield np.zeros(self._count, dtype=bool), np.empty(self._count, dtype=np.int32)
            return
        try:
            if self._scratch_arrays is None:
                self._scratch_arrays = (
                    np.zeros(self._count, dtype=bool),
                    np.zeros(self._count, dtype=np.int32),
                )
            yield self._scratch_arrays
        finally:
            self._scratch_lock.release()

    def prepare_scratch(self) -> None:
        """Make the arrays of `_scratch` and write every page of them now."""
        with self._scratch() as (present, where):
            present.fill(False)
            where.fill(0)

    def _marks(self, word: str, *, typing: bool) -> list[tuple[np.ndarray, float]]:
        """The slots where a spelling of `word` is, with its weight, weakest first (a
        synonym's group with the synonym's weight; the group of `word` itself last)."""
        marks: list[tuple[np.ndarray, float]] = []
        for spelling, weight in self._spellings(word, typing=typing):
            marks.append((self._word_postings(spelling), weight))
            # A typo of a synonym (`humanistc`) finds its whole group.
            if (group := self.synonyms.members.get((spelling,))) is not None:
                marks.append((self._group_postings(group), weight))
        if word in self.synonyms.groups:
            marks.append((self._group_postings(word), 1.0))
        return marks

    def _allowed(self, query: Query, leaders: Leaders | None) -> np.ndarray:
        """Which slots the operators (and the live articles) let through."""
        keep = self._article_live.copy()
        if query.date_from or query.date_to:
            keep &= self._article_days >= 0  # undated articles have no place in a range
        if query.date_from:
            keep &= self._article_days >= query.date_from.toordinal()
        if query.date_to:
            keep &= self._article_days <= query.date_to.toordinal()
        if query.leader:
            keep &= self._articles_naming(query.leader, leaders)
        filtered = query.date_from or query.date_to or query.leader
        allowed: np.ndarray = keep[self._article_of] if filtered else self._live_slots.copy()
        for word in query.excluded:
            # A synonym group is left to `passage_score`: a sentence holding the pair
            # `viet nam` may hold it apart ("Viet. Nam") and must not be dropped here.
            if word in self._word_id and word not in self.synonyms.groups:
                allowed[self._word_postings(word)] = False
        for word in query.exact:
            present = np.zeros(self._count, dtype=bool)
            if word in self.synonyms.groups:
                present[self._group_postings(word)] = True
            else:
                present[self._word_postings(word)] = True
            allowed &= present
        return allowed

    def _articles_with_words(self, wanted: str) -> np.ndarray:
        """Per article: whether every word of `wanted` occurs in it."""
        naming = np.ones(len(self._article_live), dtype=bool)
        for word in wanted.split():
            present = np.zeros(len(self._article_live), dtype=bool)
            present[self._article_of[self._word_postings(word)]] = True
            naming &= present
        return naming

    def _ranked(self, query: Query, chosen: np.ndarray, limit: int) -> list[SearchHit]:
        order = dict(zip(chosen.tolist(), self._order(chosen).tolist(), strict=True))
        scored: list[tuple[float, int, int]] = []
        kept: dict[int, Sentence] = {}
        for slot, sentence in self._sentences(chosen.tolist()):
            words = self.synonyms.words(sentence.folded, sentence.text)
            score = passage_score(query, words)
            if score is not None:
                scored.append((-score, order[slot], slot))
                kept[slot] = sentence
        # Best score first; ties go to the newer article, then reading order.
        scored.sort()
        return [self._hit(query, -score, kept[slot]) for score, _, slot in scored[:limit]]

    def _hit(self, query: Query, score: float, sentence: Sentence) -> SearchHit:
        spans = match_spans(query, self.synonyms.tokens(sentence.folded, sentence.text))
        matches = tuple((sentence.start + a, sentence.start + b) for a, b in spans)
        return SearchHit(
            sentence.article_id,
            sentence.date,
            score,
            sentence.text,
            sentence.start,
            sentence.end,
            matches,
        )


def _intersection(arrays: list[np.ndarray]) -> np.ndarray:
    """The slots in every one of `arrays`, sorted, each once (`np.intersect1d`
    without its sorts: postings come sorted, a binary search per slot suffices)."""
    result = _distinct(_sorted(arrays[0]))
    for other in map(_sorted, arrays[1:]):
        if not len(result) or not len(other):
            return result[:0]
        at = np.minimum(np.searchsorted(other, result), len(other) - 1)
        result = result[other[at] == result]
    return result


def _sorted(slots: np.ndarray) -> np.ndarray:
    """`slots` sorted: as they are when they are (postings always are)."""
    return slots if not len(slots) or bool(np.all(slots[1:] >= slots[:-1])) else np.sort(slots)


def _distinct(slots: np.ndarray) -> np.ndarray:
    """Sorted `slots`, each once."""
    if len(slots) < 2:
        return slots
    return slots[np.concatenate(([True], slots[1:] != slots[:-1]))]
