"""Briefs of quotes (thread, topic, leader): each quote, title, outlet and id reads as
its source when rendered by markdown-it (hypothesis over hostile text), the link goes
where the article came from, and the seeds' railway thread is one group of dated
quotes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import unquote

from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it.token import Token

from tests.core.test_brief import HOSTILE, MARKDOWN, one_line
from tui.core.quote_brief import (
    Quote,
    QuoteGroup,
    leader_groups,
    quotes_markdown,
    thread_groups,
    topic_groups,
)
from tui.core.store import Library

hostile = st.lists(st.sampled_from(HOSTILE), min_size=1, max_size=10).map("".join)
MADE = dt.date(2026, 11, 26)


def said(inline: Token) -> tuple[str, list[str]]:
    """An inline token's text as rendered, and the links' addresses; formatting other
    than the brief's own (the date in bold, the title as a link or in italics, the id
    as code) fails the test."""
    text, links = "", []
    for child in inline.children or ():
        assert child.type in (
            "text", "code_inline", "softbreak", "strong_open", "strong_close", "em_open",
            "em_close", "link_open", "link_close",
        ), (child.type, inline.content)  # fmt: skip
        if child.type == "link_open":
            links.append(str(child.attrs["href"]))
        text += " " if child.type == "softbreak" else child.content
    return text, links


def rendered(markdown: str) -> list[tuple[str, list[str]]]:
    tokens = MARKDOWN.parse(markdown)
    assert not [t for t in tokens if t.type.startswith(("table", "html", "code", "hr"))]
    return [said(token) for token in tokens if token.type == "inline"]


@settings(max_examples=60, deadline=None)
@example(text="x", title="t", source="s", ident="i", url="\u00a0", heading="h")  # trimmed once
@example(text="x", title="t", source="s", ident="i", url="&lt; \\ <>", heading="h")
@given(
    text=hostile,
    title=hostile,
    source=hostile,
    ident=hostile.filter(str.strip),
    url=hostile,
    heading=hostile,
)
def test_every_quote_reads_as_its_source(
    text: str, title: str, source: str, ident: str, url: str, heading: str
) -> None:
    link = "https://example.org/a b/" + url
    quotes = (
        Quote(ident, dt.date(2025, 1, 15), title, source, link, text, "pledge", "agreed", True),
        Quote(ident, None, title, None, None, text, "proposal"),
    )
    lines = rendered(quotes_markdown(heading, [QuoteGroup(heading, ident, quotes)], MADE))
    assert lines[0] == (one_line(heading), [])
    assert lines[1][0] == "2 quotes in 1 thread; made by readout on 2026-11-26"
    assert lines[2] == (one_line(heading), [])
    assert lines[3] == (f"Thread {one_line(ident)}", [])
    first, second = lines[4], lines[5]
    assert first[0] == (
        f"2025-01-15, {one_line(source)}: “{one_line(text)}” (pledge, agreed, new) — "
        f"{one_line(title) or 'untitled'} {one_line(ident)}"
    ).replace(", :", ":")  # an outlet of spaces only is no outlet
    assert [unquote(href) for href in first[1]] == [link]
    assert second == (f"undated: “{one_line(text)}” (proposal) — "
                      f"{one_line(title) or 'untitled'} {one_line(ident)}", [])  # fmt: skip


@settings(max_examples=30, deadline=None)
@example(url="javascript:alert(1)) [click](http://evil", title="Evil")
@example(url="file:///etc/passwd", title="t")
@example(url="HTTPS:nothing-after", title="t")
@given(url=hostile.map(lambda rest: "javascript:" + rest), title=hostile)
def test_an_address_not_of_the_web_is_shown_never_linked(url: str, title: str) -> None:
    quote = Quote("a.txt", dt.date(2025, 1, 15), title, "VNA", url, "x", "pledge")
    lines = rendered(quotes_markdown("h", [QuoteGroup("h", None, (quote,))], MADE))
    text, links = lines[-1]
    assert links == []
    assert text.endswith(f"{one_line(title) or 'untitled'} {one_line(url)} a.txt")


def test_the_railway_topic_is_its_thread_of_dated_quotes(seeds_library: Library) -> None:
    (group,) = topic_groups(seeds_library, "railway")
    assert group.heading.startswith("railway · ")
    assert [q.date.isoformat()[:7] for q in group.quotes if q.date] == [
        "2024-08", "2025-01", "2025-04", "2026-01", "2026-01",
    ]  # fmt: skip
    assert group.quotes[0].new and not any(q.new for q in group.quotes[1:])
    assert "standard-gauge railway lines" in group.quotes[1].text
    assert group.quotes[1].source == "VNS" and group.quotes[1].kind == "discussion"
    (thread,) = [t for t in seeds_library.threads("railway") if t.id == group.thread]
    assert thread_groups(seeds_library, [thread]) == [group]


def test_a_leaders_commitments_grouped_by_thread(seeds_library: Library) -> None:
    groups = leader_groups(seeds_library, "Lương Cường")
    quotes = [quote for group in groups for quote in group.quotes]
    rows = seeds_library.commitments()
    mine = {(r.article_id, r.start) for r in rows if "Lương Cường" in r.actors}
    # Each of their commitments, in the thread of each of its topics.
    assert {(q.article_id, q.start) for q in quotes} == mine and mine
    assert all(group.thread is not None for group in groups[:-1])
    assert leader_groups(seeds_library, "Nobody") == []


def test_a_brief_names_no_absent_outlet(tmp_path: Path) -> None:
    quote = Quote("a.txt", dt.date(2025, 1, 1), "T", None, None, "x", "pledge")
    markdown = quotes_markdown("t", [QuoteGroup("g", None, (quote,))], MADE)
    assert "- **2025-01-01**: “x” (pledge) — *T* `a.txt`" in markdown
    assert "Thread " not in markdown and "0 threads" in markdown
