"""Sides: the countries a sentence names as actors when it names no person
(`Việt Nam will`, `the Chinese side is ready`, `the United States`), by the names the
gold annotation uses. Two joined by `and` (`Japan and the Philippines`) are both.
"""

from __future__ import annotations

import re

__all__ = ["BOTH", "side_in"]

BOTH = "both"

# Sides: a country, or `the Chinese side` (government, Party and State, ...).
_COUNTRIES = {
    "Việt Nam": "Việt Nam|Vietnam|Viet Nam",
    "China": "China",
    "Cambodia": "Cambodia",
    "Laos": "Laos|Lao PDR",
    "Thailand": "Thailand",
    "Japan": "Japan",
    "South Korea": "South Korea|the Republic of Korea|ROK",
    "North Korea": "North Korea|DPRK",
    "India": "India",
    "Australia": "Australia",
    "United States": "the United States|United States|the US|the U\\.S\\.|US|U\\.S\\.",
    "Russia": "Russia",
    "Malaysia": "Malaysia",
    "Indonesia": "Indonesia",
    "Singapore": "Singapore",
    "Philippines": "the Philippines|Philippines",
    "Myanmar": "Myanmar",
    "Brunei": "Brunei",
    "European Union": "the European Union|European Union|EU",
}
_SIDE_DEMONYMS = {
    "Việt Nam": "Vietnamese", "China": "Chinese", "Cambodia": "Cambodian",
    "Laos": "Lao|Laotian", "Thailand": "Thai", "Japan": "Japanese",
    "South Korea": "South Korean|Korean", "North Korea": "North Korean", "India": "Indian",
    "Australia": "Australian", "United States": "American|US|U\\.S\\.", "Russia": "Russian",
    "Malaysia": "Malaysian", "Indonesia": "Indonesian", "Singapore": "Singaporean",
    "Philippines": "Philippine|Filipino", "Myanmar": "Myanmar", "Brunei": "Bruneian",
    "European Union": "EU|European",
}  # fmt: skip
# A country named after a preposition is no side that acts: `relations with China`.
_AFTER_PREPOSITION = re.compile(r"\b(?:with|to|in|from|of|for|by|on|at) $")
_SIDE_NAMES = list(_COUNTRIES)
_SIDE = re.compile(
    r"\b(?=[A-Z]|[Tt]he )(?:(?:"  # every side starts with a capital, or with `the`
    + "|".join(f"(?P<s{i}>{_COUNTRIES[name]})" for i, name in enumerate(_SIDE_NAMES))
    + r")(?!\w)(?![’']s\b)"
    + r"|[Tt]he (?:"
    + "|".join(f"(?P<d{i}>{_SIDE_DEMONYMS[name]})" for i, name in enumerate(_SIDE_NAMES))
    + r") (?:side|government|Government|Party and State|Party|State|authorities)\b"
    + r"(?! (?:leader|chief|General|Secretary)))"
)
_JOINT_SIDES = re.compile(r"\s*,?\s*and\s+(?:the\s+)?$")


def _acting_side(region: str, start: int, end: int) -> re.Match[str] | None:
    """The first side named in `region[start:end]` that is not after a preposition."""
    while (side := _SIDE.search(region, start, end)) is not None:
        if _AFTER_PREPOSITION.search(region, max(0, side.start() - 6), side.start()) is None:
            return side
        start = side.end()
    return None


def side_in(region: str) -> tuple[int, int, tuple[str, ...]] | None:
    """The first side `region` names as an actor, with where it starts and ends; two
    sides joined by `and` (`Việt Nam and China`) are both."""
    first = _acting_side(region, 0, len(region))
    if first is None:
        return None
    second = _SIDE.search(region, first.end(), first.end() + 30)
    joint = second is not None and _JOINT_SIDES.fullmatch(region, first.end(), second.start())
    if joint and second is not None and _side_name(second) != _side_name(first):
        return first.start(), second.end(), (BOTH,)
    return first.start(), first.end(), (_side_name(first),)


def _side_name(match: re.Match[str]) -> str:
    name = match.lastgroup or "s0"
    return _SIDE_NAMES[int(name[1:])]
