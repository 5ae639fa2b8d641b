"""Scoring extraction against a hand annotation, and the views of an extraction."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT
from tui.core import load_config, load_corpus
from tui.core.corpus import Article, Corpus, parse_article
from tui.core.extract import Extraction, articles_by_leader, extract
from tui.core.extract.evaluate import Score, gold_mentions, score, score_metadata

LEXICON = load_config(None, ROOT).lexicon
TEXT = (
    "date 2025-01-01\nTô Lâm met Xi Jinping in Beijing. The two sides agreed to build a "
    "railway. Việt Nam will send rice to China. Tô Lâm thanked Xi."
)


def article(article_id: str, raw: str) -> Article:
    found, _ = parse_article(article_id, Path(article_id), raw)
    return found


@pytest.fixture(scope="module")
def one() -> tuple[Article, Extraction]:
    found = article("a.txt", TEXT)
    return found, extract(found, LEXICON)


def test_a_score_counts_and_names_every_disagreement(one: tuple[Article, Extraction]) -> None:
    found, extraction = one
    gold = {
        "a.txt": {
            "leaders": {"Tô Lâm": ["Tô Lâm"], "Lương Cường": ["Beijing"]},
            "commitments": [
                {"sentence": "The two sides", "kind": "proposal", "actors": ["both"]},
                {"sentence": "Tô Lâm thanked", "kind": "pledge", "actors": ["Tô Lâm"]},
            ],
        }
    }
    result = score(Corpus(Path("c"), (found,)), {"a.txt": extraction}, gold)
    assert result == Score(
        mentions_found=4, mentions_gold=3, mentions_right=2,
        commitments_found=2, commitments_gold=2, commitments_right=1,
        kinds_right=0, actors_right=1,
        misses=(
            "a.txt: extra mention ('Xi Jinping', 11, 21)",
            "a.txt: extra mention ('Xi Jinping', 124, 126)",
            "a.txt: missed mention ('Lương Cường', 25, 32)",
            "a.txt: extra person 'Xi Jinping'",
            "a.txt: missed person 'Lương Cường'",
            "a.txt: agreement ['both'] where gold has proposal ['both']: "
            "'The two sides agreed to build a railway.'",
            "a.txt: extra commitment 'Việt Nam will send rice to China.'",
            "a.txt: missed commitment 'Tô Lâm thanked'",
        ),
        people_found=2, people_gold=2, people_right=1,
    )  # fmt: skip
    assert result.report() == (
        "leader people     precision 0.500  recall 0.500  (1 right of 2 found, 2 in gold)\n"
        "leader mentions   precision 0.500  recall 0.667  (2 right of 4 found, 3 in gold)\n"
        "commitments       precision 0.500  recall 0.500  F1 0.500  "
        "(1 right of 2 found, 2 in gold)\n"
        "kinds right       0.000\n"
        "actors right      1.000"
    )


def test_scores_add_up_over_articles(one: tuple[Article, Extraction]) -> None:
    found, extraction = one
    other = article("b.txt", "date 2025-01-02\nNothing was agreed.")
    corpus = Corpus(Path("c"), (found, other))
    extractions = {"a.txt": extraction, "b.txt": extract(other, LEXICON)}
    gold = {"a.txt": {"leaders": {"Tô Lâm": ["Tô Lâm"]}}, "b.txt": {}}
    result = score(corpus, extractions, gold)
    assert (result.mentions_found, result.mentions_gold, result.mentions_right) == (4, 2, 2)
    assert (result.commitments_found, result.commitments_gold, result.commitments_right) == (
        2,
        0,
        0,
    )
    assert (result.kinds_right, result.actors_right) == (0, 0)
    assert result.kind_accuracy == 1.0 and result.commitment_recall == 1.0  # nothing to get
    assert result.commitment_precision == 0.0 and result.commitment_f1 == 0.0
    assert (result.people_found, result.people_gold, result.people_right) == (2, 1, 1)
    assert len(result.misses) == 5


def test_a_gold_naming_a_missing_article_or_sentence_is_an_error(
    one: tuple[Article, Extraction],
) -> None:
    found, extraction = one
    corpus = Corpus(Path("c"), (found,))
    with pytest.raises(KeyError, match=r"does not have: z\.txt"):
        score(corpus, {"a.txt": extraction}, {"z.txt": {}})
    gold = {"a.txt": {"commitments": [{"sentence": "Nobody", "kind": "pledge", "actors": []}]}}
    with pytest.raises(KeyError, match=r"a\.txt: no sentence starts .Nobody."):
        score(corpus, {"a.txt": extraction}, gold)


def test_gold_mentions_count_the_longest_spelling_once() -> None:
    text = "Tô Lâm and Lâm met; Lâm Tô spoke."
    found = gold_mentions(text, {"Tô Lâm": ["Tô Lâm", "Lâm"], "Tô": ["Tô"]})
    assert found == {
        ("Tô Lâm", 0, 6),
        ("Tô Lâm", 11, 14),
        ("Tô Lâm", 20, 23),
        ("Tô", 24, 26),
    }
    assert gold_mentions("Lâm-Lâm", {"L": ["Lâm"]}) == {("L", 0, 3), ("L", 4, 7)}


def test_an_extraction_finds_a_leader_and_their_commitments(
    one: tuple[Article, Extraction],
) -> None:
    _, extraction = one
    leader = extraction.leader("Tô Lâm")
    assert leader is not None and leader.country == "Việt Nam"
    assert extraction.leader("Nobody") is None
    assert [c.text for c in extraction.commitments_of("Tô Lâm")] == [
        "The two sides agreed to build a railway."
    ]
    assert [c.text for c in extraction.commitments_of("Việt Nam")] == [
        "The two sides agreed to build a railway.",
        "Việt Nam will send rice to China.",
    ]


def test_leaders_are_listed_by_how_many_articles_name_them() -> None:
    texts = {
        "a.txt": "Tô Lâm met Xi Jinping.",
        "b.txt": "Xi Jinping spoke.",
        "c.txt": "Xi Jinping met Lương Cường.",
        "d.txt": "Lương Cường met Tô Lâm.",
    }
    extractions = {
        name: extract(article(name, f"date 2025-01-01\n{text}"), LEXICON)
        for name, text in texts.items()
    }
    assert list(articles_by_leader(extractions).items()) == [
        ("Xi Jinping", ("a.txt", "b.txt", "c.txt")),
        ("Lương Cường", ("c.txt", "d.txt")),  # a tie goes by name
        ("Tô Lâm", ("a.txt", "d.txt")),
    ]


def test_a_borderline_commitment_counts_neither_as_missed_nor_as_extra(
    one: tuple[Article, Extraction],
) -> None:
    found, extraction = one
    corpus = Corpus(Path("c"), (found,))
    gold = {
        "a.txt": {
            "commitments": [
                {"sentence": "The two sides", "kind": "agreement", "actors": ["both"]},
                {"sentence": "Việt Nam will", "kind": "pledge", "actors": [], "borderline": True},
                {"sentence": "Tô Lâm thanked", "kind": "pledge", "actors": [], "borderline": True},
            ]
        }
    }
    result = score(corpus, {"a.txt": extraction}, gold)
    assert (result.commitments_found, result.commitments_gold, result.commitments_right) == (
        1,
        1,
        1,
    )
    assert not [line for line in result.misses if "commitment" in line]


def test_metadata_scores_place_source_contact_and_titles_that_tell_articles_apart() -> None:
    wire = "date 2025-01-01\nBEIJING — Xi Jinping met Tô Lâm. They agreed. — Xinhua"
    first = article("a.txt", wire)
    twin = article("b.txt", wire)
    other = article("c.txt", "---\ndate: 2025-01-02\ntitle: Xi meets Lâm\n---\nXi met Lâm.")
    gold = {
        "a.txt": {"place": "Beijing", "source": "Xinhua", "contact": "meeting",
                  "principals": ["Xi Jinping"]},
        "b.txt": {"place": "Hà Nội", "source": None, "principals": ["Xi Jinping"]},
        "c.txt": {"place": None, "source": None, "contact": "talks",
                  "principals": ["Xi Jinping", "Tô Lâm"],
                  "leaders": {"Xi Jinping": ["Xi"], "Tô Lâm": ["Lâm"]}},
    }  # fmt: skip
    corpus = Corpus(Path("c"), (first, twin, other))
    result = score_metadata(corpus, gold, lambda a: "meeting")
    assert result.places == (2, 3)  # "BEIJING" is Beijing; b is not in Hà Nội
    assert score_metadata(corpus, {"a.txt": {"place": "Bei Jing"}}).places == (1, 1)
    assert result.sources[1] == 3 and result.contacts == (1, 2)
    # a and b share a date and a title: neither tells its article apart.
    assert result.titles == (1, 3)
    assert "c.txt: contact 'meeting' where gold has 'talks'" in result.misses
    assert score_metadata(corpus, gold).contacts == (0, 0)  # no classifier, no figure
    assert "titles tell apart 0.333  (1 of 3)" in result.report()


def test_a_title_the_front_matter_gives_need_not_name_the_principals(tmp_path: Path) -> None:
    raw = "---\ndate: 2025-03-01\ntitle: Japan-Indonesia Summit Meeting\n---\nIshiba met Prabowo."
    (tmp_path / "m.md").write_text(raw, "utf-8")
    (tmp_path / "n.txt").write_text("date 2025-03-02\nThe talks went well.", "utf-8")
    corpus = load_corpus(tmp_path)
    gold = {name: {"principals": ["Shigeru Ishiba"]} for name in ("m.md", "n.txt")}
    result = score_metadata(corpus, gold)
    # The author's title counts as written; a made title must name the principals.
    assert result.titles == (1, 2)
    assert result.misses == (
        "n.txt: title 'The talks went well' where gold has ['Shigeru Ishiba']",
    )
