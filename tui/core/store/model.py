"""The plain values the library store hands out (no SQLite here)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from tui.core.corpus import LoadWarning, listed_fields


class LibraryError(Exception):
    """The corpus folder or the store cannot be used at all (one line for the person)."""


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """What the article list and `readout list` show of an article: no text."""

    id: str
    file: Path
    date: dt.date | None
    title: str  # the shown title (told apart from same-day twins)
    place: str | None
    source: str | None
    words: int
    url: str | None = None
    revised: dt.date | None = None  # when an imported page was last found changed
    versions: int = 0  # how many earlier texts are kept

    @property
    def date_label(self) -> str:
        """`YYYY-MM-DD`, or `undated`."""
        return self.date.isoformat() if self.date else "undated"

    def summary(self) -> dict[str, object]:
        """The fields `readout list --json` prints (as `Article.summary`)."""
        return listed_fields(self)


@dataclass(frozen=True, slots=True)
class RefreshProgress:
    """How far a refresh has got: `done` of `total` files to read, in `phase`
    ("scanning", "reading", "indexing", "finishing")."""

    phase: str
    done: int
    total: int


@dataclass(frozen=True, slots=True)
class Refreshed:
    """What a refresh did."""

    added: int
    changed: int
    deleted: int
    unchanged: int
    warnings: tuple[LoadWarning, ...]  # new problems met reading files this time
    seconds: float
    renamed: int = 0  # files found under a new name (not counted as added or deleted)
    full: bool = True
    """Every file was looked at; `False`: the folders' time stamps and a recent full
    check said nothing changed (`tui.core.store.checks`)."""

    @property
    def changed_anything(self) -> bool:
        return bool(self.added or self.changed or self.deleted or self.renamed)
