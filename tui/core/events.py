"""Events: the articles that report one call, meeting, visit or message.

Two articles report one event when their dates are close: a call is one day, so its
reports link within `CALL_SPAN_DAYS` of the call (the other side's readout is often
dated a day later, across time zones; a report that says the call was earlier,
`yesterday` or `on Tuesday`, counts from that day: `Sighting.said_day`); talks and
messages within `SPAN_DAYS` of the first report; a visit lasts days and is reported
day by day, so its reports chain while each comes within `VISIT_GAP_DAYS` of the
last, the whole within `VISIT_MAX_DAYS`. And when
they are about the same leaders (the people named in both titles, as the corpus names
them; where a title names fewer than two, every leader of the article), and they
report the same kind of contact (`tui.core.contacts`; talks held during a visit, or a
joint statement issued there, belong to the visit). Each report carries its outlet
and the side that outlet speaks for (`tui.core.outlets`).

A report naming fewer than two leaders (`Xi attends APEC summit`) may be about
anything that leader did that week: it joins only an event begun by a report naming
two, and only one with a report of its own kind (talks and a visit count as one), and
never decides an event's first date, leaders, kind or id (`Event.id`).

Grouping works on `Sighting`s, small rows the store reads without any article's text
(`tui.core.store.events`): 10,000 articles group in milliseconds.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from tui.core.contacts import KINDS
from tui.core.outlets import Outlets, Side
from tui.core.text import fold

__all__ = [
    "CALL_SPAN_DAYS",
    "SPAN_DAYS",
    "VISIT_GAP_DAYS",
    "VISIT_MAX_DAYS",
    "Event",
    "Report",
    "Sighting",
    "article_tag",
    "event_id",
    "group_events",
]

CALL_SPAN_DAYS = 1
"""The most days between a call and a report of it (a call is one day; the other
side's readout may be dated the next, across time zones)."""
SPAN_DAYS = 3
"""The most days between an event's first report and another of its reports (talks,
a message, an event of unknown kind)."""
VISIT_GAP_DAYS = 6
"""The most days between two consecutive reports of one visit (an arrival and a
departure a week apart, with nothing reported between, are one visit)."""
VISIT_MAX_DAYS = 14
"""The most days between a visit's first report and its last."""

_FAMILY = {"talks": "meeting", "visit": "meeting", "statement": "meeting", "conference": "meeting"}
"""Kinds one meeting may be reported as: talks, a visit (talks held during it), a joint
statement issued there, the forum it was held at (`met on the sidelines of the ASEAN
Summit`: one outlet's headline names the summit). A call and a message stand alone."""

_LONE_JOINS = {"talks": frozenset({"talks", "visit"}), "visit": frozenset({"talks", "visit"})}
"""The kinds of an event a report naming one leader may join, by its own kind (else
only its own): a visit's talks, a day of a visit."""


@dataclass(frozen=True, slots=True)
class Sighting:
    """What grouping knows of one article: no text."""

    id: str
    date: dt.date | None
    title: str
    kind: str  # tui.core.contacts.kind_of
    principals: tuple[str, ...]  # canonical names: named in the title, else all
    source: str | None = None
    place: str | None = None
    url: str | None = None
    said_day: dt.date | None = None
    """The day of the contact where the text says it was before `date` (`spoke by
    phone yesterday`, `on Tuesday`); `None`: the day of the report."""

    @property
    def lone(self) -> bool:
        """Whether it names fewer than two leaders (see the module's notes)."""
        return len(self.principals) < 2

    @property
    def day(self) -> dt.date | None:
        """The day grouping counts from."""
        return self.said_day or self.date


@dataclass(frozen=True, slots=True)
class Report:
    """One article of an event: its outlet and the side it speaks for."""

    id: str
    date: dt.date | None
    title: str
    source: str | None
    side: str | None
    basis: str = ""  # how the side was told: "outlet", "dateline" or ""
    leaders: tuple[str, ...] = ()  # those it names (`Sighting.principals`)

    def label(self) -> str:
        """`Xinhua (China)`; `AKP (China, by dateline)`: a relay or an unknown outlet."""
        outlet = self.source or "?"
        if not self.side:
            return outlet
        how = ", by dateline" if self.basis == "dateline" else ""
        return f"{outlet} ({self.side}{how})"

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "date": self.date.isoformat() if self.date else None,
            "title": self.title,
            "source": self.source,
            "side": self.side,
            "side_from": self.basis or None,
        }


@dataclass(frozen=True, slots=True)
class Event:
    """A call, meeting, visit or message, and the articles that report it (oldest
    first). `id` is made of its first date, its leaders and its kind: adding
    articles about other events never changes it."""

    id: str
    kind: str
    first: dt.date | None
    last: dt.date | None
    leaders: tuple[str, ...]
    reports: tuple[Report, ...]

    @property
    def sides(self) -> tuple[str, ...]:
        """The countries its reports speak for, in the order first reported."""
        return tuple(dict.fromkeys(r.side for r in self.reports if r.side))

    @property
    def outlets(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.source for r in self.reports if r.source))

    def article_ids(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.reports)

    def others(self, article_id: str) -> tuple[Report, ...]:
        """Its other reports than `article_id`'s (the readouts to compare it with),
        those of another side first."""
        mine = next((r for r in self.reports if r.id == article_id), None)
        rest = [r for r in self.reports if r.id != article_id]
        side = mine.side if mine is not None else None
        return tuple(sorted(rest, key=lambda r: side is not None and r.side == side))

    def as_dict(self) -> dict[str, object]:
        """What `readout events --json` prints of it."""
        return {
            "id": self.id,
            "kind": self.kind or None,
            "first": self.first.isoformat() if self.first else None,
            "last": self.last.isoformat() if self.last else None,
            "leaders": list(self.leaders),
            "sides": list(self.sides),
            "articles": [r.as_dict() for r in self.reports],
        }


@dataclass
class _Open:
    """An event being gathered."""

    first: dt.date
    last: dt.date
    members: list[Sighting]

    def kinds(self) -> set[str]:
        return {m.kind for m in self.members if m.kind}


def _family(kind: str) -> str:
    return _FAMILY.get(kind, kind)


def _within(event: _Open, kinds: set[str], day: dt.date) -> bool:
    """Whether a report of `day` falls in `event`'s days, were its kinds `kinds`."""
    if "visit" in kinds:
        return (day - event.last).days <= VISIT_GAP_DAYS and (
            day - event.first
        ).days <= VISIT_MAX_DAYS
    span = CALL_SPAN_DAYS if "call" in kinds else SPAN_DAYS
    return (day - event.first).days <= span


def _same_people(one: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """Two of the same leaders, or the only one of either named by the other."""
    shared = len(set(one) & set(other))
    return shared >= 2 or (shared == 1 and min(len(one), len(other)) == 1)


def _fits(event: _Open, sighting: Sighting, day: dt.date) -> bool:
    kinds = event.kinds()
    families = {_family(kind) for kind in kinds}
    if sighting.kind and families != {_family(sighting.kind)}:
        return False
    if not _within(event, kinds | {sighting.kind}, day):
        return False
    # A report naming two must name the pair of a report naming two; one naming one
    # leader (`Xi attends APEC summit`) joins an event of its kind, never begins or
    # bridges one of two leaders.
    pairs = [m for m in event.members if not m.lone]
    if not sighting.lone:
        return any(len(set(m.principals) & set(sighting.principals)) >= 2 for m in pairs)
    if not kinds & _LONE_JOINS.get(sighting.kind, frozenset({sighting.kind})):
        return False
    return any(_same_people(m.principals, sighting.principals) for m in event.members)


def _gather(sightings: list[Sighting]) -> list[list[Sighting]]:
    """Dated sightings in date order, each joined to the latest open event it fits
    (its leaders looked up by name), or opening one; of a day, those naming two
    leaders first, and known kinds before unknown ones, so that an article that does
    not say joins the event of its day."""
    dated = sorted(
        (s for s in sightings if s.date is not None),
        key=lambda s: (s.date, s.lone, not s.kind, s.id),
    )
    # Each leader's events, with the day each was last joined (days only grow).
    by_leader: defaultdict[str, list[tuple[dt.date, _Open]]] = defaultdict(list)
    gathered: list[_Open] = []
    for sighting in dated:
        day = sighting.day
        assert day is not None
        chosen = _best(sighting, day, by_leader)
        if chosen is None:
            chosen = _Open(day, day, [])
            gathered.append(chosen)
        chosen.members.append(sighting)
        chosen.last = max(chosen.last, day)
        for name in sighting.principals:
            by_leader[name].append((day, chosen))
    undated = [[s] for s in sightings if s.date is None]
    return [event.members for event in gathered] + undated


def _best(
    sighting: Sighting, day: dt.date, by_leader: Mapping[str, list[tuple[dt.date, _Open]]]
) -> _Open | None:
    """The open event `sighting` fits best: one with a report of its kind, then the
    one most reported, then the one begun last; `None` when it fits none."""
    best: tuple[tuple[bool, int, dt.date], _Open] | None = None
    for name in sighting.principals:
        for joined, event in reversed(by_leader.get(name, ())):
            if (day - joined).days > VISIT_MAX_DAYS:
                break  # joined then, so begun then or before: too old, as all before it
            rank = (sighting.kind in event.kinds(), len(event.members), event.first)
            if (best is None or rank > best[0]) and _fits(event, sighting, day):
                best = (rank, event)
    return None if best is None else best[1]


def _event_leaders(members: list[Sighting]) -> tuple[str, ...]:
    """The leaders most of its reports name: those named by two or more (a single
    report: its own), in the order the first report names them."""
    if len(members) == 1:
        return members[0].principals
    counts = Counter(name for m in members for name in set(m.principals))
    shared = [name for m in members for name in m.principals if counts[name] >= 2]
    return tuple(dict.fromkeys(shared))


def _event_kind(members: list[Sighting]) -> str:
    if len(members) == 1:
        return members[0].kind
    kinds = Counter(m.kind for m in members if m.kind)
    if not kinds:
        return ""
    if "visit" in kinds:
        return "visit"
    # The most reported; where as many, the most specific (talks before conference).
    return max(kinds, key=lambda kind: (kinds[kind], -KINDS.index(kind)))


@lru_cache(maxsize=4096)
def slug(text: str) -> str:
    """`Tô Lâm` -> `to-lam`."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def event_id(
    first: dt.date | None, leaders: tuple[str, ...], kind: str, first_article: str = ""
) -> str:
    """`2025-01-15-to-lam-xi-jinping-call`: the first date, two leaders in
    alphabetical order, the kind. An event that names fewer than two leaders, or no
    date, is not told by these: its id ends with a tag of its first article
    (`2025-01-15-call-3f9a2c`), so that it stays the same whatever else is added."""
    names = sorted(slug(name) for name in leaders)[:2]
    parts = [first.isoformat() if first else "undated", *names, kind or "contact"]
    if first_article and (len(names) < 2 or first is None):
        parts.append(article_tag(first_article))
    return "-".join(part for part in parts if part)


def article_tag(article_id: str) -> str:
    """Six hex digits made from an article's id: the same id, the same tag."""
    return hashlib.blake2b(article_id.encode("utf-8", "surrogatepass"), digest_size=3).hexdigest()


def group_events(
    sightings: Iterable[Sighting],
    outlets: Outlets,
    countries: Mapping[str, str] | None = None,
) -> list[Event]:
    """The events of the articles `sightings`, newest first (undated last). Every
    article is in exactly one event (most in one of their own). `countries`: leader
    -> country, to tell the parties of an event (for the side of a relayed report)."""
    countries = countries or {}
    events: list[Event] = []
    for gathered in _gather(list(sightings)):
        members = sorted(gathered, key=lambda m: m.date or dt.date.min)  # stable: kinds first
        # Reports naming one leader never tell its leaders, kind or id (they join
        # after the first report naming two).
        told = [m for m in members if not m.lone] or members
        leaders = _event_leaders(told)
        kind = _event_kind(told)
        parties = frozenset(countries[name] for name in leaders if name in countries)
        reports = tuple(_report(m, outlets, parties) for m in members)
        first, last = members[0].date, members[-1].date
        made = event_id(first, leaders, kind, members[0].id)
        events.append(Event(made, kind, first, last, leaders, reports))
    events = _unique_ids(events)
    events.sort(key=lambda e: (e.first is not None, e.first or dt.date.min, e.id), reverse=True)
    return events


def _report(sighting: Sighting, outlets: Outlets, parties: frozenset[str]) -> Report:
    side: Side = outlets.side(sighting.source, sighting.url, sighting.place, parties)
    return Report(
        sighting.id, sighting.date, sighting.title, sighting.source, side.country, side.basis,
        sighting.principals,
    )  # fmt: skip


def _unique_ids(events: list[Event]) -> list[Event]:
    """Two events of one id (the same two leaders' same kind of contact begun on one
    day, which grouping kept apart): all but the one whose first article sorts first
    get the tag of their own first article (never a rank, which another article
    could shift)."""
    taken: set[str] = set()
    unique: list[Event] = []
    for event in sorted(events, key=lambda e: (e.id, e.reports[0].id)):
        if event.id in taken:
            tagged = f"{event.id}-{article_tag(event.reports[0].id)}"
            event = Event(tagged, event.kind, event.first, event.last, event.leaders, event.reports)
        taken.add(event.id)
        unique.append(event)
    return unique
