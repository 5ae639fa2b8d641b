"""A leader's profile: titles over time, counterparts, events, made from appearances;
and read from a store of the seeds, names by any spelling."""

from __future__ import annotations

import datetime as dt

from tests.conftest import WriteCorpus
from tests.core.test_commitments_all import KHAI_BEIJING, KHAI_HANOI
from tests.core.test_store_records import LEXICON
from tui.core.events import Event, Report
from tui.core.profiles import Appearance, counterparts, make_profile, title_spans
from tui.core.store import Library

D = dt.date


def seen(day: D | None, *leaders: tuple[str, str | None, tuple[str, ...]]) -> Appearance:
    return Appearance(f"a-{day}", day, "t", "VNA", leaders)


LAM = "Tô Lâm"
XI = ("Xi Jinping", "China", ("President",))


def test_a_title_spans_the_dates_of_the_articles_giving_it() -> None:
    spans = title_spans(
        LAM,
        [
            seen(D(2025, 1, 15), (LAM, "Việt Nam", ("General Secretary",)), XI),
            seen(D(2024, 10, 2), (LAM, "Việt Nam", ("State President",))),
            seen(D(2024, 8, 19), (LAM, "Việt Nam", ("State President", "General Secretary"))),
            seen(None, (LAM, None, ("Party chief",))),
            seen(D(2026, 1, 2), (LAM, "Việt Nam", ("general  secretary",))),
            seen(D(2025, 3, 1), XI),  # the others' titles are not theirs
        ],
    )
    assert [(s.title, s.first, s.last, s.articles) for s in spans] == [
        ("State President", D(2024, 8, 19), D(2024, 10, 2), 2),
        ("General Secretary", D(2024, 8, 19), D(2026, 1, 2), 3),
        ("Party chief", None, None, 1),
    ]


def test_titles_told_apart_only_by_case_diacritics_or_spaces_are_one() -> None:
    spans = title_spans(
        LAM,
        [
            seen(D(2025, 1, 1), (LAM, None, ("Party of Việt Nam",))),
            seen(D(2025, 2, 1), (LAM, None, ("party of viet  nam", "Party of Vietnam"))),
        ],
    )
    assert [(s.title, s.articles, s.last) for s in spans] == [
        ("Party of Việt Nam", 2, D(2025, 2, 1)),
        ("Party of Vietnam", 1, D(2025, 2, 1)),
    ]


def event(leaders: tuple[str, ...], reports: int) -> Event:
    day = D(2025, 1, 15)
    made = tuple(Report(f"r{n}", day, "t", "VNA", None) for n in range(reports))
    return Event(f"e-{'-'.join(leaders)}-{reports}", "call", day, day, leaders, made)


def test_counterparts_by_articles_together_then_events_then_name() -> None:
    appearances = [
        seen(D(2025, 1, 15), (LAM, None, ()), XI, ("Li Qiang", "China", ())),
        seen(D(2025, 4, 1), (LAM, None, ()), XI),
        seen(D(2024, 8, 1), (LAM, None, ()), ("Lương Cường", None, ()), XI),
        seen(None, (LAM, None, ()), ("Lương Cường", "Việt Nam", ())),
    ]
    events = [event((LAM, "Xi Jinping"), 2), event((LAM, "Lương Cường"), 3)]
    found = counterparts(LAM, appearances, events)
    assert [(c.name, c.country, c.articles, c.events, c.last) for c in found] == [
        ("Xi Jinping", "China", 3, 1, D(2025, 4, 1)),
        ("Lương Cường", "Việt Nam", 2, 1, D(2024, 8, 1)),
        ("Li Qiang", "China", 1, 0, D(2025, 1, 15)),
    ]


def test_a_profile_keeps_the_events_of_two_reports_or_more_that_name_the_leader() -> None:
    events = [
        event((LAM, "Xi Jinping"), 2),
        event((LAM,), 1),
        event(("Xi Jinping", "Putin"), 2),
    ]
    profile = make_profile(
        LAM,
        [seen(D(2025, 1, 15), (LAM, "Việt Nam", ()), XI), seen(D(2024, 1, 1), (LAM, None, ()))],
        events,
        commitments=3,
        kinds={"pledge": 2, "proposal": 1},
    )
    assert [e.leaders for e in profile.events] == [(LAM, "Xi Jinping")]
    assert (profile.country, profile.first, profile.last) == (
        "Việt Nam",
        D(2024, 1, 1),
        D(2025, 1, 15),
    )
    data = profile.as_dict()
    assert data["commitments"] == {"count": 3, "kinds": {"pledge": 2, "proposal": 1}, "topics": {}}
    assert [a["date"] for a in data["articles"]] == ["2025-01-15", "2024-01-01"]  # type: ignore[index]
    assert data["first"] == "2024-01-01" and data["last"] == "2025-01-15"


def test_the_seeds_profile_of_to_lam(seeds_library: Library) -> None:
    profile = seeds_library.leader_profile("Tô Lâm")
    assert profile is not None
    assert len(profile.appearances) == 4 and profile.country == "Việt Nam"
    assert [e.id for e in profile.events] == ["2025-01-15-to-lam-xi-jinping-call"]
    first = {s.title: (s.first, s.last) for s in profile.titles}
    assert first["President of Vietnam"] == (D(2024, 8, 19), D(2024, 8, 19))
    assert profile.counterparts[0].name == "Xi Jinping"
    assert profile.commitments == sum(profile.kinds.values()) > 0
    assert seeds_library.leader_profile("Nobody At All") is None


def test_an_article_naming_the_leader_by_another_spelling_counts(
    write_corpus: WriteCorpus,
) -> None:
    root = write_corpus({"a.txt": KHAI_HANOI, "b.txt": KHAI_BEIJING})
    with Library.open(root, lexicon=LEXICON) as library:
        library.refresh(workers=1)
        (name,) = [n for n in library.leaders() if "Kh" in n]
        profile = library.leader_profile(name)
        assert profile is not None
        assert [a.date for a in profile.appearances] == [D(2025, 5, 10), D(2025, 3, 2)]
        assert [(c.name, c.articles) for c in profile.counterparts] == [("Zhou Lanfeng", 2)]
        titles = {s.title for s in profile.titles}
        assert any("Deputy Foreign Minister" in t for t in titles)
        assert profile.commitments == 2  # proposed in Hà Nội, pledged in Beijing


def test_titles_said_of_the_past_do_not_date_when_they_were_held() -> None:
    trong = "Nguyễn Phú Trọng"
    spans = title_spans(
        trong,
        [
            seen(D(2024, 5, 1), (trong, None, ("General Secretary",))),
            seen(D(2025, 9, 1), (trong, None, ("the late General Secretary", "Former President"))),
            seen(D(2025, 10, 1), (trong, None, ("former president of Vietnam", "Ex-President"))),
        ],
    )
    assert [(s.title, s.first, s.last) for s in spans] == [
        ("General Secretary", D(2024, 5, 1), D(2024, 5, 1))
    ]


def test_a_leader_met_in_events_comes_before_those_only_named_beside() -> None:
    cuong = "Lương Cường"
    appearances = [
        seen(D(2025, 4, 15), (cuong, None, ()), XI, ("Hồ Chí Minh", None, ()),
             ("Mao Zedong", None, ())),
        seen(D(2025, 4, 16), (cuong, None, ()), ("Hồ Chí Minh", None, ())),
    ]  # fmt: skip
    found = counterparts(cuong, appearances, [event((cuong, "Xi Jinping"), 2)])
    assert [c.name for c in found] == ["Xi Jinping", "Hồ Chí Minh", "Mao Zedong"]


def test_a_title_naming_another_leader_of_the_article_is_no_title_of_theirs() -> None:
    giang, quyet = "Phan Văn Giang", "Đặng Thị Quyết"
    run_on = "Minister of Defence Đặng Thi Quyet and Võ Đức Tâm"  # folded, it names her
    spans = title_spans(
        giang,
        [
            seen(D(2024, 2, 1), (giang, None, (run_on, "Minister of Defence")), (quyet, None, ())),
            seen(D(2024, 3, 1), (giang, None, ("Minister of Defence Đặng",)), (quyet, None, ())),
        ],
    )
    assert [(s.title, s.articles) for s in spans] == [
        ("Minister of Defence", 1),
        ("Minister of Defence Đặng", 1),  # part of a name is no name
    ]
