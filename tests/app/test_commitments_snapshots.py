"""Snapshots of the Commitments screen. Update with
`pytest tests/app/test_commitments_snapshots.py --snapshot-update` after checking the
new pictures by eye (`snapshot_report.html`)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.pilot import Pilot

from tests.app.conftest import MakeApp, loaded
from tests.app.test_commitments_ui import shown
from tests.conftest import ROOT

SnapCompare = Callable[..., bool]


@pytest.fixture(autouse=True)
def in_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    """The status line names the corpus relative to the working folder."""
    monkeypatch.chdir(ROOT)


def test_commitments_screen_with_a_side_chosen(
    snap_compare: SnapCompare, make_app: MakeApp
) -> None:
    async def narrow(pilot: Pilot[None]) -> None:
        await loaded(pilot)
        await pilot.press("c")
        await shown(pilot, lambda q: q.side is None)
        await pilot.press("tab", "tab", "enter")  # the facets: the first side
        await shown(pilot, lambda q: q.side == "Việt Nam")
        await pilot.press("shift+tab", "down")  # the table's second row

    assert snap_compare(make_app(), terminal_size=(120, 30), run_before=narrow)


def test_commitments_screen_at_60_by_20(snap_compare: SnapCompare, make_app: MakeApp) -> None:
    async def narrow(pilot: Pilot[None]) -> None:
        await loaded(pilot)
        await pilot.press("c")
        await shown(pilot, lambda q: q.side is None)
        await pilot.press("down")  # the table

    assert snap_compare(make_app(), terminal_size=(60, 20), run_before=narrow)
