"""A value typed for a facet, and a person by a typed name: exactly, folded, by the
gazetteer's spellings, by whole words; the closest to suggest, and none for nonsense."""

from __future__ import annotations

import pytest

from tui.core.extract.lexicon import LeaderEntry
from tui.core.facet_values import (
    Named,
    close_values,
    fold_key,
    matching_value,
    resolve_name,
)

PEOPLE = ["Xi Jinping", "Tô Lâm", "Lương Cường", "Lâm Văn Mẫn", "Wang Wentao", "Việt Nam", "both"]
GAZETTEER = (
    LeaderEntry("Tô Lâm", "Việt Nam", aliases=("To Lam",), short=("Lâm",)),
    LeaderEntry("Xi Jinping", "China", short=("Xi",)),
    LeaderEntry("Wang Yi", "China", short=("Wang",)),
)


def test_fold_key_drops_case_diacritics_punctuation_and_spaces() -> None:
    assert fold_key("Tô  Lâm") == fold_key("to-LAM") == "tolam"
    assert fold_key("Lương Cường") == "luongcuong" and fold_key("") == ""


def test_matching_value_is_the_one_value_folding_alike() -> None:
    assert matching_value("Tô Lâm", PEOPLE) == "Tô Lâm"
    assert matching_value("to lam", PEOPLE) == "Tô Lâm"
    assert matching_value("VIET NAM", PEOPLE) == "Việt Nam"
    assert matching_value("lam", PEOPLE) is None  # a word, not a name
    assert matching_value("x", ["X", "x!"]) is None  # two fold alike: neither


def test_close_values_suggest_near_spellings_only() -> None:
    assert close_values("Xi Jinpin", PEOPLE) == ["Xi Jinping"]
    assert close_values("Luong Cuong", PEOPLE)[0] == "Lương Cường"
    assert close_values("Putin", PEOPLE) == []
    assert close_values("Xi Jinpin", PEOPLE, limit=0) == []
    assert len(close_values("am", ["Lam", "Nam", "Cam", "Tam"], limit=2)) <= 2


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("Tô Lâm", ("Tô Lâm",)),
        ("TO LAM", ("Tô Lâm",)),
        ("Lâm", ("Tô Lâm",)),  # the gazetteer's short form, not Lâm Văn Mẫn
        ("Xi", ("Xi Jinping",)),
        ("Jinping", ("Xi Jinping",)),  # a word of a name
        ("Văn Mẫn", ("Lâm Văn Mẫn",)),
        ("Wang", ("Wang Wentao",)),  # Wang Yi, the short form's, is not in the corpus
        ("  luong   cuong ", ("Lương Cường",)),
    ],
)
def test_a_person_by_any_spelling(typed: str, found: tuple[str, ...]) -> None:
    assert resolve_name(typed, PEOPLE, GAZETTEER) == Named(found)


def test_names_several_fit_come_in_the_corpus_order() -> None:
    people = ["Nguyễn Phú Trọng", "Xi Jinping", "Nguyễn Xuân Phúc"]
    assert resolve_name("Nguyễn", people).found == ("Nguyễn Phú Trọng", "Nguyễn Xuân Phúc")


def test_an_unknown_name_says_the_closest() -> None:
    named = resolve_name("Xi Jinpin", PEOPLE, GAZETTEER)
    assert named == Named((), ("Xi Jinping",))
    assert named.hint() == "; did you mean: Xi Jinping?"
    nothing = resolve_name("Putin", PEOPLE, GAZETTEER)
    assert nothing == Named(()) and nothing.hint() == ""
    assert resolve_name("   ", PEOPLE, GAZETTEER).found == ()
