"""The timeline's lanes (`tui.core.timeline`): one row a lane, its name then one cell
a bin, drawn line by line (hundreds of lanes at 10,000 articles: only the rows on
screen are drawn), with a cursor on one cell and one event of it."""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding, BindingType
from textual.events import Click, Resize
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.core.events import Event
from tui.core.text import visible
from tui.core.timeline import Lane, Timeline, mark_of

__all__ = ["CELL", "GLYPHS", "TimelineGrid", "cell_text", "kind_class", "name_width"]

CELL = 4
"""Columns a bin takes: the mark, up to three digits of its count."""

GLYPHS = {
    "visit": "●", "talks": "◆", "conference": "▲", "call": "○", "message": "◇",
    "statement": "■", "announcement": "□", "": "•",
}  # fmt: skip
"""The mark of each kind of contact (`""`: a kind not told)."""

EMPTY = "·"


def kind_class(kind: str) -> str:
    """The component class colouring a kind's mark (`$timeline-…` in the themes)."""
    shown = kind if kind in ("visit", "talks", "call", "message") else "other"
    return f"timeline--{shown}"


def cell_text(events: tuple[Event, ...]) -> tuple[str, str]:
    """A cell's text (`●`, `◆12`) padded to `CELL`, and its kind."""
    mark = mark_of(events)
    count = "" if mark.count < 2 else str(min(mark.count, 999))
    return f"{GLYPHS.get(mark.kind, GLYPHS[''])}{count}".ljust(CELL), mark.kind


def name_width(width: int) -> int:
    """Columns for the lanes' names out of `width`."""
    return min(28, max(10, width // 5))


def fit(text: str, width: int) -> str:
    """`text` cut (with `…`) or padded to `width` cells."""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)


class TimelineGrid(ScrollView, can_focus=True):
    """The lanes. The cursor is on a lane and a bin, and on one event of the cell.

    | Key | Does |
    | :- | :- |
    | left/h, right/l | the previous / next cell with events in the lane |
    | up/k, down/j | the lane above / below (same bin) |
    | n, p | the next / previous event of the cell |
    | enter | open the event (an empty cell: to the nearest event first) |

    Component classes: `timeline--visit`, `--talks`, `--call`, `--message`, `--other`
    (the marks, `$timeline-…` in the themes), `--empty` (a bin with no event),
    `--name` / `--cursor-lane` (the lanes' names), `--cursor` (the cursor's cell).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left,h", "step(-1)", "Previous event", id="timeline.left"),
        Binding("right,l", "step(1)", "Next event", id="timeline.right"),
        Binding("up,k", "lane(-1)", "Lane above", id="timeline.up"),
        Binding("down,j", "lane(1)", "Lane below", id="timeline.down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="timeline.page_up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="timeline.page_down"),
        Binding("home,g", "ends(-1)", "First lane", show=False, id="timeline.first"),
        Binding("end,G", "ends(1)", "Last lane", show=False, id="timeline.last"),
        Binding("n", "pick(1)", "Next event of the cell", id="timeline.next"),
        Binding("p", "pick(-1)", "Previous event of the cell", id="timeline.previous"),
        Binding("enter", "open", "Open the event", id="timeline.open"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "timeline--visit", "timeline--talks", "timeline--call", "timeline--message",
        "timeline--other", "timeline--empty", "timeline--name", "timeline--cursor",
        "timeline--cursor-lane",
    }  # fmt: skip

    DEFAULT_CSS = """
    TimelineGrid {
        height: 1fr;
        & > .timeline--visit { color: $timeline-visit; }
        & > .timeline--talks { color: $timeline-talks; }
        & > .timeline--call { color: $timeline-call; }
        & > .timeline--message { color: $timeline-message; }
        & > .timeline--other { color: $timeline-other; }
        & > .timeline--empty { color: $text-disabled; }
        & > .timeline--name { color: $text-muted; }
        & > .timeline--cursor-lane { color: $text; text-style: bold; }
        & > .timeline--cursor { background: $cursor; text-style: bold; }
        &:focus > .timeline--cursor { background: $primary 60%; }
    }
    """

    class Moved(Message):
        """The cursor moved, or the bins shown changed (scrolled, resized)."""

    class Opened(Message):
        """`enter` on an event."""

        def __init__(self, event: Event) -> None:
            super().__init__()
            self.event = event

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.timeline: Timeline | None = None
        self.lane = 0
        """The cursor's lane (index in `timeline.lanes`)."""
        self.index = 0
        """The cursor's bin."""
        self.pick = 0
        """The event of the cell under the cursor (oldest first)."""
        self._styles: dict[str, Style] = {}
        """Each component class's style (forgotten when the styles change)."""

    # Data down -------------------------------------------------------------------------

    def show(
        self, timeline: Timeline, lane: int = 0, index: int | None = None, pick: int = 0
    ) -> None:
        """Draw `timeline`, the cursor on `lane` at bin `index` (`None`: its newest),
        on the cell's event `pick`."""
        self.timeline = timeline
        self.lane = min(max(lane, 0), max(len(timeline.lanes) - 1, 0))
        found = self.current_lane()
        newest = found.filled[-1] if found is not None and found.filled else 0
        self.index = newest if index is None else min(max(index, 0), max(timeline.bins - 1, 0))
        self.pick = min(max(pick, 0), max(len(self.cell()) - 1, 0))
        self._resize_virtual()
        self._reveal()
        self.refresh()
        self.post_message(self.Moved())

    def current_lane(self) -> Lane | None:
        lanes = self.timeline.lanes if self.timeline else ()
        return lanes[self.lane] if 0 <= self.lane < len(lanes) else None

    def cell(self) -> tuple[Event, ...]:
        """The events of the cell under the cursor (oldest first)."""
        lane = self.current_lane()
        return lane.cells.get(self.index, ()) if lane is not None else ()

    def event(self) -> Event | None:
        """The event the cursor is on."""
        cell = self.cell()
        return cell[min(self.pick, len(cell) - 1)] if cell else None

    def names(self) -> int:
        """The width of the names column."""
        return name_width(self.scrollable_content_region.width)

    def window(self) -> tuple[int, int]:
        """The first bin shown and how many are."""
        shown = max((self.scrollable_content_region.width - self.names()) // CELL, 1)
        return int(self.scroll_offset.x) // CELL, shown

    # Drawing ---------------------------------------------------------------------------

    def _resize_virtual(self) -> None:
        """As wide as the bins not shown, in whole bins: scrolled to the end, the last
        bin is shown whole."""
        timeline = self.timeline
        bins, lanes = (timeline.bins, len(timeline.lanes)) if timeline else (0, 0)
        _, shown = self.window()
        width = self.scrollable_content_region.width + max(bins - shown, 0) * CELL
        self.virtual_size = Size(width, lanes)

    def on_resize(self, _: Resize) -> None:
        self._resize_virtual()
        self._reveal()
        self.post_message(self.Moved())

    def watch_scroll_x(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_x(old_value, new_value)
        if int(old_value) // CELL != int(new_value) // CELL:
            self.post_message(self.Moved())

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        number = self.scroll_offset.y + y
        timeline = self.timeline
        if timeline is None or number >= len(timeline.lanes):
            return Strip.blank(width, self._style("timeline--empty").background_style)
        lane, names = timeline.lanes[number], self.names()
        here = number == self.lane
        name_style = "timeline--cursor-lane" if here else "timeline--name"
        segments = [Segment(fit(visible(lane.name), names - 1) + " ", self._style(name_style))]
        first, shown = self.window()
        for index in range(first, min(first + shown, timeline.bins)):
            found = lane.cells.get(index)
            text, kind = cell_text(found) if found else (EMPTY.ljust(CELL), "")
            style = self._style(kind_class(kind) if found else "timeline--empty")
            if here and index == self.index:  # the mark keeps its colour
                cursor = self._style("timeline--cursor")
                style += Style(bgcolor=cursor.bgcolor, bold=cursor.bold)
            segments.append(Segment(text, style))
        return Strip(segments).adjust_cell_length(width, self._style("timeline--empty"))

    def _style(self, component: str) -> Style:
        found = self._styles.get(component)
        if found is None:
            found = self._styles[component] = self.rich_style + self.get_component_rich_style(
                component
            )
        return found

    def notify_style_update(self) -> None:
        self._styles.clear()
        super().notify_style_update()

    # Moving ----------------------------------------------------------------------------

    def _move(self, lane: int, index: int, pick: int = 0) -> None:
        rows = [self.lane, lane]
        self.lane, self.index, self.pick = lane, index, pick
        self._reveal()
        for row in rows:
            self.refresh_line(row)
        self.post_message(self.Moved())

    def _reveal(self) -> None:
        """Scroll so that the cursor's cell is shown."""
        first, shown = self.window()
        x: float | None = None
        if self.index < first:
            x = self.index * CELL
        elif self.index >= first + shown:
            x = (self.index - shown + 1) * CELL
        top, height = self.scroll_offset.y, self.scrollable_content_region.height
        y: float | None = None
        if self.lane < top:
            y = self.lane
        elif height and self.lane >= top + height:
            y = self.lane - height + 1
        if x is not None or y is not None:
            # forced: a grid just made wider has no scroll bar yet, which a scroll needs
            self.scroll_to(x, y, animate=False, immediate=True, force=True)
            self.refresh()

    def on_click(self, event: Click) -> None:
        """A click puts the cursor on the cell; a double click opens its event."""
        timeline = self.timeline
        lane, column = self.scroll_offset.y + event.y, event.x - self.names()
        if timeline is None or column < 0 or not 0 <= lane < len(timeline.lanes):
            return
        index = self.window()[0] + column // CELL
        if index < timeline.bins:
            self._move(lane, index)
            if event.chain >= 2:
                self.action_open()

    def action_step(self, offset: int) -> None:
        lane = self.current_lane()
        found = lane.step(self.index, offset) if lane is not None else None
        if found is None:
            self.app.bell()
            return
        self._move(self.lane, found)

    def action_lane(self, offset: int) -> None:
        count = len(self.timeline.lanes) if self.timeline else 0
        lane = min(max(self.lane + offset, 0), max(count - 1, 0))
        if lane != self.lane:
            self._move(lane, self.index)

    def action_page(self, offset: int) -> None:
        self.action_lane(offset * max(self.scrollable_content_region.height - 1, 1))

    def action_ends(self, offset: int) -> None:
        self.action_lane(offset * len(self.timeline.lanes) if self.timeline else 0)

    def action_pick(self, offset: int) -> None:
        cell = self.cell()
        if len(cell) > 1:
            self._move(self.lane, self.index, (self.pick + offset) % len(cell))

    def action_open(self) -> None:
        """Open the event under the cursor; on an empty cell, go to the nearest."""
        event = self.event()
        if event is not None:
            self.post_message(self.Opened(event))
            return
        lane = self.current_lane()
        nearest = lane.nearest(self.index) if lane is not None else None
        if nearest is not None:
            self._move(self.lane, nearest)
