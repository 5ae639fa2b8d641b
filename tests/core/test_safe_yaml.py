"""YAML read safely: real dates kept, impossible ones left as written, errors in words."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core import safe_yaml


def test_real_dates_are_dates_and_impossible_ones_stay_as_written() -> None:
    assert safe_yaml.load("a: 2025-01-15\nb: 2025-02-30\nc: !!timestamp x\n") == {
        "a": dt.date(2025, 1, 15),
        "b": "2025-02-30",
        "c": "x",
    }


def test_a_value_that_cannot_be_built_is_a_yaml_error_saying_so() -> None:
    with pytest.raises(yaml.YAMLError) as caught:
        safe_yaml.load('a: !!int "x"\n')
    line, what = safe_yaml.problem(caught.value)
    assert line is None
    assert what.startswith("cannot read a value: invalid literal for int()")


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (yaml.MarkedYAMLError(), (None, "invalid YAML")),
        (yaml.MarkedYAMLError(context="while parsing\n  a block"), (None, "while parsing a block")),
        (yaml.YAMLError(""), (None, "invalid YAML")),
        (yaml.YAMLError("two\n   lines"), (None, "two lines")),
    ],
)
def test_problem_is_one_line_of_words(
    error: yaml.YAMLError, expected: tuple[int | None, str]
) -> None:
    assert safe_yaml.problem(error) == expected


def test_problem_counts_lines_from_one() -> None:
    with pytest.raises(yaml.YAMLError) as caught:
        safe_yaml.load("a: 1\nb: [unclosed\n")
    line, what = safe_yaml.problem(caught.value)
    assert line == 3 and what


def _read(load: Callable[[str], Any], text: str) -> tuple[str, str]:
    """What a loader makes of `text`: its value (as a repr, so that NaN equals NaN) or
    that it refused."""
    try:
        return "value", repr(load(text))
    except yaml.YAMLError:
        return "refused", ""


_TEXT = st.text(alphabet=" aeyn1.:-#'\"ưĐ~&*!|>@%`,[]{}?\\\t\u2028\x85", max_size=12)
_SCALARS = ["yes", "No", "~", "null", "1e3", "0x1F", "1_000", ".inf", ".NaN", "017", "+1",
            "2025-01-15", "2025-02-30", "2025-01-15 10:00", "0o17", "1:30", "=", "<<"]  # fmt: skip
_VALUE = st.one_of(
    _TEXT,
    _TEXT.map(lambda t: f'"{t}"'),
    _TEXT.map(lambda t: f"'{t}'"),
    st.sampled_from(_SCALARS),
)
_KEY = st.sampled_from(["date", "title", "source", "a-b", "a b", "-", ""])
_FRONT_MATTER = st.lists(st.tuples(_KEY, _VALUE), max_size=5).map(
    lambda lines: "".join(f"{key}: {value}\n" for key, value in lines)
)


@given(st.one_of(_FRONT_MATTER, st.text(alphabet=" :-#'\"a1\n\t[]{},|>?&*!", max_size=30)))
@settings(max_examples=500, deadline=None)
def test_the_fast_reader_reads_what_the_python_reader_reads(text: str) -> None:
    assert _read(safe_yaml.load, text) == _read(safe_yaml.slow_load, text)


def test_front_matter_is_read_by_libyaml_and_refusals_are_still_told() -> None:
    front = 'date: 2019-12-24\ntitle: "Talks: a day"\nsource: Antara\n'
    assert safe_yaml._simple(front) is yaml.__with_libyaml__
    assert safe_yaml.load(front) == {
        "date": dt.date(2019, 12, 24),
        "title": "Talks: a day",
        "source": "Antara",
    }
    for refused in ("a: &x 1\nb: *x\n", "a: 1\na: 2\n", "[" * 70 + "]" * 70):
        assert not safe_yaml._simple(refused) or refused.startswith("a: 1")
        with pytest.raises(safe_yaml.UnsafeYAML):
            safe_yaml.load(refused)
