"""The load warnings: every file that was skipped or loaded only in part, and why."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.core import LoadWarning
from tui.core.text import visible


def _shown_path(file: Path, root: Path) -> str:
    try:
        return file.relative_to(root).as_posix()
    except ValueError:
        return str(file)


class WarningsScreen(ModalScreen[None]):
    """Lists the load warnings of the corpus. Esc or q closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,w", "dismiss", "Close", id="warnings.close"),
    ]

    def __init__(self, warnings: Sequence[LoadWarning], root: Path) -> None:
        super().__init__()
        self.warnings = warnings
        self.root = root

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            count = len(self.warnings)
            scroll.border_title = f"{count} load warning{'s' * (count != 1)}"
            scroll.border_subtitle = "esc to close"
            if not self.warnings:
                yield Static("Every file loaded cleanly.")
            for warning in self.warnings:
                yield Static(Content(visible(_shown_path(warning.file, self.root))), classes="file")
                yield Static(Content(visible(warning.reason)), classes="reason")
