"""Knowing an article already imported: by its address, or by its text.

* Same address: the canonical URL (the page's own, else where it was fetched),
  normalised: `http` and `https` alike, the host's case, a default port, a trailing
  slash, the fragment and tracking parameters (`utm_*`, `fbclid`, ...) do not count;
  the other query parameters are sorted.
* Same text: the fingerprint of the normalised words (`writing.fingerprint`), or a
  near copy: a syndicating site adds its own credit line, a caption, a "Read more"
  link. Two texts of dates at most `NEAR_DAYS` apart whose word 4-grams (shingles)
  overlap by `NEAR_JACCARD` or more are one text. Measured on the fixtures
  (`tests/data/import/`): the syndicated copy of the agency's page (its own credit
  line added) scores 0.91 against it; the other readouts score under 0.01 against
  it; a revised page (one clause changed) scores 0.92 against its earlier text, but
  a revision is found by its address first, so it is never taken for a copy.

The index reads the header of every readout file below a folder (the first
`HEAD_BYTES` of each); only files with an `url` or a `fingerprint` (imported ones) are
known. A body is read only when a near copy is looked for among that date's files.
Reading the 100,000-article synthetic corpus (no imported files) takes 2.5 s of CPU
(13 s when every front matter went through YAML).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from tui.core.cancel import ShouldStop
from tui.core.corpus import read_header
from tui.core.corpus_files import find_article_files
from tui.core.importing.writing import fingerprint
from tui.core.text import fold

__all__ = [
    "Index",
    "Known",
    "canonical_url",
    "on_file",
    "same_page",
    "shingle_similarity",
    "without_tracking",
]

HEAD_BYTES = 4096
MAX_HEAD = 1024 * 1024
NEAR_DAYS = 2
NEAR_JACCARD = 0.7
REVISED_JACCARD = 0.5
"""A new text of the same address is a version of the article when it shares this
much with it and keeps its title (folded: accents and case do not count)..."""
RETITLED_JACCARD = 0.8
"""...or shares this much with a new title. Less is another article (a page naming
another as its canonical address, a site naming its home page so on every page):
written as a new file, never over the other's."""
SHINGLE = 4
_TRACKING = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|mc_cid|mc_eid|igshid|ocid|cmpid|ref_src)$", re.I
)
_WORD = re.compile(r"[^\W_]+")


def canonical_url(url: str) -> str:
    """`url` with what does not name a different page taken out (see the module)."""
    try:
        parts = urllib.parse.urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return url.strip()
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        return url.strip()
    host = (parts.hostname or "").lower()
    if port is not None and port not in (80, 443):
        host = f"{host}:{port}"
    query = sorted(
        (key, value)
        for key, value in urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
        if not _TRACKING.match(key)
    )
    path = parts.path.rstrip("/") or "/"
    return urllib.parse.urlunsplit(("https", host, path, urllib.parse.urlencode(query), ""))


def without_tracking(url: str) -> str:
    """`url` as written in a readout's front matter: tracking parameters and the
    fragment taken out, the rest as the site wrote it."""
    try:
        parts = urllib.parse.urlsplit(url.strip())
    except ValueError:
        return url.strip()
    if parts.scheme.lower() not in ("http", "https"):
        return url.strip()
    pairs = urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
    kept = [(key, value) for key, value in pairs if not _TRACKING.match(key)]
    query = urllib.parse.urlencode(kept) if len(kept) < len(pairs) else parts.query
    return urllib.parse.urlunsplit((*parts[:3], query, ""))


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = _WORD.findall(fold(text))
    return {tuple(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}


def shingle_similarity(one: str, other: str) -> float:
    """The Jaccard overlap of the two texts' word 4-grams, from 0 to 1."""
    a, b = _shingles(one), _shingles(other)
    return len(a & b) / len(a | b) if a and b else 0.0


@dataclass(slots=True)
class Known:
    """An article already in the folder."""

    path: Path
    url: str | None
    fingerprint: str | None
    date: dt.date | None
    text: str | None = None  # read when first compared
    title: str | None = None  # read with the text


_FRONT = re.compile(r"\A\s*---[ \t]*\r?\n(.*?)^---[ \t]*\r?$", re.S | re.M)
_KEYS = re.compile(r"^(url|fingerprint|date):[ \t]*(.*?)[ \t]*\r?$", re.M)
_PLAIN_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _fields(head: str) -> dict[str, object] | None:
    """The `url`, `fingerprint` and `date` of a file's front matter, `None` when it has
    neither an url nor a fingerprint. Read by a pattern when the values are plain
    (as `writing` writes them: no YAML parse, 1 ms a file, for most files); by YAML
    when one is quoted."""
    front = _FRONT.match(head)
    if front is None:
        return None
    found = {key: value for key, value in _KEYS.findall(front[1])}
    if "url" not in found and "fingerprint" not in found:
        return None
    if any(value[:1] in ("'", '"') for value in found.values()):
        header, _ = read_header(head)
        return {key: header.get(key) for key in ("url", "fingerprint", "date")}
    date = found.get("date", "")
    fields: dict[str, object] = {"url": found.get("url"), "fingerprint": found.get("fingerprint")}
    if _PLAIN_DATE.fullmatch(date):
        with contextlib.suppress(ValueError):  # 2025-02-30
            fields["date"] = dt.date.fromisoformat(date)
    return fields


def _head(path: Path) -> str:
    """The start of a file: `HEAD_BYTES`, or up to the end of its front matter when
    that is longer (a long address), at most `MAX_HEAD` (raises `OSError`)."""
    with path.open("rb") as handle:
        data = handle.read(HEAD_BYTES)
        if data.lstrip()[:3] == b"---":
            while len(data) < MAX_HEAD and b"\n---" not in data[3:]:
                more = handle.read(HEAD_BYTES)
                if not more:
                    break
                data += more
    return data.decode("utf-8", "replace")


def _known(path: Path) -> Known | None:
    try:
        head = _head(path)
    except OSError:
        return None
    fields = _fields(head)
    if fields is None:
        return None
    url, mark, date = fields.get("url"), fields.get("fingerprint"), fields.get("date")
    if not isinstance(url, str) and not isinstance(mark, str):
        return None
    return Known(
        path,
        canonical_url(url) if isinstance(url, str) else None,
        mark if isinstance(mark, str) else None,
        date if isinstance(date, dt.date) else None,
    )


def body_of(path: Path) -> str:
    """The text after a readout file's header."""
    return read_header(path.read_text(encoding="utf-8", errors="replace"))[1]


def on_file(known: Known) -> tuple[str, str]:
    """The title and the body (stripped) of a known article, read once."""
    if known.text is None or known.title is None:
        try:
            header, body = read_header(known.path.read_text(encoding="utf-8", errors="replace"))
        except OSError:
            header, body = {}, ""
        title = header.get("title")
        known.title = title if isinstance(title, str) else ""
        known.text = body.strip()
    return known.title, known.text


def same_page(old_title: str, old_text: str, title: str, text: str) -> bool:
    """Whether `title` and `text` are a new version of the article `old_title`,
    `old_text` (see `REVISED_JACCARD`)."""
    overlap = shingle_similarity(old_text, text)
    if " ".join(fold(old_title).split()) == " ".join(fold(title).split()):
        return overlap >= REVISED_JACCARD
    return overlap >= RETITLED_JACCARD


@dataclass
class Index:
    """The imported articles of a folder, by address and by text."""

    entries: list[Known] = field(default_factory=list)
    _by_url: dict[str, list[Known]] = field(default_factory=dict)
    _by_mark: dict[str, Known] = field(default_factory=dict)
    _shingles: dict[int, frozenset[int]] = field(default_factory=dict)
    _postings: dict[int, list[int]] = field(default_factory=dict)

    @classmethod
    def of_folder(cls, folder: Path, should_stop: ShouldStop | None = None) -> Index:
        index = cls()
        if folder.is_dir():
            for path in find_article_files(folder, should_stop).files:
                known = _known(path)
                if known is not None:
                    index.add(known)
        return index

    def add(self, known: Known) -> None:
        self.entries.append(known)
        if known.url:
            self._by_url.setdefault(known.url, []).append(known)
        if known.fingerprint:
            self._by_mark.setdefault(known.fingerprint, known)

    def by_url(self, url: str | None) -> list[Known]:
        """The articles of this address (more than one when a page's text became
        another article's: see `same_page`)."""
        return self._by_url.get(canonical_url(url), []) if url else []

    def same_text(self, text: str, date: dt.date | None) -> Known | None:
        """An article with this text, or a near copy of it of a date close by.

        Each known text's shingles are made once, into postings (shingle -> the
        articles holding it): a text is compared by counting its shingles' postings,
        not by going over every known text again (a feed of 1,000 entries of one day
        took 66 s of CPU that way)."""
        exact = self._by_mark.get(fingerprint(text))
        if exact is not None:
            return exact
        close = [number for number, known in enumerate(self.entries) if _close(known.date, date)]
        if not close:
            return None
        for number in close:
            self._shingled(number)
        mine = {hash(shingle) for shingle in _shingles(text)}
        near = set(close)
        hits: dict[int, int] = {}
        for shingle in mine:
            for number in self._postings.get(shingle, ()):
                if number in near:
                    hits[number] = hits.get(number, 0) + 1
        for number in close:
            shared = hits.get(number, 0)
            union = len(mine) + len(self._shingles[number]) - shared
            if shared and shared / union >= NEAR_JACCARD:
                return self.entries[number]
        return None

    def _shingled(self, number: int) -> None:
        """Make the shingles of entry `number` once, into the postings."""
        if number in self._shingles:
            return
        _, body = on_file(self.entries[number])
        made = frozenset(hash(shingle) for shingle in _shingles(body)) if body else frozenset()
        self._shingles[number] = made
        for shingle in made:
            self._postings.setdefault(shingle, []).append(number)

    def revised(self, known: Known, readout_text: str, mark: str) -> None:
        """`known`'s text is now `readout_text` (a revision): known by it from now on."""
        number = next(n for n, entry in enumerate(self.entries) if entry is known)
        for shingle in self._shingles.pop(number, frozenset()):
            self._postings[shingle].remove(number)
        known.text, known.fingerprint = readout_text.strip(), mark
        self._by_mark.setdefault(mark, known)


def _close(one: dt.date | None, other: dt.date | None) -> bool:
    if one is None or other is None:
        return one is other
    return abs((one - other).days) <= NEAR_DAYS
