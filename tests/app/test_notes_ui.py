"""The Notes screen and the bookmark dialog, by keys: the editor, the fields, a
second `b` on a bookmarked passage, the clipboard, changes made outside the app."""

from __future__ import annotations

import stat
from dataclasses import replace
from pathlib import Path

import pytest
from textual.widgets import Input, Label, OptionList
from textual.widgets._toast import Toast

from tests.app.conftest import MakeApp, loaded, newest
from tests.app.test_bookmarks_ui import bookmark_second_sentence, settle
from tests.app.test_reader import SIZE
from tests.conftest import WriteCorpus
from tui.core.notes import Bookmark
from tui.core.notes_file import NotesFile
from tui.core.notes_parse import load_notes
from tui.screens.bookmark import BookmarkDialog
from tui.screens.notes import NotesScreen

POLL = 0.1
"""The notes file's poll in the tests that wait for it: the app's own, every second,
is a tenth of a second here (the same timer, sooner)."""


@pytest.fixture
def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """`$EDITOR`: a script that appends a line starting with `>` to the note, and
    records what it was given."""
    script = tmp_path / "editor.sh"
    script.write_text(
        '#!/bin/sh\ncp "$1" "$0.given"\nprintf "%s\\n" "> a second line, by the editor" >> "$1"\n'
    )
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("EDITOR", str(script))
    monkeypatch.delenv("VISUAL", raising=False)
    return script


async def test_tabbing_back_into_the_note_keeps_what_was_typed(
    make_app: MakeApp, tmp_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("enter", "right_square_bracket", "b", *"worth", "tab", *"trade")
        await pilot.press("shift+tab", *" quoting")
        assert app.screen.query_one("#note", Input).value == "worth quoting"
        await pilot.press("tab", "enter")  # Enter in the Tags field saves
        await settle(pilot)
        (saved,) = load_notes(tmp_path / "notes.md").bookmarks
        assert (saved.note, saved.tags) == ("worth quoting", ("trade",))


async def test_b_on_a_bookmarked_passage_edits_that_bookmark(
    make_app: MakeApp, tmp_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await bookmark_second_sentence(pilot, "first thought")
        await pilot.press("b")
        dialog = app.screen
        assert isinstance(dialog, BookmarkDialog)
        assert dialog.title_text.startswith("Already bookmarked")
        assert dialog.query_one("#note", Input).value == "first thought"
        await pilot.press(*", second thought", "enter")
        await settle(pilot)
        (saved,) = load_notes(tmp_path / "notes.md").bookmarks
        assert saved.note == "first thought, second thought"


async def test_capital_e_edits_the_note_in_the_editor(
    make_app: MakeApp, tmp_path: Path, editor: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await bookmark_second_sentence(pilot, "typed in the app")
        await pilot.press("m", "E")
        await settle(pilot)
        assert Path(f"{editor}.given").read_text() == "typed in the app\n"
        (saved,) = load_notes(tmp_path / "notes.md").bookmarks
        assert saved.note == "typed in the app\n> a second line, by the editor"
        assert isinstance(app.screen, NotesScreen)
        assert app.screen.notes.bookmarks[0].note == saved.note


async def test_ctrl_e_in_the_dialog_edits_the_note_in_the_editor(
    make_app: MakeApp, tmp_path: Path, editor: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("enter", "right_square_bracket", "b", *"short", "ctrl+e")
        note = app.screen.query_one("#note", Input)
        assert note.disabled and "⏎" in note.value  # several lines: the editor's now
        await pilot.press(*"tag", "enter")
        await settle(pilot)
        (saved,) = load_notes(tmp_path / "notes.md").bookmarks
        assert saved.note == "short\n> a second line, by the editor"
        assert saved.tags == ("tag",)


async def test_a_change_made_outside_the_app_is_shown_without_r(
    make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tui.bookmarks.NOTES_POLL_SECONDS", POLL)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await bookmark_second_sentence(pilot, "from the app")
        await pilot.press("m")
        screen = app.screen
        assert isinstance(screen, NotesScreen)
        article = newest(app)
        NotesFile(tmp_path / "notes.md").append(
            Bookmark.new(article, 0, 20, note="from the command line")
        )
        for _ in range(60):  # the file is polled every `POLL` seconds
            await pilot.pause(0.05)
            if len(screen.notes.bookmarks) == 2:
                break
        assert [b.note for b in screen.notes.bookmarks] == [
            "from the app",
            "from the command line",
        ]


async def test_markup_in_notes_and_problems_is_shown_as_written(
    make_app: MakeApp, tmp_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await loaded(pilot)
        await bookmark_second_sentence(pilot, "[/] [b]not bold[/b] [link=x]")
        copied = Bookmark("[/]", "[b]", "[/]", 0, 3, heading="[/]").to_markdown()
        with (tmp_path / "notes.md").open("a") as handle:
            handle.write(f"\n{copied}\n{copied}")
        await pilot.press("r")
        await loaded(pilot)
        await settle(pilot)
        await pilot.pause()
        shown = [toast.render().plain for toast in app.screen.query(Toast)]
        assert any("bookmark [/] repeats" in message for message in shown)
        await pilot.press("m")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, NotesScreen)
        problems = str(screen.query_one("#problems", Label).render())
        assert "bookmark [/] repeats" in problems
        assert screen.notes.bookmarks[0].note == "[/] [b]not bold[/b] [link=x]"


async def test_y_puts_no_control_characters_on_the_clipboard(
    make_app: MakeApp, write_corpus: WriteCorpus
) -> None:
    folder = write_corpus({"x.txt": "Title\n\nPaste ends here \x1b[201~ then rm -rf is typed."})
    app = make_app(corpus=folder)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("enter", "right_square_bracket", "right_square_bracket", "y")
        assert "Paste ends here" in app.clipboard
        assert "\x1b" not in app.clipboard


async def test_a_bookmark_whose_article_is_gone_says_so_not_that_its_passage_moved(
    make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tui.bookmarks.NOTES_POLL_SECONDS", POLL)
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await loaded(pilot)
        made = Bookmark.new(newest(app), 0, 20)
        gone = replace(made, id="gone0000000", article="removed.txt", note="gone")
        NotesFile(tmp_path / "notes.md").append(gone)
        await pilot.press("m")
        for _ in range(60):  # the file is polled every `POLL` seconds
            await pilot.pause(0.05)
            if isinstance(app.screen, NotesScreen) and app.screen.notes.bookmarks:
                break
        screen = app.screen
        assert isinstance(screen, NotesScreen)
        listing = screen.query_one(OptionList)
        rows = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        assert any("removed.txt is not in the corpus" in row for row in rows), rows
        assert not any("no longer in the article" in row for row in rows), rows
        await pilot.press("enter")
        await pilot.pause()
        shown = [toast.render().plain for toast in app.screen.query(Toast)]
        assert any("removed.txt is not in the corpus" in message for message in shown), shown
