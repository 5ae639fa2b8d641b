"""The help screen: every key binding, by where it works."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

KeySection = tuple[str, Sequence[tuple[str, str]]]
"""A heading and its `(keys, what they do)` rows."""


def binding_rows(
    bindings: Sequence[BindingType],
    key_display: Callable[[Binding], str],
    skip: Collection[str] = (),
) -> list[tuple[str, str]]:
    """`(keys, description)` rows for `bindings`, bindings to the same action merged
    under the first one's description; actions in `skip` are left out."""
    rows: dict[str, tuple[list[str], str]] = {}
    for binding in Binding.make_bindings(bindings):
        if binding.action in skip:
            continue
        keys, _ = rows.setdefault(binding.action, ([], binding.description))
        shown = key_display(binding)
        if shown not in keys:
            keys.append(shown)
    return [(" ".join(keys), description) for keys, description in rows.values()]


class HelpScreen(ModalScreen[None]):
    """Lists the keys. Esc, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close", id="help.close"),
    ]

    def __init__(self, sections: Sequence[KeySection]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = "Keys"
            scroll.border_subtitle = "esc to close"
            for index, (heading, rows) in enumerate(self.sections):
                yield Static(heading, classes="heading" + (" -first" if index == 0 else ""))
                width = max((len(keys) for keys, _ in rows), default=0) + 2
                yield Static(
                    Content("\n").join(
                        Content.assemble((f"{keys:<{width}}", "bold"), description)
                        for keys, description in rows
                    )
                )
