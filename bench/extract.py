"""Extraction: quality against the hand annotations, and speed on a large synthetic
corpus against the simple approach (substring search for every gazetteer name and
every cue word, with no folding, titles, discovery or actors)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml

from bench.load import best_of
from bench.synthetic import SEEDS, write_corpus
from tui.core import Corpus, load_config, load_corpus
from tui.core.extract import extract_corpus
from tui.core.extract.evaluate import score

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
CUES = ("pledged", "agreed", "proposed", "ready to", "willing", "announced", "invite", "should")


def simple_extract(corpus: Corpus, names: list[str]) -> int:
    """The simple approach: count name occurrences and cue-bearing sentences."""
    found = 0
    for article in corpus.articles:
        found += sum(article.text.count(name) for name in names)
        found += sum(any(cue in s.text for cue in CUES) for s in article.sentences)
    return found


def quality() -> None:
    lexicon = load_config(ROOT / "config.yaml").lexicon
    for label, folder, gold_file in (
        ("seeds", SEEDS, "extraction_gold.yaml"),
        ("readouts in other styles", DATA / "readouts", "readouts_gold.yaml"),
    ):
        corpus = load_corpus(folder)
        gold = yaml.safe_load((DATA / gold_file).read_text("utf-8"))
        result = score(corpus, extract_corpus(corpus, lexicon), gold)
        print(f"extraction quality, {label}:")
        print("  " + result.report().replace("\n", "\n  "))


def speed(articles: int = 10_000) -> None:
    lexicon = load_config(ROOT / "config.yaml").lexicon
    names = [n for entry in lexicon.leaders for n in (entry.name, *entry.aliases, *entry.short)]
    with tempfile.TemporaryDirectory() as folder:
        corpus = load_corpus(write_corpus(Path(folder), articles))
    ours = best_of(2, lambda: extract_corpus(corpus, lexicon))
    simple = best_of(2, lambda: simple_extract(corpus, names))
    commitments = sum(len(e.commitments) for e in extract_corpus(corpus, lexicon).values())
    print(f"extraction speed: {articles} synthetic articles, {commitments} commitments")
    print(f"  extract_corpus  {ours * 1000:8.0f} ms  {articles / ours:8.0f} articles/s")
    print(f"  simple          {simple * 1000:8.0f} ms  {articles / simple:8.0f} articles/s")
    print(f"  ratio           {ours / simple:8.2f}x the simple approach's time")


def run() -> None:
    quality()
    speed()


if __name__ == "__main__":
    run()
