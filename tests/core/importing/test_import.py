"""`import_sources`: saved pages, feeds, URLs from the test server and folders in;
readout files, skips, revisions and one-line failures out."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from tests.core.importing.web import DATA, Route, Site
from tui.core.corpus import load_corpus, read_header
from tui.core.importing import Outcome, Versions, import_sources, version_paths, word_diff

NOW = dt.datetime(2026, 11, 26, 5, 0, tzinfo=dt.UTC)


def run(*sources: str, to: Path, **options: object) -> list[Outcome]:
    return list(import_sources(list(sources), to=to, timeout=2, now=NOW, **options))  # type: ignore[arg-type]


def header(path: Path) -> dict[object, object]:
    return read_header(path.read_text(encoding="utf-8"))[0]


def test_saved_page_becomes_a_readout_the_reader_lists(tmp_path: Path) -> None:
    (outcome,) = run(str(DATA / "vna-style.html"), to=tmp_path)
    assert outcome.status == "written"
    assert outcome.path == (
        tmp_path / "2025-03-11-vietnamese-lao-prime-ministers-hold-phone-talks-on-cross.md"
    )
    assert header(outcome.path) == {
        "date": dt.date(2025, 3, 11),
        "title": "Vietnamese, Lao Prime Ministers hold phone talks on cross-border railway",
        "source": "Mekong News Agency",
        "url": "https://news.example.vn/vietnamese-lao-prime-ministers-hold-phone-talks-post301245.vnp",
        "imported": "2026-11-26T05:00:00Z",
        "fingerprint": header(outcome.path)["fingerprint"],
    }
    (article,) = load_corpus(tmp_path).articles
    assert article.paragraphs[0].text.startswith("Hà Nội (MNA) – Prime Minister Phạm Minh Chính")
    assert len(article.paragraphs) == 6


def test_folder_imports_every_page_and_feed_and_failures_do_not_stop_the_rest(
    tmp_path: Path,
) -> None:
    pdf = str(DATA / "readout.pdf")  # a folder's other files are left alone; named, it fails
    outcomes = run(str(DATA), pdf, str(tmp_path / "missing.html"), to=tmp_path / "corpus")
    by_status: dict[str, list[str]] = {}
    for outcome in outcomes:
        by_status.setdefault(outcome.status, []).append(Path(outcome.source).name)
    assert sorted(by_status["written"]) == [
        "ministry-style.html", "pressite_000139.html",
        "pressite_000140.html?utm_source=atom", "syndicated.html",
        "wire-style.html", "xinhua-style.html",
    ]  # fmt: skip
    assert by_status["skipped"] == ["vna-style.html"]  # the syndicated copy came first
    failed = {Path(o.source).name: o.reason for o in outcomes if o.status == "failed"}
    assert failed["broken.rss"].startswith("the feed does not parse (")
    assert failed["readout.pdf"] == f"not an HTML page or a feed: {pdf}"
    assert "not an article" in failed["section-index.html"]
    assert "not an article" in failed["sitemap.html"]
    assert failed["missing.html"] == f"no such file or folder: {tmp_path / 'missing.html'}"
    assert len(load_corpus(tmp_path / "corpus").articles) == 6


def test_feed_with_full_text_uses_the_entries_own_content(tmp_path: Path) -> None:
    outcomes = run(str(DATA / "full-content.atom"), to=tmp_path)
    assert [o.status for o in outcomes] == ["written", "written"]
    first = header(outcomes[0].path)  # type: ignore[arg-type]
    assert first["source"] == "Press Releases – Ministry of Foreign Affairs of Examplestan"
    assert first["date"] == dt.date(2025, 4, 2)
    assert "Eastern Economic Corridor" in outcomes[0].path.read_text(encoding="utf-8")  # type: ignore[union-attr]
    # The entry's own address, without its tracking parameters, is the article's.
    assert first["url"] == "https://www.mofa.example.go.jp/press/release/pressite_000140.html"
    assert outcomes[0].url == first["url"]
    second = header(outcomes[1].path)  # type: ignore[arg-type]
    assert second["url"] == "https://www.mofa.example.go.jp/press/release/pressite_000139.html"


def test_feed_of_summaries_fetches_each_entrys_page(site: Site, tmp_path: Path) -> None:
    site.fixture("/politics/vna-style?utm_source=rss&utm_medium=feed", "vna-style.html")
    site.fixture("/world/wire-style", "wire-style.html")
    feed = site.fixture("/rss", "summaries.rss", "application/rss+xml")
    outcomes = run(feed, to=tmp_path)
    assert [o.status for o in outcomes] == ["written", "written"]
    assert (
        outcomes[0].title
        == "Vietnamese, Lao Prime Ministers hold phone talks on cross-border railway"
    )
    assert "Sonexay Siphandone thanked" in outcomes[0].path.read_text(encoding="utf-8")  # type: ignore[union-attr]


def test_same_url_with_tracking_parameters_is_skipped_and_named(site: Site, tmp_path: Path) -> None:
    url = site.fixture("/a", "wire-style.html")
    (first,) = run(url, to=tmp_path)
    again = site.fixture("/a?utm_source=feed", "wire-style.html")
    (second,) = run(again, to=tmp_path)
    assert second.status == "skipped"
    assert second.reason == f"skipped: same URL as {first.path.name} (unchanged)"  # type: ignore[union-attr]


def test_dry_run_writes_nothing_and_says_what_it_would(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    outcomes = run(
        str(DATA / "xinhua-style.html"), str(DATA / "xinhua-style.html"), to=corpus, dry_run=True
    )
    assert [o.status for o in outcomes] == ["written", "skipped"]
    assert (
        outcomes[0].path
        == corpus / "2025-01-20-xi-holds-phone-call-with-vietnamese-leader-to-lam.md"
    )
    assert not corpus.exists()


def test_url_without_charset_keeps_vietnamese(site: Site, tmp_path: Path) -> None:
    html = (DATA / "vna-style.html").read_bytes().replace(b'<meta charset="utf-8">', b"")
    site.routes["/vn"] = Route(html, content_type="text/html")
    (outcome,) = run(site.url("/vn"), to=tmp_path)
    assert "Phạm Minh Chính" in outcome.path.read_text(encoding="utf-8")  # type: ignore[union-attr]


def test_redirected_url_is_written_under_the_pages_own_address(site: Site, tmp_path: Path) -> None:
    site.fixture("/final", "xinhua-style.html")  # the page names no canonical address
    start = site.redirect("/short", "/final")
    (outcome,) = run(start, to=tmp_path)
    assert header(outcome.path)["url"] == site.url("/final")  # type: ignore[arg-type]


def test_time_out_fails_that_source_only(site: Site, tmp_path: Path) -> None:
    site.routes["/slow"] = Route(hang=True)
    page = site.fixture("/ok", "xinhua-style.html")
    outcomes = list(import_sources([site.url("/slow"), page], to=tmp_path, timeout=0.2, now=NOW))
    assert [o.status for o in outcomes] == ["failed", "written"]
    assert outcomes[0].reason == f"timed out after 0.2 s: {site.url('/slow')}"


def test_changed_page_is_revised_and_the_earlier_text_kept(site: Site, tmp_path: Path) -> None:
    url = site.fixture("/page", "ministry-style.html")
    (first,) = run(url, to=tmp_path)
    before = first.path.read_text(encoding="utf-8")  # type: ignore[union-attr]
    changed = (DATA / "ministry-style.html").read_text(encoding="utf-8")
    changed = changed.replace("for about 25 minutes", "for about 40 minutes")
    site.page("/page", changed)
    (second,) = run(url, to=tmp_path)
    assert (second.status, second.path, second.version) == ("revised", first.path, 1)
    assert second.reason == "the text changed; the earlier text kept as version 1"
    assert (second.source, second.url, second.title) == (url, url, first.title)
    assert version_paths(first.path)[0].read_text(encoding="utf-8") == before  # type: ignore[arg-type]
    head = header(first.path)  # type: ignore[arg-type]
    assert (head["revised"], head["versions"]) == (dt.date(2026, 11, 26), 1)
    texts = Versions.of(first.path).texts  # type: ignore[arg-type]
    changes = [(c.op, c.before, c.after) for c in word_diff(*texts)]
    assert changes == [("replace", "25", "40")]
    assert len(load_corpus(tmp_path).articles) == 1  # the version is not an article
    (third,) = run(url, to=tmp_path)
    assert third.status == "skipped"


def test_dry_run_of_a_changed_page_keeps_everything(site: Site, tmp_path: Path) -> None:
    url = site.fixture("/page", "ministry-style.html")
    run(url, to=tmp_path)
    snapshot = tmp_path.parent / "before"
    shutil.copytree(tmp_path, snapshot)
    site.page(
        "/page", (DATA / "ministry-style.html").read_text().replace("25 minutes", "9 minutes")
    )
    (outcome,) = run(url, to=tmp_path, dry_run=True)
    assert outcome.status == "revised" and outcome.version is None
    assert outcome.reason == "the text changed; the earlier text kept"  # no number yet
    assert (outcome.source, outcome.url) == (url, url)
    assert outcome.title == "Japan–Viet Nam Foreign Ministers' Telephone Talk"
    assert sorted(p.name for p in tmp_path.rglob("*")) == sorted(
        p.name for p in snapshot.rglob("*")
    )


def test_url_is_written_without_tracking_parameters(tmp_path: Path) -> None:
    (outcome,) = run(str(DATA / "wire-style.html"), to=tmp_path)  # its og:url has utm_*
    assert header(outcome.path)["url"] == (  # type: ignore[arg-type]
        "https://www.lantern.example/world/asia-pacific/"
        "indonesia-australia-leaders-agree-step-up-maritime-patrols-2025-02-03/"
    )


def test_relative_links_of_a_feed_are_read_against_its_address(site: Site, tmp_path: Path) -> None:
    site.fixture("/news/wire", "wire-style.html")
    feed = (DATA / "summaries.rss").read_text(encoding="utf-8")
    feed = feed.replace("{base}/politics/vna-style?utm_source=rss&amp;utm_medium=feed", "wire")
    url = site.page("/news/rss", feed.replace("{base}/world/wire-style", "/missing"), "text/xml")
    first, second = run(url, to=tmp_path)
    assert first.status == "written" and first.source == site.url("/news/wire")
    assert second.reason == f"HTTP 404 Not Found: {site.url('/missing')}"


def test_page_without_a_title_is_named_after_its_first_words(tmp_path: Path) -> None:
    html = (DATA / "xinhua-style.html").read_text(encoding="utf-8")
    html = html.replace(
        "<title>Xi holds phone call with Vietnamese leader To Lam-Harbour Wire</title>", ""
    )
    html = html.replace(
        '<h1><span class="title">Xi holds phone call with Vietnamese leader To Lam</span></h1>', ""
    )
    page = tmp_path / "saved.html"
    page.write_text(html, encoding="utf-8")
    (outcome,) = run(str(page), to=tmp_path / "out")
    assert (
        outcome.path.name
        == "2025-01-20-beijing-jan-20-harbour-wire-chinese-president-xi-jinping.md"
    )  # type: ignore[union-attr]


def test_each_revision_keeps_one_more_version(site: Site, tmp_path: Path) -> None:
    original = (DATA / "ministry-style.html").read_text(encoding="utf-8")
    url = site.page("/page", original)
    (first,) = run(url, to=tmp_path)
    for minutes in ("30", "35"):
        site.page("/page", original.replace("about 25 minutes", f"about {minutes} minutes"))
        run(url, to=tmp_path)
    assert header(first.path)["versions"] == 2  # type: ignore[arg-type]
    assert [p.name for p in version_paths(first.path)] == ["1.md", "2.md"]  # type: ignore[arg-type]
    texts = Versions.of(first.path).texts  # type: ignore[arg-type]
    assert [
        t.count(f"about {m} minutes") for t, m in zip(texts, ("25", "30", "35"), strict=True)
    ] == [1, 1, 1]


def test_progress_counts_a_feeds_entries_once_it_is_read(tmp_path: Path) -> None:
    told: list[tuple[int, int, str]] = []
    sources = [str(DATA / "vna-style.html"), str(DATA / "full-content.atom")]
    outcomes = run(*sources, to=tmp_path, progress=lambda *step: told.append(step))
    assert len(outcomes) == 3  # the page, the feed's two entries
    assert [(done, total) for done, total, _ in told] == [(0, 2), (1, 2), (2, 3), (3, 3)]
    assert told[0][2] == sources[0] and told[1][2] == sources[1]
    assert told[2][2].startswith("http")  # the entry being imported


def _page(title: str, body: str) -> str:
    paragraphs = "".join(f"<p>{body} {n}: {' '.join(['words'] * 30)}</p>" for n in range(3))
    return (
        f"<html><head><title>{title}</title>"
        '<meta property="article:published_time" content="2025-05-06"></head>'
        f"<body><article><h1>{title}</h1>{paragraphs}</article></body></html>"
    )


def test_a_dry_run_names_files_as_the_import_then_does(tmp_path: Path) -> None:
    # Three different articles under one title and date, and a name already taken:
    # each gets the next free name, the dry run says which, and the import agrees.
    saved = tmp_path / "saved"
    saved.mkdir()
    for number, body in enumerate(["Talks on rice", "Talks on coal", "Talks on fish"]):
        (saved / f"{number}.html").write_text(_page("Leaders hold talks", body), "utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "2025-05-06-leaders-hold-talks.md").write_text("someone's own file\n", "utf-8")
    pages = [str(saved / f"{number}.html") for number in range(3)]
    said = [o.path for o in run(*pages, to=corpus, dry_run=True)]
    done = [o.path for o in run(*pages, to=corpus)]
    assert said == done and len(set(done)) == 3
    assert all(p is not None and p.name.startswith("2025-05-06-leaders-hold-talks-") for p in done)
    assert (corpus / "2025-05-06-leaders-hold-talks.md").read_text(
        "utf-8"
    ) == "someone's own file\n"
