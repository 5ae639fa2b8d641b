"""Commitment threads: linking by topic and object, countries, order, new and
recurring, stable ids, discussions, stages, and the seeds' railway thread."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from tests.core.test_store_events import filled
from tests.core.test_store_records import LEXICON
from tui.core.store import Library
from tui.core.thread_words import STAGES, ThreadWords, default_words, stage_of
from tui.core.threads import DISCUSSION, Thread, ThreadInput, link_threads

TOPICS = LEXICON.topics
WORDS = default_words(tuple(TOPICS))
LAOS = ("Việt Nam", "Laos")


def said(
    text: str,
    date: str,
    topics: tuple[str, ...],
    *,
    article: str | None = None,
    sides: tuple[str, ...] = LAOS,
    kind: str = "agreement",
    key: int | None = None,
) -> ThreadInput:
    """One commitment of its own article (named by its date unless given)."""
    return ThreadInput(
        key if key is not None else hash((text, date)) % 1_000_000,
        article or f"{date}.txt", dt.date.fromisoformat(date), 0, 0, len(text), kind,
        (), sides, topics, text,
    )  # fmt: skip


EXPRESSWAY = [
    said("The two sides agreed on the investment plan for the Vientiane–Hà Nội expressway.",
         "2024-01-09", ("transport",)),
    said("Chính proposed that the two sides study the Vientiane–Hà Nội expressway.",
         "2023-03-20", ("transport",), kind="proposal"),
    said("Both leaders witnessed the signing of the agreement on the Vientiane–Hà Nội "
         "expressway.", "2024-09-12", ("transport",)),
]  # fmt: skip
BORDER_GATE = said(
    "Chính urged the two sides to upgrade the Lao Bảo–Densavanh border gate.",
    "2024-01-09",
    ("transport",),
    article="2024-01-09-b.txt",
    kind="proposal",
)


FILLER = [
    said(f"The two sides agreed to hold the {n}th meeting of the committee on {what}.",
         f"2022-0{1 + n % 9}-1{n % 9}", (topic,), article=f"filler-{n}.txt")
    for n, (what, topic) in enumerate([
        ("defence policy dialogue", "defence and security"), ("the party theory", "party"),
        ("visits by ministers", "diplomacy"), ("the maritime boundary", "maritime"),
        ("youth festivals", "people-to-people"), ("digital innovation", "science and technology"),
        ("green growth", "economy"), ("hydropower", "energy"), ("ASEAN forums", "multilateral"),
    ])
]  # fmt: skip
"""Commitments on other topics: the rarity of words is measured over a corpus."""


def of_topic(threads: list[Thread], topic: str) -> list[Thread]:
    return [thread for thread in threads if thread.topic == topic]


def dates(thread: Thread) -> list[str]:
    return [entry.date.isoformat() if entry.date else "" for entry in thread.entries]


def test_one_undertaking_across_meetings_is_one_thread_ordered_by_date() -> None:
    (thread,) = link_threads(EXPRESSWAY, TOPICS)
    assert dates(thread) == ["2023-03-20", "2024-01-09", "2024-09-12"]
    assert [entry.recurring for entry in thread.entries] == [False, True, True]
    assert thread.topic == "transport" and thread.sides == ("Laos", "Việt Nam")
    assert "Vientiane–Hà Nội expressway" in thread.about


def test_another_undertaking_of_the_same_topic_and_countries_is_a_thread_of_its_own() -> None:
    threads = link_threads([*EXPRESSWAY, BORDER_GATE], TOPICS)
    assert sorted(len(thread.entries) for thread in threads) == [1, 3]
    (gate,) = [thread for thread in threads if len(thread.entries) == 1]
    assert gate.entries[0].article_id == "2024-01-09-b.txt" and "border gate" in gate.about


def test_the_same_object_between_other_countries_is_another_thread() -> None:
    japan = said("Chính asked Japan to fund the Vientiane–Hà Nội expressway.", "2024-05-01",
                 ("transport",), sides=("Việt Nam", "Japan"), kind="proposal")  # fmt: skip
    threads = link_threads([*EXPRESSWAY, japan], TOPICS)
    assert sorted(len(thread.entries) for thread in threads) == [1, 3]


def test_each_topic_of_a_commitment_is_threaded_on_its_own_clause() -> None:
    rice = said("They agreed to raise the two-way trade in rice.", "2023-03-20",
                ("trade", "agriculture"))  # fmt: skip
    again = said("The prime ministers agreed to boost exports of Vietnamese rice to Laos.",
                 "2025-06-30", ("trade", "agriculture"))  # fmt: skip
    power = said("Laos proposed that Việt Nam increase imports of Lao electricity.",
                 "2024-09-12", ("trade", "energy"), kind="proposal")  # fmt: skip
    threads = link_threads([rice, again, power, *FILLER], TOPICS)
    trade = sorted(dates(t) for t in of_topic(threads, "trade"))
    assert trade == [["2023-03-20", "2025-06-30"], ["2024-09-12"]]
    assert [dates(t) for t in of_topic(threads, "agriculture")] == [["2023-03-20", "2025-06-30"]]


def test_a_threads_id_comes_from_its_first_entry_and_stays_as_entries_are_added() -> None:
    (before,) = link_threads(EXPRESSWAY[:2], TOPICS)
    later = said("Laos pledged to ensure the safety of workers on the Vientiane–Hà Nội "
                 "expressway.", "2025-11-18", ("transport",), kind="pledge")  # fmt: skip
    (after,) = link_threads([later, *EXPRESSWAY], TOPICS)
    assert after.id == before.id and len(after.entries) == 4
    (alone,) = link_threads(EXPRESSWAY[:1], TOPICS)
    assert alone.id != before.id  # another first entry, another thread


def test_a_discussion_joins_a_thread_but_starts_none() -> None:
    talked = said("They discussed the Vientiane–Hà Nội expressway.", "2023-06-01",
                  ("transport",), kind=DISCUSSION)  # fmt: skip
    before = said("They discussed the Lao Bảo border gate.", "2023-01-01", ("transport",),
                  kind=DISCUSSION)  # fmt: skip
    (thread,) = link_threads([*EXPRESSWAY, talked, before], TOPICS)
    assert dates(thread) == ["2023-03-20", "2023-06-01", "2024-01-09", "2024-09-12"]
    assert thread.entries[1].kind == DISCUSSION and thread.entries[1].stage is None


def test_a_sentence_without_a_topic_is_in_no_thread() -> None:
    assert link_threads([said("They agreed to meet again.", "2024-01-01", ())], TOPICS) == []


@pytest.mark.parametrize(
    ("sentence", "kind", "stage"),
    [
        ("Chính proposed that the two sides study the expressway.", "proposal", "proposed"),
        ("The two sides called for a study of the railway.", "pledge", "proposed"),
        ("The two sides agreed to sign the agreement on the expressway next year.",
         "agreement", "agreed"),
        ("Both leaders witnessed the signing of the agreement on the expressway.",
         "agreement", "signed"),
        ("The National Assembly has approved the railway project.", "pledge", "approved"),
        ("The parliament ratified the agreement on the boundary.", "pledge", "approved"),
        ("Construction of the first section had started in May.", "proposal", "started"),
        ("They announced the launch of the Year of Humanistic Exchanges.", "announcement",
         "started"),
        ("The metro line, completed last year, was a symbol of cooperation.", "pledge",
         "completed"),
        ("The two sides will promote electricity imports.", "pledge", None),
        ("The two sides agreed to deepen trade.", "agreement", "agreed"),
    ],
)  # fmt: skip
def test_the_stage_is_the_furthest_the_sentence_says(
    sentence: str, kind: str, stage: str | None
) -> None:
    from tui.core.text import fold

    assert stage_of(fold(sentence), kind, WORDS) == stage


def test_the_shipped_stage_file_has_cues_for_every_stage_in_order() -> None:
    from importlib.resources import files

    import yaml

    data = yaml.safe_load((files("tui") / "data" / "threads.yaml").read_text(encoding="utf-8"))
    assert list(data["stages"]) == list(STAGES)
    assert all(data["stages"][stage] for stage in STAGES)
    assert "cooperation" in data["boilerplate"]


def test_a_stage_file_of_ones_own_is_read() -> None:
    words = ThreadWords.of(TOPICS, "stages:\n  completed: [wrapped up]\nboilerplate: []\n")
    assert stage_of("the project was wrapped up", "pledge", words) == "completed"
    assert stage_of("the project was completed", "pledge", words) is None


def test_the_seeds_railway_thread_spans_four_dates(tmp_path: Path) -> None:
    with filled(SEEDS, tmp_path) as library:
        threads = library.threads("railway")
        (railway,) = [t for t in threads if len(t.entries) > 1]
        assert {d[:7] for d in dates(railway)} == {"2024-08", "2025-01", "2025-04", "2026-01"}
        assert railway.entries[0].stage == "agreed" and not railway.entries[0].recurring
        (talk,) = [e for e in railway.entries if e.kind == DISCUSSION]
        sentences = library.thread_sentences([railway])
        assert "three standard-gauge railway lines" in sentences[talk.article_id, talk.start]
        assert library.thread(railway.id) == railway
        assert library.thread(railway.id[:6]) == railway
        assert library.thread("no-such-thread") is None
        assert all(t.topic == "railway" for t in threads)


def test_the_seeds_humanistic_year_is_one_thread_started_in_january_2025(tmp_path: Path) -> None:
    with filled(SEEDS, tmp_path) as library:
        found = [
            t for t in library.threads("people-to-people")
            if any(e.article_id.startswith("003") for e in t.entries) and len(t.entries) == 4
            and "Humanistic" in t.about
        ]  # fmt: skip
    (year,) = found
    assert [e.stage for e in year.entries] == ["agreed", "started", "started", "proposed"]
    assert year.stage == "proposed"  # the latest entry's


def test_threads_are_kept_beside_the_store_and_read_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.core.store import threads as stored_threads

    with filled(SEEDS, tmp_path) as library:
        made = library.threads()
    kept = stored_threads.cache_path(tmp_path / "library.sqlite")
    assert kept.is_file() and kept.name == "library.threads.json"

    def no_linking(*_: object, **__: object) -> list[Thread]:
        raise AssertionError("linked again")

    monkeypatch.setattr(stored_threads, "link_threads", no_linking)
    with Library.open(SEEDS, lexicon=LEXICON, store=tmp_path / "library.sqlite") as library:
        assert library.threads() == made
        assert library.threads("railway") == [t for t in made if t.topic == "railway"]


@contextmanager
def seeds_copied(corpus: Path) -> Iterator[Library]:
    """A library of a copy of the seeds at `corpus` (to add files to), refreshed."""
    shutil.copytree(SEEDS, corpus)
    store = corpus.parent / "library.sqlite"
    with Library.open(corpus, lexicon=LEXICON, store=store) as library:
        library.refresh()
        yield library


def test_threads_are_linked_again_when_the_store_changes(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    with seeds_copied(corpus) as library:
        before = {t.id: len(t.entries) for t in library.threads("railway")}
        (corpus / "later.txt").write_text(
            "date 2026-06-01\nHÀ NỘI — Tô Lâm met Xi Jinping. The two sides agreed to start "
            "building the three standard-gauge railway lines connecting the two countries.\n",
            encoding="utf-8",
        )
        library.refresh()
        after = {t.id: len(t.entries) for t in library.threads("railway")}
    (grown,) = [key for key in before if after[key] == before[key] + 1]
    assert before[grown] == 5 and set(after) == set(before)  # the same id, one entry more


def test_a_damaged_file_of_threads_is_made_again(tmp_path: Path) -> None:
    from tui.core.store.threads import cache_path

    with filled(SEEDS, tmp_path) as library:
        made = library.threads()
    kept = cache_path(tmp_path / "library.sqlite")
    for damage in (b"{not json", b'{"key": "1:2", "threads": []}', b'{"key": 1}', b"[]",
                   b"[" * 5000):  # fmt: skip
        kept.write_bytes(damage)
        with Library.open(SEEDS, lexicon=LEXICON, store=tmp_path / "library.sqlite") as library:
            assert library.threads() == made


def test_a_threads_countries_are_its_articles_two_not_every_speaker() -> None:
    article = "2024-09-12-talks.txt"
    said_there = [
        said("Laos agreed to hand over the land for the Vientiane–Hà Nội expressway.",
             "2024-09-12", ("transport",), article=article, sides=("Laos",)),
        said("Việt Nam will fund the Vientiane–Hà Nội expressway.", "2024-09-12",
             ("transport",), article=article, sides=("Việt Nam",)),
        said("Laos and Việt Nam agreed to train engineers.", "2024-09-12", ("economy",),
             article=article, sides=("Laos", "Việt Nam")),
        said("Thailand offered to build a bridge for the Vientiane–Hà Nội expressway.",
             "2024-09-12", ("transport",), article=article, sides=("Thailand",)),
    ]  # fmt: skip
    (thread,) = of_topic(link_threads([*EXPRESSWAY, *said_there], TOPICS), "transport")
    assert len(thread.entries) == 6 and thread.sides == ("Laos", "Việt Nam")


def test_an_undated_commitment_is_threaded_without_a_date_after_the_dated_ones(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "corpus"
    with seeds_copied(corpus) as library:
        before = {t.id for t in library.threads("railway")}
        (corpus / "0000_undated.txt").write_text(  # no date line, sorted first by name
            "HÀ NỘI — Tô Lâm met Xi Jinping. The two sides agreed to accelerate the "
            "connection of three standard-gauge railway lines between the two countries.\n",
            encoding="utf-8",
        )
        library.refresh()
        railway = library.threads("railway")
        library._threads = None
        assert library.threads("railway") == railway  # read back from the file kept
    undated = [(t, e) for t in railway for e in t.entries if e.article_id == "0000_undated.txt"]
    assert undated and all(e.date is None and e.recurring for _, e in undated)
    assert all(t.entries[-1].article_id == "0000_undated.txt" for t, _ in undated)
    assert {t.id for t in railway} == before  # it started none, and no id moved


def test_an_article_whose_countries_are_unknown_joins_no_thread() -> None:
    unknown = said("The two sides agreed on the investment plan for the Vientiane–Hà Nội "
                   "expressway.", "2024-12-01", ("transport",), sides=("both",))  # fmt: skip
    threads = link_threads([*EXPRESSWAY, unknown], TOPICS)
    assert sorted(len(thread.entries) for thread in threads) == [1, 3]


def test_countries_tied_among_an_articles_leaders_are_chosen_whatever_their_order() -> None:
    """The leaders' countries come as a set, whose order changes from one run to the
    next (string hashing): an article's two countries, and so its threads, must not."""
    unknown = said("The two sides agreed on the investment plan for the Vientiane–Hà Nội "
                   "expressway.", "2024-12-01", ("transport",), sides=("both",))  # fmt: skip
    found = []
    for order in (["Laos", "Việt Nam", "Japan"], ["Japan", "Việt Nam", "Laos"]):

        def countries(wanted: set[str], order: list[str] = order) -> dict[str, list[str]]:
            return dict.fromkeys(wanted, order)

        threads = link_threads([*EXPRESSWAY, unknown], TOPICS, leader_countries=countries)
        found.append([(t.id, t.sides, len(t.entries)) for t in threads])
    assert found[0] == found[1]


def test_a_place_named_like_a_country_is_not_that_country() -> None:
    rail = ("Việt Nam", "China")
    first = said(
        "The two sides agreed to build the three standard-gauge railway lines "
        "connecting the two countries.",
        "2025-01-15",
        ("railway",),
        sides=rail,
    )
    lao_cai = said("Both sides agreed to complete the three standard-gauge railway lines "
                   "Lào Cai–Hà Nội–Hải Phòng connecting the two countries.", "2026-02-10",
                   ("railway",), sides=("both",))  # fmt: skip
    (thread,) = link_threads([first, lao_cai], TOPICS)
    assert len(thread.entries) == 2 and thread.sides == ("China", "Việt Nam")


def test_a_threads_earlier_id_finds_it_once_an_earlier_entry_joined_it(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    with seeds_copied(corpus) as library:
        (railway,) = [t for t in library.threads("railway") if len(t.entries) > 1]
        (corpus / "0001_xinhua.txt").write_text(  # the other side's readout, sorted first
            "date 2024-08-19\nBEIJING — Xi Jinping held talks with Tô Lâm. The two sides "
            "agreed to speed up the three standard-gauge railway lines connecting China and "
            "Việt Nam.\n",
            encoding="utf-8",
        )
        library.refresh()
        (grown,) = [t for t in library.threads("railway") if len(t.entries) > 1]
        assert grown.entries[0].article_id == "0001_xinhua.txt" and grown.id != railway.id
        assert library.thread(railway.id) == grown
        (corpus / "0000_xinhua.txt").write_text(  # sorted first again: both ids find it
            "date 2024-08-19\nBEIJING — Xi Jinping met Tô Lâm. The two sides agreed to "
            "build the three standard-gauge railway lines connecting China and Việt Nam.\n",
            encoding="utf-8",
        )
        library.refresh()
        library._threads = None  # read from the file kept
        latest = library.thread(railway.id)
        assert latest is not None and latest.entries[0].article_id == "0000_xinhua.txt"
        assert library.thread(grown.id) == latest
        assert library.thread(railway.id[:6]) == latest  # a prefix of an earlier id too
        assert library.thread("no-such-id") is None
        for added in ("0000_xinhua.txt", "0001_xinhua.txt"):  # gone again: so are the ids
            (corpus / added).unlink()
        library.refresh()
        back = library.thread(railway.id)
        assert back is not None and back.id == railway.id
        assert library.thread(grown.id) == back and library.thread(latest.id) == back


def test_an_undated_entry_gives_a_thread_neither_its_stage_nor_its_object() -> None:
    dated = [
        said("Chính proposed that the two sides study the Vientiane–Hà Nội expressway.",
             "2023-03-20", ("transport",), kind="proposal"),
        said("Sonexay proposed to start the Vientiane–Hà Nội expressway feasibility study.",
             "2024-01-09", ("transport",), kind="proposal"),
    ]  # fmt: skip
    undated = said("The two sides agreed on the Vientiane–Hà Nội expressway.", "2025-01-01",
                   ("transport",), article="undated.txt")  # fmt: skip
    undated = undated._replace(date=None)
    (thread,) = link_threads([*dated, undated], TOPICS)
    assert thread.entries[-1].date is None and thread.entries[-1].stage == "agreed"
    assert thread.stage == "proposed"  # the latest dated entry's
    assert thread.about != "agreed on the Vientiane–Hà Nội expressway" and "study" in thread.about
