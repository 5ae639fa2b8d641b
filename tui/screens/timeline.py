"""The timeline (`tui.core.timeline`): the corpus's events on a date axis, one lane
per leader pair (or, focused on a leader, per counterpart), a mark per kind of
contact, the density of each bin above (Textual's `Sparkline`). `enter` opens the
event's first report in the reader."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Sparkline, Static
from textual.worker import Worker, WorkerState, get_current_worker

from tui.core.controls import one_line, visible
from tui.core.timeline import ZOOMS, Timeline, Zoom
from tui.screens.leader_picker import LeaderPicker
from tui.widgets.timeline_grid import CELL, GLYPHS, TimelineGrid, kind_class

if TYPE_CHECKING:
    from tui.core.events import Event

__all__ = ["TimelineScreen", "Timelines", "axis", "show_timeline"]

DETAIL_EVENTS = 3
"""Events of a cell named under the grid (the one under the cursor first)."""

Where = tuple[Zoom, str | None, str, int, int]
"""The cursor's place: zoom, focus, lane name, bin and the event picked in it."""


class Timelines(Protocol):
    """What the screen reads (`Library`)."""

    def timeline(self, zoom: Zoom = "month", focus: str | None = None) -> Timeline: ...

    def leaders(self) -> dict[str, int]: ...


class TimelineScreen(Screen[str | None]):
    """Returns the id of the article to open (an event's first report), or `None`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Close", id="timeline.close"),
        Binding("plus,equals_sign", "zoom(1)", "Zoom in (year … week)", key_display="+",
                id="timeline.zoom_in"),
        Binding("minus", "zoom(-1)", "Zoom out", key_display="-", id="timeline.zoom_out"),
        Binding("f", "focus_leader", "Focus a leader / all pairs", id="timeline.focus"),
    ]  # fmt: skip

    def __init__(self, library: Timelines, focus: str | None = None, zoom: Zoom = "month") -> None:
        super().__init__()
        self.library = library
        self.focus_leader = focus
        self.zoom = zoom
        self.timeline: Timeline | None = None
        self._keep: tuple[str, dt.date] | None = None
        """The lane's name and the date to put the cursor back on after a zoom."""
        self._anchor: tuple[Where, dt.date] | None = None
        """Where the last zoom put the cursor and the date it kept: zooming again
        before the cursor moves keeps that date, not an event's or the start of the
        bin (the week of 1 January begins in December; a wider bin may hold an
        event of another month)."""
        self._made: dict[tuple[Zoom, str | None], Timeline] = {}
        """The timelines laid out so far (zooming back shows one at once)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="timeline-box") as box:
            box.border_subtitle = (
                "←→ events · ↑↓ lanes · n/p in a cell · +/- zoom · f focus · enter open · esc"
            )
            yield Static("", id="timeline-axis")
            with Horizontal(id="timeline-density-row"):
                yield Static("", id="timeline-peak")
                yield Sparkline([], id="timeline-density")
            yield TimelineGrid(id="timeline-grid")
            yield Static("Reading the events…", id="timeline-detail")
            yield Static(legend(), id="timeline-legend")

    def on_mount(self) -> None:
        self._lay_out()

    def _title(self, timeline: Timeline | None = None) -> None:
        """`Timeline · leader pairs · by month`, and once laid out how many events
        and lanes, and the undated ones left out."""
        whose = (
            f"{visible(self.focus_leader)}'s counterparts" if self.focus_leader else "leader pairs"
        )
        title = f"Timeline · {whose} · by {self.zoom}"
        if timeline is not None:
            events, lanes = timeline.events, len(timeline.lanes)
            title += (f" · {events:,} event{'s' * (events != 1)} in {lanes:,}"
                      f" lane{'s' * (lanes != 1)}")  # fmt: skip
            if timeline.undated:
                title += f" · {timeline.undated:,} undated left out"
        self.query_one("#timeline-box").border_title = title

    # Reading ---------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="timeline", exit_on_error=False,
          description="Laying out the timeline")  # fmt: skip
    def _build(self, zoom: Zoom, focus: str | None) -> Timeline | None:
        timeline = self.library.timeline(zoom, focus)
        return None if get_current_worker().is_cancelled else timeline

    @on(Worker.StateChanged)
    def _built(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "timeline":
            return
        detail = self.query_one("#timeline-detail", Static)
        if event.state == WorkerState.ERROR:
            detail.update(
                Content(f"Cannot lay out the timeline: {one_line(str(event.worker.error))}")
            )
            return
        timeline = event.worker.result
        if event.state != WorkerState.SUCCESS or not isinstance(timeline, Timeline):
            return
        if timeline.zoom != self.zoom or timeline.focus != self.focus_leader:
            return  # a later zoom or focus is on its way
        self._made[(timeline.zoom, timeline.focus)] = timeline
        self._show(timeline)

    def _lay_out(self) -> None:
        """Show the timeline of the zoom and focus asked for: at once when laid out
        before, else once a worker has."""
        self._title()
        made = self._made.get((self.zoom, self.focus_leader))
        if made is None:
            self._build(self.zoom, self.focus_leader)
        else:
            self._show(made)

    def _show(self, timeline: Timeline) -> None:
        self.timeline = timeline
        self._title(timeline)
        lane, index, pick = 0, None, 0
        kept = self._keep
        if kept is not None:
            name, day = kept
            lane = next((i for i, x in enumerate(timeline.lanes) if x.name == name), 0)
            index = timeline.index_of(day) if timeline.bins else None
            if index is not None and timeline.lanes:
                pick = kept_event(timeline.lanes[lane].cells.get(index, ()), day)
            self._keep = None
        grid = self.query_one(TimelineGrid)
        grid.show(timeline, lane, index, pick)
        grid.focus()
        self._moved()  # the axis and the detail at once, not after the grid's message
        where = self._where()
        self._anchor = (where, kept[1]) if kept is not None and where is not None else None

    def _where(self) -> Where | None:
        """The zoom, focus, lane, bin and event the cursor is on."""
        grid = self.query_one(TimelineGrid)
        lane = grid.current_lane()
        if lane is None:
            return None
        return (self.zoom, self.focus_leader, lane.name, grid.index, grid.pick)

    # Keys ------------------------------------------------------------------------------

    def action_zoom(self, offset: int) -> None:
        """A bin a step narrower (`+`: towards weeks) or wider, the cursor kept on its
        lane and date."""
        at = ZOOMS.index(self.zoom) + offset
        if not 0 <= at < len(ZOOMS) or self.timeline is None:
            return
        grid = self.query_one(TimelineGrid)
        lane, event = grid.current_lane(), grid.event()
        if lane is not None and self.timeline.bins:
            anchor = self._anchor
            if anchor is not None and anchor[0] == self._where():
                day = anchor[1]  # the cursor has not moved since the last zoom
            else:
                day = (event.first if event is not None else None) or self.timeline.start(
                    grid.index
                )
            self._keep = (lane.name, day)
        self.zoom = ZOOMS[at]
        self._lay_out()

    def action_focus_leader(self) -> None:
        """Pick a leader to see their counterparts' lanes; focused: every pair again."""
        if self.focus_leader is not None:
            self._focus(None)
            return
        leaders = self.library.leaders()
        if not leaders:
            self.notify("No leaders found yet.", timeout=2)
            return
        lane = self.query_one(TimelineGrid).current_lane()
        current = lane.leaders[0] if lane is not None and lane.leaders else None
        self.app.push_screen(LeaderPicker(leaders, current, everyone=False), self._focus)

    def _focus(self, name: str | None) -> None:
        if name is None and self.focus_leader is None:
            return  # the picker closed
        self.focus_leader = name or None
        self._lay_out()

    # Showing where the cursor is -------------------------------------------------------

    @on(TimelineGrid.Moved)
    def _moved(self) -> None:
        if self._anchor is not None and self._anchor[0] != self._where():
            self._anchor = None  # moved: a zoom keeps the new cell's date
        grid = self.query_one(TimelineGrid)
        timeline = grid.timeline
        if timeline is None:
            return
        first, shown = grid.window()
        names = grid.names()
        self.query_one("#timeline-axis", Static).update(
            axis(timeline, first, shown, names, grid.index)
        )
        density = timeline.density[first : first + shown]
        spark = self.query_one("#timeline-density", Sparkline)
        spark.styles.width = len(density) * CELL
        # A bin's columns: its count under the mark and digits, nothing under the gap.
        spark.data = [float(v) for n in density for v in (*(n,) * (CELL - 1), 0)]
        peak = self.query_one("#timeline-peak", Static)
        peak.styles.width = names
        peak.update(Content(f"events\npeak {max(density, default=0)}"))
        self.query_one("#timeline-detail", Static).update(detail(timeline, grid))

    @on(TimelineGrid.Opened)
    def _open(self, message: TimelineGrid.Opened) -> None:
        message.stop()
        self.dismiss(message.event.reports[0].id if message.event.reports else None)


def kept_event(cell: Sequence[Event], day: dt.date) -> int:
    """Of the events of a cell (oldest first), the one a zoom keeping `day` lands on:
    the one that day is in, else the first after it, else the last."""
    for at, event in enumerate(cell):
        if event.first is not None and day <= (event.last or event.first):
            return at
    return max(len(cell) - 1, 0)


def legend() -> Content:
    """`● visit  ◆ talks …`, each mark in its colour."""
    parts: list[Content] = []
    for kind, glyph in GLYPHS.items():
        style = "$" + kind_class(kind).replace("--", "-")
        parts.append(Content.assemble((glyph, style), f" {kind or 'not told'}"))
    return Content("  ").join(parts)


def axis(timeline: Timeline, first: int, shown: int, names: int, cursor: int) -> Content:
    """Two lines over the bins `first`.. (`shown` of them, after `names` columns):
    the years (a week's months) where they begin, and each bin's month, quarter or
    day; the cursor's bin stands out."""
    last = min(first + shown, timeline.bins)
    labels = [(index, timeline.major(index)) for index in range(first, last)]
    if labels and labels[0][1] is None:  # the first bin shown carries its year over
        room = next((i - first for i, label in labels if label), shown) * CELL - 2
        labels[0] = (first, carried(timeline.major(first, first_shown=True) or "", room))
    upper, lower = [" " * names], [Content(" " * names)]
    end = names
    for index, label in labels:
        x = names + (index - first) * CELL
        if label and x >= end:
            upper.append(" " * (x - end) + label)
            end = x + len(label) + 1
            upper.append(" ")
        minor = timeline.minor(index).ljust(CELL)[:CELL]
        lower.append(Content.styled(minor, "reverse" if index == cursor else "dim"))
    width = names + max(last - first, 0) * CELL
    top = "".join(upper)[:width]  # a label begun in the last bin is cut, not wrapped
    return Content(top).append("\n").append(Content("").join(lower))


def carried(label: str, room: int) -> str | None:
    """The label carried over to the first bin shown, in the `room` before the next
    label begins (two spaces kept between them, or `Nov Dec 2024` reads as one): its
    first words that fit (`Jul` of `Jul 2024`), or none, so that it never hides
    where the next year (or month) begins."""
    words = label.split(" ")
    while words and len(" ".join(words)) > room:
        words.pop()
    return " ".join(words) or None


def detail(timeline: Timeline, grid: TimelineGrid) -> Content:
    """The cursor's lane and bin, and the events of the cell (the one under the
    cursor marked `▸`): date, kind, leaders, outlets."""
    lane, cell = grid.current_lane(), grid.cell()
    if lane is None:
        left = f" · {timeline.undated:,} undated left out" if timeline.undated else ""
        return Content(f"No dated event to show{left}.")
    head = f"{lane.name} · {timeline.label(grid.index)} · "
    if not cell:
        head += f"nothing here ({lane.events:,} in the lane) · enter: the nearest"
        return Content(one_line(head))
    head += f"{len(cell)} event{'s' * (len(cell) != 1)}"
    lines = [Content(one_line(head))]
    pick = min(grid.pick, len(cell) - 1)
    order = [*range(pick, len(cell)), *range(pick)][:DETAIL_EVENTS]
    for at in order:
        marker = "▸ " if at == pick else "  "
        lines.append(Content.assemble(marker, event_line(cell[at])))
    if len(cell) > DETAIL_EVENTS:
        lines.append(Content.styled(f"  {len(cell) - DETAIL_EVENTS} more: n / p", "dim"))
    return Content("\n").join(lines)


def event_line(event: Event) -> Content:
    """`2025-01-15..16  call  Tô Lâm – Xi Jinping  VNS, Xinhua`."""
    first, last = event.first, event.last
    when = first.isoformat() if first else "undated"
    if first and last and last != first:
        when += ".." + (
            last.isoformat()[8:] if last.isoformat()[:8] == when[:8] else last.isoformat()
        )
    leaders = " – ".join(event.leaders) or "no leader named"
    outlets = ", ".join(event.outlets) or "outlet not told"
    return Content(one_line(f"{when}  {event.kind or 'contact'}  {leaders}  {outlets}"))


def show_timeline(
    app: App[Any],
    library: Timelines | None,
    focus: str | None,
    open_article: Callable[[str], object],
) -> None:
    """Push the timeline (`focus`: a leader's); the article chosen there is given to
    `open_article`."""
    if library is None:
        app.notify("The library is still being opened.", timeout=2)
        return

    def chosen(article_id: str | None) -> None:
        if article_id is not None:
            open_article(article_id)

    app.push_screen(TimelineScreen(library, focus), chosen)
