"""`python -m bench` (or `make bench`): run every benchmark and print the figures."""

from __future__ import annotations

from bench import extract, load

load.run()
extract.run()
