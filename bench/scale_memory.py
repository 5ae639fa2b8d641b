"""Today's in-memory approach, timed in a process of its own (`bench.scale` starts it):
what the app and the CLI did on every start before the library store.

    python -m bench.scale_memory app CORPUS QUERY SCRATCH
        load_corpus (the list is shown), SearchIndex (search is ready), one search
        (answered), extract_corpus (the panels are filled)
    python -m bench.scale_memory cli CORPUS QUERY SCRATCH
        load_corpus and the list as JSON (`readout list --json`), SearchIndex and the
        search (`readout search QUERY`)

The last line printed is `BENCH {json}`: time.monotonic() at each step (the clock is
the machine's, so the parent subtracts the moment it started the process) and the
peak resident memory in bytes.
"""

import time

STARTED = time.monotonic()  # before any other import: they are part of the start

import json  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

from bench.scale_config import bench_config  # noqa: E402


def peak_memory() -> int:
    """This process's peak resident memory in bytes (Linux counts in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def report(figures: dict[str, float]) -> None:
    figures = {"started": STARTED, **figures, "peak_memory": peak_memory()}
    print("BENCH " + json.dumps(figures), flush=True)


def app(corpus: Path, query: str, scratch: Path) -> None:
    import tui.app  # noqa: F401  (the app imports Textual before anything is shown)
    from tui.core import load_corpus
    from tui.core.extract import extract_corpus
    from tui.core.search import SearchIndex

    config, lexicon = bench_config(corpus, scratch)
    loaded = load_corpus(corpus, lexicon=lexicon)
    listed = time.monotonic()
    index = SearchIndex(loaded, synonyms=config.synonyms)
    ready = time.monotonic()
    hits = index.search(query, limit=100)
    answered = time.monotonic()
    extract_corpus(loaded, lexicon)
    report(
        {"list": listed, "search_ready": ready, "search": answered,
         "panels": time.monotonic(), "hits": len(hits)}
    )  # fmt: skip


def cli(corpus: Path, query: str, scratch: Path) -> None:
    from tui.core import load_corpus
    from tui.core.search import SearchIndex

    config, lexicon = bench_config(corpus, scratch)
    loaded = load_corpus(corpus, lexicon=lexicon)
    with open(scratch / "list.json", "w", encoding="utf-8") as out:
        json.dump([article.summary() for article in loaded.articles], out, ensure_ascii=False)
    listed = time.monotonic()
    hits = SearchIndex(loaded, synonyms=config.synonyms).search(query, limit=20)
    report({"list": listed, "search": time.monotonic(), "hits": len(hits)})


if __name__ == "__main__":
    command, folder, words, where = sys.argv[1:5]
    {"app": app, "cli": cli}[command](Path(folder), words, Path(where))
