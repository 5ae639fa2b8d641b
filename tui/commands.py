"""Command palette providers that need the library: open an article, filter by leader.

Titles and names come from files: every prompt and help text is built as `Content`
or escaped, never parsed as markup. The entries are read from the library once per
palette, off the event loop, and each typed query is matched only against the titles
that hold its characters in order (the palette's own fuzzy matcher, too slow for a
100,000-title scan, then scores those).
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content
from textual.markup import escape
from textual.screen import Screen
from textual.style import Style

from tui.core.store import Library
from tui.core.text import visible
from tui.screens.reader import ReaderScreen

Entry = tuple[str, str, Callable[[], object]]
"""A palette entry: its title, its help text, and what choosing it does."""


def articles_noun(count: int) -> str:
    """`the article that names` / `the 3 articles that name`: the verb agrees."""
    return "the article that names" if count == 1 else f"the {count} articles that name"


def highlighted(matcher: Matcher, title: str) -> Content:
    """`title` as plain content, the characters the query matched highlighted (the
    matcher's own `highlight` would parse the title as markup)."""
    content = Content(title)
    score, offsets = matcher.fuzzy_search.match(matcher.query, title)
    if score:
        for offset in offsets:
            if not title[offset].isspace():
                content = content.stylize(matcher._match_style, offset, offset + 1)
    return content


def in_order(query: str) -> re.Pattern[str]:
    """A pattern finding the characters of `query` in order, ignoring case: what any
    fuzzy match of `query` needs, checked at C speed."""
    return re.compile(".*?".join(re.escape(char) for char in query.lower()), re.DOTALL)


def entries(screen: ReaderScreen, library: Library) -> list[Entry]:
    """Every article to open, then every leader to filter by (most named first)."""
    found: list[Entry] = [
        (
            f"Open {article.date_label} {visible(article.title)}",
            "Read this article",
            partial(screen.open_article, article.id),
        )
        for article in library.articles()
    ]
    for name, count in library.leaders().items():
        shown = visible(name)
        found.append(
            (
                f"Leader filter: articles naming {shown}",
                f"List {articles_noun(count)} {shown}",
                partial(screen.filter_by_leader, name),
            )
        )
    if screen.leader_filter is not None:
        found.append(
            ("All articles", "Clear the leader filter", partial(screen.filter_by_leader, None))
        )
    return found


class ReaderCommands(Provider):
    """Palette entries for the library: open an article by its title, or list only
    the articles that name a leader (found by typing "leader" or the name)."""

    def __init__(self, screen: Screen[Any], match_style: Style | None = None) -> None:
        super().__init__(screen, match_style)
        self._entries: list[Entry] = []

    async def startup(self) -> None:
        screen = self.screen
        if isinstance(screen, ReaderScreen) and screen.library is not None:
            self._entries = await asyncio.to_thread(entries, screen, screen.library)

    async def discover(self) -> Hits:
        for title, help_text, callback in self._entries[:10]:
            yield DiscoveryHit(Content(title), callback, text=title, help=escape(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        wanted = in_order(query)
        for title, help_text, callback in self._entries:
            if not wanted.search(title.lower()):
                continue
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score, highlighted(matcher, title), callback, text=title, help=escape(help_text)
                )
