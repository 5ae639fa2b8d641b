"""Snapshots of the main screens. Update with `pytest --snapshot-update` after checking
the new pictures by eye (`snapshot_report.html`)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.pilot import Pilot

from tests.app.conftest import MakeApp, loaded
from tests.conftest import ROOT

SnapCompare = Callable[..., bool]


@pytest.fixture(autouse=True)
def in_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    """The status line names the corpus relative to the working folder."""
    monkeypatch.chdir(ROOT)


def test_main_screen(snap_compare: SnapCompare, make_app: MakeApp) -> None:
    assert snap_compare(make_app(), terminal_size=(140, 40), run_before=loaded)


def test_main_screen_reading_the_oldest_article(
    snap_compare: SnapCompare, make_app: MakeApp
) -> None:
    async def open_oldest(pilot: Pilot[None]) -> None:
        await loaded(pilot)
        await pilot.press("s", "g", "enter", "space")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(140, 40), run_before=open_oldest)


def test_help_screen(snap_compare: SnapCompare, make_app: MakeApp) -> None:
    async def open_help(pilot: Pilot[None]) -> None:
        await loaded(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(140, 40), run_before=open_help)


def test_search_screen(snap_compare: SnapCompare, make_app: MakeApp) -> None:
    async def search(pilot: Pilot[None]) -> None:
        await loaded(pilot)
        await pilot.press("slash", *"three railway lines")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(140, 40), run_before=search)


def test_reader_on_a_search_hit(snap_compare: SnapCompare, make_app: MakeApp) -> None:
    async def open_hit(pilot: Pilot[None]) -> None:
        await loaded(pilot)
        await pilot.press("slash", *"standard gauge")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(140, 40), run_before=open_hit)


@pytest.mark.parametrize(
    "theme", ["readout-dark", "readout-light", "readout-high-contrast", "readout-colour-safe"]
)
def test_main_screen_in_every_theme(
    snap_compare: SnapCompare, make_app: MakeApp, theme: str
) -> None:
    async def themed(pilot: Pilot[None]) -> None:
        await loaded(pilot)
        pilot.app.theme = theme
        await pilot.press("G", "enter", "tab", "tab", "G", "enter")  # a mark, panels, tints
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(140, 40), run_before=themed)


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
def test_main_screen_at_small_and_large_sizes(
    snap_compare: SnapCompare, make_app: MakeApp, size: tuple[int, int]
) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=loaded)


def test_leader_picker(snap_compare: SnapCompare, make_app: MakeApp) -> None:
    async def pick(pilot: Pilot[None]) -> None:
        await loaded(pilot)
        await pilot.press("l", "j", "j")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(140, 40), run_before=pick)


def test_compare_screen(snap_compare: SnapCompare, make_app: MakeApp) -> None:
    async def compare(pilot: Pilot[None]) -> None:
        from tests.app.test_compare_ui import _compare_seed_pair

        screen = await _compare_seed_pair(pilot)
        await pilot.press("right_square_bracket")
        assert screen.cursor > 0

    assert snap_compare(make_app(), terminal_size=(120, 24), run_before=compare)
