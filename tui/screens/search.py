"""The search screen: results update as you type; Enter opens the passage."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar, Protocol

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState, get_current_worker

from tui.core.query import Query
from tui.core.search import SearchError, SearchHit
from tui.core.store.model import ArticleSummary, LibraryError
from tui.core.store.opening import one_line
from tui.core.text import shorten, visible

if TYPE_CHECKING:
    from tui.app_state import AppState

RESULTS = 100
"""How many hits the screen lists."""
CONTEXT = 50
"""Characters of the passage shown before its first match."""


@dataclass(frozen=True, slots=True)
class SearchOutcome:
    """What the person chose: a hit to read (with the other hits in its article), or
    to narrow the article list to the articles that match `query`."""

    query: str
    hit: SearchHit | None = None
    article_hits: tuple[SearchHit, ...] = ()
    narrow: bool = False


class Searchable(Protocol):
    """What the screen needs of a `tui.core.store.Library`."""

    def search(self, query: str | Query, limit: int = 20) -> list[SearchHit]: ...

    def articles(
        self, offset: int = 0, limit: int | None = None, *, only: Collection[str] | None = None
    ) -> Sequence[ArticleSummary]: ...


@dataclass(frozen=True, slots=True)
class _Found:
    query: str
    hits: list[SearchHit]
    titles: dict[str, str] = field(default_factory=dict)
    """The shown title of each article with a hit."""


def hit_row(hit: SearchHit, title: str) -> Content:
    """Date and title, then the passage around its matches, matches highlighted."""
    heading = Content.assemble(
        (hit.date.isoformat() if hit.date else "undated", "bold"),
        ("  " + visible(shorten(title, 70)), "dim"),
    )
    first = hit.matches[0][0] - hit.start if hit.matches else 0
    begin = 0 if first <= CONTEXT else hit.text.rfind(" ", 0, first - CONTEXT) + 1
    end = min(len(hit.text), begin + 240)
    passage = Content(("…" if begin else "") + visible(hit.text[begin:end]))
    offset = 1 if begin else 0
    for start, stop in hit.matches:
        a, b = start - hit.start - begin, stop - hit.start - begin
        if a >= 0 and b <= end - begin:
            passage = passage.stylize("bold $search-match", a + offset, b + offset)
    if end < len(hit.text):
        passage = passage + "…"
    return Content.assemble(heading, "\n", passage)


class SearchScreen(ModalScreen[SearchOutcome | None]):
    """Type to search every readout. Up/down choose a result, Enter opens it, Esc
    closes; ctrl+f lists only the articles that match."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Close", id="search.close"),
        Binding("down", "move(1)", "Next result", show=False, id="search.down"),
        Binding("up", "move(-1)", "Previous result", show=False, id="search.up"),
        Binding("pagedown", "move(10)", "Page down", show=False, id="search.page_down"),
        Binding("pageup", "move(-10)", "Page up", show=False, id="search.page_up"),
        Binding("ctrl+f", "narrow", "List matching articles", id="search.narrow"),
    ]

    def __init__(
        self,
        library: Searchable,
        query: str = "",
        opened: SearchHit | None = None,
        state: AppState | None = None,
    ) -> None:
        super().__init__()
        self.library = library
        self.initial = query
        self.opened = opened
        """The hit opened last time: the cursor goes back to it in the first results."""
        self.state = state
        """The app's state: while a refresh reads files, the results say they are
        partial, and are searched again as its batches land."""
        self.hits: list[SearchHit] = []
        self.shown_query: str | None = None
        self._open_when_shown = False
        """`enter` came before the results of the query typed: open them when shown."""
        """The query whose results are shown."""
        self.found = ""
        """What the results hold, in words ("3 passages")."""

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Search every readout"
            box.border_subtitle = "enter open · ctrl+f list matching articles · esc close"
            yield Input(
                self.initial,
                placeholder='words, \'exact "a phrase" !not leader:xi from:2025-01 to:2025-06',
                id="query",
            )
            yield Label("", id="found")
            yield OptionList(id="results")

    def typing_field(self) -> Input:
        """Where keys typed before the field had the focus go (`typeahead`)."""
        return self.query_one(Input)

    def on_mount(self) -> None:
        self.query_one(Input).focus()  # its first `Changed` searches the initial query
        if self.state is not None:
            self.watch(self.state, "generation", self._library_moved, init=False)
            self.watch(self.state, "progress", self._say_found, init=False)

    def _library_moved(self) -> None:
        """A refresh batch landed: the same query again, on what is there now."""
        query = self.query_one(Input).value
        if query.strip():
            self._search(query)

    def _reading(self) -> str:
        """` · 6,496 of 100,100 files read so far` while a refresh reads files."""
        progress = self.state.progress if self.state is not None else None
        if progress is None or progress.phase != "reading" or not progress.total:
            return ""  # looking for changes (usually none) is not reading
        return f" · {progress.done:,} of {progress.total:,} files read so far"

    @on(Input.Changed, "#query")
    def _typed(self, event: Input.Changed) -> None:
        self._search(event.value)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False,
          description="Searching")  # fmt: skip
    def _search(self, query: str) -> _Found:
        """Search in a thread; the next keystroke cancels it (an exclusive worker)."""
        worker = get_current_worker()
        hits = self.library.search(query, limit=RESULTS)
        if worker.is_cancelled:
            return _Found(query, [])
        ids = {hit.article_id for hit in hits}
        shown = self.library.articles(only=ids) if ids else ()
        titles = {article.id: article.title for article in shown}
        return _Found(query, hits, titles)

    @on(Worker.StateChanged)
    def _searched(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "search":
            return
        found = self.query_one("#found", Label)
        current = self.query_one(Input).value
        if event.state == WorkerState.ERROR:
            error = event.worker.error
            message = "search failed" if error is None else one_line(error)
            if not isinstance(error, (SearchError, LibraryError)):
                message = f"search failed: {message}"
            found.update(Content(visible(message)))
            found.add_class("-error")
            return
        result = event.worker.result
        # A stale search (the query has changed since) never overwrites a newer one.
        if event.state != WorkerState.SUCCESS or not isinstance(result, _Found):
            return
        if result.query != current:
            return
        found.remove_class("-error")
        self._show(result)

    def _show(self, result: _Found) -> None:
        results = self.query_one(OptionList)
        was = results.highlighted
        again = result.query == self.shown_query and was is not None and was < len(self.hits)
        chosen = self.hits[was] if again and was is not None else None
        self.hits = result.hits
        self.shown_query = result.query
        results.clear_options()
        results.add_options(  # at once: one by one, each remade the list's lines (0.1 s)
            Option(hit_row(hit, result.titles.get(hit.article_id, "")), id=str(number))
            for number, hit in enumerate(self.hits)
        )
        if self.hits:
            # The same query searched again (a refresh batch landed) keeps the cursor
            # on the passage it was on or, when that one is gone, where it was.
            if chosen in self.hits:
                results.highlighted = self.hits.index(chosen)
            elif again and was is not None:
                results.highlighted = min(was, len(self.hits) - 1)
            else:
                results.highlighted = self._opened_at() or 0
        self.opened = None
        if self._open_when_shown:
            self._open_when_shown = False
            self.call_after_refresh(self._submitted)
        count = len(self.hits)
        more = "+" if count == RESULTS else ""
        self.found = "" if not result.query.strip() else (
            f"{count}{more} passage{'s' * (count != 1)}"
            if count else "no passage matches"
        )  # fmt: skip
        self._say_found()

    def _say_found(self) -> None:
        """How many passages the results hold, and how far the library is read (as the
        status line says it, at the same moment)."""
        found = self.query_one("#found", Label)
        if not found.has_class("-error"):
            found.update(self.found + (self._reading() if self.found else ""))

    def _opened_at(self) -> int | None:
        """Where the hit opened last time is in the results, if it is there."""
        opened = self.opened
        if opened is None:
            return None
        for number, hit in enumerate(self.hits):
            if (hit.article_id, hit.start, hit.end) == (
                opened.article_id,
                opened.start,
                opened.end,
            ):
                return number
        return None

    def action_move(self, step: int) -> None:
        """Move the highlight in the results while the query keeps the focus."""
        results = self.query_one(OptionList)
        if results.option_count:
            current = results.highlighted or 0
            results.highlighted = max(0, min(results.option_count - 1, current + step))

    @on(Input.Submitted, "#query")
    def _submitted(self) -> None:
        if self.shown_query != self.query_one(Input).value:
            self._open_when_shown = True  # typed with `enter` faster than it searched
            return
        results = self.query_one(OptionList)
        if results.highlighted is not None and self.hits:
            self._open(self.hits[results.highlighted])

    @on(OptionList.OptionSelected, "#results")
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        self._open(self.hits[event.option_index])

    def _open(self, hit: SearchHit) -> None:
        in_article = tuple(h for h in self.hits if h.article_id == hit.article_id)
        ordered = tuple(sorted(in_article, key=lambda h: h.start))
        self.dismiss(SearchOutcome(self.query_one(Input).value, hit, ordered))

    def action_narrow(self) -> None:
        """List only the articles that match the query (an empty query lists all)."""
        self.dismiss(SearchOutcome(self.query_one(Input).value, narrow=True))
