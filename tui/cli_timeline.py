"""`readout timeline`: every dated event on a date axis, one lane per leader pair (or,
with `--leader`, per counterpart of that leader), each cell its weightiest kind of
contact and how many events began in it (`tui.core.timeline`)."""

from __future__ import annotations

import argparse
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from tui.core.controls import one_line

if TYPE_CHECKING:
    from tui.core.config import Config
    from tui.core.timeline import Lane, Timeline

__all__ = ["add_timeline_parser"]

ZOOMS = ("year", "quarter", "month", "week")
CSV_FIELDS = ("lane", "bin", "start", "mark", "count", "events")


def add_timeline_parser(
    commands: argparse._SubParsersAction[Any], common: Sequence[argparse.ArgumentParser]
) -> None:
    """Add `readout timeline` to the subcommands."""
    timeline = commands.add_parser(
        "timeline", parents=list(common), help="every event on a date axis, by leader pair",
        description="Every dated event of the corpus on a date axis cut into years, "
        "quarters, months or weeks: one lane per pair of leaders (most events first), or "
        "with --leader one lane per leader they met or spoke with; each cell its "
        "weightiest kind of contact (visit, talks, conference, call, message, statement, "
        "announcement) and how many events began in it.",
    )  # fmt: skip
    timeline.add_argument("--leader", metavar="NAME", help="one lane per counterpart of NAME")
    timeline.add_argument("--by", choices=ZOOMS, default="month", help="the bins (month)")
    shape = timeline.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help="print JSON")
    shape.add_argument("--csv", action="store_true", help="print CSV: one row per cell")
    timeline.set_defaults(handler=cmd_timeline)


def cmd_timeline(args: argparse.Namespace, config: Config, out: TextIO) -> int:
    """`readout timeline`: the lanes and their cells, as lines, JSON or CSV."""
    from tui.cli_corrections import corrected
    from tui.cli_io import UserError, print_csv, print_json
    from tui.cli_leader import named_leader
    from tui.cli_library import opened

    if args.leader is not None and not args.leader.strip():
        raise UserError("--leader needs a name")
    with opened(config, corrected(config)) as library:
        focus = named_leader(library, args.leader) if args.leader is not None else None
        timeline = library.timeline(args.by, focus)
    if args.json:
        print_json(timeline_dict(timeline), out)
    elif args.csv:
        print_csv(CSV_FIELDS, _cells(timeline), out)
    else:
        for line in timeline_lines(timeline):
            print(line, file=out)
    return 0


def _cell_dicts(timeline: Timeline, lane: Lane) -> list[dict[str, object]]:
    from tui.core.timeline import mark_of

    return [
        {
            "bin": timeline.label(index),
            "start": timeline.start(index).isoformat(),
            "mark": mark_of(events).kind,
            "events": [event.id for event in events],
        }
        for index, events in lane.cells.items()
    ]


def timeline_dict(timeline: Timeline) -> dict[str, object]:
    """What `readout timeline --json` prints."""
    return {
        "by": timeline.zoom,
        "leader": timeline.focus,
        "bins": [
            {"bin": timeline.label(i), "start": timeline.start(i).isoformat(), "events": n}
            for i, n in enumerate(timeline.density)
        ],
        "lanes": [
            {"name": lane.name, "leaders": list(lane.leaders), "cells": _cell_dicts(timeline, lane)}
            for lane in timeline.lanes
        ],
        "undated": timeline.undated,
    }


def _cells(timeline: Timeline) -> Iterator[list[object]]:
    for lane in timeline.lanes:
        for cell in _cell_dicts(timeline, lane):
            events = cell["events"]
            assert isinstance(events, list)
            yield [lane.name, cell["bin"], cell["start"], cell["mark"], len(events), events]


def timeline_lines(timeline: Timeline) -> list[str]:
    """A line of totals, then a lane a line: its name, how many events, and each cell
    with events as `2025-01 call` (`×2` when more than one)."""
    from tui.core.timeline import mark_of

    busiest = max(range(timeline.bins), key=timeline.density.__getitem__, default=None)
    head = f"{timeline.events} events in {len(timeline.lanes)} lanes"
    if busiest is not None and timeline.bins:
        head += (f", {timeline.label(0)} … {timeline.label(timeline.bins - 1)}; busiest "
                 f"{timeline.label(busiest)} ({timeline.density[busiest]})")  # fmt: skip
    if timeline.undated:
        head += f"; {timeline.undated} undated left out"
    lines = [head]
    for lane in timeline.lanes:
        cells = []
        for index, events in lane.cells.items():
            mark = mark_of(events)
            count = f"×{mark.count}" if mark.count > 1 else ""
            cells.append(f"{timeline.label(index)} {mark.kind or 'contact'}{count}")
        lines.append(f"{lane.name}  ({lane.events})  " + " · ".join(cells))
    return [one_line(line) for line in lines]
