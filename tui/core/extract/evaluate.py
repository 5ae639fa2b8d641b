"""Measuring extraction against a hand annotation (the gold files under tests/data).

A gold file maps article ids to `leaders` (canonical name -> the spellings that name
them there) and `commitments` (the start of each commitment sentence, its kind and
its actors). The test suite and `make bench` both report these figures.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from tui.core.corpus import Article, Corpus
from tui.core.extract import Commitment, Extraction
from tui.core.text import Passage

__all__ = ["Score", "gold_mentions", "score"]


@dataclass(frozen=True, slots=True)
class Score:
    """Counts and rates for leader mentions and commitment sentences."""

    mentions_found: int
    mentions_gold: int
    mentions_right: int
    commitments_found: int
    commitments_gold: int
    commitments_right: int
    kinds_right: int
    actors_right: int
    misses: tuple[str, ...]
    """One line per disagreement, to read when a figure drops."""

    @staticmethod
    def _ratio(part: int, whole: int) -> float:
        return part / whole if whole else 1.0

    @property
    def mention_precision(self) -> float:
        return self._ratio(self.mentions_right, self.mentions_found)

    @property
    def mention_recall(self) -> float:
        return self._ratio(self.mentions_right, self.mentions_gold)

    @property
    def commitment_precision(self) -> float:
        return self._ratio(self.commitments_right, self.commitments_found)

    @property
    def commitment_recall(self) -> float:
        return self._ratio(self.commitments_right, self.commitments_gold)

    @property
    def commitment_f1(self) -> float:
        p, r = self.commitment_precision, self.commitment_recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def kind_accuracy(self) -> float:
        """Right kind, among the commitments found that are in the gold."""
        return self._ratio(self.kinds_right, self.commitments_right)

    @property
    def actor_accuracy(self) -> float:
        """Right actors, among the commitments found that are in the gold."""
        return self._ratio(self.actors_right, self.commitments_right)

    def __add__(self, other: Score) -> Score:
        def both(name: str) -> int:
            return int(getattr(self, name)) + int(getattr(other, name))

        counts = {f.name: both(f.name) for f in fields(self) if f.name != "misses"}
        return Score(**counts, misses=self.misses + other.misses)

    def report(self) -> str:
        """The figures, one line each."""
        return "\n".join(
            [
                f"leader mentions   precision {self.mention_precision:.3f}  "
                f"recall {self.mention_recall:.3f}  ({self.mentions_right} right of "
                f"{self.mentions_found} found, {self.mentions_gold} in gold)",
                f"commitments       precision {self.commitment_precision:.3f}  "
                f"recall {self.commitment_recall:.3f}  F1 {self.commitment_f1:.3f}  "
                f"({self.commitments_right} right of {self.commitments_found} found, "
                f"{self.commitments_gold} in gold)",
                f"kinds right       {self.kind_accuracy:.3f}",
                f"actors right      {self.actor_accuracy:.3f}",
            ]
        )


def gold_mentions(text: str, spellings: Mapping[str, list[str]]) -> set[tuple[str, int, int]]:
    """`(name, start, end)` for every whole-word occurrence of each spelling, longest
    spellings first so `Lâm` inside `Tô Lâm` is not counted twice."""
    ordered = sorted(
        ((spelling, name) for name, forms in spellings.items() for spelling in forms),
        key=lambda pair: -len(pair[0]),
    )
    taken: list[tuple[int, int]] = []
    found: set[tuple[str, int, int]] = set()
    for spelling, name in ordered:
        for match in re.finditer(rf"(?<!\w){re.escape(spelling)}(?!\w)", text):
            start, end = match.span()
            if not any(a < end and start < b for a, b in taken):
                taken.append((start, end))
                found.add((name, start, end))
    return found


def _score_article(article: Article, extraction: Extraction, truth: Mapping[str, Any]) -> Score:
    expected = gold_mentions(article.text, truth.get("leaders", {}))
    got = {(leader.name, m.start, m.end) for leader in extraction.leaders for m in leader.mentions}
    misses = [f"{article.id}: extra mention {m}" for m in sorted(got - expected)]
    misses += [f"{article.id}: missed mention {m}" for m in sorted(expected - got)]
    wanted: dict[int, Mapping[str, Any]] = {}
    for item in truth.get("commitments", []):
        passages: tuple[Passage | Commitment, ...] = (*article.sentences, *extraction.commitments)
        start = next((p.start for p in passages if p.text.startswith(item["sentence"])), None)
        if start is None:
            raise KeyError(f"{article.id}: no sentence starts {item['sentence']!r}")
        wanted[start] = item
    right = kinds = actors = 0
    for commitment in extraction.commitments:
        item = wanted.pop(commitment.start, None)
        if item is None:
            misses.append(f"{article.id}: extra commitment {commitment.text[:60]!r}")
            continue
        right += 1
        kinds += commitment.kind == item["kind"]
        actors += list(commitment.actors) == item["actors"]
        if (commitment.kind, list(commitment.actors)) != (item["kind"], item["actors"]):
            misses.append(
                f"{article.id}: {commitment.kind} {list(commitment.actors)} where gold has "
                f"{item['kind']} {item['actors']}: {commitment.text[:50]!r}"
            )
    misses += [f"{article.id}: missed commitment {i['sentence']!r}" for i in wanted.values()]
    return Score(
        len(got), len(expected), len(got & expected),
        len(extraction.commitments), right + len(wanted), right, kinds, actors, tuple(misses),
    )  # fmt: skip


def score(corpus: Corpus, extractions: Mapping[str, Extraction], gold: Mapping[str, Any]) -> Score:
    """Compare `extractions` of `corpus` with `gold` (see the module docstring)."""
    total = Score(0, 0, 0, 0, 0, 0, 0, 0, ())
    for article_id, truth in gold.items():
        article = corpus.get(article_id)
        if article is None:
            raise KeyError(f"gold names an article the corpus does not have: {article_id}")
        total = total + _score_article(article, extractions[article.id], truth)
    return total
