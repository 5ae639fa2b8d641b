"""`readout compare` and `readout brief`: two readouts of one contact side by side,
aligned sentence by sentence (`tui.core.compare`), as text, JSON or Markdown."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from tui.cli_io import PROG, UserError
from tui.cli_io import print_json as _print_json
from tui.cli_library import find_article, opened
from tui.core.controls import one_line

if TYPE_CHECKING:
    from tui.core.compare import Comparison, Item, Reported
    from tui.core.config import Config
    from tui.core.events import Event
    from tui.core.store import Library

__all__ = ["add_compare_parsers"]


def add_compare_parsers(
    commands: argparse._SubParsersAction[Any], common: Sequence[argparse.ArgumentParser]
) -> None:
    """Add `readout compare ID1 ID2` and `readout brief ID1 ID2` to the subcommands."""
    compare = commands.add_parser(
        "compare", parents=list(common), help="two readouts side by side, aligned",
        description="Align two readouts sentence by sentence: what both report (with "
        "their similarity), what only the first reports, what only the second does; "
        "each with its commitments (and whether the other side reports them) and topics.",
    )  # fmt: skip
    _pair_arguments(compare)
    compare.add_argument("--json", action="store_true", help="print JSON with offsets")
    compare.set_defaults(handler=cmd_compare)

    brief = commands.add_parser(
        "brief", parents=list(common), help="a Markdown brief: two readouts, a thread, ...",
        description="Write a Markdown brief ready to paste into a report, each quote dated "
        "and credited to its outlet: the comparison of two readouts (ID1 [ID2] or "
        "--event), or the commitments of a thread, a topic or a leader grouped by thread "
        "(--thread, --topic, --leader).",
    )  # fmt: skip
    _pair_arguments(brief)
    quoted = brief.add_mutually_exclusive_group()
    quoted.add_argument("--thread", metavar="ID", help="the entries of this thread")
    quoted.add_argument("--topic", metavar="T", help="the threads of this topic")
    quoted.add_argument("--leader", metavar="NAME", help="this leader's commitments")
    brief.add_argument("--output", type=Path, metavar="FILE", help="write the brief to FILE")
    brief.add_argument("--json", action="store_true", help="print JSON with the Markdown")
    brief.set_defaults(handler=cmd_brief)


def _pair_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "first", metavar="ID1", nargs="?", help="article id (a unique prefix is enough)"
    )
    parser.add_argument(
        "second", metavar="ID2", nargs="?",
        help="the other article (default: the other side's report of ID1's event)",
    )  # fmt: skip
    parser.add_argument(
        "--event", metavar="EVENT", help="compare the reports of this event (see `readout events`)"
    )


def _compared(library: Library, args: argparse.Namespace) -> tuple[Comparison, Event | None]:
    """The comparison the arguments ask for, and the event both articles report."""
    first, second, event = _chosen(library, args.first, args.second, args.event)
    if first == second:
        raise UserError(f"compare two different articles, not {first} with itself")
    comparison = library.compare(first, second)
    if comparison is None:  # deleted between the two reads
        raise UserError(f"{first} or {second} is no longer in {library.root}")
    if event is None or second not in event.article_ids():
        event = None
    return comparison, event


def _chosen(
    library: Library, first: str | None, second: str | None, event_id: str | None
) -> tuple[str, str, Event | None]:
    """Two article ids: given, or the reports of an event (`--event`, or ID1's)."""
    from tui.core.compare import counterpart, event_pair

    if event_id is not None:
        if first is not None:
            raise UserError("give either --event or article ids, not both")
        event = library.event(event_id)
        if event is None:
            raise UserError(f"no event {event_id!r} (see `{PROG} events`)")
        pair = event_pair(event)
        if pair is None:
            raise UserError(f"only one article reports the event {event.id}")
        return (*pair, event)
    if first is None:
        raise UserError("give two article ids, one (compared with its event's other report),"
                        " or --event EVENT")  # fmt: skip
    one = find_article(library, first).id
    event = library.event_of(one)
    if second is not None:
        return one, find_article(library, second).id, event
    other = counterpart(event, one) if event is not None else None
    if other is None:
        raise UserError(f"no other article reports the event of {one}: give a second id")
    return one, other, event


def cmd_compare(args: argparse.Namespace, config: Config, out: TextIO) -> int:
    """`readout compare ID1 [ID2] | --event EVENT`: the alignment, as a diff or JSON."""
    with opened(config) as library:
        comparison, _ = _compared(library, args)
    if args.json:
        _print_json(comparison.as_dict(), out)
        return 0
    for label, side in (("first ", comparison.first), ("second", comparison.second)):
        said = f"{side.date or 'undated'}  {side.source or '-'}  {side.title}"
        print(one_line(f"{label}: {side.id}  {said}"), file=out)
    print(one_line(comparison.summary()), file=out)
    for row in comparison.rows():
        print(file=out)
        if row.first is not None and row.second is not None:
            print(f"= both ({row.similarity:.2f})", file=out)
            _print_item("  1", row.first, out)
            _print_item("  2", row.second, out)
        elif row.first is not None:
            _print_item("- only in the first:", row.first, out)
        elif row.second is not None:
            _print_item("+ only in the second:", row.second, out)
    return 0


def _print_item(label: str, item: Item, out: TextIO) -> None:
    spans = ", ".join(f"{piece.start}-{piece.end}" for piece in item.pieces)
    print(one_line(f"{label} [{spans}] {item.text}"), file=out)
    for reported in item.commitments:
        print(one_line(f"      * {_commitment(reported)}"), file=out)


def _commitment(reported: Reported) -> str:
    commitment = reported.commitment
    said = f"{commitment.kind} by {', '.join(commitment.actors) or 'unknown'}"
    if not reported.reported:
        return f"{said}; not in the other"
    if reported.kind is None:
        return f"{said}; in the other, not as a commitment"
    return f"{said}; the other: {reported.kind} by {', '.join(reported.actors) or 'unknown'}"


def cmd_brief(args: argparse.Namespace, config: Config, out: TextIO) -> int:
    """`readout brief ID1 [ID2] | --event EVENT [--output FILE]`: the comparison as
    Markdown."""
    from tui.core.brief import brief_markdown

    if args.thread is not None or args.topic is not None or args.leader is not None:
        from tui.cli_briefs import cmd_quotes_brief

        return cmd_quotes_brief(args, config, out)
    with opened(config) as library:
        comparison, event = _compared(library, args)
    markdown = brief_markdown(comparison, event)
    write_output(args.output, markdown)
    if args.json:
        data = {
            "event": event.id if event else None,
            "first": comparison.first.as_dict(),
            "second": comparison.second.as_dict(),
        }
        _print_json({**data, "markdown": markdown, "output": _shown(args.output)}, out)
    elif args.output is None:
        out.write(markdown)
    else:
        print(one_line(f"wrote the brief to {args.output}"), file=out)
    return 0


def write_output(path: Path | None, markdown: str) -> None:
    """Write a brief to `path` (when given) as a new file, never over one."""
    if path is None:
        return
    from tui.core.files import write_new

    if not str(path).strip() or str(path) in (".", ".."):
        raise UserError("--output needs a file name")
    if path.is_dir():
        raise UserError(f"{path} is a folder: name a new file in it")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)  # as `w` in the app makes it
        write_new(path, markdown.encode("utf-8"))
    except FileExistsError:
        raise UserError(
            f"{path} exists: a brief is never written over a file; name a new one"
        ) from None
    except OSError as error:
        raise UserError(f"cannot write {path}: {error.strerror or error}") from None


def _shown(path: Path | None) -> str | None:
    return None if path is None else str(path)
