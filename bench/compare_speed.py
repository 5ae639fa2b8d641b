"""How long `Library.compare` takes on a corpus (the app's Compare screen and
`readout compare` wait for it), and listing every article for the Compare picker.

    XDG_CACHE_HOME=/tmp/cache python -m bench.compare_speed CORPUS [--pairs 20]

The corpus's store is made (or brought up to date) first. Pairs are neighbours in
the list, newest first. Prints the first comparison (which opens the search index)
and the median and slowest of the next ones.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from tui.core.config import load_config
from tui.core.store import Library

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--pairs", type=int, default=20)
    args = parser.parse_args(argv)
    config = load_config(ROOT / "config.yaml")
    with Library.open(args.corpus, lexicon=config.lexicon, synonyms=config.synonyms) as library:
        library.refresh(scan="when_due")
        ids = [a.id for a in library.articles(0, 2 * args.pairs)]
        times = []
        for first, second in zip(ids[::2], ids[1::2], strict=False):
            start = time.perf_counter()
            library.compare(first, second)
            times.append(time.perf_counter() - start)
        start = time.perf_counter()
        listed = 0
        while page := library.articles(listed, 2000):
            listed += len(page)
        listing = time.perf_counter() - start
    rest = times[1:] or times
    print(
        f"{listed} articles: first compare {times[0]:.3f} s, then median"
        f" {statistics.median(rest):.3f} s, slowest {max(rest):.3f} s;"
        f" listing {listed} articles for the picker {listing:.3f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
