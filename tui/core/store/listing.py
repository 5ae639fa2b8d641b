"""The SQL of the article list: narrowing (`leader`, `only`), order, pages, months.

List order is the corpus's: newest first, undated last, ties by id (descending);
`oldest_first` is exactly the reverse. Every query walks the `articles_by_day` index,
so a page or a count costs milliseconds at 100,000 articles.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Collection
from dataclasses import dataclass

__all__ = ["Narrowing", "month_counts"]

_LEADER = (
    "+number IN (SELECT article FROM leaders WHERE name IN ("
    " SELECT name FROM names WHERE canonical = :leader"
    " UNION SELECT :leader WHERE NOT EXISTS"
    " (SELECT 1 FROM names WHERE name = :leader AND canonical != :leader)))"
)
"""Articles naming the person the corpus calls `:leader`, by any of their spellings
(a name `rename_people` has not seen yet counts as itself). The `+` keeps SQLite
walking `articles_by_day`, which covers the list, instead of fetching whole rows."""

_ONLY = "id IN (SELECT value FROM json_each(:only))"


@dataclass(frozen=True, slots=True)
class Narrowing:
    """Which articles a list shows, as a SQL condition and its parameters."""

    leader: str | None = None
    only: Collection[str] | None = None

    def where(self, *extra: str) -> str:
        """`WHERE ...` for this narrowing and the `extra` conditions ("" for none)."""
        parts = [*extra]
        if self.leader is not None:
            parts.append(_LEADER)
        if self.only is not None:
            parts.append(_ONLY)
        return f"WHERE {' AND '.join(parts)}" if parts else ""

    def parameters(self, **more: object) -> dict[str, object]:
        values: dict[str, object] = dict(more)
        if self.leader is not None:
            values["leader"] = self.leader
        if self.only is not None:
            values["only"] = json.dumps(list(self.only))
        return values

    def count(self, conn: sqlite3.Connection) -> int:
        sql = f"SELECT count(*) FROM articles {self.where()}"
        return int(conn.execute(sql, self.parameters()).fetchone()[0])

    def page(
        self,
        conn: sqlite3.Connection,
        columns: str,
        offset: int,
        limit: int | None,
        oldest_first: bool,
    ) -> list[tuple[object, ...]]:
        order = "day, id" if oldest_first else "day DESC, id DESC"
        sql = (
            f"SELECT {columns} FROM articles {self.where()} ORDER BY {order}"
            " LIMIT :limit OFFSET :offset"
        )
        values = self.parameters(limit=-1 if limit is None else limit, offset=max(offset, 0))
        return conn.execute(sql, values).fetchall()

    def position(self, conn: sqlite3.Connection, article_id: str, oldest_first: bool) -> int | None:
        """How many listed articles come before `article_id`; `None`: not listed."""
        found = conn.execute(
            f"SELECT day FROM articles {self.where('id = :id')}",
            self.parameters(id=article_id),
        ).fetchone()
        if found is None:
            return None
        before = "(day, id) < (:day, :id)" if oldest_first else "(day, id) > (:day, :id)"
        sql = f"SELECT count(*) FROM articles {self.where(before)}"
        return int(conn.execute(sql, self.parameters(day=found[0], id=article_id)).fetchone()[0])

    def days(self, conn: sqlite3.Connection) -> list[tuple[int, int]]:
        """(day ordinal or -1, how many), newest first."""
        sql = f"SELECT day, count(*) FROM articles {self.where()} GROUP BY day ORDER BY day DESC"
        return conn.execute(sql, self.parameters()).fetchall()


def month_counts(
    days: list[tuple[int, int]], oldest_first: bool
) -> list[tuple[int | None, int | None, int]]:
    """(year, month, how many) in list order from `Narrowing.days`; undated last
    (first when `oldest_first`)."""
    months: dict[tuple[int | None, int | None], int] = {}
    for day, count in days:
        if day < 0:
            key: tuple[int | None, int | None] = (None, None)
        else:
            date = dt.date.fromordinal(day)
            key = (date.year, date.month)
        months[key] = months.get(key, 0) + count
    ordered = [(year, month, count) for (year, month), count in months.items()]
    return ordered[::-1] if oldest_first else ordered


DAYS_KEY = "days"
"""The `meta` key of the whole list's `Narrowing.days`, with the generation they are
of: `{"generation": 12, "days": [[day, count], ...]}`."""


def remember_days(conn: sqlite3.Connection, generation: int) -> None:
    """Keep the whole list's days in `meta` (inside the caller's transaction), as of
    `generation`: the list of a large library then opens without counting its rows
    (70 ms at 100,000, on the event loop)."""
    days = Narrowing().days(conn)
    value = json.dumps({"generation": generation, "days": days}, separators=(",", ":"))
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (DAYS_KEY, value))


def remembered_days(conn: sqlite3.Connection, generation: int) -> list[tuple[int, int]] | None:
    """The days `remember_days` kept, if they are of `generation`."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (DAYS_KEY,)).fetchone()
    try:
        kept = json.loads(row[0]) if row is not None else None
        if not isinstance(kept, dict) or kept.get("generation") != generation:
            return None
        return [(int(day), int(count)) for day, count in kept["days"]]
    except (ValueError, TypeError, KeyError):
        return None
