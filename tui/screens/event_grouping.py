"""The reader's article list grouped by event: the articles of one call, meeting,
visit or message together under a heading (`tui.core.event_list`).

`EventGrouping` owns the grouped pages: it makes them in a worker thread (the first
time, the events of the whole library are made: about half a second at 10,000
articles), for the list as the reader shows it (sort order, leader filter, search
narrowing) and for the whole list (`n`/`p` from an article a filter leaves out). Until
they are made, and when the reader is not grouped, the plain pages are shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.worker import get_current_worker

from tui.core.store import LibraryError
from tui.core.text import visible
from tui.widgets.article_list import ArticleList

if TYPE_CHECKING:
    from tui.core.store import Library
    from tui.screens.reader import ReaderScreen
    from tui.widgets.event_pages import EventPages

GROUP = "events"
"""The worker group of the grouping work (one at a time: `exclusive`)."""

Key = tuple[int, bool, str | None, frozenset[str] | None]
"""What grouped pages are of: the generation, the order, the leader, the ids."""


class EventGrouping:
    """Whether the reader's list is grouped by event, and its grouped pages."""

    def __init__(self, reader: ReaderScreen) -> None:
        self.reader = reader
        self._made: tuple[Key, EventPages, EventPages] | None = None
        self._asked: Key | None = None  # the key of the pages being made
        self.announce = False
        """Say how many events are shown once the grouped pages are made."""

    def _view(self) -> tuple[bool, str | None, frozenset[str] | None]:
        """The list as the reader shows it: its order, leader and search narrowing."""
        reader = self.reader
        only = reader.search.query_ids if reader.query_filter is not None else None
        return reader.oldest_first, reader.leader_filter, only

    def pages(self, *, narrowed: bool = True) -> EventPages | None:
        """The grouped pages of the list as shown (`None`: not grouped, or not made
        yet: the plain pages stand in)."""
        if not self.reader.grouped or self._made is None:
            return None
        key, listed, everything = self._made
        if key[1:] != self._view():
            return None  # another order or filter: being made
        return listed if narrowed else everything

    def update(self) -> None:
        """Make the grouped pages of the list as it is now, unless made or being
        made (the order, a filter or the library changed)."""
        library = self.reader.library
        if not self.reader.grouped or library is None:
            return
        try:
            key = (library.generation(), *self._view())
        except LibraryError:  # a damaged store: the plain list says so
            return
        if (self._made is not None and self._made[0] == key) or self._asked == key:
            return
        self._asked = key
        self.reader.run_worker(
            lambda: self._make(library, key),
            thread=True, exclusive=True, group=GROUP, exit_on_error=False,
            description="Grouping the articles by event",
        )  # fmt: skip

    def _make(self, library: Library, key: Key) -> None:
        """In a worker: the grouped pages of `key`, handed to the event loop. (The
        grouping's modules are imported here, in the worker, the first time: not at
        every start, for a list that is rarely grouped.)"""
        from tui.widgets.event_pages import EventPages

        _, oldest_first, leader, only = key
        try:
            listed = EventPages.build(library, oldest_first=oldest_first, leader=leader, only=only)
            everything = (
                listed
                if leader is None and only is None
                else EventPages.build(library, oldest_first=oldest_first)
            )
        except LibraryError as error:
            self.reader.app.call_from_thread(self._failed, str(error))
            return
        if not get_current_worker().is_cancelled:
            self.reader.app.call_from_thread(self._made_pages, key, listed, everything)

    def _made_pages(self, key: Key, listed: EventPages, everything: EventPages) -> None:
        if self._asked == key:
            self._asked = None
        self._made = (key, listed, everything)
        if self.reader.grouped and self.pages() is listed:
            self.reader.query_one(ArticleList).replace_pages(listed)
            if self.announce:
                self.announce = False
                count = self.events_shown()
                said = f"{count} event{'s' if count != 1 else ''} reported by two articles or more"
                self.reader.notify(f"Grouped by event: {said}.", timeout=3)

    def _failed(self, message: str) -> None:
        self._asked = None
        self.reader.notify(visible(f"Cannot group by event: {message}"), severity="error")

    def events_shown(self) -> int:
        """How many events of two or more articles the grouped list shows."""
        made = self.pages()
        return 0 if made is None else sum(1 for s in made.months() if s[3] is not None)

    def forget(self) -> None:
        """Drop the grouped pages (the reader is no longer grouped)."""
        self._made = None
        self._asked = None
        self.announce = False
