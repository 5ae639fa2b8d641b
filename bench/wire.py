"""Extraction quality on the wire corpus: `python -m bench.wire dev|test [--misses]`.

`dev` is the half rules are developed on; `test` is the frozen, held-out half
(`tests/data/wire/FROZEN.sha256`), written and annotated before any rule was changed
for it. Its misses are never printed: reading them would be tuning on it.
"""

from __future__ import annotations

import argparse
import importlib
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from tui.core import load_config, load_corpus
from tui.core.corpus import Article
from tui.core.extract import extract_corpus
from tui.core.extract.evaluate import score, score_metadata

ROOT = Path(__file__).resolve().parent.parent
WIRE = ROOT / "tests" / "data" / "wire"


def _contact_of() -> Callable[[Article], str] | None:
    """The kind-of-contact classifier, where the headline module provides one."""
    try:
        module = importlib.import_module("tui.core.extract.headline")
    except ImportError:
        return None
    found: Callable[[Article], str] | None = getattr(module, "contact_of", None)
    return found


def run(half: str, *, misses: bool = False) -> None:
    lexicon = load_config(ROOT / "config.yaml").lexicon
    corpus = load_corpus(WIRE / half, lexicon=lexicon)
    gold = yaml.safe_load((WIRE / f"{half}_gold.yaml").read_text("utf-8")) or {}
    began = time.perf_counter()
    extractions = extract_corpus(corpus, lexicon)
    took = time.perf_counter() - began
    result = score(corpus, extractions, gold)
    meta = score_metadata(corpus, gold, _contact_of())
    print(f"wire corpus, {half} half: {len(gold)} annotated of {len(corpus.articles)} articles")
    print("  " + result.report().replace("\n", "\n  "))
    print("  " + meta.report().replace("\n", "\n  "))
    print(f"  extracted in {took * 1000:.0f} ms")
    if misses and half != "test":
        for line in (*result.misses, *meta.misses):
            print("  - " + line)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.wire")
    parser.add_argument("half", choices=("dev", "test"))
    parser.add_argument("--misses", action="store_true", help="list every miss (dev only)")
    args = parser.parse_args()
    run(args.half, misses=args.misses)


if __name__ == "__main__":
    main()
