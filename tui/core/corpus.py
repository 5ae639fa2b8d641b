"""The corpus: articles read from a folder, newest first, with the files that failed.

Two file formats are accepted:

* the bundled one: optional leading whitespace, `date YYYY-MM-DD`, then the body on
  the same line or the next;
* YAML front matter between `---` lines with `date:`, `title:` and `source:`, then
  the body.

Nothing here raises for bad input. A file that cannot be read is skipped with a
`LoadWarning`; a file without a valid date (`2025-02-30`, `0000-01-01`, a list...) is
loaded as undated, with one warning; front matter that is too large, too deep or uses
YAML aliases is ignored with a warning; a folder that cannot be read is named.

Article ids. The id of an article is its file's path below the corpus folder, with
`/` between folders and the suffix kept: `x.txt`, `x.md`, `x.md.txt`, `a/x.txt`. It
never depends on the other files. A backslash is doubled, a byte that is not UTF-8
shows as `\\xNN` and a control or format character as `\\uNNNN`, so an id prints on
one line and two files never share one (`corpus_files.escape_name`). Ids made by
older versions (the file stem, or the path without its suffix where stems collided)
are still accepted by `Corpus.get` when they name exactly one article, so bookmarks in
existing notes files keep their articles.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import yaml

from tui.core import safe_yaml
from tui.core.cancel import ShouldStop, check
from tui.core.corpus_files import (
    ARTICLE_SUFFIXES,
    article_id,
    display_path,
    find_article_files,
    legacy_ids,
)
from tui.core.text import (
    Passage,
    Segmented,
    first_sentence_title,
    one_line,
    segment,
    visible,
    word_count,
)

if TYPE_CHECKING:
    from tui.core.extract.lexicon import Lexicon

__all__ = [
    "ARTICLE_SUFFIXES",
    "Article",
    "Corpus",
    "CorpusError",
    "LoadWarning",
    "load_corpus",
    "parse_article",
    "read_header",
]

MAX_FILE_BYTES = 32 * 1024 * 1024
"""A larger file is skipped: it is not a readout, and would only fill memory."""
MAX_FRONT_MATTER = 64 * 1024
"""Front matter longer than this (in characters) is ignored with a warning."""

Progress = Callable[[int, int], None]
"""Called as `progress(done, total)` while a corpus loads."""


class CorpusError(Exception):
    """The corpus folder itself cannot be used (missing, not a folder)."""


@dataclass(frozen=True, slots=True)
class LoadWarning:
    """Why one file was skipped or loaded only in part."""

    file: Path
    reason: str

    def __str__(self) -> str:
        return f"{display_path(self.file)}: {self.reason}"


class Listed(Protocol):
    """What an article's line in the list is made of (an `Article` or a stored
    summary of one)."""

    @property
    def id(self) -> str: ...
    @property
    def file(self) -> Path: ...
    @property
    def date(self) -> dt.date | None: ...
    @property
    def title(self) -> str: ...
    @property
    def place(self) -> str | None: ...
    @property
    def source(self) -> str | None: ...
    @property
    def words(self) -> int: ...
    @property
    def url(self) -> str | None: ...
    @property
    def revised(self) -> dt.date | None: ...
    @property
    def versions(self) -> int: ...


def listed_fields(article: Listed) -> dict[str, object]:
    """The fields `readout list --json` prints of `article`."""
    return {
        "id": article.id,
        "file": display_path(article.file),
        "date": article.date.isoformat() if article.date else None,
        "title": article.title,
        "place": article.place,
        "source": article.source,
        "words": article.words,
        "url": article.url,
        "revised": article.revised.isoformat() if article.revised else None,
        "versions": article.versions,
    }


@dataclass(frozen=True, slots=True)
class Article:
    """One readout, normalised, with offsets that every other part of readout shares."""

    id: str
    file: Path
    date: dt.date | None
    title: str
    place: str | None
    source: str | None
    text: str
    paragraphs: tuple[Passage, ...]
    sentences: tuple[Passage, ...]
    words: int
    url: str | None = None
    """Where an imported article came from (front matter `url`)."""
    revised: dt.date | None = None
    """When an imported page was last found changed (front matter `revised`)."""
    versions: int = 0
    """How many earlier texts of it are kept (front matter `versions`,
    `tui.core.importing.versions`)."""

    @property
    def date_label(self) -> str:
        """`YYYY-MM-DD`, or `undated`."""
        return self.date.isoformat() if self.date else "undated"

    def summary(self) -> dict[str, object]:
        """The fields `readout list --json` prints."""
        return listed_fields(self)


def _sort_key(article: Article) -> tuple[bool, dt.date, str]:
    # Undated articles sort as the oldest; ties go by id so the order is stable.
    return (article.date is not None, article.date or dt.date.min, article.id)


@dataclass(frozen=True, slots=True)
class Corpus:
    """The articles of one folder, newest first, and the warnings met loading it."""

    root: Path
    articles: tuple[Article, ...]
    warnings: tuple[LoadWarning, ...] = ()
    _by_id: dict[str, Article] = field(default_factory=dict, repr=False, compare=False)
    _legacy: tuple[dict[str, list[Article]], ...] = field(
        default_factory=lambda: ({}, {}), repr=False, compare=False
    )

    def __post_init__(self) -> None:
        ordered = tuple(sorted(self.articles, key=_sort_key, reverse=True))
        object.__setattr__(self, "articles", ordered)
        self._by_id.update((article.id, article) for article in ordered)
        for article in ordered:
            for table, old_id in zip(self._legacy, legacy_ids(article.id), strict=True):
                table.setdefault(old_id, []).append(article)

    def __len__(self) -> int:
        return len(self.articles)

    def __contains__(self, article_id: object) -> bool:
        return isinstance(article_id, str) and self.get(article_id) is not None

    def get(self, article_id: str) -> Article | None:
        """The article with this id, or `None`.

        An id made by an older version of readout (`x` or `a/x` for `a/x.txt`) finds
        its article too, when it names exactly one: first as a path without its
        suffix, then as a file stem.
        """
        found = self._by_id.get(article_id)
        if found is not None:
            return found
        for table in self._legacy:
            candidates = table.get(article_id, ())
            if len(candidates) == 1:
                return candidates[0]
        return None


_DATE_LINE = re.compile(r"\s*date[ \t]+(?P<date>\d\S*)[ \t]*(?:\r?\n)?")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_FRONT_MATTER_OPEN = re.compile(r"\s*---[ \t]*\r?\n")
_FRONT_MATTER_CLOSE = re.compile(r"^---[ \t]*\r?$\n?", re.MULTILINE)


class _BadFile(Exception):
    """A file that cannot be read as an article at all."""


def _decode(data: bytes) -> str:
    if not data.strip():
        raise _BadFile("empty file")
    if b"\x00" in data[:8192]:
        raise _BadFile("binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise _BadFile(
            f"not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start})"
        ) from None


def _parse_date(value: object, problems: list[str]) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = " ".join(str(value).split()) if isinstance(value, str) else _describe(value)
    if not _ISO_DATE.fullmatch(text):
        problems.append(f"date {visible(text)[:40]!r} is not YYYY-MM-DD; listed as undated")
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        problems.append(f"impossible date {text}; listed as undated")
        return None


def _describe(value: object) -> str:
    """A short description of a front-matter value that is not text."""
    if isinstance(value, list | dict | set | tuple):
        return f"a {type(value).__name__} of {len(value)}"
    return str(value)[:40]


def _text_field(header: dict[object, object], key: str, problems: list[str]) -> str:
    """A front-matter value as one line of text (a title, a source): `""` when it is
    missing, or a list or a mapping (said in a warning), not text."""
    value = header.get(key)
    if value is None:
        return ""
    if isinstance(value, list | dict | set | tuple):
        problems.append(f"{key} is {_describe(value)}, not text; ignored")
        return ""
    return " ".join(str(value).split())


def _front_matter(text: str, problems: list[str]) -> tuple[dict[object, object], str] | None:
    """The front matter and the body after it; `None` when the file has none."""
    opening = _FRONT_MATTER_OPEN.match(text)
    if opening is None:
        return None
    closing = _FRONT_MATTER_CLOSE.search(text, opening.end())
    if closing is None:
        return None
    body = text[closing.end() :]
    if closing.start() - opening.end() > MAX_FRONT_MATTER:
        problems.append(
            f"front matter longer than {MAX_FRONT_MATTER // 1024} KB; header ignored, undated"
        )
        return {}, body
    try:
        header = safe_yaml.load(text[opening.end() : closing.start()])
    except yaml.YAMLError as error:
        line, what = safe_yaml.problem(error)
        where = f" (line {line + 1})" if line is not None else ""
        refused = "refused" if isinstance(error, safe_yaml.UnsafeYAML) else "is not valid YAML"
        problems.append(f"front matter {refused}{where}: {one_line(what)}; header ignored, undated")
        return {}, body
    if header is None:
        return {}, body
    if not isinstance(header, dict):
        problems.append("front matter is not a mapping of keys to values; header ignored, undated")
        return {}, body
    return header, body


def _split_header(text: str, problems: list[str]) -> tuple[dict[object, object], str]:
    """Separate the header (bundled date line or front matter) from the body."""
    front = _front_matter(text, problems)
    if front is not None:
        return front
    line = _DATE_LINE.match(text)
    if line is not None:
        return {"date": line["date"]}, text[line.end() :]
    return {}, text


def read_header(raw: str) -> tuple[dict[object, object], str]:
    """A file's header (front matter, or the bundled `date` line) and the body after
    it, as `parse_article` reads them; an unreadable header is `{}`."""
    return _split_header(raw, [])


def front_matter_title(raw: str) -> str:
    """The title a file's own front matter gives it; `""` when it gives none (the title
    shown is then a headline readout made)."""
    return _text_field(read_header(raw)[0], "title", [])


def _headline(segmented: Segmented, lexicon: Lexicon | None, article_id: str) -> str:
    """The title made from the lead: its principals and the kind of contact."""
    # Imported here: the extraction package imports this module.
    from tui.core.extract.headline import headline
    from tui.core.extract.lexicon import Lexicon

    return headline(segmented, lexicon or Lexicon(), article_id=article_id)


def parse_article(
    article_id: str, file: Path, raw: str, *, lexicon: Lexicon | None = None
) -> tuple[Article, list[str]]:
    """Build an `Article` from a file's decoded text; return it with its problems.

    Its title is the front matter's `title`, else a headline made from the lead
    (`Tô Lâm – Xi Jinping · phone talks`, with `lexicon`'s gazetteer), else the first
    sentence."""
    problems: list[str] = []
    header, body = _split_header(raw, problems)
    date: dt.date | None = None
    if header.get("date") is None:
        if not problems:  # a header that was ignored has said so already
            problems.append("no date line; listed as undated")
    else:
        date = _parse_date(header["date"], problems)
    segmented = segment(body)
    if not segmented.text:
        problems.append("no text after the header")
    title = _text_field(header, "title", problems)
    source = _text_field(header, "source", problems)
    revised, versions = _revision(header, problems)
    article = Article(
        id=article_id,
        file=file,
        date=date,
        title=title
        or _headline(segmented, lexicon, article_id)
        or first_sentence_title(segmented)
        or article_id,
        place=segmented.place,
        source=source or segmented.source,
        text=segmented.text,
        paragraphs=segmented.paragraphs,
        sentences=segmented.sentences,
        words=word_count(segmented.text),
        url=_text_field(header, "url", problems) or None,
        revised=revised,
        versions=versions,
    )
    return article, problems


MAX_VERSIONS = 1_000_000
"""More earlier texts than anyone keeps: a larger `versions` is a mistake (and past
what SQLite stores: 2**63)."""


def _revision(header: dict[object, object], problems: list[str]) -> tuple[dt.date | None, int]:
    """When the article was revised and how many earlier texts are kept (front matter
    `revised` and `versions`, written by `readout import`); a value that is not a date
    or a count is ignored, with a warning."""
    revised: dt.date | None = None
    if header.get("revised") is not None:
        revised = _parse_date(header["revised"], [])
        if revised is None:
            shown = visible(_describe(header["revised"]))[:40]
            problems.append(f"revised {shown!r} is not YYYY-MM-DD; ignored")
    value = header.get("versions")
    if value is None:
        return revised, 0
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_VERSIONS:
        problems.append(f"versions {visible(_describe(value))[:40]!r} is not a count; ignored")
        return revised, 0
    return revised, value


def load_corpus(
    root: str | Path,
    progress: Progress | None = None,
    *,
    should_stop: ShouldStop | None = None,
    lexicon: Lexicon | None = None,
) -> Corpus:
    """Load every article file under `root` (`.txt`, `.md`, `.markdown`), newest first.

    Titles are made with `lexicon`'s gazetteer (see `parse_article`); without one,
    only people named with a title (`Prime Minister Hun Manet`) can head a title.

    Raises `CorpusError` only when `root` is not a readable folder; a bad file is
    skipped or loaded undated, and named in `Corpus.warnings`. `should_stop` is
    checked between folders and between files (raising `cancel.Cancelled`).
    """
    root = Path(root)
    if not root.exists():
        raise CorpusError(f"corpus folder not found: {display_path(root)}")
    if not root.is_dir():
        raise CorpusError(f"corpus path is not a folder: {display_path(root)}")
    try:
        found = find_article_files(root, should_stop)
    except OSError as error:
        raise CorpusError(f"cannot read the corpus folder {display_path(root)}: {error}") from None
    warnings = [LoadWarning(path, reason) for path, reason in found.problems]
    articles: list[Article] = []
    for done, file in enumerate(found.files, start=1):
        check(should_stop)
        article, problems = _load_file(root, file, lexicon)
        if article is not None:
            articles.append(article)
        warnings.extend(LoadWarning(file, problem) for problem in problems)
        if progress is not None:
            progress(done, len(found.files))
    return Corpus(root, tuple(_tell_apart(articles)), tuple(warnings))


def _tell_apart(articles: list[Article]) -> list[Article]:
    """Articles of one day with one title (two agencies' copy of one call) get what
    differs between them added to it: the source, else the id."""
    groups: dict[tuple[dt.date | None, str], list[int]] = {}
    for index, article in enumerate(articles):
        groups.setdefault((article.date, article.title), []).append(index)
    for indexes in groups.values():
        if len(indexes) < 2:
            continue
        sources = [articles[index].source for index in indexes]
        by_source = all(sources) and len(set(sources)) == len(sources)
        for index in indexes:
            article = articles[index]
            extra = article.source if by_source else article.id
            articles[index] = replace(article, title=f"{article.title} · {extra}")
    return articles


def _read(file: Path) -> str:
    """The decoded text of one file; raises `_BadFile` or `OSError`."""
    with file.open("rb") as handle:
        data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise _BadFile(f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB, not a readout")
    return _decode(data)


def _load_file(root: Path, file: Path, lexicon: Lexicon | None) -> tuple[Article | None, list[str]]:
    """One article and its problems, or `None` and why it was skipped."""
    try:
        raw = _read(file)
    except _BadFile as error:
        return None, [f"skipped: {error}"]
    except OSError as error:
        return None, [f"skipped: {error.strerror or error}"]
    return parse_article(article_id(root, file), file, raw, lexicon=lexicon)
