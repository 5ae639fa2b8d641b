"""Events of a library store: the seeds' pair, the wire collection's pairs, and the
four cases of `test_events` end to end, from files with real headlines and leads."""

from __future__ import annotations

from pathlib import Path
from typing import NoReturn

import pytest

from tests.conftest import ROOT, SEEDS, WriteCorpus
from tests.core.test_store_records import LEXICON, fill
from tui.core.store import Library

PAIR = ("000_250548e130747c8a.txt", "001_01fa6c485643f914.txt")


def filled(root: Path, tmp_path: Path) -> Library:
    library = Library.open(root, lexicon=LEXICON, store=tmp_path / "library.sqlite")
    fill(library._conn(), library.root)
    return library


def test_the_seeds_pair_is_one_call_reported_by_both_sides(tmp_path: Path) -> None:
    with filled(SEEDS, tmp_path) as library:
        event = library.event_of(PAIR[1])
        assert event is not None
        assert event.id == "2025-01-15-to-lam-xi-jinping-call"
        assert event.article_ids() == PAIR
        assert event.kind == "call"
        assert set(event.leaders) == {"Tô Lâm", "Xi Jinping"}
        assert [(r.source, r.side) for r in event.reports] == [
            ("VNS", "Việt Nam"),
            ("Agence Kampuchea Presse", "China"),
        ]
        assert library.event(event.id) == event
        others = [e for e in library.events() if e.id != event.id]
        assert [len(e.reports) for e in others] == [1, 1, 1]  # no other seeds merged
        assert library.event_of("no-such-article") is None
        assert library.event("no-such-event") is None


def test_the_wire_collections_two_sided_reports_pair_up(tmp_path: Path) -> None:
    with filled(ROOT / "tests/data/wire/dev", tmp_path) as library:
        pairs = {e.id: e.article_ids() for e in library.events() if len(e.reports) > 1}
    assert pairs == {
        "2026-02-10-to-lam-xi-jinping-call": (
            "vna-2026-02-10-to-lam-xi-jinping-phone-talks.txt",
            "xinhua-2026-02-11-xi-jinping-to-lam-phone-talks.txt",
        ),
        "2024-05-14-antony-blinken-bui-thanh-son-call": (
            "state-2024-05-14-blinken-bui-thanh-son-call.txt",
            "vna-2024-05-15-bui-thanh-son-blinken-phone-talks.txt",
        ),
    }


def article(date: str, title: str, source: str, lead: str) -> str:
    return f"---\ndate: {date}\ntitle: {title}\nsource: {source}\n---\n\n{lead}\n"


CN_CALL = "Chinese President Xi Jinping held phone talks with To Lam, general secretary of the CPV."
VN_CALL = "General Secretary Tô Lâm held phone talks with Chinese President Xi Jinping."


def test_front_matter_headlines_group_as_events(write_corpus: WriteCorpus, tmp_path: Path) -> None:
    root = write_corpus(
        {
            "vn-call.md": article("2025-03-03", "Party chief holds phone talks", "VNA", VN_CALL),
            "cn-call.md": article("2025-03-04", "Xi speaks with Lam", "Xinhua", CN_CALL),
            "cn-call-2.md": article("2025-03-10", "Xi, Lam talk by phone", "Xinhua", CN_CALL),
            "cn-message.md": article(
                "2025-03-03", "Xi sends congratulatory message to To Lam", "Xinhua",
                "Chinese President Xi Jinping sent a message to To Lam.",
            ),
            "vn-arrive.md": article(
                "2025-04-14", "Xi Jinping arrives in Hà Nội for State visit", "VNA",
                "Xi Jinping arrived in Hà Nội, welcomed by Tô Lâm.",
            ),
            "cn-talks.md": article(
                "2025-04-15", "Xi, To Lam hold talks in Hanoi", "Xinhua",
                "Xi Jinping held talks with To Lam in Hanoi on Tuesday.",
            ),
            "vn-leaves.md": article(
                "2025-04-16", "Xi Jinping concludes State visit to Việt Nam", "VNA",
                "Xi Jinping left Hà Nội on Wednesday, seen off by Tô Lâm.",
            ),
        }
    )  # fmt: skip
    with filled(root, tmp_path) as library:
        grouped = sorted(e.article_ids() for e in library.events())
        kinds = {e.article_ids(): e.kind for e in library.events()}
    assert grouped == [
        ("cn-call-2.md",),
        ("cn-message.md",),
        ("vn-arrive.md", "cn-talks.md", "vn-leaves.md"),
        ("vn-call.md", "cn-call.md"),
    ]
    assert kinds[("vn-call.md", "cn-call.md")] == "call"
    assert kinds[("vn-arrive.md", "cn-talks.md", "vn-leaves.md")] == "visit"


def test_a_late_report_of_a_call_joins_it_when_its_lead_says_the_day(
    write_corpus: WriteCorpus, tmp_path: Path
) -> None:
    late = "Chinese President Xi Jinping held phone talks with To Lam on Monday."
    root = write_corpus(
        {
            "vn-call.md": article("2025-03-03", "Party chief holds phone talks", "VNA", VN_CALL),
            "cn-late.md": article("2025-03-06", "Xi speaks with Lam by phone", "Xinhua", late),
            "cn-other.md": article("2025-03-06", "Xi speaks with Lam by phone", "Xinhua", CN_CALL),
        }
    )
    with filled(root, tmp_path) as library:
        grouped = sorted(e.article_ids() for e in library.events())
    assert grouped == [("cn-other.md",), ("vn-call.md", "cn-late.md")]


def test_a_call_two_days_later_is_not_dated_by_a_journey_its_lead_names(
    write_corpus: WriteCorpus, tmp_path: Path
) -> None:
    later = (
        "Tô Lâm, who returned on Monday from an official visit to Laos, held phone talks"
        " with President Xi Jinping this afternoon on the railway project."
    )
    root = write_corpus(
        {
            "a1.md": article("2025-03-10", "Party chief holds phone talks", "VNA", VN_CALL),
            "a2.md": article("2025-03-11", "Xi speaks with Lam by phone", "Xinhua", CN_CALL),
            "a5.md": article("2025-03-12", "Party chief holds phone talks", "VNA", later),
        }
    )
    with filled(root, tmp_path) as library:
        grouped = sorted(e.article_ids() for e in library.events())
    assert grouped == [("a1.md", "a2.md"), ("a5.md",)]


def untitled(date: str, source: str, lead: str) -> str:
    return f"---\ndate: {date}\nplace: Beijing\nsource: {source}\n---\n\n{lead}\n"


def test_a_visit_whose_titles_readout_made_is_one_visit(
    write_corpus: WriteCorpus, tmp_path: Path
) -> None:
    # No title of their own: readout makes `Tô Lâm – Xi Jinping · talks` for the
    # arrival from its text, which says talks further on. The lead's first
    # sentence says the visit, and the talks four days later are of the visit.
    root = write_corpus(
        {
            "arrives.md": untitled(
                "2025-04-14", "VNA", "General Secretary Tô Lâm arrived in Beijing on Monday,"
                " beginning a state visit to China at the invitation of Xi Jinping."
                " The two leaders will hold talks.",
            ),
            "talks.md": untitled(
                "2025-04-15", "VNA", "Tô Lâm held talks with Xi Jinping in Beijing on Tuesday.",
            ),
            "talks-cn.md": untitled(
                "2025-04-18", "Xinhua", "Chinese President Xi Jinping held talks with To Lam"
                " in Shanghai on Friday.",
            ),
        }
    )  # fmt: skip
    with filled(root, tmp_path) as library:
        titles = {article.id: article.title for article in library.articles()}
        events = library.events()
    assert titles["arrives.md"] == "Tô Lâm – Xi Jinping · talks"
    assert [(e.kind, e.article_ids()) for e in events] == [
        ("visit", ("arrives.md", "talks.md", "talks-cn.md"))
    ]


def test_a_title_of_its_own_told_apart_from_a_twin_still_says_the_kind(
    write_corpus: WriteCorpus, tmp_path: Path
) -> None:
    # Twins of one day get ` · VNA`, ` · VNS` shown: their own title still decides.
    lead = "General Secretary Tô Lâm arrived in Beijing on Monday for a state visit to China."
    title = "Party chief holds talks with Xi Jinping"
    root = write_corpus(
        {
            "vna.md": article("2025-04-14", title, "VNA", lead),
            "vns.md": article("2025-04-14", title, "VNS", lead),
        }
    )
    with filled(root, tmp_path) as library:
        shown = sorted(article.title for article in library.articles())
        kinds = sorted(e.kind for e in library.events())
    assert shown == [f"{title} · VNA", f"{title} · VNS"]
    assert kinds == ["talks"]


def test_events_follow_the_store(write_corpus: WriteCorpus, tmp_path: Path) -> None:
    root = write_corpus({"vn-call.md": article("2025-03-03", "Phone talks", "VNA", VN_CALL)})
    with Library.open(root, lexicon=LEXICON, store=tmp_path / "library.sqlite") as library:
        library.refresh(workers=1)
        assert [len(e.reports) for e in library.events()] == [1]
        (root / "cn-call.md").write_text(article("2025-03-04", "Xi call", "Xinhua", CN_CALL))
        library.refresh(workers=1)
        assert [len(e.reports) for e in library.events()] == [2]


def test_the_principals_are_the_leaders_the_title_names() -> None:
    from tui.core.store.events import _principals

    people = [("xi jinping", "Xi Jinping"), ("mao zedong", "Mao Zedong"), ("to lam", "Tô Lâm")]
    assert _principals("Tô Lâm – Xi Jinping · phone talks", people) == ("Tô Lâm", "Xi Jinping")
    assert _principals("Party chief holds phone talks", people) == (
        "Xi Jinping", "Mao Zedong", "Tô Lâm"
    )  # fmt: skip
    # A name extracted with a word too many (`Norway Zoë Horváth`) is still named.
    named = [("norway zoe horvath", "Norway Zoë Horváth"), ("tran quyet", "Trần Quyết")]
    assert _principals("Trần Quyết holds talks with Zoë Horváth", named) == (
        "Trần Quyết", "Norway Zoë Horváth"
    )  # fmt: skip
    assert _principals("Anything", []) == ()


def test_events_are_kept_beside_the_store_and_read_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.core.store import events as stored_events
    from tui.core.store.events_cache import cache_path

    with filled(SEEDS, tmp_path) as library:
        made = library.events()
        kept = cache_path(library.store_path)
    assert kept.is_file()

    def no_grouping(_conn: object) -> NoReturn:
        raise AssertionError("grouped again")

    monkeypatch.setattr(stored_events, "read_sightings", no_grouping)
    with Library.open(SEEDS, lexicon=LEXICON, store=tmp_path / "library.sqlite") as library:
        assert library.events() == made
        assert library.event_of(PAIR[0]) == made[2]


def test_a_damaged_or_stale_file_of_events_is_made_again(tmp_path: Path) -> None:
    from tui.core.store.events_cache import cache_path

    with filled(SEEDS, tmp_path) as library:
        made = library.events()
    kept = cache_path(tmp_path / "library.sqlite")
    for damage in (b"{not json", b'{"key": "1:2:3", "events": []}', b'{"key": 1}', b"[]",
                   b"[" * 5000):  # fmt: skip
        kept.write_bytes(damage)
        with Library.open(SEEDS, lexicon=LEXICON, store=tmp_path / "library.sqlite") as library:
            assert library.events() == made
    kept.unlink()
    kept.mkdir()  # cannot be written: the events are made all the same
    with Library.open(SEEDS, lexicon=LEXICON, store=tmp_path / "library.sqlite") as library:
        assert library.events() == made
