"""A list to pick from that `/` narrows by the words typed (a corpus of ten years
names thousands of leaders: scrolling to one is no way to find them)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from tui.core.text import fold
from tui.widgets.keyed_list import KeyedOptionList

__all__ = ["PickItem", "PickList"]


@dataclass(frozen=True, slots=True)
class PickItem:
    """One entry: what picking it returns, how it is shown, the text `/` matches."""

    id: str
    label: Content
    text: str


class PickList(Vertical):
    """A `KeyedOptionList` of `items` (after `first`, shown while nothing is typed);
    `/` shows a field whose words, folded, narrow it to the items holding them all;
    `down`/`up` move in the list from the field, `enter` picks, `esc` empties the
    field, then hides it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "narrow", "Narrow", id="pick.narrow"),
    ]

    def __init__(
        self, items: Sequence[PickItem], first: Sequence[Option] = (), *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.items = items
        self.first = first
        self._folded = [fold(item.text) for item in items]

    def compose(self) -> ComposeResult:
        yield Input(placeholder="words of the name", classes="pick-narrow")
        yield KeyedOptionList(*self._options(()))

    def on_mount(self) -> None:
        self.query_one(Input).display = False

    @property
    def options(self) -> OptionList:
        return self.query_one(OptionList)

    def _options(self, words: Sequence[str]) -> list[Option]:
        if not words:
            return [*self.first, *(Option(item.label, id=item.id) for item in self.items)]
        return [
            Option(item.label, id=item.id)
            for item, folded in zip(self.items, self._folded, strict=True)
            if all(word in folded for word in words)
        ]

    def action_narrow(self) -> None:
        field = self.query_one(Input)
        field.display = True
        # Focused once this key is handled: focused now, it would take the `/` too.
        self.call_after_refresh(field.focus)

    @on(Input.Changed)
    def _narrowed(self, event: Input.Changed) -> None:
        event.stop()
        options = self.options
        options.clear_options()
        options.add_options(self._options(fold(event.value).split()))
        options.highlighted = 0 if options.option_count else None

    @on(Input.Submitted)
    def _field_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        options = self.options
        if options.highlighted is not None:
            # Selected by the list itself: a message made here would have this widget
            # as its sender, and bubble no further than it (to the screen, which picks).
            options.call_later(options.action_select)

    def on_key(self, event: events.Key) -> None:
        field = self.query_one(Input)
        if not field.has_focus:
            return
        options = self.options
        moves: dict[str, Callable[[], None]] = {
            "down": options.action_cursor_down, "up": options.action_cursor_up,
            "pagedown": options.action_page_down, "pageup": options.action_page_up,
        }  # fmt: skip
        if event.key in moves:
            event.stop()
            event.prevent_default()
            moves[event.key]()
        elif event.key == "escape":
            event.stop()
            event.prevent_default()
            if field.value:
                field.value = ""
            else:
                field.display = False
                options.focus()
