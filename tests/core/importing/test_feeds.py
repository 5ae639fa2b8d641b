"""Feeds read by `read_feed`: each entry's title, address, date and full text (when it
holds it), relative addresses read against where the feed came from, and one clear
failure for a feed that does not parse or holds nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.core.importing.web import DATA
from tui.core.importing.feeds import FULL_PARAGRAPHS, read_feed
from tui.core.importing.fetch import ImportFailure

_PARAGRAPH = " ".join(["The two sides agreed to expand trade and investment this year."] * 3)


def rss(items: str, title: str = "  Politics \n desk ") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"'
        ' xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>{title}</title><link>https://news.example/</link>"
        f"<description>x</description>{items}</channel></rss>"
    ).encode()


def test_an_entrys_title_address_and_date() -> None:
    feed = read_feed(
        rss(
            "<item><title>  Leaders\n hold   talks </title>"
            "<link>https://news.example/a.html</link>"
            "<pubDate>Tue, 11 Mar 2025 09:42:00 GMT</pubDate></item>"
        ),
        "feed.xml",
    )
    assert feed.title == "Politics desk"
    (entry,) = feed.entries
    assert entry.title == "Leaders hold talks"
    assert entry.link == "https://news.example/a.html"
    assert entry.date == dt.date(2025, 3, 11)
    assert entry.paragraphs is None  # no text of its own: its page is fetched


def test_an_atom_entry_with_only_an_update_time_is_dated_by_it() -> None:
    atom = (
        b'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        b"<title>Press</title><id>tag:x</id><updated>2025-04-03T00:00:00Z</updated>"
        b'<entry><title>Talks</title><link href="https://mofa.example/1"/><id>tag:1</id>'
        b"<updated>2025-04-02T10:00:00Z</updated></entry></feed>"
    )
    (entry,) = read_feed(atom, "atom.xml").entries
    assert entry.date == dt.date(2025, 4, 2)
    assert entry.link == "https://mofa.example/1"


def test_an_entry_without_title_or_link_has_neither() -> None:
    (entry,) = read_feed(
        rss("<item><description>Only a summary.</description></item>"), "f"
    ).entries
    assert (entry.title, entry.link, entry.date) == ("", None, None)


def test_relative_addresses_are_read_against_where_the_feed_came_from() -> None:
    items = "<item><title>A</title><link>/world/a.html</link></item>"
    (entry,) = read_feed(rss(items), "u", base="https://news.example/rss/politics.xml").entries
    assert entry.link == "https://news.example/world/a.html"


def test_full_text_in_the_content_is_the_article() -> None:
    body = "".join(f"<p>{_PARAGRAPH} ({n})</p>" for n in range(FULL_PARAGRAPHS))
    items = (
        "<item><title>A</title><link>https://news.example/a</link>"
        "<description>A one-line summary of the talks.</description>"
        f"<content:encoded><![CDATA[{body}]]></content:encoded></item>"
    )
    (entry,) = read_feed(rss(items), "f").entries
    assert entry.paragraphs is not None and len(entry.paragraphs) == FULL_PARAGRAPHS
    assert entry.paragraphs[2].endswith("(2)")


def test_full_text_in_the_description_is_the_article_too() -> None:
    body = "".join(f"<p>{_PARAGRAPH}</p>" for _ in range(FULL_PARAGRAPHS))
    items = f"<item><title>A</title><description><![CDATA[{body}]]></description></item>"
    (entry,) = read_feed(rss(items), "f").entries
    assert entry.paragraphs is not None and len(entry.paragraphs) == FULL_PARAGRAPHS


@pytest.mark.parametrize(
    "body",
    [
        "".join(f"<p>{_PARAGRAPH}</p>" for _ in range(FULL_PARAGRAPHS - 1)),  # too few
        "".join("<p>Short.</p>" for _ in range(FULL_PARAGRAPHS + 2)),  # too few words
        " ".join([_PARAGRAPH] * 4),  # a summary, however long, is one paragraph
    ],
)
def test_a_summary_is_not_the_article(body: str) -> None:
    items = f"<item><title>A</title><description><![CDATA[{body}]]></description></item>"
    (entry,) = read_feed(rss(items), "f").entries
    assert entry.paragraphs is None


def test_a_feed_that_does_not_parse_says_why_and_where() -> None:
    with pytest.raises(ImportFailure) as failure:
        read_feed((DATA / "broken.rss").read_bytes(), "broken.rss")
    message = str(failure.value)
    assert message.startswith("the feed does not parse (") and message.endswith("): broken.rss")
    assert len(message) > len("the feed does not parse (): broken.rss")


def test_a_feed_without_entries_says_so() -> None:
    with pytest.raises(ImportFailure) as failure:
        read_feed(rss(""), "empty.rss")
    assert str(failure.value) == "the feed has no entries: empty.rss"
