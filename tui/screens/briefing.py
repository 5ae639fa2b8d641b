"""`w` on the Threads and Leader profile screens: the brief of quotes of the thread
or the leader (`tui.core.quote_brief`), written in a worker to a new file in the notes
file's folder (never over a file), its path said in a notification."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.screen import Screen

from tui.core.text import visible

if TYPE_CHECKING:
    from tui.core.quote_brief import QuoteGroup
    from tui.core.store import Library
    from tui.core.threads import Thread

__all__ = ["write_leader_brief", "write_thread_brief"]


def write_thread_brief(
    screen: Screen[Any], library: Library, thread: Thread, folder: Path | None
) -> None:
    """Write `thread`'s brief (`brief-thread-<id>.md`)."""
    from tui.core.quote_brief import thread_groups

    def groups() -> list[QuoteGroup]:
        return thread_groups(library, [thread])

    title = f"Thread: {thread.topic} · {thread.about}"
    _write(screen, title, groups, f"brief-thread-{thread.id}.md", folder)


def write_leader_brief(
    screen: Screen[Any], library: Library, name: str, folder: Path | None
) -> None:
    """Write the brief of `name`'s commitments (`brief-leader-<name>.md`)."""
    from tui.core.importing.writing import slug
    from tui.core.quote_brief import leader_groups

    def groups() -> list[QuoteGroup]:
        return leader_groups(library, name)

    _write(screen, f"Leader: {name}", groups, f"brief-leader-{slug(name)}.md", folder)


def _write(
    screen: Screen[Any],
    title: str,
    groups: Callable[[], list[QuoteGroup]],
    name: str,
    folder: Path | None,
) -> None:
    """Write the brief `title` of what `groups` reads (in the worker) to `name` in
    `folder`, and say where (or why not)."""
    app = screen.app

    def say(message: str, error: bool = False) -> None:
        severity = "error" if error else "information"
        app.call_from_thread(
            screen.notify, visible(message), severity=severity, timeout=5, markup=False
        )

    def write() -> None:
        from tui.core.brief import write_brief
        from tui.core.quote_brief import quotes_markdown

        made = groups()
        if not made:
            say("No commitments to write a brief of.")
            return
        where = folder or Path()
        try:
            path = write_brief(where, name, quotes_markdown(title, made, dt.date.today()))
        except OSError as error:
            say(f"The brief was not written to {where}: {error.strerror or error}", error=True)
            return
        say(f"Brief written to {path}")

    screen.run_worker(
        write, thread=True, group="brief", exclusive=True, description="Writing a brief"
    )
