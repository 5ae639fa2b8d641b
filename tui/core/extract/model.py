"""What extraction finds, as data: a `Leader` named in an article, a `Commitment` it
reports, an article's `Extraction`, and their renaming under corpus-wide names.

Light on purpose: the store, the CLI and the app read and show extractions without
loading the rules that make them (`tui.core.extract.rules` and the modules it uses).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from tui.core.text import Passage

__all__ = ["KINDS", "Commitment", "Extraction", "Leader", "renamed_commitments", "renamed_leaders"]

KINDS = ("pledge", "agreement", "proposal", "readiness", "announcement", "invitation")
"""The kinds of commitment, in the order panels and facets list them."""


@dataclass(frozen=True, slots=True)
class Leader:
    """A person named in an article."""

    name: str
    country: str | None
    titles: tuple[str, ...]
    mentions: tuple[Passage, ...]

    @property
    def count(self) -> int:
        """How many times the article names them."""
        return len(self.mentions)

    def as_dict(self) -> dict[str, object]:
        """The JSON shape `readout extract` prints."""
        return {
            "name": self.name,
            "titles": list(self.titles),
            "count": self.count,
            "mentions": [mention.as_dict() for mention in self.mentions],
        }


@dataclass(frozen=True, slots=True)
class Commitment:
    """A sentence (or an enumerated item) carrying an undertaking."""

    text: str
    start: int
    end: int
    kind: str
    actors: tuple[str, ...]
    topics: tuple[str, ...]

    def as_dict(self) -> dict[str, object]:
        """The JSON shape `readout extract` prints."""
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "actors": list(self.actors),
            "topics": list(self.topics),
        }


@dataclass(frozen=True, slots=True)
class Extraction:
    """What one article says: who was there, and what was undertaken."""

    article_id: str
    leaders: tuple[Leader, ...]
    commitments: tuple[Commitment, ...]

    def leader(self, name: str) -> Leader | None:
        """The leader with this canonical name, if the article names them."""
        return next((leader for leader in self.leaders if leader.name == name), None)

    def commitments_of(self, name: str) -> tuple[Commitment, ...]:
        """The commitments `name` made, alone or with the other side."""
        return tuple(c for c in self.commitments if name in c.actors or "both" in c.actors)


def renamed_leaders(leaders: tuple[Leader, ...], mapping: Mapping[str, str]) -> tuple[Leader, ...]:
    """`leaders` under their corpus names; two that become one are merged."""
    if not any(leader.name in mapping for leader in leaders):
        return leaders
    merged: dict[str, Leader] = {}
    for leader in leaders:
        name = mapping.get(leader.name, leader.name)
        before = merged.get(name)
        if before is None:
            merged[name] = replace(leader, name=name)
            continue
        titles = tuple(dict.fromkeys((*before.titles, *leader.titles)))
        mentions = tuple(sorted((*before.mentions, *leader.mentions), key=lambda m: m.start))
        country = before.country or leader.country
        merged[name] = Leader(name, country, titles, mentions)
    found = list(merged.values())
    found.sort(key=lambda leader: (-leader.count, leader.mentions[0].start))
    return tuple(found)


def renamed_commitments(
    commitments: tuple[Commitment, ...], mapping: Mapping[str, str]
) -> tuple[Commitment, ...]:
    """`commitments` with their actors under their corpus names."""
    if not any(actor in mapping for c in commitments for actor in c.actors):
        return commitments
    return tuple(
        replace(c, actors=tuple(dict.fromkeys(mapping.get(a, a) for a in c.actors)))
        for c in commitments
    )
