"""`readout`: the command line. With no subcommand it opens the app.

Every subcommand is a thin layer over `tui.core`: it loads the configuration, opens
the corpus's library (the store, brought up to date: `tui.cli_library`) and prints
text for people or JSON for scripts from it. User mistakes end in one line on stderr
and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import gc
import os
import signal
import sqlite3
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from tui.cli_commitments import add_commitments_parser
from tui.cli_compare import add_compare_parsers
from tui.cli_corrections import add_correct_parser
from tui.cli_events import add_events_parser
from tui.cli_import import add_import_parsers
from tui.cli_io import PROG, OneLineParser, UserError, quiet_stdout, readable_output
from tui.cli_io import fail as _fail
from tui.cli_leader import add_leader_parser
from tui.cli_library import add_refresh_parser
from tui.cli_notes import add_notes_parsers
from tui.cli_reading import add_reading_parsers
from tui.cli_threads import add_threads_parser
from tui.cli_timeline import add_timeline_parser

if TYPE_CHECKING:
    from tui.app import ReadoutApp
    from tui.core.config import Config

# What a command needs is imported when it runs: `readout search` on a large library
# answers in well under a second, and the imports are most of it.


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

    add_reading_parsers(commands, common)
    add_notes_parsers(commands, common)
    add_correct_parser(commands, common)
    add_refresh_parser(commands, common)
    add_import_parsers(commands, common)
    add_commitments_parser(commands, common)
    add_compare_parsers(commands, common)
    add_events_parser(commands, common)
    add_leader_parser(commands, common)
    add_timeline_parser(commands, common)
    add_threads_parser(commands, common)
    return parser


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
    reader_app(config).run()
    return 0


def reader_app(config: Config, state_path: Path | None = None) -> ReadoutApp:
    """The reader on `config`. Its library is opened (and its search index read) in a
    thread from the start (`tui.core.store.ahead`), while the app's modules are
    imported, with the garbage collector off and what they made frozen out of its
    reach: the tens of thousands of objects of Textual and the reader live as long as
    the app, and full collections walking them cost tens of milliseconds of its start,
    and again at every later full collection."""
    from tui.core.store.ahead import OpeningAhead

    ahead = OpeningAhead(config)
    gc.disable()
    try:
        from tui.app import ReadoutApp

        return ReadoutApp(config, state_path, ahead)
    finally:
        gc.freeze()
        gc.enable()


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
    if args.command in (
        "list",
        "show",
        "extract",
        "search",
        "refresh",
        "diff",
        "events",
        "threads",
        "commitments",
        "compare",
        "brief",
    ):
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
