"""The readout app: opens the library, keeps it up to date off the event loop (and
watches its folder), and routes between screens."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import replace
from multiprocessing import resource_tracker
from pathlib import Path, PurePath
from typing import Any, ClassVar

from textual import events, on
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import ScrollableContainer
from textual.driver import Driver
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.theme import Theme
from textual.worker import Worker, WorkerState

from tui.app_state import AppState
from tui.bookmarks import LOAD_GROUP, WRITE_GROUP, Bookmarks
from tui.commands import ReaderCommands
from tui.core import Config
from tui.core.corrections import CorrectionsFile
from tui.core.notes import NotesError
from tui.core.notes_store import NotesService
from tui.core.state import State, default_state_path, load_state, save_state
from tui.core.store import Library
from tui.core.store.ahead import OpeningAhead
from tui.core.text import visible
from tui.correcting import WRITE_GROUP as CORRECTIONS_GROUP
from tui.correcting import Correcting
from tui.hangup import CHECK_SECONDS, exit_on_sighup, hangup_safe, input_fd, terminal_gone
from tui.importing import IMPORT_GROUP, Importing
from tui.screens.commitments import commitments_keys
from tui.screens.folding import FOLDING_BINDINGS
from tui.screens.help import HelpScreen, KeySection, binding_rows
from tui.screens.notes import NotesScreen, NotesState
from tui.screens.reader import READER_BINDINGS, ReaderScreen
from tui.screens.threads import threads_keys
from tui.screens.typeahead import KeyGate, TakesTyping, pass_on_typed
from tui.screens.warnings import WarningsScreen
from tui.theming import DEFAULT_THEME, register_themes
from tui.upkeep import GROUPS as UPKEEP_GROUPS
from tui.upkeep import Upkeep
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


class ReadoutApp(App[None]):
    """A keyboard-first reader for diplomatic readouts."""

    TITLE = "readout"
    # The dialogs' rules first: the app's may refine them. (Widgets keep theirs in
    # DEFAULT_CSS, so that they look right in any app, as Textual's own do.)
    CSS_PATH: ClassVar[list[str | PurePath]] = ["screens/screens.tcss", "app.tcss"]
    COMMANDS: ClassVar = App.COMMANDS | {ReaderCommands}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("b", "bookmark", "Bookmark", id="app.bookmark"),
        Binding("y", "copy_passage", "Copy with citation", show=False, id="app.copy"),
        Binding("m", "show_notes", "Notes", id="app.notes"),
        Binding("ctrl+t", "next_theme", "Theme", show=False, id="app.theme"),
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Keys", key_display="?", id="app.help"),
    ]

    def __init__(
        self, config: Config, state_path: Path | None = None, ahead: OpeningAhead | None = None
    ) -> None:
        """`ahead`: the library being opened since before the app's modules were
        imported (`tui.cli.reader_app`); without it the app opens it once mounted."""
        super().__init__()
        self.config = config
        self.state_path = state_path or default_state_path()
        self.state = load_state(self.state_path)
        self.library_state = AppState()
        """What the app knows (the library, its generation, refresh progress, the
        notes); the screens are given it when they are made."""
        self.library_state.briefs = config.notes.parent
        self.keys = KeyGate(self)
        """Keys read from the terminal, handled one after another (`typeahead`)."""
        self.reader = ReaderScreen(
            self.library_state,
            self.state.last_article,
            self.state.oldest_first,
            self.state.grouped_by_event,
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
        self.upkeep = Upkeep(
            self, self.library_state, config, self.bookmarks, self.correcting,
            ahead,
        )  # fmt: skip
        """Opens the library and keeps it up to date."""
        self.importing = Importing(
            self, self.library_state, config, self.reader, self.upkeep.reload
        )
        """The palette's "Import…"."""
        self.theme_names: list[str] = []
        self._theme_warnings = self._apply_themes()
        """What was wrong with the theme files, said once the app runs."""

    def _apply_themes(self) -> list[str]:
        """Register the theme files and choose the remembered or configured theme
        (before the app's styles are first read: chosen later, every style sheet was
        read again); what could not be used, in words."""
        self.theme_names, problems = register_themes(self, self.config)
        warnings = list(problems)
        wanted = self.state.theme or self.config.theme
        if wanted not in self.available_themes:
            warnings.append(f"unknown theme {wanted!r}")
            wanted = DEFAULT_THEME if DEFAULT_THEME in self.available_themes else "textual-dark"
        self.theme = wanted
        if warnings:
            warnings.append(f"Using the {wanted} theme.")
        return warnings

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
        return super().run(*args, **kwargs)

    def get_default_screen(self) -> Screen[None]:
        return self.reader

    def on_mount(self) -> None:
        if self._theme_warnings:
            self.notify(
                "\n".join(self._theme_warnings), title="Themes", severity="warning", timeout=10
            )
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.upkeep.open()
        self.bookmarks.start()
        self.correcting.start()
        self.importing.start()
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

    # The library (the work is `self.upkeep`'s) ------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        """Keys read from the terminal go through the gate (`KeyGate`): one at a time."""
        if isinstance(event, events.Key) and not event.is_forwarded:
            await self.keys.read(event, super().on_event)
        else:
            await super().on_event(event)

    def on_key(self, event: events.Key) -> None:
        """A key no widget or binding took: typed right after the key that opened a
        dialog, it is the dialog's (`tui.screens.typeahead`)."""
        self.keys.handled(event)
        if isinstance(self.screen, TakesTyping):
            pass_on_typed(self.screen, self.screen.focused, event)

    def action_reload(self) -> None:
        """Bring the library up to date with its folder, off the event loop."""
        self.upkeep.reload()

    def corrected(self, first: str | None = None) -> None:
        """The corrections changed: extract again, the article `first` at once."""
        self.upkeep.corrected(first)

    @on(Worker.StateChanged)
    def _worker_finished(self, event: Worker.StateChanged) -> None:
        """The one place where worker results and failures are handled."""
        worker, group = event.worker, event.worker.group
        if group in UPKEEP_GROUPS:
            self.upkeep.finished(event)
        elif group == IMPORT_GROUP:
            self.importing.finished(event)
        elif event.state == WorkerState.SUCCESS:
            if group == LOAD_GROUP and isinstance(worker.result, NotesState):
                self.bookmarks.loaded(worker.result)
            elif group == WRITE_GROUP:
                self.bookmarks.written(worker.result)
            elif group == CORRECTIONS_GROUP:
                self.correcting.written(worker.result)
        elif event.state == WorkerState.ERROR and group in (LOAD_GROUP, WRITE_GROUP):
            error = worker.error
            message = str(error) if isinstance(error, NotesError) else repr(error)
            self.notify(message, title="Notes file", severity="error", timeout=8)

    async def action_quit(self) -> None:
        """Quit at once: the workers are told to stop (long work checks it)."""
        self.workers.cancel_all()
        self.exit()

    # State -----------------------------------------------------------------------------

    @on(ReaderScreen.Changed)
    def _remember(self, event: ReaderScreen.Changed) -> None:
        self._save_state(
            replace(
                self.state,
                last_article=event.current,
                oldest_first=event.oldest_first,
                grouped_by_event=event.grouped,
            )
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

    def action_show_changes(self) -> None:
        """What changed in the open article since its earlier version (revised on import)."""
        from tui.screens.changes import show_changes  # loads the diff on first use

        show_changes(self, self.reader.article)

    def action_show_timeline(self) -> None:
        """The events on a date axis, one lane per leader pair; `enter` opens one."""
        from tui.screens.timeline import show_timeline

        if self.library is None:
            self.notify(self.library_state.not_open(), timeout=4)
            return
        show_timeline(self, self.library, None, self.reader.open_article)

    def key_sections(self) -> list[KeySection]:
        """Every binding, grouped by where it works, for the help screen."""
        from tui.screens.compare import CompareScreen
        from tui.screens.profile import LeaderProfileScreen
        from tui.screens.timeline import TimelineScreen
        from tui.widgets.timeline_grid import TimelineGrid

        display = self.get_key_display
        return [
            ("Anywhere", [
                *binding_rows(self.BINDINGS, display),
                *binding_rows(READER_BINDINGS + FOLDING_BINDINGS, display),
                ("tab shift+tab", "Next / previous pane"),
                ("ctrl+p", "Command palette"),
            ]),
            ("Article list", binding_rows(ArticleList.BINDINGS, display)),
            ("Reader", binding_rows(
                ArticleView.BINDINGS + ScrollableContainer.BINDINGS, display, skip=HORIZONTAL
            )),
            ("Leaders panel", binding_rows(
                LeadersPanel.BINDINGS + KeyedOptionList.BINDINGS, display
            )),
            ("Commitments panel", binding_rows(CommitmentsPanel.BINDINGS, display)),
            ("Commitments screen", commitments_keys(display)),
            ("Threads screen", threads_keys(display)),
            ("Compare", binding_rows(CompareScreen.BINDINGS, display)),
            ("Leader profile", binding_rows(LeaderProfileScreen.BINDINGS, display)),
            ("Timeline", binding_rows(TimelineScreen.BINDINGS + TimelineGrid.BINDINGS, display)),
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
            "Import…",
            "Import readouts from a web address, a saved page, a feed or a folder",
            self.importing.ask,
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
        compare = sys.modules.get("tui.screens.compare")  # loaded once a comparison opens
        if compare is not None and isinstance(screen, compare.CompareScreen):
            yield from screen.commands()
        yield from self._brief_commands(screen)

    def _brief_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """ "Write brief" on the Threads and Leader profile screens (their `w`)."""
        from tui.screens.threads import ThreadsScreen

        profile = sys.modules.get("tui.screens.profile")  # loaded once a profile opens
        if isinstance(screen, ThreadsScreen):
            yield SystemCommand("Write brief", "The thread's quotes as Markdown, to a new file "
                                "beside the notes (w)", screen.action_write_brief)  # fmt: skip
        elif profile is not None and isinstance(screen, profile.LeaderProfileScreen):
            yield SystemCommand("Write brief", "The leader's commitments as Markdown, by "
                                "thread, to a new file beside the notes (w)",
                                screen.action_write_brief)  # fmt: skip

    def _reader_commands(self, screen: ReaderScreen) -> Iterable[SystemCommand]:
        """The main actions of the reader, each with its key, findable by name."""
        commands = [
            ("Search", "Search every readout (/)", screen.action_search),
            ("Commitments", "Every commitment of the corpus, by side, kind, topic (c)",
             screen.action_commitments),
            ("Threads", "Commitments linked across meetings, with their stages (t)",
             screen.action_threads),
            ("Bookmark", "Bookmark the passage under the cursor (b)", self.action_bookmark),
            ("Copy", "Copy the passage with its citation (y)", self.action_copy_passage),
            ("Highlights", "Turn highlighting of leaders on or off (h)",
             screen.action_toggle_highlights),
            ("Compare with…", "The open article and another readout side by side",
             lambda: screen.action_compare(pick=True)),
            ("Leader filter", "List only the articles that name a leader (l)",
             screen.action_filter_by_leader),
            ("Leader profile…", "A leader's titles over time, commitments, counterparts, "
             "events and articles (P: the highlighted one)",
             lambda: screen.action_leader_profile(pick=True)),
            ("Timeline", "Events on a date axis, one lane per leader pair (T)",
             self.action_show_timeline),
            ("Brief on a topic…", "A topic's commitments as Markdown quotes, by thread, "
             "to a new file beside the notes", screen.action_topic_brief),
            ("Narrow commitments to leader", "The selected leader's commitments only (f)",
             screen.action_narrow_commitments),
            ("Reverse sort order", "Oldest or newest first (s)", screen.action_reverse_sort),
            ("Group by event", "The articles of one call, meeting or visit together (E)",
             screen.action_toggle_events),
            ("Show changes", "What changed in a revised article, word by word (D)",
             self.action_show_changes),
            ("Next article", "Open the next article (n)", screen.action_next_article),
            ("Previous article", "Open the previous article (p)",
             screen.action_previous_article),
        ]  # fmt: skip
        for title, help_text, callback in [*commands, *self.correcting.commands()]:
            yield SystemCommand(title, help_text, callback)
