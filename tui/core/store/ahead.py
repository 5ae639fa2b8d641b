"""Opening the reader's library ahead of the app: in a thread started before the app's
own modules (Textual's among them) are imported, so that the store is opened and its
search index read while they are.

Reading the index is mostly waiting for the disk (at 100,000 articles: 0.4 s of wall
time for 0.1 s of CPU), which the imports do not. Started after the first frame, as
the app did, it ran beside drawing the list and opening the search screen, and the
first search waited for it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from tui.core.cancel import ShouldStop, check
from tui.core.config import Config
from tui.core.corrections import corrected_lexicon
from tui.core.store.library import Library

__all__ = ["OpenedLibrary", "OpeningAhead", "open_for_reading"]

POLL_SECONDS = 0.05
"""How often a wait for the opening looks whether it should stop."""


@dataclass(frozen=True, slots=True)
class OpenedLibrary:
    """The library opened, and the problems met reading the corrections file."""

    library: Library
    problems: tuple[str, ...] = ()


def open_for_reading(config: Config) -> OpenedLibrary:
    """The library of `config`'s folder as the reader opens it: the lexicon corrected
    by the corrections file, threads linked in a child process (`Library.open`)."""
    lexicon, problems = corrected_lexicon(config.lexicon, config.corrections_file)
    library = Library.open(
        config.corpus, lexicon=lexicon, synonyms=config.synonyms, store=config.library,
        link_apart=True,
    )  # fmt: skip
    return OpenedLibrary(library, problems)


class OpeningAhead:
    """`open_for_reading(config)` in a thread from now on, then the search prepared
    (`Library.prepare_search`). `opened` waits for the library only; a search made
    before the preparing ended waits for it (the search index is one thread's at a
    time). The thread is a daemon: a reader that quits while it runs does not wait."""

    def __init__(self, config: Config) -> None:
        self._config = config
        self._done = threading.Event()
        self._prepared = threading.Event()
        self._opened: OpenedLibrary | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="library-ahead", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            opened = open_for_reading(self._config)
        except BaseException as error:  # handed to whoever waits: `opened` raises it
            self._error = error
            self._done.set()
            self._prepared.set()
            return
        self._opened = opened
        self._done.set()
        try:
            opened.library.prepare_search()
        except Exception:  # the first search meets the same problem, and says it
            pass
        finally:
            self._prepared.set()

    def opened(self, should_stop: ShouldStop | None = None) -> OpenedLibrary:
        """The opened library, once it is (the opening's error raised here);
        `Cancelled` when `should_stop` says so first."""
        while not self._done.wait(POLL_SECONDS):
            check(should_stop)
        if self._error is not None:
            raise self._error
        assert self._opened is not None
        return self._opened

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for the opening and the preparing to end; whether they did."""
        return self._prepared.wait(timeout)
