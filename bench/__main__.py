"""`python -m bench` (or `make bench`): run every benchmark and print the figures."""

from __future__ import annotations

from bench import extract, load, search

load.run()
extract.run()
search.run()
