"""Extraction: quality against the hand annotations, speed on a large synthetic
corpus against the simple approach (substring search for every gazetteer name and
every cue word, with no folding, titles, discovery or actors), and speed on single
articles of 1, 2 and 4 MB (extraction must stay linear in an article's length)."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from bench.load import best_of
from bench.synthetic import SEEDS, write_corpus
from tui.core import Corpus, load_config, load_corpus
from tui.core.corpus import parse_article
from tui.core.extract import extract, extract_corpus
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


def _repeated(unit: str, size: int, joiner: str) -> str:
    copies = [unit] * (size // (len(unit) + len(joiner)) + 1)
    return "date 2025-01-01\n" + joiner.join(copies)[:size]


def long_shapes() -> dict[str, Callable[[int], str]]:
    """Single articles of a given size, in the shapes that once made extraction
    quadratic: the seeds' paragraphs repeated, one paragraph with no sentence end,
    and sentences crowded with leaders' names and titles."""
    paragraphs = [p.text for a in load_corpus(SEEDS).articles for p in a.paragraphs]
    crowded = (
        "General Secretary Tô Lâm met President Xi Jinping, and Prime Minister Phạm Minh "
        "Chính met Premier Li Qiang and Prime Minister Hun Manet of Cambodia. Lâm said "
        "Việt Nam will work with Xi, and the Chinese leader is ready to help."
    )
    return {
        "seed paragraphs": lambda size: _repeated("\n\n".join(paragraphs), size, "\n\n"),
        "one paragraph, no sentence end": lambda size: _repeated(
            " ".join(p.replace(".", ",") for p in paragraphs), size, " "
        ),
        "many leader names": lambda size: _repeated(crowded, size, " "),
    }


def long_articles(sizes: tuple[int, ...] = (1, 2, 4)) -> None:
    """Load and extract one article of each size (MB); print the times (CPU seconds,
    steadier than the wall clock on a shared machine) and the growth ratio."""
    lexicon = load_config(ROOT / "config.yaml").lexicon
    print("extraction of one long article (CPU seconds: load + extract):")
    for label, make in long_shapes().items():
        timings = []
        for megabytes in sizes:
            raw = make(megabytes * 2**20)
            started = time.process_time()
            article, _ = parse_article("long", Path("long.txt"), raw)
            extract(article, lexicon)
            timings.append(time.process_time() - started)
        figures = "  ".join(f"{mb} MB {t:5.2f} s" for mb, t in zip(sizes, timings, strict=True))
        ratio = timings[-1] / timings[0]
        print(f"  {label:32} {figures}  ratio {ratio:4.1f} for {sizes[-1] // sizes[0]}x the text")


def run() -> None:
    quality()
    speed()
    long_articles()


if __name__ == "__main__":
    run()
