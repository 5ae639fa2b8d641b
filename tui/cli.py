"""`readout`: the command line. With no subcommand it opens the app.

Every subcommand is a thin layer over `tui.core`: it loads the configuration and the
corpus, then prints text for people or JSON for scripts. User mistakes end in one
line on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import replace
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, TextIO

from tui.cli_corrections import add_correct_parser, corrected
from tui.cli_io import (
    PROG,
    OneLineParser,
    UserError,
    quiet_stdout,
    readable_output,
)
from tui.cli_io import fail as _fail
from tui.cli_io import print_json as _print_json
from tui.cli_io import progress as _progress
from tui.core import Article, Config, ConfigError, Corpus, CorpusError, find_config, load_config
from tui.core.config import CONFIG_ENV
from tui.core.corpus import load_corpus
from tui.core.corpus_files import display_path
from tui.core.corrections import CorrectionsError, corrected_lexicon
from tui.core.extract import Extraction, extract
from tui.core.notes import ANCHORED, ORPHANED, Bookmark, NotesError, find_quote
from tui.core.notes_parse import load_notes
from tui.core.notes_store import NotesService
from tui.core.search import SearchError, SearchHit, SearchIndex, parse_query
from tui.core.state import state_dir
from tui.core.text import one_line, shorten, visible


def _version() -> str:
    try:
        return version("readout")
    except PackageNotFoundError:  # running from a source tree that is not installed
        return "unknown"


def _common_options(*, suppress: bool) -> OneLineParser:
    """Options accepted before or after the subcommand.

    The subcommands' copies default to SUPPRESS so that a value given before the
    subcommand is not overwritten by the subcommand's default.
    """
    parser = OneLineParser(add_help=False)
    default = argparse.SUPPRESS if suppress else None
    group = parser.add_argument_group("configuration")
    group.add_argument(
        "--config",
        type=Path,
        metavar="PATH",
        default=default,
        help="config file (default: $READOUT_CONFIG, else ./config.yaml)",
    )
    group.add_argument(
        "--corpus",
        type=Path,
        metavar="DIR",
        default=default,
        help="folder of readouts, overriding the config",
    )
    group.add_argument(
        "--notes",
        type=Path,
        metavar="PATH",
        default=default,
        help="notes file for bookmarks, overriding the config",
    )
    group.add_argument(
        "--corrections",
        type=Path,
        metavar="PATH",
        default=default,
        help="corrections file, overriding the config",
    )
    return parser  # fmt: skip


def build_parser() -> argparse.ArgumentParser:
    """The `readout` argument parser."""
    parser = OneLineParser(
        prog=PROG,
        description="A keyboard-first terminal reader for diplomatic readouts. "
        "Without a subcommand, opens the reader.",
        parents=[_common_options(suppress=False)],
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {_version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    common = [_common_options(suppress=True)]

    listing = commands.add_parser(
        "list", parents=common, help="list the articles, newest first",
        description="List the articles, newest first.",
    )  # fmt: skip
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(handler=cmd_list)

    show = commands.add_parser(
        "show", parents=common, help="print one article, normalised",
        description="Print one article's normalised text.",
    )  # fmt: skip
    show.add_argument("id", metavar="ID", help="article id (a unique prefix is enough)")
    show.add_argument("--json", action="store_true", help="print JSON with offsets")
    show.set_defaults(handler=cmd_show)

    extract = commands.add_parser(
        "extract", parents=common, help="leaders and commitments of articles",
        description="Print the leaders and commitments extracted from articles "
        "(all of them when no ID is given).",
    )  # fmt: skip
    extract.add_argument("ids", nargs="*", metavar="ID", help="article ids (unique prefixes)")
    extract.add_argument("--json", action="store_true", help="print JSON with offsets")
    extract.set_defaults(handler=cmd_extract)

    search = commands.add_parser(
        "search", parents=common, help="fuzzy search across the corpus",
        description="Find passages across the corpus. Case, diacritics and punctuation "
        "are ignored and typos forgiven. Operators: 'word (exact), \"a phrase\", !word "
        "(exclude), leader:NAME, from:YYYY[-MM[-DD]], to:YYYY[-MM[-DD]].",
    )  # fmt: skip
    search.add_argument("query", metavar="QUERY", nargs="+", help="what to look for")
    search.add_argument("--limit", type=_positive, default=20, metavar="N", help="hits (20)")
    search.add_argument("--json", action="store_true", help="print JSON with offsets")
    search.set_defaults(handler=cmd_search)

    bookmark = commands.add_parser(
        "bookmark", parents=common, help="bookmark a passage into the notes file",
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
        "notes", parents=common, help="list the bookmarks in the notes file",
        description="List the bookmarks, each anchored in its article or orphaned.",
    )  # fmt: skip
    notes.add_argument("--json", action="store_true", help="print JSON")
    notes.set_defaults(handler=cmd_notes)
    add_correct_parser(commands, common, find_article)
    return parser


def _positive(value: str) -> int:
    digits = value.isascii() and value.isdigit() and len(value) <= 18  # `²` is a digit too
    number = int(value) if digits else 0
    if number < 1:
        shown = shorten(value, 40)
        raise argparse.ArgumentTypeError(f"must be a whole number of 1 or more, not {shown!r}")
    return number


# Loading -----------------------------------------------------------------------------


def settings(args: argparse.Namespace) -> Config:
    """The configuration for this run, with command-line overrides applied."""
    config = load_config(find_config(getattr(args, "config", None))).with_overrides(
        corpus=getattr(args, "corpus", None),
        notes=getattr(args, "notes", None),
        corrections=getattr(args, "corrections", None),
    )
    # One file for both would have each writer break the other's format.
    if os.path.realpath(config.notes) == os.path.realpath(config.corrections_file):
        raise ConfigError(f"the notes and the corrections cannot both be {config.notes}")
    return config


def _interactive(args: argparse.Namespace) -> bool:
    return not getattr(args, "json", False) and sys.stdout.isatty() and sys.stderr.isatty()


def open_corpus(args: argparse.Namespace, config: Config) -> Corpus:
    """Load the corpus, printing each load warning on stderr."""
    with _progress(_interactive(args)) as progress:
        # Titles name leaders as the corrections file says; its problems are warned
        # of by the commands that apply it to extraction.
        lexicon, _ = corrected_lexicon(config.lexicon, config.corrections_file)
        corpus = load_corpus(config.corpus, progress, lexicon=lexicon)
    for warning in corpus.warnings:
        print(f"{PROG}: warning: {one_line(str(warning))}", file=sys.stderr)
    return corpus


def find_article(corpus: Corpus, wanted: str) -> Article:
    """The article with id `wanted`, or the one whose id starts with it."""
    if not wanted.strip():
        raise UserError(f"an article id cannot be empty (see `{PROG} list`)")
    article = corpus.get(wanted)
    if article is not None:
        return article
    matches = [a for a in corpus.articles if a.id.startswith(wanted)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        ids = ", ".join(a.id for a in matches[:5])
        raise UserError(f"article id {wanted!r} is ambiguous: {ids}")
    raise UserError(f"no article {wanted!r} in {corpus.root} (see `{PROG} list`)")


# Subcommands -------------------------------------------------------------------------


def cmd_list(args: argparse.Namespace, config: Config, out: TextIO) -> int:
    """`readout list`: one article a line, newest first."""
    corpus = open_corpus(args, config)
    if args.json:
        _print_json([article.summary() for article in corpus.articles], out)
        return 0
    width = max((len(a.id) for a in corpus.articles), default=0)
    for article in corpus.articles:
        line = (
            f"{article.date_label:<10}  {article.id:<{width}}  {article.words:>6}  {article.title}"
        )
        print(one_line(line), file=out)
    return 0


def cmd_show(args: argparse.Namespace, config: Config, out: TextIO) -> int:
    """`readout show ID`: the normalised article."""
    article = find_article(open_corpus(args, config), args.id)
    if args.json:
        passages = {
            "paragraphs": [p.as_dict() for p in article.paragraphs],
            "sentences": [s.as_dict() for s in article.sentences],
        }
        _print_json({**article.summary(), "text": article.text, **passages}, out)
        return 0
    meta = " · ".join(part for part in (article.date_label, article.place, article.source) if part)
    print(one_line(article.title), file=out)
    print(one_line(f"{meta} · {article.words} words"), file=out)
    wrap = out.isatty()
    width = min(shutil.get_terminal_size().columns, 88)
    for paragraph in article.paragraphs:
        text = visible(paragraph.text)
        print(file=out)
        print(textwrap.fill(text, width) if wrap else text, file=out)
    return 0


def cmd_extract(args: argparse.Namespace, config: Config, out: TextIO) -> int:
    """`readout extract [ID ...]`: leaders and commitments."""
    corpus = open_corpus(args, config)
    articles = [find_article(corpus, wanted) for wanted in args.ids] or list(corpus.articles)
    lexicon = corrected(config)
    results = [(article, extract(article, lexicon)) for article in articles]
    if args.json:
        _print_json({"articles": [_extraction_json(a, e) for a, e in results]}, out)
        return 0
    for index, (article, extraction) in enumerate(results):
        if index:
            print(file=out)
        print(one_line(f"{article.date_label}  {article.id}  {article.title}"), file=out)
        print("  Leaders", file=out)
        for leader in extraction.leaders:
            titles = f" — {'; '.join(leader.titles)}" if leader.titles else ""
            print(one_line(f"    {leader.name} ({leader.count}){titles}"), file=out)
        print(f"  Commitments ({len(extraction.commitments)})", file=out)
        for commitment in extraction.commitments:
            who = ", ".join(commitment.actors) or "?"
            topics = f"  [{', '.join(commitment.topics)}]" if commitment.topics else ""
            line = f"    {commitment.kind:<12} {who}: {shorten(commitment.text, 90)}{topics}"
            print(one_line(line), file=out)
    return 0


def _extraction_json(article: Article, extraction: Extraction) -> dict[str, Any]:
    return {
        "id": article.id,
        "date": article.date.isoformat() if article.date else None,
        "leaders": [leader.as_dict() for leader in extraction.leaders],
        "commitments": [commitment.as_dict() for commitment in extraction.commitments],
    }


def cmd_search(args: argparse.Namespace, config: Config, out: TextIO) -> int:
    """`readout search QUERY`: the best passages, best first."""
    query = parse_query(" ".join(args.query))
    corpus = open_corpus(args, config)
    leaders = None
    if query.leader is not None:
        lexicon = corrected(config)
        leaders = {
            article.id: [leader.name for leader in extract(article, lexicon).leaders]
            for article in corpus.articles
        }
    index = SearchIndex(corpus, synonyms=config.synonyms)
    hits = index.search(query, limit=args.limit, leaders=leaders)
    if args.json:
        _print_json([hit.as_dict() for hit in hits], out)
        return 0
    for hit in hits:
        article = corpus.get(hit.article_id)
        title = shorten(article.title, 60) if article else ""
        print(one_line(f"{hit.date or 'undated'}  {hit.article_id}  {title}"), file=out)
        print(f"    {_marked(hit)}", file=out)
    if not hits:
        print("no matches", file=sys.stderr)
    return 0


def _marked(hit: SearchHit) -> str:
    """The passage with its matches in [brackets] (or bold on a terminal)."""
    text, pieces, position = hit.text, [], 0
    bold, plain = ("\x1b[1m", "\x1b[0m") if sys.stdout.isatty() else ("[", "]")
    for start, end in hit.matches:
        a, b = start - hit.start, end - hit.start
        pieces += [one_line(text[position:a]), bold, one_line(text[a:b]), plain]
        position = b
    return "".join(pieces) + one_line(text[position:])


def cmd_bookmark(args: argparse.Namespace, config: Config, out: TextIO) -> int:
    """`readout bookmark ID --quote TEXT`: append a bookmark to the notes file."""
    article = find_article(open_corpus(args, config), args.id)
    found = find_quote(article, args.quote)
    if found is None:
        raise UserError(f"the quote does not occur in {article.id}: {shorten(args.quote, 60)!r}")
    bookmark = Bookmark.new(article, *found, note=args.note, tags=args.tag)
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
    notes = load_notes(config.notes)
    for problem in notes.problems:
        print(f"{PROG}: warning: {one_line(problem)}", file=sys.stderr)
    corpus = open_corpus(args, config) if notes.bookmarks else None
    rows = []
    for bookmark in notes.bookmarks:
        article = corpus.get(bookmark.article) if corpus else None
        located = bookmark.locate(article)
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


# Entry point -------------------------------------------------------------------------


def run_app(config: Config) -> int:
    """Open the reader."""
    _check_corpus_folder(config)
    if not all(stream is not None and stream.isatty() for stream in (sys.stdin, sys.stdout)):
        # Without a terminal it would draw into a file or pipe and wait for keys for ever.
        raise UserError(
            f"the reader needs a terminal (input or output is redirected); in scripts use "
            f"a subcommand such as `{PROG} list` (see `{PROG} --help`)"
        )
    from tui.app import ReadoutApp

    ReadoutApp(config).run()
    return 0


def _check_corpus_folder(config: Config) -> None:
    """Say clearly, before loading, that the corpus folder is not there, and how to name
    one when no config file chose it."""
    if config.corpus.is_dir():
        return
    problem = "not found" if not config.corpus.exists() else "not a folder"
    hint = (
        ""
        if config.source is not None
        else f" (no config.yaml here or in ${CONFIG_ENV}: pass --corpus DIR or --config PATH)"
    )
    raise UserError(f"corpus folder {problem}: {config.corpus}{hint}")


def _run(args: argparse.Namespace) -> int:
    config = settings(args)
    if args.command is None:
        return run_app(config)
    if sys.stdout is None:
        raise UserError("standard output is closed; nowhere to print to")
    if args.command in ("list", "show", "extract", "search"):
        _check_corpus_folder(config)
    handler: Callable[[argparse.Namespace, Config, TextIO], int] = args.handler
    code = handler(args, config, sys.stdout)
    sys.stdout.flush()  # a full disk or a closed pipe fails here, inside the handlers
    return code


def main(argv: Sequence[str] | None = None) -> int:
    """Run `readout` with `argv` (default: the process arguments); return the exit code."""
    readable_output()
    args = build_parser().parse_args(argv)
    try:
        return _run(args)
    except (
        UserError,
        ConfigError,
        CorpusError,
        SearchError,
        NotesError,
        CorrectionsError,
    ) as error:
        _fail(str(error))
    except BrokenPipeError:
        # `readout list | head`: the reader left early; that is not an error.
        quiet_stdout()
        return 0
    except OSError as error:
        if error.filename is not None:  # a file or folder readout was given
            _fail(f"{display_path(error.filename)}: {error.strerror or error}")
        # Writing the output failed: `readout list > /dev/full`.
        quiet_stdout()
        _fail(f"cannot write the output: {error.strerror or error}")
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
