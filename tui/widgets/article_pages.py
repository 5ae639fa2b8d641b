"""Where the article list reads its rows from: a page at a time, never all at once."""

from __future__ import annotations

import itertools
from collections.abc import Collection, Iterable, Sequence
from typing import TYPE_CHECKING, Protocol

from tui.core import Article
from tui.core.store.model import ArticleSummary

if TYPE_CHECKING:
    from tui.core.store import Library

Month = tuple[int | None, int | None, int]
"""(year, month, how many articles), `(None, None, n)` for the undated ones."""
Section = tuple[int | None, int | None, int, str | None]
"""Some of a month's articles, under their event's heading (`tui.core.event_list`)."""


class ArticlePages(Protocol):
    """The articles of a list, in list order, read page by page."""

    def count(self) -> int:
        """How many articles are listed."""
        ...

    def page(self, offset: int, limit: int) -> Sequence[ArticleSummary]:
        """The articles at list positions `offset ..< offset + limit`."""
        ...

    def months(self) -> Sequence[Month] | Sequence[Section]:
        """(year, month, how many) in list order: where the headings go (sections,
        with their events' headings, for the list grouped by event)."""
        ...

    def position(self, article_id: str) -> int | None:
        """Where `article_id` is in the list; `None` when it is not listed."""
        ...


class LibraryPages:
    """The articles of a `Library`, newest (or oldest) first, narrowed to those naming
    `leader` and to the ids `only`: every call is a query on the store."""

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

    def months(self) -> Sequence[Month]:
        return self.library.months(
            oldest_first=self.oldest_first, leader=self.leader, only=self.only
        )

    def position(self, article_id: str) -> int | None:
        return self.library.position(
            article_id, oldest_first=self.oldest_first, leader=self.leader, only=self.only
        )


def summary_of(article: Article) -> ArticleSummary:
    """What the list shows of an article loaded in memory."""
    return ArticleSummary(
        id=article.id,
        file=article.file,
        date=article.date,
        title=article.title,
        place=article.place,
        source=article.source,
        words=article.words,
        url=article.url,
        revised=article.revised,
        versions=article.versions,
    )


class SummaryPages:
    """Articles already in memory, in the order given (small lists, tests)."""

    def __init__(self, summaries: Iterable[ArticleSummary]) -> None:
        self._summaries = list(summaries)
        self._positions = {summary.id: at for at, summary in enumerate(self._summaries)}

    @classmethod
    def of(cls, articles: Iterable[Article]) -> SummaryPages:
        return cls(summary_of(article) for article in articles)

    def count(self) -> int:
        return len(self._summaries)

    def page(self, offset: int, limit: int) -> Sequence[ArticleSummary]:
        return self._summaries[offset : offset + limit]

    def months(self) -> Sequence[Month]:
        def month(summary: ArticleSummary) -> tuple[int | None, int | None]:
            date = summary.date
            return (date.year, date.month) if date else (None, None)

        return [
            (year, month_, len(list(group)))
            for (year, month_), group in itertools.groupby(self._summaries, key=month)
        ]

    def position(self, article_id: str) -> int | None:
        return self._positions.get(article_id)
