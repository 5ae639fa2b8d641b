"""A leader's profile: where the corpus names them, the titles the articles give them
over time, their commitments by kind and topic, and whom they met or spoke with.

Made from what the store keeps (`tui.core.store.profiles` reads it): each article that
names the person, with its date and every leader its extraction found there (name,
country, titles). The titles held are told by the dates of the articles that give
them: "State President" from the first article that calls them so to the last.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from tui.core.events import Event
from tui.core.text import fold

__all__ = ["Appearance", "Counterpart", "LeaderProfile", "TitleSpan", "make_profile"]


@dataclass(frozen=True, slots=True)
class Appearance:
    """One article naming the person, and every leader its extraction found there."""

    article_id: str
    date: dt.date | None
    title: str
    source: str | None
    leaders: tuple[tuple[str, str | None, tuple[str, ...]], ...]
    """(corpus name, country, titles) of each leader of the article."""


@dataclass(frozen=True, slots=True)
class TitleSpan:
    """A title the articles give the person, from the first dated article giving it
    to the last (`None` when only undated ones do), and in how many articles."""

    title: str
    first: dt.date | None
    last: dt.date | None
    articles: int

    def as_dict(self) -> dict[str, object]:
        return {
            "title": self.title,
            "first": _iso(self.first),
            "last": _iso(self.last),
            "articles": self.articles,
        }


@dataclass(frozen=True, slots=True)
class Counterpart:
    """A leader named in the same articles: how many articles, how many events of
    two reports or more, and the last date they were named together."""

    name: str
    country: str | None
    articles: int
    events: int
    last: dt.date | None

    def as_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "country": self.country,
            "articles": self.articles,
            "events": self.events,
            "last": _iso(self.last),
        }


@dataclass(frozen=True)
class LeaderProfile:
    """Everything the corpus says of one leader (see the module's docstring)."""

    name: str
    country: str | None
    appearances: tuple[Appearance, ...]  # newest first, undated last
    titles: tuple[TitleSpan, ...]  # by first date
    events: tuple[Event, ...]  # reported by two articles or more, newest first
    commitments: int
    kinds: Mapping[str, int] = field(default_factory=dict)
    topics: Mapping[str, int] = field(default_factory=dict)
    counterparts: tuple[Counterpart, ...] = ()

    @property
    def first(self) -> dt.date | None:
        return min((a.date for a in self.appearances if a.date), default=None)

    @property
    def last(self) -> dt.date | None:
        return max((a.date for a in self.appearances if a.date), default=None)

    def as_dict(self) -> dict[str, object]:
        """What `readout leader --json` prints."""
        return {
            "name": self.name,
            "country": self.country,
            "first": _iso(self.first),
            "last": _iso(self.last),
            "titles": [span.as_dict() for span in self.titles],
            "articles": [
                {"id": a.article_id, "date": _iso(a.date), "title": a.title, "source": a.source}
                for a in self.appearances
            ],
            "events": [
                {
                    "id": event.id,
                    "kind": event.kind,
                    "first": _iso(event.first),
                    "last": _iso(event.last),
                    "leaders": list(event.leaders),
                    "articles": list(event.article_ids()),
                }
                for event in self.events
            ],
            "commitments": {
                "count": self.commitments,
                "kinds": dict(self.kinds),
                "topics": dict(self.topics),
            },
            "counterparts": [c.as_dict() for c in self.counterparts],
        }


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def make_profile(
    name: str,
    appearances: Sequence[Appearance],
    events: Iterable[Event],
    commitments: int = 0,
    kinds: Mapping[str, int] | None = None,
    topics: Mapping[str, int] | None = None,
) -> LeaderProfile:
    """The profile of `name` (a corpus name) from the articles naming them, the
    corpus's events, and the counts of their commitments."""
    mine = tuple(event for event in events if name in event.leaders and len(event.reports) > 1)
    countries = Counter(
        country
        for appearance in appearances
        for who, country, _ in appearance.leaders
        if who == name and country
    )
    return LeaderProfile(
        name=name,
        country=countries.most_common(1)[0][0] if countries else None,
        appearances=tuple(appearances),
        titles=title_spans(name, appearances),
        events=mine,
        commitments=commitments,
        kinds=dict(kinds or {}),
        topics=dict(topics or {}),
        counterparts=counterparts(name, appearances, mine),
    )


_PAST = re.compile(r"(?i)\s*(the\s+)?(late|former|ex-|then|outgoing|past)\b")
"""A title the person no longer held when the article was written ("the late General
Secretary", "former President"): it does not date when they held it."""


def title_spans(name: str, appearances: Iterable[Appearance]) -> tuple[TitleSpan, ...]:
    """Each title the articles give `name`, with the first and last dates of the
    articles giving it, in the order first given (undated-only titles last). Titles
    differing only in case, diacritics or spacing are one, spelled as first met; a
    title said of the past ("former President", "the late ...") is left out, and so is
    one naming another leader of the article ("Minister of Defence Phan Văn Giang and
    ...": words run on past the title into the next person)."""
    spelled: dict[str, str] = {}
    dates: dict[str, list[dt.date]] = {}
    counts: Counter[str] = Counter()
    ordered = sorted(appearances, key=lambda a: (a.date is None, a.date or dt.date.min))
    for appearance in ordered:
        others = [_folded(who) for who, _, _ in appearance.leaders if who != name]
        titles = {
            key: title
            for who, _, held in appearance.leaders
            if who == name
            for title in held
            if not _PAST.match(title)
            for key in [_folded(title)]
            if not any(f" {other} " in f" {key} " for other in others)
        }
        for key, title in titles.items():
            spelled.setdefault(key, title)
            counts[key] += 1
            days = dates.setdefault(key, [])
            if appearance.date is not None:
                days.append(appearance.date)
    spans = [
        TitleSpan(spelled[key], min(dates[key], default=None), max(dates[key], default=None), n)
        for key, n in counts.items()
    ]
    return tuple(sorted(spans, key=lambda s: (s.first is None, s.first or dt.date.min)))


def _folded(text: str) -> str:
    """`text` folded, its words one space apart (titles and names compared so)."""
    return " ".join(fold(text).split())


def counterparts(
    name: str, appearances: Iterable[Appearance], events: Iterable[Event]
) -> tuple[Counterpart, ...]:
    """The other leaders named with `name`: those met in most events first, then
    those named in most articles together."""
    together: Counter[str] = Counter()
    last: dict[str, dt.date] = {}
    countries: dict[str, Counter[str]] = {}
    for appearance in appearances:
        others = {who: country for who, country, _ in appearance.leaders if who != name}
        for who, country in others.items():
            together[who] += 1
            if country:
                countries.setdefault(who, Counter())[country] += 1
            if appearance.date is not None and appearance.date > last.get(who, dt.date.min):
                last[who] = appearance.date
    met = Counter(who for event in events for who in set(event.leaders) if who != name)
    found = [
        Counterpart(
            who,
            countries[who].most_common(1)[0][0] if who in countries else None,
            count,
            met[who],
            last.get(who),
        )
        for who, count in together.items()
    ]
    # Met in events first: a leader only mentioned beside them (a founder quoted, a
    # predecessor) is named with them without being someone they met.
    return tuple(sorted(found, key=lambda c: (-c.events, -c.articles, c.name)))
