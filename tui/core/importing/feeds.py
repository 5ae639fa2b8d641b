"""RSS and Atom feeds, read by feedparser: one article an entry.

An entry's own content is the article when it holds the full text; otherwise its
link is fetched and read as a page. Full text (written down from the feeds of news
agencies and ministries, which give either a one-sentence summary or the whole
release): the entry's content (`<content>`, `content:encoded`, or a description
holding HTML paragraphs) has at least `FULL_PARAGRAPHS` paragraphs and
`FULL_WORDS` words. A summary, however long, is one paragraph.

A feed that does not parse (feedparser says `bozo` and found no entries) fails as a
whole; a feed that parses with a fault but has entries is read.
"""

from __future__ import annotations

import datetime as dt
import io
import time
from dataclasses import dataclass
from typing import Any

from tui.core.importing.fetch import ImportFailure
from tui.core.text import word_count

__all__ = ["FULL_PARAGRAPHS", "FULL_WORDS", "Entry", "Feed", "read_feed"]

FULL_PARAGRAPHS = 3
FULL_WORDS = 80


@dataclass(frozen=True, slots=True)
class Entry:
    """One entry of a feed: what it says of its article, and the full text if it has it."""

    title: str
    link: str | None
    date: dt.date | None
    paragraphs: tuple[str, ...] | None  # the full text, when the entry holds it


@dataclass(frozen=True, slots=True)
class Feed:
    title: str
    entries: tuple[Entry, ...]


def read_feed(data: bytes, where: str, base: str | None = None) -> Feed:
    """The entries of a feed's bytes (relative links read against `base`, where the
    feed came from); raises `ImportFailure` when it does not parse."""
    import feedparser

    # A stream, never bytes or a string: feedparser opens those as a file name or URL.
    headers = {"content-location": base} if base else None
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    if not parsed.entries:
        if parsed.bozo:
            problem = " ".join(str(parsed.get("bozo_exception", "")).split())
            raise ImportFailure(f"the feed does not parse ({problem}): {where}")
        raise ImportFailure(f"the feed has no entries: {where}")
    title = " ".join(str(parsed.feed.get("title", "")).split())
    return Feed(title, tuple(_entry(entry) for entry in parsed.entries))


def _entry(entry: Any) -> Entry:
    link = entry.get("link") or None
    return Entry(
        title=" ".join(str(entry.get("title", "")).split()),
        link=str(link) if link else None,
        date=_date(entry.get("published_parsed") or entry.get("updated_parsed")),
        paragraphs=_full_text(entry),
    )


def _date(value: time.struct_time | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
    except ValueError:
        return None


def _full_text(entry: Any) -> tuple[str, ...] | None:
    """The entry's paragraphs when they are the full text (see the module)."""
    bodies = [str(part.get("value", "")) for part in entry.get("content", [])]
    bodies.append(str(entry.get("summary", "")))
    for body in bodies:
        paragraphs = html_paragraphs(body)
        words = sum(word_count(p) for p in paragraphs)
        if len(paragraphs) >= FULL_PARAGRAPHS and words >= FULL_WORDS:
            return paragraphs
    return None


def html_paragraphs(fragment: str) -> tuple[str, ...]:
    """The paragraphs of an HTML fragment (its `<p>`s, else its lines of text)."""
    if not fragment.strip():
        return ()
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (etree.LxmlError, ValueError):
        return ()
    blocks = root.findall(".//p") or [root]
    texts = (" ".join(block.text_content().split()) for block in blocks)
    return tuple(text for text in texts if text)
