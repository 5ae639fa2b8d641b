"""`readout threads`: the corpus's commitments linked into threads, one undertaking
each (`tui.core.threads`), with each entry's date, stage and whether it is new or
recurring; `readout threads ID` shows one thread."""

from __future__ import annotations

import argparse
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from tui.cli_io import UserError, print_csv, print_json, print_jsonl
from tui.core.controls import one_line

if TYPE_CHECKING:
    from tui.core.config import Config
    from tui.core.store import Library
    from tui.core.threads import Thread, ThreadEntry

__all__ = ["add_threads_parser"]

CSV_FIELDS = (
    "thread", "topic", "object", "sides", "date", "stage", "new", "kind", "id", "start",
    "end", "text",
)  # fmt: skip
Sentences = dict[tuple[str, int], str]


def add_threads_parser(
    commands: argparse._SubParsersAction[Any], common: Sequence[argparse.ArgumentParser]
) -> None:
    """Add `readout threads` to the subcommands."""
    parser = commands.add_parser(
        "threads", parents=list(common), help="commitments linked across meetings",
        description="The commitments of the corpus linked into threads, one undertaking "
        "each (a topic and its object: 'three standard-gauge railway lines'), oldest entry "
        "first, each with its stage where the text says it and whether it is new or "
        "recurring; threads with their latest entry first. Without --all, only threads "
        "of two entries or more.",
    )  # fmt: skip
    parser.add_argument("thread", nargs="?", metavar="ID", help="show this thread (or id prefix)")
    parser.add_argument("--topic", metavar="T", help="threads of this topic (railway, trade, ...)")
    parser.add_argument("--all", action="store_true", help="also threads of one entry")
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print a JSON list")
    output.add_argument("--jsonl", action="store_true", help="print one JSON object a line")
    output.add_argument("--csv", action="store_true", help="print CSV, one row per entry")
    parser.set_defaults(handler=cmd_threads)


def cmd_threads(args: argparse.Namespace, config: Config, out: TextIO) -> int:
    """`readout threads [ID]`: the threads as blocks, JSON, JSON lines or CSV."""
    from tui.cli_corrections import corrected
    from tui.cli_library import opened

    with opened(config, corrected(config)) as library:
        threads = _chosen(library, args)
        sentences = library.thread_sentences(threads)
    if args.json:
        print_json([_data(thread, sentences) for thread in threads], out)
    elif args.jsonl:
        print_jsonl((_data(thread, sentences) for thread in threads), out)
    elif args.csv:
        print_csv(CSV_FIELDS, _csv_rows(threads, sentences), out)
    else:
        for at, thread in enumerate(threads):
            if at:
                print(file=out)
            print("\n".join(thread_block(thread, sentences)), file=out)
    return 0


def _chosen(library: Library, args: argparse.Namespace) -> list[Thread]:
    """The thread named by `args.thread`, or the threads of `args.topic` (every one
    with `--all`, else those of two entries or more); a `UserError` for a name the
    corpus does not have."""
    if args.thread is not None:
        if not args.thread.strip():
            raise UserError("a thread id cannot be empty (see `readout threads`)")
        found = library.thread(args.thread.strip())
        if found is None:
            raise no_thread(library, args.thread)
        return [found]
    topic = None
    if args.topic is not None:
        topic = named_topic(library, args.topic)
    threads = library.threads(topic)
    return threads if args.all else [t for t in threads if len(t.entries) > 1]


def no_thread(library: Library, typed: str) -> UserError:
    """Why no thread is named `typed`: none has that id, or several ids start with it."""
    prefix = typed.strip()
    starting = sum(thread.id.startswith(prefix) for thread in library.threads()) if prefix else 0
    if starting > 1:
        return UserError(f"{starting} threads' ids start with {one_line(typed)!r}: give more of "
                         "the id (see `readout threads`)")  # fmt: skip
    return UserError(f"no thread {one_line(typed)!r} (see `readout threads`)")


def named_topic(library: Library, typed: str) -> str:
    """The topic tag `typed` names (case and diacritics ignored), else a `UserError`
    with the closest and every topic."""
    from tui.core.facet_values import resolve_value

    known = [topic.tag for topic in library.lexicon.topics]
    named = resolve_value(typed, known)
    if not named.found:
        raise UserError(f"no topic {one_line(typed)!r}{named.hint()} (topics: {', '.join(known)})")
    return named.found[0]


def thread_block(thread: Thread, sentences: Sentences) -> list[str]:
    """A thread as lines: its id, topic and object; its countries, dates, entries and
    latest stage; then one line per entry."""
    first = thread.first.isoformat() if thread.first else "undated"
    last = thread.last.isoformat() if thread.last else "undated"
    span = first if first == last else f"{first}..{last}"
    count = len(thread.entries)
    lines = [
        one_line(f"{thread.id}  {thread.topic}: {thread.about}"),
        one_line(
            f"  {', '.join(thread.sides) or 'sides unknown'} · {span} · {count} "
            f"{'entry' if count == 1 else 'entries'} · stage: {thread.stage or 'not said'}"
        ),
    ]
    for entry in thread.entries:
        lines.append(one_line(_entry_line(entry, sentences)))
    return lines


def _entry_line(entry: ThreadEntry, sentences: Sentences) -> str:
    date = entry.date.isoformat() if entry.date else "undated"
    said = sentences.get((entry.article_id, entry.start), "")
    return (
        f"  {date:<10}  {entry.stage or '-':<9}  {'recurring' if entry.recurring else 'new':<9}"
        f"  {entry.kind:<11}  {entry.article_id}  {' '.join(said.split())}"
    )


def _data(thread: Thread, sentences: Sentences) -> dict[str, object]:
    """A thread as JSON, each entry with its sentence."""
    data = thread.as_dict()
    data["entries"] = [
        {**entry.as_dict(), "text": sentences.get((entry.article_id, entry.start), "")}
        for entry in thread.entries
    ]
    return data


def _csv_rows(threads: Sequence[Thread], sentences: Sentences) -> Iterator[list[object]]:
    """One row per entry of each thread, in `CSV_FIELDS` order."""
    for thread in threads:
        head = {"thread": thread.id, "topic": thread.topic, "object": thread.about,
                "sides": list(thread.sides)}  # fmt: skip
        for entry in thread.entries:
            said = sentences.get((entry.article_id, entry.start), "")
            row = {**head, **entry.as_dict(), "text": said}
            yield [row[field] for field in CSV_FIELDS]
