"""The status line: library size, load warnings, sort order, and progress while the
library is refreshed from its folder."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Label, ProgressBar

from tui.core.store import RefreshProgress
from tui.core.text import one_line, shorten, visible

PHASES = {
    "scanning": "Looking for changed files",
    "reading": "Reading files",
    "indexing": "Indexing",
    "finishing": "Finishing",
}
"""What the status line says for each phase of a refresh."""


class StatusBar(Horizontal):
    """One line above the footer. It shows what it is told; it never loads anything."""

    DEFAULT_CSS = """
    StatusBar {
        height: 1;
        background: $panel;
        color: $text-muted;
        padding: 0 1;
        & > #summary { width: 1fr; }
        & > #warnings { color: $text-warning; margin-left: 2; }
        & > #mode { color: $text-accent; margin-left: 2; }
        & > #select { display: none; margin-left: 2; text-style: bold reverse; }
        &.-selecting > #select { display: block; }
        & > #progress { width: auto; display: none; }
        &.-busy > #progress { display: block; }
        &.-busy > #warnings { display: none; }
    }
    """

    busy: reactive[bool] = reactive(False)
    """Whether a refresh is under way (shows the progress bar)."""

    def compose(self) -> ComposeResult:
        yield Label(id="summary")
        yield Label(id="mode")
        yield Label(" SELECT ", id="select")
        yield ProgressBar(id="progress", show_eta=False)
        yield Label(id="warnings")

    def watch_busy(self, busy: bool) -> None:
        self.set_class(busy, "-busy")

    def show_progress(self, progress: RefreshProgress, articles: int) -> None:
        """Move the progress bar of a refresh; `articles` are listed so far."""
        self.busy = True
        done, total = progress.done, progress.total
        self.query_one(ProgressBar).update(total=total or None, progress=done)
        phase = PHASES.get(progress.phase, progress.phase)
        noun = "article" if articles == 1 else "articles"
        count = f" {done}/{total}" if total else "…"
        self.query_one("#summary", Label).update(Content(f"{articles} {noun} · {phase}{count}"))

    def show_importing(self, done: int, total: int, source: str, articles: int) -> None:
        """Move the progress bar of an import: `done` of `total` sources, `source` now
        (one source: the bar only says that it works)."""
        self.busy = True
        self.query_one(ProgressBar).update(total=total if total > 1 else None, progress=done)
        noun = "article" if articles == 1 else "articles"
        count = f" {done}/{total}" if total > 1 else "…"
        shown = one_line(shorten(source, 60))
        summary = f"{articles} {noun} · Importing{count} {shown}"
        self.query_one("#summary", Label).update(Content(summary))

    def show_selecting(self, selecting: bool) -> None:
        """Show (or hide) that sentences are being selected (`v`; Esc ends it)."""
        self.set_class(selecting, "-selecting")

    def show_mode(self, text: str) -> None:
        """Say what the keys do just now (stepping through search hits); "" clears."""
        self.query_one("#mode", Label).update(Content(visible(text)))

    def show_library(
        self,
        articles: int,
        folder: str,
        warnings: int,
        oldest_first: bool,
        *,
        shown: int | None = None,
        leader: str | None = None,
        query: str | None = None,
    ) -> None:
        """Summarise the library; `shown` articles are listed when a `leader`
        or a search `query` narrows the list."""
        self.busy = False
        order = "oldest first" if oldest_first else "newest first"
        noun = "article" if articles == 1 else "articles"
        summary = f"{articles:,} {noun} in {folder} · {order}"
        if leader is not None:
            summary += f" · naming {visible(leader)}"
        if query is not None:
            summary += f" · matching “{visible(query)}”"
        if leader is not None or query is not None:
            summary += f": {shown:,} shown (esc: all)"
        self.query_one("#summary", Label).update(Content(summary))
        label = "" if not warnings else f"⚠ {warnings:,} load warning{'s' * (warnings != 1)} (w)"
        self.query_one("#warnings", Label).update(Content(label))
