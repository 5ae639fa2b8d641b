"""The article list: newest first (or oldest), under year and month headings.

A virtual list (Textual's Line API): it is laid out from the month counts alone
(`ListLayout`) and draws only the rows on screen, reading them a page at a time from an
`ArticlePages` source (the library store) into a small cache. A list of 100,000
articles shows as fast as a list of five.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import var
from textual.strip import Strip

from tui.core import Article
from tui.core.store.model import ArticleSummary
from tui.core.text import visible
from tui.widgets.article_pages import ArticlePages, LibraryPages, SummaryPages
from tui.widgets.list_layout import Heading, ListLayout
from tui.widgets.virtual_rows import MOVES, VirtualRows

__all__ = [
    "REVISED",
    "ArticleList",
    "ArticlePages",
    "LibraryPages",
    "SummaryPages",
    "row_lines",
]

ROW_HEIGHT = 3
"""Lines an article takes: the day and place, then the title on two lines."""
PAGE = 200
"""Articles read from the source at a time."""
CACHED_PAGES = 8
"""Pages kept in memory (the rows around the cursor, and where the list was)."""


REVISED = Content.styled("revised", "italic $revised")
"""The marker of an imported article whose page changed since (theme variable
`$revised`), at the right of its row's first line."""


def row_lines(article: ArticleSummary, width: int) -> list[Content]:
    """The lines of an article's row at `width` cells: the day and place (cut with
    "…") and, for a revised article, `REVISED` at the right; then the title on two
    lines (the second cut with "…" when it goes on)."""
    date = article.date
    day = f"{date.day} {calendar.month_abbr[date.month]}" if date else "undated"
    place = f" · {visible(article.place)}" if article.place else ""
    first = Content.assemble((day, "bold"), (place, "dim"))
    room = width - REVISED.cell_length - 1
    if article.revised is not None and room >= len(day):
        first = first.truncate(room, ellipsis=True, pad=True) + " " + REVISED
    first = first.truncate(width, ellipsis=True)
    title = Content(visible(article.title)).wrap(max(width, 1))
    if len(title) > 2:
        second = title[1].rstrip()
        cut = second + "…" if second.cell_length < width else second.truncate(width, ellipsis=True)
        title = [title[0], cut]
    return [first, *title, Content()][:ROW_HEIGHT]


class ArticleList(VirtualRows[ArticleSummary]):
    """The articles by date. Enter (or a click) opens the one under the cursor.

    | Key | Action |
    | :- | :- |
    | `j` / `k`, `down` / `up` | Move down / up. |
    | `g` / `G`, `home` / `end` | First / last article. |
    | `pagedown` / `pageup` | A screenful down / up. |
    | `enter` | Open the article. |

    | Class | Description |
    | :- | :- |
    | `article-list--cursor` | The article under the cursor. |
    | `article-list--hover` | The article under the mouse. |
    | `article-list--heading` | Year and month headings. |
    | `article-list--event` | The heading of an event's articles (grouped by event). |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Open the article", show=False, id="list.open"),
        *MOVES,
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-list--cursor",
        "article-list--hover",
        "article-list--heading",
        "article-list--event",
    }

    DEFAULT_CSS = """
    ArticleList {
        overflow-x: hidden;
        overflow-y: auto;
        padding: 0 1;
    }
    """

    ROW_HEIGHT = ROW_HEIGHT
    PAGE = PAGE
    CACHED_PAGES = CACHED_PAGES
    UNREADABLE = "The list cannot be read"

    _hover: var[int | None] = var(None, init=False)

    class Opened(Message):
        """The person chose an article to read."""

        def __init__(self, article_list: ArticleList, article_id: str) -> None:
            super().__init__()
            self.article_list = article_list
            self.article_id = article_id

        @property
        def control(self) -> ArticleList:
            """The list the article was chosen in."""
            return self.article_list

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._pages: ArticlePages = SummaryPages(())
        self._layout = ListLayout((), ROW_HEIGHT)

    # Down from the screen ----------------------------------------------------------------

    @property
    def pages(self) -> ArticlePages:
        """Where the rows come from."""
        return self._pages

    def show_pages(self, pages: ArticlePages, current: str | None = None) -> None:
        """List the articles of `pages`, the cursor on `current` when it is listed,
        else on the first article."""
        self._pages = pages
        self._relayout()
        at = pages.position(current) if current is not None else None
        self.set_reactive(ArticleList.cursor, None)
        self.cursor = at if at is not None else (0 if self._layout.count else None)
        self.scroll_to_cursor()

    def show_articles(self, articles: Sequence[Article], current: str | None = None) -> None:
        """List articles held in memory, in that order (`show_pages` of them)."""
        self.show_pages(SummaryPages.of(articles), current)

    def replace_pages(self, pages: ArticlePages) -> None:
        """List `pages` in place of the source shown (the same articles, grouped or
        not), the cursor staying on its article (`refresh_pages`)."""
        kept = self.cursor_id
        self._pages = pages
        self.refresh_pages(kept)

    def refresh_pages(self, kept: str | None = None) -> None:
        """Read the source again (the library changed), the cursor staying on the same
        article (or `kept`), on the same line of the screen, when it is still listed."""
        kept = kept or self.cursor_id
        before = self._line_of(self.cursor)
        self._relayout()
        at = self._pages.position(kept) if kept is not None else None
        if at is None and self._layout.count:
            at = min(self.cursor or 0, self._layout.count - 1)
        self.set_reactive(ArticleList.cursor, at)
        after = self._line_of(at)
        if before is not None and after is not None:
            self.scroll_to(y=self.scroll_y + after - before, animate=False, immediate=True)
        self.scroll_to_cursor()
        self.refresh()

    def select(self, article_id: str) -> bool:
        """Move the cursor to `article_id` (scrolled into view); `False` when it is not
        listed."""
        at = self._pages.position(article_id)
        if at is None:
            return False
        self.cursor = at
        self.scroll_to_cursor()  # also when it was there already, but scrolled away
        return True

    @property
    def cursor_id(self) -> str | None:
        """The id of the article under the cursor."""
        return self.id_at(self.cursor) if self.cursor is not None else None

    def id_at(self, position: int) -> str | None:
        """The id of the article at list `position` (`None` outside the list)."""
        article = self.row_at(position)
        return article.id if article else None

    def headings(self) -> list[str]:
        """The year and month headings, top to bottom."""
        return [heading.label for heading in self._layout.headings()]

    # Layout and reading ----------------------------------------------------------------

    def _relayout(self) -> None:
        self.forget_rows()
        self._layout = ListLayout(self._pages.months(), ROW_HEIGHT)
        self.virtual_size = Size(0, self._layout.height)
        self.refresh()

    # What VirtualRows reads ------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return self._layout.count

    def read_page(self, offset: int, limit: int) -> Sequence[ArticleSummary]:
        return self._pages.page(offset, limit)

    def position_at(self, line: int) -> int | None:
        slot = self._layout.at(line)
        return slot[0] if isinstance(slot, tuple) else None

    def _line_of(self, position: int | None) -> int | None:
        if position is None or not 0 <= position < self._layout.count:
            return None
        return self._layout.line_of(position)

    # Drawing ---------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = self.scroll_offset.y + y
        slot = self._layout.at(line)
        if isinstance(slot, Heading):
            if slot.is_event:  # leaders and outlets are data: never markup
                style = self.get_visual_style("article-list--event")
                return self.strip(Content(visible(slot.label)), style)
            style = self.get_visual_style("article-list--heading")
            return self.strip(
                Content.styled(slot.label, "bold" if slot.is_year else "italic"), style
            )
        if slot is None:
            return Strip.blank(width, self.rich_style)
        position, within = slot
        state = "cursor" if position == self.cursor else "hover" if position == self._hover else ""
        key = (position, within, state, width)
        strip = self._strips.get(key)
        if strip is None:
            article = self.row_at(position)
            lines = row_lines(article, width) if article else [Content()] * ROW_HEIGHT
            classes = (f"article-list--{state}",) if state else ()
            strip = self._strips[key] = self.strip(lines[within], self.get_visual_style(*classes))
        return strip

    # The cursor ------------------------------------------------------------------------

    def watch_cursor(self, old: int | None, new: int | None) -> None:
        for position in (old, new):
            line = self._line_of(position)
            if line is not None:
                self.refresh_lines(line, ROW_HEIGHT)
        self.scroll_to_cursor()

    def watch__hover(self, old: int | None, new: int | None) -> None:
        for position in (old, new):
            line = self._line_of(position)
            if line is not None:
                self.refresh_lines(line, ROW_HEIGHT)

    def scroll_to_cursor(self) -> None:
        """Scroll the cursor's row (with its headings, if it is first under them) into
        view."""
        cursor = self.cursor
        if cursor is None or not self.is_mounted or not self.size:
            return
        top, line = self._layout.top_of(cursor), self._layout.line_of(cursor)
        width = max(1, self.scrollable_content_region.width)
        self.scroll_to_region(
            Region(0, top, width, line + ROW_HEIGHT - top),
            animate=False,
            force=True,
            immediate=True,
        )

    def action_select(self) -> None:
        """Open the article under the cursor."""
        article_id = self.cursor_id
        if article_id is not None:
            self.post_message(self.Opened(self, article_id))

    # The mouse -------------------------------------------------------------------------

    def _on_mouse_move(self, event: events.MouseMove) -> None:
        self._hover = self._row_under(event)

    def _on_leave(self, _: events.Leave) -> None:
        self._hover = None
