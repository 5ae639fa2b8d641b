"""Readouts in from the web: pages, feeds and saved files, and their versions (issue 12).

    for outcome in import_sources(["https://...", "saved.html", "feed.xml"], to=corpus):
        print(outcome.status, outcome.path, outcome.reason)

`fetch` gets a page or feed (standard library HTTP), `page` finds its article
(trafilatura), `feeds` reads feeds (feedparser), `writing` writes readout files,
`dedupe` knows what is already there, `versions` keeps earlier texts and compares
them, `importer` puts it together. Nothing here imports Textual; trafilatura and
feedparser are imported when first used, and so is each module of this package:
the reader shows versions (`versions`) without loading the importer.
"""

from typing import TYPE_CHECKING

from tui.core.lazy import lazy_names

if TYPE_CHECKING:
    from tui.core.importing.fetch import DEFAULT_TIMEOUT, ImportFailure
    from tui.core.importing.importer import SOURCE_SUFFIXES, Outcome, Progress, import_sources
    from tui.core.importing.versions import (
        Change,
        Revision,
        Versions,
        changed_paragraphs,
        last_revision,
        marked,
        version_paths,
        word_diff,
    )

__all__ = [
    "DEFAULT_TIMEOUT",
    "SOURCE_SUFFIXES",
    "Change",
    "ImportFailure",
    "Outcome",
    "Progress",
    "Revision",
    "Versions",
    "changed_paragraphs",
    "import_sources",
    "last_revision",
    "marked",
    "version_paths",
    "word_diff",
]

_FROM = {
    "DEFAULT_TIMEOUT": "fetch",
    "ImportFailure": "fetch",
    **dict.fromkeys(("SOURCE_SUFFIXES", "Outcome", "Progress", "import_sources"), "importer"),
    **dict.fromkeys(
        (
            "Change", "Revision", "Versions", "changed_paragraphs", "last_revision", "marked",
            "version_paths", "word_diff",
        ),
        "versions",
    ),
}  # fmt: skip


__getattr__ = lazy_names(__name__, _FROM)
