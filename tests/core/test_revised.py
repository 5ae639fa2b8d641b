"""Imported articles carry where they came from and whether they were revised (`url`,
`revised`, `versions` of the front matter), read alike by the in-memory path and the
store, and printed by `readout list --json` and `show --json`."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.core.test_store_records import LEXICON
from tests.test_cli import run
from tui.core import load_corpus
from tui.core.corpus import parse_article
from tui.core.store import Library, records

IMPORTED = ROOT / "tests/data/imported"
REVISED = "2025-03-11-railway-talks.md"


def test_front_matter_gives_the_url_the_revision_date_and_the_versions_kept() -> None:
    corpus = load_corpus(IMPORTED)
    revised = corpus.get(REVISED)
    assert revised is not None
    assert revised.url == "https://news.example.vn/railway-talks-post301245.vnp"
    assert (revised.revised, revised.versions) == (dt.date(2026, 11, 20), 1)
    plain = corpus.get("2025-01-20-phone-call.md")
    assert plain is not None and plain.url is not None
    assert (plain.revised, plain.versions) == (None, 0)
    hand_written = corpus.get("2025-02-02-reception.txt")
    assert hand_written is not None
    assert (hand_written.url, hand_written.revised, hand_written.versions) == (None, None, 0)
    assert corpus.warnings == ()


@pytest.mark.parametrize(
    ("lines", "problem"),
    [
        ("revised: last week\nversions: 2", "revised 'last week' is not YYYY-MM-DD; ignored"),
        ("revised: 2026-11-20\nversions: many", "versions 'many' is not a count; ignored"),
        ("revised: 2026-11-20\nversions: -1", "versions '-1' is not a count; ignored"),
        (  # past what anyone keeps, and what SQLite can store
            "versions: 99999999999999999999",
            "versions '99999999999999999999' is not a count; ignored",
        ),
        ("url: [a, b]", "url is a list of 2, not text; ignored"),
    ],
)
def test_a_revision_field_that_is_not_a_date_or_a_count_is_ignored_with_a_warning(
    lines: str, problem: str
) -> None:
    raw = f"---\ndate: 2025-03-11\n{lines}\n---\n\nThe two sides met in Hà Nội.\n"
    article, problems = parse_article("x.md", Path("x.md"), raw)
    assert problems == [problem]
    assert article.date == dt.date(2025, 3, 11)
    assert article.versions in (0, 2)


@pytest.fixture(scope="module")
def refreshed(tmp_path_factory: pytest.TempPathFactory) -> Library:
    store = tmp_path_factory.mktemp("store") / "library.sqlite"
    library = Library.open(IMPORTED, lexicon=LEXICON, store=store)
    library.refresh()
    return library


def test_the_store_lists_and_gives_what_the_in_memory_path_reads(refreshed: Library) -> None:
    corpus = load_corpus(IMPORTED, lexicon=LEXICON)
    assert refreshed.summaries() == [article.summary() for article in corpus.articles]
    assert [a.summary() for a in refreshed.articles()] == refreshed.summaries()
    listed = {a.id: (a.url, a.revised, a.versions) for a in refreshed.articles()}
    assert listed == {a.id: (a.url, a.revised, a.versions) for a in corpus.articles}
    for article in corpus.articles:
        assert refreshed.get(article.id) == article


def test_the_list_is_still_read_from_its_index_alone(refreshed: Library) -> None:
    plan = refreshed._conn().execute(
        f"EXPLAIN QUERY PLAN SELECT {records.SUMMARY_COLUMNS} FROM articles"
        " ORDER BY day DESC, id DESC LIMIT 200"
    )
    assert "USING COVERING INDEX articles_by_day" in " ".join(row[-1] for row in plan)


def test_list_and_show_print_the_revision_as_json(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    corpus = shutil.copytree(IMPORTED, tmp_path / "corpus")
    code, out, err = run(capsys, "list", "--json", "--corpus", str(corpus))
    assert (code, err) == (0, "")
    rows = {row["id"]: row for row in json.loads(out)}
    assert rows[REVISED]["revised"] == "2026-11-20"
    assert rows[REVISED]["versions"] == 1
    assert rows[REVISED]["url"] == "https://news.example.vn/railway-talks-post301245.vnp"
    assert rows["2025-02-02-reception.txt"] | {"file": ""} == rows["2025-02-02-reception.txt"] | {
        "file": "", "url": None, "revised": None, "versions": 0,
    }  # fmt: skip
    code, out, err = run(capsys, "show", REVISED, "--json", "--corpus", str(corpus))
    assert (code, err) == (0, "")
    shown = json.loads(out)
    assert (shown["revised"], shown["versions"]) == ("2026-11-20", 1)


def test_a_huge_count_of_versions_never_stops_the_store(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "big.md").write_text(
        "---\ndate: 2025-01-01\ntitle: t\nversions: 99999999999999999999\n---\n\nTalks.\n",
        encoding="utf-8",
    )
    with Library.open(folder, lexicon=LEXICON, store=tmp_path / "s.sqlite") as library:
        library.refresh()
        (listed,) = library.articles()
        assert listed.versions == 0 and len(library.warnings()) == 1
