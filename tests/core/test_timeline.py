"""The timeline: lanes by leader pair or counterpart, bins by year to week, the mark
of a cell, the density, undated events counted; on the seeds' store."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tui.core.events import Event, Report
from tui.core.store import Library
from tui.core.timeline import (
    ALONE,
    NO_LEADER,
    ZOOMS,
    Mark,
    bin_number,
    bin_start,
    make_timeline,
    mark_of,
)

D = dt.date
LAM, XI, CUONG, PUTIN = "Tô Lâm", "Xi Jinping", "Lương Cường", "Vladimir Putin"


def event(day: D | None, kind: str, *leaders: str, reports: int = 1) -> Event:
    made = tuple(Report(f"{day}-{kind}-{i}", day, "t", "VNA", None) for i in range(reports))
    return Event(f"{day}-{'-'.join(leaders)}-{kind}", kind, day, day, leaders, made)


EVENTS = [
    event(D(2026, 1, 26), "call", LAM, XI),
    event(D(2025, 4, 15), "talks", CUONG, XI),
    event(D(2025, 1, 15), "call", XI, LAM, reports=2),
    event(D(2025, 1, 20), "message", LAM, XI),
    event(D(2024, 8, 19), "talks", LAM, XI),
    event(None, "visit", LAM, XI),
    event(D(2025, 1, 3), "statement", XI),
    event(D(2025, 2, 1), "conference", XI, LAM, PUTIN),
    event(
        D(2025, 3, 1),
        "",
    ),
]


@pytest.mark.parametrize("zoom", ZOOMS)
def test_bins_are_consecutive_numbers_and_start_where_they_say(zoom: str) -> None:
    day = D(2024, 12, 30)  # a Monday, in 2024's last week and quarter
    number = bin_number(day, zoom)  # type: ignore[arg-type]
    assert bin_start(number, zoom) <= day < bin_start(number + 1, zoom)  # type: ignore[arg-type]
    assert bin_number(bin_start(number + 1, zoom), zoom) == number + 1  # type: ignore[arg-type]


def test_weeks_begin_on_monday() -> None:
    assert bin_start(bin_number(D(2025, 1, 19), "week"), "week") == D(2025, 1, 13)
    assert bin_number(D(2025, 1, 20), "week") == bin_number(D(2025, 1, 19), "week") + 1


def test_lanes_are_leader_pairs_most_events_first() -> None:
    timeline = make_timeline(EVENTS, "month")
    names = [lane.name for lane in timeline.lanes]
    assert names[0] == "Tô Lâm – Xi Jinping"  # either order of the two, one lane
    assert timeline.lanes[0].events == 5  # three-way conference: its first two leaders
    assert set(names[1:]) == {"Lương Cường – Xi Jinping", "Xi Jinping", NO_LEADER}


def test_bins_run_from_the_first_event_to_the_last_and_undated_are_counted() -> None:
    timeline = make_timeline(EVENTS, "month")
    assert timeline.start(0) == D(2024, 8, 1) and timeline.bins == 18  # 2024-08 .. 2026-01
    assert timeline.undated == 1 and timeline.events == 8
    assert timeline.density[timeline.index_of(D(2025, 1, 1))] == 3
    assert sum(timeline.density) == 8  # the three-way one counted once


def test_a_cell_holds_the_events_begun_in_its_bin_oldest_first() -> None:
    lane = make_timeline(EVENTS, "month").lanes[0]
    january = make_timeline(EVENTS, "month").index_of(D(2025, 1, 1))
    assert [e.kind for e in lane.cells[january]] == ["call", "message"]
    spanning = Event("e", "visit", D(2025, 1, 31), D(2025, 2, 3), (LAM, XI), ())
    timeline = make_timeline([spanning], "month")
    assert timeline.bins == 1 and timeline.label(0) == "2025-01"


def test_the_mark_is_the_weightiest_kind_with_the_count() -> None:
    assert mark_of([EVENTS[2], EVENTS[3]]) == Mark("call", 2)
    assert mark_of([EVENTS[3], EVENTS[4], EVENTS[0]]) == Mark("talks", 3)
    assert mark_of([EVENTS[7], EVENTS[0]]) == Mark("conference", 2)  # conference > call
    assert mark_of([EVENTS[8], EVENTS[6]]) == Mark("statement", 2)  # a kind not told: least
    assert mark_of([EVENTS[8]]) == Mark("", 1)


def test_focused_on_a_leader_the_lanes_are_their_counterparts() -> None:
    timeline = make_timeline(EVENTS, "year", focus="to lam")  # any case, no accents
    by_name = {lane.name: lane.events for lane in timeline.lanes}
    assert by_name == {XI: 5, PUTIN: 1}
    assert timeline.events == 5 and timeline.undated == 1
    xi_alone = make_timeline(EVENTS, "year", focus=XI)
    assert {lane.name for lane in xi_alone.lanes} == {LAM, CUONG, PUTIN, ALONE}
    assert make_timeline(EVENTS, "year", focus="Nobody").lanes == ()


@pytest.mark.parametrize(
    ("zoom", "label", "major", "minor"),
    [
        ("year", "2025", "2025", "25"),
        ("quarter", "2025 Q1", "2025", "Q1"),
        ("month", "2025-01", "2025", "Jan"),
        ("week", "week of 2024-12-30", "Dec 2024", "30"),
    ],
)
def test_labels_of_the_axis(zoom: str, label: str, major: str, minor: str) -> None:
    timeline = make_timeline(EVENTS, zoom)  # type: ignore[arg-type]
    at = timeline.index_of(D(2025, 1, 3))
    assert timeline.label(at) == label and timeline.minor(at) == minor
    assert timeline.major(at, first_shown=True) == major
    if zoom == "week":  # a week's month is told where the month changes
        assert timeline.major(at) is None
        assert timeline.major(timeline.index_of(D(2025, 1, 6))) == "Jan 2025"
    elif zoom != "year":
        assert timeline.major(at + 1) is None


def test_a_lane_steps_to_its_next_and_previous_filled_bins() -> None:
    timeline = make_timeline(EVENTS, "month")
    lane = timeline.lanes[0]
    january, august = timeline.index_of(D(2025, 1, 1)), 0
    assert lane.step(august, +1) == january
    assert lane.step(january, -1) == august and lane.step(august, -1) is None
    assert lane.step(timeline.bins - 1, +1) is None
    assert lane.nearest(january + 1) == timeline.index_of(D(2025, 2, 1))
    assert lane.nearest(3) == january  # 2024-11: three from August, two from January
    assert lane.nearest(2) == august and lane.nearest(january) == january
    assert make_timeline([], "month").bins == 0


def test_an_empty_timeline() -> None:
    timeline = make_timeline([event(None, "call", LAM, XI)])
    assert timeline.lanes == () and timeline.bins == 0 and timeline.undated == 1


def test_the_seeds_timeline(seeds_library: Library) -> None:
    timeline = seeds_library.timeline("quarter")
    assert [(lane.name, lane.events) for lane in timeline.lanes] == [
        ("Tô Lâm – Xi Jinping", 3),
        ("Lương Cường – Xi Jinping", 1),
    ]
    assert timeline.label(0) == "2024 Q3" and timeline.label(timeline.bins - 1) == "2026 Q1"
    (cell,) = timeline.lanes[0].cells[timeline.index_of(D(2025, 1, 15))]
    assert cell.kind == "call" and len(cell.reports) == 2
    focused = seeds_library.timeline("year", focus="Xi Jinping")
    assert [lane.name for lane in focused.lanes] == ["Tô Lâm", "Lương Cường"]


def test_a_timeline_is_kept_until_the_events_change(tmp_path: Path) -> None:
    from tests.core.test_threads import seeds_copied
    from tui.core.store.library import TIMELINES_KEPT

    with seeds_copied(tmp_path / "corpus") as library:
        month = library.timeline("month")
        assert library.timeline("month") is month  # asked again: at once
        assert library.timeline("month", focus="Xi Jinping") is not month
        (tmp_path / "corpus" / "new.txt").write_text(
            " date 2026-03-02 HÀ NỘI — Tô Lâm held phone talks with Xi Jinping on "
            "Monday. The two sides agreed to speed up the railway.\n",
            encoding="utf-8",
        )
        library.refresh()
        again = library.timeline("month")
        assert again is not month and again.events == month.events + 1
        for zoom in ZOOMS:  # more asked for than are kept: the oldest is made again
            for focus in (None, "Tô Lâm"):
                library.timeline(zoom, focus)
        assert 2 * len(ZOOMS) > TIMELINES_KEPT
        assert library.timeline("year") is library.timeline("year")
        assert library.timeline("month") is not again
