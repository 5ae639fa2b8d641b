"""The Leaders panel: who the open article names, with titles and mention counts."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.core.extract import Leader
from tui.core.text import shorten, visible
from tui.widgets.highlights import LeaderColours, leader_colours, leader_style
from tui.widgets.keyed_list import KeyedOptionList


def _row(leader: Leader, colours: LeaderColours) -> Content:
    title = leader.titles[0] if leader.titles else (leader.country or "")
    mentions = f"  ×{leader.count}"
    name = (visible(leader.name), leader_style(leader.name, colours))
    first = Content.assemble(name, (mentions, "dim"))
    if not title:
        return first
    return Content.assemble(first, "\n", (visible(shorten(title, 48)), "dim"))


class LeadersPanel(KeyedOptionList):
    """Leaders of the open article. Enter (or a click) steps through their mentions.

    | Key | Action |
    | :- | :- |
    | `enter` | Go to the leader's next mention. |
    | `j` / `k` | Move down / up. |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Next mention", show=False, id="leaders.next_mention"),
    ]

    class Chosen(Message):
        """The person chose a leader: show their next mention."""

        def __init__(self, panel: LeadersPanel, name: str) -> None:
            super().__init__()
            self.panel = panel
            self.name = name

        @property
        def control(self) -> LeadersPanel:
            """The panel the leader was chosen in."""
            return self.panel

    def on_mount(self) -> None:
        self.border_title = "Leaders"

    def show_leaders(self, leaders: tuple[Leader, ...] | None) -> None:
        """List `leaders`; `None` while extraction is still running."""
        self.clear_options()
        self.border_subtitle = ""
        if leaders is None:
            self.add_option(Option(Content.styled("Extracting…", "dim"), disabled=True))
            return
        if not leaders:
            self.add_option(Option(Content.styled("No leaders named", "dim"), disabled=True))
            return
        colours = leader_colours(leaders)
        self.add_options(Option(_row(leader, colours), id=leader.name) for leader in leaders)
        self.highlighted = 0

    @property
    def selected_leader(self) -> str | None:
        """The name of the highlighted leader."""
        if self.highlighted is None:
            return None
        return self.get_option_at_index(self.highlighted).id

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Chosen(self, event.option.id))
