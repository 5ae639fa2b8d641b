"""The timeline by keys on the seeds: `T` opens it on the newest event of the busiest
pair, `h`/`l` go along a lane, `j`/`k` across, `+`/`-` zoom keeping the date, `f`
focuses a leader, `enter` opens the event's first report; from a leader's profile,
`T` opens theirs; the palette and the help know it; small terminals; text is data."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList

from tests.app.conftest import MakeApp, loaded, palette_prompts, screen_text
from tests.app.test_compare_ui import _until
from tests.app.test_snapshots import SnapCompare, in_repository  # noqa: F401 (a fixture)
from tui.core.events import Event, Report
from tui.core.timeline import Timeline, Zoom, make_timeline
from tui.screens.help import HelpScreen
from tui.screens.leader_picker import LeaderPicker
from tui.screens.profile import LeaderProfileScreen
from tui.screens.reader import ReaderScreen
from tui.screens.timeline import TimelineScreen, axis
from tui.widgets.timeline_grid import CELL, TimelineGrid

LUONG_CUONG_TALKS = "002_dce0a2b2b469b0e8.txt"
VNA_CALL = "000_250548e130747c8a.txt"


async def _timeline(pilot: object, zoom: str = "month", focus: str | None = None) -> str:
    """Wait for the timeline laid out by `zoom` (and `focus`); the screen's text."""
    app = pilot.app  # type: ignore[attr-defined]

    def shown() -> bool:
        screen = app.screen
        return (
            isinstance(screen, TimelineScreen)
            and screen.timeline is not None
            and (screen.timeline.zoom, screen.timeline.focus) == (zoom, focus)
        )

    await _until(pilot, shown)
    return screen_text(app)


async def _click(pilot: Pilot[None], day: dt.date, lane: int) -> None:
    """Click the timeline's cell of `day` in `lane` (shown on screen)."""
    grid = pilot.app.screen.query_one(TimelineGrid)
    assert grid.timeline is not None
    column = grid.timeline.index_of(day) - grid.window()[0]
    await pilot.click(TimelineGrid, offset=(grid.names() + column * CELL + 1, lane))


async def test_T_shows_the_lanes_on_a_date_axis(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("T")
        text = await _timeline(pilot)
        assert "Timeline · leader pairs · by month · 4 events in 2 lanes ─" in text
        assert "2024                2025" in text  # the years over their first month
        assert "Aug Sep Oct Nov Dec Jan Feb" in text
        assert "Tô Lâm – Xi Jinping        ◆   ·   ·   ·   ·   ○" in text
        assert "Lương Cường – Xi Jinping   ·" in text
        # The cursor starts on the busiest pair's newest event, named under the grid.
        assert "Tô Lâm – Xi Jinping · 2026-01 · 1 event" in text
        assert "▸ 2026-01-26  call  Tô Lâm – Xi Jinping  VNS" in text
        assert "● visit  ◆ talks" in text


async def test_keys_move_along_and_across_lanes_and_enter_opens(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("T")
        await _timeline(pilot)
        await pilot.press("h")
        text = screen_text(app)
        assert "Tô Lâm – Xi Jinping · 2025-01 · 1 event" in text
        assert "2025-01-15..16  call  Tô Lâm – Xi Jinping  VNS, Agence Kampuchea Presse" in text
        await pilot.press("left", "h")  # the oldest, then nothing further: stays
        assert "Tô Lâm – Xi Jinping · 2024-08 · 1 event" in screen_text(app)
        await pilot.press("l", "j")  # 2025-01, the lane below: nothing that month
        assert "Lương Cường – Xi Jinping · 2025-01 · nothing here" in screen_text(app)
        await pilot.press("enter")  # on an empty cell: to the nearest event
        assert "Lương Cường – Xi Jinping · 2025-04 · 1 event" in screen_text(app)
        await pilot.press("enter")
        await _until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        assert app.reader.current == LUONG_CUONG_TALKS


async def test_a_click_puts_the_cursor_on_a_cell(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("T")
        await _timeline(pilot)
        await _click(pilot, dt.date(2025, 4, 1), lane=1)
        assert "Lương Cường – Xi Jinping · 2025-04 · 1 event" in screen_text(app)


async def test_zooming_keeps_the_cursor_on_its_date(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("T")
        await _timeline(pilot)
        month = app.screen.timeline
        await pilot.press("h", "plus")
        text = await _timeline(pilot, "week")
        assert "Timeline · leader pairs · by week" in text
        assert "Tô Lâm – Xi Jinping · week of 2025-01-13 · 1 event" in text
        assert "Jan 2025" in text
        await pilot.press("minus")
        await _timeline(pilot, "month")
        assert app.screen.timeline is month  # laid out once
        assert "Tô Lâm – Xi Jinping · 2025-01 · 1 event" in screen_text(app)
        await pilot.press("minus", "minus", "minus")  # the widest, and no further
        text = await _timeline(pilot, "year")
        assert "Tô Lâm – Xi Jinping · 2025 · 1 event" in text


async def test_zooming_in_and_out_on_an_empty_cell_comes_back_to_its_bin(
    make_app: MakeApp,
) -> None:
    """The week of 2025-01-01 (a Wednesday) begins on 2024-12-30: zooming back out from
    it comes back to January, where the cursor was, not to December."""
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("T")
        await _timeline(pilot)
        await pilot.press("h", "j")  # 2025-01, the lane below: nothing that month
        assert "Lương Cường – Xi Jinping · 2025-01 · nothing here" in screen_text(app)
        await pilot.press("plus")
        text = await _timeline(pilot, "week")
        assert "Lương Cường – Xi Jinping · week of 2024-12-30 · nothing here" in text
        await pilot.press("plus")  # no narrower zoom: the week still
        await pilot.press("minus")
        text = await _timeline(pilot, "month")
        assert "Lương Cường – Xi Jinping · 2025-01 · nothing here" in text
        await pilot.press("minus", "plus")  # through the quarter and back
        text = await _timeline(pilot, "month")
        assert "Lương Cường – Xi Jinping · 2025-01 · nothing here" in text
        await pilot.press("plus", "l", "minus")  # moved: the week's own month now
        text = await _timeline(pilot, "month")
        assert "Lương Cường – Xi Jinping · 2025-04 · 1 event" in text


async def test_zooming_out_and_in_on_an_empty_cell_keeps_it_when_the_wider_bin_has_an_event(
    make_app: MakeApp,
) -> None:
    """May 2025 is empty, its quarter holds April's talks: back from the quarter, the
    cursor is on May again, not on the event's month; once moved, on the event's."""
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("T")
        await _timeline(pilot)
        await _click(pilot, dt.date(2025, 5, 1), lane=1)
        assert "Lương Cường – Xi Jinping · 2025-05 · nothing here" in screen_text(app)
        await pilot.press("minus")
        text = await _timeline(pilot, "quarter")
        assert "Lương Cường – Xi Jinping · 2025 Q2 · 1 event" in text
        await pilot.press("plus")
        text = await _timeline(pilot, "month")
        assert "Lương Cường – Xi Jinping · 2025-05 · nothing here" in text
        await pilot.press("minus", "k", "j", "plus")  # moved away and back: the event's
        text = await _timeline(pilot, "month")
        assert "Lương Cường – Xi Jinping · 2025-04 · 1 event" in text


async def test_f_focuses_a_leader_and_again_shows_every_pair(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("T")
        await _timeline(pilot)
        await pilot.press("f")
        await _until(pilot, lambda: isinstance(app.screen, LeaderPicker))
        picker = app.screen.query_one(OptionList)
        assert picker.highlighted == picker.get_option_index("Tô Lâm")  # the lane's
        await pilot.press("k", "enter")  # Xi Jinping
        text = await _timeline(pilot, focus="Xi Jinping")
        assert "Timeline · Xi Jinping's counterparts · by month" in text
        lanes = app.screen.query_one(TimelineGrid).timeline.lanes
        assert [lane.name for lane in lanes] == ["Tô Lâm", "Lương Cường"]
        await pilot.press("f")
        text = await _timeline(pilot)
        assert "Timeline · leader pairs" in text


async def test_T_on_a_profile_shows_their_counterparts_and_opens_in_the_reader(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("P")
        await _until(pilot, lambda: isinstance(app.screen, LeaderProfileScreen))
        await pilot.press("T")
        text = await _timeline(pilot, focus="Tô Lâm")
        assert "Timeline · Tô Lâm's counterparts" in text
        await pilot.press("h", "enter")  # the call of 2025-01: its first report
        await _until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        assert app.reader.current == VNA_CALL


async def test_the_palette_and_the_help_know_the_timeline(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await loaded(pilot)
        prompts = await palette_prompts(pilot, "timeline", by_key=False)
        assert any(prompt.startswith("Timeline\n") for prompt in prompts)
        await pilot.press("enter")
        await _timeline(pilot)
        await pilot.press("escape")
        await _until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        sections = dict(app.key_sections())
        assert ("T", "Timeline of events") in sections["Anywhere"]
        rows = [description for _, description in sections["Timeline"]]
        assert "Focus a leader / all pairs" in rows and "Open the event" in rows
        await pilot.press("question_mark")
        await _until(pilot, lambda: isinstance(app.screen, HelpScreen))


async def test_a_small_terminal_keeps_working(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await loaded(pilot)
        await pilot.press("T")
        text = await _timeline(pilot)
        assert "Tô Lâm – … " in text  # names cut to the column
        await pilot.press("h", "h", "j", "k", "plus")
        text = await _timeline(pilot, "week")
        assert "Tô Lâm – Xi Jinping · week of 2024-08-19 · 1 event" in text.replace("\n", "")
        await pilot.press("G", "end", "pagedown", "pageup", "n", "p", "minus")
        await _timeline(pilot, "month")
        await pilot.press("escape")
        await _until(pilot, lambda: isinstance(app.screen, ReaderScreen))


class _Stub:
    """A library of hostile names (markup, control characters) and many lanes."""

    def __init__(self, lanes: int = 300) -> None:
        day = dt.date(2025, 3, 1)
        self.events = [
            Event(f"e{i}", "visit", day, day, (f"[bold]Evil {i}[/]", "Mr\x1b[2JX"),
                  (Report(f"a{i}", day, "t", "[link=x]Outlet[/]", None),))
            for i in range(lanes)
        ]  # fmt: skip
        self.events.append(Event("undated", "call", None, None, ("A", "B"), ()))

    def timeline(self, zoom: Zoom = "month", focus: str | None = None) -> Timeline:
        return make_timeline(self.events, zoom, focus)

    def leaders(self) -> dict[str, int]:
        return {}


async def test_names_from_files_are_shown_as_written(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await loaded(pilot)
        await app.push_screen(TimelineScreen(_Stub()))
        text = await _timeline(pilot)
        assert "[bold]Evil 0[/] – Mr␛[2JX" in text
        assert "· by month · 300 events in 300 lanes · 1 undated left out" in text
        assert "[link=x]Outlet[/]" in text
        await pilot.press("G")  # the 300th lane, drawn when scrolled to
        last = app.screen.query_one(TimelineGrid).timeline.lanes[-1].name
        assert last.startswith("[bold]Evil 9[/]") and "[bold]Evil 9[/] – Mr" in screen_text(app)


def calls(*days: dt.date) -> list[Event]:
    """A call between A and B on each of `days`."""
    return [
        Event(f"e{i}", "call", day, day, ("A", "B"), (Report(f"a{i}", day, "t", "X", None),))
        for i, day in enumerate(days)
    ]


class _Events:
    """A library of the events given, between two leaders."""

    def __init__(self, *days: dt.date) -> None:
        self.events = calls(*days)

    def timeline(self, zoom: Zoom = "month", focus: str | None = None) -> Timeline:
        return make_timeline(self.events, zoom, focus)

    def leaders(self) -> dict[str, int]:
        return {}


async def test_zooming_out_the_cursor_is_on_the_event_it_kept(make_app: MakeApp) -> None:
    """From November's event to its year, which holds July's too: `▸` marks November's
    (enter opens it), and zooming back in keeps it."""
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await loaded(pilot)
        await app.push_screen(TimelineScreen(_Events(dt.date(2018, 7, 25), dt.date(2018, 11, 29))))
        text = await _timeline(pilot)
        assert "A – B · 2018-11 · 1 event" in text
        await pilot.press("minus", "minus")
        text = await _timeline(pilot, "year")
        assert "A – B · 2018 · 2 events" in text and "▸ 2018-11-29  call" in text
        await pilot.press("plus")
        text = await _timeline(pilot, "quarter")
        assert "A – B · 2018 Q4 · 1 event" in text
        await pilot.press("minus", "n", "plus")  # July's now: its quarter
        text = await _timeline(pilot, "quarter")
        assert "A – B · 2018 Q3 · 1 event" in text


async def test_zooming_in_from_a_view_that_did_not_scroll_shows_the_cursor(
    make_app: MakeApp,
) -> None:
    """By year the eleven bins fit and the grid has no scroll bar; by quarter they do
    not: the cursor's quarter, 2022 Q1, is scrolled to."""
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await loaded(pilot)
        days = dt.date(2015, 1, 5), dt.date(2022, 2, 1), dt.date(2025, 6, 1)
        await app.push_screen(TimelineScreen(_Events(*days)))
        await _timeline(pilot)
        await pilot.press("h", "minus", "minus")
        await _timeline(pilot, "year")
        await pilot.press("plus")
        text = await _timeline(pilot, "quarter")
        assert "A – B · 2022 Q1 · 1 event" in text
        grid = app.screen.query_one(TimelineGrid)
        first, shown = grid.window()
        assert first <= grid.index < first + shown
        assert "2021            2022" in text  # the axis scrolled with it


async def test_no_dated_event_is_said(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await app.push_screen(TimelineScreen(_Stub(lanes=0)))
        text = await _timeline(pilot)
        assert "No dated event to show · 1 undated left out." in text
        await pilot.press("h", "l", "j", "k", "n", "enter", "plus", "f")
        await _timeline(pilot, "week")
        assert isinstance(app.screen, TimelineScreen)  # no leaders to focus on: said


def test_snapshot_of_the_timeline(snap_compare: SnapCompare, make_app: MakeApp) -> None:
    async def open_timeline(pilot: Pilot[None]) -> None:
        await loaded(pilot)
        await pilot.press("T")
        await _timeline(pilot)
        await pilot.press("h")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(140, 40), run_before=open_timeline)


def test_a_month_begun_in_the_last_bin_shown_is_cut_not_wrapped() -> None:
    """By week the upper axis names the month (`Jan 2025`, wider than a bin): begun
    in the last bin shown, it is cut there, so the line never wraps."""
    timeline = make_timeline(calls(dt.date(2024, 12, 2), dt.date(2025, 2, 3)), "week")
    first = timeline.index_of(dt.date(2024, 12, 9))
    upper, lower = axis(timeline, first, 4, 10, first).plain.split("\n")  # Dec 9..30
    assert upper == " " * 10 + "Dec 2024 "
    upper, lower = axis(timeline, first, 5, 10, first).plain.split("\n")  # ..Jan 6
    assert upper == " " * 10 + "Dec 2024 " + " " * 7 + "Jan "
    assert len(upper) == len(lower) == 10 + 5 * 4


@pytest.mark.parametrize(
    ("zoom", "start", "upper"),
    [
        ("month", "2021-12-01", "    2022 "),  # not `2021` over 2022's months
        ("quarter", "2021-10-01", "    2022            2023"),
        ("week", "2024-07-22", "Jul     Aug 2024 "),  # the month cut to the room it has
        ("week", "2024-07-15", "Jul 2024    Aug 2024 "),  # room for it whole
        ("month", "2021-11-01", "2021    2022 "),
        ("week", "2024-07-29", "    Aug 2024        Sep "),  # not `Jul Aug 2024`
    ],
)
def test_the_year_carried_to_the_first_bin_never_hides_where_the_next_begins(
    zoom: Zoom, start: str, upper: str
) -> None:
    timeline = make_timeline(calls(dt.date(2021, 1, 4), dt.date(2025, 1, 6)), zoom)
    first = timeline.index_of(dt.date.fromisoformat(start))
    top, _ = axis(timeline, first, 6, 2, first).plain.split("\n")
    assert top == "  " + upper
