"""A deterministic synthetic corpus of readouts, realistic enough to measure at scale.

`python -m bench.synthetic OUT_DIR --articles 10000` writes N readouts of 300 to 900
words into one subfolder per year, half in the bundled format (a date line), half with
YAML front matter (date, title, source). Their sentences come from readout-like
templates and the seeds' sentences, varied, filled from a made-up world: about 120,000
pseudo-words used with Zipf frequencies, 600 people with Vietnamese, Chinese, Korean,
Thai and European names, countries, cities, organisations, numbers and dates, so the
vocabulary grows with the corpus as a real archive's does. The same arguments always
give the same files (each article has its own random stream, so the work is split
between processes without changing a byte).
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import random
import re
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from bench.synthetic_text import Partner, article_file, partner_of
from bench.synthetic_words import World, make_world
from tui.core import load_corpus

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
START = dt.date(2015, 1, 1)
DAYS = 4000  # about eleven years of readouts
CHUNK = 2000
EVENT_SHARE = 0.2
"""Of the odd-numbered articles, the share that are the other side's report of the
event the article before reports (the same people and opening, a day or two later):
what `readout events` groups."""
WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Generated:
    folder: Path
    articles: int
    words: int  # running words (\w+ runs)
    distinct: int  # distinct words, case-folded
    seconds: float


def seed_sentences() -> list[str]:
    """Every sentence of the bundled seeds."""
    return [s.text for article in load_corpus(SEEDS).articles for s in article.sentences]


@functools.cache
def _world(seed: int) -> tuple[World, list[str]]:
    return make_world(seed), seed_sentences()


def article_path(folder: Path, number: int, date: dt.date, suffix: str) -> Path:
    return folder / str(date.year) / f"{number:06d}_synthetic{suffix}"


def write_article(folder: Path, number: int, seed: int) -> str:
    """Write article `number` of corpus `seed` into `folder`; return its text."""
    world, seeds = _world(seed)
    rng = random.Random(seed * 1_000_003 + number)
    date = START + dt.timedelta(days=rng.randrange(DAYS))
    partner = _partner(world, number, seed)
    if partner is not None:
        date, partner_ = partner
        date += dt.timedelta(days=rng.randrange(3))
        suffix, text = article_file(world, rng, date, seeds, partner_)
    else:
        suffix, text = article_file(world, rng, date, seeds)
    path = article_path(folder, number, date, suffix)
    path.write_text(text, encoding="utf-8")
    return text


def _partner(world: World, number: int, seed: int) -> tuple[dt.date, Partner] | None:
    """The date, people and opening of the article before `number`, when `number`
    is the other side's report of its event (decided on a stream of its own)."""
    if number % 2 == 0 or random.Random(seed * 7_919 + number).random() >= EVENT_SHARE:
        return None
    rng = random.Random(seed * 1_000_003 + number - 1)
    date = START + dt.timedelta(days=rng.randrange(DAYS))
    return date, partner_of(world, rng, date)


def _write_range(folder: Path, start: int, stop: int, seed: int) -> tuple[int, set[str]]:
    for year in range(START.year, START.year + DAYS // 365 + 2):
        (folder / str(year)).mkdir(parents=True, exist_ok=True)
    running = 0
    distinct: set[str] = set()
    for number in range(start, stop):
        words = WORD.findall(write_article(folder, number, seed).casefold())
        running += len(words)
        distinct.update(words)
    return running, distinct


def generate(folder: Path, articles: int, seed: int = 2026, workers: int = 2) -> Generated:
    """Write `articles` synthetic readouts into `folder` (created) with `workers`
    processes; count their words."""
    started = time.perf_counter()
    folder.mkdir(parents=True, exist_ok=True)
    ranges = [(start, min(start + CHUNK, articles)) for start in range(0, articles, CHUNK)]
    running = 0
    distinct: set[str] = set()
    if workers <= 1 or len(ranges) <= 1:
        results = [_write_range(folder, start, stop, seed) for start, stop in ranges]
    else:
        with ProcessPoolExecutor(workers) as pool:
            futures = [pool.submit(_write_range, folder, a, b, seed) for a, b in ranges]
            results = [future.result() for future in futures]
    for count, words in results:
        running += count
        distinct |= words
    for empty in folder.iterdir():  # years no article fell in
        if empty.is_dir() and not any(empty.iterdir()):
            empty.rmdir()
    return Generated(folder, articles, running, len(distinct), time.perf_counter() - started)


def write_corpus(folder: Path, articles: int, seed: int = 2026) -> Path:
    """Write `articles` synthetic readouts into `folder` (created); return it."""
    return generate(folder, articles, seed).folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--workers", type=int, default=2, help="processes (default 2)")
    args = parser.parse_args()
    made = generate(args.folder, args.articles, args.seed, args.workers)
    print(
        f"wrote {made.articles} articles to {made.folder} in {made.seconds:.1f} s: "
        f"{made.words:,} words, {made.distinct:,} distinct"
    )


if __name__ == "__main__":
    main()
