"""Bookmarks in the app, by keys: the passage cursor, the dialog, the Notes screen."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.widgets import Input

from tests.app.conftest import MakeApp, loaded
from tests.app.test_reader import SIZE, open_id, reader
from tui.core.notes_parse import load_notes
from tui.screens.bookmark import BookmarkDialog, ConfirmDialog
from tui.screens.notes import NotesScreen
from tui.widgets.article_view import ArticleView


async def settle(pilot: object) -> None:
    app = pilot.app  # type: ignore[attr-defined]
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()  # type: ignore[attr-defined]


async def bookmark_second_sentence(pilot: object, note: str, tags: str = "") -> None:
    await pilot.press("enter", "right_square_bracket", "right_square_bracket", "b")  # type: ignore[attr-defined]
    app = pilot.app  # type: ignore[attr-defined]
    assert isinstance(app.screen, BookmarkDialog)
    await pilot.press(*note)  # type: ignore[attr-defined]
    app.screen.query_one("#tags", Input).value = tags
    await pilot.press("enter")  # type: ignore[attr-defined]
    await settle(pilot)


async def test_cursor_moves_by_sentence_and_paragraph_and_v_extends(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("enter")
        view = reader(app).query_one(ArticleView)
        article = view.article
        assert article is not None
        await pilot.press("right_square_bracket")
        assert view.selection() == (article.sentences[0].start, article.sentences[0].end)
        await pilot.press("right_square_bracket", "right_square_bracket", "left_square_bracket")
        assert view.cursor == 1
        await pilot.press("right_curly_bracket")  # the next paragraph's first sentence
        assert article.sentences[view.cursor or 0].start == article.paragraphs[2].start
        await pilot.press("v", "right_square_bracket", "right_square_bracket")
        selected = view.selection()
        assert selected is not None
        assert selected[0] == article.paragraphs[2].start
        assert selected[1] == article.sentences[(view.cursor or 0)].end
        assert view._marks.cursor == selected


async def test_b_saves_a_bookmark_with_note_and_tags(make_app: MakeApp, tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await bookmark_second_sentence(pilot, "worth quoting", "party congress")
        (saved,) = load_notes(tmp_path / "notes.md").bookmarks
        view = reader(app).query_one(ArticleView)
        article = view.article
        assert article is not None
        assert saved.quote == article.sentences[1].text
        assert (saved.note, saved.tags) == ("worth quoting", ("party", "congress"))
        assert view._marks.bookmarked == ((article.sentences[1].start, article.sentences[1].end),)


async def test_escape_cancels_the_dialog(make_app: MakeApp, tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("enter", "right_square_bracket", "b", *"never mind", "escape")
        await settle(pilot)
        assert not (tmp_path / "notes.md").exists()


async def test_y_copies_the_passage_with_its_citation(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("enter", "right_square_bracket", "y")
        assert app.clipboard.startswith("“HÀ NỘI") is False
        assert app.clipboard.startswith("“General Secretary of the Communist Party")
        assert app.clipboard.endswith("” — Tô Lâm – Xi Jinping · phone talks, VNS, 2026-01-26")


async def test_notes_screen_jumps_edits_and_deletes(make_app: MakeApp, tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await bookmark_second_sentence(pilot, "first")
        await pilot.press("n")  # another article: the jump must come back
        await pilot.press("m")
        assert isinstance(app.screen, NotesScreen)
        await pilot.press("e")
        assert isinstance(app.screen, BookmarkDialog)
        app.screen.query_one("#note", Input).value = "second thoughts"
        await pilot.press("enter")
        await settle(pilot)
        assert load_notes(tmp_path / "notes.md").bookmarks[0].note == "second thoughts"
        assert isinstance(app.screen, NotesScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert open_id(app) == "004_fecb52052cebe9ee.txt"
        assert reader(app).query_one(ArticleView)._marks.marked is not None
        await pilot.press("m", "d")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")  # no: nothing deleted
        assert len(load_notes(tmp_path / "notes.md").bookmarks) == 1
        await pilot.press("d", "y")
        await settle(pilot)
        assert load_notes(tmp_path / "notes.md").bookmarks == ()


async def test_a_bookmark_that_cannot_be_written_is_kept_and_retried(
    make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    notes = tmp_path / "notes.md"
    real_open = os.open

    def refuse(file: object, flags: int, *args: object) -> int:
        if str(file) == str(notes) and flags & (os.O_WRONLY | os.O_RDWR):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, flags, *args)  # type: ignore[arg-type]

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        monkeypatch.setattr(os, "open", refuse)
        await bookmark_second_sentence(pilot, "keep me")
        assert [b.note for b in app.bookmarks.service.pending()] == ["keep me"]
        monkeypatch.setattr(os, "open", real_open)  # the disk is writable again
        app.bookmarks.flush()
        await settle(pilot)
        assert app.bookmarks.service.pending() == []
        assert [b.note for b in load_notes(notes).bookmarks] == ["keep me"]


async def test_hand_edits_are_read_back(make_app: MakeApp, tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await bookmark_second_sentence(pilot, "typed in the app")
        path = tmp_path / "notes.md"
        path.write_text(path.read_text("utf-8").replace("typed in the app", "edited by hand"))
        await pilot.press("r")  # reload reads the notes file again
        await loaded(pilot)
        await settle(pilot)
        await pilot.press("m")
        screen = app.screen
        assert isinstance(screen, NotesScreen)
        assert screen.notes.bookmarks[0].note == "edited by hand"


async def test_a_mouse_selection_is_what_y_and_b_act_on(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("enter")
        view = reader(app).query_one(ArticleView)
        article = view.article
        assert article is not None
        third = list(reader(app).query(".paragraph"))[2]
        third.text_select_all()  # as a drag across the paragraph with the mouse would
        await pilot.pause()
        await pilot.press("y")
        assert app.clipboard.startswith(f"“{article.paragraphs[2].text}” — ")
