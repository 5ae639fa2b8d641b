"""Sentence alignment of two readouts: which pieces say the same thing.

    aligner = Aligner(frequencies, words=Words.default())
    alignment = aligner.align(first_pieces, second_pieces)

Each piece (a sentence, or a clause of a long or enumerated one) becomes a set of
terms: words folded as search folds them, the search's synonyms (countries,
`config.yaml`'s groups) and our paraphrase groups (`tui/data/paraphrases.yaml`) each
one term, other words lightly stemmed, function words left out. A term weighs its
rarity in the corpus (BM25's inverse document frequency over the corpus's sentences),
so shared boilerplate ("the two sides should") counts for little and a shared
"railway" or "durian" for much. Two pieces' similarity is the cosine of their
weighted terms; a one-to-one assignment (`tui.core.hungarian`) maximises the sum of
similarities, and a pair counts when its similarity reaches `threshold`. The names
of people and countries (`names`: terms) weigh `NAME_WEIGHT` of their rarity, and two
pieces that share fewer than `MIN_SHARED` terms besides names are not alike at all:
every sentence of two readouts of one call names the same two leaders and countries,
so "Chính invited Li to visit" is no match for "Chinh said Vietnam firmly supports
the one-China principle". A long
sentence is split into its clauses when that aligns better, and a piece left alone
joins a pair whose other side it adds to ("sentence(s)").
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from tui.core.hungarian import assignment
from tui.core.terms import TermMaker
from tui.core.text import Passage

__all__ = [
    "ATTACH",
    "NAME_WEIGHT",
    "THRESHOLD",
    "Aligned",
    "Aligner",
    "Alignment",
    "Frequencies",
    "SentenceFrequencies",
    "clauses",
]

THRESHOLD = 0.15
"""The least similarity of a pair (tuned on the dev pairs of tests/data/compare)."""

NAME_WEIGHT = 0.5
"""How much of its rarity a name of a person or a country weighs (tuned on dev)."""

ATTACH = 0.2
"""The least similarity for a piece left alone to join a pair."""

MIN_SHARED = 1
"""How many terms besides names two pieces must share to pair. Two would drop the
weak pairs on one common word ("pleasure") and costs nothing on the dev pairs, but
drops right pairs on one rare word too ("... open its market to Vietnamese durian"
with "... import more Vietnamese durian"): the word's rarity decides, not a count."""

SPLIT_WORDS = 22
"""A sentence of this many words or more is tried as clauses too."""

MIN_CLAUSE_WORDS = 4

MIN_PAIRED_CLAUSES = 1
"""A sentence stays cut into clauses only when this many of them pair. Two would
keep a sentence whole rather than shed a fragment ("Welcoming Lam, his spouse,") or
pair a short clause on one word ("and he has gladly accepted with pleasure."), and
costs nothing on the dev pairs, but on the seeds it also loses a right clause pair
(sharing socialist experience): kept at 1, measured."""

SPLIT_CELLS = 80 * 80
"""Sentences are cut into clauses only while the two readouts make at most this many
sentence pairs: each cut tried scores the whole alignment again, so two joint
statements of 250 sentences took 36 s; readouts of calls and talks are far below it."""


class Frequencies(Protocol):
    """How often words occur in the corpus's sentences (folded words)."""

    @property
    def total(self) -> int:
        """How many sentences the corpus holds."""
        ...

    def counts(self, words: Iterable[str]) -> Mapping[str, int]:
        """How many sentences hold each of `words` (those missing: none)."""
        ...


@dataclass(frozen=True, slots=True)
class SentenceFrequencies:
    """`Frequencies` counted from sentences at hand (tests, a small corpus)."""

    total: int
    table: Mapping[str, int]

    @classmethod
    def of(cls, sentences: Iterable[str]) -> SentenceFrequencies:
        from tui.core.query import search_fold

        table: dict[str, int] = {}
        total = 0
        for sentence in sentences:
            total += 1
            for word in set(search_fold(sentence).split()):
                table[word] = table.get(word, 0) + 1
        return cls(total, table)

    def counts(self, words: Iterable[str]) -> Mapping[str, int]:
        return {word: self.table.get(word, 0) for word in words}


@dataclass(frozen=True, slots=True)
class Aligned:
    """One pair: pieces of the first (indexes), of the second, their similarity."""

    first: tuple[int, ...]
    second: tuple[int, ...]
    similarity: float


@dataclass(frozen=True, slots=True)
class Alignment:
    """The pieces each side was cut into, the pairs, and the pieces left alone."""

    first: tuple[Passage, ...]
    second: tuple[Passage, ...]
    pairs: tuple[Aligned, ...]
    only_first: tuple[int, ...]
    only_second: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class _Group:
    """A pair being made: pieces of each side (a lone piece may join), similarity."""

    members: tuple[list[int], list[int]]
    similarity: float


@dataclass(slots=True)
class _Side:
    pieces: list[Passage]
    terms: list[dict[str, set[str]]] = field(default_factory=list)  # term -> surface words


class Aligner:
    """Aligns the pieces of two readouts (see the module's docstring)."""

    def __init__(
        self,
        frequencies: Frequencies,
        terms: TermMaker,
        *,
        threshold: float = THRESHOLD,
        attach: float = ATTACH,
        names: Iterable[str] = (),
        name_weight: float = NAME_WEIGHT,
    ) -> None:
        self.frequencies = frequencies
        self.terms = terms
        self.names = frozenset(names)
        """The terms that are names of people and countries (`TermMaker.name_terms`)."""
        self.name_weight = name_weight
        self.threshold = threshold
        self.attach = attach

    def named(self, names: Iterable[str]) -> Aligner:
        """This aligner with `names` (terms) as the names of people and countries."""
        return Aligner(
            self.frequencies,
            self.terms,
            threshold=self.threshold,
            attach=self.attach,
            names=names,
            name_weight=self.name_weight,
        )

    def align(self, first: Sequence[Passage], second: Sequence[Passage]) -> Alignment:
        """Pairs of `first`'s and `second`'s sentences (or clauses), one to one."""
        sides = [_Side(list(first)), _Side(list(second))]
        for side in sides:
            side.terms = [self.terms.terms(piece.text) for piece in side.pieces]
        weights = self._weights(sides)
        for index in range(2):
            if len(sides[0].pieces) * len(sides[1].pieces) <= SPLIT_CELLS:
                self._split_where_better(sides, index, weights)
        matrix = _similarities(sides, weights, self.names)
        pairs = self._assign(matrix)
        return self._result(sides, matrix, pairs, weights)

    def _weights(self, sides: list[_Side]) -> dict[str, float]:
        """Each term's weight: BM25's idf of how often it occurs in the corpus, the
        sum of its surface words' counts (every member of a paraphrase group; a
        phrase counts as its rarest word)."""
        surfaces: dict[str, set[str]] = {}
        for side in sides:
            for terms in side.terms:
                for term, words in terms.items():
                    surfaces.setdefault(term, set()).update(words)
        for term, found in surfaces.items():
            found.update(self.terms.members.get(term, ()))
        words = {w for found in surfaces.values() for surface in found for w in surface.split()}
        counts = self.frequencies.counts(sorted(words))
        total = max(self.frequencies.total, 1)

        def count(surface: str) -> int:
            return min((counts.get(word, 0) for word in surface.split()), default=0)

        return {
            term: _idf(min(total, sum(count(surface) for surface in found)), total)
            * (self.name_weight if term in self.names else 1.0)
            for term, found in surfaces.items()
        }

    def _assign(self, matrix: np.ndarray) -> list[tuple[int, int]]:
        return [(i, j) for i, j in assignment(matrix) if matrix[i, j] >= self.threshold]

    def _score(
        self, sides: list[_Side], weights: Mapping[str, float]
    ) -> tuple[float, list[tuple[int, int]]]:
        """The alignment's worth (each pair's similarity above the threshold), and
        its pairs."""
        matrix = _similarities(sides, weights, self.names)
        pairs = self._assign(matrix)
        return sum(float(matrix[i, j]) - self.threshold for i, j in pairs), pairs

    def _split_where_better(
        self, sides: list[_Side], index: int, weights: dict[str, float]
    ) -> None:
        """Cut each long or enumerated sentence of side `index` into its clauses
        when the alignment as a whole is better for it and `MIN_PAIRED_CLAUSES` of
        them pair."""
        side = sides[index]
        at = 0
        while at < len(side.pieces):
            parts = clauses(side.pieces[at])
            if len(parts) < 2:
                at += 1
                continue
            before, _ = self._score(sides, weights)
            old_pieces, old_terms = list(side.pieces), list(side.terms)
            side.pieces[at : at + 1] = parts
            side.terms[at : at + 1] = [self.terms.terms(p.text) for p in parts]
            for terms in side.terms[at : at + len(parts)]:
                for term in terms:
                    weights.setdefault(term, 0.0)
            after, pairs = self._score(sides, weights)
            paired = {pair[index] for pair in pairs} & set(range(at, at + len(parts)))
            if after > before + 1e-9 and len(paired) >= MIN_PAIRED_CLAUSES:
                at += len(parts)
            else:
                side.pieces, side.terms = old_pieces, old_terms
                at += 1

    def _result(
        self,
        sides: list[_Side],
        matrix: np.ndarray,
        pairs: list[tuple[int, int]],
        weights: Mapping[str, float],
    ) -> Alignment:
        groups = [_Group(([i], [j]), float(matrix[i, j])) for i, j in sorted(pairs)]
        paired = [{i for i, _ in pairs}, {j for _, j in pairs}]
        for index in range(2):
            self._attach_alone(sides, index, matrix, groups, paired, weights)
        first, second = sides
        return Alignment(
            tuple(first.pieces),
            tuple(second.pieces),
            tuple(
                Aligned(
                    tuple(sorted(g.members[0])), tuple(sorted(g.members[1])), round(g.similarity, 3)
                )
                for g in groups
            ),
            tuple(i for i in range(len(first.pieces)) if i not in paired[0]),
            tuple(j for j in range(len(second.pieces)) if j not in paired[1]),
        )

    def _attach_alone(
        self,
        sides: list[_Side],
        index: int,
        matrix: np.ndarray,
        groups: list[_Group],
        paired: list[set[int]],
        weights: Mapping[str, float],
    ) -> None:
        """A piece of side `index` left alone joins the pair holding its most similar
        piece of the other side when the two together are more like that side."""
        scores = matrix if index == 0 else matrix.T
        other_side = sides[1 - index]
        for piece in range(scores.shape[0]):
            if piece in paired[index] or scores.shape[1] == 0:
                continue
            best = int(np.argmax(scores[piece]))
            if scores[piece, best] < self.attach:
                continue
            group = next((g for g in groups if best in g.members[1 - index]), None)
            if group is None:
                continue
            mine, theirs = group.members[index], group.members[1 - index]
            joined = _union([sides[index].terms[i] for i in [*mine, piece]])
            other = _union([other_side.terms[j] for j in theirs])
            before = _union([sides[index].terms[i] for i in mine])
            if (
                _cosine(joined, other, weights) > _cosine(before, other, weights)
                and len((joined & other) - self.names) >= MIN_SHARED
            ):
                mine.append(piece)
                paired[index].add(piece)


def _idf(count: int, total: int) -> float:
    return math.log(1 + (total - count + 0.5) / (count + 0.5))


def _union(terms: list[dict[str, set[str]]]) -> set[str]:
    return {term for found in terms for term in found}


def _cosine(a: Iterable[str], b: Iterable[str], weights: Mapping[str, float]) -> float:
    a, b = set(a), set(b)
    norm = math.sqrt(sum(weights[t] ** 2 for t in a) * sum(weights[t] ** 2 for t in b))
    return sum(weights[t] ** 2 for t in a & b) / norm if norm else 0.0


def _similarities(
    sides: list[_Side], weights: Mapping[str, float], names: frozenset[str]
) -> np.ndarray:
    """Each pair's `_cosine`, as one product of weighted term matrices; 0 for two
    pieces that share fewer than `MIN_SHARED` terms besides `names`."""
    index: dict[str, int] = {}
    rows = [
        [[index.setdefault(term, len(index)) for term in terms] for terms in side.terms]
        for side in sides
    ]
    scaled = np.array([weights[term] for term in index], dtype=float)
    first, second = (_unit_rows(side, scaled) for side in rows)
    content = np.array([term not in names for term in index], dtype=float)
    shared = _incidence(rows[0], content) @ _incidence(rows[1], content).T
    return np.asarray(np.where(shared >= MIN_SHARED, first @ second.T, 0.0))


def _incidence(rows: list[list[int]], content: np.ndarray) -> np.ndarray:
    """One row a piece: 1 for each of its terms that is not a name."""
    matrix = np.zeros((len(rows), len(content)))
    for at, columns in enumerate(rows):
        matrix[at, columns] = content[columns]
    return matrix


def _unit_rows(rows: list[list[int]], scaled: np.ndarray) -> np.ndarray:
    """One row a piece: its terms' weights, scaled to length 1."""
    matrix = np.zeros((len(rows), len(scaled)))
    for at, columns in enumerate(rows):
        matrix[at, columns] = scaled[columns]
    norms = np.linalg.norm(matrix, axis=1)
    return np.asarray(matrix / np.where(norms > 0, norms, 1.0)[:, None])


# Clauses ---------------------------------------------------------------------------------

_CUTS = re.compile(
    r";\s*|:\s+(?=first\b)|,\s+(?=(?:first|second|third|fourth|fifth|finally|"
    r"and|while|as well as|besides)\b)",
    re.IGNORECASE,
)
"""Where clauses meet: the mark ends the clause before it, the words after the
spaces (`and third, ...`) begin the next."""


def clauses(sentence: Passage) -> list[Passage]:
    """A long or enumerated sentence's clauses (cut at semicolons, ordinals and
    `, and`), each of `MIN_CLAUSE_WORDS` words or more; `[sentence]` otherwise.
    Together they hold every character of the sentence but the spaces at the cuts."""
    text = sentence.text
    enumerated = bool(re.search(r"\bfirst(?:ly)?\b.*\bsecond(?:ly)?\b", text, re.IGNORECASE))
    if len(text.split()) < SPLIT_WORDS and not enumerated and ";" not in text:
        return [sentence]
    bounds, begin = [], 0
    for cut in _CUTS.finditer(text):
        if len(text[begin : cut.start()].split()) >= MIN_CLAUSE_WORDS:
            bounds.append((begin, cut.start() + 1))  # the mark ends its clause
            begin = cut.end()
    if len(text[begin:].split()) < MIN_CLAUSE_WORDS and bounds:
        begin = bounds.pop()[0]
    bounds.append((begin, len(text)))
    if len(bounds) < 2:
        return [sentence]
    start = sentence.start
    return [Passage(text[a:b], start + a, start + b) for a, b in bounds]
