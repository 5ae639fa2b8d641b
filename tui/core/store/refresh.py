"""Bringing a store up to date with its folder.

One refresh at a time: a lock file beside the store (`lock_path`). The folder is
compared with the manifest (`manifest.py`); new, changed and stale files are read
(`reading.py`), in a pool of processes when there are many, in this process
otherwise; every `batch_size` files are written in ONE transaction (old articles
deleted, new ones inserted, their search segment, the manifest rows, a new
`generation`), so a refresh killed half way leaves a consistent store and the next
one carries on where it stopped. After the last batch the corpus-wide passes run
(shown titles, one name per person, compacting the segments).
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Generator, Iterator
from concurrent.futures.process import BrokenProcessPool
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from filelock import FileLock, Timeout

from tui.core import postings
from tui.core.cancel import ShouldStop, check
from tui.core.corpus import LoadWarning
from tui.core.corpus_files import display_path
from tui.core.extract.lexicon import Lexicon
from tui.core.segments import Tokens, Vocabulary, write_tokens
from tui.core.store import records, schema
from tui.core.store.checks import (
    CHECKED,
    FOLDERS_KEY,
    PASSES,
    FullCheck,
    Scan,
    skipped,
)
from tui.core.store.fingerprint import lexicon_fingerprint
from tui.core.store.listing import remember_days, remembered_days
from tui.core.store.manifest import (
    Comparison,
    DiskWatch,
    ReadJob,
    Stored,
    compare,
    read_manifest,
    scan_folder,
    settled,
)
from tui.core.store.model import LibraryError, Refreshed, RefreshProgress
from tui.core.store.reading import FileRead, in_pool, in_process
from tui.core.store.rows import insert_row

__all__ = ["changed_on_disk", "lexicon_fingerprint", "refresh_store"]

BATCH_FILES = 500
"""Files written in one transaction (one search segment)."""
POOL_FROM = 300
"""Fewer files than this to read are read in this process: starting workers costs
about a second."""
COMPACT_EVERY = 64
"""Batches between two compactions during a long refresh (and one after the last):
readers meanwhile search at most this many segments more, and each merge takes a
whole tier of them, so that a cold build writes each posting once more, not twice (at
16, segments of 8,000 files were merged again by fours: about a tenth of a cold build's
CPU went to merging)."""
FOLDER_WARNINGS = "folder_warnings"
"""The `meta` key of the problems met walking the folder (`records.warnings_to_json`)."""
PROGRESS_EVERY = 0.05
"""Seconds between two progress reports (the first and the last always go)."""
SETTLE_AFTER = 10.0
"""A refresh that took this many times its walk walks once more as it ends, to trust
the folders it found changed just before (`manifest.settled`): at most a tenth more,
and the next start (the app's, a command's) does not walk every file."""


@contextmanager
def _transaction(conn: sqlite3.Connection, *, bump: bool = True) -> Iterator[None]:
    """One write transaction, taken at once (no upgrade from a read lock); `bump`:
    readers must read again (`generation` grows)."""
    if conn.in_transaction:
        conn.commit()
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
        if bump:
            schema.bump_generation(conn)
    except BaseException:
        conn.rollback()
        raise
    conn.commit()


@dataclass(slots=True)
class _Reporter:
    """Calls `progress` at most every `PROGRESS_EVERY` seconds (and always at a
    phase's start and end)."""

    progress: Callable[[RefreshProgress], None] | None
    last: float = 0.0

    def __call__(self, phase: str, done: int, total: int, *, now: bool = False) -> None:
        if self.progress is None:
            return
        moment = time.monotonic()
        if now or done == total or moment - self.last >= PROGRESS_EVERY:
            self.last = moment
            self.progress(RefreshProgress(phase, done, total))


@dataclass(slots=True)
class _Counts:
    added: int = 0
    changed: int = 0
    deleted: int = 0
    renamed: int = 0
    unchanged: int = 0
    warnings: list[LoadWarning] = field(default_factory=list)
    wrote: bool = False


@dataclass(slots=True)
class _Refresh:
    """One refresh of one store, holding its lock."""

    conn: sqlite3.Connection
    store: Path
    root: Path
    lexicon: Lexicon
    report: _Reporter
    should_stop: ShouldStop | None
    workers: int
    batch_size: int
    pool_from: int
    fingerprint: str = ""
    scan_seconds: float = 0.0
    checked: FullCheck | None = None
    batches: int = 0
    manifest: dict[str, Stored] = field(default_factory=dict)
    counts: _Counts = field(default_factory=_Counts)
    words: Vocabulary = field(default_factory=Vocabulary)

    def run(self) -> None:
        self.fingerprint = lexicon_fingerprint(self.lexicon)
        self.report("scanning", 0, 0, now=True)
        began, scanned = time.time(), time.perf_counter()
        try:
            scan = scan_folder(self.root, self.should_stop)
            self.scan_seconds = time.perf_counter() - scanned
        except OSError as error:
            raise LibraryError(
                f"cannot read the corpus folder {display_path(self.root)}: {error}"
            ) from None
        self.manifest = read_manifest(self.conn, self.fingerprint)
        plan = compare(scan.files, self.manifest)
        cost = time.perf_counter() - scanned
        self.checked = FullCheck(began, cost, self.fingerprint)
        self.counts.unchanged = plan.unchanged
        self._note_scan(scan.problems)
        self._drop_deleted(plan)
        gone = {row.hash for row in plan.deleted.values() if row.hash}
        total, done = len(plan.jobs), 0
        self.report("reading", 0, total, now=True)
        batch: list[FileRead] = []
        with closing(self._reads(plan.jobs)) as chunks:
            for chunk in chunks:
                batch.extend(chunk)
                done += len(chunk)
                while len(batch) >= self.batch_size:
                    self._write(batch[: self.batch_size], gone)
                    del batch[: self.batch_size]
                self.report("reading", done, total)
        if batch:
            self._write(batch, gone)
        folders = scan.folders
        if time.perf_counter() - scanned >= SETTLE_AFTER * max(self.scan_seconds, 1e-3):
            folders = settled(self.root, scan, self.should_stop)
        self._finish(plan, folders)

    def _reads(self, jobs: list[ReadJob]) -> Generator[list[FileRead], None, None]:
        if self.workers > 1 and len(jobs) >= self.pool_from:
            return self._pooled(jobs)
        return in_process(jobs, self.lexicon, self.should_stop)

    def _pooled(self, jobs: list[ReadJob]) -> Generator[list[FileRead], None, None]:
        """Chunks read by the pool; if its processes cannot start or die (no shared
        memory, out of memory), the rest in this process."""
        done = 0
        try:
            with closing(in_pool(jobs, self.lexicon, self.workers, self.should_stop)) as chunks:
                for chunk in chunks:
                    done += len(chunk)
                    yield chunk
            return
        except (BrokenProcessPool, OSError):
            pass
        yield from in_process(jobs[done:], self.lexicon, self.should_stop)

    def _note_scan(self, problems: list[LoadWarning]) -> None:
        """Keep the folder's own problems (new ones are this refresh's warnings)."""
        before = records.warnings_from_json(schema.get_meta(self.conn, FOLDER_WARNINGS))
        self.counts.warnings.extend(w for w in problems if w not in before)
        with _transaction(self.conn, bump=problems != before):
            schema.set_meta(self.conn, FOLDER_WARNINGS, records.warnings_to_json(problems))
            # Until this refresh ends, no command may skip the full check.
            self.conn.execute("DELETE FROM meta WHERE key = ?", (CHECKED,))

    def _drop_deleted(self, plan: Comparison) -> None:
        if not plan.deleted:
            return
        check(self.should_stop)
        with _transaction(self.conn):
            for key, row in plan.deleted.items():
                if row.article is not None:
                    records.delete_article(self.conn, row.article)
                self.conn.execute("DELETE FROM files WHERE id = ?", (key,))
            schema.set_meta(self.conn, PASSES, "1")
        self.counts.wrote = True

    def _write(self, batch: list[FileRead], gone: set[str]) -> None:
        """Write a batch of read files in one transaction, with their search segment."""
        check(self.should_stop)
        changed = any(not read.same for read in batch)
        with _transaction(self.conn, bump=changed):
            wanted = sum(read.tokens.sentences for read in batch if read.article is not None)
            first = next_sentence = schema.allocate_sentences(self.conn, wanted)
            articles: list[tuple[int, Tokens]] = []
            for read in batch:
                number = self._write_file(read, next_sentence, gone)
                if number is not None:
                    articles.append((number, read.tokens))
                    next_sentence += read.tokens.sentences
            if articles:
                folder = schema.segments_folder(self.store)
                write_tokens(self.conn, folder, first, articles, self.words)
            if changed:
                schema.set_meta(self.conn, PASSES, "1")
        self.counts.wrote |= changed
        self.batches += 1
        if self.batches % COMPACT_EVERY == 0:
            postings.compact(self.conn, schema.segments_folder(self.store))

    def _write_file(self, read: FileRead, first_sentence: int, gone: set[str]) -> int | None:
        """One file's rows; the number of its new article, if it has one."""
        check(self.should_stop)
        old = self.manifest.get(read.id)
        self._count(read, old, gone)
        if read.same:
            self.conn.execute(
                "UPDATE files SET size = ?, mtime_ns = ? WHERE id = ?",
                (read.size, read.mtime_ns, read.id),
            )
            return None
        if old is not None and old.article is not None:
            records.delete_article(self.conn, old.article)
        number = None
        if read.article is not None:
            number = insert_row(
                self.conn, read.article, first_sentence=first_sentence, lexicon=self.fingerprint
            )
        self.conn.execute(
            "INSERT OR REPLACE INTO files (id, size, mtime_ns, hash, article, warnings)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (read.id, read.size, read.mtime_ns, read.hash, number, self._warnings(read)),
        )
        return number

    @staticmethod
    def _warnings(read: FileRead) -> str:
        return records.warnings_to_json(LoadWarning(Path(read.path), p) for p in read.problems)

    def _count(self, read: FileRead, old: Stored | None, gone: set[str]) -> None:
        counts = self.counts
        counts.warnings.extend(LoadWarning(Path(read.path), problem) for problem in read.problems)
        if read.same:
            counts.unchanged += 1
        elif old is not None:
            counts.changed += 1
        elif read.hash in gone:
            counts.renamed += 1
        else:
            counts.added += 1

    def _finish(self, plan: Comparison, folders: dict[str, int]) -> None:
        """The corpus-wide passes, when this refresh (or one killed before) wrote; the
        folders' stamps as scanned, for `changed_on_disk`."""
        self.counts.deleted = max(0, len(plan.deleted) - self.counts.renamed)
        passes = self.counts.wrote or schema.get_meta(self.conn, PASSES) not in (None, "0")
        check(self.should_stop)
        if passes:
            self.report("finishing", 0, 1, now=True)
        with _transaction(self.conn, bump=passes):
            if passes:
                records.tell_apart(self.conn)
                records.rename_people(self.conn)
            schema.set_meta(self.conn, PASSES, "0")
            schema.set_meta(self.conn, FOLDERS_KEY, json.dumps(folders))
            if self.checked is not None:
                schema.set_meta(self.conn, CHECKED, self.checked.to_json())
        if passes:
            postings.compact(self.conn, schema.segments_folder(self.store))
        generation = schema.generation(self.conn)
        if remembered_days(self.conn, generation) is None:
            with _transaction(self.conn, bump=False):
                remember_days(self.conn, generation)
        if self.conn.in_transaction:
            self.conn.commit()
        postings.remember_index(self.conn, schema.segments_folder(self.store))
        if passes:
            self.report("finishing", 1, 1, now=True)


def _acquire(lock: FileLock, wait: bool, should_stop: ShouldStop | None) -> bool:
    """Take the refresh lock; `False` when another process holds it and `wait` is
    false. While waiting, `should_stop` is checked every 0.1 s."""
    while True:
        try:
            lock.acquire(timeout=0 if not wait else 0.1)
            return True
        except Timeout:
            if not wait:
                return False
            check(should_stop)


def refresh_store(
    store: Path,
    root: Path,
    lexicon: Lexicon,
    *,
    progress: Callable[[RefreshProgress], None] | None = None,
    should_stop: ShouldStop | None = None,
    workers: int | None = None,
    wait: bool = True,
    batch_size: int = BATCH_FILES,
    pool_from: int = POOL_FROM,
    scan: Scan = "always",
) -> Refreshed | None:
    """See `Library.refresh`. Opens its own connection to `store`. `batch_size` files
    are written per transaction; a pool of `workers` processes (default: every core)
    reads when at least `pool_from` files are to be read."""
    started = time.perf_counter()
    if not root.is_dir():
        raise LibraryError(f"corpus folder not found: {display_path(root)}")
    if scan != "always" and (done := skipped(store, lexicon_fingerprint(lexicon), scan, started)):
        return done
    lock = FileLock(schema.lock_path(store))
    if not _acquire(lock, wait, should_stop):
        return None
    try:
        with closing(schema.connect(store)) as conn:
            job = _Refresh(
                conn,
                store,
                root,
                lexicon,
                _Reporter(progress),
                should_stop,
                workers or os.cpu_count() or 1,
                max(1, batch_size),
                pool_from,
            )
            job.run()
    finally:
        lock.release()
    _watch(store).scanned(job.scan_seconds)
    counts = job.counts
    return Refreshed(
        added=counts.added,
        changed=counts.changed,
        deleted=counts.deleted,
        unchanged=counts.unchanged,
        warnings=tuple(counts.warnings),
        seconds=time.perf_counter() - started,
        renamed=counts.renamed,
    )


_watches: dict[Path, DiskWatch] = {}
_watches_lock = threading.Lock()


def _watch(store: Path) -> DiskWatch:
    with _watches_lock:
        return _watches.setdefault(store, DiskWatch())


def changed_on_disk(store: Path, root: Path) -> bool:
    """See `Library.changed_on_disk`: folder stamps at every call; every file's stat
    at most every 50 times what the last such check (or refresh's scan) took."""
    watch = _watch(store)
    try:
        with closing(schema.connect(store)) as conn:
            return watch.changed(conn, root)
    except sqlite3.Error:
        return True
