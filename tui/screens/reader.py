"""The reader screen: the article list, the open article, and the side panels."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Footer

from tui.core import Article, Corpus
from tui.widgets.article_info import ArticleInfo
from tui.widgets.article_list import ArticleList
from tui.widgets.article_view import ArticleView
from tui.widgets.status_bar import StatusBar


def _shown_folder(folder: Path) -> str:
    """`folder` relative to the working folder when it is inside it."""
    try:
        return folder.resolve().relative_to(Path.cwd()).as_posix() + "/"
    except ValueError:
        return str(folder)


class ReaderScreen(Screen[None]):
    """Browse the corpus by date and read one article at a time.

    The app owns the corpus and hands it over through its `corpus` reactive; this
    screen decides what is open and how the list is sorted, and reports both up
    with `ReaderScreen.Changed` so the app can remember them.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "next_article", "Next", id="reader.next"),
        Binding("p", "previous_article", "Previous", id="reader.previous"),
        Binding("s", "reverse_sort", "Sort", id="reader.sort"),
        Binding("r", "app.reload", "Reload", id="reader.reload"),
        Binding("w", "app.show_warnings", "Warnings", show=False, id="reader.warnings"),
    ]

    oldest_first: var[bool] = var(False, init=False)
    """List the oldest article first instead of the newest."""

    current: var[str | None] = var(None, init=False)
    """The id of the open article."""

    class Changed(Message):
        """The open article or the sort order changed."""

        def __init__(self, current: str | None, oldest_first: bool) -> None:
            super().__init__()
            self.current = current
            self.oldest_first = oldest_first

    def __init__(self, current: str | None = None, oldest_first: bool = False) -> None:
        super().__init__()
        self.set_reactive(ReaderScreen.current, current)
        self.set_reactive(ReaderScreen.oldest_first, oldest_first)

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            yield ArticleList(id="articles")
            yield ArticleView(id="reader")
            with Vertical(id="side"):
                yield ArticleInfo(id="info")
        yield StatusBar(id="status")
        yield Footer()

    def on_mount(self) -> None:
        articles = self.query_one(ArticleList)
        articles.border_title = "Articles"
        articles.focus()
        self.watch(self.app, "corpus", self._show_corpus)

    @property
    def corpus(self) -> Corpus | None:
        """The app's corpus, or `None` while it loads."""
        corpus: Corpus | None = getattr(self.app, "corpus", None)
        return corpus

    def ordered(self) -> tuple[Article, ...]:
        """The articles in list order."""
        if self.corpus is None:
            return ()
        articles = self.corpus.articles
        return articles[::-1] if self.oldest_first else articles

    def _show_corpus(self, corpus: Corpus | None) -> None:
        view = self.query_one(ArticleView)
        if corpus is None:
            view.show_message("Loading articles…")
            return
        self._refresh_list()
        if not corpus.articles:
            view.show_message(
                f"No articles in {corpus.root}.\n"
                "Add .txt or .md readouts to the folder and press r to reload."
            )
            self.query_one(ArticleInfo).show_article(None)
            return
        wanted = self.current if self.current in corpus else self.ordered()[0].id
        self.open_article(wanted, force=True)

    def _refresh_list(self) -> None:
        corpus = self.corpus
        if corpus is None:
            return
        self.query_one(ArticleList).show_articles(self.ordered(), self.current)
        self.query_one(StatusBar).show_corpus(
            len(corpus), _shown_folder(corpus.root), len(corpus.warnings), self.oldest_first
        )

    def show_progress(self, done: int, total: int) -> None:
        """Show how far a corpus load has got."""
        self.query_one(StatusBar).show_progress(done, total)

    def open_article(self, article_id: str, *, force: bool = False) -> bool:
        """Open `article_id` in the reader; `False` if there is no such article."""
        article = self.corpus.get(article_id) if self.corpus else None
        if article is None:
            return False
        if force or article_id != self.current or self.query_one(ArticleView).article is None:
            self.query_one(ArticleView).show_article(article)
            self.query_one(ArticleInfo).show_article(article)
        self.query_one(ArticleList).select(article_id)
        self.current = article_id
        return True

    def watch_current(self) -> None:
        self.post_message(self.Changed(self.current, self.oldest_first))

    def watch_oldest_first(self) -> None:
        self._refresh_list()
        self.post_message(self.Changed(self.current, self.oldest_first))

    @on(ArticleList.Opened)
    def _open_from_list(self, event: ArticleList.Opened) -> None:
        self.open_article(event.article_id)
        self.query_one(ArticleView).focus()

    def _step(self, offset: int) -> None:
        ids = [article.id for article in self.ordered()]
        if not ids:
            return
        if self.current not in ids:
            self.open_article(ids[0])
            return
        index = ids.index(self.current) + offset
        if 0 <= index < len(ids):
            self.open_article(ids[index])
        else:
            self.notify("No more articles that way.", timeout=2)

    def action_next_article(self) -> None:
        """Open the next article in list order."""
        self._step(+1)

    def action_previous_article(self) -> None:
        """Open the previous article in list order."""
        self._step(-1)

    def action_reverse_sort(self) -> None:
        """List the oldest first, or the newest first again."""
        self.oldest_first = not self.oldest_first
