"""The scratch arrays a search scores in are made once and kept: a search leaves them
as it found them, and two threads searching one index at once each get right hits."""

from __future__ import annotations

import threading

import pytest

from tui.core import Corpus
from tui.core.search import SearchHit, SearchIndex

QUERIES = ("railway", "standard gauge", "to lam", "comprehensive strategic", "doi moi", "xi")


def key(hits: list[SearchHit]) -> list[tuple[str, int, int, float]]:
    return [(hit.article_id, hit.start, hit.end, round(hit.score, 9)) for hit in hits]


@pytest.fixture
def index(seeds: Corpus) -> SearchIndex:
    return SearchIndex(seeds)


def test_a_search_leaves_no_slot_marked(index: SearchIndex) -> None:
    index.prepare_scratch()
    for query in QUERIES:
        assert index.search(query, limit=50)
        assert index._scratch_arrays is not None
        present, _ = index._scratch_arrays
        assert not present.any()


def test_hits_do_not_depend_on_the_searches_before(seeds: Corpus, index: SearchIndex) -> None:
    alone = {query: key(SearchIndex(seeds).search(query, limit=50)) for query in QUERIES}
    for query in (*QUERIES, *reversed(QUERIES)):
        assert key(index.search(query, limit=50)) == alone[query]


def test_two_threads_searching_at_once_get_their_own_hits(index: SearchIndex) -> None:
    expected = {query: key(index.search(query, limit=50)) for query in QUERIES}
    found: list[tuple[str, list[tuple[str, int, int, float]]]] = []
    start = threading.Barrier(4)

    def search() -> None:
        start.wait()
        for _ in range(20):
            for query in QUERIES:
                found.append((query, key(index.search(query, limit=50))))

    threads = [threading.Thread(target=search) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(found) == 4 * 20 * len(QUERIES)
    assert all(hits == expected[query] for query, hits in found)
