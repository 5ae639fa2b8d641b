"""`readout`: the command line. With no subcommand it opens the app.

Every subcommand is a thin layer over `tui.core`: it loads the configuration, opens
the corpus's library (the store, brought up to date: `tui.cli_library`) and prints
text for people or JSON for scripts from it. User mistakes end in one line on stderr
and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import signal
import sqlite3
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, Union

from tui.cli_compare import add_compare_parsers
from tui.cli_corrections import add_correct_parser
from tui.cli_events import add_events_parser
from tui.cli_import import add_import_parsers
from tui.cli_io import PROG, OneLineParser, UserError, quiet_stdout, readable_output
from tui.cli_io import fail as _fail
from tui.cli_library import add_refresh_parser
from tui.cli_notes import add_notes_parsers
from tui.core.controls import one_line

if TYPE_CHECKING:
    from tui.core.config import Config
    from tui.core.corpus import Article
    from tui.core.extract import Extraction
    from tui.core.search import SearchHit
    from tui.core.store import ArticleSummary, Library

# What a command needs is imported when it runs: `readout search` on a large library
# answers in well under a second, and the imports are most of it.

PAGE = 2000
"""Articles read from the store at a time by the commands that go through them all."""


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("readout")
    except PackageNotFoundError:  # running from a source tree that is not installed
        return "unknown"


class _Version(argparse.Action):
    """`--version`, looked up only when asked for (importlib.metadata is slow to import)."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        parser._print_message(f"{PROG} {_version()}\n", sys.stdout)
        parser.exit()


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
    group.add_argument(
        "--library",
        type=Path,
        metavar="PATH",
        default=default,
        help="library store file, overriding the config (default: in the user's cache folder)",
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
    parser.add_argument("--version", action=_Version, help="show the version and exit")
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

    add_notes_parsers(commands, common)
    add_correct_parser(commands, common)
    add_refresh_parser(commands, common)
    add_import_parsers(commands, common)
    add_compare_parsers(commands, common)
    add_events_parser(commands, common)
    return parser


def _positive(value: str) -> int:
    digits = value.isascii() and value.isdigit() and len(value) <= 18  # `²` is a digit too
    number = int(value) if digits else 0
    if number < 1:
        from tui.core.text import shorten

        shown = shorten(value, 40)
        raise argparse.ArgumentTypeError(f"must be a whole number of 1 or more, not {shown!r}")
    return number


# Loading -----------------------------------------------------------------------------


def settings(args: argparse.Namespace) -> Config:
    """The configuration for this run, with command-line overrides applied."""
    from tui.core.config import ConfigError, find_config, load_config

    config = load_config(find_config(getattr(args, "config", None))).with_overrides(
        corpus=getattr(args, "corpus", None),
        notes=getattr(args, "notes", None),
        corrections=getattr(args, "corrections", None),
        library=getattr(args, "library", None),
    )
    # One file for both would have each writer break the other's format.
    if os.path.realpath(config.notes) == os.path.realpath(config.corrections_file):
        raise ConfigError(f"the notes and the corrections cannot both be {config.notes}")
    return config


def article_pages(library: Library) -> Iterator[list[ArticleSummary]]:
    """Every article in list order, read from the store a page at a time."""
    offset = 0
    while page := library.articles(offset, PAGE):
        yield page
        if len(page) < PAGE:
            return
        offset += len(page)


def all_articles(library: Library) -> Iterator[ArticleSummary]:
    for page in article_pages(library):
        yield from page


# Subcommands -------------------------------------------------------------------------


def cmd_list(args: argparse.Namespace, config: Config, out: TextIO) -> int:
    """`readout list`: one article a line, newest first."""
    from tui.cli_io import print_json_rows
    from tui.cli_library import all_summaries, opened

    with opened(config) as library:
        if args.json:
            print_json_rows(all_summaries(library, PAGE), out)
            return 0
        articles = list(all_articles(library))
    width = max((len(a.id) for a in articles), default=0)
    for article in articles:
        line = (
            f"{article.date_label:<10}  {article.id:<{width}}  {article.words:>6}  {article.title}"
        )
        if article.revised is not None:  # an imported page that changed: `readout diff ID`
            line += f"  (revised {article.revised.isoformat()})"
        print(one_line(line), file=out)
    return 0


def cmd_show(args: argparse.Namespace, config: Config, out: TextIO) -> int:
    """`readout show ID`: the normalised article."""
    import shutil
    import textwrap

    from tui.cli_io import print_json
    from tui.cli_library import find_article, opened
    from tui.core.controls import visible

    with opened(config) as library:
        article = find_article(library, args.id)
    if args.json:
        passages = {
            "paragraphs": [p.as_dict() for p in article.paragraphs],
            "sentences": [s.as_dict() for s in article.sentences],
        }
        print_json({**article.summary(), "text": article.text, **passages}, out)
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


Listed = Union["Article", "ArticleSummary"]


def _extractions(library: Library, wanted: Sequence[str]) -> Iterator[tuple[Listed, Extraction]]:
    """The articles `wanted` (unique prefixes, each found before anything is printed),
    or every article, with their extraction."""
    from tui.cli_library import find_article

    found: list[Listed] = [find_article(library, w) for w in wanted]
    return _extracted(library, [found] if wanted else article_pages(library))


def _extracted(
    library: Library, pages: Iterable[Sequence[Listed]]
) -> Iterator[tuple[Listed, Extraction]]:
    for page in pages:
        extractions = library.extractions([article.id for article in page])
        for article in page:
            extraction = extractions.get(article.id)
            if extraction is not None:  # deleted by a refresh since it was listed
                yield article, extraction


def cmd_extract(args: argparse.Namespace, config: Config, out: TextIO) -> int:
    """`readout extract [ID ...]`: leaders and commitments."""
    from tui.cli_corrections import corrected
    from tui.cli_io import print_json_rows
    from tui.cli_library import opened

    with opened(config, corrected(config)) as library:
        results = _extractions(library, args.ids)
        if args.json:
            rows = (_extraction_json(a, e) for a, e in results)
            print_json_rows(rows, out, key="articles")
            return 0
        for index, (article, extraction) in enumerate(results):
            if index:
                print(file=out)
            _print_extraction(article, extraction, out)
    return 0


def _print_extraction(article: Listed, extraction: Extraction, out: TextIO) -> None:
    from tui.core.text import shorten

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


def _extraction_json(article: Listed, extraction: Extraction) -> dict[str, Any]:
    return {
        "id": article.id,
        "date": article.date.isoformat() if article.date else None,
        "leaders": [leader.as_dict() for leader in extraction.leaders],
        "commitments": [commitment.as_dict() for commitment in extraction.commitments],
    }


def cmd_search(args: argparse.Namespace, config: Config, out: TextIO) -> int:
    """`readout search QUERY`: the best passages, best first."""
    from tui.cli_corrections import corrected
    from tui.cli_io import print_json
    from tui.cli_library import opened
    from tui.core.query import parse_query
    from tui.core.text import shorten

    query = parse_query(" ".join(args.query))
    # `leader:` reads the leaders extracted with the corrections: warn of their problems.
    lexicon = corrected(config) if query.leader is not None else None
    with opened(config, lexicon) as library:
        hits = library.search(query, limit=args.limit)
        if args.json:
            print_json([hit.as_dict() for hit in hits], out)
            return 0
        ids = {hit.article_id for hit in hits}
        titles = {a.id: a.title for a in library.articles(only=ids)} if ids else {}
    for hit in hits:
        title = shorten(titles.get(hit.article_id, ""), 60)
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
    from tui.core.config import CONFIG_ENV

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
    if args.command in ("list", "show", "extract", "search", "refresh", "diff", "events"):
        _check_corpus_folder(config)
    handler: Callable[[argparse.Namespace, Config, TextIO], int] = args.handler
    with _ending_on_sigterm():  # not around the app: Textual restores the terminal itself
        code = handler(args, config, sys.stdout)
    sys.stdout.flush()  # a full disk or a closed pipe fails here, inside the handlers
    return code


@contextmanager
def _ending_on_sigterm() -> Iterator[None]:
    """Inside, SIGTERM raises `Terminated` (in the main thread; else it is left alone)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class Terminated(BaseException):
    """SIGTERM arrived: unwind (a refresh rolls back its open batch, its worker
    processes are stopped) and exit with 128 + 15."""


def _terminated(signum: int, _frame: object) -> None:
    raise Terminated(signum)


def _mistakes() -> tuple[type[Exception], ...]:
    """The errors said in one line with exit code 2 (imported only when one may be
    what was raised)."""
    from tui.core.config import ConfigError
    from tui.core.corpus import CorpusError
    from tui.core.corrections import CorrectionsError
    from tui.core.notes import NotesError
    from tui.core.query import SearchError
    from tui.core.store.model import LibraryError

    return (UserError, ConfigError, CorpusError, SearchError, NotesError, CorrectionsError,
            LibraryError)  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    """Run `readout` with `argv` (default: the process arguments); return the exit code."""
    readable_output()
    args = build_parser().parse_args(argv)
    try:
        return _run(args)
    except _mistakes() as error:  # evaluated only when something was raised
        _fail(str(error))
    except BrokenPipeError:
        # `readout list | head`: the reader left early; that is not an error.
        quiet_stdout()
        return 0
    except OSError as error:
        if error.filename is not None:  # a file or folder readout was given
            from tui.core.corpus_files import display_path

            _fail(f"{display_path(error.filename)}: {error.strerror or error}")
        # Writing the output failed: `readout list > /dev/full`.
        quiet_stdout()
        _fail(f"cannot write the output: {error.strerror or error}")
    except KeyboardInterrupt:
        return 130
    except Terminated:
        print(f"{PROG}: stopped (terminated); the library keeps what was done", file=sys.stderr)
        return 128 + signal.SIGTERM
    except sqlite3.Error as error:  # the Library turns these into LibraryError: a last net
        _fail(f"the library store: {error}")


if __name__ == "__main__":
    raise SystemExit(main())
