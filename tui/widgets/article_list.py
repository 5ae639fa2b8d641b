"""The article list: newest first (or oldest), grouped under year and month headings."""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Iterator, Sequence
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from tui.core import Article
from tui.core.text import shorten, visible
from tui.widgets.keyed_list import KeyedOptionList

TITLE_CHARS = 72
"""Titles in the list are cut near this many characters (about two lines)."""


def _row(article: Article) -> Content:
    """Two or three lines: the day and place, then the title."""
    date = article.date
    day = f"{date.day} {calendar.month_abbr[date.month]}" if date else "undated"
    place = f" · {visible(article.place)}" if article.place else ""
    return Content.assemble(
        (day, "bold"), (place, "dim"), "\n", visible(shorten(article.title, TITLE_CHARS))
    )


def _headings_and_rows(articles: Iterable[Article]) -> Iterator[Option]:
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

    def show_articles(self, articles: Sequence[Article], current: str | None = None) -> None:
        """Replace the rows with `articles` (in that order), keeping `current` highlighted."""
        self.clear_options()
        self.add_options(_headings_and_rows(articles))
        if current is not None and self.select(current):
            return
        self.action_first()

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
