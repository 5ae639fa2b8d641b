"""The bookmark dialog (a note and tags for a passage), the confirmation dialog, and
editing a note in the person's own editor."""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

from textual import on
from textual.app import App, ComposeResult, SuspendNotSupported
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from tui.core.text import shorten, visible

DIALOG_CSS = """
    align: center middle;
    & > Vertical {
        width: 76;
        max-width: 100%;
        height: auto;
        padding: 1 2;
        background: $surface;
        border: round $primary;
        border-title-color: $text-primary;
    }
    .quote { color: $text-muted; margin-bottom: 1; }
    Input { margin-bottom: 1; }
"""


def edit_in_editor(app: App[Any], text: str) -> str | None:
    """Open `text` in `$VISUAL` or `$EDITOR` (default `vi`), the app suspended; the
    text as the editor left it, or `None` (after saying why) if the editor failed."""
    command = shlex.split(os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi")
    fd, name = tempfile.mkstemp(prefix="readout-note-", suffix=".md")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text + "\n" if text else "")
        try:
            with app.suspend():
                code = subprocess.call([*command, name])
        except SuspendNotSupported:  # no terminal to hand over (tests, the web)
            code = subprocess.call([*command, name], stdin=subprocess.DEVNULL)
        if code != 0:
            app.notify(f"{command[0]} exited with {code}: note unchanged.", markup=False)
            return None
        edited = Path(name).read_text(encoding="utf-8", errors="replace")
    except (OSError, ValueError) as error:
        app.notify(visible(f"Cannot run the editor: {error}"), severity="error", markup=False)
        return None
    finally:
        Path(name).unlink(missing_ok=True)
    return edited.removesuffix("\n")


class BookmarkDialog(ModalScreen[tuple[str, list[str]] | None]):
    """Takes an optional note and tags. Enter (in either field) saves; ctrl+e opens the
    note in `$EDITOR`; Esc cancels (returns `None`). A note of several lines is edited
    in the editor only: the Note field shows it and is read-only."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel", id="bookmark.cancel"),
        Binding("ctrl+e", "editor", "Edit in $EDITOR", priority=True, id="bookmark.editor"),
    ]

    DEFAULT_CSS = "BookmarkDialog {" + DIALOG_CSS + "}"

    def __init__(
        self, quote: str, note: str = "", tags: Sequence[str] = (), title: str = ""
    ) -> None:
        super().__init__()
        self.quote = quote
        self.note = note
        self.tags = tags
        self.title_text = title or "Bookmark this passage"

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = self.title_text
            box.border_subtitle = "enter save · ctrl+e editor · esc cancel"
            yield Static(Content("“" + visible(shorten(self.quote, 300)) + "”"), classes="quote")
            yield Label("Note")
            yield Input(
                placeholder="what you make of it (optional)", id="note", select_on_focus=False
            )
            yield Label("Tags")
            yield Input(
                " ".join(self.tags),
                placeholder="space-separated, e.g. railway trade",
                id="tags",
                select_on_focus=False,
            )

    def typing_field(self) -> Input:
        """Where keys typed before the field had the focus go (`typeahead`)."""
        return self.query_one("#note", Input)

    def on_mount(self) -> None:
        self._show_note(self.note)
        self.query_one("#note", Input).focus()

    def _show_note(self, note: str) -> None:
        """Put `note` in the Note field; one of several lines is shown read-only."""
        self.note = note
        field = self.query_one("#note", Input)
        several = "\n" in note
        field.value = " ⏎ ".join(visible(note).split("\n")) if several else note
        field.disabled = several
        field.tooltip = "several lines: ctrl+e to edit them" if several else None
        if several:
            self.query_one("#tags", Input).focus()

    def action_editor(self) -> None:
        """Edit the note in `$EDITOR`."""
        edited = edit_in_editor(self.app, self._note())
        if edited is not None:
            self._show_note(edited)

    def _note(self) -> str:
        field = self.query_one("#note", Input)
        return self.note if field.disabled else field.value

    @on(Input.Submitted)
    def _save(self) -> None:
        tags = self.query_one("#tags", Input).value.replace(",", " ").split()
        self.dismiss((self._note(), tags))


class ConfirmDialog(ModalScreen[bool]):
    """Asks a yes/no question; `y` or Enter on Yes confirms, `n` or Esc declines."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,n", "dismiss(False)", "No", id="confirm.no"),
        Binding("y", "dismiss(True)", "Yes", id="confirm.yes"),
    ]

    DEFAULT_CSS = (
        "ConfirmDialog {"
        + DIALOG_CSS
        + """
        Horizontal { height: auto; align-horizontal: right; }
        Button { margin-left: 2; }
    }"""
    )

    def __init__(self, question: str, yes: str = "Yes, delete") -> None:
        super().__init__()
        self.question = question
        self.yes = yes

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Are you sure?"
            yield Static(Content(visible(self.question)), classes="quote")
            with Horizontal():
                yield Button("No", id="no")
                yield Button(self.yes, id="yes", variant="error")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _answered(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")
