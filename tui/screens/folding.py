"""How the reader screen folds its panes to fit the terminal.

The screen gets a class by width (`-wide`, `-narrow`, `-tiny`; app.tcss says what
each hides) and two keys show a folded pane in place of another (`-show-side`,
`-show-list`). `PaneFolding` owns that decision; the screen keeps the keys.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widget import Widget

FOLDING_BINDINGS: list[BindingType] = [
    Binding("i", "toggle_side", "Panels", id="reader.side"),
    Binding("a", "toggle_list", "Articles", id="reader.list"),
]
"""The keys that show a folded pane; the screen binds them to the actions below."""


class PaneFolding:
    """The width classes and folded panes of one screen: made by the screen, with the
    widget that takes the focus back when a folded pane hides it (the article text)."""

    NARROW: ClassVar[int] = 110
    TINY: ClassVar[int] = 90
    WIDE: ClassVar[int] = 170

    def __init__(self, screen: Screen[None]) -> None:
        self.screen = screen

    def resized(self, text: Widget) -> None:
        """Set the width classes; if the focused widget is now hidden, focus `text`."""
        screen = self.screen
        width = screen.size.width
        screen.set_class(width >= self.WIDE, "-wide")
        screen.set_class(self.TINY <= width < self.NARROW, "-narrow")
        screen.set_class(width < self.TINY, "-tiny")
        screen.refresh_bindings()
        screen.call_after_refresh(self._keep_focus_visible, text)

    def _keep_focus_visible(self, text: Widget) -> None:
        focused = self.screen.focused
        if (
            focused is None
            or not focused.display
            or not focused.parent
            or not focused.parent.display
        ):
            text.focus()

    def toggle(self, shown: str, other: str, focus: Widget, text: Widget) -> None:
        """Show (or hide again) a folded pane, focusing `focus` (or `text` again); only
        one folded pane shows at a time."""
        screen = self.screen
        screen.remove_class(other)
        screen.toggle_class(shown)
        (focus if screen.has_class(shown) else text).focus()

    def show_text(self) -> bool:
        """Bring the article text back into view where a folded pane covers it (a tiny
        terminal showing the panels or the list); `True` if it was covered."""
        screen = self.screen
        if not screen.has_class("-tiny") or not (
            screen.has_class("-show-side") or screen.has_class("-show-list")
        ):
            return False
        screen.remove_class("-show-side", "-show-list")
        return True

    def allows(self, action: str) -> bool:
        """Whether `action` makes sense at this width (for the footer and the keys)."""
        screen = self.screen
        if action == "toggle_side":
            return screen.has_class("-narrow") or screen.has_class("-tiny")
        if action == "toggle_list":
            return screen.has_class("-tiny")
        return True
