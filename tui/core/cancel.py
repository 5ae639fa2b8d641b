"""Stopping long work early: the core checks a `ShouldStop` between units of work.

The app runs loading, extraction and indexing in thread workers. Textual cannot stop
a thread; it can only say it no longer wants the result. So every long loop in the
core takes an optional `should_stop` and calls `check(should_stop)` between units
(a file, an article, a batch of sentences): quitting or reloading never waits on work
whose result nobody will read.
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["Cancelled", "ShouldStop", "check"]

ShouldStop = Callable[[], bool]
"""Returns `True` once the caller no longer wants the result."""


class Cancelled(Exception):
    """Long work stopped because its caller asked it to."""


def check(should_stop: ShouldStop | None) -> None:
    """Raise `Cancelled` if `should_stop` says so."""
    if should_stop is not None and should_stop():
        raise Cancelled
