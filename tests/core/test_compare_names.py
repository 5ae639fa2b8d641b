"""A pair of two readouts must rest on more than the names both name in every
sentence (`tui.core.compare.compare` weighs the leaders' and countries' names down and
pairs only pieces that share a word besides them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app.conftest import BUNDLED
from tui.core.align import SentenceFrequencies
from tui.core.compare import Comparison, compare
from tui.core.corpus import Article, parse_article
from tui.core.extract import extract
from tui.core.synonyms import synonyms

# Each pair shares the names of people and countries and nothing else.
NAMES_ONLY = [
    (
        "Chính invited Li Qiang to visit Việt Nam at a convenient time.",
        "Chinh said Vietnam firmly supports the one-China principle.",
    ),
    (
        "Xi Jinping congratulated Tô Lâm on his election as General Secretary.",
        "Tô Lâm thanked Xi Jinping for the warm hospitality during his stay.",
    ),
    (
        "Li Qiang and Phạm Minh Chính witnessed the signing of twelve documents.",
        "Li Qiang briefed Pham Minh Chinh on China's economic outlook.",
    ),
    (
        "Xi Jinping said China treasures its traditional friendship with Việt Nam.",
        "Tô Lâm said Vietnam welcomes Chinese investment in clean energy.",
    ),
]

# Each pair says the same thing with the same names (and words besides them).
PARAPHRASES = [
    (
        "Xi Jinping and Tô Lâm agreed to speed up the standard-gauge railway linking"
        " Lào Cai and Hà Nội.",
        "Xi Jinping and To Lam agreed to accelerate construction of the standard-gauge railways.",
    ),
    (
        "Chính proposed that China open its market wider to Vietnamese durian.",
        "Li Qiang said China is ready to import more Vietnamese durian.",
    ),
]


def article(name: str, sentences: list[str]) -> Article:
    text = " ".join(sentences)
    found, _ = parse_article(name, Path(name), f"date 2025-01-15\n\n{text}")
    return found


def compared(firsts: list[str], seconds: list[str]) -> Comparison:
    first, second = article("a.md", firsts), article("b.md", seconds)
    extractions = {a.id: extract(a, BUNDLED.lexicon) for a in (first, second)}
    frequencies = SentenceFrequencies.of(s.text for a in (first, second) for s in a.sentences)
    return compare(first, second, extractions, frequencies, synonyms(), BUNDLED.lexicon)


def paired_texts(comparison: Comparison) -> set[tuple[str, str]]:
    return {(pair.first.text, pair.second.text) for pair in comparison.both}


@pytest.mark.parametrize("shared", NAMES_ONLY, ids=range(len(NAMES_ONLY)))
def test_sentences_sharing_only_names_do_not_pair(shared: tuple[str, str]) -> None:
    firsts = [shared[0], *(p[0] for p in PARAPHRASES)]
    seconds = [shared[1], *(p[1] for p in PARAPHRASES)]
    comparison = compared(firsts, seconds)
    assert paired_texts(comparison) == set(PARAPHRASES)
    assert [item.text for item in comparison.only_first] == [shared[0]]
    assert [item.text for item in comparison.only_second] == [shared[1]]


def test_readouts_of_names_only_sentences_have_no_pair() -> None:
    comparison = compared([p[0] for p in NAMES_ONLY], [p[1] for p in NAMES_ONLY])
    assert comparison.both == ()


def test_paraphrases_sharing_names_and_content_still_pair() -> None:
    comparison = compared([p[0] for p in PARAPHRASES], [p[1] for p in PARAPHRASES])
    assert paired_texts(comparison) == set(PARAPHRASES)
