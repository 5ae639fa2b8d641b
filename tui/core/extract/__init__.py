"""Extraction: the leaders an article names and the commitments it reports.

`extract(article, lexicon)` is pure and fast; `extract_corpus` runs it over a whole
corpus. No UI here: the CLI and the app both call these.

The data classes (`Extraction`, `Leader`, `Commitment`, `KINDS`) and the lexicon load
with this package; the rules (`extract`, `classify`, corrections...) load the first
time one of them is used, so that reading stored extractions (the app's start, most
commands) never compiles the rules' patterns.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from tui.core.extract.lexicon import LeaderEntry, Lexicon
from tui.core.extract.model import KINDS, Commitment, Extraction, Leader

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
    "Corrections": "tui.core.extract.corrections",
    "with_corrections": "tui.core.extract.corrections",
    "classify": "tui.core.extract.cues",
    "articles_by_leader": "tui.core.extract.rules",
    "extract": "tui.core.extract.rules",
    "extract_corpus": "tui.core.extract.rules",
}


def __getattr__(name: str) -> object:
    """The rules' names, imported when first asked for (PEP 562)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value
