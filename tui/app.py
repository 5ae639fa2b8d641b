"""The readout app: loads the corpus off the event loop and routes between screens."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import ScrollableContainer
from textual.driver import Driver
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.theme import Theme
from textual.widgets import OptionList
from textual.worker import Worker, WorkerState, get_current_worker

from tui.bookmarks import LOAD_GROUP, WRITE_GROUP, Bookmarks
from tui.commands import ReaderCommands
from tui.core import Config, Corpus, CorpusError, load_corpus
from tui.core.cancel import Cancelled, check
from tui.core.corrections import CorrectionsFile, corrected_lexicon
from tui.core.extract import Extraction, extract, extract_corpus
from tui.core.notes import NotesError
from tui.core.notes_store import NotesService
from tui.core.search import SearchIndex
from tui.core.state import State, default_state_path, load_state, save_state
from tui.core.text import visible
from tui.correcting import WRITE_GROUP as CORRECTIONS_GROUP
from tui.correcting import Correcting
from tui.hangup import CHECK_SECONDS, exit_on_sighup, hangup_safe, input_fd, terminal_gone
from tui.library import Extracted, Library
from tui.screens.folding import FOLDING_BINDINGS
from tui.screens.help import HelpScreen, KeySection, binding_rows
from tui.screens.notes import NotesScreen, NotesState
from tui.screens.reader import READER_BINDINGS, ReaderScreen
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

HANGUP_EXIT = 129
"""The exit status when the terminal went away (128 + SIGHUP, as the shells use)."""

PROGRESS_INTERVAL = 0.05
"""Seconds between progress updates sent from the loading thread."""


def _retitled(old: Corpus, new: Corpus) -> bool:
    """Whether `new` is `old` with only some articles' titles changed (a correction
    renamed a leader a headline names)."""

    def untitled(corpus: Corpus) -> dict[str, object]:
        return {article.id: replace(article, title="") for article in corpus.articles}

    same = (old.root, old.warnings) == (new.root, new.warnings)
    return same and untitled(old) == untitled(new)


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

    def __init__(self, config: Config, state_path: Path | None = None) -> None:
        super().__init__()
        self.config = config
        self.state_path = state_path or default_state_path()
        self.state = load_state(self.state_path)
        self.library = Library()
        """What the app has loaded; the screens are given it when they are made."""
        self.reader = ReaderScreen(self.library, self.state.last_article, self.state.oldest_first)
        """The default screen, made here so the bookmark keys can be given it."""
        self.bookmarks = Bookmarks(
            self, self.library, self.reader, NotesService(config.notes, self.state_path.parent)
        )
        self.correcting = Correcting(
            self, self.library, self.reader, CorrectionsFile(config.corrections_file),
            self.reextract,
        )  # fmt: skip
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
                "\n".join(warnings) + f"\nUsing the {wanted} theme.",
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
        self.notify(f"Theme: {self.theme}", timeout=2)  # a name from a file: plain text

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification is plain text: what it quotes (titles, names, file names,
        errors) is data, so `markup` is ignored and nothing is parsed as markup."""
        super().notify(
            visible(message), title=visible(title), severity=severity, timeout=timeout,
            markup=False,
        )  # fmt: skip

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return {**super().get_theme_variable_defaults(), **DEFAULT_VARIABLES}

    @property
    def corpus(self) -> Corpus | None:
        """The loaded corpus (the library's); `None` until the first load finishes."""
        return self.library.corpus

    @property
    def extractions(self) -> dict[str, Extraction] | None:
        """The library's extractions; `None` while extraction runs."""
        return self.library.extractions

    def get_default_screen(self) -> Screen[None]:
        return self.reader

    def on_mount(self) -> None:
        self._apply_themes()
        self.action_reload()
        self.bookmarks.start()
        self.correcting.start()
        if not self.is_headless:
            self._watch_terminal()

    def _watch_terminal(self) -> None:
        """Exit when the terminal goes away, signalled or not (see `tui.hangup`)."""
        exit_on_sighup(self._terminal_gone)
        fd = input_fd()
        if fd is not None:

            def check() -> None:
                if terminal_gone(fd):
                    self._terminal_gone()

            self.set_interval(CHECK_SECONDS, check)

    def _terminal_gone(self) -> None:
        self.exit(return_code=HANGUP_EXIT)

    def _terminal_gone_from_thread(self) -> None:
        """A write to the terminal failed (in the output thread): leave, without
        waiting on the event loop, which may itself be waiting on that thread."""
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._terminal_gone)

    def get_driver_class(self) -> type[Driver]:
        driver: type[Driver] = hangup_safe(
            super().get_driver_class(), self._terminal_gone_from_thread
        )
        return driver

    # Loading ---------------------------------------------------------------------------

    def action_reload(self) -> None:
        """Read the corpus folder again, off the event loop."""
        self._load(self.config.corpus)

    # Every worker has a description: without one Textual builds a repr of its
    # arguments, which for a corpus is the text of every article.

    @work(thread=True, exclusive=True, group="corpus", exit_on_error=False,
          description="Loading the corpus")  # fmt: skip
    def _load(self, folder: Path) -> Corpus:
        worker = get_current_worker()
        last = 0.0

        def progress(done: int, total: int) -> None:
            nonlocal last
            check(lambda: worker.is_cancelled)  # no progress shown for a load nobody wants
            now = time.monotonic()
            if now - last >= PROGRESS_INTERVAL or done == total:
                last = now
                self.call_from_thread(self._show_progress, done, total)

        # Titles name leaders as the corrections file says (its problems are told
        # once, by the extraction that follows).
        lexicon, _ = corrected_lexicon(self.config.lexicon, self.config.corrections_file)
        return load_corpus(
            folder, progress, should_stop=lambda: worker.is_cancelled, lexicon=lexicon
        )

    def _show_progress(self, done: int, total: int) -> None:
        self.library.loading = (done, total)

    def reextract(self, first: str | None = None) -> None:
        """Extract the corpus again (the corrections changed), the article `first`
        before the rest; a run still going is cancelled."""
        if self.library.corpus is not None:
            self.correcting.read()
            self._extract(self.library.corpus, first)
            self._load(self.config.corpus)  # titles name the leaders as corrected too

    @work(thread=True, exclusive=True, group="extract", exit_on_error=False,
          description="Finding leaders and commitments")  # fmt: skip
    def _extract(self, corpus: Corpus, first: str | None = None) -> Extracted:
        worker = get_current_worker()
        lexicon, problems = corrected_lexicon(self.config.lexicon, self.config.corrections_file)
        article = corpus.get(first) if first is not None else None
        if article is not None:  # the one on screen at once
            one = extract(article, lexicon, should_stop=lambda: worker.is_cancelled)
            check(lambda: worker.is_cancelled)
            self.call_from_thread(self.library.extracted_one, article.id, one)
        return Extracted(
            extract_corpus(corpus, lexicon, should_stop=lambda: worker.is_cancelled), problems
        )

    @work(thread=True, exclusive=True, group="index", exit_on_error=False,
          description="Building the search index")  # fmt: skip
    def _index(self, corpus: Corpus) -> SearchIndex:
        worker = get_current_worker()
        return SearchIndex(
            corpus, synonyms=self.config.synonyms, should_stop=lambda: worker.is_cancelled
        )

    @on(Worker.StateChanged)
    def _worker_finished(self, event: Worker.StateChanged) -> None:
        """The one place where worker results and failures are handled."""
        worker = event.worker
        if event.state == WorkerState.SUCCESS:
            if worker.group == "corpus" and isinstance(worker.result, Corpus):
                self._corpus_loaded(worker.result)
            elif worker.group == "extract" and isinstance(worker.result, Extracted):
                self.library.extracted(worker.result.extractions)
                self.correcting.problems(worker.result.problems)
            elif worker.group == "index" and isinstance(worker.result, SearchIndex):
                self.library.search_index = worker.result
            elif worker.group == LOAD_GROUP and isinstance(worker.result, NotesState):
                self.bookmarks.loaded(worker.result)
            elif worker.group == WRITE_GROUP:
                self.bookmarks.written(worker.result)
            elif worker.group == CORRECTIONS_GROUP:
                self.correcting.written(worker.result)
        elif event.state == WorkerState.ERROR:
            error = worker.error
            if isinstance(error, Cancelled):
                return  # stopped on request (a newer load, or quitting): nothing to say
            if worker.group == "corpus":
                message = str(error) if isinstance(error, CorpusError) else repr(error)
                self.notify(message, title="Cannot load the corpus", severity="error")
                self._corpus_loaded(Corpus(self.config.corpus, ()))
            elif worker.group in (LOAD_GROUP, WRITE_GROUP):
                message = str(error) if isinstance(error, NotesError) else repr(error)
                self.notify(message, title="Notes file", severity="error", timeout=8)
            else:
                title = "Extraction failed" if worker.group == "extract" else "Indexing failed"
                self.notify(repr(error), title=title, severity="error")

    def _corpus_loaded(self, corpus: Corpus) -> None:
        library = self.library
        previous = library.corpus
        if previous is not None and corpus != previous and _retitled(previous, corpus):
            library.corpus = corpus  # only titles changed: what was built from it stays
        elif corpus != previous:
            library.replace_corpus(corpus)
            self._index(corpus)
            self.correcting.read()
            self._extract(corpus)
        library.loading = None
        self.bookmarks.corpus_loaded(library.corpus or corpus)
        if corpus.warnings and corpus.warnings != (previous.warnings if previous else ()):
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

    # Bookmarks (the work is `self.bookmarks`'s) -----------------------------------------

    def action_bookmark(self) -> None:
        """Bookmark the selection (or the sentence under the passage cursor)."""
        self.bookmarks.bookmark()

    def action_copy_passage(self) -> None:
        """Copy the selection with its citation (title, source, date) to the clipboard."""
        self.bookmarks.copy_passage()

    def action_show_notes(self) -> None:
        """List the bookmarks; Enter goes to one."""
        self.bookmarks.show_notes()

    @on(NotesScreen.Edit)
    def _edit_bookmark(self, event: NotesScreen.Edit) -> None:
        if event.in_editor:
            self.bookmarks.edit_in_editor(event.bookmark)
        else:
            self.bookmarks.edit(event.bookmark)

    @on(NotesScreen.Delete)
    def _delete_bookmark(self, event: NotesScreen.Delete) -> None:
        self.bookmarks.delete(event.bookmark)

    # Corrections (the work is `self.correcting`'s) --------------------------------------

    @on(LeadersPanel.Correct)
    def _correct_leader(self, event: LeadersPanel.Correct) -> None:
        self.correcting.leader(event)

    @on(CommitmentsPanel.Correct)
    def _correct_commitment(self, event: CommitmentsPanel.Correct) -> None:
        self.correcting.commitment(event)

    # Screens and commands --------------------------------------------------------------

    def action_show_warnings(self) -> None:
        """List the files that did not load cleanly."""
        corpus = self.library.corpus
        if corpus is not None:
            self.push_screen(WarningsScreen(corpus.warnings, corpus.root))

    def key_sections(self) -> list[KeySection]:
        """Every binding, grouped by where it works, for the help screen."""
        display = self.get_key_display
        return [
            ("Anywhere", [
                *binding_rows(self.BINDINGS, display),
                *binding_rows(READER_BINDINGS + FOLDING_BINDINGS, display),
                ("tab shift+tab", "Next / previous pane"),
                ("ctrl+p", "Command palette"),
            ]),
            ("Article list", binding_rows(
                ArticleList.BINDINGS + KeyedOptionList.BINDINGS + OptionList.BINDINGS, display
            )),
            ("Reader", binding_rows(
                ArticleView.BINDINGS + ScrollableContainer.BINDINGS, display, skip=HORIZONTAL
            )),
            ("Leaders panel", binding_rows(
                LeadersPanel.BINDINGS + KeyedOptionList.BINDINGS, display
            )),
            ("Commitments panel", binding_rows(CommitmentsPanel.BINDINGS, display)),
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
        yield SystemCommand("Notes", "List the bookmarks (m)", self.action_show_notes)
        yield SystemCommand(
            "Next theme", "Switch to the next theme (ctrl+t)", self.action_next_theme
        )
        if isinstance(screen, ReaderScreen):
            yield from self._reader_commands(screen)

    def _reader_commands(self, screen: ReaderScreen) -> Iterable[SystemCommand]:
        """The main actions of the reader, each with its key, findable by name."""
        commands = [
            ("Search", "Search every readout (/)", screen.action_search),
            ("Bookmark", "Bookmark the passage under the cursor (b)", self.action_bookmark),
            ("Copy", "Copy the passage with its citation (y)", self.action_copy_passage),
            ("Highlights", "Turn highlighting of leaders on or off (h)",
             screen.action_toggle_highlights),
            ("Leader filter", "List only the articles that name a leader (l)",
             screen.action_filter_by_leader),
            ("Narrow commitments to leader", "The selected leader's commitments only (f)",
             screen.action_narrow_commitments),
            ("Reverse sort order", "Oldest or newest first (s)", screen.action_reverse_sort),
            ("Next article", "Open the next article (n)", screen.action_next_article),
            ("Previous article", "Open the previous article (p)",
             screen.action_previous_article),
        ]  # fmt: skip
        for title, help_text, callback in [*commands, *self.correcting.commands()]:
            yield SystemCommand(title, help_text, callback)
