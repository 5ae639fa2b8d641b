"""The palette's "Import…" dialog: a web address or a path to import into the corpus
folder. Enter returns what was typed (spaces around it aside); Esc returns `None`."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from tui.core.text import visible
from tui.screens.bookmark import DIALOG_CSS

__all__ = ["ImportDialog"]


class ImportDialog(ModalScreen[str | None]):
    """Asks what to import: a web address, a saved page, a feed or a folder of them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel", id="import.cancel"),
    ]

    DEFAULT_CSS = "ImportDialog {" + DIALOG_CSS + "}"

    def __init__(self, folder: str) -> None:
        super().__init__()
        self.folder = folder

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Import"
            box.border_subtitle = "enter import · esc cancel"
            yield Static(
                Content(
                    "A web address, a saved page (.html), an RSS or Atom feed, or a folder "
                    f"of them. Each article is written into {visible(self.folder)} as a "
                    ".md file; one already there is skipped, a changed page revised."
                ),
                classes="quote",
            )
            yield Label("Web address or path")
            yield Input(placeholder="https://… or ~/saved/page.html", id="source")

    def typing_field(self) -> Input:
        """Where keys typed before the field had the focus go (`typeahead`)."""
        return self.query_one("#source", Input)

    def on_mount(self) -> None:
        self.query_one("#source", Input).focus()

    @on(Input.Submitted)
    def _start(self, event: Input.Submitted) -> None:
        event.stop()
        source = event.value.strip()
        if not source:
            self.notify("Type a web address or a path.", severity="warning", timeout=2)
        else:
            self.dismiss(source)
