"""Fetching pages and feeds from the test server, and reading saved files."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.importing.web import Route, Site
from tui.core.importing.fetch import ImportFailure, decode_html, fetch_url, read_file, sniff

VIETNAMESE = "<html><head><title>t</title></head><body><p>Thủ tướng Phạm Minh Chính và ưu tiên</p>"


def test_page_without_charset_keeps_vietnamese(site: Site) -> None:
    url = site.page("/vn", VIETNAMESE.encode("utf-8"), content_type="text/html")
    fetched = fetch_url(url, timeout=2)
    assert "Phạm Minh Chính và ưu tiên" in fetched.text
    assert fetched.kind == "html"


def test_meta_charset_is_used_when_the_header_has_none() -> None:
    page = '<html><head><meta charset="windows-1258"></head><body>Vi\xeat</body>'
    assert "Viêt" in decode_html(page.encode("cp1258"))


def test_header_charset_wins_over_guessing() -> None:
    assert decode_html("café".encode("cp1252"), "iso-8859-1") == "café"


def test_bytes_that_are_not_utf8_fall_back_to_cp1252() -> None:
    assert decode_html("“quoted”".encode("cp1252")) == "“quoted”"


def test_redirects_are_followed_to_the_final_address(site: Site) -> None:
    target = site.page("/article", "<html><body><p>x</p></body></html>")
    start = site.redirect("/old", "/moved")
    site.redirect("/moved", target, status=301)
    fetched = fetch_url(start, timeout=2)
    assert (fetched.url, fetched.final_url) == (start, target)


def test_redirect_loop_is_named(site: Site) -> None:
    site.redirect("/a", "/b")
    site.redirect("/b", "/a")
    with pytest.raises(ImportFailure, match=r"^redirect loop at http://127\.0\.0\.1:\d+/a$"):
        fetch_url(site.url("/a"), timeout=2)


def test_too_many_redirects(site: Site) -> None:
    for n in range(5):
        site.redirect(f"/r{n}", f"/r{n + 1}")
    with pytest.raises(ImportFailure, match="more than 3 redirects"):
        fetch_url(site.url("/r0"), timeout=2, max_redirects=3)


def test_time_out_is_one_line(site: Site) -> None:
    site.routes["/slow"] = Route(hang=True)
    with pytest.raises(ImportFailure, match=r"^timed out after 0\.2 s: http://.*/slow$"):
        fetch_url(site.url("/slow"), timeout=0.2)


def test_page_too_large_is_refused(site: Site) -> None:
    url = site.page("/big", b"<html>" + b"x" * 300_000)
    with pytest.raises(ImportFailure, match=r"page larger than 256 KB"):
        fetch_url(url, timeout=2, max_bytes=256 * 1024)


def test_a_pdf_is_not_a_page(site: Site) -> None:
    url = site.page("/doc.pdf", b"%PDF-1.4\n", content_type="application/pdf")
    with pytest.raises(ImportFailure, match=r"^not an HTML page or a feed: application/pdf"):
        fetch_url(url, timeout=2)


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-rss+xml", None])
def test_feed_served_under_another_type_is_sniffed(site: Site, content_type: str | None) -> None:
    url = site.page("/feed", b'<?xml version="1.0"?>\n<rss version="2.0"></rss>')
    site.routes["/feed"].content_type = content_type
    assert fetch_url(url, timeout=2).kind == "feed"


def test_http_error_and_unreachable_server(site: Site) -> None:
    with pytest.raises(ImportFailure, match=r"^HTTP 404 Not Found: "):
        fetch_url(site.url("/missing"), timeout=2)
    with pytest.raises(ImportFailure, match=r"^cannot reach http://127\.0\.0\.1:9/"):
        fetch_url("http://127.0.0.1:9/", timeout=2)


def test_only_web_addresses_are_fetched() -> None:
    with pytest.raises(ImportFailure, match="not a web address"):
        fetch_url("file:///etc/passwd", timeout=2)


def test_saved_files_are_read_by_their_content(tmp_path: Path) -> None:
    page, feed, other = tmp_path / "p.bin", tmp_path / "f.txt", tmp_path / "x.html"
    page.write_bytes(b"<!DOCTYPE html><html><body>\xc6\xb0</body></html>")
    feed.write_bytes(b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"/>')
    other.write_bytes(b"%PDF-1.4")
    assert read_file(page).kind == "html" and "ư" in read_file(page).text
    assert read_file(feed).kind == "feed"
    with pytest.raises(ImportFailure, match="not an HTML page or a feed"):
        read_file(other)


def test_sniff_sees_through_comments_and_declarations() -> None:
    assert sniff(b"\xef\xbb\xbf<?xml version='1.0'?>\n<!-- x -->\n<rss>") == "feed"
    assert sniff(b"  <!-- saved -->\n<!DOCTYPE HTML>") == "html"
    assert sniff(b"date 2025-01-01\nText") is None


def test_saved_file_too_large_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.html"
    big.write_bytes(b"<html>" + b"x" * 2048)
    with pytest.raises(ImportFailure, match=r"^file larger than 1 KB: "):
        read_file(big, max_bytes=1024)
