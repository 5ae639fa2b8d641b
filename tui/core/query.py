"""Search queries: the folding search uses, and the fzf-style operators.

`'word` must match as typed, `"a phrase"` word for word, `!word` must not be there,
`leader:NAME` keeps articles that name the leader, `from:` and `to:` bound the date
(`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import shlex
from dataclasses import dataclass

from tui.core.text import CharMap, fold_char, one_line

__all__ = ["MAX_WORDS", "Query", "SearchError", "parse_query", "search_fold"]


def _search_fold_char(char: str) -> str:
    folded = fold_char(char)  # `fold(char)`, minus its layers: the table makes 12,288
    return folded if folded.isalnum() else " "


search_fold = CharMap(_search_fold_char)
"""`search_fold(text)`: `text` as search sees it, one character for one: `Việt
Nam–China` becomes `viet nam china`, `standard-gauge` becomes `standard gauge`."""


MAX_WORDS = 64
"""The most words a query may hold (every word costs a pass over the index; a pasted
page would take seconds per keystroke and mean nothing as a query)."""


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


_DATE = re.compile(r"(?P<year>[0-9]{4})(?:-(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2}))?)?")


def _bound(key: str, value: str) -> dt.date:
    """`2025`, `2025-06` or `2025-06-15` as the first day it covers (`from:`) or the
    last (`to:`, inclusive). Anything else, or a date that does not exist, is a
    `SearchError` of one line that names the operator."""
    found = _DATE.fullmatch(value)
    shown = one_line(value)  # a quoted value may hold a line break
    if found is None:
        raise SearchError(f"{key}:{shown} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")
    year = int(found["year"])
    month = int(found["month"] or (12 if key == "to" else 1))
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise SearchError(f"{key}:{shown} is not a date: the year must be 0001 to 9999")
    if not 1 <= month <= 12:
        raise SearchError(f"{key}:{shown} is not a date: the month must be 01 to 12")
    last = calendar.monthrange(year, month)[1]
    day = int(found["day"] or (last if key == "to" else 1))
    if not 1 <= day <= last:
        raise SearchError(
            f"{key}:{shown} is not a date: {year:04d}-{month:02d} has days 01 to {last}"
        )
    return dt.date(year, month, day)


def parse_query(raw: str) -> Query:
    """Read `'word`, `"a phrase"`, `!word`, `leader:NAME`, `from:DATE`, `to:DATE` and
    plain words from `raw`."""
    # Only `"` quotes: shlex's other syntax (`'`, `\\`) stands for itself.
    hidden = raw.replace("\0", " ").replace("'", "\0").replace("\\", "\1")
    try:
        parts = shlex.split(hidden, posix=True)
    except ValueError:
        raise SearchError('a quote is not closed: end the phrase with "') from None
    values: dict[str, list[str]] = {"terms": [], "exact": [], "phrases": [], "excluded": []}
    options: dict[str, object] = {}
    for part in (p.replace("\0", "'").replace("\1", "\\") for p in parts):
        key, _, value = part.partition(":")
        if value and key in ("leader", "from", "to"):
            if key == "leader":
                options["leader"] = search_fold(value).strip()
            else:
                options["date_from" if key == "from" else "date_to"] = _bound(key, value)
        elif part.startswith("!") and len(part) > 1:
            values["excluded"] += search_fold(part[1:]).split()
        elif part.startswith("'") and len(part) > 1:
            values["exact"] += search_fold(part[1:]).split()
        elif " " in part.strip():
            phrase = " ".join(search_fold(part).split())
            values["phrases"] += [phrase] if phrase else []
        else:
            values["terms"] += search_fold(part).split()
    count = sum(len(v) for k, v in values.items() if k != "phrases")
    count += sum(len(phrase.split()) for phrase in values["phrases"])
    if count > MAX_WORDS:
        raise SearchError(f"a query of {count} words is too long: search for {MAX_WORDS} at most")
    low, high = options.get("date_from"), options.get("date_to")
    if isinstance(low, dt.date) and isinstance(high, dt.date) and low > high:
        raise SearchError(f"from:{low} is after to:{high}: no date is in that range")
    return Query(
        terms=tuple(values["terms"]),
        exact=tuple(values["exact"]),
        phrases=tuple(values["phrases"]),
        excluded=tuple(values["excluded"]),
        **options,  # type: ignore[arg-type]
    )
