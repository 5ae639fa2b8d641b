"""The extraction lexicons people edit in `config.yaml`: the leaders gazetteer and the
topic tags. Everything else extraction knows (titles, cue verbs) lives in code."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["LeaderEntry", "Lexicon", "Topic"]


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
    """The gazetteer and the topic tags (each with the words that signal it)."""

    leaders: tuple[LeaderEntry, ...] = ()
    topics: tuple[Topic, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Topic:
    """A topic tag, the words and phrases that signal it, and the phrases that veto
    it: `transport` is signalled by `road`, but not inside `Belt and Road`."""

    tag: str
    words: tuple[str, ...]
    """Whole words or phrases; a trailing `*` matches any ending."""
    vetoes: tuple[str, ...] = ()
    """Phrases inside which the words do not count (same syntax as `words`)."""
