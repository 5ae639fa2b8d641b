"""Search from the reader screen: open the search screen, go to a hit, step through
the hits in the article, narrow the article list to the matching articles."""

from __future__ import annotations

from textual.screen import Screen

from tui.core import Corpus
from tui.core.search import SearchHit
from tui.screens.search import SearchOutcome, SearchScreen
from tui.widgets.article_view import ArticleView
from tui.widgets.status_bar import StatusBar


class SearchHits(Screen[None]):
    """Mixed into the reader screen, which holds the state it uses."""

    # The reader screen's state this part reads and changes; its `corpus`,
    # `ordered()`, `open_article()` and `_refresh_list()` are used too.
    _hits: tuple[SearchHit, ...]
    _hit_at: int
    _last_query: str
    _opened: SearchHit | None
    _query_ids: frozenset[str]
    query_filter: str | None
    current: str | None
    corpus: Corpus | None

    def action_search(self) -> None:
        """Search every readout, starting from the last query."""
        index = getattr(self.app, "search_index", None)
        if index is None or self.corpus is None:
            self.notify("The search index is still being built.", timeout=2)
            return
        leaders = getattr(self.app, "leader_names", None)
        screen = SearchScreen(index, self.corpus, self._last_query, leaders, self._opened)
        self.app.push_screen(screen, self._searched)

    def _searched(self, outcome: SearchOutcome | None) -> None:
        if outcome is None:
            return
        self._last_query = outcome.query
        if outcome.narrow:
            self.narrow_to_query(outcome.query)
        elif outcome.hit is not None:
            self.open_article(outcome.hit.article_id)
            self._hits = outcome.article_hits or (outcome.hit,)
            self._show_hit(self._hits.index(outcome.hit) if outcome.hit in self._hits else 0)
            self.query_one(ArticleView).focus()

    def narrow_to_query(self, query: str) -> None:
        """List only the articles that match `query` ("" lists every article)."""
        index = getattr(self.app, "search_index", None)
        if not query.strip() or index is None:
            self.query_filter = None
            return
        leaders = getattr(self.app, "leader_names", None)
        self._query_ids = frozenset(index.articles_matching(query, leaders))
        self.query_filter = query
        ordered = self.ordered()
        if ordered and self.current not in self._query_ids:
            self.open_article(ordered[0].id)

    def watch_query_filter(self) -> None:
        self._refresh_list()

    def _show_hit(self, position: int) -> None:
        position %= len(self._hits)
        self._hit_at = position
        hit = self._hits[position]
        self._opened = hit  # Esc goes back to the results with this one under the cursor
        self.query_one(ArticleView).mark(hit.start, hit.end, hit.matches)
        self.query_one(StatusBar).show_mode(
            f"hit {position + 1}/{len(self._hits)} for “{self._last_query}” · "
            "n/N next/previous · esc results"
        )
        self.refresh_bindings()

    def _leave_hits(self) -> None:
        if self._hits:
            self._hits = ()
            self.query_one(StatusBar).show_mode("")
            self.query_one(ArticleView).clear_mark()
            self.refresh_bindings()

    def action_previous_hit(self) -> None:
        """Go to the previous search hit in this article."""
        if self._hits:
            self._show_hit(self._hit_at - 1)
