"""Snapshots of imported articles in the app: a revised one in the list and the reader,
its changes view, and the import dialog. Update with `pytest --snapshot-update` after
checking the new pictures by eye (`snapshot_report.html`)."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tests.app.conftest import MakeApp, loaded
from tests.app.test_snapshots import SnapCompare
from tests.conftest import ROOT

IMPORTED = ROOT / "tests/data/imported"
SIZE = (100, 30)


@pytest.fixture(autouse=True)
def in_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    """The status line and the dialog name the corpus relative to the working folder."""
    monkeypatch.chdir(ROOT)


def test_a_revised_article_in_the_list_and_the_reader(
    snap_compare: SnapCompare, make_app: MakeApp
) -> None:
    assert snap_compare(make_app(IMPORTED), terminal_size=SIZE, run_before=loaded)


def test_changes_view(snap_compare: SnapCompare, make_app: MakeApp) -> None:
    async def show_changes(pilot: Pilot[None]) -> None:
        await loaded(pilot)
        await pilot.press("D")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(make_app(IMPORTED), terminal_size=SIZE, run_before=show_changes)


def test_import_dialog(snap_compare: SnapCompare, make_app: MakeApp) -> None:
    async def ask(pilot: Pilot[None]) -> None:
        await loaded(pilot)
        pilot.app.importing.ask()  # type: ignore[attr-defined]
        await pilot.pause()
        pilot.app.screen.query_one(Input).value = "https://news.example.vn/post301245.vnp"
        await pilot.pause()

    assert snap_compare(make_app(IMPORTED), terminal_size=SIZE, run_before=ask)
