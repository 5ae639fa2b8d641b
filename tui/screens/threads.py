"""The Threads screen: the corpus's commitments linked into threads (issue 14), one
undertaking each: topic, object, how many entries, latest stage, span of dates.
`enter` shows a thread's entries (date, sentence, stage, new or recurring, kind);
`enter` on an entry opens its passage in the reader; `esc` goes back, then closes.
The long column of each table (the object, the sentence) takes the width the others
leave, down to `LEAST_WIDTH`, so that it shows at 60 columns as at 140.

The threads are read in a worker (linking them the first time after the library
changed takes seconds at 10,000 articles; then they are read back from the file kept
beside the store). `ThreadBrowsing` is the reader's side: it opens the screen and
the chosen passage.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Protocol

from rich.cells import cell_len
from rich.console import JustifyMethod
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label
from textual.worker import Worker, WorkerState, get_current_worker

from tui.core.cancel import Cancelled
from tui.core.store.model import LibraryError
from tui.core.store.opening import one_line
from tui.core.text import visible
from tui.screens.help import binding_rows

if TYPE_CHECKING:
    from tui.app_state import AppState
    from tui.core.cancel import ShouldStop
    from tui.core.threads import Thread, ThreadEntry
    from tui.screens.reader import ReaderScreen

__all__ = ["ThreadBrowsing", "ThreadsScreen", "threads_keys"]


class Threads(Protocol):
    """What the screen needs of a `tui.core.store.Library`."""

    def threads(
        self, topic: str | None = None, *, should_stop: ShouldStop | None = None
    ) -> list[Thread]: ...

    def thread_sentences(self, threads: Iterable[Thread]) -> dict[tuple[str, int], str]: ...

    def thread(self, thread_id: str) -> Thread | None: ...


@dataclass(frozen=True, slots=True)
class _Read:
    """The threads read, and their rows for the table, made off the event loop."""

    threads: list[Thread]
    rows: list[_Cells]
    widths: list[int]
    asked: str | None = None
    """The id of the thread whose entries were shown when this was read."""
    shown: Thread | None = None
    """That thread as it is now (`None`: gone, or none asked for)."""


def span(thread: Thread) -> str:
    """`2024-08-19 – 2026-01-26` (one date when the thread has one)."""
    first = thread.first.isoformat() if thread.first else "undated"
    last = thread.last.isoformat() if thread.last else "undated"
    return first if first == last else f"{first} – {last}"


CHUNK = 200
"""Rows put in a table at a time (4,700 threads take a second to put in at once)."""
_Cells = tuple[tuple[str, ...], str]
"""The cells of a row, as shown (`_cell`), and its key; made `Text` only when put in
the table, a chunk at a time (4,400 rows of `Text` take 0.1 s)."""


def _widths(labels: Sequence[str], rows: Iterable[_Cells]) -> list[int]:
    """Each column as wide as its widest cell (or title). Set when a table is filled:
    a DataTable left to size its columns does it when idle, and lines it drew before
    that keep the columns as wide as their titles until the cursor passes over them."""
    widths = [len(label) for label in labels]
    for cells, _key in rows:
        widths = [max(width, cell_len(cell)) for width, cell in zip(widths, cells, strict=True)]
    return widths


def fitted(widths: Sequence[int], long: int, room: int, padding: int) -> list[int]:
    """`widths` with column `long` narrowed to what the others leave of `room` cells
    (each column takes `padding` more than its width), down to `LEAST_WIDTH`. When
    the others cannot all show beside that, the last ones are left past the edge
    (shown by scrolling) and the long column takes the room up to the edge: no
    column is half shown (a count cut to its first digit would read as another).
    When the columns before it leave it less than `LEAST_WIDTH`, it ends at the edge
    (its ellipsis shows); under `NARROWEST`, it is wholly past the edge, the column
    before it taking the rest of the room (or cut to it). It is never widened past
    its widest cell."""
    before = sum(width + padding for width in widths[:long])
    after = [width + padding for width in widths[long + 1 :]]
    for count in range(len(after), -1, -1):
        left = room - before - sum(after[:count]) - padding
        if left >= LEAST_WIDTH:
            break
    result = list(widths)
    if left < min(NARROWEST, widths[long]):  # too narrow to read: wholly past the edge
        if long > 0:  # the column before it takes up the rest (or is cut to the room)
            result[long - 1] = max(result[long - 1] + room - before, 1)
        left = LEAST_WIDTH
    result[long] = min(widths[long], left)
    return result


def _thread_row(_at: int, thread: Thread) -> _Cells:
    return (
        _cell(thread.topic), _cell(_cut(thread.about, OBJECT_WIDTH)),
        f"{len(thread.entries):,}", _cell(thread.stage or "–"), _cell(span(thread)),
    ), thread.id  # fmt: skip


COLUMNS: dict[str, tuple[str, ...]] = {
    "threads-table": ("Topic", "Object", "Entries", "Stage", "Dates"),
    "thread-entries": ("Date", "Sentence", "Stage", "", "Kind"),
}
"""The column titles of each table, by its id."""
LONG = {"threads-table": 1, "thread-entries": 1}
"""The column of each table that takes the width the others leave (`fitted`)."""
RIGHT = {"Entries"}
"""The columns aligned to the right (counts)."""

OBJECT_WIDTH = 72
"""The most characters of a thread's object shown in the list."""
LEAST_WIDTH = 20
"""The narrowest the long column of a table is made to let the columns after it show;
narrower than that, the last of them are left past the edge (`fitted`)."""
NARROWEST = 3
"""The narrowest the long column is shown at the edge (two characters and `…`)."""


def _cut(text: str, width: int) -> str:
    """`text` in `width` characters, cut with `…` when longer."""
    return text if len(text) <= width else text[: width - 1] + "…"


def _cell(text: str) -> str:
    """Text of a file as a cell: control characters shown, on one line (and never
    markup: made `Text`, not parsed)."""
    return visible(text).replace("\n", " ")


class ThreadsScreen(ModalScreen["ThreadEntry | None"]):
    """The threads of two entries or more, latest activity first; `enter` shows one
    thread's entries, `enter` on an entry opens it; `esc` back, then close."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back to the threads / close", id="threads.back"),
        Binding("w", "write_brief", "Write brief", id="threads.brief"),
    ]

    def __init__(self, library: Threads, state: AppState | None = None) -> None:
        super().__init__()
        self.library = library
        self.state = state
        self.threads: list[Thread] = []
        self.open_thread: Thread | None = None
        """The thread whose entries are shown; `None`: the list of threads."""
        self._fills: dict[str, int] = {}
        """Each table's latest filling: the chunks of an earlier one are dropped."""
        self._filled: dict[str, tuple[Sequence[_Cells], list[int]]] = {}
        """Each table's rows and their columns' own widths, to fit them again to a new
        width."""
        self._listed = False
        """Whether the threads were read once (till then the screen says it reads)."""
        self._fitted_to = (0, 0)
        """The screen's size when the tables were last fitted to it."""

    def compose(self) -> ComposeResult:
        with Vertical(id="threads-box") as box:
            box.border_title = "Threads"
            box.border_subtitle = "enter open · w write brief · esc back"
            yield Label("Linking the commitments…", id="threads-found")
            yield DataTable(id="threads-table", cursor_type="row", zebra_stripes=False)
            yield DataTable(id="thread-entries", cursor_type="row", zebra_stripes=False)

    def on_mount(self) -> None:
        self.query_one("#thread-entries").display = False  # columns: once filled
        self.query_one("#threads-table").focus()
        self._read()
        if self._library_read():
            self._say("Linking the commitments… (the library is still being read)")
        if self.state is not None:
            self.watch(self.state, "generation", self.refresh_library, init=False)
            self.watch(self.state, "progress", self._progressed, init=False)

    def _library_read(self) -> bool:
        """Whether a refresh is reading the library (what is linked is of part of it)."""
        return self.state is not None and self.state.progress is not None

    def _progressed(self) -> None:
        """A refresh began (the count says it is of what is read so far) or ended
        (the threads of the whole library are read again; till then, it says so)."""
        if not self._listed:
            return
        if not self._library_read():
            if self.open_thread is None:
                self._say("Linking the commitments of the whole library…")
            self.refresh_library()
        elif self.open_thread is None:
            self._say_count()

    def refresh_library(self) -> None:
        """The library changed (a refresh landed): the threads again, and the one whose
        entries are shown as it is now."""
        self._read(self.open_thread.id if self.open_thread is not None else None)

    @work(thread=True, exclusive=True, group="threads", exit_on_error=False,
          description="Linking the commitments into threads")  # fmt: skip
    def _read(self, shown: str | None = None) -> _Read | None:
        """The threads of two entries or more (linked once per library state; the
        linking stops when the worker is cancelled: the screen left, the app quit),
        and the thread of id `shown` (its earlier ids find it: `Library.thread`)."""
        worker = get_current_worker()
        try:
            threads = self.library.threads(should_stop=lambda: worker.is_cancelled)
        except Cancelled:
            return None
        found = [t for t in threads if len(t.entries) > 1]
        rows = [_thread_row(at, thread) for at, thread in enumerate(found)]
        widths = _widths(COLUMNS["threads-table"], rows)
        again = self.library.thread(shown) if shown is not None else None
        return None if worker.is_cancelled else _Read(found, rows, widths, shown, again)

    @on(Worker.StateChanged)
    def _read_done(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "threads":
            return
        if event.state == WorkerState.ERROR:
            error = event.worker.error
            message = one_line(error) if error is not None else "cannot be read"
            if not isinstance(error, LibraryError):
                message = f"the threads cannot be read: {message}"
            self._say(message, error=True)
        elif event.state == WorkerState.SUCCESS and isinstance(event.worker.result, _Read):
            self._show_threads(event.worker.result)

    def _show_threads(self, read: _Read) -> None:
        table = self.query_one("#threads-table", DataTable)
        before = self.threads
        same = len(read.threads) == len(before) and all(
            new is old for new, old in zip(read.threads, before, strict=True)
        )  # the library's threads are kept objects: read again unchanged, the same ones
        if not same or not self._listed:
            at = table.cursor_row
            if 0 <= at < len(before):  # the cursor stays on its thread, where it is now
                key = before[at].id
                at = next((n for n, t in enumerate(read.threads) if t.id == key), at)
            self.threads = read.threads
            self._fill(table, read.rows, read.widths, at=max(min(at, len(read.rows) - 1), 0))
        self._listed = True
        shown = self.open_thread
        if shown is None:
            self._say_count()
            return
        if read.asked != shown.id:  # a thread opened while this was read: it too
            self._read(shown.id)
            return
        # The library changed while a thread's entries are shown: that thread as it is now.
        again = read.shown
        if again is None:
            self.action_back()
            self.notify("The thread shown is no longer one (its entries changed).", timeout=4)
            return
        entries = self.query_one("#thread-entries", DataTable)
        row = entries.cursor_row
        self.show_entries(again)
        entries.move_cursor(row=min(row, len(again.entries) - 1))

    def _say_count(self) -> None:
        count = len(self.threads)
        said = (f"{count:,} thread{'s' * (count != 1)} of two entries or more"
                if count else "no commitment recurs yet")  # fmt: skip
        if self._library_read():
            said += " so far · the library is still being read: counted again once it is"
        self._say(said)

    def _fill(
        self, table: DataTable[Text], rows: Sequence[_Cells], widths: list[int], at: int = 0
    ) -> None:
        """Put `rows` in `table`, its columns `widths` wide (`_widths`) with the long one
        fitted to the screen (`fitted`): the first `CHUNK` (or up to row `at`, where
        the cursor is put) at once, the rest a chunk after each refresh, so that a long
        list shows (and moves) at once."""
        table_id = table.id or ""
        self._fills[table_id] = fill = self._fills.get(table_id, 0) + 1
        self._filled[table_id] = rows, widths
        self._fitted_to = (self.size.width, self.size.height)
        shown = self._fit(table, len(rows), widths, LONG[table_id])
        table.clear(columns=True)
        for label, width in zip(COLUMNS[table_id], shown, strict=True):
            table.add_column(Text(label, overflow="ellipsis"), width=width)
        self._add_rows(table, rows, 0, fill, max(CHUNK, at + 1))
        if at:
            table.move_cursor(row=at, animate=False)

    def _fit(self, table: DataTable[Text], rows: int, widths: list[int], long: int) -> list[int]:
        """The columns' widths (`fitted`) in the inside of the box (as large as the
        screen, laid out or not yet), less a vertical scroll bar when the `rows` are
        more than the table shows (a row fewer when the columns are wider than the
        box: a horizontal scroll bar takes it). Cells past the edge would show in a
        scroll bar's place left empty."""
        box = self.query_one("#threads-box")
        width = self.size.width - box.styles.gutter.width
        height = self.size.height - box.styles.gutter.height - 2  # the heading, the titles
        padding = 2 * table.cell_padding
        shown = fitted(widths, long, width, padding)
        if sum(shown) + padding * len(shown) > width:
            height -= table.styles.scrollbar_size_horizontal
        if rows > height:
            shown = fitted(widths, long, width - table.styles.scrollbar_size_vertical, padding)
        return shown

    def on_resize(self) -> None:
        """Fit the tables to the new size (with the cursor where it was)."""
        if not self.is_mounted or (self.size.width, self.size.height) == self._fitted_to:
            return
        for table_id, (rows, widths) in list(self._filled.items()):
            table = self.query_one(f"#{table_id}", DataTable)
            self._fill(table, rows, widths, at=max(table.cursor_row, 0))

    def _add_rows(
        self, table: DataTable[Text], rows: Sequence[_Cells], start: int, fill: int,
        count: int = CHUNK,
    ) -> None:  # fmt: skip
        if self._fills.get(table.id or "") != fill:
            return  # the table was filled again since
        justify: list[JustifyMethod] = [
            "right" if label in RIGHT else "left" for label in COLUMNS[table.id or ""]
        ]
        for cells, key in rows[start : start + count]:
            texts = [
                Text(cell, justify=side, overflow="ellipsis")
                for cell, side in zip(cells, justify, strict=True)
            ]
            table.add_row(*texts, key=key)
        if start + count < len(rows):
            self.call_after_refresh(self._add_rows, table, rows, start + count, fill)

    def _say(self, message: str, *, error: bool = False) -> None:
        found = self.query_one("#threads-found", Label)
        found.update(Content(visible(message)))
        found.set_class(error, "-error")

    @on(DataTable.RowSelected, "#threads-table")
    def _thread_chosen(self, event: DataTable.RowSelected) -> None:
        chosen = next((t for t in self.threads if t.id == event.row_key.value), None)
        if chosen is not None:
            self.show_entries(chosen)

    def show_entries(self, thread: Thread) -> None:
        """Show `thread`'s entries instead of the list."""
        self.open_thread = thread
        sentences = self.library.thread_sentences([thread])
        table = self.query_one("#thread-entries", DataTable)

        def entry_row(at: int, entry: ThreadEntry) -> _Cells:
            said = sentences.get((entry.article_id, entry.start), "")
            return (
                _cell(entry.date.isoformat() if entry.date else "undated"), _cell(said),
                _cell(entry.stage or "–"), _cell("recurring" if entry.recurring else "new"),
                _cell(entry.kind),
            ), str(at)  # fmt: skip

        rows = [entry_row(at, entry) for at, entry in enumerate(thread.entries)]
        self._fill(table, rows, _widths(COLUMNS["thread-entries"], rows))
        self.query_one("#threads-table").display = False
        table.display = True
        table.focus()
        self._say_thread(thread)

    def _say_thread(self, thread: Thread) -> None:
        self._say(f"{thread.topic}: {thread.about} · {span(thread)} · "
                  f"{', '.join(thread.sides) or 'sides unknown'}")  # fmt: skip

    @on(DataTable.RowSelected, "#thread-entries")
    def _entry_chosen(self, event: DataTable.RowSelected) -> None:
        if self.open_thread is not None and event.row_key.value is not None:
            self.dismiss(self.open_thread.entries[int(event.row_key.value)])

    def action_write_brief(self) -> None:
        """The Markdown brief of the thread shown (or under the cursor) to a new file
        beside the notes file."""
        from tui.core.store import Library
        from tui.screens.briefing import write_thread_brief

        thread = self.open_thread
        if thread is None:
            table = self.query_one("#threads-table", DataTable)
            at = table.cursor_row
            thread = self.threads[at] if 0 <= at < len(self.threads) else None
        if thread is None or not isinstance(self.library, Library):
            self.notify("No thread to write a brief of.", timeout=2)
            return
        folder = self.state.briefs if self.state is not None else None
        write_thread_brief(self, self.library, thread, folder)

    def action_back(self) -> None:
        """From a thread's entries back to the list; from the list, close."""
        if self.open_thread is None:
            self.dismiss(None)
            return
        self.open_thread = None
        self.query_one("#thread-entries").display = False
        threads = self.query_one("#threads-table", DataTable)
        threads.display = True
        threads.focus()
        # Fitted again while hidden (a resize), it scrolled nowhere: to its cursor now.
        self.call_after_refresh(threads.move_cursor, row=threads.cursor_row)
        self._say_count()


class ThreadBrowsing:
    """The reader's Threads screen: the entry chosen opens in the reader, marked."""

    def __init__(self, reader: ReaderScreen, state: AppState) -> None:
        self.reader = reader
        self.state = state

    def browse(self) -> None:
        """Open the Threads screen."""
        library = self.state.library
        if library is None:
            self.reader.notify(self.state.not_open(), timeout=4)
            return
        self.reader.app.push_screen(ThreadsScreen(library, self.state), self._chosen)

    def _chosen(self, entry: ThreadEntry | None) -> None:
        if entry is None:
            return
        self.reader.go_to(entry.article_id, entry.start, entry.end)


def threads_keys(key_display: Callable[[Binding], str]) -> Sequence[tuple[str, str]]:
    """The rows of the help screen's "Threads screen" section."""
    return [
        ("enter", "Show the thread's entries; on an entry: open it in the reader"),
        *binding_rows(ThreadsScreen.BINDINGS, key_display),
    ]
