"""The store's search index finds what the in-memory index finds: the same ids, starts,
scores and highlights, on the seeds, the wire development half and a synthetic corpus;
after articles are deleted, after segments are merged, and under a compaction."""

from __future__ import annotations

import itertools
import random
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import numpy as np
import pytest

from bench.synthetic import write_corpus
from tui.core import Corpus, load_corpus, postings, segments
from tui.core.corpus import Article
from tui.core.extract import extract
from tui.core.extract.lexicon import Lexicon
from tui.core.postings import StoreIndex
from tui.core.query import search_fold
from tui.core.search import SearchHit, SearchIndex
from tui.core.segments import compact, load_segments, segment_names, write_segment
from tui.core.store.schema import DDL

WIRE_DEV = Path(__file__).resolve().parents[1] / "data" / "wire" / "dev"

SYNONYMS = (("East Sea", "South China Sea"), ("Xizang", "Tibet"))

QUERIES = (
    "to lam",
    "TO LAM",
    "doi moi",
    "standart gauge railway",  # a typo
    "railway standard ga",  # the last word being typed
    "standard-gauge",
    "humanistc exchange",
    "cooperation",
    "viet nam china",
    "vietnamese",
    "chinese prc",
    "east sea",
    "tibet",
    "strategic partnership",
    '"comprehensive strategic" partnership',
    "'railway",
    "cooperation !railway",
    "cooperation !china",
    "trade from:2024 to:2025",
    "from:2025-01",
    "to:2023",
    "leader:xi",
    "leader:lam cooperation",
    "leader:kishi",
    "minister",
    "the",
    "presdent",
    "agricultural products imports",
    "zzzz nothing",
)


@dataclass
class Store:
    conn: sqlite3.Connection
    folder: Path
    numbers: dict[str, int]
    next_sentence: int = 0
    vocabulary: segments.Vocabulary | None = None

    def add(self, articles: Sequence[Article], leaders: Mapping[str, Sequence[str]]) -> None:
        """Insert `articles` (one transaction) with one segment of their sentences."""
        first = self.next_sentence
        sentences: list[tuple[int, str]] = []
        for article in articles:
            number = _insert(self.conn, article, self.next_sentence)
            self.numbers[article.id] = number
            folded = search_fold(article.text)
            for sentence in article.sentences:
                sentences.append((number, folded[sentence.start : sentence.end]))
            self.next_sentence += len(article.sentences)
            for name in leaders.get(article.id, ()):
                row = (number, name, search_fold(name))
                self.conn.execute("INSERT INTO leaders VALUES (?, ?, ?)", row)
        write_segment(self.conn, self.folder, first, sentences, self.vocabulary)
        self.conn.commit()

    def delete(self, article_id: str) -> None:
        number = self.numbers.pop(article_id)
        self.conn.execute("DELETE FROM leaders WHERE article = ?", (number,))
        self.conn.execute("DELETE FROM articles WHERE number = ?", (number,))
        self.conn.commit()

    def segments(self) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM segments").fetchone()[0])


def _insert(conn: sqlite3.Connection, a: Article, first_sentence: int) -> int:
    date = a.date
    pairs = [(s.start, s.end) for s in a.sentences]
    cursor = conn.execute(
        "INSERT INTO articles (id, file, date, day, title, shown_title, place, source, words,"
        " text, paragraphs, sentences, first_sentence, legacy_path, legacy_stem, lexicon)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', '', '')",
        (
            a.id,
            str(a.file),
            date.isoformat() if date else None,
            date.toordinal() if date else -1,
            a.title,
            a.title,
            a.place,
            a.source,
            a.words,
            a.text,
            b"",
            np.asarray(pairs, dtype=np.int32).tobytes(),
            first_sentence,
        ),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def build(
    path: Path,
    corpus: Corpus,
    leaders: Mapping[str, Sequence[str]],
    per_segment: int,
    vocabulary: segments.Vocabulary | None = None,
) -> Store:
    """A store of `corpus`, inserted in a shuffled order, `per_segment` articles a batch
    (word ids from `vocabulary` when given, as a refresh does)."""
    conn = sqlite3.connect(path / "library.sqlite")
    conn.execute("PRAGMA journal_mode=WAL")  # as the store: readers never block a writer
    conn.executescript(DDL)
    store = Store(conn, path / "library.segments", {}, vocabulary=vocabulary)
    articles = list(corpus.articles)
    random.Random(11).shuffle(articles)
    for start in range(0, len(articles), per_segment):
        store.add(articles[start : start + per_segment], leaders)
    return store


def leaders_of(corpus: Corpus) -> dict[str, list[str]]:
    return {
        a.id: [leader.name for leader in extract(a, Lexicon()).leaders] for a in corpus.articles
    }


def same(store_hits: list[SearchHit], memory_hits: list[SearchHit]) -> None:
    assert [(h.article_id, h.start, h.matches) for h in store_hits] == [
        (h.article_id, h.start, h.matches) for h in memory_hits
    ]
    assert [h.score for h in store_hits] == [h.score for h in memory_hits]
    assert store_hits == memory_hits


def assert_alike(store: Store, corpus: Corpus, leaders: Mapping[str, Sequence[str]]) -> None:
    memory = SearchIndex(corpus, synonyms=SYNONYMS)
    index = StoreIndex.open(store.conn, store.folder, SYNONYMS)
    for query in QUERIES:
        same(index.search(query, limit=30), memory.search(query, limit=30, leaders=leaders))
        assert index.articles_matching(query) == memory.articles_matching(query, leaders=leaders)


def without(corpus: Corpus, gone: set[str]) -> Corpus:
    return Corpus(corpus.root, tuple(a for a in corpus.articles if a.id not in gone))


@pytest.fixture(scope="module")
def wire_dev() -> Corpus:
    return load_corpus(WIRE_DEV)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return load_corpus(write_corpus(tmp_path_factory.mktemp("synthetic"), 300))


@pytest.fixture(scope="module")
def synthetic_leaders(synthetic: Corpus) -> Mapping[str, Sequence[str]]:
    """The leaders of each synthetic article, extracted once for the tests that read
    them (read only: a mapping proxy of tuples)."""
    return MappingProxyType({a: tuple(names) for a, names in leaders_of(synthetic).items()})


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path


def test_store_index_finds_what_the_memory_index_finds_on_the_seeds(
    folder: Path, seeds: Corpus
) -> None:
    leaders = leaders_of(seeds)
    assert_alike(build(folder, seeds, leaders, per_segment=2), seeds, leaders)


def test_store_index_finds_what_the_memory_index_finds_on_the_wire_dev_half(
    folder: Path, wire_dev: Corpus
) -> None:
    leaders = leaders_of(wire_dev)
    assert_alike(build(folder, wire_dev, leaders, per_segment=7), wire_dev, leaders)


def test_store_index_finds_what_the_memory_index_finds_on_a_synthetic_corpus(
    folder: Path, synthetic: Corpus, synthetic_leaders: Mapping[str, Sequence[str]]
) -> None:
    leaders = synthetic_leaders
    assert_alike(build(folder, synthetic, leaders, per_segment=40), synthetic, leaders)


def test_deleted_articles_are_not_found(folder: Path, wire_dev: Corpus) -> None:
    leaders = leaders_of(wire_dev)
    store = build(folder, wire_dev, leaders, per_segment=5)
    gone = {a.id for a in wire_dev.articles[::3]}
    for article_id in gone:
        store.delete(article_id)
    assert_alike(store, without(wire_dev, gone), leaders)


def test_merged_segments_find_the_same_after_deletions(
    folder: Path, synthetic: Corpus, synthetic_leaders: Mapping[str, Sequence[str]]
) -> None:
    leaders = synthetic_leaders
    store = build(folder, synthetic, leaders, per_segment=10)
    gone = {a.id for a in synthetic.articles[::4]}
    for article_id in gone:
        store.delete(article_id)
    before = store.segments()
    compact(store.conn, store.folder)
    assert store.segments() < before
    assert_alike(store, without(synthetic, gone), leaders)
    dropped = {n for (n,) in store.conn.execute("SELECT number FROM articles")}
    assert len(dropped) == len(synthetic.articles) - len(gone)


def test_compaction_drops_the_sentences_of_deleted_articles(folder: Path, seeds: Corpus) -> None:
    store = build(folder, seeds, {}, per_segment=len(seeds.articles))
    sentences = StoreIndex.open(store.conn, store.folder).sentence_count
    gone = seeds.articles[:2]  # more than a quarter of the segment's sentences
    for article in gone:
        store.delete(article.id)
    compact(store.conn, store.folder)
    index = StoreIndex.open(store.conn, store.folder)
    assert index.sentence_count == sentences - sum(len(a.sentences) for a in gone)


def test_compaction_removes_files_no_segment_names(folder: Path, seeds: Corpus) -> None:
    store = build(folder, seeds, {}, per_segment=1)
    (store.folder / ".half-written.npy.1234.tmp").write_bytes(b"x")
    (store.folder / "000000000000-deadbeef.postings.npy").write_bytes(b"x")
    compact(store.conn, store.folder)
    named = {n for (n,) in store.conn.execute("SELECT name FROM segments")}
    stems = {p.name.split(".")[0] for p in store.folder.iterdir()}
    assert stems == named


def test_a_reader_keeps_searching_while_segments_are_compacted(
    folder: Path, wire_dev: Corpus
) -> None:
    store = build(folder, wire_dev, {}, per_segment=3)
    reader = StoreIndex.open(sqlite3.connect(folder / "library.sqlite"), store.folder)
    before = reader.search("cooperation")
    compact(store.conn, store.folder)
    assert store.segments() == 1
    assert reader.search("cooperation") == before
    fresh = StoreIndex.open(sqlite3.connect(folder / "library.sqlite"), store.folder)
    assert fresh.search("cooperation") == before


def test_opening_rereads_the_segments_when_their_files_vanished(
    folder: Path, wire_dev: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = build(folder, wire_dev, {}, per_segment=3)
    expected = StoreIndex.open(store.conn, store.folder).search("cooperation")
    reader = sqlite3.connect(folder / "library.sqlite")
    real = segments.segment_names
    calls = iter(range(100))

    def compacted_after_reading(conn: sqlite3.Connection) -> list[str]:
        names = real(conn)
        if next(calls) == 0:  # another process compacts between the table and the files
            compact(store.conn, store.folder)
        return names

    monkeypatch.setattr(postings, "segment_names", compacted_after_reading)
    assert StoreIndex.open(reader, store.folder).search("cooperation") == expected


def test_new_words_get_ids_of_their_own_across_segments(folder: Path, seeds: Corpus) -> None:
    store = build(folder, seeds, {}, per_segment=1)
    rows = store.conn.execute("SELECT id, word FROM words").fetchall()
    assert len({i for i, _ in rows}) == len({w for _, w in rows}) == len(rows)
    words = {w for a in seeds.articles for s in a.sentences for w in search_fold(s.text).split()}
    assert {w for _, w in rows} == words


def test_a_vocabulary_held_in_memory_gives_the_ids_the_table_gives(
    tmp_path: Path, seeds: Corpus
) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    asked = build(tmp_path / "a", seeds, {}, per_segment=2)
    held = build(tmp_path / "b", seeds, {}, per_segment=2, vocabulary=segments.Vocabulary())
    query = "SELECT word, id FROM words ORDER BY id"
    assert held.conn.execute(query).fetchall() == asked.conn.execute(query).fetchall()
    for one, two in zip(segments_of(asked), segments_of(held), strict=True):
        for kind in segments.KINDS:
            assert np.array_equal(getattr(one, kind), getattr(two, kind)), kind
    # A vocabulary read from a table that has words already goes on from them.
    stored = dict(asked.conn.execute(query))
    known = next(iter(stored))
    later = segments.Vocabulary()
    first = later.ids(held.conn, {known, "new-word-one"})
    again = later.ids(held.conn, {"new-word-one", "new-word-two"})
    assert first == {known: stored[known], "new-word-one": len(stored)}
    assert again == {"new-word-one": len(stored), "new-word-two": len(stored) + 1}


def segments_of(store: Store) -> list[segments.Segment]:
    names = segment_names(store.conn)
    return sorted(load_segments(store.folder, names), key=lambda s: int(s.sids[0]))


def test_a_merged_segment_holds_what_one_segment_written_at_once_holds(
    tmp_path: Path, wire_dev: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(segments, "TIER_FACTOR", 10_000)  # one tier: all are merged
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    pieces = build(tmp_path / "a", wire_dev, {}, per_segment=5)
    whole = build(tmp_path / "b", wire_dev, {}, per_segment=len(wire_dev.articles))
    compact(pieces.conn, pieces.folder)
    [merged] = load_segments(pieces.folder, segment_names(pieces.conn))
    [written] = load_segments(whole.folder, segment_names(whole.conn))
    assert merged.sids.tolist() == written.sids.tolist()
    assert merged.articles.tolist() == written.articles.tolist()
    ids = {
        name: dict(store.conn.execute("SELECT word, id FROM words"))
        for name, store in (("merged", pieces), ("written", whole))
    }
    for word, written_id in ids["written"].items():
        merged_id = ids["merged"][word]
        assert merged.postings_of(merged_id).tolist() == written.postings_of(written_id).tolist()
    for first, second in [("the", "two"), ("viet", "nam"), ("prime", "minister")]:
        a = merged.pair_postings_of(ids["merged"][first] << 32 | ids["merged"][second])
        b = written.pair_postings_of(ids["written"][first] << 32 | ids["written"][second])
        assert a.tolist() == b.tolist()
        assert len(a) > 0


def test_compaction_on_an_autocommit_connection_is_one_transaction(
    folder: Path, wire_dev: Corpus
) -> None:
    store = build(folder, wire_dev, {}, per_segment=3)
    expected = StoreIndex.open(store.conn, store.folder).search("cooperation")
    store.conn.isolation_level = None  # every statement its own transaction, unless begun
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    compact(store.conn, store.folder)
    writes = [s for s in statements if s.startswith(("INSERT", "DELETE"))]
    assert writes
    assert statements.index("BEGIN IMMEDIATE") < statements.index(writes[0])
    assert StoreIndex.open(store.conn, store.folder).search("cooperation") == expected


def test_leader_finds_articles_by_the_name_the_corpus_gives_the_person(
    folder: Path, seeds: Corpus
) -> None:
    first, second, *_ = seeds.articles
    store = build(folder, seeds, {first.id: ["Xi"], second.id: ["Lâm"]}, per_segment=5)
    index = StoreIndex.open(store.conn, store.folder)
    assert index.articles_matching("leader:jinping") == []
    store.conn.execute("INSERT INTO names VALUES ('Xi', 'Xi Jinping')")
    store.conn.commit()
    index = StoreIndex.open(store.conn, store.folder)
    assert index.articles_matching("leader:jinping") == [first.id]
    assert index.articles_matching("leader:lam") == [second.id]  # đ, â folded: by prefix


def test_an_empty_store_finds_nothing(folder: Path) -> None:
    conn = sqlite3.connect(folder / "library.sqlite")
    conn.executescript(DDL)
    index = StoreIndex.open(conn, folder / "library.segments")
    assert index.search("cooperation") == []
    assert index.search("from:2020") == []
    assert index.articles_matching("leader:xi") == []


def test_a_segment_keeps_each_word_in_its_sentence_and_no_pair_across_sentences(
    folder: Path,
) -> None:
    conn = sqlite3.connect(folder / "library.sqlite")
    conn.executescript(DDL)
    texts = ["", "viet nam", "   ", "nam china", "china"]
    write_segment(conn, folder, 7, [(1, text) for text in texts])
    [segment] = load_segments(folder, segment_names(conn))
    ids = dict(conn.execute("SELECT word, id FROM words"))
    assert {w: segment.postings_of(i).tolist() for w, i in ids.items()} == {
        "viet": [1],
        "nam": [1, 3],
        "china": [3, 4],
    }
    assert segment.sids.tolist() == [7, 8, 9, 10, 11]

    def pair(first: str, second: str) -> list[int]:
        return list(segment.pair_postings_of(ids[first] << 32 | ids[second]).tolist())

    assert (pair("viet", "nam"), pair("nam", "china"), pair("china", "china")) == ([1], [3], [])
    assert pair("nam", "nam") == []


def test_a_segment_of_articles_tokens_indexes_each_sentence(tmp_path: Path, seeds: Corpus) -> None:
    # A worker tokenizes each article (`Tokens`: its own words, sentence ends kept);
    # each word and each pair of neighbours must point at its sentences, once for
    # each time it occurs there.
    conn = sqlite3.connect(tmp_path / "library.sqlite")
    conn.executescript(DDL)
    articles, texts = [], []
    for number, article in enumerate(seeds.articles):
        folded = [search_fold(s.text) for s in article.sentences] + [""]  # an empty one
        articles.append((number, segments.tokenize(folded)))
        texts += [text.split() for text in folded]
    segments.write_tokens(conn, tmp_path, 7, articles)
    (segment,) = load_segments(tmp_path, segment_names(conn))
    ids = dict(conn.execute("SELECT word, id FROM words"))
    assert list(segment.sids) == list(range(7, 7 + len(texts)))
    assert list(segment.articles) == [n for n, t in articles for _ in range(t.sentences)]
    for word, word_id in ids.items():
        expected = [slot for slot, words in enumerate(texts) for w in words if w == word]
        assert list(segment.postings_of(word_id)) == expected, word
    pairs = {(a, b) for words in texts for a, b in itertools.pairwise(words)}
    for first, second in sorted(pairs)[:300]:
        key = ids[first] << segments.PAIR_SHIFT | ids[second]
        expected = [
            slot
            for slot, words in enumerate(texts)
            for pair in itertools.pairwise(words)
            if pair == (first, second)
        ]
        assert list(segment.pair_postings_of(key)) == expected, (first, second)


def test_sorted_words_answer_as_the_dict_they_replace() -> None:
    from tui.core.postings import SortedWords

    words = sorted(["rail", "railway", "trade", "việt", "zone", "đồng"])
    ids = np.array([7, 3, 9, 1, 4, 2])
    mapping = SortedWords(words, ids)
    plain = dict(zip(words, ids.tolist(), strict=True))
    for word in [*words, "rai", "railways", "", "zzz", "a"]:
        assert (word in mapping) == (word in plain)
        assert mapping.get(word) == plain.get(word)
    assert list(mapping) == words and len(mapping) == len(plain)
    assert 3 not in mapping  # type: ignore[comparison-overlap]
    with pytest.raises(KeyError):
        mapping["rai"]
