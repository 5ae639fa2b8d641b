"""The corrections file's entries as YAML: each read from its node (so a problem
names its line), each written as one `- ` item that reads back exactly as it was."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from tui.core.extract.corrections import (
    MIN_SENTENCE,
    AddLeader,
    CommitmentFix,
    Correction,
    NotPerson,
    Rename,
    names_a_sentence,
)
from tui.core.extract.lexicon import LeaderEntry
from tui.core.extract.model import KINDS

__all__ = [
    "ACTIONS",
    "HEADER",
    "Entry",
    "as_mapping",
    "describe",
    "entry_text",
    "parse_entries",
]

HEADER = """\
# readout corrections: what you know better than the extraction. readout applies
# them to every extraction (the app and `readout extract` alike) and adds to this
# list when you correct a leader or a commitment in the app or with `readout
# correct`. You may edit it by hand: one `- ` entry a correction, later ones win.
#
# - rename: Tran Thanh Man            # call this leader so, in every article
#   to: Trần Thanh Mẫn
# - merge: Paetongtarn                # two entries for one person: one entry
#   into: Paetongtarn Shinawatra
# - not-person: Belt and Road         # not a person: no leader, no actor
# - add-leader: Anutin Charnvirakul   # a person the gazetteer lacks
#   country: Thailand
#   short: [Anutin]                   # short forms, and aliases: other spellings
# - commitment: The two sides agreed to   # the first words of the sentence
#   article: vna-2024-05-02-visit.txt     # the article id
#   drop: true                            # not a commitment; or kind: pledge,
#                                         # actors: [Tô Lâm] (or [both], [China])
#
# `article: ID` under a rename, merge or not-person limits it to that article.
# Kinds: pledge, agreement, proposal, readiness, announcement, invitation.
"""

ACTIONS: dict[str, tuple[str, ...]] = {
    "rename": ("to", "article"),
    "merge": ("into", "article"),
    "not-person": ("article",),
    "add-leader": ("country", "short", "aliases"),
    "commitment": ("article", "drop", "kind", "actors"),
}
"""Each entry's first key (what it does), and the other keys it may have."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One readable entry of the file: its place in the list (from 1), its line,
    and the correction it makes."""

    number: int
    line: int
    correction: Correction


class _Bad(Exception):
    """An entry that cannot be used; the message says why."""

    def __init__(self, node: yaml.Node, message: str) -> None:
        super().__init__(message)
        self.line = node.start_mark.line + 1


def _text(node: yaml.Node, key: str) -> str:
    """A scalar's text (`yes` and `1984` are names too); never empty."""
    if not isinstance(node, yaml.ScalarNode) or node.tag == "tag:yaml.org,2002:null":
        raise _Bad(node, f"{key!r} must be text")
    value = str(node.value).strip()
    if not value:
        raise _Bad(node, f"{key!r} must not be empty")
    return value


def _texts(node: yaml.Node, key: str) -> tuple[str, ...]:
    """A list of texts; one text is a list of one."""
    if isinstance(node, yaml.SequenceNode):
        return tuple(_text(item, key) for item in node.value)
    return (_text(node, key),)


def _fields(node: yaml.Node) -> tuple[str, dict[str, yaml.Node]]:
    """The entry's action and its keys' value nodes; unknown or repeated keys fail."""
    if not isinstance(node, yaml.MappingNode) or not node.value:
        raise _Bad(node, f"each correction must be a mapping starting with one of {_known()}")
    fields: dict[str, yaml.Node] = {}
    for key_node, value in node.value:
        key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "?"
        if key in fields:
            raise _Bad(key_node, f"the key {key!r} is given twice")
        fields[key] = value
    actions = [key for key in fields if key in ACTIONS]
    if len(actions) != 1:
        raise _Bad(node, f"each correction needs exactly one of {_known()}")
    action = actions[0]
    for key in fields:
        if key != action and key not in ACTIONS[action]:
            known = ", ".join(ACTIONS[action])
            raise _Bad(node, f"unknown key {key!r} in a {action} (known: {known})")
    return action, fields


def _known() -> str:
    return ", ".join(f"{action}:" for action in ACTIONS)


def _optional(fields: dict[str, yaml.Node], key: str) -> str | None:
    return _text(fields[key], key) if key in fields else None


def _leader_fix(action: str, fields: dict[str, yaml.Node]) -> Correction:
    name = _text(fields[action], action)
    article = _optional(fields, "article")
    if action == "not-person":
        return NotPerson(name, article)
    other = "to" if action == "rename" else "into"
    if other not in fields:
        raise _Bad(fields[action], f"a {action} needs {other!r}: the name to use")
    return Rename(name, _text(fields[other], other), article, merge=action == "merge")


def _add_leader(action: str, fields: dict[str, yaml.Node]) -> Correction:
    entry = LeaderEntry(
        name=_text(fields[action], action),
        country=_optional(fields, "country"),
        aliases=_texts(fields["aliases"], "aliases") if "aliases" in fields else (),
        short=_texts(fields["short"], "short") if "short" in fields else (),
    )
    return AddLeader(entry)


def _commitment_fix(action: str, fields: dict[str, yaml.Node]) -> Correction:
    sentence = _text(fields[action], action)
    if not names_a_sentence(sentence):
        raise _Bad(fields[action], f"give at least {MIN_SENTENCE} characters of the sentence")
    if "article" not in fields:
        raise _Bad(fields[action], "a commitment needs 'article': the article id")
    drop = fields.get("drop")
    if drop is not None and drop.tag != "tag:yaml.org,2002:bool":
        raise _Bad(drop, "'drop' must be true or false")
    dropped = drop is not None and str(drop.value).lower() in ("true", "yes", "on")
    kind = _optional(fields, "kind")
    if kind is not None and kind not in KINDS:
        raise _Bad(fields["kind"], f"unknown kind {kind!r} (kinds: {', '.join(KINDS)})")
    actors = _texts(fields["actors"], "actors") if "actors" in fields else None
    if not dropped and kind is None and actors is None:
        raise _Bad(fields[action], "a commitment needs 'drop: true', 'kind' or 'actors'")
    article = _text(fields["article"], "article")
    return CommitmentFix(article, sentence, dropped, kind, actors)


_READERS: dict[str, Callable[[str, dict[str, yaml.Node]], Correction]] = {
    "rename": _leader_fix,
    "merge": _leader_fix,
    "not-person": _leader_fix,
    "add-leader": _add_leader,
    "commitment": _commitment_fix,
}


def parse_entries(path: Path, root: yaml.SequenceNode) -> tuple[list[Entry], list[str]]:
    """The readable entries of the list `root`, and a problem (one line, naming the
    file and line) for each entry skipped."""
    entries: list[Entry] = []
    problems: list[str] = []
    for number, node in enumerate(root.value, start=1):
        try:
            action, fields = _fields(node)
            correction = _READERS[action](action, fields)
        except _Bad as bad:
            problems.append(f"{path}:{bad.line}: {' '.join(str(bad).split())}; skipped")
            continue
        entries.append(Entry(number, node.start_mark.line + 1, correction))
    return entries, problems


def as_mapping(correction: Correction) -> dict[str, object]:
    """The entry's keys and values, in the order they are written (and printed as JSON)."""
    if isinstance(correction, Rename):
        action, other = ("merge", "into") if correction.merge else ("rename", "to")
        data: dict[str, object] = {action: correction.name, other: correction.to}
        return data | ({"article": correction.article} if correction.article else {})
    if isinstance(correction, NotPerson):
        data = {"not-person": correction.name}
        return data | ({"article": correction.article} if correction.article else {})
    if isinstance(correction, AddLeader):
        entry = correction.entry
        data = {"add-leader": entry.name}
        data |= {"country": entry.country} if entry.country else {}
        data |= {"short": list(entry.short)} if entry.short else {}
        return data | ({"aliases": list(entry.aliases)} if entry.aliases else {})
    data = {"commitment": correction.sentence, "article": correction.article}
    data |= {"drop": True} if correction.drop else {}
    data |= {"kind": correction.kind} if correction.kind else {}
    return data | ({"actors": list(correction.actors)} if correction.actors is not None else {})


class _Dumper(yaml.SafeDumper):
    """Writes an entry's mapping one key a line, and its lists on one line."""


def _flow_list(dumper: yaml.SafeDumper, data: list[object]) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)


_BREAKS = frozenset("\n\r\x85\u2028\u2029")


def _text_scalar(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    """A name with a line break of any kind is written with escapes ("\\L"): in
    other styles YAML folds a break into a space when it is read back."""
    style = '"' if _BREAKS.intersection(data) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(list, _flow_list)
_Dumper.add_representer(str, _text_scalar)


def entry_text(correction: Correction) -> str:
    """`correction` as one `- ` item of YAML, ending in a newline. Names are quoted
    where YAML needs it (`#`, `:`, quotes, `[`, leading spaces), never changed."""
    dumped = yaml.dump(
        as_mapping(correction), Dumper=_Dumper, allow_unicode=True, sort_keys=False,
        default_flow_style=False, width=1_000_000,
    )  # fmt: skip
    lines = str(dumped).splitlines(keepends=True)
    return "".join(("- " if index == 0 else "  ") + line for index, line in enumerate(lines))


def describe(correction: Correction) -> str:
    """One line that says what `correction` does, for lists and notifications."""
    where = ""
    if isinstance(correction, Rename | NotPerson) and correction.article:
        where = f" (in {correction.article})"
    if isinstance(correction, Rename):
        verb = "merge" if correction.merge else "rename"
        link = "into" if correction.merge else "to"
        return f"{verb} {correction.name} {link} {correction.to}{where}"
    if isinstance(correction, NotPerson):
        return f"not a person: {correction.name}{where}"
    if isinstance(correction, AddLeader):
        entry = correction.entry
        country = f" ({entry.country})" if entry.country else ""
        return f"add leader {entry.name}{country}"
    changes = ["not a commitment"] if correction.drop else []
    changes += [f"kind {correction.kind}"] if correction.kind else []
    changes += [f"actors {', '.join(correction.actors)}"] if correction.actors is not None else []
    return f"commitment {correction.sentence!r} in {correction.article}: {'; '.join(changes)}"
