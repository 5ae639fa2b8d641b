"""`w` on the Compare, Threads and Leader profile screens, and "Brief on a topic…" in
the palette: a Markdown brief made in a worker and written to a new file in the notes
file's folder (never over a file), its path (or why it could not be written) said in
a notification."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.screen import Screen

from tui.core.text import visible

if TYPE_CHECKING:
    from tui.core.quote_brief import QuoteGroup
    from tui.core.store import Library
    from tui.core.threads import Thread

__all__ = [
    "pick_topic_brief", "write_brief_from", "write_leader_brief", "write_thread_brief",
    "write_topic_brief",
]  # fmt: skip

Brief = tuple[str, str]
"""A brief's file name and its Markdown."""


def write_thread_brief(
    screen: Screen[Any], library: Library, thread: Thread, folder: Path | None
) -> None:
    """Write `thread`'s brief of quotes (`brief-thread-<id>.md`)."""
    from tui.core.quote_brief import thread_groups

    title = f"Thread: {thread.topic} · {thread.about}"
    groups = partial(thread_groups, library, [thread])
    _write_quotes(screen, title, f"brief-thread-{thread.id}.md", groups, folder)


def write_leader_brief(
    screen: Screen[Any], library: Library, name: str, folder: Path | None
) -> None:
    """Write the brief of `name`'s commitments by thread (`brief-leader-<name>.md`)."""
    from tui.core.importing.writing import slug
    from tui.core.quote_brief import leader_groups

    groups = partial(leader_groups, library, name)
    _write_quotes(screen, f"Leader: {name}", f"brief-leader-{slug(name)}.md", groups, folder)


def write_topic_brief(
    screen: Screen[Any], library: Library, topic: str, folder: Path | None
) -> None:
    """Write the brief of `topic`'s commitments by thread (`brief-topic-<topic>.md`)."""
    from tui.core.importing.writing import slug
    from tui.core.quote_brief import topic_groups

    groups = partial(topic_groups, library, topic)
    _write_quotes(screen, f"Topic: {topic}", f"brief-topic-{slug(topic)}.md", groups, folder)


def _write_quotes(
    screen: Screen[Any],
    title: str,
    name: str,
    groups_of: Callable[[], list[QuoteGroup]],
    folder: Path | None,
) -> None:
    """Write the brief of quotes `title` of the groups `groups_of` reads (in the
    worker) to a file `name` (nothing when there are none)."""
    from tui.core.quote_brief import quotes_markdown

    def made() -> Brief | None:
        groups = groups_of()
        return (name, quotes_markdown(title, groups, dt.date.today())) if groups else None

    write_brief_from(screen, made, folder)


def pick_topic_brief(screen: Screen[Any], library: Library, folder: Path | None) -> None:
    """Ask for a topic (those with commitments, most first: counted in a worker),
    then write its brief."""
    from tui.screens.topic_picker import TopicPicker

    app = screen.app

    def chosen(topic: str | None) -> None:
        if topic:
            write_topic_brief(screen, library, topic, folder)

    def count() -> None:
        from tui.core.store import LibraryError

        try:
            topics = library.commitment_facets().counts.get("topic", {})
        except LibraryError as error:
            app.call_from_thread(screen.notify, visible(str(error)), severity="error",
                                 markup=False)  # fmt: skip
            return
        if not topics:
            app.call_from_thread(screen.notify, "No commitment has a topic yet.", timeout=3)
            return
        ordered = dict(sorted(topics.items(), key=lambda item: (-item[1], item[0])))
        app.call_from_thread(app.push_screen, TopicPicker(ordered), chosen)

    screen.run_worker(
        count,
        thread=True,
        group="brief-topics",
        exclusive=True,
        exit_on_error=False,
        description="Counting topics",
    )


def write_brief_from(
    screen: Screen[Any], make: Callable[[], Brief | None], folder: Path | None
) -> None:
    """Make a brief (`make`, in a worker: it reads the library; `None`: nothing to
    write) and write it to a new file in `folder` (`brief.write_brief`: `-2`, `-3`...
    when the name is taken), saying where, or why not."""
    app = screen.app

    def say(message: str, error: bool = False) -> None:
        severity = "error" if error else "information"
        app.call_from_thread(
            screen.notify, visible(message), severity=severity, timeout=5, markup=False
        )

    def write() -> None:
        from tui.core.brief import write_brief
        from tui.core.store import LibraryError

        try:
            made = make()
        except LibraryError as error:
            say(f"The brief was not made: {error}", error=True)
            return
        if made is None:
            say("No commitments to write a brief of.")
            return
        where = folder or Path()
        try:
            path = write_brief(where, *made)
        except OSError as error:
            say(f"The brief was not written to {where}: {error.strerror or error}", error=True)
            return
        say(f"Brief written to {path}")

    screen.run_worker(
        write,
        thread=True,
        group="brief",
        exclusive=True,
        exit_on_error=False,
        description="Writing a brief",
    )
