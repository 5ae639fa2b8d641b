"""Two readouts compared (`Library.compare`, `tui.core.compare`, the Markdown brief) on
the seeds' pair: the Vietnamese (2025-01-15, VNS) and the Chinese (2025-01-16) readouts
of one Xi Jinping - Tô Lâm phone call."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.app.conftest import BUNDLED
from tests.conftest import SEEDS
from tui.core.brief import brief_markdown
from tui.core.compare import Comparison
from tui.core.store import Library

VNA = "000_250548e130747c8a.txt"
XINHUA = "001_01fa6c485643f914.txt"


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    store = tmp_path_factory.mktemp("store") / "library.sqlite"
    with Library.open(
        SEEDS, lexicon=BUNDLED.lexicon, synonyms=BUNDLED.synonyms, store=store
    ) as opened:
        opened.refresh()
        yield opened


@pytest.fixture(scope="module")
def comparison(library: Library) -> Comparison:
    found = library.compare(VNA, XINHUA)
    assert found is not None
    return found


def test_every_sentence_is_in_one_place_with_offsets_into_its_article(
    library: Library, comparison: Comparison
) -> None:
    first, second = library.get(VNA), library.get(XINHUA)
    assert first is not None and second is not None
    items = [
        *((first, p.first) for p in comparison.both),
        *((second, p.second) for p in comparison.both),
        *((first, item) for item in comparison.only_first),
        *((second, item) for item in comparison.only_second),
    ]
    for article, item in items:
        for piece in item.pieces:
            assert article.text[piece.start : piece.end] == piece.text
    for article in first, second:
        spans = sorted((p.start, p.end) for a, i in items if a is article for p in i.pieces)
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))  # no overlap
        inside = set().union(*(range(start, end) for start, end in spans))
        for sentence in article.sentences:  # every character but the spaces at cuts
            left = [c for at, c in enumerate(sentence.text, sentence.start) if at not in inside]
            assert not "".join(left).strip(), sentence.text


def test_the_call_the_condolences_and_the_joint_announcement_pair(
    comparison: Comparison,
) -> None:
    def paired(first_words: str, second_words: str) -> bool:
        return any(
            first_words in pair.first.text and second_words in pair.second.text
            for pair in comparison.both
        )

    assert paired("held phone talks", "phone conversation")
    assert paired("launch of the Year of Việt Nam-China Humanistic", "People-to-People")
    assert paired("earthquake in Tibet", "earthquake in China’s Xizang")


def test_what_only_one_side_reports_stays_alone(comparison: Comparison) -> None:
    alone_first = " ".join(item.text for item in comparison.only_first)
    alone_second = " ".join(item.text for item in comparison.only_second)
    assert "standard-gauge railway" in alone_first  # the Chinese readout leaves it out
    assert "UN Convention on the Law of the Sea" in alone_first
    assert "new quality productive forces" in alone_second  # the VNA one does
    assert "railway" in comparison.topics_only_first
    assert "maritime" in comparison.topics_only_first


def test_each_commitment_says_whether_and_how_the_other_side_reports_it(
    comparison: Comparison,
) -> None:
    announced = next(pair for pair in comparison.both if "jointly announced" in pair.second.text)
    (reported,) = [r for r in announced.first.commitments if r.commitment.kind == "announcement"]
    assert reported.reported and reported.kind == "announcement" and reported.actors == ("both",)
    alone = [r for item in comparison.only_first for r in item.commitments]
    assert alone and not any(r.reported for r in alone)
    assert any(r.commitment.kind == "invitation" for r in alone) or any(
        r.commitment.kind == "invitation"
        for pair in comparison.both
        for r in pair.first.commitments
    )


def test_json_has_both_only_first_only_second_with_offsets_commitments_topics(
    comparison: Comparison,
) -> None:
    data = comparison.as_dict()
    assert {"both", "only_first", "only_second"} <= set(data)
    pair = data["both"][0]  # type: ignore[index]
    assert set(pair) == {"first", "second", "similarity"}
    assert 0 < pair["similarity"] <= 1
    item = data["only_first"][0]  # type: ignore[index]
    assert set(item) == {"sentences", "start", "end", "commitments", "topics"}
    assert set(item["sentences"][0]) == {"text", "start", "end"}


def test_rows_keep_each_side_in_reading_order(comparison: Comparison) -> None:
    rows = comparison.rows()
    assert len(rows) == len(comparison.both) + len(comparison.only_first) + len(
        comparison.only_second
    )
    firsts = [row.first.start for row in rows if row.first is not None]
    assert firsts == sorted(firsts)
    lone = [i for i, row in enumerate(rows) if row.first is None]
    for at in lone:  # a piece only the second has follows the second's piece before it
        item = rows[at].second
        assert item is not None
        earlier = [r.second.start for r in rows[:at] if r.second is not None]
        assert not earlier or max(earlier) < item.start or rows[at - 1].second is not None


def test_a_missing_article_compares_to_nothing(library: Library) -> None:
    assert library.compare(VNA, "no-such-article") is None


def test_the_brief_quotes_each_side_with_its_outlet_and_date(comparison: Comparison) -> None:
    markdown = brief_markdown(comparison)
    assert markdown.startswith("# VNS and Agence Kampuchea Presse: two readouts compared")
    assert "## Reported by both" in markdown
    assert "(VNS, 2025-01-15)" in markdown
    assert "(Agence Kampuchea Presse, 2025-01-16)" in markdown
    assert "## Only in VNS, 2025-01-15" in markdown
    assert "Commitment in VNS: announcement by both; the other side: announcement by both" in (
        markdown
    )


def test_the_brief_shows_text_literally(comparison: Comparison) -> None:
    from dataclasses import replace

    from tui.core.compare import Item
    from tui.core.text import Passage

    tricky = Item((Passage("*bold* [link](x) \x1b[31m`code`", 0, 30),), (), ())
    markdown = brief_markdown(replace(comparison, only_first=(tricky,)))
    assert r"“\*bold\* \[link\](x) \[31m\`code\`”" in markdown
    assert "\x1b" not in markdown


def test_the_index_counts_words_over_its_sentences(library: Library) -> None:
    with library._connections.search_index() as index:
        counts = index.counts(["the", "durian", "railway", "zzzz"])
        assert counts["zzzz"] == 0
        assert counts["the"] > counts["railway"] > 0
        assert index.total == index.sentence_count > 100


def test_compare_needs_no_extra_store_tables(tmp_path: Path) -> None:
    store = tmp_path / "library.sqlite"
    with Library.open(SEEDS, lexicon=BUNDLED.lexicon, store=store) as library:
        library.refresh()
        found = library.compare(VNA[:3] + VNA[3:], XINHUA)
    assert found is not None and found.first.id == VNA


def test_the_counterpart_is_the_other_side_s_first_report() -> None:
    import datetime as dt

    from tui.core.compare import counterpart, event_pair
    from tui.core.events import Event, Report

    day = dt.date(2025, 1, 15)
    reports = (
        Report("vna", day, "t", "VNA", "Việt Nam"),
        Report("vov", day, "t", "VOV", "Việt Nam"),
        Report("xinhua", day, "t", "Xinhua", "China"),
    )
    event = Event("e", "call", day, day, ("Tô Lâm", "Xi Jinping"), reports)
    assert counterpart(event, "vna") == "xinhua"
    assert counterpart(event, "xinhua") == "vna"
    assert event_pair(event) == ("vna", "xinhua")
    alone = Event("e", "call", day, day, (), reports[:1])
    assert counterpart(alone, "vna") is None and event_pair(alone) is None
    assert counterpart(event, "elsewhere") is None


def test_a_commitment_is_answered_by_the_other_side_s_most_alike() -> None:
    from tui.core.compare import _item
    from tui.core.extract import Commitment
    from tui.core.text import Passage

    mine = Commitment("Both agreed to build the railway.", 0, 33, "agreement", ("both",), ())
    rail = Commitment("Xi proposed building the railway.", 40, 73, "proposal", ("Xi Jinping",), ())
    trade = Commitment("Lam pledged more trade.", 0, 23, "pledge", ("Tô Lâm",), ())
    item = _item(
        (Passage(mine.text, 0, 33),),
        (mine,),
        (Passage("Lam pledged more trade. " + rail.text, 0, 73),),
        (trade, rail),
        BUNDLED.lexicon,
    )
    (reported,) = item.commitments
    assert (reported.reported, reported.kind, reported.actors) == (
        True, "proposal", ("Xi Jinping",)
    )  # fmt: skip
