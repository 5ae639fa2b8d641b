"""The changes view: what changed in a revised article between its last two versions,
word by word (`tui.core.importing.versions`). Removed words are struck through and
added ones underlined, in the theme's `$diff-removed` and `$diff-added`; only the
paragraphs that changed are shown. The text is data: never parsed as markup, its
control characters shown.
"""

from __future__ import annotations

from functools import partial
from typing import ClassVar

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from tui.core import Article
from tui.core.importing.versions import Piece, Revision, last_revision
from tui.core.store.opening import one_line
from tui.core.text import visible

__all__ = ["ChangesScreen", "changed_content", "show_changes"]

STYLES = {"": "", "-": "strike $diff-removed", "+": "underline $diff-added"}
"""How unchanged, removed and added words are shown."""

NEVER_REVISED = "No earlier version: this article was never revised."


def changed_content(paragraph: tuple[Piece, ...]) -> Content:
    """One changed paragraph, its removed and added words styled."""
    return Content.assemble(*((visible(text), STYLES[kind]) for kind, text in paragraph))


def summary(article: Article, revision: Revision) -> str:
    """`Version 1 → 2 of 2 · 3 changes · revised 2026-11-20`."""
    count = len(revision.changes)
    parts = [
        f"Version {revision.first} → {revision.later} of {revision.count}",
        f"{count} change{'s' * (count != 1)}",
    ]
    if article.revised is not None:
        parts.append(f"revised {article.revised.isoformat()}")
    return " · ".join(parts)


def show_changes(app: App[None], article: Article | None) -> None:
    """Open the changes view of `article`, or say plainly why there is none."""
    if article is None:
        app.notify("No article is open.", timeout=3)
    elif article.versions < 1:
        app.notify(NEVER_REVISED, timeout=4)
    else:
        app.push_screen(ChangesScreen(article))


class ChangesScreen(ModalScreen[None]):
    """The word diff of `article`'s last two versions, read off the event loop.
    Esc (or q, or D again) closes it; the arrows, j/k and the page keys scroll."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,D", "dismiss", "Close", id="changes.close"),
        Binding("j", "scroll('down')", "Down", show=False),
        Binding("k", "scroll('up')", "Up", show=False),
    ]

    def __init__(self, article: Article) -> None:
        super().__init__()
        self.article = article

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="changes") as scroll:
            scroll.border_title = "Changes"
            scroll.border_subtitle = "esc to close"
            yield Static(Content(visible(self.article.title)), id="changes-title")
            yield Static(Content("Reading the earlier versions…"), id="changes-summary")

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()
        self.run_worker(
            partial(last_revision, self.article.file), thread=True, group="changes",
            exclusive=True, exit_on_error=False, description="Reading the versions",
        )  # fmt: skip

    def action_scroll(self, direction: str) -> None:
        scroll = self.query_one(VerticalScroll)
        if direction == "down":
            scroll.scroll_down(animate=False)
        else:
            scroll.scroll_up(animate=False)

    @on(Worker.StateChanged)
    def _read(self, event: Worker.StateChanged) -> None:
        event.stop()
        if event.state == WorkerState.SUCCESS:
            self._show(event.worker.result)
        elif event.state == WorkerState.ERROR:
            error = event.worker.error
            reason = one_line(error) if error is not None else "unknown error"
            self._say(f"Cannot read the versions: {reason}")

    def _say(self, text: str) -> None:
        self.query_one("#changes-summary", Static).update(Content(visible(text)))

    def _show(self, revision: Revision | None) -> None:
        if revision is None:
            self._say("No earlier version of this article is kept.")
            return
        self._say(summary(self.article, revision))
        if not revision.paragraphs:
            self._say(summary(self.article, revision) + ": no words changed.")
            return
        self.query_one(VerticalScroll).mount_all(
            Static(changed_content(paragraph), classes="changed")
            for paragraph in revision.paragraphs
        )
