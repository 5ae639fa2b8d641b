"""`readout commitments`: every commitment of the corpus, newest first, narrowed by
actor, side, kind, topic and date range, as a table, JSON or CSV.

A name given for a facet is matched as search matches text (`--actor "to lam"`,
`--side vietnam`); a name the corpus does not have prints nothing (exit 0) and, on
stderr, the closest names it has.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from tui.cli_io import UserError
from tui.core.controls import one_line, visible

if TYPE_CHECKING:
    from tui.core.config import Config
    from tui.core.store import Library
    from tui.core.store.commitment_query import CommitmentQuery, CommitmentRow

__all__ = ["add_commitments_parser"]

PAGE = 20_000
"""Commitments read from the store at a time (each page skips the rows before it:
large pages, few skips)."""

CSV_FIELDS = (
    "id", "date", "title", "source", "actors", "sides", "kind", "topics", "text", "start", "end",
)  # fmt: skip


def add_commitments_parser(
    commands: argparse._SubParsersAction[Any], common: Sequence[argparse.ArgumentParser]
) -> None:
    """Add `readout commitments` to the subcommands."""
    parser = commands.add_parser(
        "commitments", parents=list(common), help="every commitment of the corpus, newest first",
        description="Every commitment of the corpus, newest first, narrowed by actor, side "
        "(the country an actor speaks for, or 'both'), kind, topic and date range. Names "
        "are matched with case and diacritics ignored.",
    )  # fmt: skip
    parser.add_argument("--actor", metavar="A", help="who committed (a leader, a country, both)")
    parser.add_argument("--side", metavar="S", help="the country they speak for, or 'both'")
    parser.add_argument("--kind", metavar="K", help="pledge, agreement, proposal, ...")
    parser.add_argument("--topic", metavar="T", help="a topic tag (trade, railway, ...)")
    parser.add_argument("--from", dest="since", metavar="D", help="from YYYY[-MM[-DD]]")
    parser.add_argument("--to", dest="until", metavar="D", help="to YYYY[-MM[-DD]] (included)")
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print a JSON list")
    output.add_argument("--jsonl", action="store_true", help="print one JSON object a line")
    output.add_argument("--csv", action="store_true", help="print CSV with a header row")
    parser.set_defaults(handler=cmd_commitments)


def _query(args: argparse.Namespace) -> CommitmentQuery:
    """The dates and kind of `args` checked (a `UserError` otherwise)."""
    from tui.core.extract import KINDS
    from tui.core.store.commitment_query import CommitmentQuery, parse_day

    try:
        since = parse_day(args.since) if args.since is not None else None
        until = parse_day(args.until, last=True) if args.until is not None else None
    except ValueError as error:
        raise UserError(str(error)) from None
    if since and until and since > until:
        raise UserError(f"--from {args.since} is after --to {args.until}")
    kind = args.kind.strip().lower() if args.kind is not None else None
    if kind is not None and kind not in KINDS:
        raise UserError(f"unknown kind {args.kind!r} (one of: {', '.join(KINDS)})")
    return CommitmentQuery(kind=kind, since=since, until=until)


def _named(library: Library, query: CommitmentQuery, args: argparse.Namespace) -> CommitmentQuery:
    """`query` with the actor, side and topic of `args` as the corpus names them (an
    actor as `resolve_name` finds a person); a value the corpus does not have, or an
    actor several people's names fit, is a `UserError` saying the closest."""
    from dataclasses import replace

    from tui.core.facet_values import resolve_name, resolve_value

    known = library.commitment_facets().counts
    for facet in ("actor", "side", "topic"):
        typed = getattr(args, facet)
        if typed is None:
            continue
        if facet == "actor":
            named = resolve_name(typed, known[facet], library.lexicon.leaders)
        else:
            named = resolve_value(typed, known[facet])
        if len(named.found) != 1:
            said = f"; it fits several: {', '.join(named.found)}" if named.found else named.hint()
            raise UserError(f"no commitments with {facet} {one_line(typed)!r}{said}")
        changes: dict[str, Any] = {facet: named.found[0]}
        query = replace(query, **changes)
    return query


def _rows(library: Library, query: CommitmentQuery) -> Iterator[CommitmentRow]:
    offset = 0
    while page := library.commitments(query, offset, PAGE):
        yield from page
        if len(page) < PAGE:
            return
        offset += len(page)


def cmd_commitments(args: argparse.Namespace, config: Config, out: TextIO) -> int:
    """`readout commitments`: the commitments narrowed, as a table, JSON or CSV."""
    from tui.cli_corrections import corrected
    from tui.cli_io import print_json_rows
    from tui.cli_library import opened

    query = _query(args)
    with opened(config, corrected(config)) as library:
        named = _named(library, query, args)
        rows = _rows(library, named)
        if args.json:
            print_json_rows((row.as_dict() for row in rows), out)
        elif args.jsonl:
            from tui.cli_io import print_jsonl

            print_jsonl((row.as_dict() for row in rows), out)
        elif args.csv:
            _print_csv(rows, out)
        else:
            _print_table(library, named, rows, out)
    return 0


def _print_csv(rows: Iterator[CommitmentRow], out: TextIO) -> None:
    """A header row, then one row per commitment; lists joined by `; `."""
    from tui.cli_io import print_csv

    print_csv(CSV_FIELDS, ([row.as_dict()[f] for f in CSV_FIELDS] for row in rows), out)


def _print_table(
    library: Library, query: CommitmentQuery | None, rows: Iterator[CommitmentRow], out: TextIO
) -> None:
    """One commitment a line: date, actors, sides, kind, topics, the sentence. The
    columns are as wide as the longest name of the corpus (within reason)."""
    if query is None:
        return
    counts = library.commitment_facets().counts
    actor = _width(counts["actor"], 24)
    side = _width(counts["side"], 14)
    kind = _width(counts["kind"], 12)
    for row in rows:
        date = row.date.isoformat() if row.date else "undated"
        who = f"{_cell(', '.join(row.actors), actor)}  {_cell(', '.join(row.sides), side)}"
        line = f"{date:<10}  {who}  {row.kind:<{kind}}  {visible(row.text).replace(chr(10), ' ')}"
        if row.topics:
            line += f"  [{', '.join(row.topics)}]"
        print(one_line(line), file=out)


def _width(values: dict[str, int], most: int) -> int:
    return min(max((len(value) for value in values), default=1), most)


def _cell(text: str, width: int) -> str:
    """`text` in `width` columns, cut with `…` when longer."""
    return f"{text:<{width}}" if len(text) <= width else text[: width - 1] + "…"
