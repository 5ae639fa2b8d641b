"""An article from a web page: its text, title, date, outlet and address, found by
trafilatura (and htmldate, for the date: from the page's markup only, its meta tags,
`<time>` elements and address; never a year guessed from the text, so a page that
gives no date is undated, or takes its feed entry's date).

trafilatura is imported when the first page is read, not with readout: it and what it
brings (lxml, htmldate, dateparser, courlan) take about 0.15 s of CPU to import.

What trafilatura is asked for: the main text only (no comments), precision over
recall (menus, share buttons, related links, cookie banners and captions outside the
text are left out), paragraphs kept one a line, then written as paragraphs.

Two things are added to what it gives:

* the lead. News agencies put the lead paragraph (the one that names who called
  whom) above the text, in an element styled apart (`<h2 class="sapo">`,
  `<p class="description">`, `<div class="standfirst">`); trafilatura drops it as a
  heading. An element whose class names a lead, holding at least `LEAD_WORDS` words
  not already in the text, is put back first.
* captions dropped before trafilatura sees the page: it keeps a caption that sits in
  the text as a paragraph (Xinhua's centred `<p><span>…(Xinhua/Photographer)</span></p>`)
  or in a `<div class="caption">`. An element is a caption when it is a
  `<figcaption>`; else, when it holds no paragraphs of its own and is short
  (`CAPTION_WORDS` words or fewer), when its class or id names a caption (`caption`,
  `photo-desc`, `image-credit`, ...), when it ends with a photo credit that says so
  (`(Photo: VNA)`, `Photo: ...`), or when it ends with an agency's credit
  (`(Xinhua/Li Wen)`) after the date the picture was taken (`..., April 15, 2025.`) or
  where a caption stands: centred, in a `<figure>`, or by a picture. Text may end
  the same way (`... the border gate (Lào Cai/Hekou).`, a dateline `BEIJING, April 15
  (Xinhua/VNA)`): there it stays.
* the check for "no article text" (`NoArticle`): trafilatura returns a section
  index (headline teasers) or a site map (headings) as if it were an article.
  Measured on the saved pages in `tests/data/import/`: every paragraph of a section
  index and of a site map is under 20 words (teasers are one short sentence), while
  readouts' paragraphs run 25 to 60 words, with only the credit line, a date line or
  a heading under 20. So a page is an article when paragraphs of at least
  `PROSE_WORDS` words hold at least `MIN_WORDS` words and at least half its words.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tui.core.importing.fetch import ImportFailure
from tui.core.text import word_count

if TYPE_CHECKING:
    from lxml.html import HtmlElement

__all__ = [
    "CAPTION_WORDS",
    "LEAD_WORDS",
    "MIN_WORDS",
    "PROSE_WORDS",
    "NoArticle",
    "Page",
    "read_page",
]

PROSE_WORDS = 20
"""A paragraph of at least this many words is prose, not a teaser, heading or credit."""
MIN_WORDS = 40
"""An article has at least this many words of prose."""
LEAD_WORDS = 15
_LEAD_CLASSES = re.compile(
    r"(?:^|[\s_-])(sapo|lead|lede|standfirst|summary|description|intro|dek)(?:$|[\s_-])", re.I
)


CAPTION_WORDS = 80
"""A caption is at most this long; a longer block ending with a credit is text."""
_CAPTION_CLASSES = re.compile(
    r"caption|(?:photo|image|img|pic)[-_]?(?:desc|credit|text|note|info)", re.IGNORECASE
)
_PHOTO_CREDIT = re.compile(
    r"(?:\(\s*(?:file\s+)?(?:photos?|ảnh)\s*:[^()]{1,80}\)"  # (Photo: VNA)
    r"|^\s*(?:photos?|ảnh)\s*:.{1,80})\s*\.?$",  # Photo: VNA
    re.IGNORECASE,
)
_AGENCY_CREDIT = re.compile(r"\(\s*[A-Z][\w&.'’ -]{1,40}/\s*[A-Z][\w&.'’ -]{1,60}\)\s*\.?$")
"""`(Xinhua/Li Wen)` at the end: a caption's credit where a caption stands."""
_DATED = re.compile(r"\b(?:19|20)\d\d\s*\.?\s*\([^()]*\)\s*\.?$")
"""`..., April 15, 2025. (Xinhua/Li Wen)`: a news photo's caption ends with the day it
was taken, then the credit."""
_CAPTION_TAGS = ("figcaption", "p", "div", "span", "td", "em", "small")
_BLOCKS = ("p", "div", "ul", "ol", "table", "h1", "h2", "h3", "h4", "section", "article")
_CENTRED = re.compile(r"text-align\s*:\s*center", re.IGNORECASE)


_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
"""C0 control characters but tab and line ends: one anywhere (an ESC) makes lxml drop
the page's text, and none belongs in an article."""


_REFERENCE = re.compile(r"&#([xX][0-9a-fA-F]{1,12}|[0-9]{1,12});?")


def _no_control_references(html: str) -> str:
    """`html` without character references to those (`&#x1b;`, `&#27;`) or to no
    character (`&#0;`, a lone surrogate `&#xD800;`, past U+10FFFF)."""

    def keep(match: re.Match[str]) -> str:
        digits = match[1]
        point = int(digits[1:], 16) if digits[0] in "xX" else int(digits)
        if point > 0x10FFFF or 0xD800 <= point <= 0xDFFF:
            return ""
        return "" if point < 0x20 and chr(point) not in "\t\n\r" else match[0]

    return _REFERENCE.sub(keep, html) if "&#" in html else html


class NoArticle(ImportFailure):
    """The page holds no article text (a section index, a site map, an empty page)."""


@dataclass(frozen=True, slots=True)
class Page:
    """What an imported article is made of."""

    title: str
    date: dt.date | None
    site: str | None
    url: str | None
    paragraphs: tuple[str, ...]

    @property
    def text(self) -> str:
        """The body as our readout files hold it: paragraphs between blank lines."""
        return "\n\n".join(self.paragraphs)


def read_page(html: str, url: str | None = None) -> Page:
    """The article of an HTML page; raises `NoArticle` when it holds none.

    `url` is where the page came from (for relative links and the outlet when the page
    names none); the page's own canonical address, when it gives one, wins."""
    import trafilatura

    tree = _parse(_CONTROLS.sub("", _no_control_references(html)))
    leads = _lead_candidates(tree)  # before trafilatura, which prunes the tree
    _drop_captions(tree)
    try:
        document = trafilatura.bare_extraction(
            tree,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            favor_precision=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as error:  # a fault of the library on odd markup stops this page only
        problem = " ".join(f"{type(error).__name__}: {error}".split())[:120]
        raise NoArticle(
            f"no article text in {_where(url)}: the page could not be read ({problem})"
        ) from None
    if document is None or isinstance(document, dict) or not document.text:
        raise NoArticle(f"no article text in {_where(url)}")
    title = " ".join((document.title or "").split())
    paragraphs = _paragraphs(document.text, title)
    lead = _lead(leads, paragraphs)
    if lead:
        paragraphs = (lead, *paragraphs)
    _check_article(paragraphs, url)
    return Page(
        title=title,
        date=_date(document.date),
        site=" ".join(document.sitename.split()) if document.sitename else None,
        url=document.url or None,
        paragraphs=paragraphs,
    )


def _parse(html: str) -> HtmlElement:
    from lxml import etree
    from lxml import html as lxml_html

    try:
        return lxml_html.document_fromstring(html)
    except (etree.LxmlError, ValueError) as error:
        raise NoArticle(f"no article text: the page cannot be parsed ({error})") from None


def _is_caption(element: HtmlElement) -> bool:
    if element.tag == "figcaption":
        return True
    if any(True for _ in element.iter(*_BLOCKS) if _ is not element):
        return False  # it holds paragraphs: text, not a caption
    text = " ".join(element.text_content().split())
    if word_count(text) > CAPTION_WORDS:
        return False
    names = f"{element.get('class') or ''} {element.get('id') or ''}"
    if _CAPTION_CLASSES.search(names) or _PHOTO_CREDIT.search(text):
        return True
    if not _AGENCY_CREDIT.search(text):
        return False
    return bool(_DATED.search(text)) or _where_a_caption_stands(element)


def _where_a_caption_stands(element: HtmlElement) -> bool:
    """Centred (it or its parent), in a `<figure>`, or by a picture (in it, or in the
    element just before)."""
    parent = element.getparent()
    for node in (element, parent):
        if node is not None and (
            _CENTRED.search(node.get("style") or "") or (node.get("align") or "") == "center"
        ):
            return True
    if any(ancestor.tag == "figure" for ancestor in element.iterancestors()):
        return True
    before = element.getprevious()
    return any(True for _ in element.iter("img")) or (
        before is not None and any(True for _ in before.iter("img"))
    )


def _drop_captions(tree: HtmlElement) -> None:
    """Remove the page's photo captions (see the module's docstring), their tails kept."""
    captions = [element for element in tree.iter(*_CAPTION_TAGS) if _is_caption(element)]
    for element in captions:
        if element.getparent() is not None:
            element.drop_tree()


def _where(url: str | None) -> str:
    return url or "the page"


def _paragraphs(text: str, title: str) -> tuple[str, ...]:
    """trafilatura's lines as paragraphs, the headline repeated above the text dropped."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    if lines and title and lines[0].casefold() == title.casefold():
        lines = lines[1:]
    return tuple(lines)


_Block = tuple[str, bool]
"""A block of the page in order: its text, and whether its class names a lead."""


def _lead_candidates(tree: HtmlElement) -> list[_Block]:
    """The page's paragraphs and lead-styled elements, in page order."""
    blocks = []
    for element in tree.iter("h2", "h3", "p", "div"):
        is_lead = bool(_LEAD_CLASSES.search(str(element.get("class") or "")))
        if is_lead or element.tag == "p":
            blocks.append((" ".join(element.text_content().split()), is_lead))
    return blocks


def _lead(blocks: list[_Block], paragraphs: tuple[str, ...]) -> str | None:
    """The lead trafilatura left out: a lead-styled block of `LEAD_WORDS` words or more
    that comes before the text's first paragraph and is not in the text (a teaser of
    another story further down the page is never taken)."""
    if not paragraphs:
        return None
    body = " ".join(paragraphs)
    opening = paragraphs[0][:40]
    for text, is_lead in blocks:
        if text.startswith(opening):
            return None
        if is_lead and word_count(text) >= LEAD_WORDS and text[:60] not in body:
            return text
    return None


def _check_article(paragraphs: tuple[str, ...], url: str | None) -> None:
    counts = [word_count(paragraph) for paragraph in paragraphs]
    prose = sum(count for count in counts if count >= PROSE_WORDS)
    if prose < MIN_WORDS or prose * 2 < sum(counts):
        raise NoArticle(
            f"no article text in {_where(url)} (a list of links or headlines, not an article)"
        )


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
