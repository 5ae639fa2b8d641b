"""Pick the article to compare the open one with: the articles nearest in date first
(the other readout of a call is usually a day or two apart), narrowed as you type."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from tui.core.query import search_fold
from tui.core.store import ArticleSummary, Library
from tui.core.text import visible

__all__ = ["ComparePicker", "nearest_first"]

SHOWN = 50
"""How many articles the picker lists at a time."""

PAGE = 2000


def nearest_first(
    summaries: list[ArticleSummary], current: str, day: dt.date | None
) -> list[ArticleSummary]:
    """Every article but `current`, the nearest in date to `day` first (undated last)."""

    def distance(summary: ArticleSummary) -> tuple[int, str]:
        if summary.date is None or day is None:
            return (1 << 30, summary.id)
        return (abs((summary.date - day).days), summary.id)

    return sorted((s for s in summaries if s.id != current), key=distance)


def _label(summary: ArticleSummary) -> Content:
    source = f"  {summary.source}" if summary.source else ""
    return Content.assemble(
        (summary.date_label, "dim"), (visible(source), "italic"), "  ", visible(summary.title)
    )


class ComparePicker(ModalScreen[str | None]):
    """Returns the id of the article chosen, or `None` when dismissed with Esc."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Close", id="compare_picker.close"),
        Binding("down", "move(1)", "Down", show=False),
        Binding("up", "move(-1)", "Up", show=False),
    ]

    def __init__(self, library: Library, current: str, day: dt.date | None) -> None:
        super().__init__()
        self.library = library
        self.current = current
        self.day = day
        self._articles: list[ArticleSummary] = []
        self._keys: list[str] = []

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Compare with…"
            box.border_subtitle = "type to narrow · enter to compare · esc to close"
            yield Input(placeholder="date, outlet or words of the title")
            yield OptionList()

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self._load()

    def typing_field(self) -> Input:
        """Where keys typed before the field had the focus go (`typeahead`)."""
        return self.query_one(Input)

    @work(thread=True, exclusive=True, description="Listing articles to compare with")
    def _load(self) -> None:
        worker = get_current_worker()
        found: list[ArticleSummary] = []
        while page := self.library.articles(len(found), PAGE):
            found += page
            if worker.is_cancelled or len(page) < PAGE:
                break
        ordered = nearest_first(found, self.current, self.day)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._loaded, ordered)

    def _loaded(self, articles: list[ArticleSummary]) -> None:
        self._articles = articles
        self._keys = [
            search_fold(f"{a.date_label} {a.source or ''} {a.title} {a.id}") for a in articles
        ]
        self._narrow(self.query_one(Input).value)

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        self._narrow(event.value)

    def _narrow(self, typed: str) -> None:
        words = search_fold(typed).split()
        chosen = [
            article
            for article, key in zip(self._articles, self._keys, strict=True)
            if all(word in key for word in words)
        ][:SHOWN]
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options([Option(_label(a), id=a.id) for a in chosen])
        if chosen:
            options.highlighted = 0

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        if options.option_count:
            at = (options.highlighted or 0) + step
            options.highlighted = max(0, min(options.option_count - 1, at))

    @on(Input.Submitted)
    def _submitted(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None and options.option_count:
            self.dismiss(options.get_option_at_index(options.highlighted).id)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)
