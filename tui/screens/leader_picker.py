"""Pick a leader to narrow the article list to the articles that name them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.core.text import visible
from tui.widgets.highlights import leader_style
from tui.widgets.pick_list import PickItem, PickList

ALL_ARTICLES = ""
"""What the picker returns for "show every article again"."""


class LeaderPicker(ModalScreen[str | None]):
    """Returns a leader's name, `ALL_ARTICLES`, or `None` when dismissed with Esc.

    `leaders` is each leader's name -> how many articles name them, in the order to
    list them (`Library.leaders()`: most first)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Close", id="picker.close"),
    ]

    def __init__(
        self, leaders: Mapping[str, int], current: str | None, *, everyone: bool = True
    ) -> None:
        super().__init__()
        self.leaders = leaders
        self.current = current
        self.everyone = everyone
        """Offer "All articles" first (the list's filter), or only leaders (a profile)."""

    def compose(self) -> ComposeResult:
        first = [Option(Content.styled("All articles", "italic"), id="\0all")]
        items = []
        for name, articles in self.leaders.items():
            count = f"  {articles} article{'s' * (articles != 1)}"
            label = Content.assemble((visible(name), leader_style(name)), (count, "dim"))
            items.append(PickItem(name, label, name))
        picker = PickList(items, first if self.everyone else ())
        picker.border_title = "Show articles that name…" if self.everyone else "Leader…"
        picker.border_subtitle = "/ narrow · esc close"
        yield picker

    def on_mount(self) -> None:
        picker = self.query_one(OptionList)
        picker.highlighted = 0
        if self.current is not None and self.current in self.leaders:
            picker.highlighted = picker.get_option_index(self.current)
        picker.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        chosen = event.option.id
        self.dismiss(ALL_ARTICLES if chosen == "\0all" or chosen is None else chosen)
