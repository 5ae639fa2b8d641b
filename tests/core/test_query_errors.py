"""Malformed operators are one-line errors, whatever the value holds."""

from __future__ import annotations

import pytest

from tui.core.query import SearchError, parse_query


@pytest.mark.parametrize("query", ['from:"\n"', 'to:"2025\n"', 'from:"x\r\ny"'])
def test_a_date_operator_with_a_line_break_is_a_one_line_error(query: str) -> None:
    with pytest.raises(SearchError) as raised:
        parse_query(query)
    assert "\n" not in str(raised.value) and "\r" not in str(raised.value)
