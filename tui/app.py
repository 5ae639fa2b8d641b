"""The readout app: loads the corpus off the event loop and routes between screens."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import ScrollableContainer
from textual.reactive import var
from textual.screen import Screen
from textual.theme import Theme
from textual.widgets import OptionList
from textual.worker import Worker, WorkerState

from tui.commands import ReaderCommands
from tui.core import Config, Corpus, CorpusError, load_corpus
from tui.core.extract import Extraction, extract_corpus
from tui.core.notes import (
    Bookmark,
    NotesError,
    NotesFile,
    Spool,
    citation,
    places,
    with_note,
)
from tui.core.search import SearchIndex
from tui.core.state import State, default_state_path, load_state, save_state
from tui.core.text import shorten, visible
from tui.screens.bookmark import BookmarkDialog, ConfirmDialog
from tui.screens.help import HelpScreen, KeySection, binding_rows
from tui.screens.notes import NotesScreen, NotesState
from tui.screens.reader import ReaderScreen
from tui.screens.warnings import WarningsScreen
from tui.theming import DEFAULT_THEME, register_themes
from tui.widgets.article_list import ArticleList
from tui.widgets.article_view import ArticleView
from tui.widgets.commitments_panel import CommitmentsPanel
from tui.widgets.highlights import DEFAULT_VARIABLES
from tui.widgets.keyed_list import KeyedOptionList
from tui.widgets.leaders_panel import LeadersPanel

HORIZONTAL = frozenset({"scroll_left", "scroll_right", "page_left", "page_right"})
"""Scrolling actions left out of the help: the reader wraps its text."""

RETRY_SECONDS = 15.0
"""How often bookmarks that could not be written are tried again."""

PROGRESS_INTERVAL = 0.05
"""Seconds between progress updates sent from the loading thread."""


@dataclass(frozen=True, slots=True)
class NotesWrite:
    """What a write to the notes file did: the bookmarks written, and the error that
    stopped it; `changed` for an edit or a delete rather than appends."""

    written: tuple[str, ...]
    error: str | None = None
    changed: bool = False


class ReadoutApp(App[None]):
    """A keyboard-first reader for diplomatic readouts."""

    TITLE = "readout"
    CSS_PATH = "app.tcss"
    COMMANDS: ClassVar = App.COMMANDS | {ReaderCommands}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("b", "bookmark", "Bookmark", id="app.bookmark"),
        Binding("y", "copy_passage", "Copy with citation", show=False, id="app.copy"),
        Binding("m", "show_notes", "Notes", id="app.notes"),
        Binding("ctrl+t", "next_theme", "Theme", show=False, id="app.theme"),
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Keys", key_display="?", id="app.help"),
    ]

    corpus: var[Corpus | None] = var(None)
    """The loaded corpus; `None` until the first load finishes."""

    extractions: var[dict[str, Extraction] | None] = var(None)
    """Leaders and commitments by article id; `None` while extraction runs."""

    search_index: var[SearchIndex | None] = var(None)
    """The search index of the corpus; `None` while it is built."""

    leader_names: var[dict[str, list[str]] | None] = var(None)
    """Article id -> the names of the leaders it names, for `leader:` in searches."""

    notes: var[NotesState | None] = var(None)
    """The bookmarks in the notes file, and where each passage is now."""

    def __init__(self, config: Config, state_path: Path | None = None) -> None:
        super().__init__()
        self.config = config
        self.state_path = state_path or default_state_path()
        self.state = load_state(self.state_path)
        self.notes_file = NotesFile(config.notes)
        self.spool = Spool(self.state_path.parent / "pending-bookmarks.jsonl")
        self.pending: list[Bookmark] = self.spool.load()
        self.theme_names: list[str] = []

    def _apply_themes(self) -> None:
        """Register the theme files and choose the remembered or configured theme;
        every file that could not be used is named in one warning."""
        self.theme_names, problems = register_themes(self, self.config)
        warnings = list(problems)
        wanted = self.state.theme or self.config.theme
        if wanted not in self.available_themes:
            warnings.append(f"unknown theme {wanted!r}")
            wanted = DEFAULT_THEME if DEFAULT_THEME in self.available_themes else "textual-dark"
        self.theme = wanted
        if warnings:
            self.notify(
                visible("\n".join(warnings)) + f"\nUsing the {wanted} theme.",
                title="Themes", severity="warning", timeout=10,
            )  # fmt: skip
        self.theme_changed_signal.subscribe(self, self._remember_theme)

    def _remember_theme(self, theme: Theme) -> None:
        self._save_state(replace(self.state, theme=theme.name))

    def action_next_theme(self) -> None:
        """Switch to the next theme from the theme files."""
        names = self.theme_names or [self.theme]
        at = names.index(self.theme) if self.theme in names else -1
        self.theme = names[(at + 1) % len(names)]
        self.notify(f"Theme: {self.theme}", timeout=2)

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return {**super().get_theme_variable_defaults(), **DEFAULT_VARIABLES}

    def get_default_screen(self) -> Screen[None]:
        return ReaderScreen(self.state.last_article, self.state.oldest_first)

    def on_mount(self) -> None:
        self._apply_themes()
        self.action_reload()
        self.set_interval(RETRY_SECONDS, self._retry_pending)

    # Loading ---------------------------------------------------------------------------

    def action_reload(self) -> None:
        """Read the corpus folder again, off the event loop."""
        self._load(self.config.corpus)

    @work(thread=True, exclusive=True, group="corpus", exit_on_error=False)
    def _load(self, folder: Path) -> Corpus:
        last = 0.0

        def progress(done: int, total: int) -> None:
            nonlocal last
            now = time.monotonic()
            if now - last >= PROGRESS_INTERVAL or done == total:
                last = now
                self.call_from_thread(self._show_progress, done, total)

        return load_corpus(folder, progress)

    def _show_progress(self, done: int, total: int) -> None:
        if isinstance(self.screen, ReaderScreen):
            self.screen.show_progress(done, total)

    @work(thread=True, exclusive=True, group="extract", exit_on_error=False)
    def _extract(self, corpus: Corpus) -> dict[str, Extraction]:
        return extract_corpus(corpus, self.config.lexicon)

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def _index(self, corpus: Corpus) -> SearchIndex:
        return SearchIndex(corpus)

    @on(Worker.StateChanged)
    def _worker_finished(self, event: Worker.StateChanged) -> None:
        """The one place where worker results and failures are handled."""
        worker = event.worker
        if event.state == WorkerState.SUCCESS:
            if worker.group == "corpus" and isinstance(worker.result, Corpus):
                self._corpus_loaded(worker.result)
            elif worker.group == "extract" and isinstance(worker.result, dict):
                self.leader_names = {
                    article_id: [leader.name for leader in extraction.leaders]
                    for article_id, extraction in worker.result.items()
                }
                self.extractions = worker.result
            elif worker.group == "index" and isinstance(worker.result, SearchIndex):
                self.search_index = worker.result
            elif worker.group == "notes-load" and isinstance(worker.result, NotesState):
                self._notes_loaded(worker.result)
            elif worker.group == "notes-write":
                self._notes_written(worker.result)
        elif event.state == WorkerState.ERROR:
            error = worker.error
            if worker.group == "corpus":
                message = str(error) if isinstance(error, CorpusError) else repr(error)
                self.notify(visible(message), title="Cannot load the corpus", severity="error")
                self._corpus_loaded(Corpus(self.config.corpus, ()))
            elif worker.group in ("notes-load", "notes-write"):
                message = str(error) if isinstance(error, NotesError) else repr(error)
                self.notify(visible(message), title="Notes file", severity="error", timeout=8)
            else:
                title = "Extraction failed" if worker.group == "extract" else "Indexing failed"
                self.notify(visible(repr(error)), title=title, severity="error")

    @work(thread=True, exclusive=True, group="notes-load", exit_on_error=False)
    def _load_notes(self, corpus: Corpus) -> NotesState:
        notes = self.notes_file.load()
        return NotesState(notes, places(notes, corpus))

    def _corpus_loaded(self, corpus: Corpus) -> None:
        self.extractions = None
        self.leader_names = None
        self.search_index = None
        self.corpus = corpus
        self._index(corpus)
        self._extract(corpus)
        self._load_notes(corpus)
        self._retry_pending()
        if corpus.warnings:
            count = len(corpus.warnings)
            self.notify(
                f"{count} file{'s' * (count != 1)} did not load cleanly: press w to see why.",
                severity="warning",
            )

    # State -----------------------------------------------------------------------------

    @on(ReaderScreen.Changed)
    def _remember(self, event: ReaderScreen.Changed) -> None:
        self._save_state(
            replace(self.state, last_article=event.current, oldest_first=event.oldest_first)
        )

    def _save_state(self, state: State) -> None:
        if state == self.state:
            return
        self.state = state
        try:
            save_state(self.state_path, state)
        except OSError as error:
            self.log.warning(f"cannot save state to {self.state_path}: {error}")

    # Bookmarks -------------------------------------------------------------------------

    def _reader(self) -> ReaderScreen | None:
        return self.screen if isinstance(self.screen, ReaderScreen) else None

    def action_bookmark(self) -> None:
        """Bookmark the selection (or the sentence under the passage cursor)."""
        reader = self._reader()
        passage = reader.passage() if reader else None
        if passage is None:
            self.notify("Put the passage cursor on a sentence (] or [) or select text first.")
            return
        article, start, end = passage

        def save(answer: tuple[str, list[str]] | None) -> None:
            if answer is not None:
                self.keep(Bookmark.new(article, start, end, note=answer[0], tags=answer[1]))

        self.push_screen(BookmarkDialog(article.text[start:end]), save)

    def action_copy_passage(self) -> None:
        """Copy the selection with its citation (title, source, date) to the clipboard."""
        reader = self._reader()
        passage = reader.passage() if reader else None
        if passage is None:
            self.notify("Put the passage cursor on a sentence (] or [) or select text first.")
            return
        self.copy_to_clipboard(citation(*passage))
        self.notify("Copied the passage with its citation.", timeout=2)

    def keep(self, bookmark: Bookmark) -> None:
        """Save `bookmark`: spooled first, so it survives even if the write fails."""
        self.pending.append(bookmark)
        self._spool_pending()
        self._flush_pending(list(self.pending))

    def _spool_pending(self) -> None:
        try:
            self.spool.save(self.pending)
        except OSError as error:
            self.log.warning(f"cannot spool pending bookmarks: {error}")

    def _retry_pending(self) -> None:
        if self.pending:
            self._flush_pending(list(self.pending))

    @work(thread=True, exclusive=True, group="notes-write", exit_on_error=False)
    def _flush_pending(self, waiting: list[Bookmark]) -> NotesWrite:
        written: list[str] = []
        try:
            for bookmark in waiting:
                self.notes_file.append(bookmark)
                written.append(bookmark.id)
        except NotesError as error:
            return NotesWrite(tuple(written), str(error))
        return NotesWrite(tuple(written))

    @work(thread=True, exclusive=False, group="notes-write", exit_on_error=False)
    def _change_notes(self, bookmark: Bookmark, delete: bool) -> NotesWrite:
        try:
            if delete:
                self.notes_file.delete(bookmark.id)
            else:
                self.notes_file.update(bookmark)
        except NotesError as error:
            return NotesWrite((), str(error), changed=True)
        return NotesWrite((bookmark.id,), changed=True)

    def _notes_written(self, result: object) -> None:
        if not isinstance(result, NotesWrite):
            return
        if not result.changed:  # appends: whatever was written leaves the spool
            self.pending = [b for b in self.pending if b.id not in result.written]
            self._spool_pending()
            if result.error:
                count = len(self.pending)
                self.notify(
                    f"{visible(result.error)}. {count} bookmark{'s' * (count != 1)} kept, "
                    f"tried again every {RETRY_SECONDS:.0f} s.",
                    title="Bookmark not saved yet", severity="error", timeout=10,
                )  # fmt: skip
            elif result.written:
                self.notify(f"Bookmarked in {self.config.notes.name}.", timeout=2)
        elif result.error:
            self.notify(visible(result.error), title="Notes file unchanged", severity="error")
        if self.corpus is not None and result.written:
            self._load_notes(self.corpus)

    def _notes_loaded(self, state: NotesState) -> None:
        self.notes = state
        for problem in state.notes.problems:
            self.notify(visible(problem), title="Notes file", severity="warning", timeout=8)

    def action_show_notes(self) -> None:
        """List the bookmarks; Enter goes to one."""
        if self.notes is None:
            self.notify("The notes file is still being read.", timeout=2)
            return

        def go(bookmark: Bookmark | None) -> None:
            reader = self._reader()
            place = self.notes.places.get(bookmark.id) if bookmark and self.notes else None
            if reader is not None and bookmark is not None and place is not None:
                reader.go_to(bookmark.article, *place)

        self.push_screen(NotesScreen(self.notes, self.corpus), go)

    @on(NotesScreen.Edit)
    def _edit_bookmark(self, event: NotesScreen.Edit) -> None:
        bookmark = event.bookmark

        def save(answer: tuple[str, list[str]] | None) -> None:
            if answer is not None:
                self._change_notes(with_note(bookmark, *answer), delete=False)

        dialog = BookmarkDialog(bookmark.quote, bookmark.note, bookmark.tags, "Edit the note")
        self.push_screen(dialog, save)

    @on(NotesScreen.Delete)
    def _delete_bookmark(self, event: NotesScreen.Delete) -> None:
        bookmark = event.bookmark

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._change_notes(bookmark, delete=True)

        question = f"Delete the bookmark of “{shorten(bookmark.quote, 120)}”?"
        self.push_screen(ConfirmDialog(question), confirmed)

    # Screens and commands --------------------------------------------------------------

    def action_show_warnings(self) -> None:
        """List the files that did not load cleanly."""
        if self.corpus is not None:
            self.push_screen(WarningsScreen(self.corpus.warnings, self.corpus.root))

    def key_sections(self) -> list[KeySection]:
        """Every binding, grouped by where it works, for the help screen."""
        display = self.get_key_display
        return [
            ("Anywhere", [
                *binding_rows(self.BINDINGS, display),
                *binding_rows(ReaderScreen.BINDINGS, display),
                ("tab shift+tab", "Next / previous pane"),
                ("ctrl+p", "Command palette"),
            ]),
            ("Article list", binding_rows(
                ArticleList.BINDINGS + KeyedOptionList.BINDINGS + OptionList.BINDINGS, display
            )),
            ("Reader", binding_rows(
                ArticleView.BINDINGS + ScrollableContainer.BINDINGS, display, skip=HORIZONTAL
            )),
            ("Leaders and Commitments panels", binding_rows(
                LeadersPanel.BINDINGS + CommitmentsPanel.BINDINGS + KeyedOptionList.BINDINGS,
                display,
            )),
        ]  # fmt: skip

    def action_help(self) -> None:
        """Show every key binding."""
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.key_sections()))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Reload corpus", "Read the corpus folder again", self.action_reload)
        yield SystemCommand(
            "Show load warnings", "Files that did not load cleanly", self.action_show_warnings
        )
        yield SystemCommand("Show keys", "Every key binding", self.action_help)
        if isinstance(screen, ReaderScreen):
            yield SystemCommand(
                "Reverse sort order", "Oldest or newest first", screen.action_reverse_sort
            )
            yield SystemCommand("Next article", "Open the next article", screen.action_next_article)
            yield SystemCommand(
                "Previous article", "Open the previous article", screen.action_previous_article
            )
