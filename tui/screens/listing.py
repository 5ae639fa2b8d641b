"""Stepping through the article list (`n`, `p`), also from an article the list leaves
out (a search hit outside a leader filter): read from the pages, never the whole list."""

from __future__ import annotations

from tui.widgets.article_pages import ArticlePages


def neighbour(listed: ArticlePages, everything: ArticlePages, here: str, offset: int) -> str | None:
    """The id of the article `offset` (+1 or -1) away from `here` in `listed`. When
    `here` is not listed, the nearest listed one that way in the order of
    `everything` (the same order unnarrowed); `None` past either end."""
    count = listed.count()
    position = listed.position(here)
    if position is None:
        after = _listed_before(listed, everything, here, count)
        if after is None:
            return None
        target = after if offset > 0 else after - 1
    else:
        target = position + offset
    if not 0 <= target < count:
        return None
    rows = listed.page(target, 1)
    return rows[0].id if rows else None


def _listed_before(
    listed: ArticlePages, everything: ArticlePages, here: str, count: int
) -> int | None:
    """How many listed articles come before `here` in the order of `everything` (a
    binary search: a few rows read, not the list); `None` when `here` is gone."""
    at = everything.position(here)
    if at is None:
        return None
    low, high = 0, count
    while low < high:
        middle = (low + high) // 2
        rows = listed.page(middle, 1)
        where = everything.position(rows[0].id) if rows else None
        if where is not None and where < at:
            low = middle + 1
        else:
            high = middle
    return low
