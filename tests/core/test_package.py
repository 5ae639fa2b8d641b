"""`tui.core` as the README uses it: its names importable, in any order, without cycles."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT, SEEDS

# Each module imported first, in a clean slate: a cycle fails whichever way it is entered.
IMPORT_EACH_FIRST = """
import importlib, pkgutil, sys
import tui.core
names = ["tui.core"] + [
    m.name for m in pkgutil.walk_packages(tui.core.__path__, "tui.core.")
]
for name in names:
    for loaded in [m for m in sys.modules if m == "tui" or m.startswith("tui.")]:
        del sys.modules[loaded]
    importlib.import_module(name)
print(len(names))
"""


def test_every_core_module_imports_first_without_a_cycle() -> None:
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_EACH_FIRST], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) > 10


def test_the_readme_example_runs() -> None:
    example = f"""
from tui.core import load_corpus

corpus = load_corpus({str(SEEDS)!r})
for article in corpus.articles:
    print(article.date, article.id, article.title, len(article.sentences))
print(corpus.warnings)

from tui.core import SearchIndex
for hit in SearchIndex(corpus).search("standart gauge railway", limit=5):
    print(hit.article_id, hit.score, hit.text[:60], hit.matches)
"""
    result = subprocess.run(
        [sys.executable, "-c", example], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) > 6  # five articles, the warnings, some hits
