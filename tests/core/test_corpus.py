"""Loading a corpus: the seeds against a hand-checked gold file, odd files, bad files."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tests.conftest import SEEDS, WriteCorpus
from tui.core import Corpus, CorpusError, load_corpus

GOLD = json.loads((Path(__file__).parent.parent / "data" / "seeds_gold.json").read_text("utf-8"))


def test_seeds_load_newest_first_without_warnings(seeds: Corpus) -> None:
    assert [a.date_label for a in seeds.articles] == [
        "2026-01-26",
        "2025-04-15",
        "2025-01-16",
        "2025-01-15",
        "2024-08-19",
    ]
    assert seeds.warnings == ()


def test_article_ids_are_the_file_names_below_the_corpus(seeds: Corpus) -> None:
    assert {a.id for a in seeds.articles} == {p.name for p in SEEDS.glob("*.txt")}


@pytest.mark.parametrize("article_id", sorted(GOLD))
def test_seed_matches_gold(seeds: Corpus, article_id: str) -> None:
    """Dates, datelines, credits, paragraphs and every sentence, checked by hand."""
    article = seeds.get(article_id)
    gold = GOLD[article_id]
    assert article is not None
    assert article.date == dt.date.fromisoformat(gold["date"])
    assert article.place == gold["place"]
    assert article.source == gold["source"]
    assert article.words == gold["words"]
    assert len(article.paragraphs) == gold["paragraphs"]
    assert [s.text for s in article.sentences] == gold["sentences"]


@pytest.mark.parametrize("article_id", sorted(GOLD))
def test_offsets_index_the_normalised_text(seeds: Corpus, article_id: str) -> None:
    article = seeds.get(article_id)
    assert article is not None
    for passage in (*article.paragraphs, *article.sentences):
        assert article.text[passage.start : passage.end] == passage.text
    starts = [s.start for s in article.sentences]
    assert starts == sorted(starts)


def test_title_is_a_headline_of_leaders_and_contact(seeds: Corpus) -> None:
    article = seeds.get("002_dce0a2b2b469b0e8.txt")
    assert article is not None
    assert article.title == "Lương Cường – Xi Jinping · talks · Hà Nội"


def test_title_without_leaders_is_first_sentence_without_dateline(tmp_path: Path) -> None:
    sentence = "Officials of the two ministries held a working session on customs procedures"
    (tmp_path / "a.txt").write_text(f"date 2025-01-01\nHÀ NỘI — {sentence} at the border gate.")
    (article,) = load_corpus(tmp_path).articles
    assert article.title.startswith(sentence[:60])
    assert "HÀ NỘI" not in article.title


def test_normalised_seed_keeps_diacritics_and_curly_quotes(seeds: Corpus) -> None:
    article = seeds.get("004_fecb52052cebe9ee.txt")
    assert article is not None
    assert "Đổi mới" in article.text
    assert "People’s Republic" in article.text
    assert "\n\n\n" not in article.text and "  " not in article.text


def test_byte_order_mark_and_crlf_load_as_usual(write_corpus: WriteCorpus) -> None:
    folder = write_corpus(
        {"crlf.txt": "\ufeffdate 2025-03-01\r\nHÀ NỘI — One thing.\r\n\r\nAnother thing.\r\n"}
    )
    corpus = load_corpus(folder)
    assert corpus.warnings == ()
    (article,) = corpus.articles
    assert article.date == dt.date(2025, 3, 1)
    assert article.place == "Hà Nội"
    assert article.text == "HÀ NỘI — One thing.\n\nAnother thing."


def test_front_matter_gives_title_and_source(write_corpus: WriteCorpus) -> None:
    folder = write_corpus(
        {
            "visit.md": "---\ndate: 2025-05-02\ntitle: A premier's visit\nsource: Xinhua\n---\n"
            "Premier Li Qiang arrived. He was welcomed.\n"
        }
    )
    (article,) = load_corpus(folder).articles
    assert (article.title, article.source, article.date) == (
        "A premier's visit",
        "Xinhua",
        dt.date(2025, 5, 2),
    )
    assert article.text == "Premier Li Qiang arrived. He was welcomed."


def test_body_may_start_on_the_date_line(write_corpus: WriteCorpus) -> None:
    folder = write_corpus({"a.txt": "  date 2025-01-02 Body on the same line."})
    (article,) = load_corpus(folder).articles
    assert article.text == "Body on the same line."


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"date 2025-01-01 caf\xe9 au lait", "not valid UTF-8"),
        (b"", "empty file"),
        (b"   \n\n  ", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    ],
)
def test_unreadable_files_are_skipped_with_a_named_warning(
    write_corpus: WriteCorpus, content: bytes, reason: str
) -> None:
    folder = write_corpus({"bad.txt": content, "good.txt": "date 2025-01-01\nFine."})
    corpus = load_corpus(folder)
    assert [a.id for a in corpus.articles] == ["good.txt"]
    (warning,) = corpus.warnings
    assert warning.file.name == "bad.txt"
    assert reason in warning.reason
    assert "\n" not in str(warning)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("No date line at all. Just text.", "no date line"),
        ("date 2025-13-45\nAn impossible date.", "impossible date 2025-13-45"),
        ("date 15/01/2025\nA date in another format.", "not YYYY-MM-DD"),
        ("---\ndate: [unclosed\n---\nText.", "front matter is not valid YAML"),
    ],
)
def test_articles_without_a_valid_date_load_as_undated(
    write_corpus: WriteCorpus, content: str, reason: str
) -> None:
    folder = write_corpus({"odd.txt": content, "good.txt": "date 2025-01-01\nFine."})
    corpus = load_corpus(folder)
    assert [a.id for a in corpus.articles] == ["good.txt", "odd.txt"]  # undated sort last
    odd = corpus.get("odd.txt")
    assert odd is not None and odd.date is None and odd.date_label == "undated"
    assert any(w.file.name == "odd.txt" and reason in w.reason for w in corpus.warnings)


def test_markup_and_escape_codes_are_kept_as_data(write_corpus: WriteCorpus) -> None:
    folder = write_corpus({"m.txt": "date 2025-01-01\n[bold]Loud[/] and \x1b[31mred\x1b[0m."})
    (article,) = load_corpus(folder).articles
    assert article.text == "[bold]Loud[/] and \x1b[31mred\x1b[0m."


def test_other_files_and_hidden_folders_are_ignored(write_corpus: WriteCorpus) -> None:
    folder = write_corpus(
        {
            "a.txt": "date 2025-01-01\nA.",
            "notes.pdf": b"%PDF",
            ".git/b.txt": "date 2025-01-01\nB.",
            "sub/c.md": "date 2025-01-02\nC.",
        }
    )
    assert [a.id for a in load_corpus(folder).articles] == ["sub/c.md", "a.txt"]


def test_same_stem_in_two_folders_gets_distinct_ids(write_corpus: WriteCorpus) -> None:
    folder = write_corpus({"x.txt": "date 2025-01-01\nA.", "more/x.txt": "date 2025-01-02\nB."})
    assert sorted(a.id for a in load_corpus(folder).articles) == ["more/x.txt", "x.txt"]


def test_same_stem_in_one_folder_keeps_the_suffix_in_the_id(write_corpus: WriteCorpus) -> None:
    folder = write_corpus({"x.txt": "date 2025-01-01\nA.", "x.md": "date 2025-01-02\nB."})
    assert sorted(a.id for a in load_corpus(folder).articles) == ["x.md", "x.txt"]


def test_missing_folder_is_a_corpus_error(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="not found"):
        load_corpus(tmp_path / "nowhere")


def test_progress_reports_every_file(write_corpus: WriteCorpus) -> None:
    folder = write_corpus({f"{n}.txt": f"date 2025-01-0{n}\nText {n}." for n in range(1, 5)})
    calls: list[tuple[int, int]] = []
    load_corpus(folder, lambda done, total: calls.append((done, total)))
    assert calls == [(1, 4), (2, 4), (3, 4), (4, 4)]
