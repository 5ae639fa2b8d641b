"""Search from the reader screen: open the search screen, go to a hit, step through
the hits in the article, narrow the article list to the matching articles.

`SearchHits` owns the search state (the hits being stepped through, the last query,
the matching articles); the reader screen makes it, gives it the library, and calls it
from its keys.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import TYPE_CHECKING

from tui.core import Corpus
from tui.core.query import Query
from tui.core.search import SearchHit, SearchIndex
from tui.core.store.model import ArticleSummary
from tui.screens.search import SearchOutcome, SearchScreen
from tui.widgets.article_view import ArticleView
from tui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from tui.library import Library
    from tui.screens.reader import ReaderScreen


class _InMemory:
    """The in-memory corpus and index as the search screen reads a store's `Library`.
    TEMPORARY on branch `widgets`: the app's branch opens the Library instead."""

    def __init__(
        self, index: SearchIndex, corpus: Corpus, leaders: Mapping[str, Sequence[str]] | None
    ) -> None:
        self.index, self.corpus, self.leaders = index, corpus, leaders

    def search(self, query: str | Query, limit: int = 20) -> list[SearchHit]:
        return self.index.search(query, limit=limit, leaders=self.leaders)

    def articles(
        self, offset: int = 0, limit: int | None = None, *, only: Collection[str] | None = None
    ) -> list[ArticleSummary]:
        from tui.widgets.article_pages import summary_of

        chosen = [a for a in self.corpus.articles if only is None or a.id in only]
        return [summary_of(a) for a in chosen[offset : None if limit is None else offset + limit]]


class SearchHits:
    """The reader's search: which hits of the open article `n`/`N` step through, and
    which articles the list is narrowed to."""

    def __init__(self, reader: ReaderScreen, library: Library) -> None:
        self.reader = reader
        self.library = library
        self.hits: tuple[SearchHit, ...] = ()
        """The hits in the open article, stepped through with `n` and `N`."""
        self.at = 0
        """The position in `hits` of the hit shown."""
        self.last_query = ""
        self.opened: SearchHit | None = None
        """The hit opened last: the search screen puts its cursor back on it."""
        self.query_ids: frozenset[str] = frozenset()
        """The ids of the articles that match the reader's `query_filter`."""

    def search(self) -> None:
        """Search every readout, starting from the last query."""
        index, corpus = self.library.search_index, self.library.corpus
        if index is None or corpus is None:
            self.reader.notify("The search index is still being built.", timeout=2)
            return
        searched = _InMemory(index, corpus, self.library.leader_names)  # until the app's Library
        screen = SearchScreen(searched, self.last_query, self.opened)
        self.reader.app.push_screen(screen, self._searched)

    def _searched(self, outcome: SearchOutcome | None) -> None:
        if outcome is None:
            return
        self.last_query = outcome.query
        if outcome.narrow:
            self.narrow(outcome.query)
        elif outcome.hit is not None:
            self.reader.open_article(outcome.hit.article_id)
            self.hits = outcome.article_hits or (outcome.hit,)
            self.show(self.hits.index(outcome.hit) if outcome.hit in self.hits else 0)
            self.reader.query_one(ArticleView).focus()

    def narrow(self, query: str) -> None:
        """List only the articles that match `query` ("" lists every article)."""
        reader, index = self.reader, self.library.search_index
        if not query.strip() or index is None:
            reader.query_filter = None
            return
        self.query_ids = frozenset(index.articles_matching(query, self.library.leader_names))
        reader.query_filter = query
        ordered = reader.ordered()
        if ordered and reader.current not in self.query_ids:
            reader.open_article(ordered[0].id)

    def show(self, position: int) -> None:
        """Mark the hit at `position` (wrapping around) and say which it is."""
        position %= len(self.hits)
        self.at = position
        hit = self.hits[position]
        self.opened = hit  # Esc goes back to the results with this one under the cursor
        self.reader.query_one(ArticleView).mark(hit.start, hit.end, hit.matches)
        self.reader.query_one(StatusBar).show_mode(
            f"hit {position + 1}/{len(self.hits)} for “{self.last_query}” · "
            "n/N next/previous · esc results"
        )
        self.reader.refresh_bindings()

    def leave(self) -> None:
        """Stop stepping through hits (another article opens, or Esc)."""
        if self.hits:
            self.hits = ()
            self.reader.query_one(StatusBar).show_mode("")
            self.reader.query_one(ArticleView).clear_mark()
            self.reader.refresh_bindings()
