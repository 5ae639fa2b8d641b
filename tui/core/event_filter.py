"""Which events `readout events` shows: reported by two articles or more, of a
leader (any spelling the gazetteer knows), within a range of days.

A leader typed is named as `readout commitments --actor` names one (folded as search
folds text: case, diacritics, punctuation and spacing ignored), and besides by every
spelling the gazetteer gives the person (`Joseph R. Biden`, the short `Lâm`); where
nothing names it so, by whole words of a name (`Jinping`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from tui.core.facet_values import fold_key
from tui.core.text import fold

if TYPE_CHECKING:
    from tui.core.events import Event
    from tui.core.extract.lexicon import LeaderEntry

__all__ = ["event_leaders", "leader_names", "narrow_events"]


def event_leaders(events: Iterable[Event]) -> list[str]:
    """Every leader of `events`, each once, in the order first met."""
    return list(dict.fromkeys(name for event in events for name in event.leaders))


def leader_names(
    typed: str, known: Iterable[str], gazetteer: Iterable[LeaderEntry] = ()
) -> frozenset[str]:
    """The names of people `typed` names: those of `known` (as the corpus names
    people) that fold to the same letters; else those of `known` the gazetteer gives
    `typed` as a spelling of (a name, an alias, a short form: `Lam` is Tô Lâm, not Lâm
    Văn Mẫn); else those of `known` holding its words in a row (`Wang`, the
    gazetteer's short form of Wang Yi, names Wang Wentao in a corpus without Wang Yi)."""
    key = fold_key(typed)
    if not key:
        return frozenset()
    values = list(known)
    found = {name for name in values if fold_key(name) == key}
    if found:
        return frozenset(found)
    spelled = {
        fold_key(entry.name)
        for entry in gazetteer
        if any(fold_key(spelling) == key for spelling in (entry.name, *entry.aliases, *entry.short))
    }
    found = {name for name in values if fold_key(name) in spelled}
    if found:
        return frozenset(found)
    wanted = f" {' '.join(fold(typed).split())} "
    return frozenset(name for name in values if wanted in f" {' '.join(fold(name).split())} ")


def narrow_events(
    events: Iterable[Event],
    *,
    leaders: frozenset[str] | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    singletons: bool = False,
) -> list[Event]:
    """The events reported by two articles or more (every one with `singletons`),
    among whose leaders is one of `leaders` (`leader_names`), that overlap the days
    `start`..`end` (undated ones only when neither is given)."""
    found: list[Event] = []
    for event in events:
        if not singletons and len(event.reports) < 2:
            continue
        if leaders is not None and leaders.isdisjoint(event.leaders):
            continue
        if start is not None or end is not None:
            if event.first is None or event.last is None:
                continue
            if (start is not None and event.last < start) or (
                end is not None and event.first > end
            ):
                continue
        found.append(event)
    return found
