"""Opening a store that cannot be used: rebuilt with a one-line notice (a truncated or
corrupt file, another schema version, another folder's store), or a one-line
`LibraryError` (a store folder that cannot be made); and several `Library` objects
on one store at once."""

from __future__ import annotations

import os
import random
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import SEEDS, deadline
from tests.core.test_store_records import LEXICON, fill, parsed
from tui.core.extract import extract
from tui.core.store import Library, LibraryError, default_store_path, records, rows, schema


def made(store: Path) -> int:
    """Fill a store of the seeds at `store` and close it; return how many articles."""
    with Library.open(SEEDS, lexicon=LEXICON, store=store) as library:
        fill(library._conn(), library.root)
        return library.count()


def assert_rebuilt(store: Path, *words: str) -> None:
    with Library.open(SEEDS, lexicon=LEXICON, store=store) as library:
        (notice,) = library.notices
        assert "rebuilt" in notice and "\n" not in notice
        for word in words:
            assert word in notice
        assert library.count() == 0
        fill(library._conn(), library.root)
        assert library.count() == len(parsed(SEEDS))
    with Library.open(SEEDS, lexicon=LEXICON, store=store) as again:
        assert again.notices == () and again.count() == len(parsed(SEEDS))


def test_a_store_opened_again_keeps_its_articles_without_a_notice(tmp_path: Path) -> None:
    store = tmp_path / "library.sqlite"
    count = made(store)
    with Library.open(SEEDS, lexicon=LEXICON, store=store) as library:
        assert library.notices == () and library.count() == count > 0


def test_a_store_cut_half_way_is_rebuilt_with_a_notice(tmp_path: Path) -> None:
    store = tmp_path / "library.sqlite"
    made(store)
    size = store.stat().st_size
    os.truncate(store, size // 2 // 4096 * 4096 or 4096)
    assert_rebuilt(store, "malformed")


NOT_DATABASES = pytest.mark.parametrize(
    "content",
    [bytes(random.Random(11).randrange(256) for _ in range(50_000)), b"date 2025-01-01\nhello\n"],
    ids=["random bytes", "a text file"],
)


def own_store() -> Path:
    """A store path in readout's own libraries folder (the test's cache folder)."""
    store = default_store_path(SEEDS)
    store.parent.mkdir(parents=True, exist_ok=True)
    return store


def foreign_database(path: Path) -> bytes:
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE things (x)")
    other.commit()
    other.close()
    return path.read_bytes()


def assert_refused_and_kept(store: Path, content: bytes, why: str) -> None:
    with pytest.raises(LibraryError) as raised:
        Library.open(SEEDS, lexicon=LEXICON, store=store)
    message = str(raised.value)
    assert "not replacing it" in message and why in message and "\n" not in message
    assert store.read_bytes() == content


@NOT_DATABASES
def test_a_file_that_is_no_database_in_readouts_folder_is_rebuilt_with_a_notice(
    content: bytes,
) -> None:
    store = own_store()
    store.write_bytes(content)
    assert_rebuilt(store, "not a database")


@NOT_DATABASES
def test_a_file_named_as_the_library_that_is_no_database_is_refused_and_kept(
    tmp_path: Path, content: bytes
) -> None:
    store = tmp_path / "notes.md"
    store.write_bytes(content)
    assert_refused_and_kept(store, content, "not a SQLite file")


def test_a_store_cut_to_nothing_is_rebuilt_with_a_notice(tmp_path: Path) -> None:
    store = tmp_path / "library.sqlite"
    made(store)
    os.truncate(store, 0)
    assert_rebuilt(store, "an empty file")


def test_a_new_store_is_made_without_a_notice(tmp_path: Path) -> None:
    with Library.open(SEEDS, lexicon=LEXICON, store=tmp_path / "library.sqlite") as library:
        assert library.notices == () and library.count() == 0


def test_a_store_of_another_schema_version_is_rebuilt_with_a_notice(tmp_path: Path) -> None:
    store = tmp_path / "library.sqlite"
    made(store)
    conn = schema.connect(store)
    with schema.writing(conn):
        schema.set_meta(conn, "schema_version", str(schema.SCHEMA_VERSION - 1))
        conn.execute("CREATE TABLE old_thing (x)")
    conn.close()
    assert any(schema.segments_folder(store).iterdir())
    (schema.segments_folder(store) / "old.npy").write_bytes(b"x")
    assert_rebuilt(store, "another version")
    assert not (schema.segments_folder(store) / "old.npy").exists()


def test_another_programs_database_in_readouts_folder_is_rebuilt_with_a_notice() -> None:
    store = own_store()
    foreign_database(store)
    assert_rebuilt(store, "not a readout library")


def test_another_programs_database_named_as_the_library_is_refused_and_kept(
    tmp_path: Path,
) -> None:
    store = tmp_path / "their.db"
    assert_refused_and_kept(store, foreign_database(store), "another program's database")


def test_the_store_of_another_folder_is_rebuilt_with_a_notice(tmp_path: Path) -> None:
    store = tmp_path / "library.sqlite"
    other = tmp_path / "other"
    other.mkdir()
    Library.open(other, lexicon=LEXICON, store=store).close()
    assert_rebuilt(store, "another folder")


def test_a_store_folder_that_cannot_be_made_is_a_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(LibraryError) as raised:
        Library.open(SEEDS, lexicon=LEXICON, store=tmp_path / "file" / "library.sqlite")
    assert "cannot make the library folder" in str(raised.value)
    assert "\n" not in str(raised.value)


def test_a_store_that_is_a_folder_is_a_one_line_error_and_is_left_alone(tmp_path: Path) -> None:
    store = tmp_path / "library.sqlite"
    (store / "inside").mkdir(parents=True)
    with pytest.raises(LibraryError) as raised:
        Library.open(SEEDS, lexicon=LEXICON, store=store)
    assert "cannot open the library store" in str(raised.value)
    assert "\n" not in str(raised.value) and (store / "inside").is_dir()


def test_two_libraries_read_while_a_third_writes(tmp_path: Path) -> None:
    store = tmp_path / "library.sqlite"
    articles = parsed(SEEDS)
    writer = Library.open(SEEDS, lexicon=LEXICON, store=store)
    readers = [Library.open(SEEDS, lexicon=LEXICON, store=store) for _ in range(2)]
    done = threading.Event()
    errors: list[BaseException] = []
    seen: list[list[int]] = [[], []]

    def read(library: Library, counts: list[int]) -> None:
        try:
            while not done.is_set():
                counts.append(library.count())
                for summary in library.articles(limit=10):
                    article = library.get(summary.id)  # None once the writer deleted it
                    assert article is None or article.id == summary.id
                    found = library.extraction(summary.id)
                    assert found is None or found.article_id == summary.id
                library.leaders()
                library.generation()
        except BaseException as error:  # the test fails below, naming it
            errors.append(error)

    threads = [threading.Thread(target=read, args=pair) for pair in zip(readers, seen, strict=True)]
    for thread in threads:
        thread.start()
    conn = writer._conn()
    fingerprint = records.lexicon_fingerprint(LEXICON)
    with deadline(60):
        for round_ in range(10):
            numbers = []
            with schema.writing(conn):
                for article in articles:
                    first = schema.allocate_sentences(conn, len(article.sentences))
                    numbers.append(
                        rows.insert_article(
                            conn,
                            article,
                            extract(article, LEXICON),
                            first_sentence=first,
                            lexicon=fingerprint,
                        )
                    )
                records.tell_apart(conn)
                records.rename_people(conn)
                schema.bump_generation(conn)
            read_after = [len(counts) + 2 for counts in seen]
            while not errors and any(len(c) < n for c, n in zip(seen, read_after, strict=True)):
                time.sleep(0.001)  # until both readers have read this state twice
            if round_ < 9:
                with schema.writing(conn):
                    for number in numbers:
                        records.delete_article(conn, number)
                    schema.bump_generation(conn)
        done.set()
        for thread in threads:
            thread.join()
    assert errors == []
    assert all(counts and set(counts) <= {0, len(articles)} for counts in seen)
    assert [r.count() for r in readers] == [len(articles)] * 2
    assert readers[0].generation() == writer.generation() == 19


def test_a_store_found_damaged_while_reading_is_a_one_line_error_then_rebuilt(
    tmp_path: Path,
) -> None:
    store = tmp_path / "library.sqlite"
    made(store)
    conn = sqlite3.connect(store)
    kept = {  # opening reads the schema, `meta` and `segments` (and their indexes)
        page
        for (page,) in conn.execute(
            "SELECT pageno FROM dbstat WHERE name = 'sqlite_schema' OR name IN"
            " (SELECT name FROM sqlite_master WHERE tbl_name IN ('meta', 'segments'))"
        )
    }
    conn.close()
    garbage = random.Random(5)
    with store.open("r+b") as handle:  # every page but those opening reads garbled
        for page in range(2, store.stat().st_size // 4096 + 1):
            if page not in kept:
                handle.seek((page - 1) * 4096)
                handle.write(bytes(garbage.randrange(256) for _ in range(4096)))
    with Library.open(SEEDS, lexicon=LEXICON, store=store) as library:
        with pytest.raises(LibraryError) as raised:
            for article_id in ["x", *(a.id for a in parsed(SEEDS))]:
                library.get(article_id)
                library.extraction(article_id)
            library.articles()
        assert "damaged" in str(raised.value) and "\n" not in str(raised.value)
    assert_rebuilt(store, "found damaged while reading")


OPEN_AND_COUNT = """
import sys
from pathlib import Path
from tests.core.test_store_records import LEXICON
from tui.core.store import Library
with Library.open(Path(sys.argv[1]), lexicon=LEXICON, store=Path(sys.argv[2])) as library:
    print(len(library.notices), library.count())
"""


def test_processes_opening_an_old_store_at_once_rebuild_it_once(tmp_path: Path) -> None:
    import subprocess
    import sys

    from tests.conftest import ROOT

    store = tmp_path / "library.sqlite"
    made(store)
    conn = schema.connect(store)
    with schema.writing(conn):
        schema.set_meta(conn, "schema_version", "0")
    conn.close()
    command = [sys.executable, "-c", OPEN_AND_COUNT, str(SEEDS), str(store)]
    runs = [
        subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(3)
    ]
    results = [run.communicate(timeout=60) for run in runs]
    assert [err for _, err in results] == [b""] * 3
    assert sorted(out for out, _ in results) == [b"0 0\n", b"0 0\n", b"1 0\n"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_store_folder_that_cannot_be_written_is_a_one_line_error(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(LibraryError) as raised:
            Library.open(SEEDS, lexicon=LEXICON, store=folder / "library.sqlite")
        assert "cannot open the library store" in str(raised.value)
        assert "\n" not in str(raised.value)
    finally:
        folder.chmod(0o700)
