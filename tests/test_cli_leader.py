"""`readout leader`: every leader, one profile as text, JSON, JSON Lines and CSV, names
by any spelling, and bad names."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from tests.test_cli import run


def test_without_a_name_every_leader_most_named_first(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "leader", "--corpus", str(SEEDS))
    assert (code, err) == (0, "")
    assert out.splitlines()[:2] == ["5  Xi Jinping", "4  Tô Lâm"]
    code, out, _ = run(capsys, "leader", "--jsonl", "--corpus", str(SEEDS))
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows[0] == {"name": "Xi Jinping", "articles": 5} and len(rows) == 6
    code, out, _ = run(capsys, "leader", "--csv", "--corpus", str(SEEDS))
    assert list(csv.reader(io.StringIO(out)))[:2] == [["name", "articles"], ["Xi Jinping", "5"]]


@pytest.mark.parametrize("typed", ["Tô Lâm", "to lam", "TO-LAM", "Lâm"])
def test_a_profile_by_any_spelling(capsys: pytest.CaptureFixture[str], typed: str) -> None:
    code, out, err = run(capsys, "leader", typed, "--corpus", str(SEEDS))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "Tô Lâm (Việt Nam): 4 articles  2024-08-19 … 2026-01-26"
    assert "  President of Vietnam  2024-08  (1)" in lines
    assert "  Xi Jinping (China): 4 articles, 1 event, last 2026-01-26" in lines
    assert "Events reported by two articles or more: 1" in lines


def test_a_profile_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "leader", "Xi Jinping", "--json", "--corpus", str(SEEDS))
    data = json.loads(out)
    assert code == 0 and data["name"] == "Xi Jinping" and data["country"] == "China"
    assert set(data) == {
        "name", "country", "first", "last", "titles", "articles", "events", "commitments",
        "counterparts",
    }  # fmt: skip
    assert len(data["articles"]) == 5 and data["events"][0]["kind"] == "call"
    assert data["commitments"]["count"] == sum(data["commitments"]["kinds"].values())
    assert {c["name"] for c in data["counterparts"]} >= {"Tô Lâm", "Lương Cường"}


def test_a_profile_as_csv_one_row_per_article(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "leader", "Lương Cường", "--csv", "--corpus", str(SEEDS))
    rows = list(csv.reader(io.StringIO(out)))
    assert code == 0 and rows[0] == ["id", "date", "title", "source", "titles", "with"]
    assert len(rows) == 2 and rows[1][1] == "2025-04-15" and "Xi Jinping" in rows[1][5]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("Xi Jinpng", "readout: error: no leader 'Xi Jinpng' in the corpus; did you mean: Xi"),
        ("Nobody\x1b[31m", "readout: error: no leader 'Nobody␛[31m' in the corpus"),
        ("  ", "readout: error: the leader's name is empty"),
    ],
)
def test_a_name_the_corpus_does_not_have_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], typed: str, message: str
) -> None:
    code, out, err = run(capsys, "leader", typed, "--corpus", str(SEEDS))
    assert (code, out) == (2, "")
    assert err.startswith(message) and err.count("\n") == 1


def test_a_name_several_leaders_hold_lists_them(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    (corpus / "phuc.txt").write_text(
        "date 2021-03-02 HÀ NỘI — Prime Minister Nguyễn Xuân Phúc held talks with Chinese"
        " President Xi Jinping by phone on Tuesday.\n\nPhúc proposed that the two sides"
        " expand trade.\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "leader", "Nguyễn", "--corpus", str(corpus))
    assert (code, out) == (2, "")
    assert err.startswith("readout: error: 'Nguyễn' names several leaders: ")
    assert "Nguyễn Phú Trọng" in err and "Nguyễn Xuân Phúc" in err
    code, out, _ = run(capsys, "leader", "nguyen xuan phuc", "--corpus", str(corpus))
    assert code == 0 and out.startswith("Nguyễn Xuân Phúc")
