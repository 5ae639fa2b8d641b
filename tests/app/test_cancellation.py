"""Quitting never waits on long work: the app hands the library's refresh a
`should_stop` that turns true once its worker is cancelled."""

from __future__ import annotations

import threading
import time

import pytest

from tests.app.conftest import MakeApp
from tests.app.test_reader import SIZE
from tui.core.cancel import Cancelled, ShouldStop

BOUND = 10.0


async def test_quitting_stops_a_refresh(make_app: MakeApp, monkeypatch: pytest.MonkeyPatch) -> None:
    started = threading.Event()
    stopped = threading.Event()

    def endless(*args: object, should_stop: ShouldStop, **options: object) -> object:
        started.set()
        deadline = time.monotonic() + BOUND
        while not should_stop() and time.monotonic() < deadline:
            time.sleep(0.01)  # one unit of long work
        if should_stop():
            stopped.set()
        raise Cancelled

    monkeypatch.setattr("tui.app.Library.refresh", endless)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(200):  # wait (without blocking the app) for the job to start
            if started.is_set():
                break
            await pilot.pause(0.05)
        assert started.is_set()
        await pilot.press("q")
    assert stopped.wait(BOUND), "the long work never heard it was no longer wanted"
