"""The index's first stage on a corpus larger than its candidate list: whatever the
cheap scores keep, the best passages must be the ones the full scan ranks first."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.core.corpus import Corpus, parse_article
from tui.core.search import CANDIDATES, SearchIndex

FILLERS = CANDIDATES + 100
"""More sentences holding `railway` than the index hands to the full scorer."""

TARGETS = {
    "t1.txt": "Both sides agreed to build the standard gauge railway to Lào Cai.",
    "t2.txt": "The standard gauge railway will link Hà Nội and Hải Phòng.",
    "t3.txt": "Leaders discussed the South China Sea and the railway.",
    "t4.txt": "The People's Republic of China will fund the railway bridge.",
    "t5.txt": "Talks on the railway freight corridor concluded in Kunming.",
    "t6.txt": "The railway district plan was approved.",
}
"""The passages the queries look for, in the oldest articles, so that recency (the
cheap stage's tie-break) works against them."""


def _article(article_id: str, raw: str) -> object:
    article, _ = parse_article(article_id, Path(article_id), raw)
    return article


@pytest.fixture(scope="module")
def crowded() -> SearchIndex:
    articles = [
        _article(
            f"f{n:03d}.txt",
            f"date 2025-{n % 12 + 1:02d}-{n % 28 + 1:02d}\n"
            f"The railway opened in district {n} of the province.",
        )
        for n in range(FILLERS)
    ]
    articles += [
        _article(name, f"date 2001-01-0{n}\n{text}")
        for n, (name, text) in enumerate(TARGETS.items(), start=1)
    ]
    corpus = Corpus(Path("crowded"), tuple(articles))  # type: ignore[arg-type]
    return SearchIndex(corpus, synonyms=[("East Sea", "South China Sea")])


@pytest.mark.parametrize(
    ("query", "best"),
    [
        ("standard gauge railway", {"t1.txt", "t2.txt"}),
        ("railway gauge standard", {"t1.txt", "t2.txt"}),
        ("standrd gauge railway", {"t1.txt", "t2.txt"}),  # a typo
        ("railway standard ga", {"t1.txt", "t2.txt"}),  # the last word being typed
        ("railway 'gauge", {"t1.txt", "t2.txt"}),
        ("railway 'standard 'gauge", {"t1.txt", "t2.txt"}),
        ('railway "standard gauge"', {"t1.txt", "t2.txt"}),
        ("east sea railway", {"t3.txt"}),  # a synonym group's phrase member
        ("railway prc", {"t4.txt"}),  # a four-word member of the country group
        ("railway chinese", {"t4.txt"}),  # the South China Sea is not China
        ("railway freight kunming", {"t5.txt"}),
        ("freight railway", {"t5.txt"}),
        ("railway freigt", {"t5.txt"}),
        ("railway ga", {"t1.txt", "t2.txt"}),  # two letters typed: a prefix already
        ("railway 'chinese", {"t4.txt"}),  # a quoted synonym
        ("railway district", {"t6.txt"}),  # the pair side by side lifts it past the rest
    ],
)
def test_the_best_passages_survive_a_crowded_first_stage(
    crowded: SearchIndex, query: str, best: set[str]
) -> None:
    hits = crowded.search(query, limit=len(best))
    assert {hit.article_id for hit in hits} == best
    assert hits == crowded.exhaustive(query, limit=len(best))


def test_excluded_words_remove_their_passages_before_the_cap(crowded: SearchIndex) -> None:
    hits = crowded.search("railway !district !province", limit=10)
    assert {hit.article_id for hit in hits} == set(TARGETS) - {"t6.txt"}
    hits = crowded.search("railway !district !gauge", limit=10)
    assert {hit.article_id for hit in hits} == {"t3.txt", "t4.txt", "t5.txt"}
    unknown = crowded.search("railway gauge !zzzzq", limit=3)
    assert unknown == crowded.search("railway gauge", limit=3)


def test_quoted_words_keep_the_other_operators(crowded: SearchIndex) -> None:
    assert crowded.search("railway 'gauge to:2000") == []
    assert crowded.search("railway 'gauge from:2002") == []
    assert {h.article_id for h in crowded.search("'gauge 'standard to:2001-01-01")} == {"t1.txt"}


def test_a_leader_of_several_words_needs_each_of_them(crowded: SearchIndex) -> None:
    assert crowded.search('railway leader:"zzzz kunming"') == []
    assert crowded.search('railway leader:"kunming zzzz"') == []
    assert [h.article_id for h in crowded.search("railway leader:kunming")] == ["t5.txt"]
    assert crowded.search("railway leader:kunming to:2000") == []


def test_articles_matching_is_not_cut_at_a_page_of_hits(crowded: SearchIndex) -> None:
    matching = crowded.articles_matching("railway")
    assert len(matching) == CANDIDATES
    assert len(set(matching)) == len(matching)
    assert crowded.articles_matching("railway leader:lam", leaders={"t5.txt": ["Tô Lâm"]}) == [
        "t5.txt"
    ]


def test_operators_alone_give_exactly_the_limit_newest_first(crowded: SearchIndex) -> None:
    hits = crowded.search("from:2001", limit=3)
    assert len(hits) == 3
    assert [h.date for h in hits] == sorted((h.date for h in hits), reverse=True)
    old = crowded.search("to:2001-12-31", limit=10)
    assert [h.article_id for h in old] == [
        "t6.txt",
        "t5.txt",
        "t4.txt",
        "t3.txt",
        "t2.txt",
        "t1.txt",
    ]


def test_equal_scores_go_to_the_newest_articles_past_the_cap(crowded: SearchIndex) -> None:
    hits = crowded.search("railway", limit=20)
    assert [h.article_id for h in hits] == [a.id for a in crowded.corpus.articles[:20]]
    assert hits == crowded.exhaustive("railway", limit=20)


def test_the_default_limit_is_twenty(crowded: SearchIndex) -> None:
    assert len(crowded.search("railway")) == 20
    assert len(crowded.exhaustive("railway")) == 20


def test_building_reports_progress_after_each_article(crowded: SearchIndex) -> None:
    calls: list[tuple[int, int]] = []
    small = Corpus(Path("small"), crowded.corpus.articles[:3])
    SearchIndex(small, lambda done, total: calls.append((done, total)))
    assert calls == [(1, 3), (2, 3), (3, 3)]


def test_a_hit_as_json_rounds_its_score_and_shows_no_date_as_null() -> None:
    article = _article("u.txt", "The railway opened.")
    index = SearchIndex(Corpus(Path("u"), (article,)))  # type: ignore[arg-type]
    (hit,) = index.search("railway opend")
    shown = hit.as_dict()
    assert shown["date"] is None
    assert shown["score"] == round(hit.score, 2) and shown["score"] != hit.score
    assert shown["matches"] == [[4, 11], [12, 18]]
