"""Corpus loading speed: `load_corpus` against the simple approach (read each file,
NFC it and split paragraphs on blank lines, with no sentences, datelines or credits)."""

from __future__ import annotations

import re
import tempfile
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

from bench.synthetic import write_corpus
from tui.core import load_config, load_corpus


def simple_load(folder: Path) -> int:
    """The simple approach: what any loader must do at the least."""
    paragraphs = 0
    for path in sorted(folder.rglob("*")):
        if path.suffix not in (".txt", ".md"):
            continue
        text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
        paragraphs += len([p for p in re.split(r"\n\s*\n", text) if p.strip()])
    return paragraphs


def best_of(runs: int, work: Callable[[], object]) -> float:
    """The fastest of `runs` timings of `work`, in seconds."""
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        timings.append(time.perf_counter() - started)
    return min(timings)


ROOT = Path(__file__).resolve().parent.parent


def run(articles: int = 10_000) -> None:
    lexicon = load_config(ROOT / "config.yaml").lexicon
    with tempfile.TemporaryDirectory() as folder:
        root = write_corpus(Path(folder), articles)
        ours = best_of(3, lambda: load_corpus(root, lexicon=lexicon))
        simple = best_of(3, lambda: simple_load(root))
        corpus = load_corpus(root, lexicon=lexicon)
        sentences = sum(len(a.sentences) for a in corpus.articles)
        print(f"load: {articles} articles, {sentences} sentences")
        print(f"  load_corpus   {ours * 1000:8.0f} ms  {articles / ours:8.0f} articles/s")
        print(f"  simple        {simple * 1000:8.0f} ms  {articles / simple:8.0f} articles/s")
        print(f"  ratio         {ours / simple:8.2f}x the simple approach's time")


if __name__ == "__main__":
    run()
