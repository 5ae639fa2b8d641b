"""The article list: newest first (or oldest), grouped under year and month headings."""

from __future__ import annotations

import calendar
from collections.abc import Collection, Iterable, Iterator, Sequence
from typing import ClassVar, Protocol

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from tui.core.store import ArticleSummary, Library
from tui.core.text import shorten, visible
from tui.widgets.keyed_list import KeyedOptionList

TITLE_CHARS = 72
"""Titles in the list are cut near this many characters (about two lines)."""


class ArticlePages(Protocol):
    """Where the list reads its rows from, page by page."""

    def count(self) -> int: ...

    def page(self, offset: int, limit: int) -> Sequence[ArticleSummary]: ...

    def position(self, article_id: str) -> int | None: ...


class LibraryPages:
    """The articles of a `Library` in list order, narrowed to a leader and to ids.

    TEMPORARY shim on branch `app` until the widgets helper's virtual list lands."""

    def __init__(
        self,
        library: Library,
        *,
        oldest_first: bool = False,
        leader: str | None = None,
        only: Collection[str] | None = None,
    ) -> None:
        self.library = library
        self.oldest_first = oldest_first
        self.leader = leader
        self.only = only

    def count(self) -> int:
        return self.library.count(leader=self.leader, only=self.only)

    def page(self, offset: int, limit: int) -> Sequence[ArticleSummary]:
        return self.library.articles(
            offset, limit, oldest_first=self.oldest_first, leader=self.leader, only=self.only
        )

    def position(self, article_id: str) -> int | None:
        return self.library.position(
            article_id, oldest_first=self.oldest_first, leader=self.leader, only=self.only
        )


def _row(article: ArticleSummary) -> Content:
    """Two or three lines: the day and place, then the title."""
    date = article.date
    day = f"{date.day} {calendar.month_abbr[date.month]}" if date else "undated"
    place = f" · {visible(article.place)}" if article.place else ""
    return Content.assemble(
        (day, "bold"), (place, "dim"), "\n", visible(shorten(article.title, TITLE_CHARS))
    )


def _headings_and_rows(articles: Iterable[ArticleSummary]) -> Iterator[Option]:
    """Options for `articles` in their given order, with a heading at each new year
    and month. Headings are disabled options, so the cursor steps over them."""
    year: int | str | None = ""
    month: int | None = None
    for article in articles:
        date = article.date
        article_year = date.year if date else None
        if article_year != year:
            year, month = article_year, None
            label = str(article_year) if article_year else "Undated"
            yield Option(Content.styled(label, "bold"), disabled=True)
        if date is not None and date.month != month:
            month = date.month
            yield Option(Content.styled(f"─ {calendar.month_name[month]}", "italic"), disabled=True)
        yield Option(_row(article), id=article.id)


class ArticleList(KeyedOptionList):
    """The corpus by date. Enter (or a click) opens the highlighted article.

    | Key | Action |
    | :- | :- |
    | `j` / `k` | Move down / up. |
    | `g` / `G` | First / last article. |
    | `enter` | Open the article. |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Open the article", show=False, id="list.open"),
    ]

    DEFAULT_CSS = """
    ArticleList {
        & > .option-list--option-disabled {
            color: $text-accent;
        }
    }
    """

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

    pages: ArticlePages | None = None

    def show_pages(self, pages: ArticlePages, current: str | None = None) -> None:
        """Show the rows of `pages`, keeping `current` highlighted."""
        self.pages = pages
        self.clear_options()
        self.add_options(_headings_and_rows(pages.page(0, pages.count())))
        if current is not None and self.select(current):
            return
        self.action_first()

    def refresh_pages(self) -> None:
        """Read the pages again (the library changed), the cursor kept on its article."""
        if self.pages is not None:
            highlighted = self.highlighted
            option = self.get_option_at_index(highlighted) if highlighted is not None else None
            self.show_pages(self.pages, option.id if option is not None else None)

    def select(self, article_id: str) -> bool:
        """Move the cursor to `article_id`; `False` when it is not listed."""
        try:
            self.highlighted = self.get_option_index(article_id)
        except OptionDoesNotExist:
            return False
        return True

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Opened(self, event.option.id))
