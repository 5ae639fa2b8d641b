"""`python -m bench` (or `make bench`): run every benchmark and print the figures."""

from __future__ import annotations

from bench import load

load.run()
