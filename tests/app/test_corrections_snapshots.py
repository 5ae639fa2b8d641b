"""Snapshots of the correction dialogs. Update with
`pytest tests/app/test_corrections_snapshots.py --snapshot-update` after checking the
new pictures by eye (`snapshot_report.html`)."""

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


def keys(*pressed: str) -> Callable[[Pilot[None]], object]:
    """Open the oldest article, focus its Leaders panel, then press `pressed`."""

    async def run(pilot: Pilot[None]) -> None:
        await loaded(pilot)
        await pilot.press("G", "enter", "tab", *pressed)
        await pilot.pause()

    return run


@pytest.mark.parametrize(
    "pressed",
    [
        pytest.param(("j", "e", "end", *" [b]x[/b] #1"), id="rename"),
        pytest.param(("j", "M"), id="merge"),
        pytest.param(("G", "x"), id="not-a-person"),
        pytest.param(("A",), id="add-to-gazetteer"),
        pytest.param(("tab", "j", "t"), id="commitment-kind"),
        pytest.param(("tab", "e"), id="commitment-actor"),
        pytest.param(("tab", "x"), id="not-a-commitment"),
    ],
)
def test_correction_dialogs(
    snap_compare: SnapCompare, make_app: MakeApp, pressed: tuple[str, ...]
) -> None:
    assert snap_compare(make_app(), terminal_size=(110, 34), run_before=keys(*pressed))
