"""Fixtures for driving the app: a config on any corpus, a private state file."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from multiprocessing import resource_tracker
from pathlib import Path

import pytest
import textual._wait
import textual.screen
from textual.app import App
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input
from textual.worker import WorkerCancelled

import tui.upkeep
from tests.conftest import ROOT, SEEDS
from tui.app import ReadoutApp
from tui.core import Article, load_config

BUNDLED = load_config(ROOT / "config.yaml")

MakeApp = Callable[..., ReadoutApp]

FRAME = 1 / 250
"""Seconds between two redraws of a screen that changed (Textual's own: 1/60)."""

IDLE_WINDOW = 0.005
"""Seconds of each look of Pilot's idle wait (Textual's own: 0.02), which ends at the
first look in which the process used under a twentieth of it on the CPU. Every key
pressed waits for two such looks and every `pilot.pause()` for one: with 0.02 s looks,
a third of the wall time of the app tests was spent asleep in them. A look must be
longer than a frame: work queued for after the next redraw (a scroll to a mark) runs
within it, so a look never sees a screen idle that still has a redraw to come (with
0.005 s looks and 1/60 s frames, a test that checks such a scroll failed under load)."""


@pytest.fixture(scope="session", autouse=True)
def short_idle_waits() -> Iterator[None]:
    """Screens redraw every `FRAME` and Pilot's idle waits look every `IDLE_WINDOW`
    seconds, keeping Textual's ratio: idle is under 5% of a look."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(textual.screen, "UPDATE_PERIOD", FRAME)
        patch.setattr(textual._wait, "SLEEP_GRANULARITY", IDLE_WINDOW)
        patch.setattr(textual._wait, "SLEEP_IDLE", IDLE_WINDOW / 20)
        yield


@pytest.fixture(scope="session", autouse=True)
def resource_tracker_started() -> None:
    """Start multiprocessing's resource tracker with the real standard error, as
    `ReadoutApp.run` does (a test runs the app without it, and under the test's
    stand-in for standard error no child process could be started)."""
    resource_tracker.ensure_running()


@pytest.fixture(autouse=True)
def no_threads_ahead(monkeypatch: pytest.MonkeyPatch) -> None:
    """No linking of the threads ahead in a child process five seconds into a test
    (a test waiting for every worker would wait for it too); the tests of that
    linking set `AHEAD_SECONDS` themselves."""
    monkeypatch.setattr(tui.upkeep, "AHEAD_SECONDS", 3600.0)


@pytest.fixture
def make_app(tmp_path: Path) -> MakeApp:
    """`make_app(corpus=SEEDS)`: an app on `corpus` whose state lives in `tmp_path`."""

    def make(corpus: Path = SEEDS, state: Path | None = None) -> ReadoutApp:
        config = BUNDLED.with_overrides(
            corpus=corpus, notes=tmp_path / "notes.md", corrections=tmp_path / "corrections.yaml"
        )
        return ReadoutApp(config, state_path=state or tmp_path / "state.json")

    return make


def settled(app: ReadoutApp) -> bool:
    """The library is open and a refresh has ended, none running."""
    state = app.library_state
    return state.library is not None and state.refreshed is not None and state.progress is None


def working(app: ReadoutApp) -> bool:
    """A worker has not finished (its result is not handled yet)."""
    return any(not worker.is_finished for worker in app.workers)


async def loaded(pilot: Pilot[None]) -> None:
    """Wait until the library is open and refreshed and the screen has settled: two
    rounds in a row (workers finished, their results handled, the screen drawn) found
    it settled and no worker left."""
    app = pilot.app
    assert isinstance(app, ReadoutApp)
    quiet = 0
    deadline = time.monotonic() + LOAD_SECONDS
    while time.monotonic() < deadline:
        with contextlib.suppress(WorkerCancelled):  # one replaced by a newer (exclusive)
            await app.workers.wait_for_complete()
        await pilot.pause()
        quiet = quiet + 1 if settled(app) and not working(app) else 0
        if quiet == 2:
            return
        if quiet == 0:
            # A refresh that found another running ended with nothing: the watch
            # runs one more within `WATCH_SECONDS` (rounds alone can pass before it).
            await pilot.pause(0.02)
    raise AssertionError("the library was never opened and refreshed")


LOAD_SECONDS = 30.0
"""How long `loaded` waits for the library to settle."""


def newest(app: ReadoutApp, index: int = 0) -> Article:
    """The article at `index` in the library's list (newest first)."""
    library = app.library
    assert library is not None
    (summary,) = library.articles(index, 1)
    article = library.get(summary.id)
    assert article is not None
    return article


def screen_text(app: App[None]) -> str:
    """The screen as a person sees it, one line a row."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def palette_prompts(pilot: object, typed: str, *, by_key: bool = True) -> list[str]:
    """What the command palette lists after typing `typed` (`by_key=False`: the query
    is put in the palette's field at once, searched once, not once per key)."""
    app = pilot.app  # type: ignore[attr-defined]
    if by_key:
        await pilot.press("ctrl+p", *typed)  # type: ignore[attr-defined]
    else:
        await pilot.press("ctrl+p")  # type: ignore[attr-defined]
        app.screen.query_one(Input).value = typed
        await pilot.pause()  # type: ignore[attr-defined]
    # The palette's search for all of `typed`: until it ends, the list may still show
    # the options of a shorter query (each key starts a search, and the palette keeps
    # the old options until the new search has some).
    await app.workers.wait_for_complete()
    for _ in range(20):
        await pilot.pause(0.05)  # type: ignore[attr-defined]
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        options = palette.query_one(CommandList).options
        if options:
            break
    return [str(option.prompt) for option in palette.query_one(CommandList).options]
