"""Search from the reader screen: open the search screen, go to a hit, step through
the hits in the article, narrow the article list to the matching articles.

`SearchHits` owns the search state (the hits being stepped through, the last query,
the matching articles); the reader screen makes it, gives it itself and the app's
state (whose library it searches), and calls it from its keys.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.core.search import SearchHit
from tui.screens.search import SearchOutcome, SearchScreen
from tui.widgets.article_view import ArticleView
from tui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from tui.app_state import AppState
    from tui.screens.reader import ReaderScreen


class SearchHits:
    """The reader's search: which hits of the open article `n`/`N` step through, and
    which articles the list is narrowed to."""

    def __init__(self, reader: ReaderScreen, state: AppState) -> None:
        self.reader = reader
        self.state = state
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
        library = self.state.library
        if library is None:
            self.reader.notify(self.state.not_open(), timeout=4)
            return
        self.reader.app.push_screen(
            SearchScreen(library, self.last_query, self.opened, self.state), self._searched
        )

    def _searched(self, outcome: SearchOutcome | None) -> None:
        if outcome is None:
            return
        self.last_query = outcome.query
        if outcome.narrow:
            self.narrow(outcome.query)
        elif outcome.hit is not None:
            if not self.reader.open_article(outcome.hit.article_id):
                # Gone since the search (the store was refreshed or replaced): never
                # mark the passage in whichever article is open.
                self.reader.notify("That article is no longer in the library.", timeout=4)
                return
            self.hits = outcome.article_hits or (outcome.hit,)
            self.show(self.hits.index(outcome.hit) if outcome.hit in self.hits else 0)
            self.reader.query_one(ArticleView).focus()

    def narrow(self, query: str) -> None:
        """List only the articles that match `query` ("" lists every article)."""
        reader, library = self.reader, self.state.library
        if not query.strip() or library is None:
            reader.query_filter = None
            return
        self.query_ids = frozenset(library.articles_matching(query))
        reader.query_filter = query
        if reader.current not in self.query_ids:
            reader.open_first_listed()

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
