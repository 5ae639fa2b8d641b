"""A side panel of facts about the open article: file, day, place, source, length."""

from __future__ import annotations

from urllib.parse import urlsplit

from textual.content import Content
from textual.widgets import Static

from tui.core import Article
from tui.core.text import visible

WORDS_PER_MINUTE = 230


def _facts(article: Article) -> list[tuple[str, str]]:
    day = article.date.strftime("%a %-d %b %Y") if article.date else "undated"
    minutes = max(1, round(article.words / WORDS_PER_MINUTE))
    return [
        ("Date", day),
        ("Place", article.place or "—"),
        ("Source", article.source or "—"),
        ("Length", f"{article.words} words · {minutes} min"),
        ("Parts", f"{len(article.paragraphs)} ¶ · {len(article.sentences)} sentences"),
        ("File", article.file.name),
        *([("From", urlsplit(article.url).hostname or article.url)] if article.url else []),
        *([("Edited", _revised(article))] if article.revised else []),
    ]


def _revised(article: Article) -> str:
    """`2026-11-20 · 1 earlier (D)`: when an imported page last changed, and how many
    earlier texts of it are kept (`D` shows what changed)."""
    assert article.revised is not None
    return f"{article.revised.isoformat()} · {article.versions} earlier (D)"


class ArticleInfo(Static):
    """What kind of document the open article is, at a glance."""

    DEFAULT_CSS = """
    ArticleInfo {
        height: auto;
        padding: 0 1;
        border: round $border-blurred;
        border-title-color: $text-accent;
    }
    """

    def on_mount(self) -> None:
        self.border_title = "Article"

    def show_article(self, article: Article | None) -> None:
        """Describe `article`; `None` clears the panel."""
        if article is None:
            self.update("")
            return
        lines = [
            Content.assemble((f"{label:<7}", "dim"), visible(value))
            for label, value in _facts(article)
        ]
        self.update(Content("\n").join(lines))
