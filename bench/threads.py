"""Commitment threads at 10,000 articles, in CPU seconds: linking them cold (the file
of threads beside the store removed), reading them back from that file, `readout
threads` as a command (warm), and the app's `t` until the first rows are shown (warm).

    python -m bench.threads [FOLDER] [--cache DIR] [--old REV] [--repeat N]

FOLDER is made with `bench.synthetic` when missing (10,000 articles), its store in
DIR (`XDG_CACHE_HOME`, by default beside FOLDER). With `--old REV` (a git revision),
the same figures are measured in the same run for that revision's `tui` (taken with
`git archive` into a temporary folder) and the ratio old/new printed. Each figure is
measured in a fresh process, the least of `--repeat` runs; the old and the new code
keep their files of threads under another key, so each is made again by its own code.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = 10_000
STEPS = ("cold", "warm", "cli", "app")
NAMES = {
    "cold": "cold link (cache removed)",
    "warm": "read back (Library.threads)",
    "cli": "`readout threads` (warm, process)",
    "app": "app: `t` to first rows (warm)",
}


def measure(step: str, folder: Path) -> float:
    """One figure for the `tui` this process imports, in CPU seconds."""
    if step == "cli":
        return _cli(folder)
    if step == "app":
        return _app(folder)
    from tui.core.config import load_config
    from tui.core.store import Library
    from tui.core.store.threads import cache_path

    lexicon = load_config(ROOT / "config.yaml").lexicon
    with Library.open(folder, lexicon=lexicon) as library:
        if step == "cold":
            cache_path(library.store_path).unlink(missing_ok=True)
        started = time.process_time()
        library.threads()
        return time.process_time() - started


def _cli(folder: Path) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    code = "import sys; from tui.cli import main; sys.exit(main())"
    command = [sys.executable, "-c", code, "--corpus", str(folder), "threads"]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, cwd=os.getcwd())
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _app(folder: Path) -> float:
    import asyncio

    return asyncio.run(_app_run(folder))


async def _app_run(folder: Path) -> float:
    """The app opened on `folder` and settled; then `t`, timed until the Threads
    screen's table has rows."""
    from tui.app import ReadoutApp
    from tui.core.config import load_config

    with tempfile.TemporaryDirectory() as state:
        config = load_config(ROOT / "config.yaml").with_overrides(
            corpus=folder, notes=Path(state) / "notes.md",
            corrections=Path(state) / "corrections.yaml",
        )  # fmt: skip
        app = ReadoutApp(config, state_path=Path(state) / "state.json")
        async with app.run_test(size=(140, 40)) as pilot:
            for _ in range(2000):
                await pilot.pause(0.02)
                lib = app.library_state
                quiet = all(worker.is_finished for worker in app.workers)
                if lib.library is not None and lib.refreshed is not None and quiet:
                    break
            seen: list[float] = []
            watching = threading.Thread(target=_watch, args=(app, seen), daemon=True)
            started = time.process_time()
            watching.start()
            await pilot.press("t")
            while not seen:
                await pilot.pause(0.01)
            return seen[0] - started


def _watch(app: object, seen: list[float]) -> None:
    """Note the CPU time when the Threads screen's table first has rows (looked at
    from another thread: waiting in the app's loop would wait for every chunk)."""
    from textual.app import App
    from textual.widgets import DataTable

    from tui.screens.threads import ThreadsScreen

    assert isinstance(app, App)
    for _ in range(60_000):
        screen = app.screen_stack[-1] if app.screen_stack else None
        if isinstance(screen, ThreadsScreen):
            tables = screen.query("#threads-table")
            if tables and tables.first(DataTable).row_count:
                seen.append(time.process_time())
                return
        time.sleep(0.002)


def _figures(tree: Path, folder: Path, cache: Path, repeat: int) -> dict[str, float]:
    """Each step's least CPU seconds over `repeat` fresh processes of the `tui` in `tree`."""
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "PYTHONPATH": str(tree)}
    found: dict[str, float] = {}
    for step in STEPS:
        times = []
        for _ in range(repeat):
            done = subprocess.run(
                [sys.executable, "-m", "bench.threads", "--measure", step, str(folder)],
                env=env, cwd=tree, check=True, capture_output=True, text=True,
            )  # fmt: skip
            times.append(float(json.loads(done.stdout.splitlines()[-1])))
        found[step] = min(times)
    return found


def _old_tree(revision: str, into: Path) -> Path:
    """`tui` of `revision` in `into`, beside this `bench` (linked)."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", revision, "tui"], check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    (into / "bench").symlink_to(ROOT / "bench")
    return into


def run(folder: Path, cache: Path, old: str | None, repeat: int) -> None:
    if not folder.is_dir():
        from bench.synthetic import generate

        generate(folder, ARTICLES)
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    command = [sys.executable, "-m", "tui", "--corpus", str(folder), "refresh"]
    subprocess.run(command, env=env, check=True, capture_output=True, cwd=ROOT)
    before: dict[str, float] = {}
    if old is not None:
        with tempfile.TemporaryDirectory() as tmp:
            before = _figures(_old_tree(old, Path(tmp)), folder, cache, repeat)
    now = _figures(ROOT, folder, cache, repeat)
    print(f"threads at {folder} (CPU seconds, least of {repeat} runs each)")
    for step in STEPS:
        line = f"  {NAMES[step]:<36} {now[step]:7.2f} s"
        if step in before:
            line += f"   old ({old}) {before[step]:7.2f} s   {before[step] / now[step]:5.1f}x"
        print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path)
    parser.add_argument("--cache", type=Path, help="XDG_CACHE_HOME of the store")
    parser.add_argument("--old", metavar="REV", help="also measure this git revision's tui")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--measure", choices=STEPS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.folder)))
        return
    folder = args.folder or Path(tempfile.mkdtemp(prefix="readout-threads-")) / "corpus"
    cache = args.cache or folder.parent / f"{folder.name}-cache"
    run(folder.resolve(), cache.resolve(), args.old, args.repeat)


if __name__ == "__main__":
    main()
