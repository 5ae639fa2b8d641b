"""Every commitment at 10,000 articles: the store's `commitments` tables (a page and
the facet counts of a narrowing, what the Commitments screen asks for) against the
simple approach measured in the same run: every stored extraction's JSON parsed,
sides worked out, filtered and counted in Python.

    python -m bench.commitments                      # a synthetic corpus, a new store
    python -m bench.commitments --corpus DIR --store PATH   # an existing one

Prints the median of a few runs of each narrowing, in ms, and their ratio.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from bench.synthetic import write_corpus
from tui.core.config import load_config
from tui.core.query import search_fold
from tui.core.store import Library
from tui.core.store.commitment_query import FACETS, CommitmentQuery
from tui.core.store.commitments import sides_of

NARROWINGS = {
    "everything": CommitmentQuery(),
    "side Việt Nam, proposals": CommitmentQuery(side="Việt Nam", kind="proposal"),
    "words 'railway viet'": CommitmentQuery(text="railway viet"),
    "2025 H1, topic maritime": CommitmentQuery(
        topic="maritime", since=dt.date(2025, 1, 1), until=dt.date(2025, 6, 30)
    ),
    "actor Tô Lâm": CommitmentQuery(actor="Tô Lâm"),
}


def median_ms(run: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def with_store(library: Library, query: CommitmentQuery) -> tuple[int, int]:
    """What the screen reads: the facet counts (uncached) and the first page."""
    library._facets.clear()
    facets = library.commitment_facets(query)
    return facets.total, len(library.commitments(query, 0, 100))


def simple(library: Library, query: CommitmentQuery) -> tuple[int, int]:
    """Every extraction parsed, then narrowed, counted and sorted in Python."""
    ids = [s.id for s in library.articles()]
    dates = {s.id: s.date for s in library.articles()}
    words = search_fold(query.text).split()
    rows, counts = [], {facet: Counter[str]() for facet in FACETS}
    for article_id, extraction in library.extractions(ids).items():
        countries = {leader.name: leader.country for leader in extraction.leaders}
        date = dates[article_id]
        for c in extraction.commitments:
            if words and not all(w in search_fold(c.text) for w in words):
                continue
            if (query.since or query.until) and (
                date is None
                or (query.since and date < query.since)
                or (query.until and date > query.until)
            ):
                continue
            values = {"actor": c.actors, "side": sides_of(c.actors, countries),
                      "kind": (c.kind,), "topic": c.topics}  # fmt: skip
            if all(query.chosen(f) in (None, *values[f]) for f in FACETS):
                rows.append((date or dt.date.min, article_id, c))
                for facet in FACETS:
                    counts[facet].update(values[facet])
    rows.sort(key=lambda row: row[0], reverse=True)
    return len(rows), min(len(rows), 100)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--store", type=Path)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    lexicon = load_config(None).lexicon
    with tempfile.TemporaryDirectory() as folder:
        corpus = args.corpus or write_corpus(Path(folder) / "corpus", args.articles)
        store = args.store or Path(folder) / "library.sqlite"
        with Library.open(corpus, lexicon=lexicon, store=store) as library:
            started = time.perf_counter()
            library.refresh()
            print(f"store up to date in {time.perf_counter() - started:.1f} s;"
                  f" {library.commitment_facets().total:,} commitments")  # fmt: skip
            for name, query in NARROWINGS.items():
                fast = median_ms(lambda q=query: with_store(library, q), args.repeats)  # type: ignore[misc]
                slow = median_ms(lambda q=query: simple(library, q), 1)  # type: ignore[misc]
                assert with_store(library, query)[0] == simple(library, query)[0], name
                print(
                    f"{name:28} store {fast:7.1f} ms   simple {slow:8.1f} ms   x{slow / fast:.0f}"
                )


if __name__ == "__main__":
    main()
