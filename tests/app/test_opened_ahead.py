"""The app given a library opened ahead of it (`tui.cli.reader_app` does so): it lists
and searches that library, never opens a second, and says plainly when the opening
failed."""

from __future__ import annotations

from pathlib import Path

import pytest

import tui.upkeep
from tests.app.conftest import BUNDLED, loaded, screen_text
from tests.conftest import SEEDS
from tui.app import ReadoutApp
from tui.core.config import Config
from tui.core.store.ahead import OpenedLibrary, OpeningAhead
from tui.screens.search import SearchScreen


def config_in(tmp_path: Path, library: Path | None = None) -> Config:
    return BUNDLED.with_overrides(
        corpus=SEEDS,
        notes=tmp_path / "notes.md",
        corrections=tmp_path / "corrections.yaml",
        library=library or tmp_path / "library.sqlite",
    )


async def test_the_library_opened_ahead_is_listed_and_searched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = config_in(tmp_path)
    ahead = OpeningAhead(config)
    opened = ahead.opened()

    def opened_again(_: Config) -> OpenedLibrary:
        raise AssertionError("the library was opened a second time")

    monkeypatch.setattr(tui.upkeep, "open_for_reading", opened_again)
    app = ReadoutApp(config, tmp_path / "state.json", ahead)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        assert app.library is opened.library
        assert opened.library.count() == 5
        await pilot.press("slash", *"railway")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen) and app.screen.hits
        assert "passages" in screen_text(app)


@pytest.mark.parametrize("opened_ahead", [True, False])
async def test_an_opening_that_failed_at_once_is_said_on_the_screen(
    tmp_path: Path, opened_ahead: bool
) -> None:
    """Said even when it failed before the reader was mounted (the reader once wrote
    "Opening the library…" over it)."""
    blocked = tmp_path / "a-file"
    blocked.write_text("", encoding="utf-8")
    config = config_in(tmp_path, library=blocked / "library.sqlite")
    ahead = OpeningAhead(config) if opened_ahead else None
    app = ReadoutApp(config, tmp_path / "state.json", ahead)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(app)
        assert app.library is None
        assert "Cannot open the library" in text and "a-file" in text


async def test_what_needs_the_library_says_why_it_cannot_be_opened(tmp_path: Path) -> None:
    """`/`, `m`, `c`, `t`, `T` and `P` say why, not that it is "still being opened"."""
    blocked = tmp_path / "a-file"
    blocked.write_text("", encoding="utf-8")
    config = config_in(tmp_path, library=blocked / "library.sqlite")
    app = ReadoutApp(config, tmp_path / "state.json", OpeningAhead(config))
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        for key in ("slash", "m", "c", "t", "T", "P"):
            app.clear_notifications()
            await pilot.press(key)
            await pilot.pause()
            said = [str(notification.message) for notification in app._notifications]
            assert said and all("Cannot open the library" in text for text in said), key
            assert app.screen is app.reader
