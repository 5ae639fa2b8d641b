"""The article list grouped by event: the articles of one event together, under a
heading that says what it was (kind, leaders, outlets and sides); the others as in
the plain list. Made from the events alone (ids and dates, no article read).

Events come newest first by their first report (oldest first: the reverse); the
reports of an event stay in the order they appeared. An event sits under the month
heading of its first report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Sequence

from tui.core.events import Event, Report

__all__ = ["EventListing", "Section", "event_label"]

Section = tuple[int | None, int | None, int, str | None]
"""(year, month, how many articles, the heading of their event or `None`)."""


def event_label(event: Event, reports: Sequence[Report] | None = None) -> str:
    """Two lines: `call · Tô Lâm – Xi Jinping`, `VNS (Việt Nam), Xinhua (China)`."""
    shown = event.reports if reports is None else reports
    outlets = ", ".join(dict.fromkeys(r.label() for r in shown))
    leaders = " – ".join(event.leaders) or "?"
    return f"{event.kind or 'contact'} · {leaders}\n{outlets}"


class EventListing:
    """The ids in grouped order, the sections the list's headings come from, and
    each id's position."""

    def __init__(self, ids: Sequence[str], sections: Sequence[Section]) -> None:
        self.ids = tuple(ids)
        self.sections = tuple(sections)
        self._positions = {article_id: at for at, article_id in enumerate(self.ids)}

    @classmethod
    def of(
        cls,
        events: Iterable[Event],
        *,
        oldest_first: bool = False,
        listed: Collection[str] | None = None,
    ) -> EventListing:
        """The listing of `events` (as `Library.events` gives them, newest first),
        narrowed to the ids `listed`; an event of which one listed article is left
        is listed as that article alone."""
        units = [_listed(event, listed) for event in events]
        ordered = [(event, reports) for event, reports in units if reports]
        if oldest_first:
            ordered.reverse()
        ids: list[str] = []
        sections: list[Section] = []
        for event, reports in ordered:
            year, month = _month(event.first)
            label = event_label(event, reports) if len(reports) > 1 else None
            ids.extend(r.id for r in reports)
            last = sections[-1] if sections else None
            if label is None and last is not None and last[3] is None and last[:2] == (year, month):
                sections[-1] = (year, month, last[2] + 1, None)
            else:
                sections.append((year, month, len(reports), label))
        return cls(ids, sections)

    def position(self, article_id: str) -> int | None:
        """Where `article_id` is listed; `None` when it is not."""
        return self._positions.get(article_id)

    def __len__(self) -> int:
        return len(self.ids)


def _listed(event: Event, listed: Collection[str] | None) -> tuple[Event, list[Report]]:
    if listed is None:
        return event, list(event.reports)
    return event, [r for r in event.reports if r.id in listed]


def _month(day: dt.date | None) -> tuple[int | None, int | None]:
    return (day.year, day.month) if day else (None, None)
