"""Search at 10,000 articles: the index against an exhaustive scan that scores every
sentence with the same rapidfuzz-based ranking (the simple approach). Prints build
time and memory, p50 and p95 latency of both, their ratio, and the overlap of their
top-10s."""

from __future__ import annotations

import statistics
import tempfile
import time
import tracemalloc
from pathlib import Path

from bench.synthetic import write_corpus
from tui.core import load_corpus
from tui.core.search import SearchIndex

QUERIES = (
    "three railway lines",
    "standard gauge",
    "standart gauge railway",
    "railway standard-gauge",
    "to lam tea party",
    "UNCLOS",
    "doi moi",
    "humanistc exchange",
    "agricultural products imports",
    "people-to-people exchanges youth",
    '"strategic significance" community',
    "cooperation !railway from:2020 to:2022",
)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def timed(run: object) -> tuple[float, object]:
    started = time.perf_counter()
    result = run()  # type: ignore[operator]
    return time.perf_counter() - started, result


def run(articles: int = 10_000, repeats: int = 3) -> None:
    with tempfile.TemporaryDirectory() as folder:
        corpus = load_corpus(write_corpus(Path(folder), articles))
    build, index = timed(lambda: SearchIndex(corpus))
    assert isinstance(index, SearchIndex)
    tracemalloc.start()  # a second build, traced: tracing slows it, so it is not timed
    SearchIndex(corpus)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    fast: list[float] = []
    slow: list[float] = []
    overlaps: list[float] = []
    for query in QUERIES:
        for _ in range(repeats):
            elapsed, hits = timed(lambda q=query: index.search(q, limit=10))  # type: ignore[misc]
            fast.append(elapsed)
        elapsed, scanned = timed(lambda q=query: index.exhaustive(q, limit=10))  # type: ignore[misc]
        slow.append(elapsed)
        ours = {(h.article_id, h.start) for h in hits}  # type: ignore[attr-defined]
        theirs = {(h.article_id, h.start) for h in scanned}  # type: ignore[attr-defined]
        overlaps.append(len(ours & theirs) / len(theirs) if theirs else 1.0)
    print(f"search: {articles} articles, {index.sentence_count} sentences, {len(QUERIES)} queries")
    print(f"  index build     {build:8.2f} s   peak memory while building "
          f"{peak / 2**20:.0f} MiB (arrays kept: {index.array_bytes / 2**20:.0f} MiB)")  # fmt: skip
    print(f"  index search    p50 {percentile(fast, 0.5) * 1000:7.1f} ms   "
          f"p95 {percentile(fast, 0.95) * 1000:7.1f} ms")  # fmt: skip
    print(f"  exhaustive scan p50 {percentile(slow, 0.5) * 1000:7.1f} ms   "
          f"p95 {percentile(slow, 0.95) * 1000:7.1f} ms")  # fmt: skip
    ratio = statistics.median(slow) / statistics.median(fast)
    print(f"  ratio           {ratio:8.1f}x faster than the scan (p50)")
    print(f"  top-10 overlap  {statistics.mean(overlaps):8.2f} (lowest {min(overlaps):.2f})")


if __name__ == "__main__":
    run()
