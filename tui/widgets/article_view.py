"""The reader: one article's title, dateline, source and paragraphs, at a readable width."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.reactive import var
from textual.widgets import Static

from tui.core import Article
from tui.core.text import visible


def meta_line(article: Article) -> Content:
    """`2025-01-15 · HÀ NỘI · VNS · 673 words`, with the date emphasised."""
    parts = [part for part in (article.place, article.source) if part]
    return Content.assemble(
        (article.date_label, "bold"),
        *(f" · {visible(part)}" for part in parts),
        f" · {article.words} words",
    )


class ArticleView(VerticalScroll, can_focus=True):
    """Shows one article. Article text is data: it is never parsed as markup.

    | Key | Action |
    | :- | :- |
    | `j` / `k` | Scroll down / up a line. |
    | `space` / `b` | Page down / up. |
    | `g` / `G` | Top / bottom of the article. |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "scroll_down", "Scroll down", show=False, id="reader.down"),
        Binding("k", "scroll_up", "Scroll up", show=False, id="reader.up"),
        Binding("space", "page_down", "Page down", show=False, id="reader.page_down"),
        Binding("b", "page_up", "Page up", show=False, id="reader.page_up"),
        Binding("g", "scroll_home", "Top", show=False, id="reader.top"),
        Binding("G", "scroll_end", "Bottom", show=False, id="reader.bottom"),
    ]

    DEFAULT_CSS = """
    ArticleView {
        align-horizontal: center;
        padding: 1 2;
        & > #page {
            max-width: 88;
            height: auto;
        }
        #body {
            height: auto;
        }
        #title {
            text-style: bold;
            color: $text;
        }
        #meta {
            color: $text-muted;
            margin-bottom: 1;
        }
        &.-empty > #page {
            display: none;
        }
        #empty {
            display: none;
            color: $text-muted;
            text-align: center;
            width: 100%;
            margin-top: 2;
        }
        &.-empty > #empty {
            display: block;
        }
        .paragraph {
            margin-bottom: 1;
        }
    }
    """

    article: var[Article | None] = var(None, init=False)
    """The article on show; `None` while a message is shown instead."""

    def on_mount(self) -> None:
        self.add_class("-empty")

    def watch_article(self, article: Article | None) -> None:
        self.set_class(article is None, "-empty")

    def compose(self) -> ComposeResult:
        with Vertical(id="page"):
            yield Static(id="title")
            yield Static(id="meta")
            yield Vertical(id="body")
        yield Static("Loading articles…", id="empty")

    def show_article(self, article: Article) -> None:
        """Replace what is shown with `article`, scrolled to the top."""
        self.article = article
        self.query_one("#title", Static).update(Content(visible(article.title)))
        self.query_one("#meta", Static).update(meta_line(article))
        body = self.query_one("#body", Vertical)
        body.remove_children()
        body.mount_all(
            Static(Content(visible(paragraph.text)), classes="paragraph")
            for paragraph in article.paragraphs
        )
        # After the new paragraphs are laid out, so `G` right away reaches the real end.
        self.call_after_refresh(self.scroll_home, animate=False)

    def show_message(self, message: str) -> None:
        """Show `message` instead of an article (loading, an empty corpus)."""
        self.article = None
        self.query_one("#empty", Static).update(Content(visible(message)))
