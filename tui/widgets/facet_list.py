"""The facets of the Commitments screen: side, kind, topic and actor, each value with
how many commitments it has under the other narrowings; `enter` picks a value (again:
lets it go)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.core.store.commitment_query import CommitmentFacets, CommitmentQuery
from tui.core.text import visible

__all__ = ["SHOWN", "FacetList"]

SHOWN = {"side": 30, "kind": 10, "topic": 40, "actor": 100}
"""How many values of each facet are listed (the most frequent; a chosen one always);
the rest are counted under them (every actor can be typed: `actor:Name`)."""

ORDER = (("side", "Side"), ("kind", "Kind"), ("topic", "Topic"), ("actor", "Actor"))
"""The facets, top to bottom: the short lists first."""

CHOSEN = "● "
"""The mark of a chosen value."""


def option_id(facet: str, value: str) -> str:
    return f"{facet}\t{value}"


class FacetList(OptionList):
    """Facet values with counts, under a heading per facet.

    | Key | Action |
    | :- | :- |
    | `enter` | Narrow to the value, or let it go. |
    | `j` / `k` | Move down / up. |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    class Picked(Message):
        """A value was picked (`value` `None`: the facet's choice let go)."""

        def __init__(self, facet_list: FacetList, facet: str, value: str | None) -> None:
            super().__init__()
            self.facet_list = facet_list
            self.facet = facet
            self.value = value

        @property
        def control(self) -> FacetList:
            return self.facet_list

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.query_shown = CommitmentQuery()

    def show(self, facets: CommitmentFacets, query: CommitmentQuery) -> None:
        """List `facets` with `query`'s choices marked, the cursor staying on the value
        it was on."""
        was = self.highlighted_option.id if self.highlighted_option is not None else None
        self.query_shown = query
        options: list[Option] = []
        for facet, heading in ORDER:
            counts = facets.counts.get(facet, {})
            chosen = query.chosen(facet)
            shown = list(counts.items())[: SHOWN[facet]]
            if chosen is not None and chosen not in dict(shown):
                shown.insert(0, (chosen, counts.get(chosen, 0)))
            options.append(Option(Content.styled(heading, "bold $text-accent"), disabled=True))
            for value, many in shown:
                options.append(Option(self._prompt(value, many, value == chosen),
                                      id=option_id(facet, value)))  # fmt: skip
            if not shown:
                options.append(Option(Content.styled("  none", "dim"), disabled=True))
            if (more := len(counts) - len(dict(shown))) > 0:
                options.append(Option(self._more(facet, more), disabled=True))
        self.set_options(options)
        ids = [option.id for option in options]
        enabled = [at for at, option in enumerate(options) if not option.disabled]
        kept = was is not None and was in ids
        self.highlighted = ids.index(was) if kept else next(iter(enabled), None)

    @staticmethod
    def _more(facet: str, more: int) -> Content:
        """`  1,234 more — type actor:`: where the rest are."""
        where = " — type actor:" if facet == "actor" else ""
        return Content.styled(f"  {more:,} more{where}", "dim")

    def _prompt(self, value: str, many: int, chosen: bool) -> Content:
        """`● name      123`: the count at the right edge, the name cut to make room."""
        mark = Content.styled(CHOSEN, "$text-accent") if chosen else Content("  ")
        count = f" {many:,}"
        room = max(4, (self.scrollable_content_region.width or 30) - 2 - len(count) - 3)
        name = Content(visible(value)).truncate(room, ellipsis=True, pad=True)
        if chosen:
            name = name.stylize("bold")
        return Content.assemble(mark, name, Content.styled(count, "$text-muted"))

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is None:
            return
        facet, _, value = event.option.id.partition("\t")
        chosen = self.query_shown.chosen(facet)
        self.post_message(self.Picked(self, facet, None if chosen == value else value))
