"""The extraction lexicons: the leaders gazetteer (bundled in `tui/data/gazetteer.yaml`,
added to by `config.yaml`) and the topic tags. Everything else extraction knows
(titles, cue verbs) lives in code."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.core.extract.corrections import Corrections

__all__ = ["LeaderEntry", "Lexicon", "Tenure", "Topic"]


@dataclass(frozen=True, slots=True)
class Tenure:
    """A title a person held, and when: `State President` from 2024-10-22, still held."""

    title: str
    start: date | None = None
    """The first day in office; `None` when not known."""
    end: date | None = None
    """The last day in office; `None` while still held."""

    def covers(self, day: date) -> bool:
        """Whether the title was held on `day`."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class LeaderEntry:
    """One known person: `Tô Lâm`, also written `To Lam`, called `Lâm` for short."""

    name: str
    country: str | None = None
    aliases: tuple[str, ...] = ()
    """Other full spellings. Case and diacritics need no alias: they are folded."""
    short: tuple[str, ...] = ()
    """Short forms, counted only where they are unambiguous in an article."""
    titles: tuple[Tenure, ...] = ()
    """The offices held, and when (the bundled gazetteer gives them; a person added
    in `config.yaml` may have none)."""

    def title_on(self, day: date) -> str | None:
        """The title held on `day` (the first listed, when several); `None` when out
        of office, or when no titles are known."""
        return next((tenure.title for tenure in self.titles if tenure.covers(day)), None)

    def held_on(self, day: date) -> bool:
        """Whether any known title was held on `day`."""
        return self.title_on(day) is not None


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The gazetteer and the topic tags (each with the words that signal it)."""

    leaders: tuple[LeaderEntry, ...] = ()
    topics: tuple[Topic, ...] = field(default=())
    corrections: Corrections | None = None
    """The analyst's corrections, applied after the rules by every extraction."""


@dataclass(frozen=True, slots=True)
class Topic:
    """A topic tag, the words and phrases that signal it, and the phrases that veto
    it: `transport` is signalled by `road`, but not inside `Belt and Road`."""

    tag: str
    words: tuple[str, ...]
    """Whole words or phrases; a trailing `*` matches any ending."""
    vetoes: tuple[str, ...] = ()
    """Phrases inside which the words do not count (same syntax as `words`)."""
