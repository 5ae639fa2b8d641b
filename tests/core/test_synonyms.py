"""Synonyms in search: countries and their adjectives, and the groups of config.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import WriteCorpus
from tui.core import Corpus, load_corpus
from tui.core.config import ConfigError, load_config
from tui.core.search import SearchHit, SearchIndex, search_fold
from tui.core.synonyms import Synonyms

# The seed passages on Vietnamese agricultural products that name Việt Nam.
AGRICULTURAL = {
    ("004_fecb52052cebe9ee.txt", 3030),  # "... especially of Vietnamese agricultural ..."
    ("004_fecb52052cebe9ee.txt", 4172),  # "... import high-quality Vietnamese agricultural ..."
    ("003_a5266ca7b85631b7.txt", 6241),  # "... imports of Vietnamese agricultural products ..."
    ("000_250548e130747c8a.txt", 3921),  # "Xi welcomed Việt Nam's efforts to promote ..."
}


@pytest.fixture(scope="module")
def index(seeds: Corpus) -> SearchIndex:
    return SearchIndex(seeds)


def marked(hit: SearchHit) -> list[str]:
    return [hit.text[a - hit.start : b - hit.start] for a, b in hit.matches]


@pytest.mark.parametrize(
    "query",
    [
        "vietnam agricultural",
        "viet nam agricultural",
        "Việt Nam agricultural",
        "vietnamese agricultural",
        "agricultural vietnamese",
    ],
)
def test_every_spelling_of_viet_nam_finds_every_other(index: SearchIndex, query: str) -> None:
    hits = index.search(query, limit=10)
    assert {(h.article_id, h.start) for h in hits} == AGRICULTURAL
    assert all(h.score >= 200 for h in hits)  # every word present: none is a typo


def test_exhaustive_scan_agrees_on_synonyms(index: SearchIndex) -> None:
    fast = [(h.article_id, h.start) for h in index.search("vietnam agricultural", limit=10)]
    slow = [(h.article_id, h.start) for h in index.exhaustive("vietnam agricultural", limit=10)]
    assert fast == slow


def test_highlights_of_a_synonym_are_the_words_in_the_text(index: SearchIndex) -> None:
    found = {word for h in index.search("vietnam agricultural", limit=10) for word in marked(h)}
    assert {"Vietnamese agricultural", "Việt Nam", "agricultural"} <= found
    for hit in index.search("viet nam", limit=50):
        for word in marked(hit):
            assert word in {"Việt Nam", "Vietnam", "Vietnamese", "Viet Nam"}, word


def test_adjectives_of_other_countries_fold_too(index: SearchIndex) -> None:
    chinese = index.search("china enterprises", limit=5)
    assert any("Chinese enterprises" in marked(h) for h in chinese)


def test_a_phrase_query_crosses_spellings(index: SearchIndex) -> None:
    hits = index.search('"viet nam agricultural"', limit=10)
    assert {(h.article_id, h.start) for h in hits} == AGRICULTURAL - {
        ("000_250548e130747c8a.txt", 3921)
    }


def test_an_excluded_country_excludes_all_its_spellings(index: SearchIndex) -> None:
    hits = index.search("agricultural !vietnam", limit=10)
    assert [(h.article_id, h.start) for h in hits] == [("003_a5266ca7b85631b7.txt", 8060)]


def test_config_groups_hold_phrases(write_corpus: WriteCorpus) -> None:
    folder = write_corpus(
        {
            "a.txt": "date 2025-01-01\nThe earthquake struck Tibet. Patrols sailed the "
            "South China Sea. Humanistic exchanges grew.",
            "b.txt": "date 2025-01-02\nPeople-to-people exchanges grew. Xizang recovered.",
        }
    )
    groups = [
        ["Xizang", "Tibet"],
        ["East Sea", "South China Sea"],
        ["humanistic", "people-to-people"],
    ]
    index = SearchIndex(load_corpus(folder), synonyms=groups)
    assert {marked(h)[0] for h in index.search("xizang")} == {"Tibet", "Xizang"}
    (sea,) = index.search("east sea patrols")
    assert marked(sea) == ["Patrols", "South China Sea"]
    both = {"a.txt", "b.txt"}
    assert {h.article_id for h in index.search("humanistic exchanges")} == both
    assert {h.article_id for h in index.search('"people to people exchanges"')} == both
    assert SearchIndex(load_corpus(folder)).search("xizang earthquake") == []


def test_us_in_capitals_is_the_united_states_and_us_is_not(write_corpus: WriteCorpus) -> None:
    folder = write_corpus(
        {
            "a.txt": "date 2025-01-01\nThe US will buy more rice.",
            "b.txt": "date 2025-01-02\nThey told us about rice.",
            "c.txt": "date 2025-01-03\nAmerican buyers want rice. The U.S. agreed on rice.",
        }
    )
    index = SearchIndex(load_corpus(folder))
    hits = index.search("united states rice", limit=10)
    assert sorted(h.article_id for h in hits) == ["a.txt", "c.txt", "c.txt"]
    assert {marked(h)[0] for h in hits} == {"US", "American", "U.S"}


def test_groups_that_share_a_member_are_one() -> None:
    synonyms = Synonyms([["Vietnam", "VN"], ["Tibet", "Xizang"], ["Xizang", "Thibet"]])
    assert synonyms.words("vn viet nam vietnamese") == ["viet_nam"] * 3
    assert synonyms.words("tibet thibet") == ["tibet", "tibet"]


def test_the_longest_member_wins() -> None:
    synonyms = Synonyms([["East Sea", "South China Sea"]])
    assert synonyms.words("south china sea china") == ["east_sea", "china"]
    assert synonyms.words("chinese sea") == ["china", "sea"]
    assert synonyms.words("lao pdr trade") == ["laos", "trade"]
    assert synonyms.words("united states of america") == ["united_states"]


def test_a_country_alone_finds_its_other_spellings(write_corpus: WriteCorpus) -> None:
    folder = write_corpus({"a.txt": "date 2025-01-01\nViệt Nam grows rice."})
    (hit,) = SearchIndex(load_corpus(folder)).search("vietnamese")
    assert marked(hit) == ["Việt Nam"]


def test_config_reads_synonym_groups(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("synonyms:\n  - [Xizang, Tibet]\n  - [East Sea, South China Sea]\n")
    assert load_config(config).synonyms == (("Xizang", "Tibet"), ("East Sea", "South China Sea"))
    config.write_text("theme: readout-dark\n")
    assert ("Xizang", "Tibet") in load_config(config).synonyms  # the bundled groups


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("synonyms: Tibet\n", 1),
        ("synonyms:\n  - Tibet\n", 2),
        ("synonyms:\n  - [Tibet, 3]\n", 2),
        ("synonyms:\n  - [Tibet, '']\n", 2),
    ],
)
def test_a_bad_synonyms_key_is_one_line_naming_it(tmp_path: Path, text: str, line: int) -> None:
    config = tmp_path / "config.yaml"
    config.write_text(text)
    with pytest.raises(ConfigError, match=rf"config.yaml:{line}: .*synonym") as error:
        load_config(config)
    assert "\n" not in str(error.value)


def test_a_group_that_joins_two_groups_makes_all_three_one() -> None:
    synonyms = Synonyms([["Tibet", "Xizang"], ["Thibet", "Tibetan"], ["Xizang", "Thibet"]])
    assert synonyms.words("tibet xizang thibet tibetan") == ["tibet"] * 4
    assert synonyms.groups["tibet"] == (("tibet",), ("xizang",), ("thibet",), ("tibetan",))


def test_each_group_lists_its_members_folded() -> None:
    synonyms = Synonyms([["East Sea", "South China Sea", "east  sea"]])
    assert synonyms.groups["east_sea"] == (("east", "sea"), ("south", "china", "sea"))
    assert synonyms.members[("south", "china", "sea")] == "east_sea"


def test_a_shorter_member_is_found_when_the_longer_is_not_there() -> None:
    synonyms = Synonyms()
    assert synonyms.words("lao trade") == ["laos", "trade"]
    assert synonyms.words("korea and north korea") == ["korea", "and", "north_korea"]


@pytest.mark.parametrize(
    ("text", "token"),
    [("The US and", "united_states"), ("The U.S. and", "united_states"), ("tell us and", "us")],
)
def test_tokens_count_a_capitals_member_only_in_capitals(text: str, token: str) -> None:
    tokens = Synonyms().tokens(search_fold(text), text)
    assert tokens[1][0] == token
    assert Synonyms().tokens(search_fold(text))[1][0] == "united_states"  # a query: any case


def test_a_capitals_member_is_marked_only_where_written_in_capitals(
    write_corpus: WriteCorpus,
) -> None:
    folder = write_corpus({"a.txt": "date 2025-01-01\nThe US told us about rice."})
    (hit,) = SearchIndex(load_corpus(folder)).search("united states rice")
    assert marked(hit) == ["US", "rice"]
