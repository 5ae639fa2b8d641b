"""Commitment threads against the hand annotation (`tests/data/threads_gold.yaml`):
pairwise precision and recall of "these two commitment-topics are one thread" on one
half (`--split dev` to tune, `--split test` once the threshold is frozen).

    python -m bench.threads_gold --split dev [--threshold 0.35] [--misses]

The corpus is the seeds and `tests/data/threads/`, read into a store in a temporary
folder; every commitment-topic of the half's articles that the gold does not list
is a thread of its own. Discussions (`read_discussions`) are linked too but not
measured: the gold annotates commitments.
"""

from __future__ import annotations

import argparse
import itertools
import shutil
import sys
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

import yaml

from tui.core import load_config
from tui.core.store import Library
from tui.core.store.threads import leader_countries, read_inputs
from tui.core.threads import DISCUSSION, THRESHOLD, ThreadInput, link_threads

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "threads_gold.yaml"
Unit = tuple[int, str]  # (commitment key, topic)


class Result(NamedTuple):
    precision: float
    recall: float
    found: int  # pairs the threads make
    right: int  # of them, pairs the gold makes too
    gold: int  # pairs the gold makes
    misses: tuple[str, ...]


def gold_corpus(folder: Path) -> Path:
    """The seeds and the thread readouts copied into `folder`/corpus."""
    corpus = folder / "corpus"
    corpus.mkdir()
    for source in (*sorted((ROOT / "seeds").glob("*.txt")),
                   *sorted((ROOT / "tests/data/threads").glob("*.txt"))):  # fmt: skip
        shutil.copy(source, corpus / source.name)
    return corpus


def read_gold(items: Sequence[ThreadInput], path: Path = GOLD) -> tuple[dict, dict[Unit, str]]:
    """The gold's halves and each listed unit -> its thread's name."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    labels: dict[Unit, str] = {}
    for name, entries in data["threads"].items():
        for article, start, topic in entries:
            found = [i for i in items if i.article_id == article and i.text.startswith(start)]
            if len(found) != 1 or topic not in found[0].topics:
                raise SystemExit(f"gold {name}: no single commitment {article} {start!r} {topic}")
            labels[found[0].key, topic] = name
    return data, labels


def pairs(groups: Iterable[Iterable[Unit]]) -> set[frozenset[Unit]]:
    return {frozenset(p) for g in groups for p in itertools.combinations(sorted(g), 2)}


def measure(
    items: Sequence[ThreadInput],
    topics: Sequence,
    split: str,
    threshold: float,
    countries: Mapping[str, set[str]] | None = None,
) -> Result:
    data, labels = read_gold(items)
    articles = set(data[split])
    half = [i for i in items if i.article_id in articles]
    units = {(i.key, t) for i in half for t in i.topics if i.kind != DISCUSSION}
    gold_groups: dict[str, list[Unit]] = {}
    for unit in units:
        gold_groups.setdefault(labels.get(unit, f"single {unit}"), []).append(unit)
    known = countries or {}
    threads = link_threads(
        items,
        topics,
        threshold=threshold,
        leader_countries=lambda wanted: {a: known.get(a, set()) for a in wanted},
    )
    found_groups = [[(e.key, t.topic) for e in t.entries if (e.key, t.topic) in units]
                    for t in threads]  # fmt: skip
    gold, found = pairs(gold_groups.values()), pairs(found_groups)
    right = gold & found
    text = {i.key: f"{i.article_id} {i.text[:50]!r}" for i in items}
    misses = [f"wrong: {sorted(text[k] + ' ' + t for k, t in p)}" for p in found - gold]
    misses += [f"missed: {sorted(text[k] + ' ' + t for k, t in p)}" for p in gold - found]
    return Result(
        len(right) / len(found) if found else 1.0, len(right) / len(gold) if gold else 1.0,
        len(found), len(right), len(gold), tuple(sorted(misses)),
    )  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    parser.add_argument("--threshold", type=float, nargs="*", default=[THRESHOLD])
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args(argv)
    lexicon = load_config(None, ROOT).lexicon
    with tempfile.TemporaryDirectory() as folder:
        corpus = gold_corpus(Path(folder))
        store = Path(folder) / "library.sqlite"
        with Library.open(corpus, lexicon=lexicon, store=store) as library:
            library.refresh()
            items = read_inputs(library._conn(), lexicon)
            countries = leader_countries(library._conn(), {item.article_id for item in items})
    for threshold in args.threshold:
        result = measure(items, lexicon.topics, args.split, threshold, countries)
        print(f"{args.split} threshold {threshold:.2f}: precision {result.precision:.2f} "
              f"({result.right}/{result.found}), recall {result.recall:.2f} "
              f"({result.right}/{result.gold})")  # fmt: skip
        if args.misses:
            print("\n".join(result.misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
