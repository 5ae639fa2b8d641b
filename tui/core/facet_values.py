"""A value typed for a facet (`--actor "to lam"`, `--side vietnam`) matched against
the values the corpus has: exactly, else folded as search folds text (case,
diacritics, punctuation and spacing ignored), else the closest few to suggest."""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import fuzz, process, utils

from tui.core.query import search_fold

__all__ = ["close_values", "fold_key", "matching_value"]


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
    weighted ratio on folded text, 60 or more)."""
    values = list(known)
    found = process.extract(
        search_fold(typed),
        [search_fold(value) for value in values],
        scorer=fuzz.WRatio,
        processor=utils.default_process,
        limit=limit,
        score_cutoff=60,
    )
    return [values[index] for _, _, index in found]
