"""The article list grouped by event, read page by page: the order and the headings
come from an `EventListing` (ids only, made in a worker), the rows of a page from the
library (one query for the page's ids)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

from tui.core.event_list import EventListing, Section
from tui.core.store.model import ArticleSummary

if TYPE_CHECKING:
    from tui.core.store import Library

__all__ = ["EventPages"]


class EventPages:
    """The articles of a `Library` grouped by event (`ArticlePages`)."""

    def __init__(self, library: Library, listing: EventListing) -> None:
        self.library = library
        self.listing = listing

    @classmethod
    def build(
        cls,
        library: Library,
        *,
        oldest_first: bool = False,
        leader: str | None = None,
        only: Collection[str] | None = None,
    ) -> EventPages:
        """Group the library's articles (narrowed to those naming `leader` and to the
        ids `only`): slow at first (the events are made), then kept per generation.
        For a worker thread."""
        listed: Collection[str] | None = only
        if leader is not None:
            naming = {a.id for a in library.articles(leader=leader, only=only)}
            listed = naming
        listing = EventListing.of(library.events(), oldest_first=oldest_first, listed=listed)
        return cls(library, listing)

    def count(self) -> int:
        return len(self.listing)

    def page(self, offset: int, limit: int) -> Sequence[ArticleSummary]:
        ids = self.listing.ids[max(offset, 0) : max(offset, 0) + limit]
        found = {a.id: a for a in self.library.articles(only=ids)} if ids else {}
        return [found[i] for i in ids if i in found]

    def months(self) -> Sequence[Section]:
        return self.listing.sections

    def position(self, article_id: str) -> int | None:
        return self.listing.position(article_id)
