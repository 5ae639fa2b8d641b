"""The SQLite file of a library store: its tables, its version, and opening it.

A store is a cache of a corpus folder: deleting it is always safe. A store of another
schema version, or one SQLite cannot read (truncated, corrupt, not a database), is
deleted and made again, with a one-line notice for the person; never a traceback.

Owner while issue 11 is built: the "store" helper. Other modules read the tables below
and must not change them without the owner.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

SCHEMA_VERSION = 1
"""Bump when a table changes: an older store is then rebuilt."""

DDL = """
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);  -- schema_version, root (the corpus folder), lexicon (fingerprint), generation

CREATE TABLE IF NOT EXISTS articles (
    number INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: segments refer to it
    id TEXT NOT NULL UNIQUE,                   -- the article id (tui.core.corpus_files)
    file TEXT NOT NULL,                        -- absolute path of the file
    date TEXT,                                 -- YYYY-MM-DD or NULL (undated)
    day INTEGER NOT NULL,                      -- date's ordinal, -1 when undated
    title TEXT NOT NULL,                       -- as parsed (front matter or headline)
    shown_title TEXT NOT NULL,                 -- title told apart from same-day twins
    place TEXT,
    source TEXT,
    words INTEGER NOT NULL,
    text TEXT NOT NULL,                        -- the normalised text
    paragraphs BLOB NOT NULL,                  -- int32 pairs (start, end), native order
    sentences BLOB NOT NULL,                   -- int32 pairs (start, end)
    first_sentence INTEGER NOT NULL,           -- global id of its first sentence
    legacy_path TEXT NOT NULL,                 -- ids of older versions (corpus_files.legacy_ids)
    legacy_stem TEXT NOT NULL,
    lexicon TEXT NOT NULL                      -- fingerprint of the lexicon it was extracted with
);
CREATE INDEX IF NOT EXISTS articles_by_day ON articles (day DESC, id DESC);
CREATE INDEX IF NOT EXISTS articles_by_legacy_path ON articles (legacy_path);
CREATE INDEX IF NOT EXISTS articles_by_legacy_stem ON articles (legacy_stem);

CREATE TABLE IF NOT EXISTS files (             -- the manifest: one row per corpus file
    id TEXT PRIMARY KEY,                       -- article id of the file
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    hash TEXT NOT NULL,                        -- blake2b-128 hex of the bytes
    article INTEGER REFERENCES articles (number) ON DELETE SET NULL,  -- NULL: skipped
    warnings TEXT NOT NULL DEFAULT '[]'        -- JSON list of this file's load problems
);

CREATE TABLE IF NOT EXISTS extractions (
    article INTEGER PRIMARY KEY REFERENCES articles (number) ON DELETE CASCADE,
    data TEXT NOT NULL                         -- JSON of the Extraction (records.py)
);

CREATE TABLE IF NOT EXISTS leaders (           -- who each article names, for leader:
    article INTEGER NOT NULL REFERENCES articles (number) ON DELETE CASCADE,
    name TEXT NOT NULL,                        -- as extracted (before corpus-wide naming)
    folded TEXT NOT NULL                       -- search_fold(name)
);
CREATE INDEX IF NOT EXISTS leaders_by_name ON leaders (name);
CREATE INDEX IF NOT EXISTS leaders_by_article ON leaders (article);

CREATE TABLE IF NOT EXISTS names (             -- corpus-wide identity (extract.identity)
    name TEXT PRIMARY KEY,
    canonical TEXT NOT NULL
);

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


def connect(path: Path) -> sqlite3.Connection:
    """Open (creating) the store at `path` in WAL mode with a busy timeout; raise
    `sqlite3.DatabaseError` when the file is not a usable store."""
    raise NotImplementedError  # the store helper writes this


def segments_folder(store: Path) -> Path:
    """Where the posting-array files of the store at `store` live: beside it,
    `library.sqlite` -> `library.segments/`."""
    return store.with_suffix(".segments")
