"""Measure the alignment of `readout compare` on the pairs of tests/data/compare.

    python -m bench.compare_pairs [--split dev|test|all] [--threshold T] [--show]

Each pair's sentences are aligned as `Library.compare` aligns them (word rarity
counted over the seeds' and the pairs' sentences; the names of the leaders that
extraction finds in each side, and every country, weighed down as names); a
predicted pair of clauses counts as the pairs of their sentences. Prints precision
and recall of sentence pairs against the gold.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from tui.core.align import (
    ATTACH,
    THRESHOLD,
    Aligned,
    Aligner,
    Alignment,
    SentenceFrequencies,
)
from tui.core.compare import leader_names
from tui.core.corpus import load_corpus, parse_article
from tui.core.extract import Extraction
from tui.core.terms import TermMaker
from tui.core.text import Passage

PAIRS = Path(__file__).resolve().parent.parent / "tests" / "data" / "compare"
SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SYNONYMS = (
    ("Xizang", "Tibet"),
    ("East Sea", "South China Sea"),
    ("humanistic", "people-to-people"),
)


@dataclass(frozen=True)
class Pair:
    name: str
    split: str
    first: tuple[Passage, ...]
    second: tuple[Passage, ...]
    gold: frozenset[tuple[int, int]]
    names: tuple[str, ...] = ()
    """The leaders' names extraction finds in either side (`leader_names`)."""


def passages(sentences: list[str]) -> tuple[Passage, ...]:
    """The sentences as passages of one text (joined by a space)."""
    found, at = [], 0
    for sentence in sentences:
        found.append(Passage(sentence, at, at + len(sentence)))
        at += len(sentence) + 1
    return tuple(found)


def load_pairs(folder: Path = PAIRS) -> list[Pair]:
    pairs = []
    for path in sorted(folder.glob("p*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        sides = [data[side] for side in ("first", "second")]
        pairs.append(
            Pair(
                path.stem,
                data["split"],
                passages(sides[0]["sentences"]),
                passages(sides[1]["sentences"]),
                frozenset((int(i), int(j)) for i, j in data["gold"]),
                tuple(leader_names(_extraction(side) for side in sides)),
            )
        )
    return pairs


def _extraction(side: Mapping[str, Any]) -> Extraction:
    """What extraction finds in one side of a pair (its sentences as one article)."""
    from tui.core.config import defaults
    from tui.core.extract import extract

    text = " ".join(side["sentences"])
    article, _ = parse_article("pair.md", Path("pair.md"), f"date {side['date']}\n\n{text}")
    return extract(article, defaults(SEEDS).lexicon)


def corpus_sentences(pairs: list[Pair]) -> Iterator[str]:
    for article in load_corpus(SEEDS).articles:
        yield from (s.text for s in article.sentences)
    for pair in pairs:
        yield from (p.text for p in (*pair.first, *pair.second))


def sentence_pairs(pair: Pair, alignment: Alignment) -> set[tuple[int, int]]:
    """The predicted pairs as pairs of sentence indexes."""

    def index_in(sentences: tuple[Passage, ...], piece: Passage) -> int:
        return next(i for i, s in enumerate(sentences) if s.start <= piece.start < s.end + 1)

    found = set()
    for aligned in alignment.pairs:
        for i in aligned.first:
            for j in aligned.second:
                a = index_in(pair.first, alignment.first[i])
                b = index_in(pair.second, alignment.second[j])
                found.add((a, b))
    return found


def measure(
    pairs: list[Pair], aligner: Aligner | StringAligner, show: bool = False
) -> tuple[float, float, int, int, int]:
    """(precision, recall, right, predicted, gold) over `pairs`."""
    right = predicted = gold = 0
    for pair in pairs:
        if isinstance(aligner, Aligner):
            aligner = aligner.named(aligner.terms.name_terms(pair.names))
        found = sentence_pairs(pair, aligner.align(pair.first, pair.second))
        right += len(found & pair.gold)
        predicted += len(found)
        gold += len(pair.gold)
        if show:
            missed, wrong = sorted(pair.gold - found), sorted(found - pair.gold)
            print(f"{pair.name}: missed {missed}, wrong {wrong}")
    precision = right / predicted if predicted else 1.0
    recall = right / gold if gold else 1.0
    return precision, recall, right, predicted, gold


class _Unweighted(SentenceFrequencies):
    """Every word equally rare: the terms without the corpus's weights."""

    def counts(self, words: Iterable[str]) -> Mapping[str, int]:
        return dict.fromkeys(words, 0)


class StringAligner:
    """The baseline: plain string similarity (rapidfuzz's token set ratio of the
    folded sentences), the same assignment and threshold."""

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold

    def align(self, first: Sequence[Passage], second: Sequence[Passage]) -> Alignment:
        from rapidfuzz import fuzz

        from tui.core.hungarian import assignment
        from tui.core.query import search_fold

        matrix = np.array(
            [
                [
                    fuzz.token_set_ratio(search_fold(a.text), search_fold(b.text)) / 100
                    for b in second
                ]
                for a in first
            ]
        ).reshape(len(first), len(second))
        pairs = [(i, j) for i, j in assignment(matrix) if matrix[i, j] >= self.threshold]
        return Alignment(
            tuple(first),
            tuple(second),
            tuple(Aligned((i,), (j,), float(matrix[i, j])) for i, j in pairs),
            (),
            (),
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    parser.add_argument("--threshold", type=float, default=THRESHOLD)
    parser.add_argument("--attach", type=float, default=ATTACH)
    parser.add_argument("--show", action="store_true", help="list each pair's misses")
    parser.add_argument(
        "--method", choices=("terms", "unweighted", "string"), default="terms",
        help="ours; ours with every word weighing the same; plain string similarity",
    )  # fmt: skip
    args = parser.parse_args(argv)
    pairs = load_pairs()
    frequencies = SentenceFrequencies.of(corpus_sentences(pairs))
    if args.method == "unweighted":
        frequencies = _Unweighted(frequencies.total, {})
    chosen = [p for p in pairs if args.split in ("all", p.split)]
    aligner: Aligner | StringAligner = Aligner(
        frequencies, TermMaker.default(SYNONYMS), threshold=args.threshold, attach=args.attach
    )
    if args.method == "string":
        aligner = StringAligner(args.threshold)
    precision, recall, right, predicted, gold = measure(chosen, aligner, args.show)
    print(
        f"{args.split}: {len(chosen)} pairs, precision {precision:.2f} ({right}/{predicted}),"
        f" recall {recall:.2f} ({right}/{gold})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
