"""Extraction: the leaders an article names and the commitments it reports.

`extract(article, lexicon)` is pure and fast; `extract_corpus` runs it over a whole
corpus. No UI here: the CLI and the app both call these.

The data classes (`Extraction`, `Leader`, `Commitment`, `KINDS`) and the lexicon load
with this package; the rules (`extract`, `classify`, corrections...) load the first
time one of them is used, so that reading stored extractions (the app's start, most
commands) never compiles the rules' patterns.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.core.extract.lexicon import LeaderEntry, Lexicon
from tui.core.extract.model import KINDS, Commitment, Extraction, Leader
from tui.core.lazy import lazy_names

if TYPE_CHECKING:
    from tui.core.extract.corrections import Corrections, with_corrections
    from tui.core.extract.cues import classify
    from tui.core.extract.rules import articles_by_leader, extract, extract_corpus

__all__ = [
    "KINDS",
    "Commitment",
    "Corrections",
    "Extraction",
    "Leader",
    "LeaderEntry",
    "Lexicon",
    "articles_by_leader",
    "classify",
    "extract",
    "extract_corpus",
    "with_corrections",
]

_LAZY = {
    "Corrections": "corrections",
    "with_corrections": "corrections",
    "classify": "cues",
    "articles_by_leader": "rules",
    "extract": "rules",
    "extract_corpus": "rules",
}


__getattr__ = lazy_names(__name__, _LAZY)
