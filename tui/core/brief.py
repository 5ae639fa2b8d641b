"""A comparison of two readouts as Markdown, ready to paste into a report
(`readout brief`): what both report, what only one does, each quote dated and
credited to its outlet, and what each side reports of the other's commitments."""

from __future__ import annotations

import re
from pathlib import Path

from tui.core.compare import Comparison, Item, Reported, Side
from tui.core.controls import clipboard_text
from tui.core.events import Event

__all__ = [
    "brief_markdown",
    "brief_name",
    "markdown_code",
    "markdown_text",
    "outlet",
    "write_brief",
]

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&!$])")
"""What Markdown (CommonMark and GitHub's tables and strikethrough) reads as more
than a character in running text: emphasis, code, links and images, raw HTML and
autolinks, entities (`&lt;`), strikethrough, table cells, headings' closing `#`,
maths in some renderers. Each is escaped with a backslash, which CommonMark allows
before any ASCII punctuation; what only counts at a line's start never starts one."""


def _one_line(text: str) -> str:
    return " ".join(clipboard_text(text).split())


def markdown_text(text: str) -> str:
    """Text from a file (a quote, a title, a name, an outlet) as Markdown shows it
    literally, on one line: every way of writing text in this module goes here."""
    return _SPECIAL.sub(r"\\\1", _one_line(text))


def markdown_code(text: str) -> str:
    """Text from a file (an article's id) as a code span: fenced by one backtick
    more than its longest run of them, padded where it starts or ends with one."""
    text = _one_line(text)
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def outlet(side: Side, speaks_for: str | None = None) -> str:
    """The outlet of a side (its source, else its id), the country it speaks for
    when known, and its date."""
    name = " ".join((side.source or "").split()) or " ".join(side.id.split())
    if speaks_for:
        name += f" ({speaks_for})"
    return f"{name}, {side.date.isoformat()}" if side.date else f"{name}, undated"


def _commitment_line(reported: Reported) -> str:
    commitment = reported.commitment
    actors = markdown_text(", ".join(commitment.actors) or "unknown")
    said = f"{markdown_text(commitment.kind)} by {actors}"
    if not reported.reported:
        return f"{said}; not reported by the other side"
    if reported.kind is None:
        return f"{said}; the other side reports the sentence, not as a commitment"
    other = markdown_text(", ".join(reported.actors) or "unknown")
    return f"{said}; the other side: {markdown_text(reported.kind)} by {other}"


def _event_line(event: Event) -> str:
    days = [d.isoformat() for d in dict.fromkeys((event.first, event.last)) if d]
    reports = ", ".join(
        f"{r.source or r.id}" + (f" ({r.side})" if r.side else "") for r in event.reports
    )
    said = f"{event.kind or 'contact'} of {', '.join(event.leaders) or 'unknown leaders'}"
    return markdown_text(f"Event: {said}, {' to '.join(days) or 'undated'}; reported by {reports}")


def brief_markdown(comparison: Comparison, event: Event | None = None) -> str:
    """The Markdown brief of `comparison` (of two reports of `event`, when given)."""
    first, second = comparison.first, comparison.second
    sides = {r.id: r.side for r in event.reports} if event else {}
    labels = {s.id: markdown_text(outlet(s, sides.get(s.id))) for s in (first, second)}
    names = [markdown_text(side.source or side.id) for side in (first, second)]
    lines = [
        f"# {names[0]} and {names[1]}: two readouts compared",
        "",
        *([f"- {_event_line(event)} ({markdown_code(event.id)})"] if event else []),
        *(
            f"- {which}: {labels[side.id]}, “{markdown_text(side.title)}”"
            f" ({markdown_code(side.id)})"
            for which, side in (("First", first), ("Second", second))
        ),
        f"- {markdown_text(comparison.summary())}",
        *_both(comparison, labels),
    ]
    for side, items in ((first, comparison.only_first), (second, comparison.only_second)):
        lines += ["", f"## Only in {labels[side.id]}", ""]
        for item in items:
            lines.append(f"- {_quote(item, labels[side.id])}")
            lines += [f"  - Commitment: {_commitment_line(r)}" for r in item.commitments]
        if not items:
            lines.append("- Nothing.")
    lines += ["", "## Topics on one side only", ""]
    for side, topics in (
        (first, comparison.topics_only_first),
        (second, comparison.topics_only_second),
    ):
        lines.append(f"- {labels[side.id]}: {markdown_text(', '.join(topics) or 'none')}")
    return "\n".join(lines) + "\n"


def _quote(item: Item, label: str) -> str:
    return f"“{markdown_text(item.text)}” ({label})"


def _both(comparison: Comparison, labels: dict[str, str]) -> list[str]:
    """The section of what both report: each pair's quotes and commitments."""
    first, second = comparison.first, comparison.second
    lines = ["", "## Reported by both", ""]
    for pair in comparison.both:
        lines.append(f"- {_quote(pair.first, labels[first.id])}")
        lines.append(f"  - {_quote(pair.second, labels[second.id])}")
        for side, item in ((first, pair.first), (second, pair.second)):
            name = markdown_text(side.source or side.id)
            lines += [f"  - Commitment in {name}: {_commitment_line(r)}" for r in item.commitments]
    if not comparison.both:
        lines.append("- Nothing.")
    return lines


def brief_name(comparison: Comparison, event: Event | None = None) -> str:
    """A file name for the brief: `brief-<event id>.md` for two reports of an event,
    else `brief-<first date>-<first outlet>-<second outlet>.md` (ASCII words; a
    side with no outlet by its title)."""
    from tui.core.importing.writing import slug

    if event is not None:
        return f"brief-{slug(event.id)}.md"
    first, second = comparison.first, comparison.second
    named = " ".join(
        [first.date.isoformat() if first.date else "undated"]
        + [side.source or side.title or side.id for side in (first, second)]
    )
    return f"brief-{slug(named)}.md"


def write_brief(folder: Path, name: str, markdown: str, tries: int = 100) -> Path:
    """Write `markdown` to a new file `name` in `folder` (made if missing; `name-2`,
    `-3`... when `name` is taken): never over a file (`tui.core.files.write_new`).
    Raises `OSError`."""
    from tui.core.files import write_new

    folder.mkdir(parents=True, exist_ok=True)  # as the notes file's folder is made
    stem, suffix = name.rsplit(".", 1) if "." in name else (name, "md")
    for number in range(1, tries + 1):
        path = folder / (f"{stem}.{suffix}" if number == 1 else f"{stem}-{number}.{suffix}")
        try:
            write_new(path, markdown.encode("utf-8"))
        except FileExistsError:
            continue
        return path
    raise FileExistsError(f"{folder / name} and {tries - 1} numbered names are taken")
