"""`readout import SOURCE...` and `readout diff ID`: readouts in from the web, and what
changed when a page was revised (`tui.core.importing` does the work).

    readout import https://... saved-page.html feed.xml folder/ [--to DIR] [--dry-run]
    readout diff 2025-03-11-some-title.md [--version N] [--json]

One line per outcome on stdout (written, revised, skipped; failures on stderr); a
progress bar on stderr on a terminal (unless one saved file). Exit 0 when every source
went in (or was already there), 2 when any failed: the others are still imported.
"""

from __future__ import annotations

import argparse
import math
import signal
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from tui.cli_io import EXIT_USAGE, PROG, UserError, print_json, print_json_rows
from tui.cli_library import find_article, opened
from tui.core.config import Config
from tui.core.corpus_files import display_path
from tui.core.text import one_line, shorten, visible

if TYPE_CHECKING:
    # Imported by the commands that use them: not every `readout` start pays for them.
    from tui.core.importing import Outcome, Progress

__all__ = ["add_import_parsers"]

MAX_TIMEOUT = 600.0
DEFAULT_TIMEOUT = 20.0  # `tui.core.importing.DEFAULT_TIMEOUT`: a test keeps them one


def add_import_parsers(
    commands: argparse._SubParsersAction[Any], common: Sequence[argparse.ArgumentParser]
) -> None:
    """Add `readout import` and `readout diff` to the subcommands."""
    importing = commands.add_parser(
        "import", parents=list(common), help="import readouts from web pages, feeds, saved files",
        description="Import articles into the corpus, one Markdown file each "
        "(YYYY-MM-DD-title.md with date, title, source, url in its front matter). A SOURCE "
        "is a web address, a saved HTML page, an RSS or Atom feed (address or file), or a "
        "folder of pages and feeds. Articles already there (same address, or same text) are "
        "skipped; a page whose text changed is revised, its earlier text kept "
        f"(see `{PROG} diff`).",
    )  # fmt: skip
    importing.add_argument("sources", nargs="+", metavar="SOURCE", help="what to import")
    importing.add_argument(
        "--to", type=Path, metavar="DIR", help="folder to write to (default: the corpus folder)"
    )
    importing.add_argument("--dry-run", action="store_true", help="say what would be written")
    importing.add_argument(
        "--timeout", type=_seconds, default=DEFAULT_TIMEOUT, metavar="S",
        help=f"seconds to wait for a server ({DEFAULT_TIMEOUT:g})",
    )  # fmt: skip
    importing.add_argument("--json", action="store_true", help="print JSON, one object an outcome")
    importing.set_defaults(handler=cmd_import)

    diff = commands.add_parser(
        "diff", parents=list(common), help="what changed in a revised article, word by word",
        description="Show what changed between an imported article's last two versions "
        "(or version N and the next), word by word: [-removed-] {+added+}.",
    )  # fmt: skip
    diff.add_argument("id", metavar="ID", help="article id (a unique prefix is enough)")
    diff.add_argument("--version", type=_version, metavar="N", help="compare version N with N+1")
    diff.add_argument("--json", action="store_true", help="print JSON")
    diff.set_defaults(handler=cmd_diff)


def _seconds(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not 0 < number <= MAX_TIMEOUT:  # also refuses nan
        shown = shorten(value, 40)
        raise argparse.ArgumentTypeError(f"must be seconds above 0, up to 600, not {shown!r}")
    return number


def _version(value: str) -> int:
    if not (value.isascii() and value.isdigit() and 0 < len(value) <= 6 and int(value) >= 1):
        raise argparse.ArgumentTypeError(
            f"must be a version number (1, 2, ...), not {shorten(value, 40)!r}"
        )
    return int(value)


# `readout import` ----------------------------------------------------------------------


def cmd_import(args: argparse.Namespace, config: Config, out: TextIO) -> int:
    """`readout import SOURCE...`: write, revise or skip each; name every failure."""
    target: Path = args.to or config.corpus
    if args.to is None and not config.corpus.is_dir():
        raise UserError(f"corpus folder not found: {config.corpus} (pass --to DIR to choose one)")
    if target.exists() and not target.is_dir():
        raise UserError(f"not a folder: {display_path(target)}")
    from tui.cli import Terminated
    from tui.core.importing import import_sources

    counted = _counting(iter(()))
    try:
        with _Terminal(out, sys.stderr.isatty() and many_items(args.sources)) as terminal:
            outcomes = import_sources(
                args.sources, to=target, timeout=args.timeout, dry_run=args.dry_run,
                progress=terminal.progress, library=config.corpus,
            )  # fmt: skip
            counted = _counting(outcomes)
            if args.json:
                print_json_rows((outcome.as_dict() for outcome in counted), out)
            else:
                for outcome in counted:
                    _print_outcome(outcome, args.dry_run, terminal)
    except Terminated:
        print(f"{PROG}: import stopped (terminated); {_kept(counted)}", file=sys.stderr)
        return 128 + signal.SIGTERM
    if counted.failed:
        print(f"{PROG}: {_failed(counted)}", file=sys.stderr)
        return EXIT_USAGE
    return 0


def _failed(counted: _counting) -> str:
    if counted.failed == counted.seen:
        return f"{counted.failed} of {counted.seen} failed; nothing went in"
    return f"{counted.failed} of {counted.seen} failed; the others went in"


def _kept(counted: _counting) -> str:
    """What an import stopped part-way leaves: whole files only."""
    done = counted.seen - counted.failed
    if done == 0:
        return "nothing was written"
    return f"the {done} done before it are kept, whole; nothing is half-written"


class _counting:
    """The outcomes, passed through, counted."""

    def __init__(self, outcomes: Iterator[Outcome]) -> None:
        self._outcomes = outcomes
        self.seen = 0
        self.failed = 0

    def __iter__(self) -> Iterator[Outcome]:
        for outcome in self._outcomes:
            self.seen += 1
            self.failed += outcome.status == "failed"
            yield outcome


_SAID = {"written": "written", "revised": "revised"}
_WOULD = {"written": "would write", "revised": "would revise"}


def _print_outcome(outcome: Outcome, dry_run: bool, terminal: _Terminal) -> None:
    if outcome.status == "failed":
        reason = outcome.reason or "failed"
        where = "" if outcome.source in reason else f"{outcome.source}: "
        terminal.say(f"{PROG}: failed: {one_line(where + reason)}", sys.stderr)
        return
    if outcome.status == "skipped":
        reason = (outcome.reason or "").removeprefix("skipped: ")
        terminal.say(one_line(f"skipped  {outcome.source}: {reason}"))
        return
    path = display_path(outcome.path) if outcome.path else "?"
    said = (_WOULD if dry_run else _SAID)[outcome.status]
    extra = f" ({outcome.reason})" if outcome.status == "revised" else ""
    terminal.say(one_line(f"{said}  {path}  {outcome.title or ''}{extra}"))


def many_items(sources: list[str]) -> bool:
    """Whether importing `sources` may mean many pages (a progress bar is worth it):
    several sources, a folder, or an address (a feed's entries are fetched one by one;
    a page may be slow to come); not one saved file."""
    return len(sources) > 1 or not Path(sources[0]).expanduser().is_file()


class _Terminal:
    """Lines for stdout and stderr, and a transient progress bar on stderr (one step a
    source) when `bar`. While the bar shows, a line meant for a terminal is printed
    above it (through the bar's console), never across it; a line meant for a file or
    a pipe goes there as it is."""

    def __init__(self, out: TextIO, bar: bool) -> None:
        self.out = out
        self.progress: Progress | None = None
        self._bar: Any = None
        if bar:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, TextColumn
            from rich.progress import Progress as Bar

            self._bar = Bar(
                TextColumn("Importing"), BarColumn(), MofNCompleteColumn(),
                TextColumn("{task.description}", markup=False),
                console=Console(stderr=True), transient=True,
                redirect_stdout=False, redirect_stderr=False,
            )  # fmt: skip
            task = self._bar.add_task("", total=None)

            def update(done: int, total: int, source: str) -> None:
                label = one_line(shorten(source, 50))
                self._bar.update(task, completed=done, total=total, description=label)

            self.progress = update

    def __enter__(self) -> _Terminal:
        if self._bar is not None:
            self._bar.start()
        return self

    def __exit__(self, *_: object) -> None:
        if self._bar is not None:
            self._bar.stop()

    def say(self, line: str, stream: TextIO | None = None) -> None:
        """Print `line` (already made safe with `one_line`) to `stream` (stdout)."""
        stream = stream or self.out
        if self._bar is not None and stream.isatty():
            from rich.text import Text

            self._bar.console.print(Text(line), soft_wrap=True, highlight=False)
        else:
            print(line, file=stream)


# `readout diff` ------------------------------------------------------------------------


def cmd_diff(args: argparse.Namespace, config: Config, out: TextIO) -> int:
    """`readout diff ID`: the words that changed between two versions."""
    from tui.core.importing import Versions, changed_paragraphs, word_diff

    with opened(config) as library:
        article = find_article(library, args.id)
    texts = Versions.of(article.file).texts
    if len(texts) < 2:
        raise UserError(f"{article.id} has no earlier version: it was never revised")
    first = args.version or len(texts) - 1
    if first >= len(texts):
        raise UserError(
            f"{article.id} has versions 1 to {len(texts)}: --version is 1 to {len(texts) - 1}"
        )
    before, after = texts[first - 1], texts[first]
    changes = word_diff(before, after)
    if args.json:
        rows = [change.as_dict() for change in changes]
        print_json({"id": article.id, "from": first, "to": first + 1, "changes": rows}, out)
        return 0
    count = f"{len(changes)} change{'' if len(changes) == 1 else 's'}"
    print(one_line(f"{article.id}: version {first} → {first + 1}, {count}"), file=out)
    _print_marked(changed_paragraphs(after, changes), out)
    return 0


def _print_marked(paragraphs: list[list[tuple[str, str]]], out: TextIO) -> None:
    """`[-removed-]{+added+}` as plain text; red and green on a terminal (text as data,
    never markup)."""
    if out.isatty():
        from rich.console import Console
        from rich.text import Text

        console = Console(file=out, highlight=False)
        styles = {"": "", "-": "red strike", "+": "green underline"}
        for paragraph in paragraphs:
            console.print()
            console.print(Text.assemble(*((visible(t), styles[k]) for k, t in paragraph)))
        return
    marks = {"": ("", ""), "-": ("[-", "-]"), "+": ("{+", "+}")}
    for paragraph in paragraphs:
        print(file=out)
        print("".join(f"{marks[k][0]}{visible(t)}{marks[k][1]}" for k, t in paragraph), file=out)
