"""The bookmark dialog (a note and tags for a passage) and the confirmation dialog."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
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


class BookmarkDialog(ModalScreen[tuple[str, list[str]] | None]):
    """Takes an optional note and tags. Enter saves; Esc cancels (returns `None`)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel", id="bookmark.cancel"),
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
            box.border_subtitle = "enter save · esc cancel"
            yield Static(Content("“" + visible(shorten(self.quote, 300)) + "”"), classes="quote")
            yield Label("Note")
            yield Input(self.note, placeholder="what you make of it (optional)", id="note")
            yield Label("Tags")
            yield Input(
                " ".join(self.tags), placeholder="space-separated, e.g. railway trade", id="tags"
            )

    def on_mount(self) -> None:
        self.query_one("#note", Input).focus()

    @on(Input.Submitted)
    def _save(self) -> None:
        note = self.query_one("#note", Input).value
        tags = self.query_one("#tags", Input).value.replace(",", " ").split()
        self.dismiss((note, tags))


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

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Are you sure?"
            yield Static(Content(visible(self.question)), classes="quote")
            with Horizontal():
                yield Button("No", id="no")
                yield Button("Yes, delete", id="yes", variant="error")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _answered(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")
