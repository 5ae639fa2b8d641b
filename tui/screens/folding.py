"""How the reader screen folds its panes to fit the terminal.

The screen gets a class by width (`-wide`, `-narrow`, `-tiny`; app.tcss says what
each hides) and two keys show a folded pane in place of another.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widget import Widget

from tui.widgets.article_list import ArticleList
from tui.widgets.article_view import ArticleView
from tui.widgets.leaders_panel import LeadersPanel


class FoldingPanes(Screen[None]):
    """Mixed into the reader screen: width classes and the `i` / `a` keys."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("i", "toggle_side", "Panels", id="reader.side"),
        Binding("a", "toggle_list", "Articles", id="reader.list"),
    ]

    NARROW: ClassVar[int] = 110
    TINY: ClassVar[int] = 90
    WIDE: ClassVar[int] = 170

    def on_resize(self) -> None:
        width = self.size.width
        self.set_class(width >= self.WIDE, "-wide")
        self.set_class(self.TINY <= width < self.NARROW, "-narrow")
        self.set_class(width < self.TINY, "-tiny")
        self.refresh_bindings()
        self.call_after_refresh(self._keep_focus_visible)

    def _keep_focus_visible(self) -> None:
        focused = self.focused
        if (
            focused is None
            or not focused.display
            or not focused.parent
            or not focused.parent.display
        ):
            self.query_one(ArticleView).focus()

    def _toggle_pane(self, shown: str, other: str, focus: Widget) -> None:
        """Show (or hide again) a folded pane; only one folded pane shows at a time."""
        self.remove_class(other)
        self.toggle_class(shown)
        (focus if self.has_class(shown) else self.query_one(ArticleView)).focus()

    def action_toggle_side(self) -> None:
        """Show the Leaders and Commitments panels (on a narrow terminal)."""
        self._toggle_pane("-show-side", "-show-list", self.query_one(LeadersPanel))

    def action_toggle_list(self) -> None:
        """Show the article list in place of the text (on a tiny terminal)."""
        self._toggle_pane("-show-list", "-show-side", self.query_one(ArticleList))

    def show_text(self) -> bool:
        """Bring the article text back into view where a folded pane covers it (a tiny
        terminal showing the panels or the list); `True` if it was covered."""
        if not self.has_class("-tiny") or not (
            self.has_class("-show-side") or self.has_class("-show-list")
        ):
            return False
        self.remove_class("-show-side", "-show-list")
        return True

    def layout_allows(self, action: str) -> bool:
        """Whether `action` makes sense at this width (for the footer and the keys)."""
        if action == "toggle_side":
            return self.has_class("-narrow") or self.has_class("-tiny")
        if action == "toggle_list":
            return self.has_class("-tiny")
        return True
