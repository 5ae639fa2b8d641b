"""The extraction lexicons people edit in `config.yaml`: the leaders gazetteer and the
topic tags. Everything else extraction knows (titles, cue verbs) lives in code."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.core.extract.corrections import Corrections

__all__ = ["LeaderEntry", "Lexicon"]


@dataclass(frozen=True, slots=True)
class LeaderEntry:
    """One known person: `Tô Lâm`, also written `To Lam`, called `Lâm` for short."""

    name: str
    country: str | None = None
    aliases: tuple[str, ...] = ()
    """Other full spellings. Case and diacritics need no alias: they are folded."""
    short: tuple[str, ...] = ()
    """Short forms, counted only where they are unambiguous in an article."""


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The gazetteer and the topic tags (tag -> the words and phrases that signal it)."""

    leaders: tuple[LeaderEntry, ...] = ()
    topics: tuple[tuple[str, tuple[str, ...]], ...] = field(default=())
    corrections: Corrections | None = None
    """The analyst's corrections, applied after the rules by every extraction."""
