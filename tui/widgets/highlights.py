"""Article text as styled `Content`: leaders' names, commitment tints, marked passages.

Every style names a theme variable (`$leader-3`, `$commitment-pledge`, `$mark`), so a
theme restyles the highlights with everything else. The text itself is never parsed
as markup.
"""

from __future__ import annotations

import sys
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from textual.content import Content

from tui.core.extract import KINDS, Extraction, Leader
from tui.core.text import Passage, visible

LEADER_COLOURS = 6
"""How many leader highlight colours a theme defines (`$leader-1` ... `$leader-6`)."""

# Fallback colours, used when a theme does not define the app's own variables.
DEFAULT_VARIABLES: dict[str, str] = {
    "leader-1": "#f2a65a",
    "leader-2": "#6cb6ff",
    "leader-3": "#8ddb8c",
    "leader-4": "#e5a5ff",
    "leader-5": "#ffd866",
    "leader-6": "#ff8f8f",
    "commitment-pledge": "#2e4a3a",
    "commitment-agreement": "#27415e",
    "commitment-proposal": "#4a3f24",
    "commitment-readiness": "#2f4650",
    "commitment-announcement": "#4a2f4a",
    "commitment-invitation": "#4d3030",
    "mark": "#7a5c00",
    "search-match": "#ffb000",
    "cursor": "#3a3f4b",
    "bookmark": "#56c8d8",
    "revised": "#ffa62b",
    "diff-removed": "#ff8f8f",
    "diff-added": "#8ddb8c",
    "compare-only-first": "#4a3424",
    "compare-only-second": "#243a4a",
    "timeline-visit": "#ff8f8f",
    "timeline-talks": "#f2a65a",
    "timeline-call": "#6cb6ff",
    "timeline-message": "#8ddb8c",
    "timeline-other": "#a0a0a0",
}


LeaderColours = Mapping[str, int]
"""A leader's name -> their colour slot (1 to `LEADER_COLOURS`) in one article."""


def leader_slot(name: str) -> int:
    """A colour for a leader outside any one article (the leader picker): the same in
    every run."""
    return zlib.crc32(name.encode("utf-8")) % LEADER_COLOURS + 1


def leader_colours(leaders: Iterable[Leader]) -> dict[str, int]:
    """Colour slots for the leaders of one article, in the order they first appear in
    it, so distinct leaders get distinct colours (cycling only past `LEADER_COLOURS`)."""

    def first_mention(leader: Leader) -> int:
        return min((mention.start for mention in leader.mentions), default=sys.maxsize)

    ordered = sorted(leaders, key=first_mention)
    return {leader.name: index % LEADER_COLOURS + 1 for index, leader in enumerate(ordered)}


def leader_style(name: str, colours: LeaderColours | None = None) -> str:
    """The style of a leader's name in the text and in the panels: their colour in
    `colours` (the article's), else one from the name alone."""
    slot = colours.get(name) if colours else None
    return f"bold $leader-{slot or leader_slot(name)}"


def kind_style(kind: str) -> str:
    """The tint of a commitment sentence of `kind`."""
    return f"on $commitment-{kind}" if kind in KINDS else ""


@dataclass(frozen=True, slots=True)
class Marks:
    """What to draw over the text: the extraction, and one marked passage."""

    extraction: Extraction | None = None
    highlighting: bool = True
    marked: tuple[int, int] | None = None
    """`(start, end)` offsets of the passage the person was taken to."""
    matches: tuple[tuple[int, int], ...] = ()
    """Characters a search matched, inside the marked passage."""
    cursor: tuple[int, int] | None = None
    """The passage cursor: the current sentence, or the sentences selected."""
    bookmarked: tuple[tuple[int, int], ...] = ()
    """Passages already bookmarked."""


def paragraph_content(text: str, paragraph: Passage, marks: Marks) -> Content:
    """One paragraph of `text`, styled by `marks`."""
    content = Content(visible(paragraph.text))
    start, end = paragraph.start, paragraph.end

    def stylize(style: str, a: int, b: int) -> None:
        nonlocal content
        if style and a < end and start < b:
            content = content.stylize(style, max(a, start) - start, min(b, end) - start)

    extraction = marks.extraction
    if marks.highlighting and extraction is not None:
        for commitment in extraction.commitments:
            stylize(kind_style(commitment.kind), commitment.start, commitment.end)
        colours = leader_colours(extraction.leaders)
        for leader in extraction.leaders:
            for mention in leader.mentions:
                stylize(leader_style(leader.name, colours), mention.start, mention.end)
    for passage in marks.bookmarked:
        stylize("underline $bookmark", *passage)
    if marks.cursor is not None:
        stylize("on $cursor", *marks.cursor)
    if marks.marked is not None:
        stylize("on $mark", *marks.marked)
    for match in marks.matches:
        stylize("bold underline $search-match", *match)
    return content
