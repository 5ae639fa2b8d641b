"""What `readout` loads to answer: a command on an unchanged library imports neither
the machinery that reads files (the worker pool, the refresh) nor what other commands
need; `tui.core` exports its names lazily; tables computed at import are read instead."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS
from tui.core import controls
from tui.core.store import fingerprint, schema
from tui.core.store.checks import CHECKED, FullCheck

PROBE = """
import json, sys
from tui.cli import main
code = main(sys.argv[1:])
sys.stdout.flush()
print("MODULES " + json.dumps(sorted(sys.modules)), file=sys.stderr)
raise SystemExit(code)
"""

NOT_NEEDED = (
    "tui.core.store.refresh",  # reading files: only when something changed
    "tui.core.store.reading",
    "multiprocessing",
    "concurrent.futures",
    "tui.core.notes",  # other commands'
    "tui.core.notes_store",
    "textual",
)


def loaded_by(*args: str) -> tuple[str, set[str]]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    line = next(x for x in result.stderr.splitlines() if x.startswith("MODULES "))
    return result.stdout, set(json.loads(line[len("MODULES ") :]))


@pytest.fixture
def settled_store(tmp_path: Path) -> Path:
    """The seeds' store, refreshed, whose last full check counts as recent and costly
    (so that a command skips it, as on a large library)."""
    store = tmp_path / "library.sqlite"
    subprocess.run(
        [sys.executable, "-m", "tui", "--corpus", str(SEEDS), "--library", str(store), "refresh"],
        check=True, capture_output=True, cwd=ROOT,
    )  # fmt: skip
    with closing(schema.connect(store)) as conn:
        checked = FullCheck.read(conn)
        assert checked is not None
        recent = FullCheck(time.time(), 10.0, checked.lexicon)
        with schema.writing(conn):
            schema.set_meta(conn, CHECKED, recent.to_json())
    return store


def test_a_search_of_an_unchanged_library_imports_only_what_it_needs(
    settled_store: Path,
) -> None:
    common = ["--corpus", str(SEEDS), "--library", str(settled_store)]
    out, modules = loaded_by(*common, "search", "standard gauge railway")
    assert "railway" in out
    unwanted = {m for m in modules if any(m == n or m.startswith(f"{n}.") for n in NOT_NEEDED)}
    assert unwanted == set()


def test_a_changed_library_is_still_refreshed_by_a_search(
    settled_store: Path, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "one.txt").write_text(
        "2025-01-02 — Rail link\nThe standard gauge railway opens.\n", encoding="utf-8"
    )
    store = tmp_path / "other.sqlite"
    common = ["--corpus", str(corpus), "--library", str(store)]
    assert "Rail link" in loaded_by(*common, "search", "railway")[0]
    (corpus / "two.txt").write_text(
        "2025-01-03 — Port deal\nThe deep-water port is signed.\n", encoding="utf-8"
    )
    out, modules = loaded_by(*common, "search", "deep-water port")
    assert "Port deal" in out and "tui.core.store.refresh" in modules


READING = """
import sys
from pathlib import Path
from tui.core.extract.lexicon import Lexicon
from tui.core.store.manifest import ReadJob
from tui.core.store.reading import read_file
file = sorted(Path(sys.argv[1]).glob("*.txt"))[0]
read_file(ReadJob(file.name, file, None, True), Lexicon())
print(" ".join(sys.modules[m].__file__ or "" for m in sys.modules if m.startswith("tui.")))
"""

NOT_THE_ARTICLE = {"cancel.py", "candidates.py", "lazy.py", "postings.py", "ranking.py",
                   "search.py", "segments.py", "synonyms.py", "__init__.py"}  # fmt: skip
"""Modules reading loads that search or the store use, not what an article is."""


def test_every_module_that_makes_an_article_is_in_the_rules_fingerprint() -> None:
    # A change to any of them must extract every article again.
    found = subprocess.run(
        [sys.executable, "-c", READING, str(SEEDS)], capture_output=True, text=True, check=True
    ).stdout.split()
    loaded = {Path(path).resolve() for path in found if "/store/" not in path}
    wanted = {path for path in loaded if path.name not in NOT_THE_ARTICLE}
    assert wanted and wanted <= {path.resolve() for path in fingerprint.fingerprinted()}


def test_the_control_characters_read_at_start_are_those_a_scan_finds() -> None:
    assert controls._scan_unsafe() == controls._UNSAFE


def test_every_name_tui_core_exports_is_there() -> None:
    import tui.core

    assert sorted(tui.core.__all__) == sorted(tui.core._WHERE)
    for name in tui.core.__all__:
        assert getattr(tui.core, name) is not None
    with pytest.raises(AttributeError):
        _ = tui.core.no_such_name  # type: ignore[attr-defined]
