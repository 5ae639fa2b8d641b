"""The store's rows: articles and extractions written and read back exactly, the
corpus-wide passes (titles told apart, one name per person) equal to the in-memory
path's, and the SQLite file set up as the design says."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS, WriteCorpus
from tui.core import load_corpus
from tui.core.config import load_config
from tui.core.corpus import Article, parse_article
from tui.core.corpus_files import article_id, find_article_files
from tui.core.extract import Extraction, Lexicon, extract, extract_corpus
from tui.core.extract.leaders import Leader
from tui.core.query import search_fold
from tui.core.segments import write_segment
from tui.core.store import records, rows, schema
from tui.core.text import Passage

LEXICON = load_config(ROOT / "config.yaml").lexicon
FOLDERS = [SEEDS, ROOT / "tests/data/readouts", ROOT / "tests/data/wire/dev"]


def parsed(root: Path, lexicon: Lexicon = LEXICON) -> list[Article]:
    """The articles of `root` as a refresh reads them: one file at a time, titles not
    yet told apart."""
    articles = []
    for file in find_article_files(root).files:
        raw = file.read_bytes().decode("utf-8-sig")
        articles.append(parse_article(article_id(root, file), file, raw, lexicon=lexicon)[0])
    return articles


def fill(conn: sqlite3.Connection, root: Path, lexicon: Lexicon = LEXICON) -> dict[str, int]:
    """Write every article of `root` into the store as a refresh would (one batch, its
    sentences in one segment), with the corpus-wide passes; return each id's number."""
    fingerprint = records.lexicon_fingerprint(lexicon)
    articles = parsed(root, lexicon)
    first = schema.allocate_sentences(conn, sum(len(a.sentences) for a in articles))
    numbers, sentences = {}, []
    for article in articles:
        number = rows.insert_article(
            conn,
            article,
            extract(article, lexicon),
            first_sentence=first + len(sentences),
            lexicon=fingerprint,
        )
        numbers[article.id] = number
        sentences.extend((number, search_fold(s.text)) for s in article.sentences)
    (_, _, store) = conn.execute("PRAGMA database_list").fetchone()
    write_segment(conn, schema.segments_folder(Path(store)), first, sentences)
    records.tell_apart(conn)
    records.rename_people(conn)
    schema.bump_generation(conn)
    conn.commit()
    return numbers


def read_article(conn: sqlite3.Connection, number: int) -> Article:
    row = conn.execute(
        f"SELECT {records.ARTICLE_COLUMNS} FROM articles WHERE number = ?", (number,)
    ).fetchone()
    return records.article_from_row(row)


def read_extraction(conn: sqlite3.Connection, number: int, article_id: str) -> Extraction:
    (data,) = conn.execute("SELECT data FROM extractions WHERE article = ?", (number,)).fetchone()
    return records.extraction_from_json(article_id, data)


@pytest.fixture
def conn(tmp_path: Path) -> sqlite3.Connection:
    connection = schema.connect(tmp_path / "library.sqlite")
    yield connection  # type: ignore[misc]
    connection.close()


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda folder: folder.name)
def test_every_article_and_its_extraction_read_back_equal(
    conn: sqlite3.Connection, folder: Path
) -> None:
    corpus = load_corpus(folder, lexicon=LEXICON)
    numbers = fill(conn, folder)
    assert corpus.articles
    for article in corpus.articles:
        assert read_article(conn, numbers[article.id]) == article
        stored = read_extraction(conn, numbers[article.id], article.id)
        assert stored == extract(article, LEXICON)


def test_every_field_of_an_extraction_survives_json() -> None:
    mention = Passage("Tô Lâm", 3, 9)
    leader = Leader("Tô Lâm", "Vietnam", ("General Secretary", "President"), (mention,))
    no_country = Leader("Xi \udcff", None, (), (Passage("Xi", 20, 22), Passage("Xi", 40, 42)))
    commitment = records.Commitment("They agreed.", 50, 62, "agreed", ("both",), ("trade",))
    extraction = Extraction("a/x.txt", (leader, no_country), (commitment,))
    data = records.extraction_to_json(extraction)
    assert records.extraction_from_json("a/x.txt", records.to_stored(data)) == extraction


def test_a_file_name_that_is_not_utf8_reads_back(
    conn: sqlite3.Connection, write_corpus: WriteCorpus
) -> None:
    root = write_corpus({"a.txt": "date 2025-01-02\nThe ministers met in Hanoi."})
    odd = root / os.fsdecode(b"caf\xe9.txt")
    (root / "a.txt").rename(odd)
    (article,) = parsed(root)
    number = rows.insert_article(
        conn, article, extract(article, LEXICON), first_sentence=0, lexicon="x"
    )
    conn.commit()
    assert read_article(conn, number) == article
    assert read_article(conn, number).file == odd


def test_titles_of_one_day_are_told_apart_as_the_corpus_does(
    conn: sqlite3.Connection, write_corpus: WriteCorpus
) -> None:
    same = "---\ndate: 2025-03-01\ntitle: Call\nsource: {}\n---\nThe leaders spoke.\n"
    root = write_corpus(
        {
            "a.md": same.format("VNA"),
            "b.md": same.format("Xinhua"),
            "c.md": "---\ndate: 2025-03-02\ntitle: Visit\n---\nA visit.\n",
            "d.md": "---\ndate: 2025-03-02\ntitle: Visit\n---\nAnother visit.\n",
            "e.md": "---\ndate: 2025-03-03\ntitle: Call\n---\nAlone that day.\n",
        }
    )
    numbers = fill(conn, root)
    corpus = load_corpus(root, lexicon=LEXICON)
    shown = {a.id: read_article(conn, numbers[a.id]).title for a in corpus.articles}
    assert shown == {a.id: a.title for a in corpus.articles}
    assert shown["a.md"] == "Call · VNA" and shown["c.md"] == "Visit · c.md"


@pytest.mark.parametrize("days", [None, [dt.date(2025, 3, 1).toordinal()]], ids=["all", "day"])
def test_a_title_no_longer_shared_is_shown_plain_again(
    conn: sqlite3.Connection, write_corpus: WriteCorpus, days: list[int] | None
) -> None:
    same = "---\ndate: 2025-03-01\ntitle: Call\n---\nThe leaders spoke {}.\n"
    root = write_corpus({"a.md": same.format(1), "b.md": same.format(2)})
    numbers = fill(conn, root)
    assert read_article(conn, numbers["a.md"]).title == "Call · a.md"
    records.delete_article(conn, numbers["b.md"])
    records.tell_apart(conn, days)
    conn.commit()
    assert read_article(conn, numbers["a.md"]).title == "Call"


def test_telling_apart_the_days_touched_gives_the_titles_of_the_whole_pass(
    conn: sqlite3.Connection, write_corpus: WriteCorpus
) -> None:
    same = "---\ndate: {}\ntitle: Call\nsource: {}\n---\nThe leaders spoke.\n"
    root = write_corpus(
        {
            "a.md": same.format("2025-03-01", "VNA"),
            "b.md": same.format("2025-03-01", "VNA"),
            "c.md": same.format("2025-03-02", "VNA"),
            "d.md": same.format("2025-03-02", "AFP"),
            "e.md": "---\ntitle: Call\n---\nUndated.\n",
            "f.md": "---\ntitle: Call\n---\nUndated too.\n",
        }
    )
    numbers = {
        a.id: rows.insert_article(conn, a, extract(a, LEXICON), first_sentence=0, lexicon="x")
        for a in parsed(root)
    }
    records.tell_apart(conn, [dt.date(2025, 3, d).toordinal() for d in (1, 2)] + [-1])
    shown = {article_id: read_article(conn, n).title for article_id, n in numbers.items()}
    assert shown == {a.id: a.title for a in load_corpus(root, lexicon=LEXICON).articles}


def test_people_get_one_name_across_the_store_as_extract_corpus_gives(
    conn: sqlite3.Connection, write_corpus: WriteCorpus
) -> None:
    root = write_corpus(
        {
            "a.txt": "date 2025-01-02\nDeputy Prime Minister Lê Văn Tám met Penny Wong.",
            "b.txt": "date 2025-01-03\nDeputy Prime Minister Le Van Tam received Penny Wong.",
        }
    )
    numbers = fill(conn, root)
    expected = extract_corpus(load_corpus(root, lexicon=LEXICON), LEXICON)
    for name, number in numbers.items():
        found = read_extraction(conn, number, name)
        mapping = records.name_mapping(conn, (x.name for x in found.leaders))
        assert {mapping.get(x.name, x.name) for x in found.leaders} == {
            x.name for x in expected[name].leaders
        }
    assert records.name_mapping(conn, ["Le Van Tam", "Penny Wong"]) == {"Le Van Tam": "Lê Văn Tám"}


def test_deleting_an_article_takes_its_extraction_and_leaders(conn: sqlite3.Connection) -> None:
    numbers = fill(conn, SEEDS)
    number = next(iter(numbers.values()))
    conn.execute(
        "INSERT INTO files (id, size, mtime_ns, hash, article) VALUES ('x', 1, 1, 'h', ?)",
        (number,),
    )
    records.delete_article(conn, number)
    conn.commit()
    for table in ("articles WHERE number", "extractions WHERE article", "leaders WHERE article"):
        assert conn.execute(f"SELECT count(*) FROM {table} = ?", (number,)).fetchone() == (0,)
    assert conn.execute("SELECT article FROM files WHERE id = 'x'").fetchone() == (None,)


def test_sentence_ids_are_never_given_out_twice(conn: sqlite3.Connection) -> None:
    numbers = fill(conn, SEEDS)
    before = schema.allocate_sentences(conn, 0)
    for number in numbers.values():
        records.delete_article(conn, number)
    assert schema.allocate_sentences(conn, 10) == before
    assert schema.allocate_sentences(conn, 1) == before + 10


def test_a_store_is_in_wal_mode_with_foreign_keys_and_its_schema_version(
    conn: sqlite3.Connection,
) -> None:
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert conn.execute("PRAGMA foreign_keys").fetchone() == (1,)
    assert conn.execute("PRAGMA synchronous").fetchone() == (1,)  # NORMAL
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 10_000
    assert schema.get_meta(conn, "schema_version") == str(schema.SCHEMA_VERSION)


def test_a_store_of_another_schema_version_is_refused_as_unusable(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite"
    conn = schema.connect(path)
    schema.set_meta(conn, "schema_version", "0")
    conn.commit()
    conn.close()
    with pytest.raises(sqlite3.DatabaseError) as raised:
        schema.connect(path)
    assert schema.is_unusable(raised.value)
    assert "another version" in str(raised.value)


def test_the_lexicon_fingerprint_changes_with_the_lexicon_only() -> None:
    same = load_config(ROOT / "config.yaml").lexicon
    assert records.lexicon_fingerprint(same) == records.lexicon_fingerprint(LEXICON)
    assert records.lexicon_fingerprint(Lexicon()) != records.lexicon_fingerprint(LEXICON)


def test_load_problems_read_back_with_any_path(tmp_path: Path) -> None:
    warnings = [
        records.LoadWarning(tmp_path / "a.txt", "no date line; listed as undated"),
        records.LoadWarning(tmp_path / os.fsdecode(b"caf\xe9.txt"), "skipped: empty file"),
    ]
    assert records.warnings_from_json(records.warnings_to_json(warnings)) == warnings
    assert records.warnings_from_json("[]") == records.warnings_from_json(None) == []


def test_connections_making_a_new_store_at_once_all_open_it(tmp_path: Path) -> None:
    import threading

    failures: list[BaseException] = []
    for round_ in range(40):  # the race is narrow: many rounds
        path = tmp_path / f"{round_}" / "library.sqlite"
        path.parent.mkdir()
        start = threading.Barrier(6)

        def connect(path: Path = path, start: threading.Barrier = start) -> None:
            start.wait()
            try:
                schema.connect(path).close()
            except sqlite3.Error as error:
                failures.append(error)

        threads = [threading.Thread(target=connect) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert failures == []
