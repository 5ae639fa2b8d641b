"""Every commitment of the corpus from the store (issue 13): sides, corpus-wide names,
facets, date ranges, folding, paging, and rows that follow their files."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import SEEDS, WriteCorpus
from tests.core.test_store_records import LEXICON
from tui.core import load_corpus
from tui.core.extract import extract_corpus
from tui.core.store import Library, schema
from tui.core.store.commitment_query import (
    CommitmentQuery,
    parse_day,
    parse_typed,
    with_actor,
)
from tui.core.store.commitments import sides_of

KHAI_HANOI = (
    "date 2025-03-02 HÀ NỘI — Vietnamese Deputy Foreign Minister Đỗ Quang Khải held talks"
    " with Chinese Vice Minister Zhou Lanfeng in Hà Nội on Sunday.\n\n"
    "Khải proposed that the two sides expand trade in agricultural products. Zhou said"
    " China was ready to import more durian.\n"
)
KHAI_BEIJING = (
    "date 2025-05-10 BEIJING — Chinese Vice Minister Zhou Lanfeng met Vietnamese Deputy"
    " Foreign Minister Do Quang Khai in Beijing on Saturday.\n\n"
    "Khai pledged to deepen cooperation on railway connectivity. Việt Nam is ready to"
    " open its market to Chinese fruit.\n"
)


@pytest.fixture
def khai(write_corpus: WriteCorpus) -> Iterator[Library]:
    root = write_corpus({"a.txt": KHAI_HANOI, "b.txt": KHAI_BEIJING})
    with Library.open(root, lexicon=LEXICON) as library:
        library.refresh(workers=1)
        yield library


def test_sides_are_a_persons_country_a_country_itself_and_both() -> None:
    countries = {"Xi Jinping": "China", "Tô Lâm": "Việt Nam", "Someone": None}
    assert sides_of(["Xi Jinping"], countries) == ("China",)
    assert sides_of(["Việt Nam"], countries) == ("Việt Nam",)
    assert sides_of(["both"], countries) == ("both",)
    assert sides_of(["Tô Lâm", "Việt Nam", "Xi Jinping"], countries) == ("Việt Nam", "China")
    assert sides_of(["Someone", "Nobody"], countries) == ()


def test_every_commitment_of_the_seeds_with_its_side(seeds_library: Library) -> None:
    rows = seeds_library.commitments()
    expected = extract_corpus(load_corpus(SEEDS), LEXICON)
    assert len(rows) == sum(len(x.commitments) for x in expected.values())
    for row in rows:
        if row.actors == ("Xi Jinping",):
            assert row.sides == ("China",)
        if row.actors == ("Tô Lâm",):
            assert row.sides == ("Việt Nam",)
        if row.actors == ("both",):
            assert row.sides == ("both",)
    assert [row.date for row in rows] == sorted((row.date for row in rows), reverse=True)


def test_rows_match_the_extraction_of_their_article(seeds_library: Library) -> None:
    for row in seeds_library.commitments(limit=20):
        extraction = seeds_library.extraction(row.article_id)
        assert extraction is not None
        found = extraction.commitments[row.position]
        assert (found.text, found.start, found.end, found.kind) == (
            row.text,
            row.start,
            row.end,
            row.kind,
        )
        assert found.actors == row.actors and found.topics == row.topics


def test_the_proposals_of_the_vietnamese_side(seeds_library: Library) -> None:
    query = CommitmentQuery(side="Việt Nam", kind="proposal")
    rows = seeds_library.commitments(query)
    assert rows and all(r.kind == "proposal" and "Việt Nam" in r.sides for r in rows)
    assert {actor for r in rows for actor in r.actors} == {"Tô Lâm", "Lương Cường"}
    facets = seeds_library.commitment_facets(query)
    assert facets.total == len(rows)
    # each facet is counted without its own narrowing: the other sides still show
    assert facets.counts["side"]["Việt Nam"] == len(rows)
    assert facets.counts["side"]["China"] > 0
    assert facets.counts["kind"]["proposal"] == len(rows)
    assert facets.counts["kind"]["pledge"] > 0
    assert sum(facets.counts["actor"].values()) == len(rows)


def test_facet_counts_add_up_to_the_rows(seeds_library: Library) -> None:
    facets = seeds_library.commitment_facets()
    rows = seeds_library.commitments()
    assert facets.total == len(rows)
    assert sum(facets.counts["kind"].values()) == len(rows)
    for topic, many in facets.counts["topic"].items():
        assert many == sum(topic in r.topics for r in rows)
    narrowed = seeds_library.commitment_facets(CommitmentQuery(text="railway"))
    assert narrowed.total == len(seeds_library.commitments(CommitmentQuery(text="railway")))
    assert narrowed.counts["topic"]["railway"] == narrowed.total


def test_actor_narrowing_uses_the_corpus_names(khai: Library) -> None:
    rows = khai.commitments(CommitmentQuery(actor="Đỗ Quang Khải"))
    assert [(r.article_id, r.kind) for r in rows] == [("b.txt", "pledge"), ("a.txt", "proposal")]
    assert all(r.actors == ("Đỗ Quang Khải",) for r in rows)  # `Do Quang Khai` in b.txt
    facets = khai.commitment_facets()
    assert facets.counts["actor"]["Đỗ Quang Khải"] == 2
    assert "Do Quang Khai" not in facets.counts["actor"]
    assert khai.commitments(CommitmentQuery(actor="Do Quang Khai")) == []


def test_a_country_actor_is_its_own_side(khai: Library) -> None:
    rows = khai.commitments(CommitmentQuery(side="Việt Nam"))
    assert {r.actors for r in rows} == {("Đỗ Quang Khải",), ("Việt Nam",)}
    assert [r.sides for r in khai.commitments(CommitmentQuery(side="China"))] == [("China",)]


def test_text_narrowing_folds_diacritics_case_and_punctuation(khai: Library) -> None:
    for typed in ("viet nam", "VIỆT NAM", "Viet-Nam", "việt nam ready"):
        rows = khai.commitments(CommitmentQuery(text=typed))
        assert [r.text for r in rows] == ["Việt Nam is ready to open its market to Chinese fruit."]
    assert khai.commitments(CommitmentQuery(text="rail conn")) != []  # substrings of words
    assert khai.commitments(CommitmentQuery(text="railway durian")) == []


def test_date_range_includes_both_ends_and_leaves_out_the_undated(
    write_corpus: WriteCorpus,
) -> None:
    undated = KHAI_HANOI.replace("date 2025-03-02 ", "")
    root = write_corpus({"a.txt": KHAI_HANOI, "b.txt": KHAI_BEIJING, "c.txt": undated})
    with Library.open(root, lexicon=LEXICON) as library:
        library.refresh(workers=1)
        assert {r.date for r in library.commitments()} == {
            dt.date(2025, 3, 2),
            dt.date(2025, 5, 10),
            None,
        }
        assert library.commitments()[-1].date is None  # undated last

        def days(query: CommitmentQuery) -> set[dt.date | None]:
            return {r.date for r in library.commitments(query)}

        march = CommitmentQuery(since=parse_day("2025-03"), until=parse_day("2025-03", last=True))
        assert days(march) == {dt.date(2025, 3, 2)}
        assert days(CommitmentQuery(since=dt.date(2025, 3, 2), until=dt.date(2025, 5, 10))) == {
            dt.date(2025, 3, 2),
            dt.date(2025, 5, 10),
        }
        assert days(CommitmentQuery(since=dt.date(2025, 3, 3))) == {dt.date(2025, 5, 10)}
        assert days(CommitmentQuery(until=dt.date(2025, 5, 9))) == {dt.date(2025, 3, 2)}


def test_pages_are_slices_of_the_whole(seeds_library: Library) -> None:
    whole = seeds_library.commitments()
    assert seeds_library.commitments(offset=0, limit=7) == whole[:7]
    assert seeds_library.commitments(offset=7, limit=7) == whole[7:14]
    assert seeds_library.commitments(offset=len(whole) - 2, limit=10) == whole[-2:]
    assert seeds_library.commitments(offset=len(whole), limit=10) == []
    query = CommitmentQuery(kind="proposal")
    assert seeds_library.commitments(query, 3, 4) == seeds_library.commitments(query)[3:7]


def test_commitments_of_a_day_are_in_article_order_however_they_entered_the_store(
    tmp_path: Path,
) -> None:
    same_day = KHAI_BEIJING.replace("2025-05-10", "2025-03-02")
    texts = {"a.txt": KHAI_HANOI, "b.txt": same_day}
    orders = []
    for first, second in (("a.txt", "b.txt"), ("b.txt", "a.txt")):
        root = tmp_path / first
        root.mkdir()
        (root / first).write_text(texts[first])
        with Library.open(root, lexicon=LEXICON, store=root.with_suffix(".sqlite")) as library:
            library.refresh(workers=1)
            (root / second).write_text(texts[second])
            library.refresh(workers=1)
            orders.append([(r.article_id, r.position) for r in library.commitments()])
    assert orders[0] == orders[1] == [("b.txt", 0), ("b.txt", 1), ("a.txt", 0), ("a.txt", 1)]


def test_a_deleted_or_changed_file_takes_its_commitments_along(
    write_corpus: WriteCorpus,
) -> None:
    root = write_corpus({"a.txt": KHAI_HANOI, "b.txt": KHAI_BEIJING})
    with Library.open(root, lexicon=LEXICON) as library:
        library.refresh(workers=1)
        assert library.commitment_facets().total == 4
        (root / "b.txt").unlink()
        (root / "a.txt").write_text(KHAI_HANOI.replace(" Zhou said", " Zhou noted"))
        library.refresh(workers=1)
        rows = library.commitments()
        assert [r.article_id for r in rows] == ["a.txt", "a.txt"]
        assert library.commitment_facets().counts["actor"] == {
            "Zhou Lanfeng": 1,
            "Đỗ Quang Khải": 1,
        }
        with sqlite3.connect(library.store_path) as conn:
            tags = conn.execute("SELECT count(*) FROM commitment_tags").fetchone()[0]
        assert tags == sum(1 + len(r.actors) + len(r.sides) + len(r.topics) for r in rows)


def test_a_store_of_schema_4_is_made_again(tmp_path: Path) -> None:
    store = tmp_path / "library.sqlite"
    with sqlite3.connect(store) as conn:
        conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        conn.execute("INSERT INTO meta VALUES ('schema_version', '4')")
    assert schema.SCHEMA_VERSION == 5
    with Library.open(SEEDS, lexicon=LEXICON, store=store) as library:
        assert library.notices  # rebuilt, with a notice
        library.refresh(workers=1)
        assert library.commitment_facets().total > 0


def test_typed_narrowing_reads_date_tokens_and_keeps_the_facets() -> None:
    chosen = CommitmentQuery(side="China", kind="pledge")
    query = parse_typed("rail from:2025-01 to:2025-06 sea", chosen)
    assert query == CommitmentQuery(
        text="rail sea",
        side="China",
        kind="pledge",
        since=dt.date(2025, 1, 1),
        until=dt.date(2025, 6, 30),
    )
    assert parse_typed("from:2024 to:2024").until == dt.date(2024, 12, 31)
    assert parse_typed("from:") == CommitmentQuery()  # a token being typed narrows nothing
    with pytest.raises(ValueError, match="not a date"):
        parse_typed("from:2025-13")
    with pytest.raises(ValueError, match=r"^from:2026-01-01 is after to:2024-12-31$"):
        parse_typed("rail from:2026 to:2024")  # as the CLI refuses it
    assert parse_typed("from:2024", CommitmentQuery(actor="Xi Jinping")).actor is None


def test_an_actor_token_is_read_and_written_quoted_where_the_name_has_spaces() -> None:
    assert parse_typed('rail actor:"to lam" sea') == CommitmentQuery(
        text="rail sea", actor="to lam"
    )
    assert parse_typed("actor:Xi from:2025").actor == "Xi"
    assert parse_typed('rail ACTOR:"to  la').actor == "to la"  # the quote still open
    assert parse_typed("actor:") == CommitmentQuery() and parse_typed("rail to:").text == "rail"
    assert with_actor("rail actor:Xi sea", "Tô Lâm") == 'rail sea actor:"Tô Lâm"'
    assert with_actor('rail actor:"x y"', None) == "rail"
    assert with_actor("", "Xi") == "actor:Xi"
    assert parse_typed(with_actor("rail", "Tô Lâm")).actor == "Tô Lâm"


def test_bad_days_are_refused() -> None:
    for bad in ("2025-02-30", "x", "", "2025-00", "99999"):
        with pytest.raises(ValueError, match="not a date"):
            parse_day(bad)
