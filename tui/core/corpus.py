"""The corpus: articles read from a folder, newest first, with the files that failed.

Two file formats are accepted:

* the bundled one: optional leading whitespace, `date YYYY-MM-DD`, then the body on
  the same line or the next;
* YAML front matter between `---` lines with `date:`, `title:` and `source:`, then
  the body.

A file that cannot be read is skipped with a `LoadWarning`; a file without a valid
date is loaded as undated, with a warning. Nothing here raises for bad input.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from tui.core.text import Passage, first_sentence_title, segment, visible, word_count

__all__ = [
    "ARTICLE_SUFFIXES",
    "Article",
    "Corpus",
    "CorpusError",
    "LoadWarning",
    "load_corpus",
    "parse_article",
]

ARTICLE_SUFFIXES = frozenset({".txt", ".md", ".markdown"})

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
        return f"{self.file}: {self.reason}"


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

    @property
    def date_label(self) -> str:
        """`YYYY-MM-DD`, or `undated`."""
        return self.date.isoformat() if self.date else "undated"

    def summary(self) -> dict[str, object]:
        """The fields `readout list --json` prints."""
        return {
            "id": self.id,
            "file": str(self.file),
            "date": self.date.isoformat() if self.date else None,
            "title": self.title,
            "place": self.place,
            "source": self.source,
            "words": self.words,
        }


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

    def __post_init__(self) -> None:
        ordered = tuple(sorted(self.articles, key=_sort_key, reverse=True))
        object.__setattr__(self, "articles", ordered)
        self._by_id.update((article.id, article) for article in ordered)

    def __len__(self) -> int:
        return len(self.articles)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._by_id

    def get(self, article_id: str) -> Article | None:
        """The article with this id, or `None`."""
        return self._by_id.get(article_id)


_DATE_LINE = re.compile(r"\s*date[ \t]+(?P<date>\d\S*)[ \t]*(?:\r?\n)?")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_FRONT_MATTER = re.compile(r"\s*---[ \t]*\r?\n(?P<yaml>.*?)\r?\n---[ \t]*(?:\r?\n|$)", re.DOTALL)


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
    text = str(value).strip()
    if not _ISO_DATE.fullmatch(text):
        problems.append(f"date {visible(text)!r} is not YYYY-MM-DD; listed as undated")
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        problems.append(f"impossible date {text}; listed as undated")
        return None


def _split_header(text: str, problems: list[str]) -> tuple[dict[str, object], str]:
    """Separate the header (bundled date line or front matter) from the body."""
    front = _FRONT_MATTER.match(text)
    if front is not None:
        try:
            header = yaml.safe_load(front["yaml"])
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            where = f" (line {mark.line + 2})" if mark is not None else ""
            problems.append(f"front matter is not valid YAML{where}; header ignored")
            header = {}
        if not isinstance(header, dict):
            problems.append("front matter is not a mapping of keys to values; header ignored")
            header = {}
        return header, text[front.end() :]
    line = _DATE_LINE.match(text)
    if line is not None:
        return {"date": line["date"]}, text[line.end() :]
    return {}, text


def parse_article(article_id: str, file: Path, raw: str) -> tuple[Article, list[str]]:
    """Build an `Article` from a file's decoded text; return it with its problems."""
    problems: list[str] = []
    header, body = _split_header(raw, problems)
    date: dt.date | None = None
    if header.get("date") is None:
        problems.append("no date line; listed as undated")
    else:
        date = _parse_date(header["date"], problems)
    segmented = segment(body)
    if not segmented.text:
        problems.append("no text after the header")
    title = header.get("title")
    source = header.get("source")
    article = Article(
        id=article_id,
        file=file,
        date=date,
        title=str(title).strip() if title else first_sentence_title(segmented) or article_id,
        place=segmented.place,
        source=str(source).strip() if source else segmented.source,
        text=segmented.text,
        paragraphs=segmented.paragraphs,
        sentences=segmented.sentences,
        words=word_count(segmented.text),
    )
    return article, problems


def _article_files(root: Path) -> list[Path]:
    return sorted(
        path
        for path in root.rglob("*")
        if path.suffix.lower() in ARTICLE_SUFFIXES
        and not any(part.startswith(".") for part in path.relative_to(root).parts)
        and path.is_file()
    )


def _article_ids(files: list[Path], root: Path) -> list[str]:
    """Each file's id: its stem, or its relative path where two files share a stem."""
    stems = Counter(file.stem for file in files)
    relative = [file.relative_to(root) for file in files]
    ids = [
        file.stem if stems[file.stem] == 1 else rel.with_suffix("").as_posix()
        for file, rel in zip(files, relative, strict=True)
    ]
    repeated = Counter(ids)
    return [
        article_id if repeated[article_id] == 1 else rel.as_posix()
        for article_id, rel in zip(ids, relative, strict=True)
    ]


def load_corpus(root: str | Path, progress: Progress | None = None) -> Corpus:
    """Load every article file under `root` (`.txt`, `.md`), newest first.

    Raises `CorpusError` only when `root` is not a readable folder; a bad file is
    skipped or loaded undated, and named in `Corpus.warnings`.
    """
    root = Path(root)
    if not root.exists():
        raise CorpusError(f"corpus folder not found: {root}")
    if not root.is_dir():
        raise CorpusError(f"corpus path is not a folder: {root}")
    files = _article_files(root)
    return Corpus(root, *_load_files(root, files, progress))


def _load_files(
    root: Path, files: Iterable[Path], progress: Progress | None
) -> tuple[tuple[Article, ...], tuple[LoadWarning, ...]]:
    files = list(files)
    articles: list[Article] = []
    warnings: list[LoadWarning] = []
    ids = _article_ids(files, root)
    for done, (file, article_id) in enumerate(zip(files, ids, strict=True), start=1):
        try:
            raw = _decode(file.read_bytes())
        except _BadFile as error:
            warnings.append(LoadWarning(file, f"skipped: {error}"))
        except OSError as error:
            warnings.append(LoadWarning(file, f"skipped: {error.strerror or error}"))
        else:
            article, problems = parse_article(article_id, file, raw)
            articles.append(article)
            warnings.extend(LoadWarning(file, problem) for problem in problems)
        if progress is not None:
            progress(done, len(files))
    return tuple(articles), tuple(warnings)
