"""The scale benchmark's figures as one Markdown table in the shape of issue 11's:
one row per corpus size, one column per figure, each cell `store · in memory (ratio)`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Figures = dict[str, Any]


def seconds(value: float) -> str:
    if value < 1:
        return f"{value * 1000:.0f} ms"
    return f"{value:.1f} s" if value < 100 else f"{value:.0f} s"


def size(value: float) -> str:
    return f"{value / 2**20:.0f} MB" if value < 2**30 else f"{value / 2**30:.1f} GB"


def _cell(result: Figures, key: str, show: Callable[[float], str]) -> str:
    ours = result.get("store", {}).get(key)
    theirs = result.get("memory", {}).get(key)
    text = show(ours) if ours is not None else "—"
    if theirs is not None:
        text += f" · {show(theirs)}"
        if ours:
            text += (
                f" ({theirs / ours:,.0f}×)" if theirs / ours >= 10 else f" ({theirs / ours:.1f}×)"
            )
    return text


COLUMNS: tuple[tuple[str, str, Callable[[float], str]], ...] = (
    ("app: list shown", "app_list", seconds),
    ("app: search answered", "app_search", seconds),
    ("app: panels filled", "app_panels", seconds),
    ("CLI `search` (wall)", "cli_search", seconds),
    ("CLI `list --json`", "cli_list", seconds),
    ("peak memory: app", "app_memory", size),
    ("peak memory: CLI search", "cli_memory", size),
)


def _store_only(result: Figures) -> list[str]:
    store = result.get("store", {})
    cells = ["—"] * 4
    if "search_p50" in store:
        cells[0] = f"{seconds(store['search_p50'])} / {seconds(store['search_p95'])}"
    if "build" in store:
        cpu = f"{seconds(store['build_cpu'])} CPU, {store['build_cores']:.1f} cores"
        if store.get("load_average", 0) > 2.5:  # others were using the cores too
            cpu += f", machine load {store['load_average']:.1f}"
        cells[1] = f"{seconds(store['build'])} ({cpu})"
        cells[2] = size(store["store_bytes"])
    if "added" in store:
        cells[3] = _cell(result, "added", seconds)
        cells[3] += "" if store["added_found"] else " (not found!)"
    return cells


def table(results: list[Figures]) -> str:
    """The table; cells read `store · in memory (how many times faster or smaller)`."""
    heads = [name for name, _, _ in COLUMNS]
    heads += [
        "search p50 / p95",
        "cold build (CPU, cores used)",
        "store on disk",
        "100 files added",
    ]
    lines = [
        "| articles (distinct words) | " + " | ".join(heads) + " |",
        "| --- " * (len(heads) + 1) + "|",
    ]
    for result in results:
        cells = [f"{result['articles']:,} ({result['distinct']:,})"]
        cells += [_cell(result, key, show) for _, key, show in COLUMNS]
        cells += _store_only(result)
        lines.append("| " + " | ".join(cells) + " |")
    goals = ["≤ 1 s", "≤ 1 s", "", "≤ 0.5 s", "≤ 2 s", "≤ 1 GB", "", "≤ 30 ms / ≤ 150 ms",
             "≤ 5 min (2 cores)", "", "≤ 5 s"]  # fmt: skip
    lines.append("| goal at 100,000 | " + " | ".join(goals) + " |")
    note = (
        "Cells: library store · in-memory approach (ratio). The in-memory approach reads, "
        "indexes and extracts everything at each start (its panels are filled when "
        "extraction ends; the store's extraction is made once, at the build); adding "
        "100 files to it is a full reload."
    )
    return "\n".join(lines) + "\n\n" + note
