"""Where each heading and row of the article list sits, from the month counts alone.

The list is a column of lines: a year heading at each new year, a month heading at
each new month, and a fixed number of lines for each article. Knowing how many
articles each month has is enough to place every line, so the list can be laid out
for 100,000 articles without reading one of them.
"""

from __future__ import annotations

import calendar
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

Month = tuple[int | None, int | None, int]
"""(year, month, how many articles), `(None, None, n)` for the undated ones."""
Section = tuple[int | None, int | None, int, str | None]
"""A month's articles, or some of them, under the heading of their event (the list
grouped by event: `tui.core.event_list`); several sections may share one month."""


@dataclass(frozen=True, slots=True)
class Heading:
    """A year ("2025", "Undated"), month ("─ January") or event heading."""

    label: str
    is_year: bool
    is_event: bool = False


@dataclass(frozen=True, slots=True)
class _Group:
    line: int  # the group's first line (its first heading, else its first row)
    headings: tuple[Heading, ...]
    first: int  # the list position of its first article
    count: int


def _headings(year: int | None, month: int | None, before: Month | None) -> list[Heading]:
    """The headings a group of (year, month) needs after the group `before`."""
    if before is not None and (before[0], before[1]) == (year, month):
        return []
    headings = []
    if before is None or before[0] != year:
        headings.append(Heading(str(year) if year is not None else "Undated", is_year=True))
    if year is not None and month is not None:
        headings.append(Heading(f"─ {calendar.month_name[month]}", is_year=False))
    return headings


class ListLayout:
    """The lines of the list: `row_height` lines an article, one a heading."""

    def __init__(self, months: Iterable[Month | Section], row_height: int) -> None:
        self.row_height = row_height
        groups: list[_Group] = []
        line = first = 0
        before: Month | None = None
        for year, month, count, *event in months:
            if count <= 0:
                continue
            headings = tuple(_headings(year, month, before))
            if event and event[0]:  # an event's heading: a line a line of its label
                lines = event[0].splitlines()
                headings += tuple(Heading(text, is_year=False, is_event=True) for text in lines)
            groups.append(_Group(line, headings, first, count))
            line += len(headings) + count * row_height
            first += count
            before = (year, month, count)
        self._groups = groups
        self._lines = [group.line for group in groups]
        self._firsts = [group.first for group in groups]
        self.count = first
        """How many articles are listed."""
        self.height = line
        """How many lines the whole list takes."""

    def _group_of(self, position: int) -> _Group:
        return self._groups[bisect_right(self._firsts, position) - 1]

    def line_of(self, position: int) -> int:
        """The first line of the article at `position` (0 <= position < count)."""
        group = self._group_of(position)
        return group.line + len(group.headings) + (position - group.first) * self.row_height

    def top_of(self, position: int) -> int:
        """The line to show above the article at `position` to see what it is under:
        its headings when it is the first of its month, else its own first line."""
        group = self._group_of(position)
        return group.line if position == group.first else self.line_of(position)

    def at(self, line: int) -> Heading | tuple[int, int] | None:
        """What `line` shows: a heading, `(position, line within the row)`, or
        `None` past the end."""
        if not 0 <= line < self.height:
            return None
        group = self._groups[bisect_right(self._lines, line) - 1]
        offset = line - group.line
        if offset < len(group.headings):
            return group.headings[offset]
        row, within = divmod(offset - len(group.headings), self.row_height)
        return group.first + row, within

    def headings(self) -> list[Heading]:
        """Every heading, top to bottom."""
        return [heading for group in self._groups for heading in group.headings]
