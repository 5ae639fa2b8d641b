"""A store filled by `Library.refresh` holds what the in-memory path holds: the same
list, articles, extractions under corpus-wide names, leaders, load problems and
search hits; and a new lexicon re-extracts at the next refresh."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS, WriteCorpus
from tests.core.test_store_records import LEXICON
from tui.core import load_corpus
from tui.core.extract import Lexicon, articles_by_leader, extract_corpus
from tui.core.search import SearchIndex
from tui.core.store import Library

FOLDERS = [SEEDS, ROOT / "tests/data/readouts", ROOT / "tests/data/wire/dev"]
SEARCHES = ["to lam", "leader:xi", "standart gauge railway", "cooperation !china", "from:2025"]


def assert_alike(library: Library, root: Path, lexicon: Lexicon = LEXICON) -> None:
    corpus = load_corpus(root, lexicon=lexicon)
    extractions = extract_corpus(corpus, lexicon)
    assert library.summaries() == [a.summary() for a in corpus.articles]
    for article in corpus.articles:
        assert library.get(article.id) == article
        assert library.extraction(article.id) == extractions[article.id]
    index = articles_by_leader(extractions)
    assert list(library.leaders().items()) == [(name, len(ids)) for name, ids in index.items()]
    assert library.warnings() == corpus.warnings
    leaders = {key: [x.name for x in found.leaders] for key, found in extractions.items()}
    memory = SearchIndex(corpus)
    for query in SEARCHES:
        assert library.search(query, 10) == memory.search(query, 10, leaders=leaders)


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda folder: folder.name)
def test_a_refreshed_store_holds_what_the_in_memory_path_holds(folder: Path) -> None:
    with Library.open(folder, lexicon=LEXICON) as library:
        refreshed = library.refresh()
        assert refreshed is not None and refreshed.added == library.count() > 0
        assert_alike(library, library.root)


def test_load_problems_are_those_load_corpus_meets(write_corpus: WriteCorpus) -> None:
    root = write_corpus(
        {
            "a.txt": "no date line",
            "b.txt": b"\x00\x01 binary",
            "c.txt": "",
            "sub/d.md": "---\ndate: 2025-02-30\n---\nAn impossible date.",
            "e.txt": "date 2025-01-01\nA good one.",
        }
    )
    os.symlink(root / "nowhere", root / "link.txt")
    with Library.open(root, lexicon=LEXICON) as library:
        library.refresh()
        assert len(library.warnings()) == 5
        assert_alike(library, library.root)


def test_a_new_lexicon_re_extracts_at_the_next_refresh(write_corpus: WriteCorpus) -> None:
    root = write_corpus(
        {"a.txt": "date 2025-01-02\nTô Lâm held talks with Xi Jinping. Lâm said so."}
    )
    with Library.open(root, lexicon=LEXICON) as library:
        library.refresh()
        before = library.extraction("a.txt")
        library.set_lexicon(Lexicon())
        library.refresh()
        assert library.extraction("a.txt") != before
        assert_alike(library, library.root, Lexicon())


def test_the_library_fingerprint_is_the_one_its_articles_are_extracted_under() -> None:
    with Library.open(SEEDS, lexicon=LEXICON) as library:
        library.refresh()
        stored = {row[0] for row in library._conn().execute("SELECT lexicon FROM articles")}
        assert stored == {library.lexicon_fingerprint}
