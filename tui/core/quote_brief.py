"""Briefs of quotes (`readout brief --thread ID | --topic T | --leader NAME`): the
commitments of a thread, a topic or a leader as Markdown, grouped by thread, each quote
dated, credited to its outlet and linked to its article when its address is known,
ready to paste into a report. Text from files goes through `brief.markdown_text`: a
quote reads exactly as its source in any Markdown renderer."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import quote

from tui.core.brief import markdown_code, markdown_text

if TYPE_CHECKING:
    from tui.core.store import Library
    from tui.core.store.model import ArticleSummary
    from tui.core.threads import Thread

__all__ = [
    "Quote",
    "QuoteGroup",
    "leader_groups",
    "quotes_markdown",
    "thread_groups",
    "topic_groups",
]


@dataclass(frozen=True, slots=True)
class Quote:
    """One sentence quoted: what it says, where from, and what it is in its thread."""

    article_id: str
    date: dt.date | None
    title: str
    source: str | None
    url: str | None
    text: str
    kind: str
    stage: str | None = None
    new: bool = False
    start: int = -1
    """Where the sentence starts in the article's text (`-1`: not known)."""


@dataclass(frozen=True, slots=True)
class QuoteGroup:
    """The quotes of one thread (or of none: `thread` is `None`), oldest first."""

    heading: str
    thread: str | None
    quotes: tuple[Quote, ...]


def quotes_markdown(title: str, groups: Sequence[QuoteGroup], made: dt.date) -> str:
    """The brief: a heading, a line of counts, then a section per group."""
    count = sum(len(group.quotes) for group in groups)
    threads = sum(1 for group in groups if group.thread is not None)
    lines = [
        f"# {markdown_text(title)}",
        "",
        f"*{_counted(count, 'quote')} in {_counted(threads, 'thread')}; "
        f"made by readout on {made.isoformat()}*",
    ]
    for group in groups:
        lines += ["", f"## {markdown_text(group.heading)}", ""]
        if group.thread is not None:
            lines += [f"Thread {markdown_code(group.thread)}", ""]
        lines += [_quote_line(quote) for quote in group.quotes]
    return "\n".join(lines) + "\n"


def _counted(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'s' * (count != 1)}"


def _quote_line(quote: Quote) -> str:
    """`- **2025-01-15**, VNS: “…” (agreed, new) — [Title](url) `id``."""
    when = quote.date.isoformat() if quote.date else "undated"
    said = [quote.kind] + ([quote.stage] if quote.stage else []) + (["new"] if quote.new else [])
    outlet = markdown_text(quote.source or "")
    source = f", {outlet}" if outlet else ""
    title = markdown_text(quote.title) or "untitled"
    if quote.url and _WEB.match(quote.url):
        linked = f"[{title}](<{_address(quote.url)}>)"
    elif quote.url:  # no web address (`javascript:`, a file): shown, never a link
        linked = f"*{title}* {markdown_code(quote.url)}"
    else:
        linked = f"*{title}*"
    return (
        f"- **{when}**{source}: “{markdown_text(quote.text)}” ({', '.join(said)}) — "
        f"{linked} {markdown_code(quote.article_id)}"
    )


_WEB = re.compile(r"(?i)https?://\S")
"""The addresses a brief links to: the web's; any other is shown as text."""


def _address(url: str) -> str:
    """A link's address inside `<…>`, read back as written: `\\`, `<`, `>` and `&`
    (an entity would be decoded) escaped with a backslash; spaces of any kind (a
    renderer trims them) and controls percent-encoded as UTF-8."""
    return "".join(
        f"\\{c}" if c in "\\<>&"
        else quote(c, safe="") if c.isspace() or not c.isprintable()
        else c
        for c in url
    )  # fmt: skip


# From the library --------------------------------------------------------------------


def thread_groups(library: Library, threads: Iterable[Thread]) -> list[QuoteGroup]:
    """Each thread as a group: its entries' sentences, oldest first."""
    chosen = list(threads)
    sentences = library.thread_sentences(chosen)
    summaries = _summaries(library, (e.article_id for t in chosen for e in t.entries))
    groups = []
    for thread in chosen:
        quotes = [
            _quote(summaries.get(entry.article_id), entry.article_id,
                   sentences.get((entry.article_id, entry.start), ""), entry.kind,
                   entry.stage, not entry.recurring, entry.start)
            for entry in thread.entries
        ]  # fmt: skip
        groups.append(QuoteGroup(thread_heading(thread), thread.id, tuple(quotes)))
    return groups


def thread_heading(thread: Thread) -> str:
    """`railway · three standard-gauge railway lines · 2024-08-19 … 2026-01-26 ·
    latest stage: agreed`."""
    days = dict.fromkeys(d.isoformat() for d in (thread.first, thread.last) if d)
    parts = [thread.topic, thread.about, " … ".join(days)]
    if thread.stage:
        parts.append(f"latest stage: {thread.stage}")
    return " · ".join(part for part in parts if part)


def topic_groups(library: Library, topic: str) -> list[QuoteGroup]:
    """The threads of `topic` with two entries or more (all of them when none has),
    latest activity first."""
    threads = library.threads(topic)
    linked = [thread for thread in threads if len(thread.entries) > 1]
    return thread_groups(library, linked or threads)


def leader_groups(library: Library, name: str) -> list[QuoteGroup]:
    """The commitments of the leader the corpus calls `name`, grouped by the thread
    each belongs to (latest activity first), with the rest last."""
    from tui.core.store.commitment_query import CommitmentQuery

    rows = library.commitments(CommitmentQuery(actor=name))
    mine = {(row.article_id, row.start): row for row in rows}
    summaries = _summaries(library, (row.article_id for row in rows))
    groups: list[QuoteGroup] = []
    placed: set[tuple[str, int]] = set()
    for thread in library.threads():
        entries = [e for e in thread.entries if (e.article_id, e.start) in mine]
        if not entries:
            continue
        quotes = [
            _quote(summaries.get(e.article_id), e.article_id, mine[e.article_id, e.start].text,
                   e.kind, e.stage, not e.recurring, e.start)
            for e in entries
        ]  # fmt: skip
        placed.update((e.article_id, e.start) for e in entries)
        groups.append(QuoteGroup(thread_heading(thread), thread.id, tuple(quotes)))
    rest = [row for key, row in mine.items() if key not in placed]
    if rest:
        rest.sort(key=lambda row: (row.date or dt.date.max, row.article_id, row.start))
        quotes = [
            _quote(
                summaries.get(row.article_id), row.article_id, row.text, row.kind, start=row.start
            )
            for row in rest
        ]
        groups.append(QuoteGroup("Not in a thread (no topic named)", None, tuple(quotes)))
    return groups


def _summaries(library: Library, ids: Iterable[str]) -> Mapping[str, ArticleSummary]:
    wanted = set(ids)
    return {summary.id: summary for summary in library.articles(only=wanted)} if wanted else {}


def _quote(
    summary: ArticleSummary | None,
    article_id: str,
    text: str,
    kind: str,
    stage: str | None = None,
    new: bool = False,
    start: int = -1,
) -> Quote:
    if summary is None:  # gone from the library since the thread was linked
        return Quote(article_id, None, article_id, None, None, text, kind, stage, new, start)
    return Quote(
        article_id, summary.date, summary.title, summary.source, summary.url, text, kind,
        stage, new, start,
    )  # fmt: skip
