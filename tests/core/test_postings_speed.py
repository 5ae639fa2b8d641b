"""The shortcuts that make a search fast find what the plain computations find: the
cheap scores over the slots that have one (not over every slot), the intersection of
sorted postings, spellings looked up once per index, and the index's cache file."""

from __future__ import annotations

import shutil
from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest

from tui.core import Corpus, candidates
from tui.core.candidates import _intersection
from tui.core.extract.lexicon import Lexicon
from tui.core.postings import LiveArticles
from tui.core.query import Query, parse_query
from tui.core.search import SearchIndex
from tui.core.store import Library

QUERIES = (
    "standart gauge railway",
    "railway standard ga",
    "humanistc exchange",
    "viet nam china",
    "east sea tibet",
    "the cooperation",
    "zzzz nothing",
)


def dense_scores(index: SearchIndex, query: Query) -> np.ndarray:
    """The cheap scores as first written: one array of every slot per query word."""
    total = np.zeros(index._count, dtype=np.float64)
    words = query.words
    for number, word in enumerate(words):
        best = np.zeros(index._count, dtype=np.float64)
        for postings, weight in index._marks(word, typing=number == len(words) - 1):
            best[postings] = weight
        total += best
    for first, second in pairwise(words):
        if first in index._word_id and second in index._word_id:
            total[index._pair_postings(first, second)] += index.PAIR_BONUS
    return total


@pytest.fixture(scope="module")
def index(seeds: Corpus) -> SearchIndex:
    return SearchIndex(seeds, synonyms=(("East Sea", "South China Sea"), ("Xizang", "Tibet")))


@pytest.mark.parametrize("text", QUERIES)
def test_cheap_scores_are_the_dense_ones_where_they_are_not_zero(
    index: SearchIndex, text: str
) -> None:
    query = index._as_tokens(parse_query(text))
    slots, scores = index._cheap_scores(query)
    dense = dense_scores(index, query)
    assert slots.tolist() == np.flatnonzero(dense > 0).tolist()
    assert scores.tolist() == dense[slots].tolist()  # the same sums, bit for bit


@pytest.mark.parametrize("seed", range(20))
def test_intersection_of_postings_is_numpys(seed: int) -> None:
    rng = np.random.default_rng(seed)
    arrays = [np.sort(rng.integers(0, 60, size=rng.integers(0, 40))) for _ in range(3)]
    if seed % 4 == 0:
        arrays[1] = arrays[1][::-1]  # not sorted: sorted first
    expected = np.intersect1d(np.intersect1d(arrays[0], arrays[1]), arrays[2])
    assert _intersection(arrays).tolist() == expected.tolist()


def test_spellings_are_looked_up_once(index: SearchIndex, monkeypatch: pytest.MonkeyPatch) -> None:
    first = index._spellings("railwy", typing=False)
    monkeypatch.setattr(candidates.process, "extract", lambda *_, **__: pytest.fail("again"))
    assert index._spellings("railwy", typing=False) == first


def test_spellings_kept_are_bounded(index: SearchIndex, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(candidates, "SPELLINGS_KEPT", 3)
    for word in ("railwy", "gauge", "standart", "exchnge", "humanistc"):
        index._spellings(word, typing=True)
    assert len(index._spelled) <= 3


def test_a_second_index_reads_the_cache_and_finds_the_same(
    tmp_path: Path, seeds: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Library.open(seeds.root, lexicon=Lexicon(), store=tmp_path / "s.sqlite") as library:
        library.refresh()
        first = library.search("standart gauge railway")
    assert list((tmp_path / "s.segments").glob("index-*.npz"))
    monkeypatch.setattr(LiveArticles, "read", lambda *_: pytest.fail("read from the store"))
    with Library.open(seeds.root, lexicon=Lexicon(), store=tmp_path / "s.sqlite") as library:
        assert library.search("standart gauge railway") == first


def test_a_cache_of_other_articles_is_not_taken(tmp_path: Path, seeds: Corpus) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(seeds.root, corpus)
    store = tmp_path / "s.sqlite"
    with Library.open(corpus, lexicon=Lexicon(), store=store) as library:
        library.refresh()
        library.search("railway")
        cached = next((tmp_path / "s.segments").glob("index-*.npz"))
        kept = cached.read_bytes()
        gone = sorted(corpus.glob("*.txt"))[0]
        gone.unlink()
        library.refresh()
        expected = library.search("railway")
    # The old file under the new name, as if the store had been made again since.
    with Library.open(corpus, lexicon=Lexicon(), store=store) as library:
        with library._connections.search_index():
            pass
        current = next((tmp_path / "s.segments").glob("index-*.npz"))
        current.write_bytes(kept)
    with Library.open(corpus, lexicon=Lexicon(), store=store) as library:
        assert library.search("railway") == expected
        with library._connections.search_index() as index:
            live = LiveArticles.read(library._conn())
            assert index._articles.numbers.tolist() == live.numbers.tolist()
