"""The SQLite file of a library store: its tables, its version, and opening it.

A store is a cache of a corpus folder: deleting it is always safe. A store of another
schema version, or one SQLite cannot read (truncated, corrupt, not a database), is
deleted and made again, with a one-line notice for the person; never a traceback.

Connections use Python's default transaction handling: a write opens a transaction
that the caller ends with `commit()` (or `with conn:`). Readers never block writers
(WAL); a writer waits up to `BUSY_SECONDS` for another.

Owner while issue 11 is built: the "store" helper. Other modules read the tables below
and must not change them without the owner.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SCHEMA_VERSION = 5
"""Bump when a table changes: an older store is then rebuilt."""

BUSY_SECONDS = 60.0
"""How long a connection waits for another one's write lock before failing."""

CACHE_KIB = 32 * 1024
"""Page cache of each connection (SQLite's default is 2 MB): pages of the list's index
and of the leaders read again are kept."""

DDL = """
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);  -- schema_version, root (the corpus folder), lexicon (fingerprint), generation,
    -- next_sentence (the first global sentence id not yet given out)

CREATE TABLE IF NOT EXISTS articles (
    number INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: segments refer to it
    id TEXT NOT NULL UNIQUE,                   -- the article id (tui.core.corpus_files)
    file TEXT NOT NULL,                        -- absolute path of the file (records.py)
    date TEXT,                                 -- YYYY-MM-DD or NULL (undated)
    day INTEGER NOT NULL,                      -- date's ordinal, -1 when undated
    title TEXT NOT NULL,                       -- as parsed (front matter or headline)
    shown_title TEXT NOT NULL,                 -- title told apart from same-day twins
    place TEXT,
    source TEXT,
    words INTEGER NOT NULL,
    url TEXT,                                  -- where an imported article came from
    revised TEXT,                              -- YYYY-MM-DD an imported page last changed
    versions INTEGER NOT NULL DEFAULT 0,       -- earlier texts kept (importing.versions)
    text TEXT NOT NULL,                        -- the normalised text
    paragraphs BLOB NOT NULL,                  -- int32 pairs (start, end), native order
    sentences BLOB NOT NULL,                   -- int32 pairs (start, end)
    first_sentence INTEGER NOT NULL,           -- global id of its first sentence
    legacy_path TEXT NOT NULL,                 -- ids of older versions (corpus_files.legacy_ids)
    legacy_stem TEXT NOT NULL,
    lexicon TEXT NOT NULL                      -- fingerprint of the lexicon it was extracted with
);
-- The list, its pages and `StoreIndex.open` read this index alone (it covers them):
-- article rows are large (their text), an index entry is small.
CREATE INDEX IF NOT EXISTS articles_by_day ON articles
    (day DESC, id DESC, date, shown_title, place, source, words, file, first_sentence,
     url, revised, versions);
CREATE INDEX IF NOT EXISTS articles_by_legacy_path ON articles (legacy_path);
CREATE INDEX IF NOT EXISTS articles_by_legacy_stem ON articles (legacy_stem);
CREATE INDEX IF NOT EXISTS articles_by_title ON articles (day, title, source, id);
CREATE INDEX IF NOT EXISTS articles_told_apart ON articles (number, shown_title)
    WHERE shown_title != title;  -- these two: tell_apart
-- The manifest reads each file's article's lexicon through this small index
-- (`LEFT JOIN articles AS a INDEXED BY articles_lexicon`): 0.2 s at 100,000 files
-- instead of 0.5-0.9 s through the large rows.
CREATE INDEX IF NOT EXISTS articles_lexicon ON articles (number, lexicon);

CREATE TABLE IF NOT EXISTS files (             -- the manifest: one row per corpus file
    id TEXT PRIMARY KEY,                       -- article id of the file
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    hash TEXT NOT NULL,                        -- blake2b-128 hex of the bytes
    article INTEGER REFERENCES articles (number) ON DELETE SET NULL,  -- NULL: skipped
    warnings TEXT NOT NULL DEFAULT '[]'        -- JSON list of this file's load problems
);
CREATE INDEX IF NOT EXISTS files_by_article ON files (article);
CREATE INDEX IF NOT EXISTS files_warned ON files (id)  -- `Library.warnings`: the few
    WHERE warnings != '[]';                    -- files with problems, not every row

CREATE TABLE IF NOT EXISTS extractions (
    article INTEGER PRIMARY KEY REFERENCES articles (number) ON DELETE CASCADE,
    data TEXT NOT NULL                         -- JSON of the Extraction (records.py)
);

CREATE TABLE IF NOT EXISTS leaders (           -- who each article names, for leader:
    article INTEGER NOT NULL REFERENCES articles (number) ON DELETE CASCADE,
    name TEXT NOT NULL,                        -- as extracted (before corpus-wide naming)
    folded TEXT NOT NULL                       -- search_fold(name)
);  -- one row per Leader of the extraction
CREATE INDEX IF NOT EXISTS leaders_by_name ON leaders (name, article);
CREATE INDEX IF NOT EXISTS leaders_by_article ON leaders (article);

CREATE TABLE IF NOT EXISTS commitments (       -- every commitment (store/commitments.py)
    id INTEGER PRIMARY KEY,
    article INTEGER NOT NULL REFERENCES articles (number) ON DELETE CASCADE,
    position INTEGER NOT NULL,                 -- its place in the article's extraction
    day INTEGER NOT NULL,                      -- the article's day ordinal, -1 undated
    start INTEGER NOT NULL,                    -- offsets into the article's text
    "end" INTEGER NOT NULL,
    kind TEXT NOT NULL,
    actors TEXT NOT NULL,                      -- JSON list, as extracted (names: at reading)
    sides TEXT NOT NULL,                       -- JSON list: the countries they speak for
    topics TEXT NOT NULL,                      -- JSON list
    text TEXT NOT NULL,
    folded TEXT NOT NULL                       -- search_fold(text), for narrowing
);  -- newest first: the order of the Commitments screen and `readout commitments`
CREATE INDEX IF NOT EXISTS commitments_by_day ON commitments (day DESC, article DESC, position);
CREATE INDEX IF NOT EXISTS commitments_by_article ON commitments (article, position);

CREATE TABLE IF NOT EXISTS commitment_tags (   -- the facets of each commitment
    commitment INTEGER NOT NULL REFERENCES commitments (id) ON DELETE CASCADE,
    facet TEXT NOT NULL,                       -- actor, side, kind or topic
    value TEXT NOT NULL                        -- an actor as extracted, a side, ...
);
CREATE INDEX IF NOT EXISTS commitment_tags_by_value ON commitment_tags (facet, value, commitment);
CREATE INDEX IF NOT EXISTS commitment_tags_by_commitment ON commitment_tags
    (commitment, facet, value);

CREATE TABLE IF NOT EXISTS names (             -- corpus-wide identity (extract.identity)
    name TEXT PRIMARY KEY,                     -- every name of `leaders`
    canonical TEXT NOT NULL                    -- the corpus's name for them (often `name`)
);
CREATE INDEX IF NOT EXISTS names_by_canonical ON names (canonical);

CREATE TABLE IF NOT EXISTS words (             -- the search vocabulary (folded words)
    id INTEGER PRIMARY KEY,
    word TEXT NOT NULL UNIQUE
);

CREATE TABLE IF NOT EXISTS segments (          -- posting-array files beside the store
    name TEXT PRIMARY KEY,                     -- file stem in the segments folder
    first_sentence INTEGER NOT NULL,
    end_sentence INTEGER NOT NULL              -- exclusive
);
"""

_CORRUPT = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})
_MISSING = ("no such table", "no such column", "no such index")


class StoreMismatch(sqlite3.DatabaseError):
    """A readable SQLite file that is not a store this version can use (another schema
    version, another program's database, another corpus folder): rebuilt."""


class ForeignDatabase(StoreMismatch):
    """A readable SQLite file with tables of its own and none of a readout library:
    another program's database, replaced only where readout owns the file."""


def is_unusable(error: sqlite3.DatabaseError) -> bool:
    """Whether `error` says the file itself is bad (rebuild it), rather than that it
    cannot be opened or written now (permissions, a full disk, a lock)."""
    if isinstance(error, StoreMismatch):
        return True
    if isinstance(error, sqlite3.OperationalError) and str(error).startswith(_MISSING):
        return True  # a table or column dropped: a damaged store, not a passing state
    code = getattr(error, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in _CORRUPT


def connect(path: Path) -> sqlite3.Connection:
    """Open (creating) the store at `path` in WAL mode with a busy timeout; raise
    `sqlite3.DatabaseError` when the file is not a usable store (`is_unusable` tells
    that apart from a store that cannot be opened now)."""
    conn = sqlite3.connect(os.fspath(path), timeout=BUSY_SECONDS, check_same_thread=False)
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_SECONDS * 1000)}")
        conn.execute("PRAGMA foreign_keys = ON")
        tables = _tables(conn)
        _refuse_foreign(tables)  # before WAL, which would change another program's file
        _write_ahead(conn)
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        _check_or_make(conn, tables)
    except BaseException:
        conn.close()
        raise
    return conn


def _write_ahead(conn: sqlite3.Connection) -> None:
    """Put the store in WAL mode (once for a new file; it stays so). Switching takes
    an exclusive lock and SQLite does not wait for it, so when several connections
    make a new store at once, each tries again until one has switched."""
    deadline = time.monotonic() + BUSY_SECONDS
    while True:
        try:
            if conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
                return
            if conn.execute("PRAGMA journal_mode = WAL").fetchone()[0] == "wal":
                return
        except sqlite3.OperationalError as error:
            code = getattr(error, "sqlite_errorcode", 0) & 0xFF
            if code not in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
                raise
        if time.monotonic() > deadline:
            raise sqlite3.OperationalError("database is locked (cannot switch to WAL)")
        time.sleep(0.005)


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def _refuse_foreign(tables: set[str]) -> None:
    """Raise `ForeignDatabase` for a database with tables and no `meta` table."""
    if tables and "meta" not in tables:
        raise ForeignDatabase("not a readout library (another program's database)")


def _check_or_make(conn: sqlite3.Connection, tables: set[str]) -> None:
    """Make the tables of a new (empty) file; check the version and the tables of an
    existing one (`tables`: its tables, read before WAL)."""
    if "meta" not in tables:
        tables = _tables(conn)
        _refuse_foreign(tables)  # made meanwhile by another program
        _make(conn)
        tables = _tables(conn)
    version = get_meta(conn, "schema_version")
    if version != str(SCHEMA_VERSION):
        raise StoreMismatch(f"made by another version of readout (schema {version})")
    missing = sorted(TABLES - tables)
    if missing:
        raise StoreMismatch(f"its table {missing[0]} is missing")


TABLES = frozenset(
    line.split()[5] for line in DDL.splitlines() if line.startswith("CREATE TABLE IF NOT EXISTS")
)
"""The names of the store's tables."""


def _make(conn: sqlite3.Connection) -> None:
    conn.commit()
    conn.execute("BEGIN IMMEDIATE")
    try:
        for statement in _statements(DDL):
            conn.execute(statement)
        conn.executemany(
            "INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)",
            [("schema_version", str(SCHEMA_VERSION)), ("generation", "0"), ("next_sentence", "0")],
        )
        conn.commit()
    except BaseException:
        conn.rollback()
        raise


def _statements(script: str) -> list[str]:
    """The statements of `script` (no `;` inside one), comments dropped."""
    lines = (line.split("--", 1)[0] for line in script.splitlines())
    return [part.strip() for part in "\n".join(lines).split(";") if part.strip()]


@contextmanager
def writing(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A write transaction taken at once (`BEGIN IMMEDIATE`, so that it waits for
    another writer instead of failing half way): committed at the end of the block,
    rolled back on an error."""
    if conn.in_transaction:
        conn.commit()
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.rollback()
        raise
    conn.commit()


def get_meta(conn: sqlite3.Connection, key: str) -> str | None:
    """The value of `key` in `meta`, or `None`."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def set_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
    """Set `key` in `meta` (inside the caller's transaction)."""
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))


def generation(conn: sqlite3.Connection) -> int:
    """The store's generation: grows with every committed change."""
    return int(get_meta(conn, "generation") or 0)


def bump_generation(conn: sqlite3.Connection) -> int:
    """Add one to the generation (inside the caller's transaction); return it."""
    conn.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'")
    return generation(conn)


def allocate_sentences(conn: sqlite3.Connection, count: int) -> int:
    """Give out `count` global sentence ids (inside the caller's transaction): return
    the first. Ids are never given out twice, even after articles are deleted."""
    first = int(get_meta(conn, "next_sentence") or 0)
    set_meta(conn, "next_sentence", str(first + count))
    return first


def remove_store(path: Path) -> None:
    """Delete the store at `path` with its WAL, shared-memory file, segments and the
    events kept beside it (`events_cache`)."""
    for name in (path.name, f"{path.name}-wal", f"{path.name}-shm", f"{path.name}-journal"):
        (path.parent / name).unlink(missing_ok=True)
    path.with_suffix(".events.json").unlink(missing_ok=True)
    shutil.rmtree(segments_folder(path), ignore_errors=True)


def damaged_marker(store: Path) -> Path:
    """The empty file that says a reader found the store damaged: the next open makes
    it again. `library.sqlite` -> `library.damaged`."""
    return store.with_suffix(".damaged")


def lock_path(store: Path) -> Path:
    """The lock file beside the store that one refresh (or rebuild) at a time holds:
    `library.sqlite` -> `library.lock`."""
    return store.with_suffix(".lock")


def segments_folder(store: Path) -> Path:
    """Where the posting-array files of the store at `store` live: beside it,
    `library.sqlite` -> `library.segments/`."""
    return store.with_suffix(".segments")
