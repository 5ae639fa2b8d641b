"""Bookmark actions of the app: the dialog, the clipboard, the Notes screen, and
writes to the notes file in workers, through `tui.core.notes_store.NotesService`
(spooled first, retried, never twice at once)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from textual import on, work
from textual.app import App

from tui.core.config import Config
from tui.core.corpus import Article, Corpus
from tui.core.notes import Bookmark, NotesError, citation, places
from tui.core.notes_file import Signature
from tui.core.notes_store import RETRY_SECONDS, Flush, NotesService
from tui.core.text import shorten, visible
from tui.screens.bookmark import BookmarkDialog, ConfirmDialog, edit_in_editor
from tui.screens.notes import NotesScreen, NotesState
from tui.screens.reader import ReaderScreen

NOTES_POLL_SECONDS = 1.0
"""How often the notes file is checked for changes made outside the app."""

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def clipboard_text(text: str) -> str:
    """`text` without control, bidi and zero-width characters, for the clipboard (an
    article must not smuggle a bracketed-paste end into a shell).
    TODO(lead): replace with `tui.core.text.clipboard_text` from the corpus branch."""
    return _CONTROL.sub("", text)


@dataclass(frozen=True, slots=True)
class NotesChange:
    """What an edit or delete did: the bookmark changed, or the error that stopped it."""

    bookmark_id: str
    error: str | None = None


class BookmarkActions(App[None]):
    """Mixed into the app: `b`, `y`, `m` and what they lead to. The app keeps the
    notes service and the `notes` reactive."""

    config: Config
    corpus: Corpus | None
    notes: NotesState | None
    notes_service: NotesService

    def start_notes_timers(self) -> None:
        """Retry unwritten bookmarks, and notice changes made to the notes file (read
        again once per change, so a file that cannot be read warns once)."""
        self.set_interval(RETRY_SECONDS, self._retry_pending)
        polled: list[Signature] = [None]

        def watch() -> None:
            if self.corpus is None or self.notes is None:
                return
            now = self.notes_service.file.signature()
            if now != self.notes.signature and now != polled[0]:
                polled[0] = now
                self._load_notes(self.corpus)

        self.set_interval(NOTES_POLL_SECONDS, watch, name="notes-watch")

    @work(thread=True, exclusive=True, group="notes-load", exit_on_error=False)
    def _load_notes(self, corpus: Corpus) -> NotesState:
        signature = self.notes_service.file.signature()
        notes = self.notes_service.file.load()
        return NotesState(notes, places(notes.bookmarks, corpus), signature)

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
        """Bookmark the selection (or the sentence under the passage cursor); if it is
        bookmarked already, edit that bookmark instead."""
        passage = self._passage()
        if passage is None:
            return
        article, start, end = passage
        if (existing := self._bookmark_at(article.id, start, end)) is not None:
            self._edit(existing, "Already bookmarked: edit its note")
            return

        def save(answer: tuple[str, list[str]] | None) -> None:
            if answer is not None:
                self.keep(Bookmark.new(article, start, end, note=answer[0], tags=answer[1]))

        self.push_screen(BookmarkDialog(article.text[start:end]), save)

    def _bookmark_at(self, article_id: str, start: int, end: int) -> Bookmark | None:
        """The bookmark whose passage is exactly `start..end` of the article."""
        if self.notes is None:
            return None
        return next(
            (
                b
                for b in self.notes.notes.bookmarks
                if b.article == article_id and self.notes.places.get(b.id) == (start, end)
            ),
            None,
        )

    def action_copy_passage(self) -> None:
        """Copy the selection with its citation (title, source, date) to the clipboard."""
        passage = self._passage()
        if passage is None:
            return
        self.copy_to_clipboard(clipboard_text(citation(*passage)))
        self.notify("Copied the passage with its citation.", timeout=2)

    def keep(self, bookmark: Bookmark) -> None:
        """Save `bookmark`: spooled first, so it survives even if the write fails."""
        self._add_bookmark(bookmark)

    @work(thread=True, group="notes-write", exit_on_error=False)
    def _add_bookmark(self, bookmark: Bookmark) -> Flush:
        return self.notes_service.add(bookmark)

    def _retry_pending(self) -> None:
        self._flush_pending()

    @work(thread=True, group="notes-write", exit_on_error=False)
    def _flush_pending(self) -> Flush:
        # Not `exclusive`: a cancelled worker keeps writing. The service itself never
        # runs two flushes at once; a second call returns `busy`.
        return self.notes_service.flush()

    @work(thread=True, group="notes-write", exit_on_error=False)
    def _change_notes(self, bookmark_id: str, note: str | None, tags: list[str]) -> NotesChange:
        try:
            if note is None:
                self.notes_service.file.delete(bookmark_id)
            else:
                self.notes_service.file.update(bookmark_id, note, tags)
        except NotesError as error:
            return NotesChange(bookmark_id, str(error))
        return NotesChange(bookmark_id)

    def _notes_written(self, result: object) -> None:
        if isinstance(result, Flush) and not result.busy:
            if result.error:
                count = result.waiting
                self.notify(
                    f"{visible(result.error)}. {count} bookmark{'s' * (count != 1)} kept, "
                    f"tried again every {RETRY_SECONDS:.0f} s.",
                    title="Bookmark not saved yet", severity="error", timeout=10, markup=False,
                )  # fmt: skip
            elif result.written:
                self.notify(f"Bookmarked in {visible(self.config.notes.name)}.", markup=False)
            if not result.written:
                return
        elif isinstance(result, NotesChange) and result.error:
            self.notify(
                visible(result.error), title="Notes file unchanged", severity="error", markup=False
            )
        if self.corpus is not None:
            self._load_notes(self.corpus)

    def _notes_loaded(self, state: NotesState) -> None:
        known = set(self.notes.notes.problems) if self.notes else set()
        self.notes = state
        path = state.notes.path
        for problem in state.notes.problems:
            if problem not in known:  # named by the file's name: the Notes screen has more
                short = path.name + problem.removeprefix(str(path))
                self.notify(
                    visible(short), title="Notes file", severity="warning", timeout=8,
                    markup=False,
                )  # fmt: skip

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
        if not event.in_editor:
            self._edit(bookmark, "Edit the note")
        elif (note := edit_in_editor(self, bookmark.note)) is not None:
            self._change_notes(bookmark.id, note, list(bookmark.tags))

    def _edit(self, bookmark: Bookmark, title: str) -> None:
        def save(answer: tuple[str, list[str]] | None) -> None:
            if answer is not None:
                self._change_notes(bookmark.id, answer[0], answer[1])

        dialog = BookmarkDialog(bookmark.quote, bookmark.note, bookmark.tags, title)
        self.push_screen(dialog, save)

    @on(NotesScreen.Delete)
    def _delete_bookmark(self, event: NotesScreen.Delete) -> None:
        bookmark = event.bookmark

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._change_notes(bookmark.id, None, [])

        question = f"Delete the bookmark of “{shorten(bookmark.quote, 120)}”?"
        self.push_screen(ConfirmDialog(question), confirmed)
