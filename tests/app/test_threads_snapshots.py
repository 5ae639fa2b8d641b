"""Snapshots of the Threads screen. Update with
`pytest tests/app/test_threads_snapshots.py --snapshot-update` after checking the new
pictures by eye (`snapshot_report.html`)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable

from tests.app.conftest import MakeApp, loaded
from tests.app.test_library_ui import until
from tests.app.test_threads_ui import laid_out, listed, to_railway
from tests.conftest import ROOT

SnapCompare = Callable[..., bool]


@pytest.fixture(autouse=True)
def in_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    """The status line names the corpus relative to the working folder."""
    monkeypatch.chdir(ROOT)


def test_threads_screen_list(snap_compare: SnapCompare, make_app: MakeApp) -> None:
    async def open_list(pilot: Pilot[None]) -> None:
        await loaded(pilot)
        await pilot.press("t")
        await to_railway(pilot, await listed(pilot))

    assert snap_compare(make_app(), terminal_size=(120, 30), run_before=open_list)


def test_threads_screen_railway_entries(snap_compare: SnapCompare, make_app: MakeApp) -> None:
    async def open_thread(pilot: Pilot[None]) -> None:
        await loaded(pilot)
        await pilot.press("t")
        await to_railway(pilot, await listed(pilot))
        await pilot.press("enter")
        app = pilot.app
        entries = app.screen.query_one("#thread-entries", DataTable)
        await until(pilot, lambda: app.focused is entries)
        await laid_out(pilot, entries)
        await pilot.press("down")
        await until(pilot, lambda: entries.cursor_row == 1)
        await laid_out(pilot, entries)

    assert snap_compare(make_app(), terminal_size=(120, 30), run_before=open_thread)
