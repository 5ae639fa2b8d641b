"""The palette's "Import…" as a collaborator: a dialog takes a web address or a path,
`tui.core.importing.import_sources` runs in a thread worker with its progress in the
status line (`AppState.importing`), each outcome is said in one line, and the library
is refreshed (`Upkeep.reload`, as `r` does) so that the new article is listed at once;
when one article came in, it is opened once the refresh has stored it.

The import itself runs in a daemon thread that the worker waits on, checking its own
cancellation between outcomes: a page that does not answer cannot keep the app from
quitting (the core writes each file whole or not at all, so nothing is left
half-written when the process ends).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from textual.app import App
from textual.notifications import SeverityLevel
from textual.worker import Worker, WorkerState, get_current_worker

from tui.app_state import AppState, ImportProgress
from tui.core import Config
from tui.core.cancel import Cancelled
from tui.core.corpus_files import article_id
from tui.core.store.opening import one_line
from tui.core.text import shorten
from tui.screens.import_dialog import ImportDialog
from tui.screens.reader import ReaderScreen, shown_folder

IMPORT_GROUP = "import"
"""The worker group whose results the app hands back to `Importing`."""

POLL_SECONDS = 0.1
"""How often the worker looks whether it was cancelled while the import thread works."""

_END = object()


@dataclass(frozen=True, slots=True)
class Imported:
    """What an import did: the files written or revised."""

    paths: tuple[Path, ...]
    failed: int = 0


class Importing:
    """What "Import…" does. Made once by the app, with `reload` (bring the library up
    to date with its folder) and the reader (to open what came in)."""

    def __init__(
        self,
        app: App[None],
        state: AppState,
        config: Config,
        reader: ReaderScreen,
        reload: Callable[[], None],
    ) -> None:
        self.app = app
        self.state = state
        self.config = config
        self.reader = reader
        self.reload = reload
        self._open: Path | None = None
        """The file to open once a refresh has stored it."""

    def start(self) -> None:
        """Watch refreshes end (to open what came in)."""
        self.app.watch(self.state, "refreshed", self._refreshed, init=False)

    def ask(self) -> None:
        """Ask what to import, then import it."""
        if self.state.importing is not None:
            self.app.notify("An import is under way: wait for it to end.", timeout=3)
            return
        self.app.push_screen(ImportDialog(shown_folder(self.config.corpus)), self._chosen)

    def _chosen(self, source: str | None) -> None:
        if source:
            self.run(source if "://" in source else str(Path(source).expanduser()))

    def run(self, source: str) -> Worker[object] | None:
        """Import `source` into the corpus folder, in a thread."""
        if self.state.importing is not None:
            return None
        self._open = None
        self.state.importing = ImportProgress(0, 0, source)
        app, folder = self.app, self.config.corpus

        def import_source() -> Imported:
            worker = get_current_worker()
            said = _pump(source, folder, lambda: worker.is_cancelled)
            paths: list[Path] = []
            failed = 0
            while True:
                try:
                    item = said.get(timeout=POLL_SECONDS)
                except queue.Empty:
                    if worker.is_cancelled:
                        raise Cancelled from None
                    continue
                if item is _END:
                    return Imported(tuple(paths), failed)
                if isinstance(item, BaseException):
                    raise item
                if isinstance(item, ImportProgress):
                    app.call_from_thread(self._progressed, item)
                    continue
                severity, line, path = _line(item)
                failed += severity == "error"
                if path is not None:
                    paths.append(path)
                app.call_from_thread(self._say, line, severity)

        return app.run_worker(
            import_source, thread=True, group=IMPORT_GROUP, exit_on_error=False,
            description="Importing",
        )  # fmt: skip

    def _progressed(self, progress: ImportProgress) -> None:
        if self.state.importing is not None:  # not after the import ended
            self.state.importing = progress

    def _say(self, line: str, severity: SeverityLevel) -> None:
        self.app.notify(line, severity=severity, timeout=8 if severity == "error" else 5)

    def finished(self, event: Worker.StateChanged) -> None:
        """The import worker ended: refresh the library if anything came in."""
        if event.state not in (WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED):
            return
        self.state.importing = None
        result = event.worker.result
        if event.state == WorkerState.ERROR and not isinstance(event.worker.error, Cancelled):
            error = event.worker.error
            reason = one_line(error) if error is not None else "unknown error"
            self.app.notify(reason, title="Import failed", severity="error")
        if isinstance(result, Imported) and result.paths:
            self._open = result.paths[0] if len(result.paths) == 1 else None
            self.reload()

    def _refreshed(self, _refreshed: object = None) -> None:
        """A refresh ended: open the article that came in, once it is stored."""
        library, path = self.state.library, self._open
        if library is None or path is None:
            return
        try:
            wanted = article_id(library.root, path.resolve())
        except ValueError:  # written outside the library's folder
            self._open = None
            return
        if library.get(wanted) is not None:
            self._open = None
            # After the list has re-read the library (the same refresh's end moves
            # the generation just after this), so that its cursor goes there too.
            self.app.call_after_refresh(self.reader.open_article, wanted)


def _pump(source: str, folder: Path, cancelled: Callable[[], bool]) -> queue.Queue[object]:
    """Run the import in a daemon thread; its progress, outcomes, error and end come
    through the queue returned."""
    from tui.core.importing import import_sources

    said: queue.Queue[object] = queue.Queue()

    def progress(done: int, total: int, current: str) -> None:
        said.put(ImportProgress(done, total, current))

    def work() -> None:
        try:
            for outcome in import_sources(
                [source], to=folder, progress=progress, should_stop=cancelled
            ):
                said.put(outcome)
        except BaseException as error:
            said.put(error)
        finally:
            said.put(_END)

    threading.Thread(target=work, name="readout-import", daemon=True).start()
    return said


def _line(outcome: object) -> tuple[SeverityLevel, str, Path | None]:
    """One line for an outcome, its severity, and the file it wrote (or revised)."""
    from tui.core.importing import Outcome

    assert isinstance(outcome, Outcome)
    title = shorten(outcome.title or "", 90)
    name = outcome.path.name if outcome.path else ""
    reason = outcome.reason or ""
    if outcome.status == "written":
        return "information", f"Imported: {title} ({name})", outcome.path
    if outcome.status == "revised":
        return "information", f"Revised: {title}: {reason}", outcome.path
    where = shorten(outcome.source, 80)
    if outcome.status == "skipped":
        return "information", f"Skipped {where}: {reason.removeprefix('skipped: ')}", None
    said = reason if outcome.source in reason else f"{where}: {reason}"
    return "error", f"Import failed: {said}", None
