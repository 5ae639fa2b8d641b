"""The library store: a corpus folder kept in SQLite so that opening it is instant at
any size (issue 11).

`Library` is the one API the CLI and the app stand on: open a corpus folder's store,
refresh it from the folder (only new, changed and deleted files are read), list
articles page by page, get one article with its extraction, search.

Layout of the package (each module has one owner while issue 11 is built):

* `schema`   — the SQLite file: tables, schema version, WAL, open/rebuild/corrupt.
* `records`  — rows <-> `Article` / `Extraction`; inserting and deleting one article.
* `library`  — `Library`, the public API (read side, open, paths).
* `manifest` — comparing the folder with the stored manifest.
* `refresh`  — reading changed files (both cores), writing them in transactions.
* `tui.core.postings` — the search index kept beside the store (segments of posting
  arrays, memory-mapped) and the search over it.
"""

from __future__ import annotations

from tui.core.store.library import (
    ArticleSummary,
    Library,
    LibraryError,
    Refreshed,
    RefreshProgress,
    default_store_path,
)

__all__ = [
    "ArticleSummary",
    "Library",
    "LibraryError",
    "RefreshProgress",
    "Refreshed",
    "default_store_path",
]
