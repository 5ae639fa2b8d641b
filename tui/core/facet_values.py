"""A value typed for a facet (`--actor "to lam"`, `--side vietnam`) matched against
the values the corpus has: exactly, else folded as search folds text (case,
diacritics, punctuation and spacing ignored), else the closest few to suggest.
`resolve_name` does it for a person (an actor, a leader): also by every spelling the
gazetteer gives them and by whole words of a name (`Xi`, `Wentao`), one way for every
place a name is typed (`--actor`, `actor:`, `--leader`, `readout leader`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process, utils

from tui.core.query import search_fold

if TYPE_CHECKING:
    from tui.core.extract.lexicon import LeaderEntry

__all__ = ["Named", "close_values", "fold_key", "matching_value", "resolve_name", "resolve_value"]

CLOSE = 75
"""The least weighted ratio (of 100) a value suggests itself at: at 60, `Putin` was
told "did you mean: Xi Jinping?" and `lam` "Việt Nam"."""


def fold_key(value: str) -> str:
    """`value` as search folds it, spaces left out: `Tô Lâm` -> `tolam`."""
    return "".join(search_fold(value).split())


def matching_value(typed: str, known: Iterable[str]) -> str | None:
    """The value of `known` that `typed` names: itself, or the one value that folds
    to the same letters; `None` when none (or several) do."""
    values = list(known)
    if typed in values:
        return typed
    folded = [value for value in values if fold_key(value) == fold_key(typed)]
    return folded[0] if len(folded) == 1 else None


def close_values(typed: str, known: Iterable[str], limit: int = 3) -> list[str]:
    """Up to `limit` values of `known` closest to `typed`, best first (rapidfuzz's
    weighted ratio on folded text, `CLOSE` or more)."""
    values = list(known)
    found = process.extract(
        search_fold(typed),
        [search_fold(value) for value in values],
        scorer=fuzz.WRatio,
        processor=utils.default_process,
        limit=limit,
        score_cutoff=CLOSE,
    )
    return [values[index] for _, _, index in found]


@dataclass(frozen=True, slots=True)
class Named:
    """What a typed name names: `found` (values of the corpus, several when it is
    ambiguous), else `close` (the nearest values, to suggest)."""

    found: tuple[str, ...]
    close: tuple[str, ...] = ()

    def hint(self) -> str:
        """`; did you mean: A, B?` (empty when there is nothing close)."""
        return f"; did you mean: {', '.join(self.close)}?" if self.close else ""


def resolve_value(typed: str, known: Iterable[str]) -> Named:
    """The value of `known` that `typed` names (`matching_value`), else none and the
    closest: how a side, a kind or a topic typed is known."""
    values = list(known)
    value = matching_value(typed.strip(), values)
    return Named((value,)) if value is not None else Named((), tuple(close_values(typed, values)))


def resolve_name(typed: str, known: Iterable[str], gazetteer: Iterable[LeaderEntry] = ()) -> Named:
    """The values of `known` (names as the corpus has them, most used first) that
    `typed` names: the one that folds to the same letters; else those the gazetteer
    gives `typed` as a spelling of (a name, an alias, a short form) together with
    those holding its words in a row, in `known`'s order; else none, and the closest."""
    from tui.core.event_filter import leader_names

    values = list(known)
    value = matching_value(typed.strip(), values)
    if value is not None:
        return Named((value,))
    named = leader_names(typed, values, gazetteer)
    found = tuple(name for name in values if name in named)
    return Named(found) if found else Named((), tuple(close_values(typed, values)))
