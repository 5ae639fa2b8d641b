"""The table of the Commitments screen: one commitment a row (date, actor, side, kind,
topics, then the sentence on a line of its own), newest first.

A virtual table (Textual's Line API): it knows how many rows the narrowing has and
draws only those on screen, reading them a page at a time from the library into a
small cache, so 100,000 commitments show as fast as ten.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Protocol

from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import var
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style
from textual.visual import Visual

from tui.core.store.commitment_query import CommitmentQuery, CommitmentRow
from tui.core.store.model import LibraryError
from tui.core.text import visible

__all__ = ["COLUMNS", "CommitmentSource", "CommitmentTable", "header_line", "row_lines"]

PAGE = 100
"""Rows read from the library at a time."""
CACHED_PAGES = 16

COLUMNS = (("Date", 10), ("Actor", 24), ("Side", 14), ("Kind", 12))
"""The columns of a row's first line, with their widths in cells; the topics follow."""
ROW_HEIGHT = 2
"""Lines a commitment takes: its cells, then its sentence."""


class CommitmentSource(Protocol):
    """What the table reads its rows from (a `tui.core.store.Library`)."""

    def commitments(
        self, query: CommitmentQuery | None = None, offset: int = 0, limit: int | None = None
    ) -> list[CommitmentRow]: ...


def _cell(text: str, width: int) -> Content:
    return Content(visible(text).replace("\n", " ")).truncate(width, ellipsis=True, pad=True)


def row_lines(row: CommitmentRow) -> tuple[Content, Content]:
    """A commitment's lines: its cells and topics, then the sentence (both cut at the
    widget's edge)."""
    values = (
        row.date.isoformat() if row.date else "undated",
        ", ".join(row.actors),
        ", ".join(row.sides),
        row.kind,
    )
    cells = [_cell(value, width) for value, (_, width) in zip(values, COLUMNS, strict=True)]
    cells[0] = cells[0].stylize("bold")
    cells[3] = cells[3].stylize("italic")
    topics = Content.styled(visible(", ".join(row.topics)), "$text-muted")
    sentence = Content(visible(row.text).replace("\n", " "))
    return Content(" ").join([*cells, topics]), Content("  ") + sentence


def header_line() -> Content:
    """The column titles."""
    cells = [Content(title).truncate(width, pad=True) for title, width in COLUMNS]
    return Content(" ").join([*cells, Content("Topics")]).stylize("bold")


class CommitmentTable(ScrollView, can_focus=True):
    """Commitments, one a line. Enter (or a click) opens the one under the cursor.

    | Key | Action |
    | :- | :- |
    | `j` / `k`, `down` / `up` | Move down / up. |
    | `g` / `G`, `home` / `end` | First / last commitment. |
    | `pagedown` / `pageup` | A screenful down / up. |
    | `enter` | Open the passage in the reader. |

    | Class | Description |
    | :- | :- |
    | `commitment-table--cursor` | The commitment under the cursor. |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Open the passage", show=False, id="commitments.open"),
        Binding("j,down", "cursor_down", "Down", show=False),
        Binding("k,up", "cursor_up", "Up", show=False),
        Binding("g,home", "first", "First", show=False),
        Binding("G,end", "last", "Last", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {"commitment-table--cursor"}

    DEFAULT_CSS = """
    CommitmentTable {
        overflow-x: hidden;
        overflow-y: auto;
    }
    """

    cursor: var[int | None] = var(None, init=False)
    """The position of the commitment under the cursor (`None`: the table is empty)."""

    class Chosen(Message):
        """The person chose a commitment to read."""

        def __init__(self, table: CommitmentTable, row: CommitmentRow) -> None:
            super().__init__()
            self.table = table
            self.row = row

        @property
        def control(self) -> CommitmentTable:
            return self.table

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._source: CommitmentSource | None = None
        self._query = CommitmentQuery()
        self.count = 0
        """How many commitments the narrowing has."""
        self._cache: LRUCache[int, Sequence[CommitmentRow]] = LRUCache(CACHED_PAGES)
        self._strips: LRUCache[tuple[int, int, bool, int], Strip] = LRUCache(512)
        self._told = False

    def show(
        self,
        source: CommitmentSource,
        query: CommitmentQuery,
        count: int,
        first: Sequence[CommitmentRow] = (),
        *,
        keep: bool = False,
    ) -> None:
        """List the `count` commitments `query` narrows `source` to (`first`: its
        first page, read already), the cursor on the first; with `keep` (the same
        narrowing read again after the library changed), on the commitment it was on,
        or where it was when that one is gone."""
        was, at = (self.current, self.cursor) if keep else (None, None)
        self._source, self._query, self.count = source, query, count
        self._cache.clear()
        self._strips.clear()
        self._told = False
        if first:
            self._cache[0] = first
        self.virtual_size = Size(0, count * ROW_HEIGHT)
        self.set_reactive(CommitmentTable.cursor, None)
        if was is not None and at is not None and count:
            self.cursor = self._place_of(was, min(at, count - 1))
            self.refresh()
            return
        self.cursor = 0 if count else None
        self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()

    def _place_of(self, row: CommitmentRow, near: int) -> int:
        """Where `row` is now, looked for on the page around `near` (rows before it
        come and go by a few when files change); `near` when it is not there."""
        wanted = (row.article_id, row.start, row.end)
        for position in range(max(0, near - PAGE // 2), min(self.count, near + PAGE // 2)):
            found = self.row_at(position)
            if found is not None and (found.article_id, found.start, found.end) == wanted:
                return position
        return near

    @property
    def current(self) -> CommitmentRow | None:
        """The commitment under the cursor."""
        return self.row_at(self.cursor) if self.cursor is not None else None

    def row_at(self, position: int) -> CommitmentRow | None:
        """The commitment at `position`, its page read when it is not cached."""
        if not 0 <= position < self.count or self._source is None:
            return None
        number, within = divmod(position, PAGE)
        page = self._cache.get(number)
        if page is None:
            try:
                page = self._source.commitments(self._query, number * PAGE, PAGE)
            except LibraryError as error:  # damaged, or closed while the app quits
                if not self._told:
                    self._told = True
                    message = visible(f"The commitments cannot be read: {error}")
                    self.notify(message, severity="error", markup=False)
                return None
            self._cache[number] = page
        return page[within] if within < len(page) else None

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

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        position, within = divmod(self.scroll_offset.y + y, ROW_HEIGHT)
        if not 0 <= position < self.count:
            return Strip.blank(width, self.rich_style)
        chosen = position == self.cursor
        key = (position, within, chosen, width)
        strip = self._strips.get(key)
        if strip is None:
            row = self.row_at(position)
            text = row_lines(row)[within] if row is not None else Content()
            classes = ("commitment-table--cursor",) if chosen else ()
            strip = self._strip(text, width, self.get_visual_style(*classes))
            self._strips[key] = strip
        return strip

    def _strip(self, text: Content, width: int, style: Style) -> Strip:
        text = text.truncate(width, ellipsis=True)
        strips = Visual.to_strips(self, text, width, 1, style)
        strip = strips[0] if strips else Strip.blank(width)
        return strip.extend_cell_length(width, style.rich_style)

    # The cursor ------------------------------------------------------------------------

    def validate_cursor(self, cursor: int | None) -> int | None:
        if cursor is None or not self.count:
            return None
        return max(0, min(self.count - 1, cursor))

    def watch_cursor(self) -> None:
        self.scroll_to_cursor()
        self.refresh()  # the strips are cached by (position, under the cursor, width)

    def scroll_to_cursor(self) -> None:
        cursor = self.cursor
        if cursor is None or not self.is_mounted or not self.size:
            return
        width = max(1, self.scrollable_content_region.width)
        self.scroll_to_region(
            Region(0, cursor * ROW_HEIGHT, width, ROW_HEIGHT),
            animate=False,
            force=True,
            immediate=True,
        )

    def action_cursor_down(self) -> None:
        self.cursor = 0 if self.cursor is None else self.cursor + 1

    def action_cursor_up(self) -> None:
        self.cursor = 0 if self.cursor is None else self.cursor - 1

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = self.count - 1

    def _screenful(self) -> int:
        return max(1, self.scrollable_content_region.height // ROW_HEIGHT)

    def action_page_down(self) -> None:
        self.cursor = (self.cursor or 0) + self._screenful()

    def action_page_up(self) -> None:
        self.cursor = (self.cursor or 0) - self._screenful()

    def action_select(self) -> None:
        """Open the commitment under the cursor."""
        row = self.current
        if row is not None:
            self.post_message(self.Chosen(self, row))

    async def _on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        position = (self.scroll_offset.y + offset.y) // ROW_HEIGHT
        if 0 <= position < self.count:
            event.stop()
            self.cursor = position
            self.action_select()
