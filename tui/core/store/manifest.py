"""The folder against the store's manifest (the `files` table): which files a refresh
must read, which articles it must drop, and a cheap check for the app's polling.

A file is read again when its size or its time stamp moved; the reader then compares
the bytes' hash with the stored one, so a file only touched costs a read, never a
parse (refresh updates its row). The time stamp kept is the later of the
modification and the status-change times, so a file made unreadable (`chmod`) is seen
too. Articles extracted with another lexicon are read again even when unchanged.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from tui.core.cancel import ShouldStop
from tui.core.corpus import LoadWarning
from tui.core.corpus_files import article_id, escape_name, find_article_names
from tui.core.store.checks import CHEAP, FullCheck, folders_moved

__all__ = [
    "Comparison",
    "DiskWatch",
    "FileStat",
    "ReadJob",
    "Stored",
    "compare",
    "read_manifest",
    "scan_folder",
    "settled",
]

RACY = 1.0
"""Seconds: a folder whose stamp is this close to the walk's start (or after it) may
change again within one tick of the file system's clock without its stamp moving; its
stamp is kept as -1 (never matched), so that the next check walks it again."""


class FileStat(NamedTuple):
    """An article file as the folder has it now (`path` as a string: a `Path` for each
    of 100,000 files costs a second). A file that cannot be stat'ed has size and stamp
    -1: the reader then says why it is skipped, as `load_corpus` does."""

    id: str
    path: str
    size: int
    mtime_ns: int


class Stored(NamedTuple):
    """A file as the manifest has it: `article` is `None` for a skipped file; `stale`
    when its article was extracted with another lexicon. A tuple: a refresh of
    100,000 files makes 100,000."""

    size: int
    mtime_ns: int
    hash: str
    article: int | None
    stale: bool


@dataclass(frozen=True, slots=True)
class ReadJob:
    """A file to read: `known_hash` is the stored hash (`None` for a new file); with the
    same bytes the file is not parsed again unless `force` (its lexicon is stale)."""

    id: str
    path: Path
    known_hash: str | None
    force: bool


@dataclass(slots=True)
class Comparison:
    """What a refresh has to do."""

    jobs: list[ReadJob] = field(default_factory=list)
    deleted: dict[str, Stored] = field(default_factory=dict)
    unchanged: int = 0
    stale: int = 0  # of the jobs, files read only because their lexicon changed


@dataclass(frozen=True, slots=True)
class Scan:
    """The article files of a folder, the problems met walking it, and its folders'
    time stamps (for `DiskWatch`)."""

    files: list[FileStat]
    problems: list[LoadWarning]
    folders: dict[str, int]


def _stamp(info: os.stat_result) -> int:
    return max(info.st_mtime_ns, info.st_ctime_ns)


def scan_folder(root: Path, should_stop: ShouldStop | None = None) -> Scan:
    """The folder's article files (the files, ids and problems of `load_corpus`), each
    stat'ed, and the stamps of the folders walked. Raises `OSError` when `root` itself
    cannot be read."""
    began = time.time_ns() - int(RACY * 1e9)
    found = find_article_names(root, should_stop)
    stats: list[FileStat] = []
    prefix = os.fspath(root).rstrip("/") + "/"
    for name in sorted(found.files):
        try:
            info = os.stat(name)
            size, stamp = info.st_size, _stamp(info)
        except OSError:
            size = stamp = -1
        # `article_id` without pathlib's cost: the walk joined every path to `root`.
        key = escape_name(name[len(prefix) :]) if name.startswith(prefix) else None
        stats.append(FileStat(key or article_id(root, Path(name)), name, size, stamp))
    problems = [LoadWarning(Path(path), reason) for path, reason in found.problems]
    folders = {name: -1 if stamp >= began else stamp for name, stamp in found.folders.items()}
    return Scan(stats, problems, folders)


def settled(root: Path, scan: Scan, should_stop: ShouldStop | None = None) -> dict[str, int]:
    """`scan`'s folder stamps, with those too recent to trust (-1) taken from a walk
    made now, when that walk finds the very files `scan` found (same ids, sizes and
    stamps) in the same folders: a long refresh (a cold build) ends with its folders
    settled, and the next start need not walk every file again. Any difference, and
    they stay -1 (the next refresh walks them, as it would have)."""
    if -1 not in scan.folders.values():
        return scan.folders
    try:
        again = scan_folder(root, should_stop)
    except OSError:
        return scan.folders
    same = (
        again.files == scan.files
        and again.problems == scan.problems
        and again.folders.keys() == scan.folders.keys()
    )
    return again.folders if same else scan.folders


def read_manifest(conn: sqlite3.Connection, lexicon: str) -> dict[str, Stored]:
    """Every row of `files`, saying which articles were extracted with another lexicon
    than `lexicon` (asked apart: a join would read each article's row, text and all)."""
    stale = {number for (number,) in conn.execute(_STALE, (lexicon,))}
    rows = conn.execute("SELECT id, size, mtime_ns, hash, article FROM files")
    return {
        key: Stored(size, stamp, digest, number, number in stale)
        for key, size, stamp, digest, number in rows
    }


_STALE = "SELECT number FROM articles WHERE lexicon != ?"


def compare(files: list[FileStat], manifest: dict[str, Stored]) -> Comparison:
    """The files to read (new, moved, extracted with another lexicon) and the
    manifest's rows whose file is gone."""
    result = Comparison()
    for file in files:
        row = manifest.get(file.id)
        if row is None:
            result.jobs.append(ReadJob(file.id, Path(file.path), None, True))
            continue
        stale = row.stale
        if (file.size, file.mtime_ns) != (row.size, row.mtime_ns):
            result.jobs.append(ReadJob(file.id, Path(file.path), row.hash, stale))
        elif stale:
            result.jobs.append(ReadJob(file.id, Path(file.path), row.hash, True))
            result.stale += 1
        else:
            result.unchanged += 1
    seen = {file.id for file in files}
    result.deleted = {key: row for key, row in manifest.items() if key not in seen}
    return result


_STAMPS = "SELECT id, size, mtime_ns FROM files"


@dataclass(slots=True)
class DiskWatch:
    """Whether a refresh of a store would find anything, cheaply enough to poll.

    First the folders' time stamps (a file added, removed or renamed changes its
    folder's); then, at most once every `spacing` times the last full check took
    (so at most 1/spacing of a core), a stat of every file against the manifest (a
    file rewritten in place changes only its own stamp).
    """

    spacing: float = 50.0
    next_full: float = 0.0
    last_cost: float = 0.0
    first_delay: float = 10.0
    """The first full check of a large library waits this long (seconds): the app
    has just opened it, skipping the full check (`checks`), and is busy."""
    _begun: bool = False
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def changed(self, conn: sqlite3.Connection, root: Path) -> bool:
        if folders_moved(conn):
            return True
        with self._lock:
            now = time.monotonic()
            if not self._begun:
                self._begun = True
                checked = FullCheck.read(conn)
                if checked is not None and checked.seconds >= CHEAP:
                    self.next_full = max(self.next_full, now + self.first_delay)
            if now < self.next_full:
                return False
            self.next_full = float("inf")  # one full check at a time
        try:
            return self._full_check(conn, root)
        finally:
            with self._lock:
                self.next_full = time.monotonic() + self.spacing * self.last_cost

    def scanned(self, seconds: float) -> None:
        """A refresh has just compared every file (in `seconds`): no full check is
        due before `spacing` times that."""
        with self._lock:
            self.last_cost = seconds
            self.next_full = time.monotonic() + self.spacing * seconds

    def _full_check(self, conn: sqlite3.Connection, root: Path) -> bool:
        started = time.perf_counter()
        try:
            files = scan_folder(root).files
        except OSError:
            return True
        stored = {key: (size, stamp) for key, size, stamp in conn.execute(_STAMPS)}
        moved = len(files) != len(stored) or any(
            stored.get(file.id) != (file.size, file.mtime_ns) for file in files
        )
        self.last_cost = time.perf_counter() - started
        return moved
