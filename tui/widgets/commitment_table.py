"""The table of the Commitments screen: one commitment a row (date, actor, side, kind,
topics, then the sentence on a line of its own), newest first.

A virtual table (Textual's Line API): it knows how many rows the narrowing has and
draws only those on screen, reading them a page at a time from the library into a
small cache, so 100,000 commitments show as fast as ten.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Protocol

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.strip import Strip

from tui.core.store.commitment_query import CommitmentQuery, CommitmentRow
from tui.core.text import visible
from tui.widgets.virtual_rows import MOVES, VirtualRows

__all__ = ["COLUMNS", "CommitmentSource", "CommitmentTable", "header_line", "row_lines"]

PAGE = 100
"""Rows read from the library at a time."""

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


class CommitmentTable(VirtualRows[CommitmentRow]):
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
        *MOVES,
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {"commitment-table--cursor"}

    DEFAULT_CSS = """
    CommitmentTable {
        overflow-x: hidden;
        overflow-y: auto;
    }
    """

    ROW_HEIGHT = ROW_HEIGHT
    PAGE = PAGE
    CACHED_PAGES = 16
    STRIPS_KEPT = 512
    UNREADABLE = "The commitments cannot be read"

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
        self.forget_rows()
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

    # What VirtualRows reads ------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return self.count

    def read_page(self, offset: int, limit: int) -> Sequence[CommitmentRow]:
        return self._source.commitments(self._query, offset, limit) if self._source else ()

    def position_at(self, line: int) -> int | None:
        position = line // ROW_HEIGHT
        return position if 0 <= position < self.count else None

    # Drawing ---------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        position, within = divmod(self.scroll_offset.y + y, ROW_HEIGHT)
        if not 0 <= position < self.count:
            return Strip.blank(width, self.rich_style)
        chosen = position == self.cursor
        key = (position, within, chosen, width)
        if (strip := self._strips.get(key)) is not None:
            return strip
        row = self.row_at(position)
        text = row_lines(row)[within] if row is not None else Content()
        classes = ("commitment-table--cursor",) if chosen else ()
        strip = self._strips[key] = self.strip(text, self.get_visual_style(*classes))
        return strip

    # The cursor ------------------------------------------------------------------------

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

    def action_select(self) -> None:
        """Open the commitment under the cursor."""
        row = self.current
        if row is not None:
            self.post_message(self.Chosen(self, row))
