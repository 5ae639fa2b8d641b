"""A process pool can start inside the running app: multiprocessing's resource
tracker is started with the process's standard error, which Textual replaces with a
stand-in that has no file descriptor ("bad value(s) in fds_to_keep")."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

PROBE = """
import asyncio, sys
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from tui.app import ReadoutApp
from tui.core import load_config

def pooled():
    with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool:
        return pool.submit(abs, -7).result()

async def probe(pilot):
    try:
        found = await asyncio.to_thread(pooled)  # as the refresh worker does
    except Exception as error:
        found = repr(error)
    pilot.app.exit(str(found))

config = load_config(Path(sys.argv[1])).with_overrides(
    corpus=Path(sys.argv[2]), notes=Path(sys.argv[2]) / "notes.md",
    corrections=Path(sys.argv[2]) / "corrections.yaml",
)
app = ReadoutApp(config, state_path=Path(sys.argv[2]) / "state.json")
app.run(headless=True, auto_pilot=probe)
print("pool:", app.return_value)
"""


def test_a_process_pool_starts_inside_the_running_app(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(ROOT / "config.yaml"), str(corpus)],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
    )  # fmt: skip
    assert "pool: 7" in done.stdout, done.stdout + done.stderr
