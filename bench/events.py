"""Events at 10,000 articles: `python -m bench.events [FOLDER]` builds (or reuses) a
synthetic corpus and its store, then times grouping the store's articles into events
(cold: the file of events beside the store removed; warm: read back from it), the
list grouped by event (`EventPages`: the order and headings, then a page of rows),
and `readout events` as a command. Prints the median of `REPEAT` runs and how many
of the synthetic corpus's event pairs were grouped."""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.synthetic import EVENT_SHARE, generate
from tui.core.config import load_config
from tui.core.store import Library
from tui.core.store.events_cache import cache_path
from tui.widgets.event_pages import EventPages

ARTICLES = 10_000
REPEAT = 5
ROOT = Path(__file__).resolve().parent.parent


def _median(run: Callable[[], object]) -> float:
    times = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _cold(library: Library) -> None:
    cache_path(library.store_path).unlink(missing_ok=True)
    library._events = None
    library.events()


def _warm(library: Library) -> None:
    library._events = None
    library.events()


def _pairs_found(library: Library, seed: int = 2026) -> tuple[int, int]:
    expected = [
        n for n in range(1, ARTICLES, 2) if random.Random(seed * 7_919 + n).random() < EVENT_SHARE
    ]
    of = {report.id: event for event in library.events() for report in event.reports}
    number = {Path(i).name[:6]: i for i in of}
    found = sum(1 for n in expected if of[number[f"{n:06d}"]] is of[number[f"{n - 1:06d}"]])
    return found, len(expected)


def run(folder: Path | None = None) -> None:
    folder = folder or Path(tempfile.mkdtemp(prefix="readout-events-")) / "corpus"
    if not folder.is_dir():
        generate(folder, ARTICLES)
    env = {**os.environ, "XDG_CACHE_HOME": str(folder.parent / "cache")}
    command = [sys.executable, "-m", "tui", "--corpus", str(folder), "events"]
    subprocess.run([*command[:-1], "refresh"], env=env, check=True, capture_output=True)
    os.environ["XDG_CACHE_HOME"] = env["XDG_CACHE_HOME"]
    with Library.open(folder, lexicon=load_config(ROOT / "config.yaml").lexicon) as library:
        print(f"events at {library.count():,} articles (median of {REPEAT})")
        print(f"  grouping, cold              {_median(lambda: _cold(library)):.3f} s")
        print(f"  grouping, read back         {_median(lambda: _warm(library)):.3f} s")
        build = _median(lambda: EventPages.build(library))
        print(f"  list grouped: order         {build:.3f} s (events kept)")
        pages = EventPages.build(library)
        print(f"  list grouped: a page of 200 {_median(lambda: pages.page(5000, 200)):.4f} s")
        found, expected = _pairs_found(library)
        print(f"  synthetic pairs grouped     {found} of {expected}")
    wall = _median(lambda: subprocess.run(command, env=env, check=True, capture_output=True))
    print(f"  `readout events` (process)  {wall:.3f} s")


if __name__ == "__main__":
    run(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
