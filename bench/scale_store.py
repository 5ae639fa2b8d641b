"""The library store, timed in a process of its own (`bench.scale` starts it; the store
lives where XDG_CACHE_HOME says, so every process finds the same one).

    python -m bench.scale_store build CORPUS SCRATCH      cold build on two cores
    python -m bench.scale_store app CORPUS QUERY SCRATCH  the app, headless: launch to
        the list having rows, then / and a query pasted on the search screen to its results
    python -m bench.scale_store searches CORPUS SCRATCH   Library.search over the queries
    python -m bench.scale_store add CORPUS SCRATCH        100 more files: time until
        listed and searchable

The last line printed is `BENCH {json}` (see bench.scale_memory).
"""

import time

STARTED = time.monotonic()  # before any other import: they are part of the start

import asyncio  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

from bench.scale_config import bench_config  # noqa: E402
from bench.scale_memory import peak_memory  # noqa: E402

ADDED = 100
DEADLINE = 600.0  # seconds the app may take to show the list or answer


def report(figures: dict[str, Any]) -> None:
    import json

    figures = {"started": STARTED, **figures, "peak_memory": peak_memory()}
    print("BENCH " + json.dumps(figures), flush=True)


def build(corpus: Path, scratch: Path) -> None:
    from tui.core.store.library import Library
    from tui.core.store.model import RefreshProgress

    config, lexicon = bench_config(corpus, scratch)
    began = time.monotonic()
    updates: list[RefreshProgress] = []
    with Library.open(corpus, lexicon=lexicon, synonyms=config.synonyms) as library:
        library.refresh(updates.append, workers=2)
        built = time.monotonic()
        phases = sorted({update.phase for update in updates})
        report({"began": began, "built": built, "articles": library.count(),
                "progress_updates": len(updates), "phases": phases})  # fmt: skip


def _rows(app: Any) -> int:
    """How many rows the article list shows: 0 until it shows one (an article under
    its cursor, for the virtual list; options, for a list of options)."""
    from tui.widgets.article_list import ArticleList

    for widget in app.screen.query(ArticleList):
        if hasattr(widget, "cursor_id"):
            return int(widget.pages.count()) if widget.cursor_id is not None else 0
        return int(getattr(widget, "option_count", 0))
    return 0


def _answered(app: Any, query: str) -> bool:
    """The search screen shows hits for `query` and has no search still running."""
    from textual.widgets import Input

    from tui.screens.search import SearchScreen

    screen = app.screen
    if not isinstance(screen, SearchScreen):
        return False
    busy = any(worker.node is screen and worker.is_running for worker in app.workers)
    typed = screen.query_one(Input).value
    return typed == query and bool(getattr(screen, "hits", None)) and not busy


async def _drive(app: Any, query: str) -> dict[str, float]:
    from textual.widgets import Input

    async with app.run_test(size=(120, 40)) as pilot:
        deadline = time.monotonic() + DEADLINE
        while not (rows := _rows(app)):
            if time.monotonic() > deadline:
                raise SystemExit(f"the article list showed no row in {DEADLINE:.0f} s")
            await pilot.pause(0.005)
        listed = time.monotonic()
        await pilot.press("slash")
        # The query arrives at once, as pasted: typed key by key through the pilot,
        # each key's search and repaint would be timed (3.6 s for 22 keys at 2,000).
        app.screen.query_one(Input).value = query
        while not _answered(app, query):
            if time.monotonic() > deadline:
                raise SystemExit(f"no results for {query!r} in {DEADLINE:.0f} s")
            await pilot.pause(0.005)
        answered = time.monotonic()
        app.exit()
    return {"list": listed, "search": answered, "rows": rows}


def app(corpus: Path, query: str, scratch: Path) -> None:
    from tui.cli import reader_app  # as `readout` makes it

    config, _ = bench_config(corpus, scratch)
    figures = asyncio.run(_drive(reader_app(config, scratch / "state.json"), query))
    report(figures)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def searches(corpus: Path, scratch: Path, repeats: int = 3) -> None:
    from bench.search import QUERIES
    from tui.core.store.library import Library

    config, lexicon = bench_config(corpus, scratch)
    with Library.open(corpus, lexicon=lexicon, synonyms=config.synonyms) as library:
        opened = time.monotonic()
        timings = []
        for query in QUERIES:
            for _ in range(repeats):
                began = time.perf_counter()
                library.search(query, limit=20)
                timings.append(time.perf_counter() - began)
    report({"opened": opened, "p50": percentile(timings, 0.5),
            "p95": percentile(timings, 0.95), "mean": statistics.mean(timings)})  # fmt: skip


def _opening_phrase(text: str) -> str:
    """The first twenty words of an article's body after its dateline, as a quoted
    phrase: with the names of both sides. (Ten words, "Chairman of the National
    Assembly of China Liu Jiechi met", were in hundreds of older articles, newer ones
    among them, and the new one was not in the first 20 hits.)"""
    body = text.split("\n---\n", 1)[1] if text.startswith("---") else text.split("\n", 1)[1]
    lead = body.split("\n\n", 1)[0].split(" — ", 1)[-1]
    return '"' + " ".join(lead.replace('"', "").split()[:20]) + '"'


def add(corpus: Path, scratch: Path) -> None:
    from bench.synthetic import write_article
    from tui.core.store.library import Library

    config, lexicon = bench_config(corpus, scratch)
    with Library.open(corpus, lexicon=lexicon, synonyms=config.synonyms) as library:
        before = library.count()
        old = set(corpus.rglob("*_synthetic.*"))
        first = len(old)  # articles 0 .. first - 1 are there
        texts = [write_article(corpus, number, 2026) for number in range(first, first + ADDED)]
        new = {
            path.relative_to(corpus).as_posix() for path in set(corpus.rglob("*_synthetic.*")) - old
        }
        began = time.monotonic()
        library.refresh()
        listed = library.count()
        phrase = _opening_phrase(texts[-1])
        hits = library.search(phrase, limit=20)
        ended = time.monotonic()
    report({"began": began, "ended": ended, "before": before, "after": listed,
            "found": any(hit.article_id in new for hit in hits), "phrase": phrase})  # fmt: skip


if __name__ == "__main__":
    command, folder, *rest = sys.argv[1:]
    corpus = Path(folder)
    if command == "build":
        build(corpus, Path(rest[0]))
    elif command == "app":
        app(corpus, rest[0], Path(rest[1]))
    elif command == "searches":
        searches(corpus, Path(rest[0]))
    elif command == "add":
        add(corpus, Path(rest[0]))
    else:
        raise SystemExit(f"unknown command {command}")
