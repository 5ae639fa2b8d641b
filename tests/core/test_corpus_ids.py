"""Article ids and file names: escaped so they print on one line and stay distinct."""

from __future__ import annotations

import json
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import WriteCorpus
from tui.core import load_corpus
from tui.core.corpus_files import escape_name, legacy_ids


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("plain.txt", "plain.txt"),
        ("a\\b.txt", "a\\\\b.txt"),
        ("\udc80.txt", "\\x80.txt"),  # the lowest byte surrogateescape keeps
        ("\udcff.txt", "\\xff.txt"),  # the highest
        ("\udc7f.txt", "\\udc7f.txt"),  # a lone surrogate that is not an escaped byte
        ("\udd00.txt", "\\udd00.txt"),
        ("new\nline.txt", "new\\u000aline.txt"),
        ("\u202egnp.txt", "\\u202egnp.txt"),
        ("tag\U000e0041.txt", "tag\\U000e0041.txt"),
        ("Việt Nam 习近平.txt", "Việt Nam 习近平.txt"),
    ],
)
def test_escape_name_shows_bytes_controls_and_backslashes(name: str, shown: str) -> None:
    assert escape_name(name) == shown


@given(st.text(st.characters(codec=None), max_size=12), st.text(max_size=12))
def test_escaped_names_hold_no_control_and_stay_distinct(first: str, second: str) -> None:
    shown = escape_name(first)
    assert not any(unicodedata.category(c) in {"Cc", "Cf", "Cs", "Zl", "Zp"} for c in shown)
    if first != second:
        assert escape_name(first) != escape_name(second)


@pytest.mark.parametrize(
    ("article_id", "old"),
    [
        ("a/x.txt", ("a/x", "x")),
        ("x.md.txt", ("x.md", "x.md")),
        ("a/noext", ("a/noext", "noext")),
    ],
)
def test_legacy_ids_are_the_path_without_suffix_and_the_stem(
    article_id: str, old: tuple[str, str]
) -> None:
    assert legacy_ids(article_id) == old


def test_a_corpus_contains_ids_new_and_old_and_nothing_else(write_corpus: WriteCorpus) -> None:
    corpus = load_corpus(write_corpus({"a/x.txt": "date 2025-01-01\nText.", "y.md": "Text."}))
    assert "a/x.txt" in corpus and "a/x" in corpus and "x" in corpus
    assert "y.md" in corpus
    assert "z.txt" not in corpus
    assert 3 not in corpus
    assert len(corpus) == 2


def test_an_undated_article_lists_its_date_as_null(write_corpus: WriteCorpus) -> None:
    corpus = load_corpus(write_corpus({"y.md": "Text here.", "x.txt": "date 2025-01-02\nText."}))
    summaries = [json.loads(json.dumps(a.summary())) for a in corpus.articles]
    assert [(s["id"], s["date"]) for s in summaries] == [("x.txt", "2025-01-02"), ("y.md", None)]
    assert [a.date_label for a in corpus.articles] == ["2025-01-02", "undated"]
