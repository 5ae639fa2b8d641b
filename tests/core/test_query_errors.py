"""Malformed operators are one-line errors, whatever the value holds."""

from __future__ import annotations

import pytest

from tui.core.query import MAX_WORDS, SearchError, parse_query


@pytest.mark.parametrize("query", ['from:"\n"', 'to:"2025\n"', 'from:"x\r\ny"'])
def test_a_date_operator_with_a_line_break_is_a_one_line_error(query: str) -> None:
    with pytest.raises(SearchError) as raised:
        parse_query(query)
    assert "\n" not in str(raised.value) and "\r" not in str(raised.value)


@pytest.mark.parametrize(
    "words",
    [
        ["w"] * (MAX_WORDS + 1),
        ['"' + " ".join(["w"] * MAX_WORDS) + '"', "x"],
        ["!w"] * MAX_WORDS + ["'x"],
    ],
    ids=["words", "a phrase and a word", "excluded and exact"],
)
def test_a_query_of_more_words_than_the_most_is_a_one_line_error(words: list[str]) -> None:
    with pytest.raises(SearchError) as raised:
        parse_query(" ".join(words))
    assert str(raised.value) == (
        f"a query of {MAX_WORDS + 1} words is too long: search for {MAX_WORDS} at most"
    )


def test_a_query_of_the_most_words_is_searched() -> None:
    query = parse_query(" ".join(["w"] * (MAX_WORDS - 2) + ['"a b"']))
    assert len(query.words) == MAX_WORDS
