"""Keys typed right after the key that opens a dialog go to the dialog's text field.

Textual hands each key to the focused widget of the screen on top when the app reads
it, and a key's binding acts when the key has bubbled back up to the app. So in `/tea`
typed fast (or pasted, or sent by a script) the `t`, `e`, `a` are handed to the reader
before `/` has opened the search, and bubble up to the app when the search is on top:
no widget of the search ever sees them. The same happens to a key that reaches a
dialog before its field has the focus. The app gives such a key, printable and taken
by nothing, to the text field of the dialog on top (`pass_on_typed`).
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable
from weakref import WeakSet

from textual import events
from textual.widgets import Input

__all__ = ["TakesTyping", "pass_on_typed"]


@runtime_checkable
class TakesTyping(Protocol):
    """A dialog whose text field takes what is typed to it."""

    def typing_field(self) -> Input:
        """The field typed keys go to (unless another text field has the focus)."""
        ...


_PASSED: WeakSet[events.Key] = WeakSet()
"""Keys already given to a field: one it does not take comes back up, and stays."""


def pass_on_typed(screen: TakesTyping, focused: object, event: events.Key) -> None:
    """Give `screen`'s text field (`focused`, when that is one) a printable key no
    widget took; other keys are left alone."""
    if event in _PASSED or not event.is_printable or event.character is None:
        return
    field = focused if isinstance(focused, Input) else screen.typing_field()
    if field.disabled:
        return
    event.stop()
    again = events.Key(event.key, event.character)
    _PASSED.add(again)
    field.post_message(again)
