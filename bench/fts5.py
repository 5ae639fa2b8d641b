"""Candidates from the store: SQLite FTS5 against memory-mapped posting arrays.

`python -m bench.fts5 [--articles 10000 100000]` builds one store of synthetic
articles (`bench.synthetic`) holding both indexes over the same folded sentences:

* postings: `tui.core.segments` (posting arrays in `.npy` files, one segment per batch
  of 1,000 articles, compacted), searched by `tui.core.postings.StoreIndex`;
* FTS5 (SQLite 3.40 features only): a contentless table (`content=''`, rowid = the
  sentence id) over the pre-folded sentences, its vocabulary from `fts5vocab`, each
  spelling's sentences from `MATCH '"word"'` and each pair's from `MATCH '"a b"'`.

Both run today's cheap scoring and ranking (`tui.core.candidates`), so only where the
candidates come from differs. Prints the build time, size on disk, open time, p50/p95
per query over `bench.search.QUERIES` and resident memory (each index opened and
searched in a fresh process), and the ratios.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from functools import cached_property
from pathlib import Path

import numpy as np

from bench.search import QUERIES, percentile
from bench.synthetic import write_corpus
from tui.core.corpus import Article, parse_article
from tui.core.corpus_files import article_id, find_article_files
from tui.core.postings import LiveArticles, StoreIndex
from tui.core.query import search_fold
from tui.core.segments import Segment, compact, write_segment
from tui.core.store.schema import DDL

BATCH = 1_000
"""Articles per transaction (and per segment), as a refresh writes them."""

FTS = """
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(
    text, content='', tokenize='unicode61 remove_diacritics 0'
);
CREATE VIRTUAL TABLE IF NOT EXISTS fts_vocab USING fts5vocab(fts, 'row');
-- Which article each sentence is in: from a covering index, not the rows (their text).
CREATE INDEX IF NOT EXISTS articles_by_first_sentence ON articles (first_sentence);
"""


def synthetic(folder: Path, count: int) -> Iterator[Article]:
    """`count` synthetic articles (`bench.synthetic.write_corpus` into `folder`), parsed
    one at a time: the corpus is never all in memory."""
    root = write_corpus(folder, count)
    for file in find_article_files(root).files:
        article, _ = parse_article(article_id(root, file), file, file.read_text("utf-8"))
        if article is not None:
            yield article


def _insert(conn: sqlite3.Connection, article: Article, first: int) -> int:
    date = article.date
    offsets = np.asarray([(s.start, s.end) for s in article.sentences], dtype=np.int32)
    cursor = conn.execute(
        "INSERT INTO articles (id, file, date, day, title, shown_title, place, source, words,"
        " text, paragraphs, sentences, first_sentence, legacy_path, legacy_stem, lexicon)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, x'', ?, ?, '', '', '')",
        (
            article.id,
            str(article.file),
            date.isoformat() if date else None,
            date.toordinal() if date else -1,
            article.title,
            article.title,
            article.place,
            article.source,
            article.words,
            article.text,
            offsets.tobytes(),
            first,
        ),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def build(store: Path, count: int) -> dict[str, float]:
    """Write the articles, then time each index over them: seconds per index."""
    conn = sqlite3.connect(store)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.executescript(DDL + FTS)
    folder = store.with_suffix(".segments")
    times = {"articles": 0.0, "postings": 0.0, "fts5": 0.0}
    articles = synthetic(store.parent / "corpus", count)
    sid = 0
    while batch := [a for _, a in zip(range(BATCH), articles, strict=False)]:
        started = time.perf_counter()
        first = sid
        rows: list[tuple[int, str]] = []
        for article in batch:
            number = _insert(conn, article, sid)
            folded = search_fold(article.text)
            rows += [(number, folded[s.start : s.end]) for s in article.sentences]
            sid += len(article.sentences)
        times["articles"] += time.perf_counter() - started
        started = time.perf_counter()
        write_segment(conn, folder, first, rows)
        conn.commit()
        times["postings"] += time.perf_counter() - started
        started = time.perf_counter()
        conn.executemany(
            "INSERT INTO fts (rowid, text) VALUES (?, ?)",
            ((first + i, text) for i, (_, text) in enumerate(rows)),
        )
        conn.commit()
        times["fts5"] += time.perf_counter() - started
    started = time.perf_counter()
    compact(conn, folder)
    times["postings"] += time.perf_counter() - started
    started = time.perf_counter()
    conn.execute("INSERT INTO fts (fts) VALUES ('optimize')")
    conn.commit()
    times["fts5"] += time.perf_counter() - started
    conn.close()
    return times


def sizes(store: Path) -> dict[str, int]:
    """Bytes on disk of each index (FTS5's shadow tables; segment files + `words`)."""
    conn = sqlite3.connect(store)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def pages(pattern: str) -> int:
        query = "SELECT COALESCE(SUM(pgsize), 0) FROM dbstat WHERE name LIKE ?"
        return int(conn.execute(query, (pattern,)).fetchone()[0])

    words = pages("words") + pages("sqlite_autoindex_words%")
    files = sum(p.stat().st_size for p in store.with_suffix(".segments").iterdir())
    result = {
        "postings": files + words,
        "fts5": pages("fts%"),
        "articles": pages("articles") + pages("sqlite_autoindex_articles%"),
    }
    conn.close()
    return result


class FtsIndex(StoreIndex):
    """`StoreIndex` with its postings read from the FTS5 table instead of segments."""

    @classmethod
    def open_fts(cls, conn: sqlite3.Connection) -> FtsIndex:
        rows = conn.execute(
            "SELECT number, first_sentence FROM articles ORDER BY first_sentence"
        ).fetchall()
        numbers, firsts = (np.asarray(c, dtype=np.int64) for c in zip(*rows, strict=True))
        (end,) = conn.execute("SELECT MAX(id) + 1 FROM fts_docsize").fetchone()
        counts = np.diff(firsts, append=end)
        sids = np.arange(int(firsts[0]), int(end), dtype=np.int64)
        empty = np.zeros(0, dtype=np.int64)
        whole = Segment("fts", empty, empty, empty, empty, empty, sids, np.repeat(numbers, counts))
        index = cls(conn, [whole], LiveArticles.read(conn))
        index._first_sid = int(firsts[0])
        return index

    _first_sid = 0

    @cached_property
    def _vocabulary(self) -> tuple[dict[str, int], list[str]]:
        terms = [t for (t,) in self._conn.execute("SELECT term FROM fts_vocab ORDER BY term")]
        return {term: number for number, term in enumerate(terms)}, terms

    def _rowids(self, match: str) -> np.ndarray:
        found = self._conn.execute("SELECT rowid FROM fts WHERE fts MATCH ?", (match,))
        return np.fromiter((r for (r,) in found), dtype=np.int64) - self._first_sid

    def _postings_of(self, word_id: int) -> np.ndarray:
        return self._rowids(f'"{self._sorted_vocabulary[word_id]}"')

    def _pair_postings_of(self, first: int, second: int) -> np.ndarray:
        words = self._sorted_vocabulary
        return self._rowids(f'"{words[first]} {words[second]}"')


def _rss() -> dict[str, int]:
    """Resident memory of this process (all, anonymous, file-backed: mapped segment
    pages the kernel may drop) and its peak, bytes."""
    found: dict[str, int] = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM", "RssAnon", "RssFile"):
            found[key] = int(value.split()[0]) * 1024
    return found


def measure(kind: str, store: Path, repeats: int) -> dict[str, object]:
    """Open one index and run the queries (in a fresh process: memory is its own)."""
    start = _rss()
    before = start["VmRSS"]
    started = time.perf_counter()
    conn = sqlite3.connect(store)
    if kind == "postings":
        index: StoreIndex = StoreIndex.open(conn, store.with_suffix(".segments"))
    else:
        index = FtsIndex.open_fts(conn)
    opened = time.perf_counter() - started
    started = time.perf_counter()
    first = [h.as_dict() for h in index.search(QUERIES[0], limit=10)]
    first_search = time.perf_counter() - started
    latencies: list[float] = []
    hits: dict[str, list[object]] = {}
    for query in QUERIES:
        for _ in range(repeats):
            started = time.perf_counter()
            found = index.search(query, limit=10)
            latencies.append(time.perf_counter() - started)
        hits[query] = [(h.article_id, h.start, round(h.score, 6)) for h in found]
    memory = _rss()
    return {
        "open": opened,
        "first_search": first_search,
        "p50": percentile(latencies, 0.5),
        "p95": percentile(latencies, 0.95),
        "rss": memory["VmRSS"] - before,
        "peak": memory["VmHWM"],
        "anon": memory["RssAnon"] - start["RssAnon"],
        "file": memory["RssFile"] - start["RssFile"],
        "hits": hits,
        "first": len(first),
    }


def _child(kind: str, store: Path, repeats: int) -> dict[str, object]:
    command = [sys.executable, "-m", "bench.fts5", "--measure", kind, str(store)]
    command += ["--repeats", str(repeats)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"bench.fts5 --measure {kind} failed:\n{done.stderr}")
    result: dict[str, object] = json.loads(done.stdout)
    return result


def run(articles: int = 10_000, repeats: int = 3) -> None:
    with tempfile.TemporaryDirectory(dir="/tmp") as folder:
        store = Path(folder) / "library.sqlite"
        built = build(store, articles)
        disk = sizes(store)
        figures = {kind: _child(kind, store, repeats) for kind in ("postings", "fts5")}
    same = figures["postings"].pop("hits") == figures["fts5"].pop("hits")
    got = {kind: {k: float(v) for k, v in f.items()} for kind, f in figures.items()}  # type: ignore[arg-type]
    print(f"store candidates: {articles} articles, {len(QUERIES)} queries x {repeats}")
    print(f"  articles table   {built['articles']:8.2f} s  {disk['articles'] / 2**20:8.0f} MiB")
    for name, kind in (("posting arrays", "postings"), ("FTS5", "fts5")):
        one = got[kind]
        print(
            f"  {name:15s}  build {built[kind]:7.2f} s  disk {disk[kind] / 2**20:6.0f} MiB"
            f"  open {one['open'] * 1000:6.0f} ms"
            f"  first search {one['first_search'] * 1000:6.0f} ms"
            f"  p50 {one['p50'] * 1000:7.1f} ms  p95 {one['p95'] * 1000:7.1f} ms"
            f"  resident +{one['rss'] / 2**20:4.0f} MiB (anonymous +{one['anon'] / 2**20:4.0f},"
            f" mapped files +{one['file'] / 2**20:4.0f}; peak {one['peak'] / 2**20:4.0f} MiB)"
        )
    fts, post = got["fts5"], got["postings"]
    print(
        f"  FTS5 / postings  build {built['fts5'] / built['postings']:5.1f}x"
        f"  disk {disk['fts5'] / disk['postings']:5.1f}x  p50 {fts['p50'] / post['p50']:5.1f}x"
        f"  p95 {fts['p95'] / post['p95']:5.1f}x  resident {fts['rss'] / max(post['rss'], 1):5.1f}x"
        f"  same hits: {same}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--measure", nargs=2, metavar=("KIND", "STORE"))
    args = parser.parse_args()
    if args.measure:
        kind, store = args.measure
        print(json.dumps(measure(kind, Path(store), args.repeats)))
        return
    for count in args.articles:
        run(count, args.repeats)


if __name__ == "__main__":
    main()
