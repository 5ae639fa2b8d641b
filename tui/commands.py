"""Command palette providers that need the corpus: open an article, filter by leader."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui.core.text import visible
from tui.screens.reader import ReaderScreen


class ReaderCommands(Provider):
    """Palette entries for the corpus: open an article by its title, or list only the
    articles that name a leader."""

    def _entries(self) -> list[tuple[str, str, Callable[[], None]]]:
        screen = self.screen
        if not isinstance(screen, ReaderScreen) or screen.corpus is None:
            return []
        entries = [
            (
                f"Open {article.date_label} {visible(article.title)}",
                "Read this article",
                partial(screen.open_article, article.id),
            )
            for article in screen.corpus.articles
        ]
        # The screen keeps the index from the last extraction: no rebuild per keystroke.
        for name, ids in screen.articles_by_leader.items():
            entries.append(
                (
                    f"Articles naming {visible(name)}",
                    f"List the {len(ids)} article{'s' * (len(ids) != 1)} that name them",
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
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._entries():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, text=title, help=help_text)
