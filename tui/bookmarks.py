"""Bookmark actions of the app: the dialog, the clipboard, the Notes screen, and
writes to the notes file in workers, spooled and retried so none is lost."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on, work
from textual.app import App

from tui.core.config import Config
from tui.core.corpus import Article, Corpus
from tui.core.notes import Bookmark, NotesError, citation, places, with_note
from tui.core.notes_file import NotesFile, Spool
from tui.core.text import shorten, visible
from tui.screens.bookmark import BookmarkDialog, ConfirmDialog
from tui.screens.notes import NotesScreen, NotesState
from tui.screens.reader import ReaderScreen

RETRY_SECONDS = 15.0
"""How often bookmarks that could not be written are tried again."""


@dataclass(frozen=True, slots=True)
class NotesWrite:
    """What a write to the notes file did: the bookmarks written, and the error that
    stopped it; `changed` for an edit or a delete rather than appends."""

    written: tuple[str, ...]
    error: str | None = None
    changed: bool = False


class BookmarkActions(App[None]):
    """Mixed into the app: `b`, `y`, `m` and what they lead to. The app keeps the
    notes file, the spool, the pending bookmarks and the `notes` reactive."""

    config: Config
    corpus: Corpus | None
    notes: NotesState | None
    notes_file: NotesFile
    spool: Spool
    pending: list[Bookmark]

    @work(thread=True, exclusive=True, group="notes-load", exit_on_error=False,
          description="Reading the notes file")  # fmt: skip
    def _load_notes(self, corpus: Corpus) -> NotesState:
        notes = self.notes_file.load()
        return NotesState(notes, places(notes, corpus))

    def _reader(self) -> ReaderScreen | None:
        return self.screen if isinstance(self.screen, ReaderScreen) else None

    def _passage(self) -> tuple[Article, int, int] | None:
        """The reader's selection, or `None` after saying how to make one."""
        reader = self._reader()
        passage = reader.passage() if reader else None
        if passage is None:
            self.notify("Put the passage cursor on a sentence (] or [) or select text first.")
        return passage

    def action_bookmark(self) -> None:
        """Bookmark the selection (or the sentence under the passage cursor)."""
        passage = self._passage()
        if passage is None:
            return
        article, start, end = passage

        def save(answer: tuple[str, list[str]] | None) -> None:
            if answer is not None:
                self.keep(Bookmark.new(article, start, end, note=answer[0], tags=answer[1]))

        self.push_screen(BookmarkDialog(article.text[start:end]), save)

    def action_copy_passage(self) -> None:
        """Copy the selection with its citation (title, source, date) to the clipboard."""
        passage = self._passage()
        if passage is None:
            return
        self.copy_to_clipboard(citation(*passage))
        self.notify("Copied the passage with its citation.", timeout=2)

    def keep(self, bookmark: Bookmark) -> None:
        """Save `bookmark`: spooled first, so it survives even if the write fails."""
        self.pending.append(bookmark)
        self._spool_pending()
        self._flush_pending(list(self.pending))

    def _spool_pending(self) -> None:
        try:
            self.spool.save(self.pending)
        except OSError as error:
            self.log.warning(f"cannot spool pending bookmarks: {error}")

    def _retry_pending(self) -> None:
        if self.pending:
            self._flush_pending(list(self.pending))

    @work(thread=True, exclusive=True, group="notes-write", exit_on_error=False)
    def _flush_pending(self, waiting: list[Bookmark]) -> NotesWrite:
        written: list[str] = []
        try:
            for bookmark in waiting:
                self.notes_file.append(bookmark)
                written.append(bookmark.id)
        except NotesError as error:
            return NotesWrite(tuple(written), str(error))
        return NotesWrite(tuple(written))

    @work(thread=True, exclusive=False, group="notes-write", exit_on_error=False)
    def _change_notes(self, bookmark: Bookmark, delete: bool) -> NotesWrite:
        try:
            if delete:
                self.notes_file.delete(bookmark.id)
            else:
                self.notes_file.update(bookmark)
        except NotesError as error:
            return NotesWrite((), str(error), changed=True)
        return NotesWrite((bookmark.id,), changed=True)

    def _notes_written(self, result: object) -> None:
        if not isinstance(result, NotesWrite):
            return
        if not result.changed:  # appends: whatever was written leaves the spool
            self.pending = [b for b in self.pending if b.id not in result.written]
            self._spool_pending()
            if result.error:
                count = len(self.pending)
                self.notify(
                    f"{visible(result.error)}. {count} bookmark{'s' * (count != 1)} kept, "
                    f"tried again every {RETRY_SECONDS:.0f} s.",
                    title="Bookmark not saved yet", severity="error", timeout=10,
                )  # fmt: skip
            elif result.written:
                self.notify(f"Bookmarked in {self.config.notes.name}.", timeout=2)
        elif result.error:
            self.notify(visible(result.error), title="Notes file unchanged", severity="error")
        if self.corpus is not None and result.written:
            self._load_notes(self.corpus)

    def _notes_loaded(self, state: NotesState) -> None:
        self.notes = state
        for problem in state.notes.problems:
            self.notify(visible(problem), title="Notes file", severity="warning", timeout=8)

    def action_show_notes(self) -> None:
        """List the bookmarks; Enter goes to one."""
        if self.notes is None:
            self.notify("The notes file is still being read.", timeout=2)
            return

        def go(bookmark: Bookmark | None) -> None:
            reader = self._reader()
            place = self.notes.places.get(bookmark.id) if bookmark and self.notes else None
            if reader is not None and bookmark is not None and place is not None:
                reader.go_to(bookmark.article, *place)

        self.push_screen(NotesScreen(self.notes, self.corpus), go)

    @on(NotesScreen.Edit)
    def _edit_bookmark(self, event: NotesScreen.Edit) -> None:
        bookmark = event.bookmark

        def save(answer: tuple[str, list[str]] | None) -> None:
            if answer is not None:
                self._change_notes(with_note(bookmark, *answer), delete=False)

        dialog = BookmarkDialog(bookmark.quote, bookmark.note, bookmark.tags, "Edit the note")
        self.push_screen(dialog, save)

    @on(NotesScreen.Delete)
    def _delete_bookmark(self, event: NotesScreen.Delete) -> None:
        bookmark = event.bookmark

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._change_notes(bookmark, delete=True)

        question = f"Delete the bookmark of “{shorten(bookmark.quote, 120)}”?"
        self.push_screen(ConfirmDialog(question), confirmed)
