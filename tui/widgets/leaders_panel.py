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
    """Leaders of the open article. Enter (or a click) steps through their mentions;
    the correction keys ask to correct the highlighted leader (`Correct`).

    | Key | Action |
    | :- | :- |
    | `enter` | Go to the leader's next mention. |
    | `e` | Rename the leader. |
    | `M` | Merge the leader into another. |
    | `x` | Mark the name as not a person. |
    | `A` | Add the leader to the gazetteer. |
    | `j` / `k` | Move down / up. |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Next mention", show=False, id="leaders.next_mention"),
        Binding("e", "correct('rename')", "Rename", id="leaders.rename"),
        Binding("M", "correct('merge')", "Merge", id="leaders.merge"),
        Binding("x", "correct('not-person')", "Not a person", id="leaders.not_person"),
        Binding("A", "correct('add-leader')", "Add to the gazetteer", show=False, id="leaders.add"),
    ]

    class Correct(Message):
        """The person asked to correct a leader: `action` is `rename`, `merge`,
        `not-person` or `add-leader`."""

        def __init__(self, panel: LeadersPanel, action: str, name: str) -> None:
            super().__init__()
            self.panel = panel
            self.action = action
            self.name = name

        @property
        def control(self) -> LeadersPanel:
            """The panel the leader was chosen in."""
            return self.panel

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

    def show_leaders(self, leaders: tuple[Leader, ...] | None, *, keep: bool = False) -> None:
        """List `leaders`; `None` while extraction is still running. `keep`: keep the
        highlighted leader highlighted (the same article, extracted again)."""
        kept, at = (self.selected_leader, self.highlighted) if keep else (None, None)
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
        names = [leader.name for leader in leaders]
        # The same leader (renamed, it is where it was), else the first.
        self.highlighted = names.index(kept) if kept in names else min(at or 0, len(names) - 1)

    @property
    def selected_leader(self) -> str | None:
        """The name of the highlighted leader."""
        if self.highlighted is None:
            return None
        return self.get_option_at_index(self.highlighted).id

    def action_correct(self, action: str) -> None:
        """Ask to correct the highlighted leader."""
        name = self.selected_leader
        if name is None:
            self.notify("No leader to correct here.", timeout=2)
            return
        self.post_message(self.Correct(self, action, name))

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Chosen(self, event.option.id))
