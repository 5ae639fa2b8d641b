"""`python -m bench` (or `make bench`): run every benchmark and print the figures.

The scale benchmark (bench.scale) runs last, at 10,000 and 100,000 articles with the
in-memory approach beside the store: at 100,000 that alone takes about half an hour
and 10 GB. `BENCH_SIZES=10000` or `BENCH_MEMORY=0` make it shorter (see bench.scale).
"""

from __future__ import annotations

from bench import extract, load, scale, search

if __name__ == "__main__":  # the store's worker processes import this module again
    load.run()
    extract.run()
    search.run()
    scale.main()
