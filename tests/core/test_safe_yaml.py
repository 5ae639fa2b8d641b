"""YAML read safely: real dates kept, impossible ones left as written, errors in words."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

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
