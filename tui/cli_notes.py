"""`readout bookmark` and `readout notes`: bookmarks of passages, kept in the notes file
(a Markdown file the person may edit), each anchored in its article or orphaned."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TextIO

from tui.cli_io import PROG, UserError
from tui.cli_io import print_json as _print_json
from tui.cli_library import find_article, opened
from tui.core.controls import one_line, visible

if TYPE_CHECKING:
    from tui.core.config import Config

__all__ = ["add_notes_parsers"]


def add_notes_parsers(
    commands: argparse._SubParsersAction[Any], common: Sequence[argparse.ArgumentParser]
) -> None:
    """Add `readout bookmark` and `readout notes` to the subcommands."""
    bookmark = commands.add_parser(
        "bookmark", parents=list(common), help="bookmark a passage into the notes file",
        description="Bookmark a passage of an article, with an optional note and tags. "
        "The quote is found as search finds text: case, diacritics and punctuation "
        "are ignored.",
    )  # fmt: skip
    bookmark.add_argument("id", metavar="ID", help="article id (a unique prefix is enough)")
    bookmark.add_argument("--quote", required=True, metavar="TEXT", help="the passage")
    bookmark.add_argument("--note", default="", metavar="TEXT", help="what you make of it")
    bookmark.add_argument("--tag", action="append", default=[], metavar="TAG", help="a tag")
    bookmark.add_argument("--json", action="store_true", help="print the bookmark as JSON")
    bookmark.set_defaults(handler=cmd_bookmark)

    notes = commands.add_parser(
        "notes", parents=list(common), help="list the bookmarks in the notes file",
        description="List the bookmarks, each anchored in its article or orphaned.",
    )  # fmt: skip
    notes.add_argument("--json", action="store_true", help="print JSON")
    notes.set_defaults(handler=cmd_notes)


def cmd_bookmark(args: argparse.Namespace, config: Config, out: TextIO) -> int:
    """`readout bookmark ID --quote TEXT`: append a bookmark to the notes file."""
    from tui.core.notes import ANCHORED, Bookmark, NotesError, find_quote
    from tui.core.text import shorten

    with opened(config) as library:
        article = find_article(library, args.id)
    found = find_quote(article, args.quote)
    if found is None:
        raise UserError(f"the quote does not occur in {article.id}: {shorten(args.quote, 60)!r}")
    bookmark = Bookmark.new(article, *found, note=args.note, tags=args.tag)
    from tui.core.notes_store import NotesService
    from tui.core.state import state_dir

    service = NotesService(config.notes, state_dir())
    result = service.add(bookmark)
    if result.error:
        raise NotesError(
            f"{result.error}; the bookmark is kept in {service.spool.path} and written "
            "by the next readout run"
        )
    if args.json:
        _print_json(bookmark.as_dict(ANCHORED), out)
    else:
        print(
            one_line(f"bookmarked {bookmark.id} in {config.notes}: {shorten(bookmark.quote, 70)}"),
            file=out,
        )
    return 0


def cmd_notes(args: argparse.Namespace, config: Config, out: TextIO) -> int:
    """`readout notes`: every bookmark, anchored or orphaned."""
    from tui.core.notes import ANCHORED, ORPHANED
    from tui.core.notes_parse import load_notes
    from tui.core.text import shorten

    notes = load_notes(config.notes)
    for problem in notes.problems:
        print(f"{PROG}: warning: {one_line(problem)}", file=sys.stderr)
    rows = []
    if notes.bookmarks:
        with opened(config) as library:
            for bookmark in notes.bookmarks:
                located = bookmark.locate(library.get(bookmark.article))
                status = ANCHORED if located else ORPHANED
                if located:
                    bookmark = replace(bookmark, start=located[0], end=located[1])
                rows.append(bookmark.as_dict(status))
    if args.json:
        _print_json(rows, out)
        return 0
    for row in rows:
        tags = " ".join(f"#{t}" for t in row["tags"])  # type: ignore[attr-defined]
        line = (
            f"{row['id']}  {row['article']}  {row['status']:<8}  {shorten(str(row['quote']), 70)}"
        )
        print(one_line(line + (f"  {tags}" if tags else "")), file=out)
        for line in str(row["note"]).splitlines():  # a note of several lines, indented
            print(visible(f"    {line}"), file=out)
    if not rows:
        print(f"no bookmarks in {config.notes}", file=sys.stderr)
    return 0
