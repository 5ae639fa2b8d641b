"""What the app has loaded, in one typed object the screens are given when they are
made: the corpus, what was extracted from it, its search index, the notes, and how far
a load has got.

State has one owner: the app's workers set these fields (the notes through
`tui.bookmarks.Bookmarks`); screens read them as typed attributes and observe changes
with `self.watch(library, "corpus", ...)`. The library is a `DOMNode` only so that its
fields are Textual reactives; it is never mounted and draws nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.dom import DOMNode
from textual.reactive import var

from tui.core import Corpus
from tui.core.extract import Extraction
from tui.core.search import SearchIndex
from tui.screens.notes import NotesState


@dataclass(frozen=True, slots=True)
class Extracted:
    """What an extraction worker produced: every article's extraction, and the
    problems met reading the corrections file it applied."""

    extractions: dict[str, Extraction]
    problems: tuple[str, ...] = ()


class Library(DOMNode):
    """The corpus and everything built from it, as the app has loaded it so far."""

    corpus: var[Corpus | None] = var(None)
    """The loaded corpus; `None` until the first load finishes."""

    extractions: var[dict[str, Extraction] | None] = var(None)
    """Leaders and commitments by article id; `None` while extraction runs."""

    search_index: var[SearchIndex | None] = var(None)
    """The search index of the corpus; `None` while it is built."""

    leader_names: var[dict[str, list[str]] | None] = var(None)
    """Article id -> the names of the leaders it names, for `leader:` in searches."""

    loading: var[tuple[int, int] | None] = var(None)
    """`(done, total)` files read while the corpus loads; `None` when no load runs."""

    notes: var[NotesState | None] = var(None)
    """The bookmarks in the notes file, and where each passage is now."""

    def extraction(self, article_id: str | None) -> Extraction | None:
        """What was extracted from `article_id`; `None` while extraction runs."""
        extractions = self.extractions
        return extractions.get(article_id or "") if extractions else None

    def extracted(self, extractions: dict[str, Extraction]) -> None:
        """Extraction finished: the leaders by article first (searches use them), then
        the extractions (screens show them)."""
        self.leader_names = {
            article_id: [leader.name for leader in extraction.leaders]
            for article_id, extraction in extractions.items()
        }
        self.extractions = extractions

    def extracted_one(self, article_id: str, extraction: Extraction) -> None:
        """One article extracted again (the open one, first after a correction): its
        entry replaced, the others kept until the whole corpus is done."""
        if self.extractions is None or self.leader_names is None:
            return
        self.leader_names = {
            **self.leader_names,
            article_id: [leader.name for leader in extraction.leaders],
        }
        self.extractions = {**self.extractions, article_id: extraction}

    def replace_corpus(self, corpus: Corpus) -> None:
        """A different corpus: drop what was built from the old one first, so two
        corpora's extractions and indexes are never held at once."""
        self.extractions = None
        self.leader_names = None
        self.search_index = None
        self.corpus = corpus
