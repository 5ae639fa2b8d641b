"""What the app knows, in one typed object the screens and collaborators are given
when they are made: the open `Library`, its generation, how far a refresh has got,
the notes, and extractions made ahead of the store (the open article, re-extracted at
once after a correction).

State has one owner: the app sets these fields (the notes through
`tui.bookmarks.Bookmarks`); screens read them as typed attributes and observe changes
with `self.watch(state, "generation", ...)`. `AppState` is a `DOMNode` only so that its
fields are Textual reactives; it is never mounted and draws nothing. Everything else
(articles, text, leaders, search) is read from the library when it is wanted, page by
page: the app never holds the corpus.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.dom import DOMNode
from textual.reactive import var

from tui.core.extract import Extraction
from tui.core.store import Library, Refreshed, RefreshProgress
from tui.screens.notes import NotesState


@dataclass(frozen=True, slots=True)
class ImportProgress:
    """How far an import from the palette has got: `done` of `total` sources, the
    one being imported now `source`."""

    done: int
    total: int
    source: str


class AppState(DOMNode):
    """The library and what moves in it while the app runs."""

    library: var[Library | None] = var(None)
    """The open library; `None` until it is open (or when it cannot be opened)."""

    unopened: var[str | None] = var(None)
    """Why the library cannot be opened, in words; `None` while it can (or is being
    opened). A state, not a message to the reader: the opening may fail before the
    reader is mounted (a library opened ahead of the app fails at once)."""

    generation: var[int] = var(-1)
    """The library's generation as last seen: it grows with each refresh batch
    committed (by this app or another process); screens re-read when it moves."""

    progress: var[RefreshProgress | None] = var(None)
    """How far the refresh running in this app has got; `None` when none runs."""

    refreshed: var[Refreshed | None] = var(None)
    """What the last refresh of this app did; `None` until one has ended (or when
    another process was refreshing)."""

    importing: var[ImportProgress | None] = var(None)
    """How far the import started from the palette has got; `None` when none runs."""

    ahead: var[dict[str, Extraction]] = var(dict)
    """Extractions made by the app before the store has them (the open article after
    a correction), by article id; emptied when the refresh that follows ends."""

    notes: var[NotesState | None] = var(None)
    """The bookmarks in the notes file, and where each passage is now."""

    briefs: Path | None = None
    """The folder the Compare screen writes briefs to (the notes file's); `None`:
    the working folder."""

    def not_open(self) -> str:
        """Why there is no library to use, in words: it is being opened, or why it
        cannot be."""
        return self.unopened or "The library is still being opened."

    def extraction(self, article_id: str | None) -> Extraction | None:
        """What was extracted from `article_id`: the app's own when it is ahead of
        the store, else the store's; `None` when there is no such article."""
        if article_id is None or self.library is None:
            return None
        return self.ahead.get(article_id) or self.library.extraction(article_id)
