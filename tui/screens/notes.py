"""The Notes screen: every bookmark, by article; jump to one, edit its note, delete it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from tui.core.notes import Bookmark
from tui.core.notes_file import Signature
from tui.core.notes_parse import Notes
from tui.core.text import shorten, visible
from tui.widgets.keyed_list import KeyedOptionList

if TYPE_CHECKING:
    from tui.app_state import AppState


@dataclass(frozen=True, slots=True)
class NotesState:
    """The notes file as read, and where each bookmark's passage is now (`None`:
    orphaned)."""

    notes: Notes
    places: Mapping[str, tuple[int, int] | None]
    signature: Signature = None
    """The file's signature when it was read: a different one means it changed."""
    articles: Mapping[str, tuple[str, str] | None] = field(default_factory=dict)
    """Each bookmark's article reference -> the article's current id and heading
    (`date · title`); `None`: no such article in the library."""

    def article_of(self, bookmark: Bookmark) -> str | None:
        """The current id of the article `bookmark` is in (`None`: not in the library)."""
        found = self.articles.get(bookmark.article)
        return found[0] if found else None


def _orphaned(bookmark: Bookmark, state: NotesState) -> str:
    """Why `bookmark` has no passage: its article is gone, or the passage is."""
    if state.article_of(bookmark) is None:
        return f"{bookmark.article} is not in the corpus"
    return "the passage is no longer in the article"


def _row(bookmark: Bookmark, orphaned: str | None) -> Content:
    """One bookmark; `orphaned` says why it has no passage (`None`: anchored)."""
    quote = Content.assemble(("“", "dim"), visible(shorten(bookmark.quote, 150)), ("”", "dim"))
    parts: list[Content | str | tuple[str, str]] = [quote]
    if bookmark.note:
        parts += ["\n", (visible(shorten(bookmark.note, 150)), "italic")]
    extra = " ".join(f"#{tag}" for tag in bookmark.tags)
    if orphaned is not None:
        extra = f"orphaned: {orphaned}  " + extra
    if extra.strip():
        parts += ["\n", (visible(extra.strip()), "dim" if orphaned is None else "$text-warning")]
    return Content.assemble(*parts)


class NotesScreen(ModalScreen[Bookmark | None]):
    """Bookmarks by article. Enter jumps to the passage; `e` edits the note and tags;
    `E` edits the note in `$EDITOR`; `d` deletes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,m,q", "dismiss(None)", "Close", id="notes.close"),
        Binding("e", "edit", "Edit note", id="notes.edit"),
        Binding("E", "edit(True)", "Edit in $EDITOR", id="notes.editor"),
        Binding("d", "delete", "Delete", id="notes.delete"),
    ]

    class Edit(Message):
        """Edit the note and tags of a bookmark (the note in `$EDITOR` if `in_editor`)."""

        def __init__(self, bookmark: Bookmark, in_editor: bool = False) -> None:
            super().__init__()
            self.bookmark = bookmark
            self.in_editor = in_editor

    class Delete(Message):
        """Delete a bookmark (after a confirmation)."""

        def __init__(self, bookmark: Bookmark) -> None:
            super().__init__()
            self.bookmark = bookmark

    def __init__(self, app_state: AppState, state: NotesState) -> None:
        super().__init__()
        self.app_state = app_state
        self.state = state
        """The notes shown: `state` first, then each new read the app gets."""

    @property
    def notes(self) -> Notes:
        """The notes file as last read."""
        return self.state.notes

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(id="problems")
            yield KeyedOptionList()

    def on_mount(self) -> None:
        self._show(self.state)
        self.watch(self.app_state, "notes", self._show, init=False)
        self.query_one(OptionList).focus()

    def _show(self, state: NotesState | None) -> None:
        """Show `state`, keeping the cursor near where it was."""
        if state is None:
            return
        self.state = state
        box = self.query_one(Vertical)
        count = len(self.notes.bookmarks)
        box.border_title = f"Notes · {count} bookmark{'s' * (count != 1)}"
        box.border_subtitle = Content(
            f"{visible(self.notes.path.name)} · enter go · e edit · E editor · d delete · esc close"
        )
        where = f"{self.notes.path}:"  # the file is named below: each problem gives its line
        problems = (f"line {p.removeprefix(where)}" for p in self.notes.problems)
        self.query_one("#problems", Label).update(Content(visible("\n".join(problems))))
        listing = self.query_one(OptionList)
        was = listing.highlighted
        listing.clear_options()
        listing.add_options(self._options())
        listing.action_first()
        if was is not None and was < listing.option_count:
            listing.highlighted = was
            if listing.get_option_at_index(was).disabled:
                listing.action_cursor_down()

    def _options(self) -> list[Option]:
        by_article: dict[str, list[Bookmark]] = {}
        for bookmark in self.notes.bookmarks:
            by_article.setdefault(bookmark.article, []).append(bookmark)
        options: list[Option] = []
        for article_id, bookmarks in by_article.items():
            found = self.state.articles.get(article_id)
            heading = found[1] if found else bookmarks[0].heading
            options.append(
                Option(
                    Content.styled(visible(shorten(heading or article_id, 110)), "bold"),
                    disabled=True,
                )
            )
            options += [Option(_row(b, self._why_orphaned(b)), id=b.id) for b in bookmarks]
        if not options:
            options.append(
                Option(
                    Content.styled("No bookmarks yet: press b in the reader.", "dim"), disabled=True
                )
            )
        return options

    def _why_orphaned(self, bookmark: Bookmark) -> str | None:
        """`None` for an anchored bookmark, else why it has no passage."""
        if self.state.places.get(bookmark.id) is not None:
            return None
        return _orphaned(bookmark, self.state)

    def _selected(self) -> Bookmark | None:
        listing = self.query_one(OptionList)
        if listing.highlighted is None:
            return None
        option_id = listing.get_option_at_index(listing.highlighted).id
        return self.notes.get(option_id) if option_id else None

    @on(OptionList.OptionSelected)
    def _go(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        bookmark = self.notes.get(event.option.id or "")
        if bookmark is not None and self.state.places.get(bookmark.id) is not None:
            self.dismiss(bookmark)
        elif bookmark is not None:
            self.notify(
                visible(f"This bookmark is orphaned: {_orphaned(bookmark, self.state)}."),
                markup=False,
            )

    def action_edit(self, in_editor: bool = False) -> None:
        """Edit the selected bookmark's note and tags (the note in `$EDITOR`)."""
        if (bookmark := self._selected()) is not None:
            self.post_message(self.Edit(bookmark, in_editor))

    def action_delete(self) -> None:
        """Delete the selected bookmark, after a confirmation."""
        if (bookmark := self._selected()) is not None:
            self.post_message(self.Delete(bookmark))
