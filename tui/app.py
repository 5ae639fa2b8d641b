"""The readout app: opens the library, keeps it up to date off the event loop (and
watches its folder), and routes between screens."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, replace
from multiprocessing import resource_tracker
from pathlib import Path
from typing import Any, ClassVar

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

from tui.app_state import AppState
from tui.bookmarks import LOAD_GROUP, WRITE_GROUP, Bookmarks
from tui.commands import ReaderCommands
from tui.core import Config
from tui.core.cancel import Cancelled
from tui.core.corrections import CorrectionsFile, corrected_lexicon
from tui.core.extract import Extraction, extract
from tui.core.notes import NotesError
from tui.core.notes_store import NotesService
from tui.core.state import State, default_state_path, load_state, save_state
from tui.core.store import Library, LibraryError, Refreshed, RefreshProgress
from tui.core.text import visible
from tui.correcting import WRITE_GROUP as CORRECTIONS_GROUP
from tui.correcting import Correcting
from tui.hangup import CHECK_SECONDS, exit_on_sighup, hangup_safe, input_fd, terminal_gone
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

PROGRESS_INTERVAL = 0.1
"""Seconds between progress updates sent from the refreshing thread."""

WATCH_SECONDS = 2.0
"""How often the folder (files dropped in) and the store (another process's refresh)
are checked while the app runs."""

WATCH_SHARE = 5
"""A look at a big folder (stat of every file) waits this many times as long as the
last one took: the watch never takes more than a fifth of one core."""

OPEN, REFRESH, WATCH, EXTRACT = "library-open", "library-refresh", "library-watch", "extract"
"""The app's own worker groups."""


@dataclass(frozen=True, slots=True)
class Opened:
    """The library opened, and the problems met reading the corrections file."""

    library: Library
    problems: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Ended:
    """How a refresh ended: what it did (`None`: another process is refreshing), or
    `stopped` for newer corrections."""

    refreshed: Refreshed | None
    stopped: bool = False


@dataclass(frozen=True, slots=True)
class Looked:
    """What a look at the library found: the store's generation, and whether the
    folder has changes a refresh would read."""

    generation: int
    changed: bool
    seconds: float = 0.0
    """How long the look took."""


@dataclass(frozen=True, slots=True)
class Extracted:
    """Extractions made ahead of the store (the open article after a correction), and
    the problems met reading the corrections file."""

    extractions: dict[str, Extraction]
    problems: tuple[str, ...] = ()


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
        self.library_state = AppState()
        """What the app knows (the library, its generation, refresh progress, the
        notes); the screens are given it when they are made."""
        self.reader = ReaderScreen(
            self.library_state, self.state.last_article, self.state.oldest_first
        )
        """The default screen, made here so the bookmark keys can be given it."""
        self.bookmarks = Bookmarks(
            self, self.library_state, self.reader,
            NotesService(config.notes, self.state_path.parent),
        )  # fmt: skip
        self.correcting = Correcting(
            self, self.library_state, self.reader, CorrectionsFile(config.corrections_file),
            self.corrected,
        )  # fmt: skip
        self.theme_names: list[str] = []
        self._again = False
        """A refresh was asked for while one ran: run one more when it ends."""
        self._watching = False
        """A look at the folder and the store is under way."""
        self._next_look = 0.0
        """When (`time.monotonic`) the folder may be looked at again."""
        self._stale = threading.Event()
        """The running refresh extracts with old corrections: it stops, and another
        one starts."""

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
    def library(self) -> Library | None:
        """The open library; `None` until it is open."""
        return self.library_state.library

    def run(self, *args: Any, **kwargs: Any) -> None:
        """Run the app. Processes that read files for a big refresh need
        multiprocessing's resource tracker, which is started with the process's
        standard error: start it now, while that is still the terminal's (Textual's
        stand-in has no file descriptor, and the pool would fail)."""
        resource_tracker.ensure_running()
        super().run(*args, **kwargs)

    def get_default_screen(self) -> Screen[None]:
        return self.reader

    def on_mount(self) -> None:
        self._apply_themes()
        self._open()
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

    # The library -----------------------------------------------------------------------
    # Every worker has a description: without one Textual builds a repr of its
    # arguments. Worker results and failures are handled in `_worker_finished`.

    @work(thread=True, exclusive=True, group=OPEN, exit_on_error=False,
          description="Opening the library")  # fmt: skip
    def _open(self) -> Opened:
        self.correcting.read()
        lexicon, problems = corrected_lexicon(self.config.lexicon, self.config.corrections_file)
        library = Library.open(
            self.config.corpus, lexicon=lexicon, synonyms=self.config.synonyms, store=None
        )
        return Opened(library, problems)

    def _opened(self, opened: Opened) -> None:
        library = opened.library
        self.library_state.library = library
        for notice in library.notices:
            self.notify(notice, title="Library", severity="warning", timeout=8)
        self.correcting.problems(opened.problems)
        self.library_state.generation = library.generation()
        self.bookmarks.library_changed()
        self.set_interval(WATCH_SECONDS, self._watch, name="library-watch")
        self.action_reload()

    def action_reload(self) -> None:
        """Bring the library up to date with its folder, off the event loop (once a
        refresh runs, one more follows it)."""
        if self.library_state.library is None:
            return
        if self.library_state.progress is not None:
            self._again = True
            return
        self.library_state.progress = RefreshProgress("scanning", 0, 0)
        self._stale.clear()
        self._refresh(self.library_state.library)

    @work(thread=True, group=REFRESH, exit_on_error=False,
          description="Refreshing the library")  # fmt: skip
    def _refresh(self, library: Library) -> Ended:
        worker = get_current_worker()
        last = 0.0

        def progress(step: RefreshProgress) -> None:
            nonlocal last
            now = time.monotonic()
            if now - last >= PROGRESS_INTERVAL or step.done == step.total:
                last = now
                self.call_from_thread(self._show_progress, step)

        def should_stop() -> bool:
            return worker.is_cancelled or self._stale.is_set()

        try:
            return Ended(library.refresh(progress, should_stop=should_stop, wait=False))
        except Cancelled:
            if worker.is_cancelled:
                raise  # quitting
            return Ended(None, stopped=True)

    def _show_progress(self, step: RefreshProgress) -> None:
        if self.library_state.progress is not None:  # not after the refresh ended
            self.library_state.progress = step

    def _ended(self, ended: Ended) -> None:
        """A refresh ended: show what it changed; run the one asked for meanwhile."""
        state, refreshed = self.library_state, ended.refreshed
        state.progress = None
        if state.library is None:
            return
        if ended.stopped:  # for newer corrections: again, with them
            self._again = False
            self.action_reload()
            return
        state.refreshed = refreshed
        state.ahead = {}  # the store has caught up with the open article
        if not self._moved(state.library.generation()):
            self.bookmarks.library_changed()  # `r` reads the notes again too
        if refreshed is None:  # another process is refreshing: the next look tries again
            self._again = True
            return
        if refreshed.warnings:
            count = len(refreshed.warnings)
            self.notify(
                f"{count} file{'s' * (count != 1)} did not load cleanly: press w to see why.",
                severity="warning",
            )
        if self._again:
            self._again = False
            self.action_reload()

    def _watch(self) -> None:
        """Every few seconds: has the folder or the store moved? (off the event loop)"""
        library = self.library_state.library
        if library is not None and not self._watching:
            folder = self.library_state.progress is None and time.monotonic() >= self._next_look
            self._watching = True
            self._look(library, folder)

    @work(thread=True, group=WATCH, exit_on_error=False,
          description="Watching the folder")  # fmt: skip
    def _look(self, library: Library, folder: bool) -> Looked:
        started = time.monotonic()
        changed = folder and library.changed_on_disk()
        return Looked(library.generation(), changed, time.monotonic() - started)

    def _looked(self, looked: Looked) -> None:
        self._watching = False
        self._next_look = time.monotonic() + looked.seconds * (WATCH_SHARE - 1)
        self._moved(looked.generation)
        if looked.changed or (self._again and self.library_state.progress is None):
            self._again = False
            self.action_reload()

    def _moved(self, generation: int) -> bool:
        """The store is at `generation`: the screens re-read if it moved (`True`)."""
        if generation == self.library_state.generation:
            return False
        self.library_state.generation = generation
        self.bookmarks.library_changed()
        return True

    def corrected(self, first: str | None = None) -> None:
        """The corrections changed: give the library the new lexicon, extract the
        article `first` at once, then refresh (which extracts the rest again)."""
        if self.library_state.library is not None:
            self.correcting.read()
            self._extract_first(self.library_state.library, first)

    @work(thread=True, exclusive=True, group=EXTRACT, exit_on_error=False,
          description="Extracting with the corrections")  # fmt: skip
    def _extract_first(self, library: Library, first: str | None) -> Extracted:
        worker = get_current_worker()
        lexicon, problems = corrected_lexicon(self.config.lexicon, self.config.corrections_file)
        library.set_lexicon(lexicon)
        article = library.get(first) if first is not None else None
        found: dict[str, Extraction] = {}
        if article is not None:  # the one on screen at once
            found[article.id] = extract(article, lexicon, should_stop=lambda: worker.is_cancelled)
        return Extracted(found, problems)

    def _extracted(self, extracted: Extracted) -> None:
        self.library_state.ahead = extracted.extractions
        self.correcting.problems(extracted.problems)
        if self.library_state.progress is not None:
            self._stale.set()  # it extracts with the old corrections: it stops, one follows
        self.action_reload()

    @on(Worker.StateChanged)
    def _worker_finished(self, event: Worker.StateChanged) -> None:
        """The one place where worker results and failures are handled."""
        worker = event.worker
        if event.state == WorkerState.SUCCESS:
            self._succeeded(worker.group, worker.result)
        elif event.state == WorkerState.ERROR:
            self._failed(worker.group, worker.error)
        elif event.state == WorkerState.CANCELLED and worker.group == WATCH:
            self._watching = False

    def _succeeded(self, group: str, result: object) -> None:
        if group == OPEN and isinstance(result, Opened):
            self._opened(result)
        elif group == REFRESH and isinstance(result, Ended):
            self._ended(result)
        elif group == WATCH and isinstance(result, Looked):
            self._looked(result)
        elif group == EXTRACT and isinstance(result, Extracted):
            self._extracted(result)
        elif group == LOAD_GROUP and isinstance(result, NotesState):
            self.bookmarks.loaded(result)
        elif group == WRITE_GROUP:
            self.bookmarks.written(result)
        elif group == CORRECTIONS_GROUP:
            self.correcting.written(result)

    def _failed(self, group: str, error: BaseException | None) -> None:
        if group == REFRESH:
            self.library_state.progress = None
        elif group == WATCH:
            self._watching = False
        if isinstance(error, Cancelled):
            return  # stopped on request (quitting): nothing to say
        if group == OPEN:
            message = str(error) if isinstance(error, LibraryError) else repr(error)
            self.notify(message, title="Cannot open the library", severity="error")
            self.reader.show_message(f"Cannot open the library: {message}")
        elif group in (LOAD_GROUP, WRITE_GROUP):
            message = str(error) if isinstance(error, NotesError) else repr(error)
            self.notify(message, title="Notes file", severity="error", timeout=8)
        elif group in (REFRESH, WATCH, EXTRACT):
            message = str(error) if isinstance(error, LibraryError) else repr(error)
            title = "Extraction failed" if group == EXTRACT else "Cannot refresh the library"
            self.notify(message, title=title, severity="error")

    async def action_quit(self) -> None:
        """Quit at once: the workers are told to stop (long work checks it)."""
        self.workers.cancel_all()
        self.exit()

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
        library = self.library
        if library is not None:
            self.push_screen(WarningsScreen(library.warnings(), library.root))

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
        yield SystemCommand(
            "Reload corpus", "Read the new and changed files of the folder", self.action_reload
        )
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
