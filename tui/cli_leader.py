"""`readout leader [NAME]`: a leader's profile (the articles and events naming them,
the titles the articles give them over time, their commitments by kind and topic,
whom they met or spoke with), or, without a name, every leader of the corpus."""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from tui.cli_io import UserError
from tui.core.controls import one_line

if TYPE_CHECKING:
    from tui.core.config import Config
    from tui.core.profiles import LeaderProfile
    from tui.core.store import Library

__all__ = ["add_leader_parser", "named_leader"]

LIST_FIELDS = ("name", "articles")
PROFILE_FIELDS = ("id", "date", "title", "source", "titles", "with")
"""`--csv` columns: of the list of leaders; of one leader's articles."""

SHOWN = 10
"""Counterparts, topics and articles a profile prints in full (`--json` has all)."""


def add_leader_parser(
    commands: argparse._SubParsersAction[Any], common: Sequence[argparse.ArgumentParser]
) -> None:
    """Add `readout leader` to the subcommands."""
    leader = commands.add_parser(
        "leader", parents=list(common), help="a leader's profile, or every leader",
        description="A leader's profile: the articles and events naming them, the titles "
        "the articles give them with their dates, their commitments by kind and topic, "
        "and the leaders they met or spoke with. Without NAME: every leader of the "
        "corpus, most named first. NAME is matched as search matches text (`to lam`).",
    )  # fmt: skip
    leader.add_argument("name", nargs="?", metavar="NAME", help="the leader (any spelling)")
    shape = leader.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help="print JSON")
    shape.add_argument("--jsonl", action="store_true", help="print one JSON object a line")
    shape.add_argument(
        "--csv", action="store_true", help="print CSV (with NAME: one row per article)"
    )
    leader.set_defaults(handler=cmd_leader)


def cmd_leader(args: argparse.Namespace, config: Config, out: TextIO) -> int:
    """`readout leader`: one profile, or the list of leaders."""
    from tui.cli_corrections import corrected
    from tui.cli_library import opened

    if args.name is not None and not args.name.strip():
        raise UserError("the leader's name is empty")
    with opened(config, corrected(config)) as library:
        if args.name is None:
            _print_leaders(library.leaders(), args, out)
            return 0
        profile = library.leader_profile(named_leader(library, args.name))
    if profile is None:  # named in the corpus a moment ago, gone since
        raise UserError(f"no article names {one_line(args.name)!r} any more")
    _print_profile(profile, args, out)
    return 0


def named_leader(library: Library, typed: str) -> str:
    """The corpus name of the leader `typed` names (`facet_values.resolve_name`: folded
    as search folds text, any spelling the gazetteer gives, whole words of a name);
    else a `UserError`, with the closest names, or the several it could be."""
    from tui.core.facet_values import resolve_name

    known = library.leaders()
    named = resolve_name(typed, known, library.lexicon.leaders)
    if len(named.found) == 1:
        return named.found[0]
    if named.found:
        raise UserError(
            f"{one_line(typed)!r} names several leaders: {one_line(', '.join(named.found))}"
        )
    raise UserError(f"no leader {one_line(typed)!r} in the corpus{named.hint()}")


def _print_leaders(counts: Mapping[str, int], args: argparse.Namespace, out: TextIO) -> None:
    from tui.cli_io import print_csv, print_json, print_jsonl

    rows = [{"name": name, "articles": count} for name, count in counts.items()]
    if args.json:
        print_json(rows, out)
    elif args.jsonl:
        print_jsonl(rows, out)
    elif args.csv:
        print_csv(LIST_FIELDS, ([row[f] for f in LIST_FIELDS] for row in rows), out)
    else:
        width = max((len(str(count)) for count in counts.values()), default=1)
        for name, count in counts.items():
            print(f"{count:>{width}}  {one_line(name)}", file=out)


def _print_profile(profile: LeaderProfile, args: argparse.Namespace, out: TextIO) -> None:
    from tui.cli_io import print_csv, print_json, print_jsonl

    if args.json:
        print_json(profile.as_dict(), out)
    elif args.jsonl:
        print_jsonl([profile.as_dict()], out)
    elif args.csv:
        print_csv(PROFILE_FIELDS, _article_rows(profile), out)
    else:
        for line in profile_lines(profile):
            print(line, file=out)


def _article_rows(profile: LeaderProfile) -> list[list[object]]:
    """Each article naming the leader: the titles it gives them, the others it names."""
    rows: list[list[object]] = []
    for a in profile.appearances:
        held = [t for who, _, titles in a.leaders if who == profile.name for t in titles]
        others = [who for who, _, _ in a.leaders if who != profile.name]
        date = a.date.isoformat() if a.date else ""
        rows.append([a.article_id, date, a.title, a.source or "", held, others])
    return rows


def profile_lines(profile: LeaderProfile) -> list[str]:
    """The profile as `readout leader NAME` prints it: one line each, text shown
    literally (control characters as symbols)."""
    span = " … ".join(d.isoformat() for d in dict.fromkeys((profile.first, profile.last)) if d)
    country = f" ({profile.country})" if profile.country else ""
    count = len(profile.appearances)
    lines = [f"{profile.name}{country}: {count} article{'s' * (count != 1)}  {span}".rstrip()]
    if profile.titles:
        lines.append("Titles")
        for t in profile.titles:
            months = dict.fromkeys(d.isoformat()[:7] for d in (t.first, t.last) if d)
            when = " … ".join(months)
            lines.append(f"  {t.title}  {when or 'undated'}  ({t.articles})")
    lines.append(f"Events reported by two articles or more: {len(profile.events)}")
    for event in profile.events[:SHOWN]:
        first = event.first.isoformat() if event.first else "undated"
        lines.append(f"  {first}  {event.kind}  {' – '.join(event.leaders)}  ({event.id})")
    lines.append(f"Commitments: {profile.commitments}")
    for label, counts in (("kinds", profile.kinds), ("topics", profile.topics)):
        if counts:
            shown = list(counts.items())[:SHOWN]
            lines.append(f"  {label}: " + " · ".join(f"{value} {n}" for value, n in shown))
    if profile.counterparts:
        lines.append("Named with")
        for c in profile.counterparts[:SHOWN]:
            where = f" ({c.country})" if c.country else ""
            events = f", {c.events} event{'s' * (c.events != 1)}" if c.events else ""
            last = f", last {c.last.isoformat()}" if c.last else ""
            lines.append(f"  {c.name}{where}: {c.articles} article{'s' * (c.articles != 1)}"
                         f"{events}{last}")  # fmt: skip
    lines.append("Articles")
    for a in profile.appearances[:SHOWN]:
        source = f"  ({a.source})" if a.source else ""
        lines.append(f"  {a.date.isoformat() if a.date else 'undated':<10}  {a.title}{source}")
    if count > SHOWN:
        lines.append(f"  … and {count - SHOWN} more (--json for all)")
    return [one_line(line) for line in lines]
