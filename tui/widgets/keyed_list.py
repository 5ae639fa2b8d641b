"""An `OptionList` with the reader's movement keys: `j`/`k`, `g`/`G`."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import OptionList


class KeyedOptionList(OptionList):
    """The lists of readout (articles, leaders, commitments) move the same way.

    | Key | Action |
    | :- | :- |
    | `j` / `k` | Move down / up. |
    | `g` / `G` | First / last entry. |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "first", "First", show=False),
        Binding("G", "last", "Last", show=False),
    ]
