"""The small dialogs of the correction keys: a new name, a choice from a list (a
leader to merge into, a kind, an actor), and a gazetteer entry.

Names come from articles and people: every label is built as `Content` from plain
text (shown with control characters visible), never parsed as markup, and what the
person types is returned exactly as typed, spaces around it aside.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from tui.core.extract.lexicon import LeaderEntry
from tui.core.text import shorten, visible
from tui.screens.bookmark import DIALOG_CSS
from tui.widgets.keyed_list import KeyedOptionList


class NameDialog(ModalScreen[str | None]):
    """Asks for a name, `value` filled in. Enter returns it (if it is not empty and
    not `value`), Esc returns `None`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel", id="name.cancel"),
    ]

    DEFAULT_CSS = "NameDialog {" + DIALOG_CSS + "}"

    def __init__(self, title: str, explanation: str, value: str) -> None:
        super().__init__()
        self.title_text = title
        self.explanation = explanation
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = Content(visible(self.title_text))
            box.border_subtitle = "enter save · esc cancel"
            yield Static(Content(visible(self.explanation)), classes="quote")
            yield Label("Name")
            yield Input(self.value, id="name", select_on_focus=False)

    def typing_field(self) -> Input:
        """Where keys typed before the field had the focus go (`typeahead`)."""
        return self.query_one("#name", Input)

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    @on(Input.Submitted)
    def _save(self, event: Input.Submitted) -> None:
        event.stop()
        name = event.value.strip()
        if not name:
            self.notify("A name cannot be empty.", severity="warning", timeout=2)
        elif name == self.value:
            self.dismiss(None)
        else:
            self.dismiss(name)


class ChoiceDialog(ModalScreen[str | None]):
    """Picks one of `choices`, `current` highlighted. Enter returns it; Esc `None`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel", id="choice.cancel"),
    ]

    DEFAULT_CSS = """
    ChoiceDialog {
        align: center middle;
        & > Vertical {
            width: 60;
            max-width: 100%;
            height: auto;
            max-height: 80%;
            background: $surface;
            border: round $primary;
            border-title-color: $text-primary;
            border-subtitle-color: $text-muted;
        }
        .quote { color: $text-muted; padding: 0 1; margin-bottom: 1; }
        OptionList {
            height: auto;
            max-height: 16;
            border: none;
            text-wrap: nowrap;
            text-overflow: ellipsis;
        }
    }
    """

    def __init__(
        self,
        title: str,
        choices: Sequence[str],
        current: str | None = None,
        explanation: str = "",
        labels: Sequence[str] | None = None,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.choices = list(choices)
        self.labels = list(labels) if labels is not None else self.choices
        self.current = current
        self.explanation = explanation

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = Content(visible(self.title_text))
            box.border_subtitle = "enter choose · esc cancel"
            if self.explanation:
                yield Static(Content(visible(self.explanation)), classes="quote")
            yield KeyedOptionList(
                *(
                    Option(Content(visible(label)), id=str(index))
                    for index, label in enumerate(self.labels)
                )
            )

    def on_mount(self) -> None:
        picker = self.query_one(OptionList)
        if self.choices:
            at = self.choices.index(self.current) if self.current in self.choices else 0
            picker.highlighted = at
        picker.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.dismiss(self.choices[int(event.option.id)])


def _split(value: str) -> tuple[str, ...]:
    """`a, b` -> `("a", "b")`: the comma-separated forms typed in a field."""
    return tuple(part.strip() for part in value.split(",") if part.strip())


class GazetteerDialog(ModalScreen[LeaderEntry | None]):
    """Takes a gazetteer entry: the name, the country, short forms and other
    spellings (comma-separated). Enter in any field saves; Esc cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel", id="gazetteer.cancel"),
    ]

    DEFAULT_CSS = "GazetteerDialog {" + DIALOG_CSS + "}"

    def __init__(self, name: str, country: str | None, short: Sequence[str] = ()) -> None:
        super().__init__()
        self.leader_name = name
        self.country = country or ""
        self.short = short

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = Content("Add to the gazetteer")
            box.border_subtitle = "enter save · esc cancel"
            shown = visible(shorten(self.leader_name, 60))
            known = f"{shown} is known by name in every article from now on."
            yield Static(Content(known), classes="quote")
            yield Label("Name (as it should be shown)")
            # Compact fields: four of them fit a terminal of 24 rows.
            yield Input(self.leader_name, id="name", select_on_focus=False, compact=True)
            yield Label("Country")
            yield Input(self.country, id="country", select_on_focus=False, compact=True)
            yield Label("Short forms, comma-separated (counted where they are unambiguous)")
            yield Input(", ".join(self.short), id="short", select_on_focus=False, compact=True)
            yield Label("Other spellings, comma-separated")
            yield Input(id="aliases", select_on_focus=False, compact=True)

    def typing_field(self) -> Input:
        """Where keys typed before the field had the focus go (`typeahead`)."""
        return self.query_one("#name", Input)

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def _value(self, field: str) -> str:
        return self.query_one(f"#{field}", Input).value.strip()

    @on(Input.Submitted)
    def _save(self, event: Input.Submitted) -> None:
        event.stop()
        name = self._value("name")
        if not name:
            self.notify("A name cannot be empty.", severity="warning", timeout=2)
            return
        self.dismiss(
            LeaderEntry(
                name=name,
                country=self._value("country") or None,
                aliases=_split(self._value("aliases")),
                short=_split(self._value("short")),
            )
        )
