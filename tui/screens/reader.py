"""The reader screen: the article list, the open article, and the side panels."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Footer

from tui.core import Article, Corpus
from tui.core.extract import Extraction, articles_by_leader
from tui.core.notes import find_quote
from tui.library import Library
from tui.screens.folding import FOLDING_BINDINGS, PaneFolding
from tui.screens.hits import SearchHits
from tui.screens.leader_picker import LeaderPicker
from tui.screens.notes import NotesState
from tui.widgets.article_info import ArticleInfo
from tui.widgets.article_list import ArticleList
from tui.widgets.article_view import ArticleView
from tui.widgets.commitments_panel import CommitmentsPanel
from tui.widgets.leaders_panel import LeadersPanel
from tui.widgets.side_panels import SidePanels
from tui.widgets.status_bar import StatusBar


def _shown_folder(folder: Path) -> str:
    """`folder` relative to the working folder when it is inside it."""
    try:
        return folder.resolve().relative_to(Path.cwd()).as_posix() + "/"
    except ValueError:
        return str(folder)


READER_BINDINGS: list[BindingType] = [
    Binding("slash", "search", "Search", key_display="/", id="reader.search"),
    Binding("n", "next_article", "Next", id="reader.next"),
    Binding("N", "previous_hit", "Previous hit", id="reader.previous_hit"),
    Binding("p", "previous_article", "Previous", id="reader.previous"),
    Binding("s", "reverse_sort", "Sort", id="reader.sort"),
    Binding("h", "toggle_highlights", "Highlights", show=False, id="reader.highlights"),
    Binding("f", "narrow_commitments", "Narrow to leader", show=False, id="reader.narrow"),
    Binding("l", "filter_by_leader", "Leader filter", id="reader.leader_filter"),
    Binding("r", "app.reload", "Reload", show=False, id="reader.reload"),
    Binding("w", "app.show_warnings", "Warnings", show=False, id="reader.warnings"),
    Binding(
        "escape",
        "back",
        "End selection / back to results / all articles",
        show=False,
        id="reader.back",
    ),
]
"""The reader's own keys (the folding keys are `FOLDING_BINDINGS`)."""


class ReaderScreen(Screen[None]):
    """Browse the corpus by date and read one article at a time.

    The app owns the library (the corpus, the extractions, the index, the notes) and
    gives it to this screen, which observes its reactives; this screen decides what is
    open, how the list is sorted and filtered, and reports the open article and sort
    order up with `ReaderScreen.Changed` so the app can remember them.
    """

    # The folding keys first: the footer lists them in this order.
    BINDINGS: ClassVar[list[BindingType]] = [*FOLDING_BINDINGS, *READER_BINDINGS]

    oldest_first: var[bool] = var(False, init=False)
    """List the oldest article first instead of the newest."""

    current: var[str | None] = var(None, init=False)
    """The id of the open article."""

    leader_filter: var[str | None] = var(None, init=False)
    """List only the articles that name this leader."""

    query_filter: var[str | None] = var(None, init=False)
    """List only the articles that match this search query."""

    class Changed(Message):
        """The open article or the sort order changed."""

        def __init__(self, current: str | None, oldest_first: bool) -> None:
            super().__init__()
            self.current = current
            self.oldest_first = oldest_first

    def __init__(
        self, library: Library, current: str | None = None, oldest_first: bool = False
    ) -> None:
        super().__init__()
        self.library = library
        self.search = SearchHits(self, library)
        self.folding = PaneFolding(self)
        self.set_reactive(ReaderScreen.current, current)
        self.set_reactive(ReaderScreen.oldest_first, oldest_first)
        self._by_leader: dict[str, tuple[str, ...]] = {}

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            yield ArticleList(id="articles")
            yield ArticleView(id="reader")
            yield SidePanels(id="side")
        yield StatusBar(id="status")
        yield Footer()

    def on_mount(self) -> None:
        articles = self.query_one(ArticleList)
        articles.border_title = "Articles"
        articles.focus()
        self.watch(self.library, "corpus", self._show_corpus)
        self.watch(self.library, "extractions", self._show_extractions)
        self.watch(self.library, "notes", self._show_bookmarks)
        self.watch(self.library, "loading", self._show_loading)

    # Data from the library -------------------------------------------------------------

    @property
    def corpus(self) -> Corpus | None:
        """The library's corpus, or `None` while it loads."""
        return self.library.corpus

    def extraction(self, article_id: str | None) -> Extraction | None:
        """What was extracted from `article_id`; `None` while extraction runs."""
        return self.library.extraction(article_id)

    def _leader_counts(self) -> dict[str, int]:  # TEMPORARY: the app's branch asks the Library
        return {name: len(ids) for name, ids in self._by_leader.items()}

    @property
    def articles_by_leader(self) -> dict[str, tuple[str, ...]]:
        """Each leader -> the ids of the articles that name them (empty until extracted)."""
        return self._by_leader

    def ordered(self) -> tuple[Article, ...]:
        """The articles in list order, narrowed by the leader filter."""
        if self.corpus is None:
            return ()
        articles = self.corpus.articles
        if self.leader_filter is not None:
            wanted = set(self._by_leader.get(self.leader_filter, ()))
            articles = tuple(a for a in articles if a.id in wanted)
        if self.query_filter is not None:
            articles = tuple(a for a in articles if a.id in self.search.query_ids)
        return articles[::-1] if self.oldest_first else articles

    def _show_corpus(self, corpus: Corpus | None) -> None:
        view = self.query_one(ArticleView)
        if corpus is None:
            view.show_message("Loading articles…")
            return
        self._refresh_list()
        if not corpus.articles:
            view.show_message(
                f"No articles in {corpus.root}.\n"
                "Add .txt or .md readouts to the folder and press r to reload."
            )
            self.query_one(ArticleInfo).show_article(None)
            return
        ordered = self.ordered() or corpus.articles
        remembered = corpus.get(self.current) if self.current else None
        if remembered is not None and view.retitle(remembered):
            return
        self.open_article(remembered.id if remembered else ordered[0].id, force=True)

    def _show_extractions(self, extractions: dict[str, Extraction] | None) -> None:
        self._by_leader = articles_by_leader(extractions) if extractions else {}
        if self.leader_filter is not None and self.leader_filter not in self._by_leader:
            self.leader_filter = None
        extraction = self.extraction(self.current)
        self.query_one(ArticleView).set_extraction(extraction)
        self.query_one(SidePanels).show_extraction(extraction)

    def _show_bookmarks(self, state: NotesState | None = None) -> None:
        """Show which passages of the open article are bookmarked."""
        state = state or self.library.notes
        passages: list[tuple[int, int]] = []
        if state is not None and self.corpus is not None:
            for bookmark in state.notes.bookmarks:
                place = state.places.get(bookmark.id)
                # The bookmark may hold an id of an older version: the corpus resolves it.
                article = self.corpus.get(bookmark.article)
                if article is not None and article.id == self.current and place is not None:
                    passages.append(place)
        self.query_one(ArticleView).set_bookmarked(tuple(passages))

    def passage(self) -> tuple[Article, int, int] | None:
        """The passage to bookmark or copy: text selected with the mouse in the
        article, else the sentences under the passage cursor."""
        view = self.query_one(ArticleView)
        article = view.article
        if article is None:
            return None
        selected = self.get_selected_text()
        if selected and selected.strip():
            found = find_quote(article, selected)
            if found is not None:
                return article, *found
        place = view.selection()
        return (article, *place) if place else None

    def go_to(self, article_id: str, start: int, end: int) -> None:
        """Open `article_id` on the passage `start:end`, marked."""
        if self.open_article(article_id):
            view = self.query_one(ArticleView)
            view.mark(start, end)
            view.focus()

    def _refresh_list(self) -> None:
        if self.corpus is None:
            return
        self.query_one(ArticleList).show_articles(self.ordered(), self.current)
        self._refresh_status()

    def _refresh_status(self) -> None:
        corpus = self.corpus
        if corpus is None:
            return
        self.query_one(StatusBar).show_corpus(
            len(corpus),
            _shown_folder(corpus.root),
            len(corpus.warnings),
            self.oldest_first,
            shown=len(self.ordered()),
            leader=self.leader_filter,
            query=self.query_filter,
        )

    def show_progress(self, done: int, total: int) -> None:
        """Show how far a corpus load has got."""
        self.query_one(StatusBar).show_progress(done, total)

    def _show_loading(self, loading: tuple[int, int] | None) -> None:
        """The app's load progress; `None` once a load is over, changed or not."""
        if loading is None:
            self._refresh_status()
        else:
            self.show_progress(*loading)

    # Opening articles ------------------------------------------------------------------

    def open_article(self, article_id: str, *, force: bool = False) -> bool:
        """Open `article_id` in the reader; `False` if there is no such article."""
        article = self.corpus.get(article_id) if self.corpus else None
        if article is None:
            return False
        article_id = article.id  # an id of an older version names it too
        self.search.leave()
        if force or article_id != self.current or self.query_one(ArticleView).article is None:
            extraction = self.extraction(article_id)
            self.query_one(ArticleView).show_article(article, extraction)
            self.query_one(SidePanels).show_article(article, extraction)
            self.current = article_id
            self._show_bookmarks()
        self.query_one(ArticleList).select(article_id)
        self.current = article_id
        return True

    def watch_current(self) -> None:
        self.post_message(self.Changed(self.current, self.oldest_first))

    def watch_oldest_first(self) -> None:
        self._refresh_list()
        self.post_message(self.Changed(self.current, self.oldest_first))

    def watch_leader_filter(self) -> None:
        self._refresh_list()

    @on(ArticleList.Opened)
    def _open_from_list(self, event: ArticleList.Opened) -> None:
        self.open_article(event.article_id)
        self.remove_class("-show-list")  # on a tiny terminal, back to the text
        self.query_one(ArticleView).focus()

    def _step(self, offset: int) -> None:
        """Open the article `offset` (+1 or -1) away in the list. When the open article
        is not listed (a filter leaves it out), the nearest listed one that way."""
        ids = [article.id for article in self.ordered()]
        if not ids or self.corpus is None:
            return
        if self.current in ids:
            index = ids.index(self.current) + offset
            target = ids[index] if 0 <= index < len(ids) else None
        else:
            everything = self.corpus.articles[::-1] if self.oldest_first else self.corpus.articles
            order = [article.id for article in everything]
            here = order.index(self.current) if self.current in order else -1
            listed = set(ids)
            that_way = order[here + 1 :] if offset > 0 else order[:here][::-1]
            target = next((i for i in that_way if i in listed), None)
        if target is None:
            self.notify("No more articles that way.", timeout=2)
        else:
            self.open_article(target)

    def action_next_article(self) -> None:
        """Open the next article in list order; after a search, go to the next hit."""
        if self.search.hits:
            self.search.show(self.search.at + 1)
        else:
            self._step(+1)

    def action_previous_article(self) -> None:
        """Open the previous article in list order."""
        self._step(-1)

    def action_reverse_sort(self) -> None:
        """List the oldest first, or the newest first again."""
        self.oldest_first = not self.oldest_first

    # Search (the work is `self.search`'s) and folded panes (`self.folding`'s) ----------

    def action_search(self) -> None:
        """Search every readout, starting from the last query."""
        self.search.search()

    def action_previous_hit(self) -> None:
        """Go to the previous search hit in this article."""
        if self.search.hits:
            self.search.show(self.search.at - 1)

    def watch_query_filter(self) -> None:
        self._refresh_list()

    def on_resize(self) -> None:
        self.folding.resized(self.query_one(ArticleView))

    def action_toggle_side(self) -> None:
        """Show the Leaders and Commitments panels (on a narrow terminal)."""
        leaders, text = self.query_one(LeadersPanel), self.query_one(ArticleView)
        self.folding.toggle("-show-side", "-show-list", leaders, text)

    def action_toggle_list(self) -> None:
        """Show the article list in place of the text (on a tiny terminal)."""
        listing, text = self.query_one(ArticleList), self.query_one(ArticleView)
        self.folding.toggle("-show-list", "-show-side", listing, text)

    # Leaders and commitments -----------------------------------------------------------

    @on(LeadersPanel.Chosen)
    def _next_mention(self, event: LeadersPanel.Chosen) -> None:
        mention = self.query_one(SidePanels).next_mention(event.name)
        if mention is not None:
            self._mark(*mention)

    @on(CommitmentsPanel.Chosen)
    def _go_to_commitment(self, event: CommitmentsPanel.Chosen) -> None:
        self._mark(event.commitment.start, event.commitment.end)

    def _mark(self, start: int, end: int) -> None:
        """Mark `start:end` of the open article, bringing the text into view."""
        view = self.query_one(ArticleView)
        if self.folding.show_text():
            view.focus()
        view.mark(start, end)

    def action_toggle_highlights(self) -> None:
        """Turn the highlighting of leaders and commitments off or on."""
        view = self.query_one(ArticleView)
        view.highlighting = not view.highlighting
        self.notify(f"Highlights {'on' if view.highlighting else 'off'}.", timeout=1.5)

    def action_narrow_commitments(self) -> None:
        """Show only the selected leader's commitments, or all of them again."""
        self.query_one(SidePanels).toggle_narrowing()

    def action_filter_by_leader(self) -> None:
        """Pick a leader and list only the articles that name them."""
        if not self._by_leader:
            self.notify("Leaders are still being extracted.", timeout=2)
            return
        self.app.push_screen(
            LeaderPicker(self._leader_counts(), self.leader_filter), self._filtered
        )

    def _filtered(self, leader: str | None) -> None:
        if leader is not None:
            self.filter_by_leader(leader or None)

    def filter_by_leader(self, leader: str | None) -> None:
        """List only the articles naming `leader` (`None`: every article)."""
        self.leader_filter = leader if leader in self._by_leader else None
        ordered = self.ordered()
        if ordered and self.current not in {a.id for a in ordered}:
            self.open_article(ordered[0].id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "previous_hit":
            return bool(self.search.hits)
        return self.folding.allows(action)

    @on(ArticleView.Selecting)
    def _show_selecting(self, event: ArticleView.Selecting) -> None:
        self.query_one(StatusBar).show_selecting(event.selecting)

    def action_back(self) -> None:
        """End a selection; else back to the search results; else show every article."""
        if self.query_one(ArticleView).end_selection():
            return
        if self.search.hits:
            self.search.leave()
            self.action_search()
        elif self.leader_filter is not None or self.query_filter is not None:
            self.leader_filter = None
            self.query_filter = None
