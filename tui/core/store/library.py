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
"""

from __future__ import annotations

import functools
import json
import sqlite3
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Concatenate, ParamSpec, TypeVar

from tui.core.cancel import Cancelled, ShouldStop
from tui.core.corpus import Article, LoadWarning
from tui.core.extract import Extraction
from tui.core.extract.lexicon import Lexicon
from tui.core.extract.model import renamed_commitments, renamed_leaders
from tui.core.query import Query, SearchError
from tui.core.search import SearchHit
from tui.core.store import checks, commitment_query, records, schema
from tui.core.store.checks import Scan
from tui.core.store.commitment_query import CommitmentFacets, CommitmentQuery, CommitmentRow
from tui.core.store.connections import Connections
from tui.core.store.fingerprint import lexicon_fingerprint
from tui.core.store.listing import Narrowing, month_counts, remembered_days
from tui.core.store.model import ArticleSummary, LibraryError, Refreshed, RefreshProgress
from tui.core.store.opening import (
    corpus_folder,
    damaged,
    default_store_path,
    open_store,
)

if TYPE_CHECKING:
    from tui.core.compare import Comparison
    from tui.core.events import Event
    from tui.core.profiles import LeaderProfile
    from tui.core.store.events import EventIndex
    from tui.core.store.threads import ThreadIndex
    from tui.core.threads import Thread
    from tui.core.timeline import Timeline, Zoom

__all__ = [
    "ArticleSummary",
    "Library",
    "LibraryError",
    "RefreshProgress",
    "Refreshed",
    "default_store_path",
]


REOPEN_WAIT = 1.0
"""How long a library whose store was replaced waits for another process's lock to
make it again (it tries again at its next read)."""

FACETS_KEPT = 16
"""Commitment facets kept (`Library.commitment_facets`)."""

TIMELINES_KEPT = 6
"""Timelines kept (`Library.timeline`): a zoom and focus asked for again is shown at
once."""

P = ParamSpec("P")
R = TypeVar("R")


def _reading(method: Callable[Concatenate[Library, P], R]) -> Callable[Concatenate[Library, P], R]:
    """`method` with every error of the store (SQLite's, the file system's, a stored
    value or a search file that cannot be read) turned into a one-line
    `LibraryError` naming the store; a store found damaged is marked, to be made
    again at the next open. A malformed query and a stop asked for go through."""

    @functools.wraps(method)
    def guarded(self: Library, *args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(self, *args, **kwargs)
        except (LibraryError, SearchError, Cancelled):
            raise
        except STORE_ERRORS as error:
            raise damaged(self.store_path, error) from None

    return guarded  # type: ignore[return-value]  # functools.wraps keeps the signature


STORE_ERRORS = (sqlite3.Error, OSError, ValueError, IndexError, EOFError, KeyError)
"""What using a store can raise besides `LibraryError`: SQLite's errors, the file
system's (permissions, a full disk), and those of values or search files that cannot
be read (`json`'s, numpy's, `DamagedIndex`)."""


class Library:
    """A corpus folder and its store. Open with `Library.open`; close when done (or use
    as a context manager). Thread-safe for reading: each thread gets its own SQLite
    connection (closed once the thread has ended), searches share one index;
    `refresh` may run in a worker thread while others read."""

    root: Path
    store_path: Path
    notices: tuple[str, ...]
    """One-line notices met opening (a store rebuilt: old schema, corrupt file)."""
    link_apart: bool
    """Threads not kept are linked in a child process (see `open`)."""

    def __init__(
        self,
        root: Path,
        store_path: Path,
        conn: sqlite3.Connection,
        *,
        lexicon: Lexicon,
        synonyms: Iterable[Sequence[str]] = (),
        notices: tuple[str, ...] = (),
    ) -> None:
        """Use `Library.open`."""
        self.root = root
        self.store_path = store_path
        self.notices = notices
        self._lexicon = lexicon
        self._fingerprint = lexicon_fingerprint(lexicon)
        self._connections = Connections(
            store_path, conn, synonyms, reopen=lambda: open_store(store_path, root, REOPEN_WAIT)[0]
        )
        self._leaders: tuple[int, dict[str, int]] | None = None
        self._warnings: tuple[int, tuple[LoadWarning, ...]] | None = None
        self._months: dict[tuple[bool, str | None], tuple[int, list[Month]]] = {}
        self._facets: dict[tuple[int, CommitmentQuery], CommitmentFacets] = {}
        self._events: EventIndex | None = None
        self._timelines: tuple[EventIndex, dict[tuple[Zoom, str | None], Timeline]] | None = None
        """The timelines laid out from the event index they were made of."""
        self._threads: ThreadIndex | None = None
        self.link_apart = False

    @classmethod
    def open(
        cls,
        corpus: Path,
        *,
        lexicon: Lexicon,
        synonyms: Iterable[Sequence[str]] = (),
        store: Path | None = None,
        link_apart: bool = False,
    ) -> Library:
        """Open the store of `corpus` (made when missing; rebuilt with a notice when
        corrupt or of another schema version). Raises `LibraryError` when `corpus` is
        not a readable folder or the store's folder cannot be written. `link_apart`:
        threads not kept beside the store are linked in a child process
        (`link_threads_ahead`), keeping this process's memory and core free (the app),
        rather than in this one (a command that ends when it answered)."""
        root = corpus_folder(corpus)
        path = store if store is not None else default_store_path(root)
        try:
            conn, notices = open_store(path, root)
        except (sqlite3.Error, OSError) as error:
            raise damaged(path, error) from None
        library = cls(root, path, conn, lexicon=lexicon, synonyms=synonyms, notices=notices)
        library.link_apart = link_apart
        return library

    def close(self) -> None:
        """Close every connection this library opened (in any thread)."""
        self._connections.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _conn(self) -> sqlite3.Connection:
        """This thread's connection (opened on first use)."""
        return self._connections.get()

    # Keeping the store up to date ------------------------------------------------------

    @_reading
    def refresh(
        self,
        progress: Callable[[RefreshProgress], None] | None = None,
        *,
        should_stop: ShouldStop | None = None,
        workers: int | None = None,
        wait: bool = True,
        scan: Scan = "always",
    ) -> Refreshed | None:
        """Bring the store up to date with the folder: read new and changed files, drop
        deleted ones, re-extract articles extracted with another lexicon. Uses
        `workers` processes (default: every core) when many files changed. Commits in
        batches, so a refresh killed half way leaves a consistent store and the next
        one resumes. Returns `None` without waiting when another process is refreshing
        and `wait` is false. `should_stop` is checked between files (`Cancelled`).
        `scan`: when every file is looked at (`tui.core.store.checks`): `"always"`,
        or only when a folder moved or (`"when_due"`) the last full check is old."""
        if scan != "always" and self.root.is_dir():
            # An unchanged store is told without importing what reads files.
            done = checks.skipped(self.store_path, self._fingerprint, scan, time.perf_counter())
            if done is not None:
                return done
        from tui.core.store import refresh

        return refresh.refresh_store(
            self.store_path,
            self.root,
            self._lexicon,
            progress=progress,
            should_stop=should_stop,
            workers=workers,
            wait=wait,
            scan=scan,
        )

    @_reading
    def changed_on_disk(self) -> bool:
        """A cheap check (folder modification times, sizes and mtimes of files) whether
        a refresh would find anything: the app polls it to pick up dropped files."""
        from tui.core.store import refresh

        return refresh.changed_on_disk(self.store_path, self.root)

    @_reading
    def generation(self) -> int:
        """A number that grows whenever a refresh commits a change (in any process),
        and when the store was replaced (rebuilt, deleted) under this library: each
        thread's connection and the search index then open the new file."""
        conn = self._conn()  # notices a replaced store first
        return self._connections.incarnation << 40 | schema.generation(conn)

    @property
    def lexicon(self) -> Lexicon:  # the lexicon articles are extracted with
        return self._lexicon

    @property
    def lexicon_fingerprint(self) -> str:
        """The fingerprint of `lexicon` and of the extraction rules
        (`tui.core.store.fingerprint`): articles extracted under another are
        extracted again at the next refresh."""
        return self._fingerprint

    def set_lexicon(self, lexicon: Lexicon) -> None:
        """Extract with `lexicon` from now on (the corrections changed): the next
        refresh re-extracts every article extracted with another one (and records
        the new fingerprint in `meta`)."""
        self._lexicon = lexicon
        self._fingerprint = lexicon_fingerprint(lexicon)

    # Reading ---------------------------------------------------------------------------

    @_reading
    def count(self, *, leader: str | None = None, only: Collection[str] | None = None) -> int:
        """How many articles (naming `leader`, among the ids `only`). The whole list's
        count is its months' (kept until the generation moves): the list has read
        them already, and counting 100,000 rows again takes 20 ms."""
        if only is None:
            return sum(count for *_, count in self.months(leader=leader))
        return Narrowing(leader, only).count(self._conn())

    @_reading
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
        rows = Narrowing(leader, only).page(
            self._conn(), records.SUMMARY_COLUMNS, offset, limit, oldest_first
        )
        return [records.summary_from_row(row) for row in rows]

    @_reading
    def summaries(
        self,
        offset: int = 0,
        limit: int | None = None,
        *,
        oldest_first: bool = False,
        leader: str | None = None,
        only: Collection[str] | None = None,
    ) -> list[dict[str, object]]:
        """`[a.summary() for a in self.articles(...)]` (what `readout list --json`
        prints), made without `ArticleSummary` objects (0.9 s, not 2.5 s at 100,000)."""
        rows = Narrowing(leader, only).page(
            self._conn(), records.SUMMARY_COLUMNS, offset, limit, oldest_first
        )
        return [records.summary_dict_from_row(row) for row in rows]

    @_reading
    def months(
        self,
        *,
        oldest_first: bool = False,
        leader: str | None = None,
        only: Collection[str] | None = None,
    ) -> list[Month]:
        """(year, month, how many) in list order, `(None, None, n)` for undated: what
        the list needs to place its year and month headings without reading rows.
        Kept until the generation moves (but with `only`)."""
        generation, key = self.generation(), (oldest_first, leader)
        known = self._months.get(key)
        if only is None and known is not None and known[0] == generation:
            return list(known[1])
        whole = leader is None and only is None
        days = remembered_days(self._conn(), generation) if whole else None
        if days is None:
            days = Narrowing(leader, only).days(self._conn())
        found = month_counts(days, oldest_first)
        if only is None:
            self._months = {k: v for k, v in self._months.items() if v[0] == generation}
            self._months[key] = (generation, found)
        return list(found)

    @_reading
    def position(
        self,
        article_id: str,
        *,
        oldest_first: bool = False,
        leader: str | None = None,
        only: Collection[str] | None = None,
    ) -> int | None:
        """Where `article_id` is in that list order; `None` when it is not listed."""
        current = self.resolve(article_id)
        if current is None:
            return None
        return Narrowing(leader, only).position(self._conn(), current, oldest_first)

    @_reading
    def get(self, article_id: str) -> Article | None:
        """The article with this id (or an id of an older version naming exactly one
        article, as `Corpus.get`), text and offsets included; `None` if there is none."""
        current = self.resolve(article_id)
        if current is None:
            return None
        row = (
            self._conn()
            .execute(f"SELECT {records.ARTICLE_COLUMNS} FROM articles WHERE id = ?", (current,))
            .fetchone()
        )
        return None if row is None else records.article_from_row(row)

    @_reading
    def resolve(self, article_id: str) -> str | None:
        """The current id of `article_id` (a unique prefix is NOT accepted here)."""
        conn = self._conn()
        if conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone():
            return article_id
        for column in ("legacy_path", "legacy_stem"):
            found = conn.execute(
                f"SELECT id FROM articles WHERE {column} = ? LIMIT 2", (article_id,)
            ).fetchall()
            if len(found) == 1:
                return str(found[0][0])
        return None

    @_reading
    def ids_with_prefix(self, prefix: str, limit: int = 2) -> list[str]:
        """The first `limit` ids (in id order) that start with `prefix`: the CLI
        accepts a prefix naming exactly one article."""
        if not prefix:
            return []
        sql = "SELECT id FROM articles WHERE id >= ?"
        values: list[object] = [prefix]
        if ord(prefix[-1]) < 0x10FFFF:
            sql += " AND id < ?"
            values.append(prefix[:-1] + chr(ord(prefix[-1]) + 1))
        rows = self._conn().execute(f"{sql} ORDER BY id LIMIT ?", [*values, limit * 4 + 4])
        return [str(row[0]) for row in rows if str(row[0]).startswith(prefix)][:limit]

    @_reading
    def extraction(self, article_id: str) -> Extraction | None:
        """The article's leaders and commitments, people named as the corpus names
        them (identity across the corpus); `None` for no such article."""
        current = self.resolve(article_id)
        if current is None:
            return None
        return self.extractions([current]).get(current)

    @_reading
    def extractions(self, article_ids: Iterable[str]) -> dict[str, Extraction]:
        """Several at once (one query). Ids not in the store are left out."""
        conn = self._conn()
        found: dict[str, Extraction] = {}
        for chunk in records.chunks(list(dict.fromkeys(article_ids)), 20_000):
            for article_id, data in conn.execute(
                "SELECT a.id, e.data FROM articles AS a JOIN extractions AS e"
                " ON e.article = a.number WHERE a.id IN (SELECT value FROM json_each(?))",
                (json.dumps(list(chunk)),),
            ):
                found[article_id] = records.extraction_from_json(article_id, data)
        names = (a for x in found.values() for a in (*(y.name for y in x.leaders), *_actors(x)))
        mapping = records.name_mapping(conn, names)
        if not mapping:
            return found
        return {
            article_id: Extraction(
                article_id,
                renamed_leaders(x.leaders, mapping),
                renamed_commitments(x.commitments, mapping),
            )
            for article_id, x in found.items()
        }

    @_reading
    def leaders(self) -> dict[str, int]:
        """Every leader's canonical name -> how many articles name them, most first."""
        generation = self.generation()
        if self._leaders is not None and self._leaders[0] == generation:
            return dict(self._leaders[1])
        counts = records.leader_counts(self._conn())
        self._leaders = (generation, counts)
        return dict(counts)

    @_reading
    def warnings(self) -> tuple[LoadWarning, ...]:
        """The problems of the files as last read (skipped files, undated ones...):
        the folder's first, then each file's, by id. Kept until the generation moves
        (reading them walks every file's row: 50 ms at 100,000)."""
        generation = self.generation()
        if self._warnings is not None and self._warnings[0] == generation:
            return self._warnings[1]
        conn = self._conn()
        found = records.warnings_from_json(schema.get_meta(conn, "folder_warnings"))
        for (data,) in conn.execute(
            "SELECT warnings FROM files WHERE warnings != '[]' ORDER BY id"
        ):
            found.extend(records.warnings_from_json(data))
        self._warnings = (generation, tuple(found))
        return self._warnings[1]

    @_reading
    def commitments(
        self, query: CommitmentQuery | None = None, offset: int = 0, limit: int | None = None
    ) -> list[CommitmentRow]:
        """A page of every commitment of the corpus narrowed by `query`, newest first
        (`tui.core.store.commitments`)."""
        return commitment_query.page(self._conn(), query or CommitmentQuery(), offset, limit)

    @_reading
    def commitment_facets(self, query: CommitmentQuery | None = None) -> CommitmentFacets:
        """How many commitments `query` narrows to, and the counts of each facet. The
        last few are kept until the generation moves (the screen opens, and goes back
        to a narrowing, at once)."""
        query = query or CommitmentQuery()
        key = (self.generation(), query)
        found = self._facets.get(key)
        if found is None:
            found = commitment_query.facets(self._conn(), query)
            self._facets = {k: v for k, v in self._facets.items() if k[0] == key[0]}
            while len(self._facets) >= FACETS_KEPT:
                del self._facets[next(iter(self._facets))]
            self._facets[key] = found
        return found

    # Events ----------------------------------------------------------------------------

    def _event_index(self) -> EventIndex:
        generation = self.generation()
        if self._events is None or self._events.generation != generation:
            from tui.core.store.events import corpus_events  # only for those who ask

            self._events = corpus_events(
                self._conn(), generation, self._lexicon, store=self.store_path
            )
        return self._events

    @_reading
    def events(self) -> list[Event]:
        """Every event of the corpus (`tui.core.events`: the articles reporting one
        call, meeting, visit or message; most articles are an event of their own),
        newest first. Kept until the generation moves."""
        return list(self._event_index().events)

    @_reading
    def event(self, event_id: str) -> Event | None:
        """The event of this id (`Event.id`), or `None`."""
        return self._event_index().get(event_id)

    @_reading
    def event_of(self, article_id: str) -> Event | None:
        """The event `article_id` reports (one of its own when no other article
        reports it); `None` for no such article."""
        current = self.resolve(article_id)
        return None if current is None else self._event_index().event_of(current)

    @_reading
    def timeline(self, zoom: Zoom = "month", focus: str | None = None) -> Timeline:
        """Every dated event on a date axis cut into `zoom` bins, one lane per leader
        pair; with `focus`, that leader's events, one lane per counterpart
        (`tui.core.timeline`). The last few made are kept until the events change."""
        from tui.core.timeline import make_timeline

        events = self._event_index()
        made = self._timelines
        kept = made[1] if made is not None and made[0] is events else {}
        found = kept.get((zoom, focus))
        if found is None:
            found = make_timeline(events.events, zoom, focus)  # 2.5 s at 100,000 articles
            # A new dict, not changed in place: another thread may be reading the old.
            kept = dict(list(kept.items())[-(TIMELINES_KEPT - 1) :])
            kept[zoom, focus] = found
            self._timelines = (events, kept)
        return found

    @_reading
    def leader_profile(self, name: str) -> LeaderProfile | None:
        """The profile of the person the corpus calls `name` (`tui.core.profiles`):
        the articles and events naming them, their titles over time, commitments and
        counterparts; `None` when no article names them."""
        from tui.core.profiles import make_profile
        from tui.core.store.profiles import appearances

        found = appearances(self._conn(), name)
        if not found:
            return None
        facets = self.commitment_facets(CommitmentQuery(actor=name))
        counts = facets.counts
        return make_profile(
            name, found, self._event_index().events, facets.total,
            counts.get("kind", {}), counts.get("topic", {}),
        )  # fmt: skip

    # Threads ---------------------------------------------------------------------------

    def _thread_index(self, should_stop: ShouldStop | None = None) -> ThreadIndex:
        generation = self.generation()
        if self._threads is None or self._threads.generation != generation:
            from tui.core.store.threads import corpus_threads  # only for those who ask

            if self.link_apart and not self.threads_kept():
                # In a child process; when none could run, linked here after all.
                self.link_threads_ahead(should_stop)
            self._threads = corpus_threads(
                self._conn(), generation, self._lexicon, self.store_path, should_stop
            )
        return self._threads

    @_reading
    def threads_kept(self) -> bool:
        """Whether the threads of the store as it is now are kept beside it (the
        Threads screen then opens at once)."""
        from tui.core.store.threads import threads_kept

        return threads_kept(self._conn(), self.store_path, self._lexicon)

    def link_threads_ahead(self, should_stop: ShouldStop | None = None) -> bool:
        """Link the threads in a child process of low priority and keep them beside
        the store (`tui.core.store.threads_ahead`); `True` once done, `False` when the
        process failed (the threads are then linked when asked for). `Cancelled`
        when `should_stop` says so: the process is ended."""
        from tui.core.store.threads_ahead import link_ahead

        return link_ahead(self.store_path, self._lexicon, should_stop)

    @_reading
    def threads(
        self, topic: str | None = None, *, should_stop: ShouldStop | None = None
    ) -> list[Thread]:
        """The threads of the corpus's commitments (`tui.core.threads`), latest
        activity first; with `topic`, that topic's. Kept until the generation moves.
        `should_stop` is checked while they are linked (`Cancelled`)."""
        return self._thread_index(should_stop).of_topic(topic)

    @_reading
    def thread(self, thread_id: str) -> Thread | None:
        """The thread of this id (or the one whose id starts with it), or `None`."""
        return self._thread_index().get(thread_id)

    @_reading
    def thread_sentences(self, threads: Iterable[Thread]) -> dict[tuple[str, int], str]:
        """The sentence of each entry of `threads`, by (article id, start)."""
        from tui.core.store.threads import entry_sentences

        return entry_sentences(self._conn(), threads)

    # Searching -------------------------------------------------------------------------

    @_reading
    def search(self, query: str | Query, limit: int = 20) -> list[SearchHit]:
        """The best `limit` hits, as `SearchIndex.search` ranks them; `leader:` uses
        the stored leaders. Raises `SearchError` for a malformed query."""
        with self._connections.search_index() as index:
            return index.search(query, limit)

    @_reading
    def prepare_search(self) -> None:
        """Open the search index and read what every search needs (the vocabulary),
        so that the first search answers as fast as the next ones."""
        with self._connections.search_index() as index:
            index.prepare()

    @_reading
    def compare(self, first_id: str, second_id: str) -> Comparison | None:
        """Two articles side by side (`tui.core.compare`), words weighed by their
        rarity in the search index's sentences; `None` when either is missing."""
        from tui.core.compare import compare

        first, second = self.get(first_id), self.get(second_id)
        if first is None or second is None:
            return None
        extractions = self.extractions([first.id, second.id])
        with self._connections.search_index() as index:
            return compare(first, second, extractions, index, index.synonyms, self._lexicon)

    @_reading
    def articles_matching(self, query: str | Query) -> list[str]:
        """Ids of the articles with a hit for `query`, newest first."""
        with self._connections.search_index() as index:
            return index.articles_matching(query)


Month = tuple[int | None, int | None, int]  # (year, month, how many): `Library.months`


def _actors(extraction: Extraction) -> Iterator[str]:
    return (actor for c in extraction.commitments for actor in c.actors)
