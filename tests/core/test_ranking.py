"""Ranking one sentence against a query, and marking where it matched."""

from __future__ import annotations

import pytest

from tui.core.query import Query, parse_query, search_fold
from tui.core.ranking import match_spans, passage_score
from tui.core.synonyms import synonyms


def score(query: str, sentence: str) -> float | None:
    return passage_score(parse_query(query), synonyms().words(search_fold(sentence)))


def marks(query: str, sentence: str) -> list[str]:
    tokens = synonyms().tokens(search_fold(sentence), sentence)
    return [sentence[a:b] for a, b in match_spans(parse_query(query), tokens)]


@pytest.mark.parametrize(
    ("query", "sentence", "expected"),
    [
        ("standard gauge railway", "The standard gauge railway opened", 400.0),
        ("three railway lines", "three new railway lines", 292.8571428571429),
        ("railway opend", "The railway opened", 193.88111888111888),
        ("railway", "", None),
        ("railway zzzzzz", "the railway opened", None),
    ],
)
def test_scores_are_the_tier_plus_how_closely_the_words_match(
    query: str, sentence: str, expected: float | None
) -> None:
    assert score(query, sentence) == (pytest.approx(expected) if expected else None)


@pytest.mark.parametrize(
    ("query", "sentence", "tier"),
    [
        ("standard gauge railway", "a standard gauge railway", 3),
        ("gauge standard railway", "a standard gauge railway", 2),
        ("standard gauge rail", "a standard gauge railway", 2),
        ("standard gauge railwya", "a standard gauge railway", 1),
    ],
)
def test_each_score_stays_inside_its_tier(query: str, sentence: str, tier: int) -> None:
    found = score(query, sentence)
    assert found is not None and tier * 100 <= found <= tier * 100 + 100


def test_operators_alone_score_every_sentence_alike() -> None:
    assert passage_score(Query(leader="lam"), ["any", "words"]) == 100.0
    assert passage_score(Query(), []) == 100.0


def test_a_quoted_word_must_be_present_and_an_excluded_one_absent() -> None:
    assert passage_score(Query(exact=("railway",)), ["the", "railway"]) is not None
    assert passage_score(Query(exact=("railway",)), ["the", "road"]) is None
    assert passage_score(Query(terms=("railway",), excluded=("road",)), ["railway", "road"]) is None
    assert passage_score(Query(phrases=("new railway",)), ["a", "railway", "new"]) is None


@pytest.mark.parametrize(
    ("query", "sentence", "marked"),
    [
        ("of the party", "the chair of the party", ["of the party"]),  # a phrase at the end
        ("railway gau", "the railway gauge", ["railway", "gauge"]),  # the word being typed
        ("gau railway", "the gauge of the railway", ["railway"]),  # only the last is typed
        ("railwya opened", "the railway opened", ["railway", "opened"]),  # a typo
        ("railwya", "the railway", ["railway"]),
        ("the tea", "the tea party", ["the tea"]),
        ("tea the", "the tea party", ["tea"]),
    ],
)
def test_matches_mark_phrases_typed_prefixes_and_typos(
    query: str, sentence: str, marked: list[str]
) -> None:
    assert marks(query, sentence) == marked


def test_operators_alone_mark_nothing() -> None:
    assert marks("from:2020 leader:lam", "the railway opened") == []
    assert marks("from:2020", "") == []
