"""The synthetic corpus the scale benchmark measures with: deterministic, both file
formats, a folder per year, readout-length articles that load cleanly, and a vocabulary
that grows with the corpus; and the benchmark's table."""

from __future__ import annotations

from pathlib import Path

from bench.scale_store import _opening_phrase
from bench.scale_table import table
from bench.synthetic import generate
from tui.core import load_corpus


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.*")}


def test_the_same_seed_writes_the_same_files_on_one_process_or_two(tmp_path: Path) -> None:
    one = generate(tmp_path / "one", 60, seed=7, workers=1)
    two = generate(tmp_path / "two", 60, seed=7, workers=2)
    other = generate(tmp_path / "other", 60, seed=8, workers=1)
    assert files(one.folder) == files(two.folder)
    assert files(one.folder) != files(other.folder)
    assert (one.words, one.distinct) == (two.words, two.distinct)


def test_articles_load_cleanly_in_both_formats_one_folder_a_year(tmp_path: Path) -> None:
    made = generate(tmp_path / "corpus", 80, workers=1)
    corpus = load_corpus(made.folder)
    assert len(corpus.articles) == 80
    assert not corpus.warnings
    assert {a.file.suffix for a in corpus.articles} == {".txt", ".md"}
    assert all(
        a.date is not None and a.file.parent.name == str(a.date.year) for a in corpus.articles
    )
    assert all(280 <= a.words <= 1100 for a in corpus.articles)
    titled = [a for a in corpus.articles if a.file.suffix == ".md"]
    assert all(a.source and "holds " in a.title and " talks with " in a.title for a in titled)


def test_the_vocabulary_grows_with_the_corpus(tmp_path: Path) -> None:
    small = generate(tmp_path / "small", 20, workers=1)
    large = generate(tmp_path / "large", 200, workers=1)
    assert large.distinct > 2.5 * small.distinct
    assert large.distinct > 4000  # the seeds' sentences alone have under 1,000


def test_the_phrase_of_an_added_article_skips_its_header_and_dateline() -> None:
    text = '---\ndate: 2020-01-02\ntitle: "T"\n---\nHÀ NỘI — One two "three" four.\n\nNext.\n'
    assert _opening_phrase(text) == '"One two three four."'
    assert _opening_phrase("date 2020-01-02\nOne two.\n\nNext.\n") == '"One two."'


def test_the_table_has_a_row_a_size_with_store_in_memory_and_ratio() -> None:
    result = {
        "articles": 10_000, "distinct": 50_000,
        "store": {"app_list": 0.5, "build": 100.0, "build_cpu": 180.0, "build_cores": 1.8,
                  "store_bytes": 2**28, "added": 2.0, "added_found": True},
        "memory": {"app_list": 25.0, "app_memory": 2**30},
    }  # fmt: skip
    row = table([result]).splitlines()[2]
    assert row.startswith("| 10,000 (50,000) | 500 ms · 25.0 s (50×) |")
    assert "— · 1.0 GB" in row
    assert "100 s (180 s CPU, 1.8 cores)" in row


def test_some_articles_are_the_other_sides_report_of_the_event_before(tmp_path: Path) -> None:
    made = generate(tmp_path / "corpus", 60, workers=1)
    articles = {a.file.name[:6]: a for a in load_corpus(made.folder).articles}
    paired = [
        (articles[f"{n - 1:06d}"], articles[f"{n:06d}"])
        for n in range(1, 60, 2)
        if articles[f"{n - 1:06d}"].sentences[0].text == articles[f"{n:06d}"].sentences[0].text
    ]
    assert 2 <= len(paired) <= 15  # about a fifth of the odd ones
    for first, second in paired:
        assert first.date is not None and second.date is not None
        assert 0 <= (second.date - first.date).days <= 2
