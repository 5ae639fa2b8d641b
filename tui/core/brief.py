"""A comparison of two readouts as Markdown, ready to paste into a report
(`readout brief`): what both report, what only one does, each quote dated and
credited to its outlet, and what each side reports of the other's commitments."""

from __future__ import annotations

import re

from tui.core.compare import Comparison, Item, Reported, Side
from tui.core.controls import clipboard_text

__all__ = ["brief_markdown", "outlet"]

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def _escaped(text: str) -> str:
    """Text from an article as Markdown shows it literally, on one line."""
    return _SPECIAL.sub(r"\\\1", " ".join(clipboard_text(text).split()))


def outlet(side: Side) -> str:
    """The outlet of a side (its source, else its id) and its date."""
    name = side.source or side.id
    return f"{name}, {side.date.isoformat()}" if side.date else f"{name}, undated"


def _quote(item: Item, side: Side) -> str:
    return f"“{_escaped(item.text)}” ({_escaped(outlet(side))})"


def _commitment_line(reported: Reported) -> str:
    commitment = reported.commitment
    said = f"{commitment.kind} by {_escaped(', '.join(commitment.actors) or 'unknown')}"
    if not reported.reported:
        return f"{said}; not reported by the other side"
    if reported.kind is None:
        return f"{said}; the other side reports the sentence, not as a commitment"
    other = _escaped(", ".join(reported.actors) or "unknown")
    return f"{said}; the other side: {reported.kind} by {other}"


def brief_markdown(comparison: Comparison) -> str:
    """The Markdown brief of `comparison`."""
    first, second = comparison.first, comparison.second
    lines = [
        f"# {_escaped(first.source or first.id)} and {_escaped(second.source or second.id)}:"
        " two readouts compared",
        "",
        f"- First: {_escaped(outlet(first))}, “{_escaped(first.title)}” (`{first.id}`)",
        f"- Second: {_escaped(outlet(second))}, “{_escaped(second.title)}” (`{second.id}`)",
        f"- {_escaped(comparison.summary())}",
        "",
        "## Reported by both",
        "",
    ]
    for pair in comparison.both:
        lines.append(f"- {_quote(pair.first, first)}")
        lines.append(f"  - {_quote(pair.second, second)}")
        for side, item in ((first, pair.first), (second, pair.second)):
            for reported in item.commitments:
                name = _escaped(side.source or side.id)
                lines.append(f"  - Commitment in {name}: {_commitment_line(reported)}")
    if not comparison.both:
        lines.append("- Nothing.")
    for side, items in ((first, comparison.only_first), (second, comparison.only_second)):
        lines += ["", f"## Only in {_escaped(outlet(side))}", ""]
        for item in items:
            lines.append(f"- {_quote(item, side)}")
            for reported in item.commitments:
                lines.append(f"  - Commitment: {_commitment_line(reported)}")
        if not items:
            lines.append("- Nothing.")
    lines += ["", "## Topics on one side only", ""]
    for side, topics in (
        (first, comparison.topics_only_first),
        (second, comparison.topics_only_second),
    ):
        lines.append(f"- {_escaped(outlet(side))}: {_escaped(', '.join(topics) or 'none')}")
    return "\n".join(lines) + "\n"
