"""What a hostile server or page cannot do: crash the import, forge or lose an article."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.core.importing.web import Site
from tui.core.corpus import read_header
from tui.core.importing import Outcome, Versions, import_sources
from tui.core.importing.fetch import ImportFailure, decode_html, fetch_url, read_file

NOW = dt.datetime(2026, 11, 26, 5, 0, tzinfo=dt.UTC)
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


WORDS = (
    "minister talks railway energy trade education cooperation agreement visit border "
    "investment delegation summit partnership security climate health culture tourism "
    "port river bridge harbour treaty council envoy province capital festival"
).split()


def article(title: str, seed: int, *, head: str = "", change: str = "") -> str:
    """A page of five paragraphs of words picked by `seed` (another seed, another text)."""
    import random

    pick = random.Random(seed)
    paragraphs = [" ".join(pick.choice(WORDS) for _ in range(40)) + "." for _ in range(5)]
    paragraphs[2] += change
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>{head}'
        '<meta name="publishdate" content="2025-03-11"></head>'
        f"<body><article><h1>{title}</h1>{body}</article></body></html>"
    )


def imported(*sources: str, to: Path) -> list[Outcome]:
    return list(import_sources(list(sources), to=to, timeout=2, now=NOW))


def test_a_page_naming_another_as_its_canonical_address_is_a_new_article(
    site: Site, tmp_path: Path
) -> None:
    first = site.page("/art/1", article("Article one", 1))
    (one,) = imported(first, to=tmp_path)
    before = one.path.read_text(encoding="utf-8")  # type: ignore[union-attr]
    canon = f'<link rel="canonical" href="{first}">'
    second = site.page("/art/2", article("Article two", 2, head=canon))
    home = f'<link rel="canonical" href="{site.url("/")}">'
    third = site.page("/art/3", article("Article three", 3, head=home))
    fourth = site.page("/art/4", article("Article four", 4, head=home))
    outcomes = imported(second, third, fourth, to=tmp_path)
    assert [o.status for o in outcomes] == ["written"] * 3
    assert len({o.path for o in [one, *outcomes]}) == 4
    assert one.path.read_text(encoding="utf-8") == before  # type: ignore[union-attr]
    assert not (tmp_path / ".versions").exists()
    urls = [read_header(o.path.read_text(encoding="utf-8"))[0]["url"] for o in outcomes[1:]]  # type: ignore[union-attr]
    assert urls == [third, fourth]  # the home page is no article's address


def test_a_canonical_address_on_another_host_is_not_the_pages(site: Site, tmp_path: Path) -> None:
    elsewhere = '<link rel="canonical" href="https://elsewhere.example/news/1">'
    (outcome,) = imported(site.page("/a", article("Article", 5, head=elsewhere)), to=tmp_path)
    assert read_header(outcome.path.read_text(encoding="utf-8"))[0]["url"] == site.url("/a")  # type: ignore[union-attr]


def test_a_changed_page_of_the_same_address_is_still_revised(site: Site, tmp_path: Path) -> None:
    url = site.page("/edit", article("Editable", 7))
    (first,) = imported(url, to=tmp_path)
    site.page("/edit", article("Editable", 7, change=" One sentence was added here."))
    (second,) = imported(url, to=tmp_path)
    assert (second.status, second.path) == ("revised", first.path)


def test_a_long_front_matter_is_still_known_the_next_time(site: Site, tmp_path: Path) -> None:
    outlet = '<meta property="og:site_name" content="' + "Outlet " * 800 + '">'
    long_name = site.page("/outlet", article("Long outlet", 8, head=outlet))
    long_url = site.page("/far?q=" + "x" * 5000, article("Long address", 9))
    first = imported(long_name, long_url, to=tmp_path)
    again = imported(long_name, long_url, to=tmp_path)
    assert [o.status for o in first] == ["written", "written"]
    assert [(o.status, o.path) for o in again] == [("skipped", o.path) for o in first]
    assert len(list(tmp_path.glob("*.md"))) == 2


def test_a_correction_of_accents_or_punctuation_is_a_revision(site: Site, tmp_path: Path) -> None:
    url = site.page("/fix", article("Talks", 10, change=" Viet Nam gave 10,000 doses."))
    (first,) = imported(url, to=tmp_path)
    site.page("/fix", article("Talks", 10, change=" Việt Nam gave 10.000 doses."))
    (second,) = imported(url, to=tmp_path)
    assert (second.status, second.path, second.version) == ("revised", first.path, 1)
    assert "Việt Nam gave 10.000" in first.path.read_text(encoding="utf-8")  # type: ignore[union-attr]


def test_an_edited_saved_page_is_a_revision(tmp_path: Path) -> None:
    saved = tmp_path / "saved.html"
    saved.write_text(article("Saved", 11), encoding="utf-8")
    (first,) = imported(str(saved), to=tmp_path / "corpus")
    saved.write_text(article("Saved", 11, change=" A sentence was added."), encoding="utf-8")
    (second,) = imported(str(saved), to=tmp_path / "corpus")
    assert (second.status, second.path, second.version) == ("revised", first.path, 1)
    (again,) = imported(str(saved), to=tmp_path / "corpus")
    assert again.status == "skipped"


def test_another_outlets_saved_copy_is_skipped_not_taken_for_an_edit(tmp_path: Path) -> None:
    # The same article saved from the outlet and from a site that syndicated it a day
    # later under its own name: a copy (skipped, named), never a new text of the first.
    own = article("Leaders agree on rail link", 21, head='<meta name="author" content="x">')
    copy = (
        own.replace("2025-03-11", "2025-03-12")
        .replace("<title>", '<meta property="og:site_name" content="Other Daily"><title>')
        .replace("</article>", "<p>Source: the original outlet.</p></article>")
    )
    (tmp_path / "own.html").write_text(own, encoding="utf-8")
    (tmp_path / "copy.html").write_text(copy, encoding="utf-8")
    first, second = imported(
        str(tmp_path / "own.html"), str(tmp_path / "copy.html"), to=tmp_path / "corpus"
    )
    assert first.status == "written"
    assert (
        second.status == "skipped" and second.reason == f"skipped: same text as {first.path.name}"
    )  # type: ignore[union-attr]
    assert Versions.of(first.path).texts[:-1] == ()  # type: ignore[arg-type]
    assert "2025-03-11" in first.path.read_text(encoding="utf-8")  # type: ignore[union-attr]


def test_a_new_article_never_adopts_a_deleted_ones_versions(site: Site, tmp_path: Path) -> None:
    url = site.page("/edit", article("Same title", 12))
    (first,) = imported(url, to=tmp_path)
    site.page("/edit", article("Same title", 12, change=" Changed once."))
    imported(url, to=tmp_path)
    assert first.path is not None
    first.path.unlink()
    (other,) = imported(site.page("/other", article("Same title", 13)), to=tmp_path)
    assert other.status == "written" and other.path != first.path
    assert Versions.of(other.path).texts[:-1] == ()  # type: ignore[arg-type]


def _answer(body: bytes, *headers: str) -> bytes:
    head = "".join(f"{header}\r\n" for header in headers)
    return b"HTTP/1.1 200 OK\r\n" + head.encode() + b"\r\n" + body


def test_a_body_cut_short_is_not_the_whole_article(site: Site, tmp_path: Path) -> None:
    page = article("Cut short", 14).encode()
    cut = page[: len(page) * 6 // 10]
    url = site.raw("/cut", _answer(cut, "Content-Type: text/html", f"Content-Length: {len(page)}"))
    chunked = site.raw(
        "/cut-chunks",
        _answer(b"%x\r\n" % len(cut) + cut + b"\r\n", "Transfer-Encoding: chunked"),
    )
    outcomes = imported(url, chunked, to=tmp_path)
    assert [o.status for o in outcomes] == ["failed", "failed"]
    assert outcomes[0].reason == f"connection closed after {len(cut)} of {len(page)} bytes: {url}"
    assert outcomes[1].reason == f"the page broke off after {len(cut)} bytes: {chunked}"
    assert not list(tmp_path.glob("*.md"))


def test_a_compressed_page_is_read_and_an_unknown_encoding_refused(site: Site) -> None:
    import gzip

    page = article("Compressed", 15, change=" Việt Nam.").encode()
    packed = gzip.compress(page)
    gz = site.raw("/gz", _answer(packed, "Content-Type: text/html", "Content-Encoding: gzip"))
    assert "Việt Nam." in fetch_url(gz, timeout=2).text
    br = site.raw("/br", _answer(packed, "Content-Type: text/html", "Content-Encoding: br"))
    with pytest.raises(ImportFailure, match="content encoded as br"):
        fetch_url(br, timeout=2)
    bomb = site.raw("/bomb", _answer(gzip.compress(b" " * 4096), "Content-Encoding: gzip"))
    with pytest.raises(ImportFailure, match="page larger than"):
        fetch_url(bomb, timeout=2, max_bytes=1024)


def test_a_byte_order_mark_names_the_encoding_and_a_page_that_is_not_text_fails(
    site: Site,
) -> None:
    page = article("Sixteen", 16, change=" Việt Nam.")
    for codec, bom in (("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")):
        url = site.page(f"/{codec}", bom + page.encode(codec), "text/html; charset=utf-8")
        assert "Việt Nam." in fetch_url(url, timeout=2).text
    nul = site.page("/nul", page.encode("utf-16-le"), "text/html")
    with pytest.raises(ImportFailure, match="not text"):
        fetch_url(nul, timeout=2)


def test_the_time_out_bounds_the_whole_fetch_of_a_trickling_server(site: Site) -> None:
    page = article("Trickle", 17).encode()
    body = site.raw(
        "/body",
        _answer(page, "Content-Type: text/html", f"Content-Length: {len(page)}"),
        trickle=True,
    )
    headers = site.raw("/headers", b"HTTP/1.1 200 OK\r\n" + b"X-Slow: 1\r\n" * 2000, trickle=True)
    for url in (body, headers):
        with pytest.raises(ImportFailure, match=rf"^timed out after 0\.3 s: {url}$"):
            fetch_url(url, timeout=0.3)


def test_a_year_in_the_text_is_not_the_date(site: Site, tmp_path: Path) -> None:
    undated = article("Undated", 18, change=" The two sides first met in 2015.")
    undated = undated.replace('<meta name="publishdate" content="2025-03-11">', "")
    url = site.page("/undated", undated)
    (alone,) = imported(url, to=tmp_path / "a")
    assert alone.path is not None and alone.path.name.startswith("undated-")
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>'
        f"<item><title>Undated</title><link>{url}</link>"
        "<pubDate>Tue, 11 Mar 2025 08:00:00 GMT</pubDate></item></channel></rss>"
    )
    (entry,) = imported(site.page("/feed", feed, "application/rss+xml"), to=tmp_path / "b")
    assert entry.path is not None and entry.path.name.startswith("2025-03-11-")


def test_a_control_character_in_the_page_does_not_lose_the_article(
    site: Site, tmp_path: Path
) -> None:
    url = site.page("/esc", article("Escaped", 19, change=" Red \x1b[31m alert\x07."))
    (outcome,) = imported(url, to=tmp_path)
    assert outcome.status == "written", outcome.reason
    text = outcome.path.read_text(encoding="utf-8")  # type: ignore[union-attr]
    assert "Red [31m alert." in text and "\x1b" not in text


def test_a_version_that_cannot_be_written_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import os

    from tui.core.importing import versions

    path = tmp_path / "a.md"
    path.write_text("---\ntitle: A\n---\n\nText.\n", encoding="utf-8")

    def full(_: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError):
        versions.keep_version(path)
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["a.md"]


def test_a_fifo_is_refused_not_waited_on(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "page.html"
    os.mkfifo(fifo)
    (outcome,) = imported(str(fifo), to=tmp_path / "out")
    assert (outcome.status, outcome.reason) == ("failed", f"not a file or a folder: {fifo}")
    with pytest.raises(ImportFailure, match="not a file"):
        read_file(fifo)
    (in_folder,) = imported(str(tmp_path), to=tmp_path / "out")
    assert in_folder.status == "failed"


def test_control_characters_written_as_references_do_not_lose_the_article(
    site: Site, tmp_path: Path
) -> None:
    change = " Red &#x1b;[31m alert &#27;&#0;&#xD800;&#1114112; &#233;t&#xE9;."
    (outcome,) = imported(site.page("/refs", article("Refs", 20, change=change)), to=tmp_path)
    assert outcome.status == "written", outcome.reason
    assert "Red [31m alert été." in outcome.path.read_text(encoding="utf-8")  # type: ignore[union-attr]


def test_a_wrong_charset_does_not_garble_utf8() -> None:
    for said in ("iso-8859-1", "utf-16", "ascii"):
        page = f'<html><head><meta charset="{said}"></head><body>Việt Nam</body>'.encode()
        assert "Việt Nam" in decode_html(page)
    assert decode_html("café".encode("cp1252"), "iso-8859-1") == "café"


def test_a_host_that_times_out_twice_is_not_tried_again(site: Site, tmp_path: Path) -> None:
    from tests.core.importing.web import Route

    for number in range(5):
        site.routes[f"/hang/{number}"] = Route(hang=True)
    links = "".join(
        f"<item><title>E{n}</title><link>{site.url(f'/hang/{n}')}</link></item>" for n in range(5)
    )
    feed = (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>{links}</channel></rss>'
    )
    url = site.page("/feed", feed, "application/rss+xml")
    outcomes = list(import_sources([url], to=tmp_path, timeout=0.2, now=NOW))
    assert [o.status for o in outcomes] == ["failed"] * 5
    assert [o.reason.split(":")[0] for o in outcomes[2:]] == ["not tried"] * 3  # type: ignore[union-attr]
    assert sum(path.startswith("/hang/") for path in site.requests) == 2
