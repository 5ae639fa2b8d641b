"""The app's bookmark work as a collaborator: `b`, `y`, `m`, edits and deletes, and
the notes file read and written off the event loop through
`tui.core.notes_store.NotesService` (spooled first, retried, never twice at once).

State has one owner: the notes as last read live in the app state's `notes` reactive,
which the screens watch; only `Bookmarks` sets it. The app hands its keys and its
worker results to `Bookmarks`; `Bookmarks` calls the app's screen and worker API (the
public `App` API only), and the reader it was given (never whatever screen happens to
be on top).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.app import App

from tui.app_state import AppState
from tui.core.corpus import Article
from tui.core.notes import Bookmark, NotesError, citation
from tui.core.notes_file import Signature
from tui.core.notes_parse import Notes
from tui.core.notes_store import RETRY_SECONDS, Flush, NotesService
from tui.core.store import Library
from tui.core.text import clipboard_text, shorten
from tui.screens.bookmark import BookmarkDialog, ConfirmDialog, edit_in_editor
from tui.screens.notes import NotesScreen, NotesState
from tui.screens.reader import ReaderScreen

NOTES_POLL_SECONDS = 1.0
"""How often the notes file is checked for changes made outside the app."""

LOAD_GROUP, WRITE_GROUP = "notes-load", "notes-write"
"""The worker groups whose results the app hands back to `Bookmarks`."""


@dataclass(frozen=True, slots=True)
class NotesChange:
    """What an edit or delete did: the bookmark changed, or the error that stopped it."""

    bookmark_id: str
    error: str | None = None


def anchored(notes: Notes, library: Library, signature: Signature = None) -> NotesState:
    """`notes` with where each bookmark's passage is in `library` now: one article
    read per bookmarked article, not the corpus."""
    articles: dict[str, Article | None] = {
        ref: library.get(ref) for ref in dict.fromkeys(b.article for b in notes.bookmarks)
    }
    places = {b.id: b.locate(articles[b.article]) for b in notes.bookmarks}
    found = {
        ref: (article.id, f"{article.date_label} · {article.title}") if article else None
        for ref, article in articles.items()
    }
    return NotesState(notes, places, signature, found)


class Bookmarks:
    """What the app's bookmark keys do. Made once by the app, with the service that
    writes its notes file."""

    def __init__(
        self, app: App[None], state: AppState, reader: ReaderScreen, service: NotesService
    ) -> None:
        self.app = app
        self.state = state
        self.reader = reader
        self.service = service
        self._polled: Signature = None

    # Reading the notes file ------------------------------------------------------------

    def start(self) -> None:
        """Retry unwritten bookmarks, and notice changes made to the notes file."""
        self.app.set_interval(RETRY_SECONDS, self.flush)
        self.app.set_interval(NOTES_POLL_SECONDS, self.check_for_changes, name="notes-watch")

    def library_changed(self) -> None:
        """Read the notes against the library as it is now, and write what still waits."""
        self.load()
        self.flush()

    def load(self) -> None:
        """Read the notes file again, off the event loop."""
        library = self.state.library
        if library is None:
            return

        def read() -> NotesState:
            signature = self.service.file.signature()
            return anchored(self.service.file.load(), library, signature)

        self.app.run_worker(
            read, thread=True, exclusive=True, group=LOAD_GROUP, exit_on_error=False,
            description="Reading the notes file",
        )  # fmt: skip

    def check_for_changes(self) -> None:
        """Read the notes file again if it changed since it was read (once per change,
        so a file that cannot be read warns once)."""
        state = self.state.notes
        if self.state.library is None or state is None:
            return
        now = self.service.file.signature()
        if now != state.signature and now != self._polled:
            self._polled = now
            self.load()

    def loaded(self, state: NotesState) -> None:
        """A read finished: show it, and warn about each new problem once."""
        known = set(self.state.notes.notes.problems) if self.state.notes else set()
        self.state.notes = state
        path = state.notes.path
        for problem in state.notes.problems:
            if problem not in known:  # named by the file's name: the Notes screen has more
                short = path.name + problem.removeprefix(str(path))
                self.app.notify(short, title="Notes file", severity="warning", timeout=8)

    # Writing it ------------------------------------------------------------------------

    def keep(self, bookmark: Bookmark) -> None:
        """Save `bookmark`: spooled first, so it survives even if the write fails."""
        self._write(lambda: self.service.add(bookmark))

    def flush(self) -> None:
        """Write the bookmarks still waiting. Not an `exclusive` worker: a cancelled
        worker keeps writing; the service itself never runs two flushes at once."""
        self._write(self.service.flush)

    def _change(self, bookmark_id: str, note: str | None, tags: list[str]) -> None:
        """Give a bookmark a new note and tags (`note=None`: delete it)."""

        def change() -> NotesChange:
            try:
                if note is None:
                    self.service.file.delete(bookmark_id)
                else:
                    self.service.file.update(bookmark_id, note, tags)
            except NotesError as error:
                return NotesChange(bookmark_id, str(error))
            return NotesChange(bookmark_id)

        self._write(change)

    def _write(self, work: Callable[[], object]) -> None:
        self.app.run_worker(
            work, thread=True, group=WRITE_GROUP, exit_on_error=False,
            description="Writing the notes file",
        )  # fmt: skip

    def written(self, result: object) -> None:
        """A write finished: say what happened, and read the file again."""
        if isinstance(result, Flush) and not result.busy:
            if result.error:
                count = result.waiting
                self.app.notify(
                    f"{result.error}. {count} bookmark{'s' * (count != 1)} kept, "
                    f"tried again every {RETRY_SECONDS:.0f} s.",
                    title="Bookmark not saved yet", severity="error", timeout=10,
                )  # fmt: skip
            elif result.written:
                self.app.notify(f"Bookmarked in {self.service.file.path.name}.")
            if not result.written:
                return
        elif isinstance(result, NotesChange) and result.error:
            self.app.notify(result.error, title="Notes file unchanged", severity="error")
        self.load()

    # The keys --------------------------------------------------------------------------

    def _reader(self) -> ReaderScreen | None:
        """The reader, when it is what the person sees (no dialog or list over it)."""
        return self.reader if self.app.screen is self.reader else None

    def _passage(self) -> tuple[Article, int, int] | None:
        """The reader's selection, or `None` after saying how to make one."""
        reader = self._reader()
        passage = reader.passage() if reader else None
        if passage is None:
            self.app.notify("Put the passage cursor on a sentence (] or [) or select text first.")
        return passage

    def bookmark(self) -> None:
        """Bookmark the selection (or the sentence under the passage cursor); if it is
        bookmarked already, edit that bookmark instead."""
        passage = self._passage()
        if passage is None:
            return
        article, start, end = passage
        if (existing := self._bookmark_at(article.id, start, end)) is not None:
            self.edit(existing, "Already bookmarked: edit its note")
            return

        def save(answer: tuple[str, list[str]] | None) -> None:
            if answer is not None:
                self.keep(Bookmark.new(article, start, end, note=answer[0], tags=answer[1]))

        self.app.push_screen(BookmarkDialog(article.text[start:end]), save)

    def _bookmark_at(self, article_id: str, start: int, end: int) -> Bookmark | None:
        """The bookmark whose passage is exactly `start..end` of the article."""
        state = self.state.notes
        if state is None:
            return None
        return next(
            (
                b
                for b in state.notes.bookmarks
                if state.article_of(b) == article_id and state.places.get(b.id) == (start, end)
            ),
            None,
        )

    def copy_passage(self) -> None:
        """Copy the selection with its citation (title, source, date) to the clipboard."""
        passage = self._passage()
        if passage is None:
            return
        self.app.copy_to_clipboard(clipboard_text(citation(*passage)))
        self.app.notify("Copied the passage with its citation.", timeout=2)

    def show_notes(self) -> None:
        """List the bookmarks; Enter goes to one."""
        state = self.state.notes
        if state is None:
            if self.state.library is None:  # the notes are read once it is open
                self.app.notify(self.state.not_open(), timeout=4)
            else:
                self.app.notify("The notes file is still being read.", timeout=2)
            return

        def go(bookmark: Bookmark | None) -> None:
            reader = self._reader()
            now = self.state.notes
            place = now.places.get(bookmark.id) if bookmark and now else None
            if reader is not None and bookmark is not None and place is not None:
                reader.go_to(bookmark.article, *place)

        self.app.push_screen(NotesScreen(self.state, state), go)

    def edit(self, bookmark: Bookmark, title: str = "Edit the note") -> None:
        """Edit a bookmark's note and tags in the dialog."""

        def save(answer: tuple[str, list[str]] | None) -> None:
            if answer is not None:
                self._change(bookmark.id, answer[0], answer[1])

        dialog = BookmarkDialog(bookmark.quote, bookmark.note, bookmark.tags, title)
        self.app.push_screen(dialog, save)

    def edit_in_editor(self, bookmark: Bookmark) -> None:
        """Edit a bookmark's note in `$EDITOR`."""
        if (note := edit_in_editor(self.app, bookmark.note)) is not None:
            self._change(bookmark.id, note, list(bookmark.tags))

    def delete(self, bookmark: Bookmark) -> None:
        """Delete a bookmark, after a confirmation."""

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._change(bookmark.id, None, [])

        question = f"Delete the bookmark of “{shorten(bookmark.quote, 120)}”?"
        self.app.push_screen(ConfirmDialog(question), confirmed)
