"""Keeping the app's library open and up to date, off the event loop: open it, refresh
it from its folder with progress, look every few seconds whether the folder (a file
dropped in) or the store (another process's refresh) moved, extract the open article
at once after a correction, and link the threads ahead of the Threads screen once the
store has settled.

`Upkeep` is a collaborator made once by the app with what it needs: the app's worker
and notification API, the state it keeps (`AppState`), the config, and the bookmark
and correction collaborators it tells when the library changed. The app hands it the
results of its workers (`finished`); the screens only watch the state.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from textual.app import App
from textual.timer import Timer
from textual.worker import Worker, WorkerState, get_current_worker

from tui.app_state import AppState
from tui.bookmarks import Bookmarks
from tui.core import Config
from tui.core.cancel import Cancelled
from tui.core.corrections import corrected_lexicon
from tui.core.extract import Extraction
from tui.core.store import Library, Refreshed, RefreshProgress
from tui.core.store.ahead import OpenedLibrary, OpeningAhead, open_for_reading
from tui.core.store.checks import Scan
from tui.core.store.opening import one_line
from tui.correcting import Correcting

PROGRESS_INTERVAL = 0.1
"""Seconds between progress updates sent from the refreshing thread."""

WATCH_SECONDS = 2.0
"""How often the folder (files dropped in) and the store (another process's refresh)
are checked while the app runs."""

WATCH_SHARE = 5
"""A look at a big folder (stat of every file) waits this many times as long as the
last one took: the watch never takes more than a fifth of one core."""

OPEN, REFRESH, WATCH, EXTRACT = "library-open", "library-refresh", "library-watch", "extract"
GROUPS = frozenset({OPEN, REFRESH, WATCH, EXTRACT})
"""The worker groups whose results the app hands to `Upkeep`."""
PREPARE = "library-prepare"
"""The worker that opens the search index ahead of the first search (no result)."""
AHEAD = "threads-ahead"
"""The worker that links the threads ahead of the Threads screen (no result)."""

AHEAD_SECONDS = 5.0
"""How long the store stays unchanged (and the start done) before its threads are
linked ahead: a refresh moves it every batch, and each move would start again."""


@dataclass(frozen=True, slots=True)
class Ended:
    """How a refresh ended: what it did (`None`: another process is refreshing), or
    `stopped` for newer corrections."""

    refreshed: Refreshed | None
    stopped: bool = False


@dataclass(frozen=True, slots=True)
class Looked:
    """What a look at the library found: the store's generation, whether the folder
    has changes a refresh would read, and how long the look took."""

    generation: int
    changed: bool
    seconds: float = 0.0


@dataclass(frozen=True, slots=True)
class Extracted:
    """Extractions made ahead of the store (the open article after a correction), and
    the problems met reading the corrections file."""

    extractions: dict[str, Extraction]
    problems: tuple[str, ...] = ()


class Upkeep:
    """Opens the library and keeps it (and `state`) up to date while the app runs."""

    def __init__(
        self,
        app: App[None],
        state: AppState,
        config: Config,
        bookmarks: Bookmarks,
        correcting: Correcting,
        ahead: OpeningAhead | None = None,
    ) -> None:
        self.app = app
        self.state = state
        self.config = config
        self.bookmarks = bookmarks
        self.correcting = correcting
        self._again = False
        """A refresh was asked for while one ran: run one more when it ends."""
        self._watching = False
        """A look at the folder and the store is under way."""
        self._said: str | None = None
        """The last error of the watch or a refresh, not said again while it lasts."""
        self._next_look = 0.0
        """When (`time.monotonic`) the folder may be looked at again."""
        self._stale = threading.Event()
        """The running refresh extracts with old corrections: it stops, another starts."""
        self._ahead: Timer | None = None
        """The timer of the next linking of the threads ahead."""
        self._opening = ahead
        """The library being opened (and its search prepared) since before the app
        started (`tui.core.store.ahead`), which `open` takes; that thread prepares
        its search too."""

    def _run(self, work: Callable[[], object], group: str, description: str) -> Worker[object]:
        """Run `work` in a thread. Every worker has a description: without one Textual
        builds a repr of its arguments."""
        return self.app.run_worker(
            work, thread=True, group=group, exit_on_error=False, description=description,
            exclusive=group in (OPEN, EXTRACT, AHEAD),
        )  # fmt: skip

    # Opening ---------------------------------------------------------------------------

    def open(self) -> Worker[object]:
        """Open the library of the configured folder, off the event loop (or take the
        one opened ahead of the app)."""
        config, ahead = self.config, self._opening

        def open_library() -> OpenedLibrary:
            self.correcting.read()
            if ahead is None:
                return open_for_reading(config)
            worker = get_current_worker()
            return ahead.opened(lambda: worker.is_cancelled)

        return self._run(open_library, OPEN, "Opening the library")

    def _opened(self, opened: OpenedLibrary) -> None:
        library = opened.library
        self.state.library = library
        for notice in library.notices:
            self.app.notify(notice, title="Library", severity="warning", timeout=8)
        self.correcting.problems(opened.problems)
        self.state.generation = library.generation()
        self.bookmarks.library_changed()
        self.app.set_interval(WATCH_SECONDS, self.watch, name="library-watch")
        if self._opening is None:  # else the thread that opened it prepares it
            self._run(library.prepare_search, PREPARE, "Preparing the search")
        self.link_ahead_later()
        # A large library unchanged since the last refresh is not walked file by file
        # now, while the first search runs: the watch makes that full check later.
        self.reload(scan="when_moved")

    # Refreshing ------------------------------------------------------------------------

    def reload(self, scan: Scan = "always") -> None:
        """Bring the library up to date with its folder (once a refresh runs, one
        more follows it); `scan`: when it looks at every file (`checks`)."""
        if self.state.library is None:
            return
        if self.state.progress is not None:
            self._again = True
            return
        self.state.progress = RefreshProgress("scanning", 0, 0)
        self._stale.clear()
        self.refresh(self.state.library, scan)

    def refresh(self, library: Library, scan: Scan = "always") -> Worker[object]:
        """Refresh `library` in a thread, with progress, stopping when told."""
        app, stale = self.app, self._stale

        def refresh_library() -> Ended:
            worker = get_current_worker()
            last = 0.0

            def progress(step: RefreshProgress) -> None:
                nonlocal last
                now = time.monotonic()
                if now - last >= PROGRESS_INTERVAL or step.done == step.total:
                    last = now
                    app.call_from_thread(self._show_progress, step)

            def should_stop() -> bool:
                return worker.is_cancelled or stale.is_set()

            try:
                refreshed = library.refresh(
                    progress, should_stop=should_stop, wait=False, scan=scan
                )
                return Ended(refreshed)
            except Cancelled:
                if worker.is_cancelled:
                    raise  # quitting
                return Ended(None, stopped=True)

        return self._run(refresh_library, REFRESH, "Refreshing the library")

    def _show_progress(self, step: RefreshProgress) -> None:
        if self.state.progress is not None:  # not after the refresh ended
            self.state.progress = step

    def _ended(self, ended: Ended) -> None:
        """A refresh ended: show what it changed; run the one asked for meanwhile."""
        state, refreshed = self.state, ended.refreshed
        if state.library is not None and not ended.stopped:
            state.refreshed = refreshed  # first: what watches `progress` reads it
        state.progress = None
        self._said = None
        if state.library is None:
            return
        if ended.stopped:  # for newer corrections: again, with them
            self._again = False
            self.reload()
            return
        if not self._moved(state.library.generation()):
            self.bookmarks.library_changed()  # `r` reads the notes again too
        if refreshed is None:  # another process is refreshing: the next look tries again
            self._again = True
            return
        state.ahead = {}  # the store has caught up with the open article
        if refreshed.warnings:
            count = len(refreshed.warnings)
            self.app.notify(
                f"{count} file{'s' * (count != 1)} did not load cleanly: press w to see why.",
                severity="warning",
            )
        if self._again:
            self._again = False
            self.reload()

    # Watching --------------------------------------------------------------------------

    def watch(self) -> None:
        """Every few seconds: has the folder or the store moved? (off the event loop)"""
        library = self.state.library
        if library is not None and not self._watching:
            folder = self.state.progress is None and time.monotonic() >= self._next_look
            self._watching = True
            self.look(library, folder=folder)

    def look(self, library: Library, *, folder: bool) -> Worker[object]:
        """The store's generation, and whether the `folder` changed, in a thread."""

        def look_at_library() -> Looked:
            started = time.monotonic()
            changed = folder and library.changed_on_disk()
            return Looked(library.generation(), changed, time.monotonic() - started)

        return self._run(look_at_library, WATCH, "Watching the folder")

    def _looked(self, looked: Looked) -> None:
        self._watching = False
        self._said = None
        self._next_look = time.monotonic() + looked.seconds * (WATCH_SHARE - 1)
        self._moved(looked.generation)
        if looked.changed or (self._again and self.state.progress is None):
            self._again = False
            self.reload()

    def _moved(self, generation: int) -> bool:
        """The store is at `generation`: the screens re-read if it moved (`True`)."""
        if generation == self.state.generation:
            return False
        self.state.generation = generation
        self.bookmarks.library_changed()
        self.link_ahead_later()
        return True

    # Threads ahead ---------------------------------------------------------------------

    def link_ahead_later(self) -> None:
        """Link the threads ahead (`Library.link_threads_ahead`) once the store has
        not moved for `AHEAD_SECONDS` and no refresh of this app runs."""
        if self._ahead is not None:
            self._ahead.stop()
        self._ahead = self.app.set_timer(AHEAD_SECONDS, self._link_ahead, name="threads-ahead")

    def _link_ahead(self) -> None:
        library = self.state.library
        if library is None:
            return
        if self.state.progress is not None:  # a refresh runs: once it ended
            self.link_ahead_later()
            return

        def link_threads_ahead() -> None:
            worker = get_current_worker()
            if not library.threads_kept():
                library.link_threads_ahead(lambda: worker.is_cancelled)

        # Exclusive: one started for a newer store ends the one linking an older.
        self._run(link_threads_ahead, AHEAD, "Linking the threads ahead")

    # Corrections -----------------------------------------------------------------------

    def corrected(self, first: str | None = None) -> None:
        """The corrections changed: give the library the new lexicon, extract the
        article `first` at once, then refresh (which extracts the rest again)."""
        if self.state.library is not None:
            self.correcting.read()
            self.extract_first(self.state.library, first)

    def extract_first(self, library: Library, first: str | None) -> Worker[object]:
        """Set the corrected lexicon and extract the article `first` with it, in a thread."""
        config = self.config

        def extract_open_article() -> Extracted:
            from tui.core.extract.rules import extract  # the rules load on first use

            worker = get_current_worker()
            lexicon, problems = corrected_lexicon(config.lexicon, config.corrections_file)
            library.set_lexicon(lexicon)
            article = library.get(first) if first is not None else None
            found: dict[str, Extraction] = {}
            if article is not None:  # the one on screen at once
                stop = lambda: worker.is_cancelled  # noqa: E731
                found[article.id] = extract(article, lexicon, should_stop=stop)
            return Extracted(found, problems)

        return self._run(extract_open_article, EXTRACT, "Extracting with the corrections")

    def _extracted(self, extracted: Extracted) -> None:
        self.state.ahead = extracted.extractions
        self.correcting.problems(extracted.problems)
        if self.state.progress is not None:
            self._stale.set()  # it extracts with the old corrections: it stops, one follows
        self.reload()

    # Results ---------------------------------------------------------------------------

    def finished(self, event: Worker.StateChanged) -> None:
        """A worker of `GROUPS` changed state: take its result, or say why it failed."""
        worker, group = event.worker, event.worker.group
        if event.state == WorkerState.SUCCESS:
            result = worker.result
            if isinstance(result, OpenedLibrary):
                self._opened(result)
            elif isinstance(result, Ended):
                self._ended(result)
            elif isinstance(result, Looked):
                self._looked(result)
            elif isinstance(result, Extracted):
                self._extracted(result)
        elif event.state in (WorkerState.ERROR, WorkerState.CANCELLED):
            if group == REFRESH:
                self.state.progress = None
            elif group == WATCH:
                self._watching = False
            if event.state == WorkerState.ERROR:
                self._failed(group, worker.error)

    def _failed(self, group: str, error: BaseException | None) -> None:
        if isinstance(error, Cancelled):
            return  # stopped on request (quitting): nothing to say
        message = one_line(error) if error is not None else "unknown error"
        if group != OPEN and message == self._said:
            return  # the watch and the refresh meet it every few seconds: said once
        self._said = message
        if group == OPEN:
            self.app.notify(message, title="Cannot open the library", severity="error")
            self.state.unopened = f"Cannot open the library: {message}"
        else:
            title = "Extraction failed" if group == EXTRACT else "Cannot refresh the library"
            self.app.notify(message, title=title, severity="error")
