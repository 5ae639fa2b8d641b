"""`Library`: a corpus folder as the CLI and the app see it, kept in a SQLite store.

    library = Library.open(Path("seeds"), lexicon=config.lexicon, synonyms=config.synonyms)
    library.refresh(progress)          # reads only new, changed and deleted files
    library.count(), library.articles(offset=0, limit=50)
    library.get("2025-01-15-xi-to-lam.txt"), library.extraction(article_id)
    library.search("standart gauge", limit=20)

Everything read comes from the store, page by page: nothing holds every article's
text. Several processes may open one store: readers never block (WAL); one refresh
runs at a time (a lock file beside the store); a reader sees a refresh's work batch by
batch, each batch one transaction, and `generation()` tells it something changed.

SKELETON written by the lead: the signatures are the contract between the helpers of
issue 11. The store helper fills in the bodies; change a signature only by agreement.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from pathlib import Path

from tui.core.cancel import ShouldStop
from tui.core.corpus import Article, LoadWarning
from tui.core.extract import Extraction
from tui.core.extract.lexicon import Lexicon
from tui.core.query import Query
from tui.core.search import SearchHit
from tui.core.store.model import ArticleSummary, LibraryError, Refreshed, RefreshProgress

__all__ = [
    "ArticleSummary",
    "Library",
    "LibraryError",
    "RefreshProgress",
    "Refreshed",
    "default_store_path",
]


def default_store_path(corpus: Path) -> Path:
    """Where the store of `corpus` lives when config.yaml does not say: the user's
    cache folder (platformdirs), one file per corpus folder, keyed by its resolved
    path: `<cache>/readout/libraries/<name>-<hash>/library.sqlite`."""
    raise NotImplementedError


class Library:
    """A corpus folder and its store. Open with `Library.open`; close when done (or use
    as a context manager). Thread-safe for reading: each thread gets its own SQLite
    connection; `refresh` may run in a worker thread while others read."""

    root: Path
    store_path: Path
    notices: tuple[str, ...]
    """One-line notices met opening (a store rebuilt: old schema, corrupt file)."""

    @classmethod
    def open(
        cls,
        corpus: Path,
        *,
        lexicon: Lexicon,
        synonyms: Iterable[Sequence[str]] = (),
        store: Path | None = None,
    ) -> Library:
        """Open the store of `corpus` (made when missing; rebuilt with a notice when
        corrupt or of another schema version). Raises `LibraryError` when `corpus` is
        not a readable folder or the store's folder cannot be written."""
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # Keeping the store up to date ------------------------------------------------------

    def refresh(
        self,
        progress: Callable[[RefreshProgress], None] | None = None,
        *,
        should_stop: ShouldStop | None = None,
        workers: int | None = None,
        wait: bool = True,
    ) -> Refreshed | None:
        """Bring the store up to date with the folder: read new and changed files, drop
        deleted ones, re-extract articles extracted with another lexicon. Uses
        `workers` processes (default: every core) when many files changed. Commits in
        batches, so a refresh killed half way leaves a consistent store and the next
        one resumes. Returns `None` without waiting when another process is refreshing
        and `wait` is false. `should_stop` is checked between files (`Cancelled`)."""
        raise NotImplementedError

    def changed_on_disk(self) -> bool:
        """A cheap check (folder modification times, sizes and mtimes of files) whether
        a refresh would find anything: the app polls it to pick up dropped files."""
        raise NotImplementedError

    def generation(self) -> int:
        """A number that grows whenever a refresh commits a change (in any process)."""
        raise NotImplementedError

    def set_lexicon(self, lexicon: Lexicon) -> None:
        """Extract with `lexicon` from now on (the corrections changed): the next
        refresh re-extracts every article extracted with another one."""
        raise NotImplementedError

    # Reading ---------------------------------------------------------------------------

    def count(self, *, leader: str | None = None, only: Collection[str] | None = None) -> int:
        """How many articles (naming `leader`, among the ids `only`)."""
        raise NotImplementedError

    def articles(
        self,
        offset: int = 0,
        limit: int | None = None,
        *,
        oldest_first: bool = False,
        leader: str | None = None,
        only: Collection[str] | None = None,
    ) -> list[ArticleSummary]:
        """A page of articles in list order (newest first; undated last; ties by id),
        narrowed to those naming `leader` (canonical name) and to the ids `only`."""
        raise NotImplementedError

    def months(
        self,
        *,
        oldest_first: bool = False,
        leader: str | None = None,
        only: Collection[str] | None = None,
    ) -> list[tuple[int | None, int | None, int]]:
        """(year, month, how many) in list order, `(None, None, n)` for undated: what
        the list needs to place its year and month headings without reading rows."""
        raise NotImplementedError

    def position(
        self,
        article_id: str,
        *,
        oldest_first: bool = False,
        leader: str | None = None,
        only: Collection[str] | None = None,
    ) -> int | None:
        """Where `article_id` is in that list order; `None` when it is not listed."""
        raise NotImplementedError

    def get(self, article_id: str) -> Article | None:
        """The article with this id (or an id of an older version naming exactly one
        article, as `Corpus.get`), text and offsets included; `None` if there is none."""
        raise NotImplementedError

    def resolve(self, article_id: str) -> str | None:
        """The current id of `article_id` (a unique prefix is NOT accepted here)."""
        raise NotImplementedError

    def extraction(self, article_id: str) -> Extraction | None:
        """The article's leaders and commitments, people named as the corpus names
        them (identity across the corpus); `None` for no such article."""
        raise NotImplementedError

    def extractions(self, article_ids: Iterable[str]) -> dict[str, Extraction]:
        """Several at once (one query)."""
        raise NotImplementedError

    def leaders(self) -> dict[str, int]:
        """Every leader's canonical name -> how many articles name them, most first."""
        raise NotImplementedError

    def warnings(self) -> tuple[LoadWarning, ...]:
        """The problems of the files as last read (skipped files, undated ones...)."""
        raise NotImplementedError

    # Searching -------------------------------------------------------------------------

    def search(self, query: str | Query, limit: int = 20) -> list[SearchHit]:
        """The best `limit` hits, as `SearchIndex.search` ranks them; `leader:` uses
        the stored leaders. Raises `SearchError` for a malformed query."""
        raise NotImplementedError

    def articles_matching(self, query: str | Query) -> list[str]:
        """Ids of the articles with a hit for `query`, newest first."""
        raise NotImplementedError
