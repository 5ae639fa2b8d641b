"""The import's edges: what loads when, stopping between sources, nothing half-written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.core.importing.web import DATA
from tui.core.cancel import Cancelled
from tui.core.importing import import_sources


def test_heavy_libraries_load_only_when_a_page_is_read() -> None:
    probe = (
        "import sys, tui.cli, tui.core.importing; "
        "heavy = ('trafilatura', 'feedparser', 'lxml', 'urllib.request', 'htmldate'); "
        "print(','.join(sorted(m for m in heavy if m in sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_stopping_between_sources_writes_nothing_more(tmp_path: Path) -> None:
    sources = [str(DATA / "xinhua-style.html"), str(DATA / "wire-style.html")]
    outcomes = import_sources(sources, to=tmp_path, should_stop=lambda: len(written) >= 1)
    written = []
    with pytest.raises(Cancelled):
        for outcome in outcomes:
            written.append(outcome)
    assert [p.suffix for p in tmp_path.iterdir() if not p.name.startswith(".")] == [".md"]


def test_a_failed_write_leaves_no_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "link", full_disk)
    (outcome,) = import_sources([str(DATA / "xinhua-style.html")], to=tmp_path)
    assert outcome.reason == f"cannot write to {tmp_path}: No space left on device"
    assert [p.name for p in tmp_path.iterdir()] == [".readout-import.lock"]
