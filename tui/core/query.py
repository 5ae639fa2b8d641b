"""Search queries: the folding search uses, and the fzf-style operators.

`'word` must match as typed, `"a phrase"` word for word, `!word` must not be there,
`leader:NAME` keeps articles that name the leader, `from:` and `to:` bound the date
(`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
"""

from __future__ import annotations

import datetime as dt
import re
import shlex
from dataclasses import dataclass

from tui.core.text import CharMap, fold

__all__ = ["Query", "SearchError", "parse_query", "search_fold"]


def _search_fold_char(char: str) -> str:
    folded = fold(char)
    return folded if folded.isalnum() else " "


search_fold = CharMap(_search_fold_char)
"""`search_fold(text)`: `text` as search sees it, one character for one: `Việt
Nam–China` becomes `viet nam china`, `standard-gauge` becomes `standard gauge`."""


class SearchError(ValueError):
    """A query that cannot be understood (a bad date, an unclosed quote)."""


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query: fuzzy words and the fzf-style operators."""

    terms: tuple[str, ...] = ()
    exact: tuple[str, ...] = ()
    """`'word`: must be there as typed (after folding)."""
    phrases: tuple[str, ...] = ()
    """`"a phrase"`: must be there word for word."""
    excluded: tuple[str, ...] = ()
    """`!word`: must not be there."""
    leader: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    @property
    def words(self) -> tuple[str, ...]:
        """Every word that counts towards the score, in the order typed."""
        phrase_words = tuple(w for phrase in self.phrases for w in phrase.split())
        return self.terms + self.exact + phrase_words

    @property
    def is_empty(self) -> bool:
        """Nothing to look for and nothing to filter by."""
        return not (self.words or self.leader or self.date_from or self.date_to)


def _bound(value: str, *, end: bool) -> dt.date:
    """`2025`, `2025-06` or `2025-06-15` as the first (or, `end`, last) day it covers."""
    try:
        if re.fullmatch(r"\d{4}", value):
            return dt.date(int(value), 12 if end else 1, 31 if end else 1)
        if re.fullmatch(r"\d{4}-\d{2}", value):
            first = dt.date.fromisoformat(f"{value}-01")
            if not end:
                return first
            following = first.replace(day=28) + dt.timedelta(days=4)
            return following - dt.timedelta(days=following.day)
        return dt.date.fromisoformat(value)
    except ValueError:
        raise SearchError(f"not a date: {value!r} (use YYYY, YYYY-MM or YYYY-MM-DD)") from None


def parse_query(raw: str) -> Query:
    """Read `'word`, `"a phrase"`, `!word`, `leader:NAME`, `from:DATE`, `to:DATE` and
    plain words from `raw`."""
    try:
        parts = shlex.split(raw.replace("'", "\0"), posix=True)
    except ValueError:
        raise SearchError('a quote is not closed: end the phrase with "') from None
    values: dict[str, list[str]] = {"terms": [], "exact": [], "phrases": [], "excluded": []}
    options: dict[str, object] = {}
    for part in (p.replace("\0", "'") for p in parts):
        key, _, value = part.partition(":")
        if value and key in ("leader", "from", "to"):
            if key == "leader":
                options["leader"] = search_fold(value).strip()
            else:
                options["date_from" if key == "from" else "date_to"] = _bound(
                    value, end=key == "to"
                )
        elif part.startswith("!") and len(part) > 1:
            values["excluded"] += search_fold(part[1:]).split()
        elif part.startswith("'") and len(part) > 1:
            values["exact"] += search_fold(part[1:]).split()
        elif " " in part.strip():
            phrase = " ".join(search_fold(part).split())
            values["phrases"] += [phrase] if phrase else []
        else:
            values["terms"] += search_fold(part).split()
    return Query(
        terms=tuple(values["terms"]),
        exact=tuple(values["exact"]),
        phrases=tuple(values["phrases"]),
        excluded=tuple(values["excluded"]),
        **options,  # type: ignore[arg-type]
    )
