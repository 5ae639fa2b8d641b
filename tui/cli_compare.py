"""`readout compare` and `readout brief`: two readouts of one contact side by side,
aligned sentence by sentence (`tui.core.compare`), as text, JSON or Markdown."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from tui.cli_io import UserError
from tui.cli_io import print_json as _print_json
from tui.cli_library import find_article, opened
from tui.core.controls import one_line

if TYPE_CHECKING:
    from tui.core.compare import Comparison, Item, Reported
    from tui.core.config import Config
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
    compare.add_argument("first", metavar="ID1", help="article id (a unique prefix is enough)")
    compare.add_argument("second", metavar="ID2", help="the other article")
    compare.add_argument("--json", action="store_true", help="print JSON with offsets")
    compare.set_defaults(handler=cmd_compare)

    brief = commands.add_parser(
        "brief", parents=list(common), help="a Markdown brief comparing two readouts",
        description="Write the comparison of two readouts as Markdown, with dated "
        "quotes and their outlets, ready to paste into a report.",
    )  # fmt: skip
    brief.add_argument("first", metavar="ID1", help="article id (a unique prefix is enough)")
    brief.add_argument("second", metavar="ID2", help="the other article")
    brief.add_argument("--output", type=Path, metavar="FILE", help="write the brief to FILE")
    brief.add_argument("--json", action="store_true", help="print JSON with the Markdown")
    brief.set_defaults(handler=cmd_brief)


def _compared(library: Library, first: str, second: str) -> Comparison:
    one, other = find_article(library, first), find_article(library, second)
    if one.id == other.id:
        raise UserError(f"compare two different articles, not {one.id} with itself")
    comparison = library.compare(one.id, other.id)
    if comparison is None:  # deleted between the two reads
        raise UserError(f"{one.id} or {other.id} is no longer in {library.root}")
    return comparison


def cmd_compare(args: argparse.Namespace, config: Config, out: TextIO) -> int:
    """`readout compare ID1 ID2`: the alignment, as a diff or JSON."""
    with opened(config) as library:
        comparison = _compared(library, args.first, args.second)
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
    """`readout brief ID1 ID2 [--output FILE]`: the comparison as Markdown."""
    from tui.core.brief import brief_markdown

    with opened(config) as library:
        comparison = _compared(library, args.first, args.second)
    markdown = brief_markdown(comparison)
    if args.output is not None:
        try:
            args.output.write_text(markdown, encoding="utf-8")
        except OSError as error:
            raise UserError(f"cannot write {args.output}: {error.strerror or error}") from None
    if args.json:
        data = {"first": comparison.first.as_dict(), "second": comparison.second.as_dict()}
        _print_json({**data, "markdown": markdown, "output": _shown(args.output)}, out)
    elif args.output is None:
        out.write(markdown)
    else:
        print(one_line(f"wrote the brief to {args.output}"), file=out)
    return 0


def _shown(path: Path | None) -> str | None:
    return None if path is None else str(path)
