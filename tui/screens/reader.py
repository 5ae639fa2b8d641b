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

from tui.app_state import AppState
from tui.core import Article
from tui.core.extract import Extraction
from tui.core.notes import find_quote
from tui.core.store import Library, RefreshProgress
from tui.screens.commitments import CommitmentBrowsing
from tui.screens.event_grouping import EventGrouping
from tui.screens.folding import FOLDING_BINDINGS, PaneFolding
from tui.screens.hits import SearchHits
from tui.screens.leader_picker import LeaderPicker
from tui.screens.listing import neighbour
from tui.screens.notes import NotesState
from tui.screens.threads import ThreadBrowsing
from tui.widgets.article_info import ArticleInfo
from tui.widgets.article_list import ArticleList
from tui.widgets.article_pages import ArticlePages, LibraryPages
from tui.widgets.article_view import ArticleView
from tui.widgets.commitments_panel import CommitmentsPanel
from tui.widgets.keys_footer import KeysFooter
from tui.widgets.leaders_panel import LeadersPanel
from tui.widgets.side_panels import SidePanels
from tui.widgets.status_bar import StatusBar


def shown_folder(folder: Path) -> str:
    """`folder` relative to the working folder when it is inside it."""
    try:
        return folder.resolve().relative_to(Path.cwd()).as_posix() + "/"
    except ValueError:
        return str(folder)


READER_BINDINGS: list[BindingType] = [
    Binding("slash", "search", "Search", key_display="/", id="reader.search"),
    Binding("c", "commitments", "Commitments", show=False, id="reader.commitments"),
    Binding("t", "threads", "Threads", show=False, id="reader.threads"),
    Binding("n", "next_article", "Next", id="reader.next"),
    Binding("N", "previous_hit", "Previous hit", id="reader.previous_hit"),
    Binding("p", "previous_article", "Previous", id="reader.previous"),
    Binding("s", "reverse_sort", "Sort", id="reader.sort"),
    Binding("E", "toggle_events", "Group by event", show=False, id="reader.events"),
    Binding("h", "toggle_highlights", "Highlights", show=False, id="reader.highlights"),
    Binding("f", "narrow_commitments", "Narrow to leader", show=False, id="reader.narrow"),
    Binding("l", "filter_by_leader", "Leader filter", id="reader.leader_filter"),
    Binding("P", "leader_profile", "Leader profile", show=False, id="reader.profile"),
    Binding("T", "app.show_timeline", "Timeline of events", show=False, id="reader.timeline"),
    Binding("v,V", "compare", "Compare with another readout", show=False, id="reader.compare"),
    Binding("r", "app.reload", "Reload", show=False, id="reader.reload"),
    Binding("w", "app.show_warnings", "Warnings", show=False, id="reader.warnings"),
    Binding(
        "D", "app.show_changes", "Changes of a revised article", show=False, id="reader.changes"
    ),
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
    """Browse the library by date and read one article at a time.

    The app owns the state (the library, its generation, refresh progress, the notes)
    and gives it to this screen, which observes its reactives and reads what it shows
    from the library page by page; this screen decides what is open, how the list is
    sorted and filtered, and reports the open article and sort order up with
    `ReaderScreen.Changed` so the app can remember them.
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

    grouped: var[bool] = var(False, init=False)
    """List the articles of one event together, under its heading."""

    class Changed(Message):
        """The open article, the sort order or the grouping changed."""

        def __init__(self, current: str | None, oldest_first: bool, grouped: bool = False) -> None:
            super().__init__()
            self.current = current
            self.oldest_first = oldest_first
            self.grouped = grouped

    def __init__(
        self,
        state: AppState,
        current: str | None = None,
        oldest_first: bool = False,
        grouped: bool = False,
    ) -> None:
        super().__init__()
        self.state = state
        self.search = SearchHits(self, state)
        self.commitments = CommitmentBrowsing(self, state)
        self.threads = ThreadBrowsing(self, state)
        self.folding = PaneFolding(self)
        self.grouping = EventGrouping(self)
        self.set_reactive(ReaderScreen.current, current)
        self.set_reactive(ReaderScreen.oldest_first, oldest_first)
        self.set_reactive(ReaderScreen.grouped, grouped)
        self._extraction: Extraction | None = None
        """The extraction shown with the open article."""
        self._listed = False
        """The list shows the library's pages (it shows nothing until it is open)."""

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            yield ArticleList(id="articles")
            yield ArticleView(id="reader")
            yield SidePanels(id="side")
        yield StatusBar(id="status")
        yield KeysFooter()

    def on_mount(self) -> None:
        articles = self.query_one(ArticleList)
        articles.border_title = "Articles"
        articles.focus()
        self.query_one(ArticleView).show_message("Opening the library…")
        # The app's workers may have opened and refreshed the library already.
        self.watch(self.state, "generation", self._library_changed)
        self.watch(self.state, "unopened", self._unopened)
        self.watch(self.state, "ahead", self._show_extraction, init=False)
        self.watch(self.state, "notes", self._show_bookmarks, init=False)
        self.watch(self.state, "progress", self._progressed, init=False)
        self.watch(self.state, "importing", lambda _: self._refresh_status(), init=False)

    # Data from the library -------------------------------------------------------------

    @property
    def library(self) -> Library | None:
        """The open library; `None` until it is open."""
        return self.state.library

    def pages(self, *, narrowed: bool = True) -> ArticlePages | None:
        """The list as shown (sorted, `narrowed` by the filters, grouped), read page by
        page."""
        if self.library is None:
            return None
        grouped = self.grouping.pages(narrowed=narrowed)
        if grouped is not None:
            return grouped
        if not narrowed:
            return LibraryPages(self.library, oldest_first=self.oldest_first)
        only = self.search.query_ids if self.query_filter is not None else None
        return LibraryPages(
            self.library, oldest_first=self.oldest_first, leader=self.leader_filter, only=only
        )

    def _library_changed(self, _generation: int | None = None) -> None:
        """The library changed (a refresh batch, here or in another process): re-read
        the list keeping its cursor, and the open article if it changed."""
        library = self.library
        if library is None:
            return
        if self.leader_filter is not None and self.leader_filter not in library.leaders():
            self.leader_filter = None  # re-lists
        if self._listed:
            self.query_one(ArticleList).refresh_pages()
            self._refresh_status()
            self.grouping.update()
        else:
            self._refresh_list()
        self._reopen()

    def _reopen(self) -> None:
        """Open the article again if the library has another version of it; open the
        first listed one when there is none yet or it is gone."""
        view = self.query_one(ArticleView)
        article = self.library.get(self.current) if self.library and self.current else None
        if article is None:
            pages = self.pages()
            first = pages.page(0, 1) if pages else []
            if first:
                self.open_article(first[0].id, force=True)
            else:
                self._show_empty()
        elif view.article == article or (
            view.article is not None and view.article.id == article.id and view.retitle(article)
        ):
            self._show_extraction()  # the same text (perhaps retitled): only what may move
        else:
            self.open_article(article.id, force=True)

    def _unopened(self, why: str | None) -> None:
        """Say where the article would be why the library cannot be opened."""
        if why is not None:
            self.query_one(ArticleView).show_message(why)

    def _show_empty(self) -> None:
        library = self.library
        if library is None:
            return
        if self.state.progress is not None:
            self.query_one(ArticleView).show_message("Reading the folder…")
        elif self.state.refreshed is None:  # the refresh found another one running
            self.query_one(ArticleView).show_message(
                "Another readout is reading the folder into the library: its articles "
                "are listed as they are written."
            )
        else:
            self.query_one(ArticleView).show_message(
                f"No articles in {library.root}.\n"
                "Add .txt or .md readouts to the folder: they are listed as they arrive."
            )
        self.query_one(ArticleInfo).show_article(None)

    def _show_extraction(self, _ahead: object = None) -> None:
        """Show the open article's extraction if it is not the one shown."""
        extraction = self.state.extraction(self.current)
        if extraction != self._extraction:
            self._extraction = extraction
            self.query_one(ArticleView).set_extraction(extraction)
            self.query_one(SidePanels).show_extraction(extraction)

    def _show_bookmarks(self, state: NotesState | None = None) -> None:
        """Show which passages of the open article are bookmarked."""
        state = state or self.state.notes
        passages: list[tuple[int, int]] = []
        if state is not None:
            for bookmark in state.notes.bookmarks:
                place = state.places.get(bookmark.id)
                # The bookmark may hold an id of an older version: the notes resolved it.
                if place is not None and state.article_of(bookmark) == self.current:
                    passages.append(place)
        self.query_one(ArticleView).set_bookmarked(tuple(passages))

    @property
    def article(self) -> Article | None:
        """The open article."""
        return self.query_one(ArticleView).article

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
        """Open `article_id` on the passage `start:end`, marked, the text shown (on a
        tiny terminal a pane may cover it); said when the article is gone since."""
        if not self.open_article(article_id):
            self.notify("That article is no longer in the library.", timeout=4)
            return
        view = self.query_one(ArticleView)
        self.folding.show_text()
        view.mark(start, end)
        view.focus()

    def _refresh_list(self) -> None:
        pages = self.pages()
        if pages is None:
            return
        self.query_one(ArticleList).show_pages(pages, self.current)
        self._listed = True
        self._refresh_status()
        self.grouping.update()

    def _progressed(self, progress: RefreshProgress | None) -> None:
        """A refresh moved on, or ended (`None`): an empty library says so then."""
        self._refresh_status()
        if progress is None and self.query_one(ArticleView).article is None:
            self._reopen()

    def _refresh_status(self) -> None:
        library = self.library
        if library is None:
            return
        status = self.query_one(StatusBar)
        articles = library.count()
        if (importing := self.state.importing) is not None:
            status.show_importing(importing.done, importing.total, importing.source, articles)
            return
        if self.state.progress is not None:
            status.show_progress(self.state.progress, articles)
            return
        narrowed = self.leader_filter is not None or self.query_filter is not None
        pages = self.pages() if narrowed else None
        status.show_library(
            articles,
            shown_folder(library.root),
            len(library.warnings()),
            self.oldest_first,
            shown=pages.count() if pages else articles,
            leader=self.leader_filter,
            query=self.query_filter,
        )

    # Opening articles ------------------------------------------------------------------

    def open_article(self, article_id: str, *, force: bool = False) -> bool:
        """Open `article_id` in the reader; `False` if there is no such article."""
        article = self.library.get(article_id) if self.library else None
        if article is None:
            return False
        article_id = article.id  # an id of an older version names it too
        self.search.leave()
        if force or article_id != self.current or self.query_one(ArticleView).article is None:
            self._extraction = self.state.extraction(article_id)
            self.query_one(ArticleView).show_article(article, self._extraction)
            self.query_one(SidePanels).show_article(article, self._extraction)
            self.current = article_id
            self._show_bookmarks()
        self.query_one(ArticleList).select(article_id)
        self.current = article_id
        return True

    def watch_current(self) -> None:
        self.post_message(self.Changed(self.current, self.oldest_first, self.grouped))

    def watch_oldest_first(self) -> None:
        self._refresh_list()
        self.post_message(self.Changed(self.current, self.oldest_first, self.grouped))

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
        listed, everything = self.pages(), self.pages(narrowed=False)
        if listed is None or everything is None or self.current is None:
            return
        target = neighbour(listed, everything, self.current, offset)
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

    def action_toggle_events(self) -> None:
        """List the articles of one event together, or by date alone again."""
        self.grouped = not self.grouped

    def watch_grouped(self, grouped: bool) -> None:
        self.grouping.forget()
        self.grouping.announce = grouped
        pages = self.pages()
        if pages is not None and self._listed:
            self.query_one(ArticleList).replace_pages(pages)
        self.grouping.update()
        self.post_message(self.Changed(self.current, self.oldest_first, self.grouped))

    # Search (the work is `self.search`'s) and folded panes (`self.folding`'s) ----------

    def action_search(self) -> None:
        """Search every readout, starting from the last query."""
        self.search.search()

    def action_commitments(self) -> None:
        """Every commitment of the corpus; `enter` opens one here."""
        self.commitments.browse()

    def action_threads(self) -> None:
        """The commitments linked across meetings; `enter` opens an entry here."""
        self.threads.browse()

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
        leaders = self.library.leaders() if self.library else {}
        if not leaders:
            self.notify("No leaders found yet.", timeout=2)
            return
        self.app.push_screen(LeaderPicker(leaders, self.leader_filter), self._filtered)

    def action_leader_profile(self, pick: bool = False) -> None:
        """The profile of the leader highlighted in the Leaders panel (`pick`, or
        none: of a leader picked)."""
        from tui.screens.profile import show_profile

        if self.library is None:
            self.notify(self.state.not_open(), timeout=4)
            return

        def show(name: str | None) -> None:
            if name:
                show_profile(self.app, self.library, name, self.open_article, self.state.briefs)

        highlighted = self.query_one(LeadersPanel).selected_leader
        leaders = self.library.leaders() if self.library else {}
        if highlighted is not None and not pick:
            show(highlighted)
        elif leaders:
            self.app.push_screen(LeaderPicker(leaders, highlighted, everyone=False), show)
        else:
            self.notify("No leaders found yet.", timeout=2)

    def action_topic_brief(self) -> None:
        """Ask for a topic and write the brief of its commitments beside the notes."""
        from tui.screens.briefing import pick_topic_brief

        if self.library is None:
            self.notify(self.state.not_open(), timeout=4)
            return
        pick_topic_brief(self, self.library, self.state.briefs)

    def action_compare(self, pick: bool = False) -> None:
        """Compare the open article with the other readout of its event (`pick`: with
        an article picked), side by side."""
        from tui.screens.compare import start_compare  # the aligner loads when first used

        start_compare(
            self.app, self.library, self.article, self.go_to, pick=pick, briefs=self.state.briefs
        )

    def _filtered(self, leader: str | None) -> None:
        if leader is not None:
            self.filter_by_leader(leader or None)

    def filter_by_leader(self, leader: str | None) -> None:
        """List only the articles naming `leader` (`None`: every article)."""
        known = leader is not None and self.library is not None and leader in self.library.leaders()
        self.leader_filter = leader if known else None
        self.open_first_listed()

    def open_first_listed(self) -> None:
        """Open the first listed article when the open one is not listed."""
        pages = self.pages()
        if pages is None or (self.current and pages.position(self.current) is not None):
            return
        first = pages.page(0, 1)
        if first:
            self.open_article(first[0].id)

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
