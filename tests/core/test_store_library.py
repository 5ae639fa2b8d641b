"""`Library` reads from its store what the in-memory path (`load_corpus`,
`extract_corpus`) holds: the same ids in the same order, the same shown titles, the
same articles, the same extractions with corpus-wide names, the same leaders."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS, WriteCorpus
from tests.core.test_store_records import LEXICON, fill
from tui.core import load_corpus
from tui.core.extract import articles_by_leader, extract_corpus
from tui.core.search import SearchIndex
from tui.core.store import Library, LibraryError, default_store_path

FOLDERS = [SEEDS, ROOT / "tests/data/wire/dev", ROOT / "tests/data/imported"]


def filled(root: Path) -> Library:
    library = Library.open(root, lexicon=LEXICON)
    fill(library._conn(), library.root)
    return library


@pytest.fixture(scope="module", params=FOLDERS, ids=lambda folder: folder.name)
def both(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[object, Library]:
    root = request.param
    corpus = load_corpus(root, lexicon=LEXICON)
    store = tmp_path_factory.mktemp("store") / "library.sqlite"
    library = Library.open(root, lexicon=LEXICON, store=store)
    fill(library._conn(), library.root)
    return corpus, library


def test_the_list_has_the_corpus_ids_titles_and_order(both: tuple[object, Library]) -> None:
    corpus, library = both
    listed = [(a.id, a.title, a.date, a.source, a.words) for a in library.articles()]
    assert listed == [(a.id, a.title, a.date, a.source, a.words) for a in corpus.articles]
    assert [a.summary() for a in library.articles()] == [a.summary() for a in corpus.articles]
    assert library.summaries() == [a.summary() for a in corpus.articles]
    assert library.summaries(1, 2, oldest_first=True) == [
        a.summary() for a in corpus.articles[::-1][1:3]
    ]
    oldest = [a.id for a in library.articles(oldest_first=True)]
    assert oldest == [a.id for a in corpus.articles[::-1]]
    assert library.count() == len(corpus.articles)


def test_pages_and_positions_agree_with_the_whole_list(both: tuple[object, Library]) -> None:
    _, library = both
    ids = [a.id for a in library.articles()]
    assert [a.id for a in library.articles(offset=2, limit=3)] == ids[2:5]
    assert [library.position(article_id) for article_id in ids] == list(range(len(ids)))
    reverse = [library.position(article_id, oldest_first=True) for article_id in ids]
    assert reverse == list(range(len(ids)))[::-1]
    assert library.position("no-such-article.txt") is None


def test_months_count_the_list_in_its_order(both: tuple[object, Library]) -> None:
    _, library = both
    expected: dict[tuple[int | None, int | None], int] = {}
    for a in library.articles():
        key = (a.date.year, a.date.month) if a.date else (None, None)
        expected[key] = expected.get(key, 0) + 1
    assert library.months() == [(y, m, n) for (y, m), n in expected.items()]
    assert library.months(oldest_first=True) == library.months()[::-1]


def test_articles_and_extractions_equal_the_in_memory_ones(both: tuple[object, Library]) -> None:
    corpus, library = both
    extractions = extract_corpus(corpus, LEXICON)  # type: ignore[arg-type]
    for article in corpus.articles:  # type: ignore[attr-defined]
        assert library.get(article.id) == article
        assert library.extraction(article.id) == extractions[article.id]
    assert library.extractions(extractions) == extractions


def test_leaders_and_the_list_of_a_leader_equal_the_in_memory_index(
    both: tuple[object, Library],
) -> None:
    corpus, library = both
    index = articles_by_leader(extract_corpus(corpus, LEXICON))  # type: ignore[arg-type]
    assert list(library.leaders().items()) == [(name, len(ids)) for name, ids in index.items()]
    for name, ids in index.items():
        listed = [a.id for a in library.articles(leader=name)]
        assert listed == [a.id for a in corpus.articles if a.id in ids]  # type: ignore[attr-defined]
        assert library.count(leader=name) == len(ids)


def test_only_narrows_the_list_and_ignores_unknown_ids(both: tuple[object, Library]) -> None:
    _, library = both
    ids = [a.id for a in library.articles()]
    wanted = {ids[-1], ids[0], "nothing.txt"}
    assert [a.id for a in library.articles(only=wanted)] == [ids[0], ids[-1]]
    assert library.count(only=wanted) == 2
    assert library.position(ids[-1], only=wanted) == 1
    assert library.months(only=[]) == []


def test_old_ids_find_their_article_when_they_name_exactly_one(
    tmp_path: Path, write_corpus: WriteCorpus
) -> None:
    text = "date 2025-01-02\nThe ministers met."
    root = write_corpus(
        {"a/x.txt": text, "b/x.txt": text, "b/y.md": text, "c/z.md": text, "c/z.txt": text}
    )
    library = filled(root)
    corpus = load_corpus(root, lexicon=LEXICON)
    for old in ["a/x", "x", "b/y", "y", "c/z", "z", "b/x.txt", "nothing"]:
        found = corpus.get(old)
        assert library.resolve(old) == (found.id if found else None)
        assert library.get(old) == found
    assert library.resolve("a/x") == "a/x.txt" and library.resolve("x") is None


def test_ids_with_a_prefix_come_in_id_order(write_corpus: WriteCorpus) -> None:
    text = "date 2025-01-02\nThe ministers met."
    root = write_corpus({"ab.txt": text, "abc.txt": text, "b.txt": text, "a\U0010ffff.txt": text})
    library = filled(root)
    assert library.ids_with_prefix("ab") == ["ab.txt", "abc.txt"]
    assert library.ids_with_prefix("ab", limit=1) == ["ab.txt"]
    assert library.ids_with_prefix("b") == ["b.txt"]
    assert library.ids_with_prefix("a\U0010ffff") == ["a\U0010ffff.txt"]
    assert library.ids_with_prefix("c") == library.ids_with_prefix("") == []


def test_load_problems_are_the_folders_then_each_files(write_corpus: WriteCorpus) -> None:
    from tui.core.store import records, schema

    root = write_corpus({"a.txt": "no date here"})
    library = Library.open(root, lexicon=LEXICON)
    conn = library._conn()
    with schema.writing(conn):
        folder = [records.LoadWarning(root / "sub", "folder skipped: Permission denied")]
        schema.set_meta(conn, "folder_warnings", records.warnings_to_json(folder))
        problem = [records.LoadWarning(root / "a.txt", "no date line; listed as undated")]
        conn.execute(
            "INSERT INTO files (id, size, mtime_ns, hash, warnings) VALUES ('a.txt', 1, 1, 'h', ?)",
            (records.warnings_to_json(problem),),
        )
    assert library.warnings() == (*folder, *problem)


def test_the_store_lives_in_the_cache_folder_one_per_corpus_folder(tmp_path: Path) -> None:
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    first = default_store_path(tmp_path / "one")
    assert first == default_store_path(tmp_path / "one" / ".." / "one")
    assert first != default_store_path(tmp_path / "two")
    assert first.name == "library.sqlite" and first.parent.name.startswith("one-")
    with Library.open(tmp_path / "one", lexicon=LEXICON) as library:
        assert library.store_path == first and first.is_file()


def test_a_configured_store_path_is_used(tmp_path: Path) -> None:
    store = tmp_path / "elsewhere" / "mine.sqlite"
    with Library.open(SEEDS, lexicon=LEXICON, store=store) as library:
        assert library.store_path == store and store.is_file()


@pytest.mark.parametrize("name", ["missing", "file.txt"])
def test_a_corpus_that_is_not_a_folder_is_one_line_error(tmp_path: Path, name: str) -> None:
    (tmp_path / "file.txt").write_text("x")
    with pytest.raises(LibraryError) as raised:
        Library.open(tmp_path / name, lexicon=LEXICON)
    assert "\n" not in str(raised.value) and name in str(raised.value)


def test_each_thread_reads_on_its_own_connection_and_close_ends_them_all() -> None:
    library = filled(SEEDS)
    seen: list[object] = []

    def read() -> None:
        seen.append((library.count(), library._conn()))

    worker = threading.Thread(target=read)
    worker.start()
    worker.join()
    ((count, conn),) = seen
    assert count == library.count() and conn is not library._conn()
    library.close()
    with pytest.raises(Exception, match="closed"):
        conn.execute("SELECT 1")  # type: ignore[attr-defined]


def test_set_lexicon_changes_the_lexicon_and_its_fingerprint() -> None:
    from tui.core.extract import Lexicon

    library = Library.open(SEEDS, lexicon=LEXICON)
    before = library.lexicon_fingerprint
    library.set_lexicon(Lexicon())
    assert library.lexicon == Lexicon() and library.lexicon_fingerprint != before


def test_a_person_spelt_two_ways_is_one_leader_counted_once_per_article(
    write_corpus: WriteCorpus,
) -> None:
    root = write_corpus(
        {
            "a.txt": "date 2025-01-02\nDeputy Prime Minister Lê Văn Tám met Penny Wong.",
            "b.txt": "date 2025-01-03\nDeputy Prime Minister Le Van Tam received Penny Wong.",
            "c.txt": "date 2025-01-04\nDeputy Prime Minister Le Van Tam called Wang Yi.",
        }
    )
    library = filled(root)
    extractions = extract_corpus(load_corpus(root, lexicon=LEXICON), LEXICON)
    index = articles_by_leader(extractions)
    assert library.leaders() == {name: len(ids) for name, ids in index.items()}
    assert library.leaders()["Lê Văn Tám"] == 3
    assert [a.id for a in library.articles(leader="Lê Văn Tám")] == ["c.txt", "b.txt", "a.txt"]
    assert library.articles(leader="Le Van Tam") == []
    assert library.extractions(extractions) == extractions


def test_a_leader_not_yet_renamed_lists_under_the_name_extracted(
    write_corpus: WriteCorpus,
) -> None:
    root = write_corpus(
        {"a.txt": "date 2025-01-02\nDeputy Prime Minister Lê Văn Tám met Penny Wong."}
    )
    library = filled(root)
    library._conn().execute("DELETE FROM names")  # as between a refresh's batches
    library._conn().commit()
    assert [a.id for a in library.articles(leader="Penny Wong")] == ["a.txt"]
    assert library.count(leader="Lê Văn Tám") == 1


SEARCHES = ["to lam", "standart gauge railway", "cooperation !china", "leader:xi", "from:2025-01"]


def test_search_finds_what_the_in_memory_index_finds(both: tuple[object, Library]) -> None:
    corpus, library = both
    extractions = extract_corpus(corpus, LEXICON)  # type: ignore[arg-type]
    leaders = {
        article_id: [x.name for x in found.leaders] for article_id, found in extractions.items()
    }
    memory = SearchIndex(corpus)  # type: ignore[arg-type]
    for query in SEARCHES:
        assert library.search(query, 10) == memory.search(query, 10, leaders=leaders)
        assert library.articles_matching(query) == memory.articles_matching(query, leaders=leaders)


def test_search_sees_what_a_refresh_committed_since_it_last_searched(
    write_corpus: WriteCorpus, tmp_path: Path
) -> None:
    root = write_corpus({"a.txt": "date 2025-01-02\nThe ministers discussed railways."})
    library = filled(root)
    assert library.search("fisheries") == []
    more = tmp_path / "more"
    more.mkdir()
    (more / "b.txt").write_text("date 2025-01-03\nThe ministers discussed fisheries.")
    fill(Library.open(root, lexicon=LEXICON)._conn(), more)  # as another process would
    assert [hit.article_id for hit in library.search("fisheries")] == ["b.txt"]


def test_connections_of_ended_threads_are_closed_and_searches_share_one_index(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tui.core.store import connections

    opened: list[object] = []
    real = connections._open_index

    def counted(*args: object) -> object:
        opened.append(args)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(connections, "_open_index", counted)
    library = filled(SEEDS)
    results: list[object] = []
    for _ in range(20):  # as the app's workers: a new thread each time
        worker = threading.Thread(
            target=lambda: results.append((library.count(), library.search("lam", 3)))
        )
        worker.start()
        worker.join()
    assert len(results) == 20 and results[0] == results[-1]
    assert results[0][1]  # type: ignore[index]
    assert len(opened) == 1
    assert library._connections.count <= 3  # the opening thread's, the search's, one worker's
