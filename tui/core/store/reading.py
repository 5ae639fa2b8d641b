"""Reading one article file for the store: its bytes' hash, the article (the rules and
warnings of `load_corpus`), its extraction and its sentences folded for search.

This is the work a refresh spreads over processes: the functions here take and return
plain picklable values, and a worker process gets the lexicon once (`start_worker`).
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from collections import deque
from collections.abc import Generator
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import NamedTuple

from tui.core.cancel import ShouldStop, check
from tui.core.corpus import MAX_FILE_BYTES, _BadFile, _decode, parse_article
from tui.core.extract import extract
from tui.core.extract.lexicon import Lexicon
from tui.core.query import search_fold
from tui.core.segments import Tokens, tokenize
from tui.core.store.manifest import ReadJob
from tui.core.store.rows import ArticleRow, article_row

__all__ = [
    "FileRead",
    "in_pool",
    "in_process",
    "read_chunk",
    "read_file",
    "start_worker",
    "watch_parent",
]

AHEAD = 64
"""Chunks in flight per worker: enough to keep the workers busy while this process
writes a batch (about half a second) or merges search segments (seconds, in a large
library), few enough to bound the memory held (about 20 KB a file read: 40 MB)."""
CHUNK_FILES = 16
"""Files a worker process reads per task: small, so that progress and stopping are
prompt, large enough that sending them costs little."""


EMPTY = Tokens((), b"", 0)
"""The tokens of a file with no article."""


class FileRead(NamedTuple):
    """What reading one file gave. `same`: the bytes are the stored ones and nothing
    was parsed. `article` (its rows, made by the reader: `rows.article_row`) is `None`
    for a skipped file (`problems` says why). A tuple: a worker process sends it back
    pickled, and a dataclass unpickles ten times slower."""

    id: str
    path: str
    size: int
    mtime_ns: int
    hash: str
    same: bool
    article: ArticleRow | None = None
    tokens: Tokens = EMPTY
    problems: tuple[str, ...] = ()


def _bytes(path: Path) -> tuple[bytes, int, int]:
    """The file's bytes (at most one more than the size limit), size and stamp."""
    with path.open("rb") as handle:
        info = os.fstat(handle.fileno())
        data = handle.read(MAX_FILE_BYTES + 1)
    return data, info.st_size, max(info.st_mtime_ns, info.st_ctime_ns)


def _stamp_of(path: Path) -> tuple[int, int]:
    """Size and stamp of a file that cannot be opened (so that it is not read again
    until it changes), or -1s when it cannot even be stat'ed."""
    try:
        info = os.stat(path)
    except OSError:
        return -1, -1
    return info.st_size, max(info.st_mtime_ns, info.st_ctime_ns)


def read_file(job: ReadJob, lexicon: Lexicon, should_stop: ShouldStop | None = None) -> FileRead:
    """Read, parse, extract and fold one file, as `load_corpus` and `SearchIndex` do."""
    try:
        data, size, stamp = _bytes(job.path)
    except OSError as error:
        size, stamp = _stamp_of(job.path)
        reason = f"skipped: {error.strerror or error}"
        return FileRead(job.id, str(job.path), size, stamp, "", False, problems=(reason,))
    digest = hashlib.blake2b(data, digest_size=16).hexdigest()
    if digest == job.known_hash and not job.force:
        return FileRead(job.id, str(job.path), size, stamp, digest, True)
    try:
        if len(data) > MAX_FILE_BYTES:
            raise _BadFile(f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB, not a readout")
        raw = _decode(data)
    except _BadFile as error:
        return FileRead(
            job.id, str(job.path), size, stamp, digest, False, problems=(f"skipped: {error}",)
        )
    article, problems = parse_article(job.id, job.path, raw, lexicon=lexicon)
    extraction = extract(article, lexicon, should_stop=should_stop)
    folded = search_fold(article.text)
    tokens = tokenize(folded[s.start : s.end] for s in article.sentences)
    row = article_row(article, extraction)
    return FileRead(job.id, str(job.path), size, stamp, digest, False, row, tokens, tuple(problems))


_worker_lexicon: Lexicon | None = None


PARENT_POLL = 0.5
"""How often (seconds) a worker process looks whether its parent is still there."""


def start_worker(lexicon: Lexicon, parent: int | None = None) -> None:
    """The initializer of a worker process: keep the lexicon for every chunk, and end
    the process once its `parent` is gone (killed: it would otherwise wait for ever
    to hand back a result, holding its memory)."""
    global _worker_lexicon
    _worker_lexicon = lexicon
    if parent is not None:
        threading.Thread(
            target=watch_parent, args=(parent,), name="readout-parent-watch", daemon=True
        ).start()


def watch_parent(parent: int) -> None:
    """End this process (at once, exit status 1) when its parent is no longer `parent`."""
    while os.getppid() == parent:
        time.sleep(PARENT_POLL)
    os._exit(1)


def read_chunk(jobs: list[ReadJob]) -> list[FileRead]:
    """Read several files in a worker process (see `start_worker`)."""
    lexicon = _worker_lexicon if _worker_lexicon is not None else Lexicon()
    return [read_file(job, lexicon) for job in jobs]


def in_process(
    jobs: list[ReadJob], lexicon: Lexicon, should_stop: ShouldStop | None
) -> Generator[list[FileRead], None, None]:
    for start in range(0, len(jobs), CHUNK_FILES):
        reads = []
        for job in jobs[start : start + CHUNK_FILES]:
            check(should_stop)
            reads.append(read_file(job, lexicon, should_stop))
        yield reads


def in_pool(
    jobs: list[ReadJob], lexicon: Lexicon, workers: int, should_stop: ShouldStop | None
) -> Generator[list[FileRead], None, None]:
    """Chunks read by `workers` processes, in the order of `jobs` (so that a store
    is the same whichever way it was read), `AHEAD` chunks ahead per worker."""
    pool = ProcessPoolExecutor(
        workers,
        mp_context=get_context("spawn"),
        initializer=start_worker,
        initargs=(lexicon, os.getpid()),
    )
    chunks = (jobs[start : start + CHUNK_FILES] for start in range(0, len(jobs), CHUNK_FILES))
    pending: deque[Future[list[FileRead]]] = deque()
    try:
        for chunk in chunks:
            pending.append(pool.submit(read_chunk, chunk))
            while len(pending) >= AHEAD * workers:
                yield _next(pending, should_stop)
        while pending:
            yield _next(pending, should_stop)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def _next(pending: deque[Future[list[FileRead]]], should_stop: ShouldStop | None) -> list[FileRead]:
    """The oldest chunk's result, checking `should_stop` while it is not there yet."""
    future = pending.popleft()
    while True:
        check(should_stop)
        try:
            return future.result(timeout=0.05)
        except TimeoutError:
            continue
