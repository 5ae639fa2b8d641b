"""What the virtual lists share (Textual's Line API): rows read a page at a time from
a source into a small cache, drawn as strips kept until the size, focus or styles
change, and a cursor moved by keys and clicks. `ArticleList` and `CommitmentTable`
derive from `VirtualRows`; each says how many rows there are, how to read a page,
where a row's lines are, and how a row is drawn."""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Sequence
from typing import ClassVar, Generic, TypeVar

from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.content import Content
from textual.reactive import var
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style
from textual.visual import Visual

from tui.core.store.model import LibraryError
from tui.core.text import visible

__all__ = ["MOVES", "VirtualRows"]

Row = TypeVar("Row")

MOVES: list[BindingType] = [
    Binding("j,down", "cursor_down", "Down", show=False),
    Binding("k,up", "cursor_up", "Up", show=False),
    Binding("g,home", "first", "First", show=False),
    Binding("G,end", "last", "Last", show=False),
    Binding("pagedown", "page_down", "Page down", show=False),
    Binding("pageup", "page_up", "Page up", show=False),
]
"""The keys that move the cursor, in every virtual list (its own `enter` besides)."""


class VirtualRows(ScrollView, Generic[Row], can_focus=True):
    """Rows of `ROW_HEIGHT` lines read `PAGE` at a time; `cursor` is the position of
    the row under it (`None`: no rows)."""

    ROW_HEIGHT: ClassVar[int] = 1
    PAGE: ClassVar[int] = 100
    CACHED_PAGES: ClassVar[int] = 8
    STRIPS_KEPT: ClassVar[int] = 1024
    UNREADABLE: ClassVar[str] = "The rows cannot be read"
    """Said once (as a notification) when the source fails, with its error."""

    cursor: var[int | None] = var(None, init=False)
    """The position of the row under the cursor (`None`: there are no rows)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._cache: LRUCache[int, Sequence[Row]] = LRUCache(self.CACHED_PAGES)
        self._strips: LRUCache[tuple[object, ...], Strip] = LRUCache(self.STRIPS_KEPT)
        self._told = False  # that the source could not be read

    # What each list says ---------------------------------------------------------------

    @property
    @abstractmethod
    def row_count(self) -> int:
        """How many rows there are."""

    @abstractmethod
    def read_page(self, offset: int, limit: int) -> Sequence[Row]:
        """Rows `offset` to `offset + limit` from the source (may raise `LibraryError`)."""

    @abstractmethod
    def position_at(self, line: int) -> int | None:
        """The position of the row drawn on virtual `line` (`None`: none there)."""

    # Reading ---------------------------------------------------------------------------

    def row_at(self, position: int) -> Row | None:
        """The row at `position`, its page read when it is not cached; `None` outside
        the rows, or when the source cannot be read (said once)."""
        if not 0 <= position < self.row_count:
            return None
        number, within = divmod(position, self.PAGE)
        page = self._cache.get(number)
        if page is None:
            try:
                page = self.read_page(number * self.PAGE, self.PAGE)
            except LibraryError as error:  # damaged, or closed while the app quits
                if not self._told:
                    self._told = True
                    message = visible(f"{self.UNREADABLE}: {error}")
                    self.notify(message, severity="error", markup=False)
                return None
            self._cache[number] = page
        return page[within] if within < len(page) else None

    def forget_rows(self) -> None:
        """Drop the pages and strips read (the source changed)."""
        self._told = False
        self._cache.clear()
        self._strips.clear()

    # Drawing ---------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        self._strips.clear()
        super().notify_style_update()

    def _on_resize(self, _: events.Resize) -> None:
        self._strips.clear()
        self.scroll_to_cursor()

    def on_focus(self) -> None:
        self._strips.clear()
        self.refresh()

    def on_blur(self) -> None:
        self._strips.clear()
        self.refresh()

    def strip(self, text: Content, style: Style) -> Strip:
        """`text` on one line of the list's width in `style`, cut with `…` at the edge."""
        width = self.scrollable_content_region.width
        strips = Visual.to_strips(self, text.truncate(width, ellipsis=True), width, 1, style)
        strip = strips[0] if strips else Strip.blank(width)
        return strip.extend_cell_length(width, style.rich_style)

    # The cursor ------------------------------------------------------------------------

    def validate_cursor(self, cursor: int | None) -> int | None:
        count = self.row_count
        if cursor is None or not count:
            return None
        return max(0, min(count - 1, cursor))

    @abstractmethod
    def scroll_to_cursor(self) -> None:
        """Scroll the cursor's row into view."""

    def action_cursor_down(self) -> None:
        self.cursor = 0 if self.cursor is None else self.cursor + 1

    def action_cursor_up(self) -> None:
        self.cursor = 0 if self.cursor is None else self.cursor - 1

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = self.row_count - 1

    def _screenful(self) -> int:
        return max(1, self.scrollable_content_region.height // self.ROW_HEIGHT)

    def action_page_down(self) -> None:
        self.cursor = (self.cursor or 0) + self._screenful()

    def action_page_up(self) -> None:
        self.cursor = (self.cursor or 0) - self._screenful()

    @abstractmethod
    def action_select(self) -> None:
        """Choose the row under the cursor (each list says it with its message)."""

    # The mouse -------------------------------------------------------------------------

    def _row_under(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset(self)
        if offset is None:
            return None
        return self.position_at(self.scroll_offset.y + offset.y)

    async def _on_click(self, event: events.Click) -> None:
        position = self._row_under(event)
        if position is not None:
            event.stop()
            self.cursor = position
            self.action_select()
