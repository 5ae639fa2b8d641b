"""Articles from saved pages written in the markup styles of news agencies and
ministries: the text kept in paragraphs, the boilerplate gone."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.core.importing.web import DATA
from tui.core.importing.page import NoArticle, read_page

BOILERPLATE = (
    "Related news", "Read more", "Most read", "cookies", "Cookies", "Share", "Print",
    "Photo:", "Back to Top", "Sign up", "Read Next", "Editor-in-chief", "Related Stories",
    "Accept", "Copyright", "Skip to main content", "Tags:",
)  # fmt: skip


def page(name: str, url: str | None = None):  # type: ignore[no-untyped-def]
    return read_page((DATA / name).read_text(encoding="utf-8"), url)


@pytest.mark.parametrize(
    ("name", "title", "date", "site", "first"),
    [
        ("vna-style.html", "Vietnamese, Lao Prime Ministers hold phone talks on cross-border "
         "railway", dt.date(2025, 3, 11), "Mekong News Agency", "Hà Nội (MNA) – Prime Minister"),
        ("xinhua-style.html", "Xi holds phone call with Vietnamese leader To Lam",
         dt.date(2025, 1, 20), "Harbour Wire", "BEIJING, Jan. 20 (Harbour Wire) --"),
        ("ministry-style.html", "Japan–Viet Nam Foreign Ministers' Telephone Talk",
         dt.date(2024, 11, 28), "mofa.example.go.jp", "November 28, 2024"),
        ("wire-style.html", "Indonesia, Australia leaders agree to step up maritime patrols",
         dt.date(2025, 2, 3), "Lantern Wire", "JAKARTA, Feb 3 (Lantern Wire) -"),
    ],
)  # fmt: skip
def test_article_metadata_and_text(
    name: str, title: str, date: dt.date, site: str, first: str
) -> None:
    found = page(name)
    assert (found.title, found.date, found.site) == (title, date, site)
    assert found.paragraphs[0].startswith(first)
    assert len(found.paragraphs) >= 5
    for junk in BOILERPLATE:
        assert junk not in found.text, junk
    assert "\n\n" in found.text and "\n\n\n" not in found.text


def test_lead_set_apart_as_a_heading_is_kept_first() -> None:
    found = page("vna-style.html")
    assert "Sonexay Siphandone on March 11" in found.paragraphs[0]
    assert found.paragraphs[1].startswith("The two Prime Ministers expressed")


def test_headline_is_not_repeated_as_the_first_paragraph() -> None:
    assert (
        page("xinhua-style.html").paragraphs[0]
        != "Xi holds phone call with Vietnamese leader To Lam"
    )


def test_canonical_address_is_the_pages_own() -> None:
    found = page("ministry-style.html", url="http://127.0.0.1:1/saved")
    assert found.url == "https://www.mofa.example.go.jp/press/release/pressite_000123.html"


@pytest.mark.parametrize("name", ["section-index.html", "sitemap.html"])
def test_pages_of_links_are_not_articles(name: str) -> None:
    with pytest.raises(NoArticle, match=r"no article text .*not an article"):
        page(name)


@pytest.mark.parametrize(
    "html",
    [
        "",
        "<html><body></body></html>",
        "<html><body><p>Too short to be a readout.</p></body></html>",
    ],
)
def test_empty_pages_are_not_articles(html: str) -> None:
    with pytest.raises(NoArticle, match="no article text"):
        read_page(html, "http://x.example/")


def test_teaser_of_another_story_below_the_text_is_not_taken_as_the_lead() -> None:
    html = (
        (DATA / "wire-style.html")
        .read_text(encoding="utf-8")
        .replace(
            '<section class="read-next"',
            '<div class="story__summary">Another story entirely: the central bank held rates '
            "steady on Tuesday for the fifth meeting in a row, citing inflation.</div>"
            '<section class="read-next"',
        )
    )
    assert "central bank" not in read_page(html).text


def test_a_fault_of_the_extractor_fails_that_page_only(monkeypatch: pytest.MonkeyPatch) -> None:
    import trafilatura

    def broken(*_: object, **__: object) -> None:
        raise IndexError("list index out of range")

    monkeypatch.setattr(trafilatura, "bare_extraction", broken)
    with pytest.raises(
        NoArticle, match=r"could not be read \(IndexError: list index out of range\)"
    ):
        page("wire-style.html")


_BODY = " ".join(["The two leaders agreed to expand trade in farm produce and to open new"] * 3)


@pytest.mark.parametrize(
    "caption",
    [
        '<p style="text-align: center;"><span style="color: #000080;">President A meets '
        "President B in Hanoi, Jan. 20, 2025. (Harbour Wire/Li Wen)</span></p>",
        "<figure><img src='a.jpg'><figcaption>The leaders at the talks.</figcaption></figure>",
        '<div class="wp-caption-text">The leaders at the talks in the capital.</div>',
        '<p class="PhotoCMS_Caption">The leaders pose for a photo at the talks.</p>',
        "<p>The leaders at the talks in the capital on Monday. (Photo: MNA)</p>",
        "<p><em>Photo: Mekong News Agency</em></p>",
        # an agency's credit after the day the picture was taken, even not centred
        "<p><span>President A meets President B in Hanoi, April 15, 2025. (Harbour Wire/Li"
        " Wen)</span></p>",
        # an agency's credit by a picture
        "<div><img src='a.jpg'></div><p>The leaders pose at the talks. (Harbour Wire/Li Wen)</p>",
    ],
)
def test_captions_in_the_text_are_left_out(caption: str) -> None:
    html = (
        "<html><head><title>Leaders hold talks</title></head><body><article>"
        f"<h1>Leaders hold talks</h1><p>{_BODY} first.</p>{caption}<p>{_BODY} second.</p>"
        f"<p>{_BODY} third.</p></article></body></html>"
    )
    found = read_page(html)
    assert len(found.paragraphs) == 3, found.paragraphs
    assert "talks in" not in found.text and "Photo" not in found.text
    assert "(Harbour" not in found.text and "pose" not in found.text


@pytest.mark.parametrize(
    "ending",
    [
        "the Lào Cai and Hekou border gate (Lào Cai/Hekou).",  # places
        "the free trade area (ACFTA/CAFTA).",  # names of agreements
        "the two capitals (Hà Nội/Vientiane)",
        "good health and success. (VNA/VNS)",  # a brief's credit line: its last words
    ],
)
def test_text_that_ends_like_a_credit_is_kept(ending: str) -> None:
    html = (
        "<html><head><title>Leaders hold talks</title></head><body><article>"
        f"<p>{_BODY} first.</p><p>The sides agreed to open {ending}</p>"
        f"<p>{_BODY} third.</p></article></body></html>"
    )
    found = read_page(html)
    assert len(found.paragraphs) == 3 and found.paragraphs[1].endswith(ending)


def test_a_short_article_whose_last_line_ends_with_a_credit_is_not_dropped_whole() -> None:
    # Its body, one block of two paragraphs under 80 words, ends with "(VNA/VNS)".
    first = "President Lương Cường received the outgoing Ambassador of Laos on Friday."
    second = " ".join(["The President thanked the Ambassador for his work."] * 4) + " (VNA/VNS)"
    html = (
        "<html><head><title>President receives Ambassador</title></head><body><article>"
        f'<div class="body"><p>{first} {_BODY}</p><p>{second}</p></div></article></body></html>'
    )
    found = read_page(html)
    assert found.paragraphs[0].startswith(first) and found.paragraphs[-1].endswith("(VNA/VNS)")


def test_a_dateline_paragraph_is_kept() -> None:
    html = (
        "<html><head><title>Leaders hold talks</title></head><body><article>"
        f"<p>BEIJING, April 15 (Xinhua/VNA)</p><p>{_BODY} first.</p><p>{_BODY} second.</p>"
        "</article></body></html>"
    )
    assert read_page(html).paragraphs[0] == "BEIJING, April 15 (Xinhua/VNA)"


def test_a_long_paragraph_ending_like_a_credit_is_text() -> None:
    ending = " ".join([_BODY] * 2) + " (ASEAN/Mekong)"
    html = (
        "<html><head><title>Leaders hold talks</title></head><body><article>"
        f"<p>{_BODY} first.</p><p>{ending}</p><p>{_BODY} third.</p></article></body></html>"
    )
    assert read_page(html).paragraphs[1].endswith("(ASEAN/Mekong)")
