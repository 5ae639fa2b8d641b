"""Pick a topic (of the lexicon) for a brief of its commitments."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList

from tui.core.text import visible
from tui.widgets.pick_list import PickItem, PickList

__all__ = ["TopicPicker"]


class TopicPicker(ModalScreen[str | None]):
    """Returns a topic's tag, or `None` when dismissed with Esc. `topics` is each
    topic -> how many commitments are on it, in the order to list them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Close", id="topic-picker.close"),
    ]

    def __init__(self, topics: Mapping[str, int], title: str = "Brief on a topic…") -> None:
        super().__init__()
        self.topics = topics
        self.heading = title

    def compose(self) -> ComposeResult:
        items = []
        for topic, count in self.topics.items():
            label = Content.assemble(
                visible(topic), (f"  {count:,} commitment{'s' * (count != 1)}", "dim")
            )
            items.append(PickItem(topic, label, topic))
        picker = PickList(items, id="topic-picker")
        picker.border_title = self.heading
        picker.border_subtitle = "enter write · / narrow · esc close"
        yield picker

    def on_mount(self) -> None:
        picker = self.query_one(OptionList)
        picker.highlighted = 0 if self.topics else None
        picker.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)
