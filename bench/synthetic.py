"""A deterministic synthetic corpus made from the seeds' sentences.

`python -m bench.synthetic OUT_DIR --articles 10000` writes N readouts in the bundled
format, with varied dates, datelines, credits and words, so loading, extraction and
search can be measured at the size users will point readout at. The same arguments
always give the same files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

from tui.core import load_corpus

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
PLACES = ("HÀ NỘI", "Beijing", "PHNOM PENH", "VIENTIANE", "Jakarta", "TOKYO", "Seoul")
CREDITS = ("VNS", "VNA/VNS", "Xinhua", "Reuters")
# Words swapped in and out so the synthetic articles are not verbatim copies.
SWAPS = {
    "cooperation": ("collaboration", "partnership", "cooperation"),
    "railway": ("railway", "rail", "high-speed railway"),
    "agricultural": ("agricultural", "farm", "aquatic"),
    "strengthen": ("strengthen", "deepen", "boost", "enhance"),
    "China": ("China", "Laos", "Cambodia", "Japan", "China"),
    "Xi": ("Xi", "Xi", "Hun Manet", "Kishida"),
    "2025": ("2023", "2024", "2025", "2026", "2027"),
}


def seed_sentences() -> list[str]:
    """Every sentence of the bundled seeds."""
    return [s.text for article in load_corpus(SEEDS).articles for s in article.sentences]


def _vary(sentence: str, rng: random.Random) -> str:
    words = sentence.split(" ")
    for index, word in enumerate(words):
        core = word.strip(",.;:")
        if core in SWAPS and rng.random() < 0.5:
            words[index] = word.replace(core, rng.choice(SWAPS[core]))
    return " ".join(words)


def article_text(rng: random.Random, sentences: list[str], start: dt.date) -> str:
    """One synthetic readout in the bundled format."""
    date = start + dt.timedelta(days=rng.randrange(4000))
    paragraphs = [
        " ".join(_vary(rng.choice(sentences), rng) for _ in range(rng.randint(1, 3)))
        for _ in range(rng.randint(4, 18))
    ]
    if rng.random() < 0.6:
        paragraphs[0] = f"{rng.choice(PLACES)} — {paragraphs[0]}"
    if rng.random() < 0.5:
        paragraphs[-1] = f"{paragraphs[-1]} — {rng.choice(CREDITS)}"
    return f"date {date.isoformat()} " + "\n\n".join(paragraphs) + "\n"


def write_corpus(folder: Path, articles: int, seed: int = 2026) -> Path:
    """Write `articles` synthetic readouts into `folder` (created); return it."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    sentences = seed_sentences()
    start = dt.date(2015, 1, 1)
    for number in range(articles):
        text = article_text(rng, sentences, start)
        (folder / f"{number:06d}_synthetic.txt").write_text(text, encoding="utf-8")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    write_corpus(args.folder, args.articles, args.seed)
    print(f"wrote {args.articles} articles to {args.folder}")


if __name__ == "__main__":
    main()
