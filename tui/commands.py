"""Command palette providers that need the corpus: open an article, filter by leader.

Titles and names come from files: every prompt and help text is built as `Content`
or escaped, never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content
from textual.markup import escape

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


class ReaderCommands(Provider):
    """Palette entries for the corpus: open an article by its title, or list only the
    articles that name a leader (found by typing "leader" or the name)."""

    def _entries(self) -> list[Entry]:
        screen = self.screen
        if not isinstance(screen, ReaderScreen) or screen.corpus is None:
            return []
        entries: list[Entry] = [
            (
                f"Open {article.date_label} {visible(article.title)}",
                "Read this article",
                partial(screen.open_article, article.id),
            )
            for article in screen.corpus.articles
        ]
        # The screen keeps the index from the last extraction: no rebuild per keystroke.
        for name, ids in screen.articles_by_leader.items():
            shown = visible(name)
            entries.append(
                (
                    f"Leader filter: articles naming {shown}",
                    f"List {articles_noun(len(ids))} {shown}",
                    partial(screen.filter_by_leader, name),
                )
            )
        if screen.leader_filter is not None:
            entries.append(
                ("All articles", "Clear the leader filter", partial(screen.filter_by_leader, None))
            )
        return entries

    async def discover(self) -> Hits:
        for title, help_text, callback in self._entries()[:10]:
            yield DiscoveryHit(Content(title), callback, text=title, help=escape(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._entries():
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score, highlighted(matcher, title), callback, text=title, help=escape(help_text)
                )
