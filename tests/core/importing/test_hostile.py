"""What a hostile server or page cannot do: crash the import, forge or lose an article."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.importing.web import Site
from tui.core.importing import import_sources
from tui.core.importing.fetch import ImportFailure, decode_html, fetch_url

MALFORMED = {
    "/bad-status": b"HELLO WORLD\r\n\r\n",
    "/many-headers": b"HTTP/1.1 200 OK\r\n"
    + b"".join(b"X-H%d: 1\r\n" % i for i in range(150))
    + b"\r\n",
    "/long-header": b"HTTP/1.1 200 OK\r\nX-Long: " + b"a" * 70000 + b"\r\n\r\n",
    "/bad-chunk": b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
    b"Transfer-Encoding: chunked\r\n\r\nZZZ\r\nhello\r\n",
    "/cut-chunked": b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
    b"Transfer-Encoding: chunked\r\n\r\n5\r\n<html\r\n",
    "/bad-location": b"HTTP/1.1 302 Found\r\nLocation: http://[::1\r\nContent-Length: 0\r\n\r\n",
}


@pytest.mark.parametrize("path", sorted(MALFORMED))
def test_malformed_answers_are_that_sources_one_line_failure(site: Site, path: str) -> None:
    url = site.raw(path, MALFORMED[path])
    with pytest.raises(ImportFailure) as failure:
        fetch_url(url, timeout=2)
    assert url in str(failure.value)
    assert "\n" not in str(failure.value)


def test_a_malformed_answer_does_not_stop_the_next_source(site: Site, tmp_path: Path) -> None:
    first = site.raw("/bad", MALFORMED["/bad-status"])
    outcomes = list(import_sources([first, str(tmp_path / "none.html")], to=tmp_path, timeout=2))
    assert [o.status for o in outcomes] == ["failed", "failed"]


def test_an_address_that_does_not_parse_is_a_failure(tmp_path: Path) -> None:
    (outcome,) = import_sources(["http://[::1"], to=tmp_path, timeout=2)
    assert outcome.status == "failed"
    assert outcome.reason == "not a valid web address: http://[::1"


@pytest.mark.parametrize("name", ["hex", "base64", "rot13", "idna", "utf-7", "zlib", "punycode"])
def test_charsets_that_are_not_text_encodings_are_ignored(name: str) -> None:
    page = f'<html><head><meta charset="{name}"></head><body>Việt Nam</body>'.encode()
    assert "Việt Nam" in decode_html(page)
    assert "Việt Nam" in decode_html(page, name)
