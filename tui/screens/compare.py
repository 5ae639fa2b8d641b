"""The Compare screen: two readouts side by side, aligned sentence by sentence.

Pairs that say the same thing stand on one row; a sentence only one readout has
stands against an empty cell, tinted `$compare-only-first` or `$compare-only-second`.
Each cell lists the commitments in it and how the other readout reports them.
`]`/`[` (or `n`/`p`) step through the differences, `←`/`→` (or `tab`) choose a
column, `enter` opens that article at that sentence. The comparison is made in a
worker (`Library.compare`); the screen only renders it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import get_current_worker

from tui.core.compare import Comparison, Item, Reported, Row, Side, counterpart
from tui.core.corpus import Article
from tui.core.store import Library
from tui.core.text import visible
from tui.screens.compare_picker import ComparePicker
from tui.widgets.highlights import kind_style
from tui.widgets.keys_footer import KeysFooter

__all__ = ["CompareScreen", "Place", "cell_content", "start_compare"]

Place = tuple[str, int, int]
"""An article id and a passage in it: where `enter` asks the reader to go."""


def _commitment(reported: Reported) -> Content:
    commitment = reported.commitment
    said = f"◆ {commitment.kind} · {', '.join(commitment.actors) or '?'}"
    if not reported.reported:
        other = " — not in the other"
    elif reported.kind is None:
        other = " — in the other, not as a commitment"
    else:
        other = f" — other: {reported.kind} · {', '.join(reported.actors) or '?'}"
    return Content.assemble((visible(said), kind_style(commitment.kind)), (visible(other), "dim"))


def cell_content(item: Item | None) -> Content:
    """A cell: the sentence(s) as plain text, then one line a commitment."""
    if item is None:
        return Content("")
    lines = [Content(visible(item.text))]
    lines += [_commitment(reported) for reported in item.commitments]
    return Content("\n").join(lines)


def _heading(side: Side) -> Content:
    date = side.date.isoformat() if side.date else "undated"
    return Content.assemble(
        (visible(side.source or side.id), "bold"), f"  {date}  ", visible(side.title)
    )


class CompareRow(Horizontal):
    """One row: the first's cell, the similarity, the second's cell."""

    def __init__(self, row: Row) -> None:
        kind = "-both" if not row.is_difference else "-only-first" if row.first else "-only-second"
        super().__init__(classes=f"compare-row {kind}")
        self.row = row

    def compose(self) -> ComposeResult:
        row = self.row
        gap = f"{row.similarity:.2f}" if row.similarity is not None else "◀" if row.first else "▶"
        yield Static(cell_content(row.first), classes="cell -first")
        yield Static(Content(gap), classes="gap")
        yield Static(cell_content(row.second), classes="cell -second")


class CompareScreen(Screen[Place | None]):
    """Two readouts side by side; dismissed with the place to open, or `None`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "dismiss(None)", "Back", id="compare.back"),
        Binding("right_square_bracket,n", "difference(1)", "Next difference",
                key_display="]", id="compare.next"),
        Binding("left_square_bracket,p", "difference(-1)", "Previous difference",
                key_display="[", id="compare.previous"),
        Binding("down,j", "move(1)", "Down", show=False, id="compare.down"),
        Binding("up,k", "move(-1)", "Up", show=False, id="compare.up"),
        Binding("left,h", "column(0)", "First", show=False, id="compare.first"),
        Binding("right,l", "column(1)", "Second", show=False, id="compare.second"),
        Binding("tab", "other_column", "Other column", id="compare.column"),
        Binding("enter", "open", "Open here", id="compare.open"),
        Binding("o", "pick", "Compare with another", id="compare.other"),
        Binding("w", "write_brief", "Write brief", id="compare.brief"),
    ]  # fmt: skip

    cursor: var[int] = var(0, init=False)
    """The row under the cursor."""

    column: var[int] = var(0, init=False)
    """The column `enter` opens: 0 the first article, 1 the second."""

    class Compared(Message):
        """The worker made the comparison (`None`: an article is gone)."""

        def __init__(self, comparison: Comparison | None) -> None:
            super().__init__()
            self.comparison = comparison

    class NoCounterpart(Message):
        """No other article reports the first's event: one is to be picked."""

    def __init__(
        self,
        library: Library,
        first: Article,
        second: str | None = None,
        *,
        pick: bool = False,
        briefs: Path | None = None,
    ) -> None:
        """Compare `first` with `second`; with `None`, with the other side's report of
        its event (`Library.event_of`), else one picked; `pick`: pick it at once.
        `briefs`: the folder `w` writes briefs to (`None`: the working folder)."""
        super().__init__()
        self.library = library
        self.first = first
        self.second = second
        self.pick = pick
        self.briefs = briefs or Path()
        self.comparison: Comparison | None = None
        self.rows: list[Row] = []

    def compose(self) -> ComposeResult:
        yield Static("Comparing…", id="compare-summary")
        with Horizontal(id="compare-headings"):
            yield Static(id="heading-first")
            yield Static("", classes="gap")
            yield Static(id="heading-second")
        yield VerticalScroll(id="compare-rows")
        yield KeysFooter()

    def on_mount(self) -> None:
        if self.pick:
            self._pick()
        else:
            self._compare(self.second)

    @work(thread=True, exclusive=True, description="Comparing two readouts")
    def _compare(self, second: str | None) -> None:
        if second is None:
            event = self.library.event_of(self.first.id)
            second = counterpart(event, self.first.id) if event is not None else None
        if get_current_worker().is_cancelled:
            return
        if second is None:
            self.post_message(self.NoCounterpart())
            return
        comparison = self.library.compare(self.first.id, second)
        if not get_current_worker().is_cancelled:
            self.post_message(self.Compared(comparison))

    @on(NoCounterpart)
    def _no_counterpart(self) -> None:
        self.notify("No other article reports this event: pick one to compare with.", timeout=3)
        self._pick()

    def _pick(self) -> None:
        self.query_one("#compare-summary", Static).update("Choose the article to compare with…")
        picker = ComparePicker(self.library, self.first.id, self.first.date)
        self.app.push_screen(picker, self._picked)

    def action_pick(self) -> None:
        """Compare the first article with another one, picked."""
        self._pick()

    def _picked(self, other: str | None) -> None:
        if other is None:
            if self.comparison is None:  # nothing to show: back to the reader
                self.dismiss(None)
            else:
                self._show_summary()
        else:
            self.query_one("#compare-summary", Static).update("Comparing…")
            self._compare(other)

    @on(Compared)
    async def _show(self, event: Compared) -> None:
        comparison = self.comparison = event.comparison
        summary = self.query_one("#compare-summary", Static)
        if comparison is None:
            summary.update("One of the two articles is no longer in the library.")
            return
        self._show_summary()
        self.query_one("#heading-first", Static).update(_heading(comparison.first))
        self.query_one("#heading-second", Static).update(_heading(comparison.second))
        self.rows = comparison.rows()
        rows = self.query_one("#compare-rows", VerticalScroll)
        await rows.remove_children()
        await rows.mount_all(CompareRow(row) for row in self.rows)
        rows.focus()
        self.cursor = self.column = 0
        self._place_cursor()

    def _show_summary(self) -> None:
        if self.comparison is not None:
            summary = self.query_one("#compare-summary", Static)
            summary.update(Content(visible(self.comparison.summary())))

    def _row_widgets(self) -> list[CompareRow]:
        return list(self.query(CompareRow))

    def _place_cursor(self) -> None:
        widgets = self._row_widgets()
        for index, widget in enumerate(widgets):
            here = index == self.cursor
            widget.set_class(here, "-cursor")
            widget.query_one(".-first").set_class(here and self.column == 0, "-chosen")
            widget.query_one(".-second").set_class(here and self.column == 1, "-chosen")
        if 0 <= self.cursor < len(widgets):
            widgets[self.cursor].scroll_visible(animate=False)

    def watch_cursor(self) -> None:
        self._place_cursor()

    def watch_column(self) -> None:
        self._place_cursor()

    def action_move(self, step: int) -> None:
        if self.rows:
            self.cursor = max(0, min(len(self.rows) - 1, self.cursor + step))

    def action_difference(self, step: int) -> None:
        """The next (or previous) row that only one readout has."""
        at = self.cursor + step
        while 0 <= at < len(self.rows):
            row = self.rows[at]
            if row.is_difference:
                self.cursor = at
                self.column = 0 if row.first is not None else 1
                return
            at += step
        self.notify("No more differences that way.", timeout=2)

    def action_column(self, column: int) -> None:
        self.column = column

    def action_other_column(self) -> None:
        self.column = 1 - self.column

    def action_open(self) -> None:
        """Open the chosen column's article at the row's sentence."""
        if not self.rows or self.comparison is None:
            return
        row = self.rows[self.cursor]
        item = row.first if self.column == 0 else row.second
        side = self.comparison.first if self.column == 0 else self.comparison.second
        if item is None:
            self.notify("Nothing in this column here: the other readout alone says it.")
            return
        self.dismiss((side.id, item.start, item.pieces[0].end))

    def commands(self) -> Iterator[tuple[str, str, Callable[[], object]]]:
        """The palette's commands on this screen: (title, help, callback)."""
        folder = self.briefs.resolve()
        yield ("Write brief", f"The comparison as Markdown, to a new file in {folder} (w)",
               self.action_write_brief)  # fmt: skip
        yield ("Compare with another", "Pick the second article (o)", self.action_pick)

    def action_write_brief(self) -> None:
        """Write the comparison's Markdown brief to a new file in `briefs`."""
        if self.comparison is None:
            self.notify("Nothing compared yet: no brief to write.", timeout=2)
            return
        self._write_brief(self.comparison)

    def _write_brief(self, comparison: Comparison) -> None:
        from tui.screens.briefing import write_brief_from

        def made() -> tuple[str, str]:
            from tui.core.brief import brief_markdown, brief_name

            event = self.library.event_of(comparison.first.id)
            ids = {report.id for report in event.reports} if event else set()
            if not {comparison.first.id, comparison.second.id} <= ids:
                event = None
            return brief_name(comparison, event), brief_markdown(comparison, event)

        write_brief_from(self, made, self.briefs)


def start_compare(
    app: App[object],
    library: Library | None,
    article: Article | None,
    go_to: Callable[[str, int, int], None],
    *,
    pick: bool = False,
    briefs: Path | None = None,
) -> None:
    """Compare `article` with the other side's report of its event (`pick`, or no
    such report: with an article picked), and `go_to` the place chosen there (the
    reader's `v`; the palette's "Compare with…" picks); `briefs`: where `w` writes."""
    if library is None or article is None:
        app.notify("No article is open.", timeout=2)
        return

    def opened(place: Place | None) -> None:
        if place is not None:
            go_to(*place)

    app.push_screen(CompareScreen(library, article, pick=pick, briefs=briefs), opened)
