"""`readout correct ...`: the analyst's corrections from the command line, the twins of
the app's keys. Each writes one entry to the corrections file (`corrections` in
`config.yaml`); `readout extract` and the app apply them.

    readout correct rename OLD NEW [--article ID]
    readout correct merge NAME INTO [--article ID]
    readout correct not-person NAME [--article ID]
    readout correct add-leader NAME [--country C] [--short S]... [--alias A]...
    readout correct commitment ID SENTENCE_START (--drop | --kind K | --actor A...)
    readout correct list | remove N | undo
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import Any, TextIO

from tui.cli_io import PROG, UserError
from tui.cli_io import print_json as _print_json
from tui.cli_library import find_article, opened
from tui.core.config import Config
from tui.core.corrections import CorrectionsFile, corrected_lexicon
from tui.core.corrections_yaml import Entry, as_mapping, describe
from tui.core.extract import KINDS, Lexicon
from tui.core.extract.corrections import (
    MIN_SENTENCE,
    AddLeader,
    CommitmentFix,
    Correction,
    NotPerson,
    Rename,
    names_a_sentence,
    sentence_key,
)
from tui.core.extract.lexicon import LeaderEntry
from tui.core.text import one_line

__all__ = ["add_correct_parser", "corrected"]

Handler = Callable[[argparse.Namespace, Config, TextIO], int]


def corrected(config: Config) -> Lexicon:
    """The configured lexicon with the corrections file applied; each problem with
    the file is a warning on stderr, and what can be applied is."""
    lexicon, problems = corrected_lexicon(config.lexicon, config.corrections_file)
    for problem in problems:
        print(f"{PROG}: warning: {one_line(problem)}", file=sys.stderr)
    return lexicon


def _name(value: str, what: str) -> str:
    """A name as typed, without the spaces around it; never empty."""
    name = value.strip()
    if not name:
        raise UserError(f"{what} cannot be empty")
    return name


def _entry_json(entry: Entry) -> dict[str, object]:
    return {"number": entry.number, "line": entry.line, **as_mapping(entry.correction)}


def _written(args: argparse.Namespace, config: Config, correction: Correction, out: TextIO) -> int:
    """Write `correction` and say so (as JSON with `--json`)."""
    CorrectionsFile(config.corrections_file).add(correction)
    if args.json:
        _print_json({"file": str(config.corrections_file), **as_mapping(correction)}, out)
    else:
        print(one_line(f"corrected in {config.corrections_file}: {describe(correction)}"), file=out)
    return 0


def _article_id(args: argparse.Namespace, config: Config) -> str | None:
    """The article `--article` names (a unique prefix is enough), if given."""
    if args.article is None:
        return None
    with opened(config) as library:
        return find_article(library, args.article).id


def cmd_rename(args: argparse.Namespace, config: Config, out: TextIO) -> int:
    """`readout correct rename OLD NEW` (and `merge NAME INTO`)."""
    merge = args.action == "merge"
    old = _name(args.name, "the name")
    new = _name(args.to, "the name to merge into" if merge else "the new name")
    if old == new:
        raise UserError(f"{old!r} is already called so")
    correction = Rename(old, new, _article_id(args, config), merge=merge)
    return _written(args, config, correction, out)


def cmd_not_person(args: argparse.Namespace, config: Config, out: TextIO) -> int:
    """`readout correct not-person NAME`."""
    name = _name(args.name, "the name")
    return _written(args, config, NotPerson(name, _article_id(args, config)), out)


def cmd_add_leader(args: argparse.Namespace, config: Config, out: TextIO) -> int:
    """`readout correct add-leader NAME`."""
    entry = LeaderEntry(
        name=_name(args.name, "the name"),
        country=_name(args.country, "--country") if args.country is not None else None,
        aliases=tuple(_name(a, "--alias") for a in args.alias),
        short=tuple(_name(s, "--short") for s in args.short),
    )
    return _written(args, config, AddLeader(entry), out)


def cmd_commitment(args: argparse.Namespace, config: Config, out: TextIO) -> int:
    """`readout correct commitment ID SENTENCE_START ...`."""
    if not (args.drop or args.kind or args.actor):
        raise UserError("say what to correct: --drop, --kind KIND or --actor NAME")
    if args.drop and (args.kind or args.actor):
        raise UserError("--drop cannot go with --kind or --actor")
    start = " ".join(args.sentence.split())
    if not names_a_sentence(start):
        raise UserError(f"give at least {MIN_SENTENCE} characters of the sentence")
    with opened(config) as library:
        article = find_article(library, args.id)
    wanted = sentence_key(start)
    if not any(sentence_key(s.text).startswith(wanted) for s in article.sentences):
        raise UserError(f"no sentence of {article.id} starts with {start!r}")
    actors = tuple(_name(a, "--actor") for a in args.actor) or None
    correction = CommitmentFix(str(article.id), start, args.drop, args.kind, actors)
    return _written(args, config, correction, out)


def cmd_list(args: argparse.Namespace, config: Config, out: TextIO) -> int:
    """`readout correct list`: every entry, numbered as `remove` takes them."""
    loaded = CorrectionsFile(config.corrections_file).load()
    for problem in loaded.problems:
        print(f"{PROG}: warning: {one_line(problem)}", file=sys.stderr)
    if args.json:
        _print_json([_entry_json(entry) for entry in loaded.entries], out)
        return 0
    for entry in loaded.entries:
        print(one_line(f"{entry.number:>3}  {describe(entry.correction)}"), file=out)
    if not loaded.entries and not loaded.problems:
        print(f"no corrections in {config.corrections_file}", file=sys.stderr)
    return 0


def cmd_remove(args: argparse.Namespace, config: Config, out: TextIO) -> int:
    """`readout correct remove N` and `readout correct undo` (the last entry)."""
    removed = CorrectionsFile(config.corrections_file).remove(getattr(args, "number", None))
    if args.json:
        _print_json({"file": str(config.corrections_file), **_entry_json(removed)}, out)
    else:
        line = f"removed from {config.corrections_file}: {describe(removed.correction)}"
        print(one_line(line), file=out)
    return 0


def _add(
    actions: argparse._SubParsersAction[Any],
    name: str,
    common: Sequence[argparse.ArgumentParser],
    handler: Callable[..., int],
    text: str,
) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = actions.add_parser(
        name, parents=list(common), help=text, description=text[0].upper() + text[1:] + "."
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(correct=handler, action=name)
    return parser


def _article_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--article", metavar="ID", help="in this article only (a unique prefix is enough)"
    )


def add_correct_parser(
    commands: argparse._SubParsersAction[Any], common: Sequence[argparse.ArgumentParser]
) -> None:
    """Add `readout correct ...` to the subcommands."""
    correct = commands.add_parser(
        "correct", parents=list(common), help="correct leaders and commitments",
        description="Correct what extraction found. Each correction is written to the "
        "corrections file (`corrections` in config.yaml), which you may also edit by hand; "
        f"the app and `{PROG} extract` apply it.",
    )  # fmt: skip
    actions = correct.add_subparsers(dest="action", metavar="ACTION", required=True)
    merge_help = "merge a leader into another (the second name stays)"
    for name, text in (("rename", "call a leader by another name"), ("merge", merge_help)):
        parser = _add(actions, name, common, cmd_rename, text)
        parser.add_argument("name", metavar="NAME", help="the name extraction gives")
        parser.add_argument("to", metavar="NEW" if name == "rename" else "INTO")
        _article_option(parser)
    parser = _add(actions, "not-person", common, cmd_not_person, "mark a name as not a person")
    parser.add_argument("name", metavar="NAME")
    _article_option(parser)
    parser = _add(actions, "add-leader", common, cmd_add_leader, "add a person to the gazetteer")
    parser.add_argument("name", metavar="NAME", help="the full name, as it should be shown")
    parser.add_argument("--country", metavar="C", help="their country")
    parser.add_argument("--short", action="append", default=[], metavar="S", help="a short form")
    parser.add_argument("--alias", action="append", default=[], metavar="A", help="a spelling")
    parser = _add(actions, "commitment", common, cmd_commitment, "correct one commitment")
    parser.add_argument("id", metavar="ID", help="article id (a unique prefix is enough)")
    parser.add_argument("sentence", metavar="SENTENCE_START", help="the sentence's first words")
    parser.add_argument("--drop", action="store_true", help="it is not a commitment")
    parser.add_argument("--kind", choices=KINDS, help="its kind (a sentence missed is added)")
    parser.add_argument("--actor", action="append", default=[], metavar="A",
                        help="who undertook it: a leader, both, or a country (repeat)")  # fmt: skip
    _add(actions, "list", common, cmd_list, "list the corrections, numbered")
    parser = _add(actions, "remove", common, cmd_remove, "remove correction number N")
    parser.add_argument("number", metavar="N", type=_number, help="as `correct list` numbers it")
    _add(actions, "undo", common, cmd_remove, "remove the last correction")
    correct.set_defaults(handler=_dispatch)


def _number(value: str) -> int:
    if not (value.isascii() and value.isdigit() and 0 < len(value) <= 9 and int(value) > 0):
        raise argparse.ArgumentTypeError(f"must be a correction number (1 or more), not {value!r}")
    return int(value)


def _dispatch(args: argparse.Namespace, config: Config, out: TextIO) -> int:
    handler: Handler = args.correct
    return handler(args, config, out)
