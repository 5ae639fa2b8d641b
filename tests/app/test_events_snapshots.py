"""A snapshot of the article list grouped by event (`E`): the seeds' pair under its
event's heading. Update with `pytest --snapshot-update` after checking by eye."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from tests.app.conftest import MakeApp, loaded
from tests.app.test_snapshots import SnapCompare
from tests.conftest import ROOT


@pytest.fixture(autouse=True)
def in_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    """The status line names the corpus relative to the working folder."""
    monkeypatch.chdir(ROOT)


def test_list_grouped_by_event(snap_compare: SnapCompare, make_app: MakeApp) -> None:
    async def group(pilot: Pilot[None]) -> None:
        await loaded(pilot)
        await pilot.press("E")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        pilot.app.clear_notifications()
        await pilot.press("down", "down", "down")  # the cursor on the call's first readout
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(140, 40), run_before=group)
