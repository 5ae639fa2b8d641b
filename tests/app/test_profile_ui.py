"""A leader's profile by keys: `P` on the Leaders panel's leader, the palette's picker,
`enter` on a counterpart (and `backspace` back), on an article (it opens)."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import OptionList

from tests.app.conftest import MakeApp, loaded, screen_text
from tests.app.test_compare_ui import _until
from tests.app.test_snapshots import SnapCompare, in_repository  # noqa: F401 (a fixture)
from tui.screens.leader_picker import LeaderPicker
from tui.screens.profile import LeaderProfileScreen
from tui.screens.reader import ReaderScreen


async def _profile(pilot: object) -> LeaderProfileScreen:
    app = pilot.app  # type: ignore[attr-defined]
    await _until(
        pilot,
        lambda: isinstance(app.screen, LeaderProfileScreen) and app.screen.profile is not None,
    )
    screen = app.screen
    assert isinstance(screen, LeaderProfileScreen)
    return screen


async def test_P_shows_the_profile_of_the_highlighted_leader(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("P")
        screen = await _profile(pilot)
        assert screen.name_shown == "Tô Lâm"
        text = screen_text(app)
        assert (
            "Leader · Tô Lâm" in text and "Việt Nam · 4 articles · 2024-08-19 … 2026-01-26" in text
        )
        assert "President of Vietnam  2024-08 (1)" in text
        assert "Xi Jinping  4 articles · 1 event · last 2026-01-26" in text
        assert "2025-01-15  call  Tô Lâm – Xi Jinping  (2)" in text
        articles = screen.query_one("#profile-articles", OptionList)
        assert articles.has_focus and articles.option_count == 4


async def test_enter_on_a_counterpart_then_backspace(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("P")
        screen = await _profile(pilot)
        screen.query_one("#profile-counterparts", OptionList).focus()
        await pilot.press("enter")
        await _until(
            pilot, lambda: screen.profile is not None and screen.profile.name == "Xi Jinping"
        )
        assert "Leader · Xi Jinping" in screen_text(app)
        await pilot.press("backspace")
        await _until(pilot, lambda: screen.profile is not None and screen.profile.name == "Tô Lâm")
        await pilot.press("backspace")  # nothing before: stays
        await pilot.pause()
        assert app.screen is screen and screen.name_shown == "Tô Lâm"


async def test_enter_on_an_article_opens_it_in_the_reader(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("P")
        await _profile(pilot)
        await pilot.press("G", "enter")  # the oldest: 2024-08-19
        await _until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        assert app.reader.current == "003_a5266ca7b85631b7.txt"


async def test_the_palette_picks_a_leader_among_leaders_only(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+p", *"leader profile")
        await _until(pilot, lambda: "Leader profile…" in screen_text(app))
        await pilot.press("enter")
        await _until(pilot, lambda: isinstance(app.screen, LeaderPicker))
        picker = app.screen.query_one(OptionList)
        assert picker.option_count == len(app.library.leaders())  # no "All articles"
        await pilot.press("g", "j", "enter")  # the second most named: Tô Lâm
        screen = await _profile(pilot)
        assert screen.name_shown == "Tô Lâm"


async def test_a_leader_no_longer_named_says_so(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await loaded(pilot)
        await app.push_screen(LeaderProfileScreen(app.library, "Nobody Named"))
        await _until(pilot, lambda: "No article names Nobody Named any more." in screen_text(app))


def test_snapshot_of_a_profile(snap_compare: SnapCompare, make_app: MakeApp) -> None:
    async def open_profile(pilot: Pilot[None]) -> None:
        await loaded(pilot)
        await pilot.press("P")
        await _profile(pilot)
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(140, 40), run_before=open_profile)
