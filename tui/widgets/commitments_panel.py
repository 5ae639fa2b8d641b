"""The Commitments panel: what each side undertook in the open article."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.core.extract import Commitment
from tui.core.text import shorten, visible
from tui.widgets.highlights import LeaderColours, kind_style, leader_style
from tui.widgets.keyed_list import KeyedOptionList


def _row(commitment: Commitment, colours: LeaderColours) -> Content:
    actors = [
        (visible(actor), leader_style(actor, colours) if actor != "both" else "bold")
        for actor in commitment.actors
    ] or [("?", "dim")]
    who: list[str | tuple[str, str]] = []
    for index, actor in enumerate(actors):
        who += [", "] if index else []
        who.append(actor)
    topics = f"  {', '.join(commitment.topics)}" if commitment.topics else ""
    return Content.assemble(
        (f" {commitment.kind} ", kind_style(commitment.kind)), " ", *who, (topics, "dim italic"),
        "\n", (visible(shorten(commitment.text, 72)), "dim"),
    )  # fmt: skip


class CommitmentsPanel(KeyedOptionList):
    """Commitments of the open article. Enter (or a click) goes to the sentence; the
    correction keys ask to correct the highlighted commitment (`Correct`).

    | Key | Action |
    | :- | :- |
    | `enter` | Go to the commitment in the text and mark it. |
    | `x` | Not a commitment. |
    | `t` | Change its kind. |
    | `e` | Change who undertook it. |
    | `j` / `k` | Move down / up. |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Go to the sentence", show=False, id="commitments.go"),
        Binding("x", "correct('drop')", "Not a commitment", id="commitments.drop"),
        Binding("t", "correct('kind')", "Kind", id="commitments.kind"),
        Binding("e", "correct('actor')", "Actor", id="commitments.actor"),
    ]

    class Correct(Message):
        """The person asked to correct a commitment: `action` is `drop`, `kind` or
        `actor`."""

        def __init__(self, panel: CommitmentsPanel, action: str, commitment: Commitment) -> None:
            super().__init__()
            self.panel = panel
            self.action = action
            self.commitment = commitment

        @property
        def control(self) -> CommitmentsPanel:
            """The panel the commitment was chosen in."""
            return self.panel

    class Chosen(Message):
        """The person chose a commitment: show it in the text."""

        def __init__(self, panel: CommitmentsPanel, commitment: Commitment) -> None:
            super().__init__()
            self.panel = panel
            self.commitment = commitment

        @property
        def control(self) -> CommitmentsPanel:
            """The panel the commitment was chosen in."""
            return self.panel

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._commitments: list[Commitment] = []

    def on_mount(self) -> None:
        self.border_title = "Commitments"

    def show_commitments(
        self,
        commitments: Sequence[Commitment] | None,
        narrowed_to: str | None = None,
        colours: LeaderColours | None = None,
        *,
        keep: bool = False,
    ) -> None:
        """List `commitments` (`None` while extraction runs); `narrowed_to` names the
        leader they were narrowed to; `colours` are the article's leader colours;
        `keep`: keep the highlight where it was (the same article, extracted again)."""
        kept = self.highlighted if keep and self._commitments else None
        self.clear_options()
        self._commitments = list(commitments or ())
        count = f" ({len(self._commitments)})" if commitments is not None else ""
        self.border_title = Content(  # a leader's name is data, never markup
            f"Commitments of {visible(narrowed_to)}{count}"
            if narrowed_to
            else f"Commitments{count}"
        )
        if commitments is None:
            self.add_option(Option(Content.styled("Extracting…", "dim"), disabled=True))
        elif not commitments:
            self.add_option(Option(Content.styled("No commitments", "dim"), disabled=True))
        else:
            self.add_options(
                Option(_row(commitment, colours or {}), id=str(index))
                for index, commitment in enumerate(self._commitments)
            )
            self.highlighted = min(kept or 0, len(self._commitments) - 1)

    @property
    def selected_commitment(self) -> Commitment | None:
        """The highlighted commitment."""
        index = self.highlighted
        if index is None or not 0 <= index < len(self._commitments):
            return None
        return self._commitments[index]

    def action_correct(self, action: str) -> None:
        """Ask to correct the highlighted commitment."""
        commitment = self.selected_commitment
        if commitment is None:
            self.notify("No commitment to correct here.", timeout=2)
            return
        self.post_message(self.Correct(self, action, commitment))

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Chosen(self, self._commitments[int(event.option.id)]))
