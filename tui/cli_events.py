"""`readout events`: the articles that report one call, meeting, visit or message,
grouped (`tui.core.events`), with the outlets that reported each and the side each
speaks for."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from tui.cli_io import print_csv, print_json, print_jsonl
from tui.core.controls import one_line

if TYPE_CHECKING:
    from tui.core.config import Config
    from tui.core.events import Event
    from tui.core.store import Library

__all__ = ["add_events_parser"]


def add_events_parser(
    commands: argparse._SubParsersAction[Any], common: Sequence[argparse.ArgumentParser]
) -> None:
    """Add `readout events` to the subcommands."""
    events = commands.add_parser(
        "events", parents=list(common), help="the events several articles report",
        description="List the events (calls, talks, visits, messages) that two or more "
        "articles report, newest first: the same leaders, the same kind of contact, "
        "dates a few days apart; with each article's outlet and the side it speaks for.",
    )  # fmt: skip
    events.add_argument("--all", action="store_true", help="also events one article reports")
    events.add_argument("--leader", metavar="NAME", help="events of this leader (any spelling)")
    events.add_argument(
        "--from", dest="start", type=_first_day, metavar="DATE", help="YYYY[-MM[-DD]]"
    )
    events.add_argument("--to", dest="end", type=_last_day, metavar="DATE", help="YYYY[-MM[-DD]]")
    shape = events.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help="print JSON")
    shape.add_argument("--jsonl", action="store_true", help="print one JSON object a line")
    shape.add_argument("--csv", action="store_true", help="print CSV: one row per report")
    events.set_defaults(handler=cmd_events)


def _day(key: str, value: str) -> dt.date:
    from tui.core.query import SearchError, _bound

    try:
        return _bound(key, value)
    except SearchError as error:
        message = str(error).replace(f"{key}:", f"--{key} ", 1)
        raise argparse.ArgumentTypeError(message) from None


def _first_day(value: str) -> dt.date:
    return _day("from", value)


def _last_day(value: str) -> dt.date:
    return _day("to", value)


def cmd_events(args: argparse.Namespace, config: Config, out: TextIO) -> int:
    """`readout events`: one line per event (or JSON objects)."""
    from tui.cli_corrections import corrected
    from tui.cli_io import UserError
    from tui.cli_library import opened
    from tui.core.event_filter import narrow_events

    if args.start and args.end and args.start > args.end:
        raise UserError(f"--from {args.start} is after --to {args.end}")
    if args.leader is not None and not args.leader.strip():
        raise UserError("--leader needs a name")
    with opened(config, corrected(config)) as library:
        events = library.events()
        leaders = None if args.leader is None else _leaders(args.leader, events, library)
        found = narrow_events(
            events, leaders=leaders, start=args.start, end=args.end, singletons=args.all
        )
    if args.json:
        print_json([event.as_dict() for event in found], out)
        return 0
    if args.jsonl:
        print_jsonl((event.as_dict() for event in found), out)
        return 0
    if args.csv:
        print_csv(CSV_FIELDS, _report_rows(found), out)
        return 0
    for event in found:
        print(event_line(event), file=out)
    return 0


CSV_FIELDS = (
    "event", "kind", "first", "last", "leaders", "id", "date", "title", "source", "side",
    "side_from",
)  # fmt: skip
"""`--csv`: one row per report, its event's fields first."""


def _report_rows(events: list[Event]) -> Iterator[list[object]]:
    for event in events:
        first, last = (d.isoformat() if d else "" for d in (event.first, event.last))
        for report in event.reports:
            data = report.as_dict()
            yield [event.id, event.kind, first, last, list(event.leaders),
                   *(data[f] or "" for f in CSV_FIELDS[5:])]  # fmt: skip


def _leaders(typed: str, events: list[Event], library: Library) -> frozenset[str]:
    """The people `typed` names among the events' leaders (`resolve_name`: any
    spelling, the gazetteer's, whole words); none is a `UserError` with the closest."""
    from tui.cli_io import UserError
    from tui.core.event_filter import event_leaders
    from tui.core.facet_values import resolve_name

    named = resolve_name(typed, event_leaders(events), library.lexicon.leaders)
    if not named.found:
        raise UserError(f"no events of leader {one_line(typed)!r}{named.hint()}")
    return frozenset(named.found)


def event_line(event: Event) -> str:
    """`2025-01-15..16  call  Tô Lâm – Xi Jinping  VNS (Việt Nam), Xinhua (China)  ID`."""
    when = _span(event)
    leaders = " – ".join(event.leaders) or "?"
    said = [r.label() for r in event.reports]  # each outlet once, with how many reports
    counts = {outlet: said.count(outlet) for outlet in said}
    outlets = ", ".join(o if n == 1 else f"{o} ×{n}" for o, n in counts.items())
    return one_line(f"{when}  {event.kind or '?':<10} {leaders}  {outlets}  {event.id}")


def _span(event: Event) -> str:
    if event.first is None or event.last is None:
        return "undated".ljust(16)
    first = event.first.isoformat()
    if event.last == event.first:
        return first.ljust(16)
    last = event.last.isoformat()
    common = 8 if last[:8] == first[:8] else 5 if last[:5] == first[:5] else 0
    return f"{first}..{last[common:]}".ljust(16)
