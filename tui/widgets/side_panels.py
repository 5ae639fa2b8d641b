"""The reader's side: the open article's details, its leaders and its commitments."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.reactive import var

from tui.core import Article
from tui.core.extract import Extraction
from tui.core.text import visible
from tui.widgets.article_info import ArticleInfo
from tui.widgets.commitments_panel import CommitmentsPanel
from tui.widgets.highlights import leader_colours
from tui.widgets.leaders_panel import LeadersPanel


class SidePanels(Vertical):
    """The Info, Leaders and Commitments panels of the open article.

    Owns which leader the Commitments panel is narrowed to and how far Enter has
    stepped through each leader's mentions; the screen hands it the open article and
    its extraction, and asks it for the next mention to mark.
    """

    narrowed_to: var[str | None] = var(None, init=False)
    """Show only this leader's commitments in the Commitments panel."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._extraction: Extraction | None = None
        self._mention_step: dict[str, int] = {}

    def compose(self) -> ComposeResult:
        yield ArticleInfo(id="info")
        yield LeadersPanel(id="leaders")
        yield CommitmentsPanel(id="commitments")

    def show_article(self, article: Article | None, extraction: Extraction | None) -> None:
        """A new article is open: its details, leaders and all its commitments."""
        self.query_one(ArticleInfo).show_article(article)
        self._mention_step.clear()
        self.narrowed_to = None
        self.show_extraction(extraction, keep=False)

    def show_extraction(self, extraction: Extraction | None, *, keep: bool = True) -> None:
        """The open article's leaders and commitments (`None`: still being extracted);
        `keep`: the same article again (extracted after a correction), so the
        highlighted leader and commitment stay highlighted."""
        self._extraction = extraction
        if self.narrowed_to is not None and extraction and not extraction.leader(self.narrowed_to):
            self.set_reactive(SidePanels.narrowed_to, None)  # renamed or not a person now
        leaders = extraction.leaders if extraction else None
        self.query_one(LeadersPanel).show_leaders(leaders, keep=keep)
        self._show_commitments(keep=keep)

    def _show_commitments(self, *, keep: bool = False) -> None:
        panel, extraction = self.query_one(CommitmentsPanel), self._extraction
        if extraction is None:
            panel.show_commitments(None)
            return
        colours = leader_colours(extraction.leaders)
        if self.narrowed_to is not None:
            commitments = extraction.commitments_of(self.narrowed_to)
            panel.show_commitments(commitments, self.narrowed_to, colours, keep=keep)
        else:
            panel.show_commitments(extraction.commitments, None, colours, keep=keep)

    def watch_narrowed_to(self) -> None:
        self._show_commitments()

    def next_mention(self, name: str) -> tuple[int, int] | None:
        """Where the leader `name` is mentioned next (after the last time it was asked,
        wrapping around), shown as "3/5" under the Leaders panel."""
        leader = self._extraction.leader(name) if self._extraction else None
        if leader is None or not leader.mentions:
            return None
        step = (self._mention_step.get(leader.name, -1) + 1) % len(leader.mentions)
        self._mention_step[leader.name] = step
        panel = self.query_one(LeadersPanel)
        panel.border_subtitle = Content(f"{visible(leader.name)} {step + 1}/{leader.count}")
        mention = leader.mentions[step]
        return mention.start, mention.end

    def toggle_narrowing(self) -> None:
        """Show only the selected leader's commitments, or all of them again."""
        if self.narrowed_to is not None:
            self.narrowed_to = None
            return
        leader = self.query_one(LeadersPanel).selected_leader
        if leader is None:
            self.notify("Select a leader in the Leaders panel first.", timeout=2)
            return
        self.narrowed_to = leader
