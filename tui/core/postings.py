"""The search index of a library store: posting arrays in segment files beside the
SQLite store, memory-mapped, searched with the ranking of `tui.core.search`
(owner: the "search" helper).

SKELETON written by the lead: the contract with `refresh` (which writes segments) and
`Library` (which searches). The search helper writes the bodies and may add to them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path

from tui.core.query import Query
from tui.core.search import SearchHit


def write_segment(
    conn: sqlite3.Connection,
    folder: Path,
    first_sentence: int,
    sentences: Sequence[tuple[int, str]],
) -> None:
    """Index sentences `first_sentence, first_sentence + 1, ...`, given in that order as
    `(article number, folded sentence text)`: write the segment's files into `folder`
    (atomically), then, inside `conn`'s open transaction (the caller commits, with the
    articles these sentences belong to), add new words to `words` and a row to
    `segments`. A segment file no committed row names is garbage `compact` removes."""
    raise NotImplementedError


def compact(conn: sqlite3.Connection, folder: Path) -> None:
    """Merge segments when there are many or they hold many sentences of deleted
    articles; remove segment files no row names. Runs after a refresh, under the
    refresh lock; readers with older segments mapped keep working."""
    raise NotImplementedError


class StoreIndex:
    """Search a store: candidates from the posting arrays, ranked as
    `SearchIndex.search` ranks (the same tiers, rapidfuzz rescoring, highlights).
    Reads the `articles`, `leaders`, `names`, `words` and `segments` tables itself."""

    @classmethod
    def open(
        cls, conn: sqlite3.Connection, folder: Path, synonyms: Iterable[Sequence[str]] = ()
    ) -> StoreIndex:
        raise NotImplementedError

    def search(self, query: str | Query, limit: int = 20) -> list[SearchHit]:
        raise NotImplementedError

    def articles_matching(self, query: str | Query) -> list[str]:
        raise NotImplementedError
