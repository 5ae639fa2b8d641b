"""The scale benchmark of issue 11: the library store against today's in-memory approach
at 10,000 and 100,000 synthetic articles, every figure from processes of their own.

    python -m bench.scale [--sizes 10000,100000] [--no-memory] [--memory-up-to N]
                          [--json FILE] [--corpora DIR]
    python -m bench.scale --table FILE...   (the table of results saved with --json)

`BENCH_SIZES=10000` and `BENCH_MEMORY=0` (skip the in-memory approach) do the same
from the environment, for `make bench`. For each size: the corpus is written
(bench.synthetic), then the in-memory approach is timed (the app: list shown, search
answered, panels filled; the CLI: list --json and search; peak memory), then the store:
cold build on two cores (CPU use, size on disk), the app warm (launch to the list, to
a search answered, peak memory), `readout search` and `readout list --json` wall
times, search p50/p95 in process, and 100 files added (until listed and searchable).
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.scale_table import table
from bench.synthetic import generate

ROOT = Path(__file__).resolve().parent.parent
QUERY = "standard gauge railway"
STEPS = ("build", "app", "cli", "searches", "added")
Figures = dict[str, Any]


def run(command: list[str], env: dict[str, str]) -> tuple[float, float, Figures]:
    """Run a process; its wall time, CPU time (its children's included) and the figures
    of its `BENCH` line (times made relative to the start, `peak_memory` its own peak
    resident memory, or its children's when larger)."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        began = time.monotonic()
        process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.monotonic() - began
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if process.returncode:
        tail = (stderr or stdout)[-2000:]
        raise RuntimeError(f"{' '.join(command[:5])} failed ({process.returncode}):\n{tail}")
    lines = [line for line in stdout.splitlines() if line.startswith("BENCH ")]
    figures: Figures = json.loads(lines[-1][6:]) if lines else {}
    for key in ("list", "search_ready", "search", "panels", "built", "ended", "began", "opened"):
        if isinstance(figures.get(key), float):
            figures[key] -= began
    figures["peak_memory"] = max(figures.get("peak_memory", 0), usage.ru_maxrss * 1024)
    return wall, usage.ru_utime + usage.ru_stime, figures


def python(module: str, *args: object) -> list[str]:
    return [sys.executable, "-m", module, *map(str, args)]


def memory_side(corpus: Path, scratch: Path, env: dict[str, str]) -> Figures:
    _, _, app = run(python("bench.scale_memory", "app", corpus, QUERY, scratch), env)
    wall, cpu, cli = run(python("bench.scale_memory", "cli", corpus, QUERY, scratch), env)
    return {
        "app_list": app["list"], "app_search": app["search"], "app_panels": app["panels"],
        "app_memory": app["peak_memory"], "added": app["search_ready"],  # a full reload
        "cli_list": cli["list"], "cli_search": wall,
        "cli_search_cpu": cpu, "cli_memory": cli["peak_memory"],
    }  # fmt: skip


def store_size(cache: Path) -> int:
    return sum(path.stat().st_size for path in cache.rglob("*") if path.is_file())


def store_side(
    corpus: Path, scratch: Path, env: dict[str, str], size: int, steps: set[str]
) -> Figures:
    figures: Figures = {}
    if "build" in steps:
        figures = _build(corpus, scratch, env)
        if not figures:
            return figures
    for step in (_app, _cli, _searches, _added):
        if step.__name__[1:] in steps:
            try:
                figures |= step(corpus, scratch, env, size)
            except RuntimeError as error:
                print(f"scale: {step.__name__[1:]} failed: {error}", flush=True)
    return figures


def _build(corpus: Path, scratch: Path, env: dict[str, str]) -> Figures:
    figures: Figures = {}
    try:
        wall, cpu, built = run(python("bench.scale_store", "build", corpus, scratch), env)
        figures |= {"build": wall, "build_cpu": cpu, "build_cores": cpu / wall,
                    "build_memory": built["peak_memory"], "built": built["articles"],
                    "progress_updates": built["progress_updates"],
                    "store_bytes": store_size(Path(env["XDG_CACHE_HOME"])),
                    "load_average": os.getloadavg()[2]}  # fmt: skip
    except RuntimeError as error:
        print(f"scale: cold build failed: {error}", flush=True)
    return figures


def _app(corpus: Path, scratch: Path, env: dict[str, str], _: int) -> Figures:
    _, _, app = run(python("bench.scale_store", "app", corpus, QUERY, scratch), env)
    return {"app_list": app["list"], "app_search": app["search"],
            "app_memory": app["peak_memory"], "app_rows": app["rows"]}  # fmt: skip


def _cli(corpus: Path, scratch: Path, env: dict[str, str], _: int) -> Figures:
    readout = [sys.executable, "-m", "tui", "--corpus", str(corpus)]
    readout += ["--notes", str(scratch / "notes.md"), "--corrections", str(scratch / "c.yaml")]
    search, search_cpu, searched = run([*readout, "search", QUERY], env)
    listed, _, _ = run([*readout, "list", "--json"], env)
    return {"cli_search": search, "cli_search_cpu": search_cpu, "cli_list": listed,
            "cli_memory": searched["peak_memory"]}  # fmt: skip


def _searches(corpus: Path, scratch: Path, env: dict[str, str], _: int) -> Figures:
    _, _, searched = run(python("bench.scale_store", "searches", corpus, scratch), env)
    return {"search_p50": searched["p50"], "search_p95": searched["p95"]}


def _added(corpus: Path, scratch: Path, env: dict[str, str], size: int) -> Figures:
    _, _, added = run(python("bench.scale_store", "add", corpus, scratch), env)
    return {"added": added["ended"] - added["began"], "added_listed": added["after"],
            "added_found": added["found"]}  # fmt: skip


def corpus_of(size: int, corpora: Path) -> tuple[Path, Figures]:
    """The corpus of `size` articles in `corpora`: written, or the one a run with
    `--keep` left there (with the files added since)."""
    corpus = corpora / f"corpus-{size}"
    made_file = corpora / f"corpus-{size}.json"
    if corpus.exists() and made_file.exists():
        return corpus, json.loads(made_file.read_text("utf-8"))
    if corpus.exists():
        shutil.rmtree(corpus)  # half written
    made = generate(corpus, size)
    print(f"scale: {size:,} articles written in {made.seconds:.0f} s: {made.words:,} words, "
          f"{made.distinct:,} distinct", flush=True)  # fmt: skip
    figures = {"articles": size, "words": made.words, "distinct": made.distinct}
    made_file.write_text(json.dumps(figures), encoding="utf-8")
    return corpus, figures


def one_size(size: int, corpora: Path, memory: bool, steps: set[str]) -> Figures:
    corpus, result = corpus_of(size, corpora)
    scratch = corpora / f"scratch-{size}"
    scratch.mkdir(exist_ok=True)
    env = {**os.environ, "XDG_CACHE_HOME": str(scratch / "cache"), "PYTHONPATH": str(ROOT),
           "READOUT_CONFIG": str(ROOT / "config.yaml")}  # fmt: skip
    if memory:
        result["memory"] = memory_side(corpus, scratch, env)
        print(f"scale: {size:,} in memory: {json.dumps(result['memory'])}", flush=True)
    if steps:
        result["store"] = store_side(corpus, scratch, env, size, steps)
        print(f"scale: {size:,} store: {json.dumps(result['store'])}", flush=True)
    return result


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sizes = os.environ.get("BENCH_SIZES", "10000,100000")
    parser.add_argument("--sizes", default=sizes, help=f"articles, comma-separated ({sizes})")
    parser.add_argument("--no-memory", action="store_true", help="skip the in-memory approach")
    parser.add_argument("--no-store", action="store_true", help="skip the library store")
    parser.add_argument("--steps", default=",".join(STEPS),
                        help=f"the store's steps ({','.join(STEPS)})")  # fmt: skip
    parser.add_argument("--keep", type=Path, default=None, metavar="DIR",
                        help="write corpora and stores in DIR and keep them; a later run "
                        "with --keep DIR reuses them (add --steps without build)")  # fmt: skip
    parser.add_argument("--memory-up-to", type=int, default=None, metavar="N",
                        help="time the in-memory approach only up to N articles")  # fmt: skip
    parser.add_argument("--json", type=Path, default=None, help="save the figures here")
    parser.add_argument("--corpora", type=Path, default=Path(tempfile.gettempdir()),
                        help="where the corpora are written (removed after)")  # fmt: skip
    parser.add_argument("--table", type=Path, nargs="+", default=None, metavar="FILE",
                        help="print the table of figures saved with --json, and stop")  # fmt: skip
    return parser.parse_args()


def compiled() -> None:
    """Compile readout's modules to bytecode first, as installing it does: where
    PYTHONDONTWRITEBYTECODE is set (this machine sets it), every process would
    otherwise compile them from source (0.1 s of a command's time)."""
    compileall.compile_dir(ROOT / "tui", quiet=1)


def main() -> None:
    args = arguments()
    if args.table:
        merged: dict[int, Figures] = {}  # one row a size: sides saved by separate runs
        for file in args.table:
            for result in json.loads(file.read_text("utf-8")):
                row = merged.setdefault(result["articles"], {})
                for side in ("memory", "store"):
                    row[side] = {**row.get(side, {}), **result.pop(side, {})}
                row.update(result)
        print(table([merged[size] for size in sorted(merged)]))
        return
    compiled()
    memory = not args.no_memory and os.environ.get("BENCH_MEMORY", "1") != "0"
    steps = set() if args.no_store else {s.strip() for s in args.steps.split(",") if s.strip()}
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
    corpora = args.keep or Path(tempfile.mkdtemp(prefix="readout-scale-", dir=args.corpora))
    results = []
    try:
        for size in (int(s) for s in args.sizes.split(",") if s.strip()):
            wanted = memory and (args.memory_up_to is None or size <= args.memory_up_to)
            results.append(one_size(size, corpora, wanted, steps))
            if args.json:
                args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
            if not args.keep:
                shutil.rmtree(corpora / f"corpus-{size}", ignore_errors=True)
    finally:
        if not args.keep:
            shutil.rmtree(corpora, ignore_errors=True)
    print(table(results))


if __name__ == "__main__":
    main()
