"""The command line's library: every subcommand that reads articles opens the corpus's
store (`tui.core.store.Library`), brings it up to date, and answers from it.

    with opened(config) as library:
        library.articles(0, 50)

`readout refresh` brings the store up to date (or deletes and rebuilds it) and says
what changed. Problems with the store are one line and exit 2 (`LibraryError`); a
store rebuilt, or another readout refreshing it, is a one-line notice on stderr.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from tui.cli_io import PROG, UserError, refresh_progress
from tui.cli_io import print_json as _print_json
from tui.core.controls import one_line

if TYPE_CHECKING:
    from tui.core.config import Config
    from tui.core.corpus import Article
    from tui.core.extract.lexicon import Lexicon
    from tui.core.store import Library, Refreshed
    from tui.core.store.checks import Scan

__all__ = ["all_summaries", "cmd_refresh", "find_article", "notice", "opened", "store_path"]

WAITING = "another readout is updating the library; waiting for it to finish"


def notice(message: str) -> None:
    """A one-line notice on stderr: something the person may want to know, not a fault."""
    print(f"{PROG}: {one_line(message)}", file=sys.stderr)


def warn(message: str) -> None:
    print(f"{PROG}: warning: {one_line(message)}", file=sys.stderr)


def store_path(config: Config) -> Path:
    """Where the corpus's store is: `library:` in config.yaml (or `--library`), else
    the user's cache folder."""
    from tui.core.store import default_store_path

    return config.library or default_store_path(config.corpus)


def _open(config: Config, lexicon: Lexicon | None) -> Library:
    """The corpus's library, as it is in the store; its notices said."""
    from tui.core.store import Library

    if lexicon is None:
        from tui.core.corrections import corrected_lexicon

        # Titles name leaders as the corrections file says; its problems are warned
        # of by the commands that apply it to extraction.
        lexicon, _ = corrected_lexicon(config.lexicon, config.corrections_file)
    library = Library.open(
        config.corpus, lexicon=lexicon, synonyms=config.synonyms, store=config.library
    )
    for message in library.notices:
        notice(message)
    return library


def _refresh(library: Library, *, scan: Scan = "always") -> Refreshed:
    """Bring `library` up to date, with a progress bar when stderr is a terminal;
    when another readout is refreshing it, say so and wait for it (answering from a
    store half read would be wrong). `scan`: see `tui.core.store.checks` (every
    command but `readout refresh` looks at every file only when a folder moved or
    the last full check is old)."""
    with refresh_progress(sys.stderr.isatty()) as progress:
        result = library.refresh(progress, wait=False, scan=scan)
        if result is None:
            notice(WAITING)
            result = library.refresh(progress, wait=True, scan=scan)
    assert result is not None  # waiting, a refresh always reports
    return result


def _say_warnings(library: Library) -> None:
    for problem in library.warnings():
        warn(str(problem))


@contextmanager
def opened(config: Config, lexicon: Lexicon | None = None) -> Iterator[Library]:
    """The corpus's library brought up to date (after waiting, with a notice, for
    another readout that is refreshing it); the files' problems warned of; closed
    after."""
    library = _open(config, lexicon)
    try:
        _refresh(library, scan="when_due")
        _say_warnings(library)
        yield library
    finally:
        library.close()


def all_summaries(library: Library, page: int = 2000) -> Iterator[dict[str, object]]:
    """What `readout list --json` prints of every article, in list order, read from
    the store a page at a time without making `ArticleSummary` objects (a `Path`
    each: 2.5 s instead of 0.9 s at 100,000 articles)."""
    offset = 0
    while rows := library.summaries(offset, page):
        yield from rows
        if len(rows) < page:
            return
        offset += len(rows)


def find_article(library: Library, wanted: str) -> Article:
    """The article with id `wanted` (or an id older versions gave it), or the one
    whose id starts with it."""
    if not wanted.strip():
        raise UserError(f"an article id cannot be empty (see `{PROG} list`)")
    article = library.get(wanted)
    if article is None:
        matches = library.ids_with_prefix(wanted, limit=6)
        if len(matches) > 1:
            raise UserError(f"article id {wanted!r} is ambiguous: {', '.join(matches[:5])}")
        article = library.get(matches[0]) if matches else None
    if article is None:
        raise UserError(f"no article {wanted!r} in {library.root} (see `{PROG} list`)")
    return article


# `readout refresh` ---------------------------------------------------------------------


def add_refresh_parser(
    commands: argparse._SubParsersAction[Any], common: Sequence[argparse.ArgumentParser]
) -> None:
    """Add `readout refresh [--rebuild] [--json]` to the subcommands."""
    refresh = commands.add_parser(
        "refresh", parents=list(common), help="bring the library up to date with the corpus",
        description="Read the new and changed files of the corpus into the library (the "
        "store every command answers from) and drop the deleted ones; say what changed "
        "and where the library is. Every other command does this first, too.",
    )  # fmt: skip
    refresh.add_argument(
        "--rebuild", action="store_true", help="delete the library and read every file again"
    )
    refresh.add_argument("--json", action="store_true", help="print JSON")
    refresh.set_defaults(handler=cmd_refresh)


def delete_store(store: Path) -> None:
    """Delete the store at `store` (a cache: always safe) under its lock, so that no
    refresh is writing it meanwhile: wait, with a notice, for one that is."""
    from filelock import FileLock, Timeout

    from tui.core.store import schema

    if not store.parent.is_dir():
        return  # nothing was ever made there
    lock = FileLock(schema.lock_path(store))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        notice(WAITING)
        lock.acquire()
    try:
        schema.remove_store(store)
    finally:
        lock.release()


def cmd_refresh(args: argparse.Namespace, config: Config, out: TextIO) -> int:
    """`readout refresh`: read what changed; print what changed and where the store is."""
    if args.rebuild:
        delete_store(store_path(config))
    library = _open(config, None)
    try:
        result = _refresh(library)
        _say_warnings(library)
        _print_refreshed(result, library, args.json, out)
    finally:
        library.close()
    return 0


def _print_refreshed(result: Refreshed, library: Library, as_json: bool, out: TextIO) -> None:
    counts = {
        "added": result.added,
        "changed": result.changed,
        "deleted": result.deleted,
        # Files found under a new name (`Refreshed.renamed` comes with the refresh).
        "renamed": result.renamed,
        "unchanged": result.unchanged,
    }
    if as_json:
        _print_json(
            {
                **counts,
                "seconds": round(result.seconds, 3),
                "articles": library.count(),
                "library": str(library.store_path),
                "corpus": str(library.root),
            },
            out,
        )
        return
    said = ", ".join(f"{count} {what}" for what, count in counts.items())
    print(one_line(f"{said} in {result.seconds:.1f} s; {library.count()} articles"), file=out)
    print(one_line(f"library: {library.store_path}"), file=out)
