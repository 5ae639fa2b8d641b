"""Keys typed faster than a dialog opens (or pasted, or sent by a script) reach the
dialog's text field, in order, instead of being lost."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input

from tests.app.conftest import MakeApp, loaded
from tests.app.test_bookmarks_ui import bookmark_second_sentence
from tests.app.test_reader import SIZE
from tui.screens.bookmark import BookmarkDialog
from tui.screens.commitments import CommitmentsScreen
from tui.screens.reader import ReaderScreen
from tui.screens.search import SearchScreen
from tui.widgets.article_view import ArticleView


def typed_at_once(app: object, *keys: str) -> None:
    """Post the keys as a terminal delivers them in one read: none waits for another."""
    for key in keys:
        character = {"slash": "/", "space": " "}.get(key, key if len(key) == 1 else None)
        app.post_message(events.Key(key, character))  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("before", "opener", "dialog", "field"),
    [
        ((), "slash", SearchScreen, "#query"),
        (("enter", "right_square_bracket"), "b", BookmarkDialog, "#note"),  # a sentence
    ],
)
async def test_keys_typed_right_after_the_opening_key_reach_the_field(
    make_app: MakeApp, before: tuple[str, ...], opener: str, dialog: type, field: str
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press(*before)
        typed_at_once(app, opener, "t", "e", "a", "space", "t", "o")
        await settled(pilot)
        assert isinstance(app.screen, dialog)
        assert app.screen.query_one(field, Input).value == "tea to"


async def test_typing_while_the_results_have_the_focus_goes_to_the_query(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("slash", *"tea")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        screen.query_one("#results").focus()
        await pilot.press("s")
        await pilot.pause()
        assert screen.query_one("#query", Input).value == "teas"


async def test_enter_typed_with_the_query_opens_the_first_result_once_found(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        typed_at_once(app, "slash", *"railway", "enter")
        await settled(pilot)
        for _ in range(100):  # the search runs in a worker; then the hit opens
            await pilot.pause(0.02)
            if not isinstance(app.screen, SearchScreen):
                break
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(app.screen, SearchScreen)
        reader = app.screen
        view = reader.query_one(ArticleView)
        assert view.article is not None and "railway" in view.article.text.lower()


async def settled(pilot: Pilot[None]) -> None:
    """Wait until every key posted has been handled (the app's key gate is idle) and
    what they started has ended."""
    app = pilot.app
    for _ in range(500):
        await pilot.pause()
        await app.workers.wait_for_complete()
        if app.keys.idle:  # type: ignore[attr-defined]
            await pilot.pause()
            return
    raise AssertionError("the keys were never all handled")


async def test_text_typed_right_after_m_e_goes_to_the_note_not_to_the_notes_keys(
    make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `E` (the editor), `d` (delete) and `m`/`q` (close) are keys of the Notes
    # screen: typed for the note while its dialog opens, they are the note's.
    monkeypatch.setenv("EDITOR", "false")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await bookmark_second_sentence(pilot, "first")
        typed_at_once(app, "m", "e", *" Even dq m")
        await settled(pilot)
        assert isinstance(app.screen, BookmarkDialog)
        assert app.screen.query_one("#note", Input).value == "first Even dq m"


async def test_ctrl_e_typed_with_the_note_opens_the_editor_with_all_of_it(
    make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = tmp_path / "editor.sh"
    script.write_text('#!/bin/sh\ncp "$1" "$0.given"\n')
    script.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(script))
    monkeypatch.delenv("VISUAL", raising=False)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("enter", "right_square_bracket")  # a sentence
        typed_at_once(app, "b", *"quick note", "ctrl+e")
        await settled(pilot)
        assert Path(f"{script}.given").read_text() == "quick note\n"


async def test_a_key_right_after_esc_goes_to_the_screen_beneath(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("c")
        await settled(pilot)
        assert isinstance(app.screen, CommitmentsScreen)
        typed_at_once(app, "escape", "E")
        await settled(pilot)
        reader = app.screen
        assert isinstance(reader, ReaderScreen) and reader.grouped
