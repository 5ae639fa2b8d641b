"""The reader: one article's title, dateline, source and paragraphs, at a readable width."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace
from typing import ClassVar

from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.geometry import Region
from textual.message import Message
from textual.reactive import reactive, var
from textual.widget import Widget
from textual.widgets import Static

from tui.core import Article
from tui.core.extract import Extraction
from tui.core.text import visible
from tui.widgets.highlights import Marks, paragraph_content


def _line_of(text: str, offset: int, width: int) -> int:
    """Which wrapped line of `text` (at `width` cells) holds character `offset`."""
    position = 0
    for number, line in enumerate(Content(text).wrap(max(width, 1))):
        piece = line.plain.strip()
        found = text.find(piece, position) if piece else position
        position = (found if found >= 0 else position) + len(piece)
        if offset < position:
            return number
    return 0


def meta_line(article: Article) -> Content:
    """`2025-01-15 · HÀ NỘI · VNS · 673 words`, with the date emphasised; then, for an
    imported page that changed, `revised 2026-11-20 (D: changes)`."""
    parts = [part for part in (article.place, article.source) if part]
    revised = article.revised
    return Content.assemble(
        (article.date_label, "bold"),
        *(f" · {visible(part)}" for part in parts),
        f" · {article.words} words",
        (f" · revised {revised.isoformat()} (D: changes)" if revised else "", "$revised"),
    )


class ArticleView(VerticalScroll, can_focus=True):
    """Shows one article. Article text is data: it is never parsed as markup.

    | Key | Action |
    | :- | :- |
    | `j` / `k` | Scroll down / up a line. |
    | `space` / `u` | Page down / up. |
    | `g` / `G` | Top / bottom of the article. |
    | `]` / `[` | Passage cursor to the next / previous sentence. |
    | `}` / `{` | Passage cursor to the next / previous paragraph. |
    | `v` | Start (or stop) extending the selection across sentences. |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "scroll_down", "Scroll down", show=False, id="reader.down"),
        Binding("k", "scroll_up", "Scroll up", show=False, id="reader.up"),
        Binding("space", "page_down", "Page down", show=False, id="reader.page_down"),
        Binding("u", "page_up", "Page up", show=False, id="reader.page_up"),
        Binding("g", "scroll_home", "Top", show=False, id="reader.top"),
        Binding("G", "scroll_end", "Bottom", show=False, id="reader.bottom"),
        Binding("right_square_bracket", "sentence(1)", "Next sentence", key_display="]",
                show=False, id="reader.next_sentence"),
        Binding("left_square_bracket", "sentence(-1)", "Previous sentence", key_display="[",
                show=False, id="reader.previous_sentence"),
        Binding("right_curly_bracket", "paragraph(1)", "Next paragraph", key_display="}",
                show=False, id="reader.next_paragraph"),
        Binding("left_curly_bracket", "paragraph(-1)", "Previous paragraph", key_display="{",
                show=False, id="reader.previous_paragraph"),
        Binding("v", "toggle_selection", "Select sentences", show=False, id="reader.select"),
    ]  # fmt: skip

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

    class Selecting(Message):
        """A selection across sentences (`v`) started or ended."""

        def __init__(self, view: ArticleView, selecting: bool) -> None:
            super().__init__()
            self.view = view
            self.selecting = selecting

        @property
        def control(self) -> ArticleView:
            """The view the selection is in."""
            return self.view

    article: var[Article | None] = var(None, init=False)
    """The article on show; `None` while a message is shown instead."""

    highlighting: reactive[bool] = reactive(True, init=False)
    """Whether leaders' names and commitment sentences are highlighted."""

    cursor: var[int | None] = var(None, init=False)
    """The sentence (an index into `article.sentences`) the passage cursor is on."""

    selecting_from: var[int | None] = var(None, init=False)
    """Where a selection across sentences started (`v`); `None` when not selecting."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._marks = Marks()
        self._paragraphs: list[Static] = []

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

    def show_article(self, article: Article, extraction: Extraction | None = None) -> None:
        """Replace what is shown with `article`, scrolled to the top."""
        self.article = article
        self._marks = Marks(extraction, self.highlighting, bookmarked=self._marks.bookmarked)
        self.set_reactive(ArticleView.cursor, None)
        if self.selecting_from is not None:
            self.post_message(self.Selecting(self, False))
        self.set_reactive(ArticleView.selecting_from, None)
        self.query_one("#title", Static).update(Content(visible(article.title)))
        self.query_one("#meta", Static).update(meta_line(article))
        body = self.query_one("#body", Vertical)
        body.remove_children()
        self._paragraphs = [
            Static(paragraph_content(article.text, paragraph, self._marks), classes="paragraph")
            for paragraph in article.paragraphs
        ]
        body.mount_all(self._paragraphs)
        # After the new paragraphs are laid out, so `G` right away reaches the real end.
        self.call_after_refresh(self.scroll_home, animate=False)

    def retitle(self, article: Article) -> bool:
        """Show `article` if it is the one on show with another title (a correction
        renamed a leader its headline names): the title alone changes, the place read
        stays. `False` if it is another article."""
        shown = self.article
        if shown is None or replace(shown, title="") != replace(article, title=""):
            return False
        self.article = article
        self.query_one("#title", Static).update(Content(visible(article.title)))
        return True

    def set_extraction(self, extraction: Extraction | None) -> None:
        """Highlight what was extracted from the article on show."""
        self._marks = replace(self._marks, extraction=extraction)
        self._restyle()

    def watch_highlighting(self, highlighting: bool) -> None:
        self._marks = replace(self._marks, highlighting=highlighting)
        self._restyle()

    def mark(self, start: int, end: int, matches: tuple[tuple[int, int], ...] = ()) -> None:
        """Mark `text[start:end]` (and the characters a search `matches` in it), put
        the passage cursor there, and scroll it to the middle of the view."""
        self._marks = replace(self._marks, marked=(start, end), matches=matches)
        self.selecting_from = None
        self.cursor = self._sentence_at(start)
        self.call_after_refresh(self._scroll_to_offset, start)

    def set_bookmarked(self, passages: tuple[tuple[int, int], ...]) -> None:
        """Show these passages of the article on show as bookmarked."""
        self._marks = replace(self._marks, bookmarked=passages)
        self._restyle()

    # The passage cursor -----------------------------------------------------------------

    def _sentence_at(self, offset: int) -> int | None:
        if self.article is None or not self.article.sentences:
            return None
        starts = [sentence.start for sentence in self.article.sentences]
        return max(0, bisect_right(starts, offset) - 1)

    def selection(self) -> tuple[int, int] | None:
        """The passage `b` and `y` act on: the selected sentences, else the sentence
        under the cursor; `None` before the cursor is placed."""
        if self.article is None or self.cursor is None:
            return None
        sentences = self.article.sentences
        first = (
            self.cursor if self.selecting_from is None else min(self.cursor, self.selecting_from)
        )
        last = self.cursor if self.selecting_from is None else max(self.cursor, self.selecting_from)
        return sentences[first].start, sentences[last].end

    def watch_cursor(self, cursor: int | None) -> None:
        self._marks = replace(self._marks, cursor=self.selection())
        self._restyle()

    def watch_selecting_from(self, selecting_from: int | None) -> None:
        self._marks = replace(self._marks, cursor=self.selection())
        self._restyle()
        self.post_message(self.Selecting(self, selecting_from is not None))

    def _move_cursor(self, sentence: int) -> None:
        if self.article is None or not self.article.sentences:
            return
        sentence = max(0, min(len(self.article.sentences) - 1, sentence))
        self.cursor = sentence
        self._scroll_to_offset(self.article.sentences[sentence].start)

    def action_sentence(self, step: int) -> None:
        """Move the passage cursor by `step` sentences."""
        if self.cursor is None:
            self._move_cursor(self._first_visible_sentence())
        else:
            self._move_cursor(self.cursor + step)

    def action_paragraph(self, step: int) -> None:
        """Move the passage cursor to the first sentence of the next (previous) paragraph."""
        if self.article is None or not self.article.sentences:
            return
        if self.cursor is None:
            self._move_cursor(self._first_visible_sentence())
            return
        sentences, paragraphs = self.article.sentences, self.article.paragraphs
        here = sentences[self.cursor].start
        index = next((i for i, p in enumerate(paragraphs) if p.start <= here <= p.end), 0)
        target = paragraphs[max(0, min(len(paragraphs) - 1, index + step))]
        self._move_cursor(self._sentence_at(target.start) or 0)

    def action_toggle_selection(self) -> None:
        """Start extending the selection from the cursor, or stop."""
        if self.cursor is None:
            self._move_cursor(self._first_visible_sentence())
        self.selecting_from = self.cursor if self.selecting_from is None else None

    def end_selection(self) -> bool:
        """Stop selecting (the cursor stays where it is); `False` if not selecting."""
        if self.selecting_from is None:
            return False
        self.selecting_from = None
        return True

    # Keyboard scrolling is instant, as in less and vim: no animation to wait out.

    def action_scroll_down(self) -> None:
        if not self.allow_vertical_scroll:
            raise SkipAction()
        self.scroll_down(animate=False)

    def action_scroll_up(self) -> None:
        if not self.allow_vertical_scroll:
            raise SkipAction()
        self.scroll_up(animate=False)

    def action_page_down(self) -> None:
        if not self.allow_vertical_scroll:
            raise SkipAction()
        self.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        if not self.allow_vertical_scroll:
            raise SkipAction()
        self.scroll_page_up(animate=False)

    def action_scroll_home(self) -> None:
        self.scroll_home(animate=False)

    def action_scroll_end(self) -> None:
        self.scroll_end(animate=False)

    def _first_visible_sentence(self) -> int:
        """The first sentence at or below the top of the view."""
        if self.article is None:
            return 0
        for static, paragraph in zip(self._paragraphs, self.article.paragraphs, strict=True):
            if static.virtual_region.y + static.virtual_region.height > self.scroll_y:
                return self._sentence_at(paragraph.start) or 0
        return 0

    def clear_mark(self) -> None:
        """Remove the mark."""
        if self._marks.marked is not None:
            self._marks = replace(self._marks, marked=None, matches=())
            self._restyle()

    def _restyle(self) -> None:
        if self.article is None:
            return
        for static, paragraph in zip(self._paragraphs, self.article.paragraphs, strict=True):
            static.update(paragraph_content(self.article.text, paragraph, self._marks))

    def _scroll_to_offset(self, offset: int, attempts: int = 20) -> None:
        """Scroll so the line holding character `offset` is in the middle. Paragraphs
        just mounted may not be laid out yet: then try again after the next refresh."""
        if self.article is None:
            return
        for static, paragraph in zip(self._paragraphs, self.article.paragraphs, strict=True):
            if paragraph.start <= offset <= paragraph.end:
                if not static.virtual_region.height and attempts:
                    self.call_after_refresh(self._scroll_to_offset, offset, attempts - 1)
                    return
                line = _line_of(paragraph.text, offset - paragraph.start, static.size.width)
                self.scroll_to_region(
                    self._line_region(static, line), center=True, animate=False, force=True
                )
                return

    def _line_region(self, static: Static, line: int) -> Region:
        """The region of `line` of `static`, in this view's scrollable space."""
        region = static.virtual_region
        region = Region(region.x, region.y + line, region.width, 1)
        widget: Widget = static
        while isinstance(widget.parent, Widget) and widget.parent is not self:
            widget = widget.parent
            region = region.translate(widget.virtual_region.offset)
        return region

    def show_message(self, message: str) -> None:
        """Show `message` instead of an article (loading, an empty corpus)."""
        self.article = None
        self.query_one("#empty", Static).update(Content(visible(message)))
