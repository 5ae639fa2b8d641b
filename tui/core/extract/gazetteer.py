"""The bundled leaders gazetteer (`tui/data/gazetteer.yaml`): heads of state and
government, party leaders, foreign ministers and other prominent office holders of
the countries of Asian diplomacy since 2015, with the titles they held and when.

It is read once (cached) into `LeaderEntry` objects. The people of `config.yaml` are
added to it by `merge`: a person there replaces the bundled person who shares a
spelling (case and diacritics folded), so a person's own list always wins.

Dates in the file are `YYYY-MM-DD`, `YYYY-MM` or `YYYY`: a partial `from` is taken as
the first day of its month or year, a partial `to` as the last.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from importlib.resources import files
from typing import Any

import yaml

from tui.core import safe_yaml
from tui.core.extract.lexicon import LeaderEntry, Tenure
from tui.core.text import fold

__all__ = [
    "COUNTRIES",
    "Entries",
    "Gazetteer",
    "GazetteerError",
    "bundled",
    "merge",
    "read_gazetteer",
]

COUNTRIES = frozenset(
    "Việt Nam, China, Cambodia, Laos, Thailand, Japan, South Korea, North Korea, India, "
    "Australia, United States, Russia, Malaysia, Indonesia, Singapore, Philippines, "
    "Myanmar, Brunei, European Union".split(", ")
)
"""The country spellings the gazetteer uses (those of the gold annotation)."""

_FIELDS = frozenset(("name", "country", "aliases", "short", "titles"))
_TITLE_FIELDS = frozenset(("title", "from", "to"))
_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(0?[1-9]|1[0-2]))?")


class Entries(tuple[LeaderEntry, ...]):
    """A tuple of people that computes its hash once. Extraction looks the lexicon's
    people up in caches (the name finder, the short forms) for every article; a plain
    tuple of several hundred entries would hash them all each time."""

    _hash: int | None = None

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = tuple.__hash__(self)
        return self._hash


class GazetteerError(ValueError):
    """An entry of a gazetteer file that cannot be used; the message is one line."""


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """The entries read from a gazetteer file, and one line for each entry left out."""

    entries: tuple[LeaderEntry, ...]
    problems: tuple[str, ...] = ()


def _day(value: object, *, last: bool) -> date | None:
    """A date from the file: a full date, `YYYY-MM` or `YYYY` (first or `last` day)."""
    if value is None or isinstance(value, date):
        return value
    text = str(value) if isinstance(value, int | str) and not isinstance(value, bool) else ""
    match = _PARTIAL_DATE.fullmatch(text)
    if match is None:
        raise GazetteerError(f"{value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")
    year, month = int(match[1]), int(match[2] or 0)
    if not last:
        return date(year, month or 1, 1)
    month = month or 12
    return date(year, month, calendar.monthrange(year, month)[1])


def _texts(value: object, what: str) -> tuple[str, ...]:
    """A list of non-empty strings; one string is a list of one."""
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(i, str) and i.strip() for i in items):
        raise GazetteerError(f"{what} must be a list of text")
    return tuple(item.strip() for item in items)


def _tenure(value: object) -> Tenure:
    if not isinstance(value, dict) or not isinstance(value.get("title"), str):
        raise GazetteerError("each title must be a mapping with a 'title'")
    if unknown := set(value) - _TITLE_FIELDS:
        raise GazetteerError(f"unknown title field {sorted(map(str, unknown))[0]!r}")
    tenure = Tenure(
        value["title"].strip(),
        _day(value.get("from"), last=False),
        _day(value.get("to"), last=True),
    )
    if tenure.start and tenure.end and tenure.end < tenure.start:
        raise GazetteerError(f"{tenure.title!r} ends before it starts")
    return tenure


def _entry(value: object) -> LeaderEntry:
    if not isinstance(value, dict) or not isinstance(value.get("name"), str):
        raise GazetteerError("each person must be a mapping with a 'name'")
    if unknown := set(value) - _FIELDS:
        raise GazetteerError(f"unknown field {sorted(map(str, unknown))[0]!r}")
    country = value.get("country")
    if country is not None and not isinstance(country, str):
        raise GazetteerError("'country' must be text")
    titles = value.get("titles", [])
    if not isinstance(titles, list):
        raise GazetteerError("'titles' must be a list")
    return LeaderEntry(
        name=value["name"].strip(),
        country=country,
        aliases=_texts(value.get("aliases", []), "'aliases'"),
        short=_texts(value.get("short", []), "'short'"),
        titles=tuple(_tenure(title) for title in titles),
    )


def read_gazetteer(text: str, source: str = "gazetteer", *, trusted: bool = False) -> Gazetteer:
    """The people of a gazetteer file (a YAML list of people). A broken entry is left
    out with a problem naming it; a file that is not such a list raises
    `GazetteerError`. A `trusted` file (the bundled one) is parsed with libyaml when
    PyYAML has it: seven times faster, and every command reads it."""
    fast = getattr(yaml, "CSafeLoader", None) if trusted else None
    try:
        data: Any = yaml.load(text, Loader=fast) if fast else safe_yaml.load(text)
    except yaml.YAMLError as error:
        line, problem = safe_yaml.problem(error)
        raise GazetteerError(f"{source}:{line or '?'}: invalid YAML: {problem}") from None
    if not isinstance(data, list):
        raise GazetteerError(f"{source}: must be a list of people")
    entries: list[LeaderEntry] = []
    problems: list[str] = []
    for index, value in enumerate(data, start=1):
        try:
            entries.append(_entry(value))
        except GazetteerError as error:
            name = value.get("name") if isinstance(value, dict) else None
            problems.append(f"{source}: person {index} ({name or 'no name'}): {error}")
    return Gazetteer(Entries(entries), tuple(problems))


@cache
def bundled_gazetteer() -> Gazetteer:
    """The bundled gazetteer, read once."""
    text = (files("tui") / "data" / "gazetteer.yaml").read_text("utf-8")
    return read_gazetteer(text, "gazetteer.yaml", trusted=True)


def bundled() -> tuple[LeaderEntry, ...]:
    """The people of the bundled gazetteer (the same tuple on every call)."""
    return bundled_gazetteer().entries


def spellings(entry: LeaderEntry) -> Iterable[str]:
    """The folded full spellings of an entry: its name and aliases."""
    return (fold(spelling) for spelling in (entry.name, *entry.aliases))


def sole_in_office(entries: Iterable[LeaderEntry], day: date | None) -> LeaderEntry | None:
    """The one of `entries` who held an office on `day`, when exactly one did: how a
    short form two people of an article share can still be settled (`Shinawatra` in
    2025 beside Thaksin and Paetongtarn Shinawatra is Paetongtarn, the one in office)."""
    if day is None:
        return None
    holders = [entry for entry in entries if entry.held_on(day)]
    return holders[0] if len(holders) == 1 else None


@lru_cache(maxsize=16)
def merge(own: tuple[LeaderEntry, ...], base: tuple[LeaderEntry, ...]) -> tuple[LeaderEntry, ...]:
    """`own` people first, then the people of `base` who share no full spelling
    (folded) with any of them. Cached, so loading the same config again gives the
    very same tuple, and what is built from it (the name finder) is built once."""
    taken = {spelling for entry in own for spelling in spellings(entry)}
    kept = (entry for entry in base if taken.isdisjoint(spellings(entry)))
    return Entries((*own, *kept))
