"""`readout brief --thread ID | --topic T | --leader NAME`: the commitments of a thread,
a topic or a leader as a Markdown brief of dated quotes, grouped by thread
(`tui.core.quote_brief`)."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING, TextIO

from tui.cli_io import UserError, print_json
from tui.core.controls import one_line

if TYPE_CHECKING:
    from tui.core.config import Config
    from tui.core.quote_brief import QuoteGroup
    from tui.core.store import Library

__all__ = ["cmd_quotes_brief"]


def cmd_quotes_brief(args: argparse.Namespace, config: Config, out: TextIO) -> int:
    """The brief of `--thread`, `--topic` or `--leader` (not with article ids)."""
    from tui.cli_compare import write_output
    from tui.cli_corrections import corrected
    from tui.cli_library import opened
    from tui.core.quote_brief import quotes_markdown

    if args.first is not None or args.event is not None:
        raise UserError("give article ids (or --event) or one of --thread, --topic, --leader")
    with opened(config, corrected(config)) as library:
        title, groups = _groups(library, args)
    markdown = quotes_markdown(title, groups, dt.date.today())
    write_output(args.output, markdown)
    if args.json:
        data = {
            "title": title,
            "threads": [group.thread for group in groups if group.thread is not None],
            "quotes": sum(len(group.quotes) for group in groups),
        }
        print_json({**data, "markdown": markdown, "output": _shown(args)}, out)
    elif args.output is None:
        out.write(markdown)
    else:
        print(one_line(f"wrote the brief to {args.output}"), file=out)
    return 0


def _shown(args: argparse.Namespace) -> str | None:
    return None if args.output is None else str(args.output)


def _groups(library: Library, args: argparse.Namespace) -> tuple[str, list[QuoteGroup]]:
    """The brief's title and groups, or a `UserError` naming what is not there."""
    from tui.core.quote_brief import leader_groups, thread_groups, topic_groups

    if args.thread is not None:
        thread = library.thread(args.thread.strip()) if args.thread.strip() else None
        if thread is None:
            from tui.cli_threads import no_thread

            raise no_thread(library, args.thread)
        return f"Thread: {thread.topic} · {thread.about}", thread_groups(library, [thread])
    if args.topic is not None:
        from tui.cli_threads import named_topic

        topic = named_topic(library, args.topic)  # as `readout threads --topic` reads it
        groups = topic_groups(library, topic)
        if not groups:
            raise UserError(f"no commitments on the topic {topic!r} in the corpus")
        return f"Topic: {topic}", groups
    from tui.cli_leader import named_leader

    name = named_leader(library, args.leader)
    groups = leader_groups(library, name)
    if not groups:
        raise UserError(f"no commitments of {one_line(name)} in the corpus")
    return f"Leader: {name}", groups
