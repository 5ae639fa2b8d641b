"""Linking a store's threads ahead of time, in a process of its own.

Linking every commitment of a large corpus into threads takes seconds of CPU (about
eight at 10,000 articles); done when a person first asks for the threads, the
Threads screen would keep them waiting. The app links them instead while it runs,
each time the store changed, in a child process at a lower priority: it takes the
other core, not the app's (Python runs one thread at a time), and keeps the threads
in the file beside the store that every reader reads them from
(`tui.core.store.threads`). Whoever asks meanwhile waits for it on the linking lock
and then reads that file, so the threads are never linked twice at once.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from multiprocessing import get_context
from pathlib import Path
from urllib.parse import quote

from tui.core.cancel import ShouldStop, check
from tui.core.extract.lexicon import Lexicon
from tui.core.store import schema
from tui.core.store.reading import watch_parent
from tui.core.store.threads import corpus_threads

__all__ = ["NICENESS", "link_ahead"]

NICENESS = 10
"""How much lower the linking process's priority is than the app's."""
POLL = 0.1
"""How often (seconds) the app's thread looks whether the process ended or it should stop."""


def link_ahead(store: Path, lexicon: Lexicon, should_stop: ShouldStop | None = None) -> bool:
    """Link the threads of the store at `store` in a child process and keep them
    beside it; return once it ended: `True` when it did so. `should_stop` is checked
    every `POLL` seconds; when it says so the process is ended (nothing half-kept:
    the file is replaced whole) and `Cancelled` raised."""
    process = get_context("spawn").Process(
        target=_link, args=(store, lexicon, os.getpid()), name="readout-threads", daemon=True
    )
    try:
        process.start()
    except (OSError, ValueError):  # no process can be started (standard error gone)
        return False
    try:
        while process.is_alive():
            check(should_stop)
            process.join(POLL)
    finally:
        if process.is_alive():
            process.terminate()
            process.join()
    return process.exitcode == 0


def _link(store: Path, lexicon: Lexicon, parent: int) -> None:
    """The child process: end with the parent, yield the CPU to it, and link. Its
    output goes nowhere: the terminal is the app's screen (a failure is told by the
    exit status, and the threads are then linked when asked for)."""
    quiet = os.open(os.devnull, os.O_WRONLY)
    os.dup2(quiet, 1)
    os.dup2(quiet, 2)
    threading.Thread(target=watch_parent, args=(parent,), daemon=True).start()
    with contextlib.suppress(OSError):
        os.nice(NICENESS)
    # Read-only: a store that went (deleted, rebuilt) is never made again here.
    uri = f"file:{quote(os.fspath(store))}?mode=ro"
    conn = sqlite3.connect(uri, uri=True, timeout=schema.BUSY_SECONDS)
    try:
        corpus_threads(conn, schema.generation(conn), lexicon, store)
    finally:
        conn.close()
