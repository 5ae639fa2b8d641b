"""`readout commitments`: every commitment, narrowed, as a table, JSON or CSV; bad
input one line and exit 2; an unknown name nothing, with the close names."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.conftest import SEEDS, WriteCorpus
from tests.test_cli import run

SEEDS_ARGS = ("--corpus", str(SEEDS))
FIELDS = {"id", "date", "title", "source", "actors", "sides", "kind", "topics", "text"}


def listed(capsys: pytest.CaptureFixture[str], *argv: str) -> list[dict[str, object]]:
    code, out, err = run(capsys, "commitments", "--json", *SEEDS_ARGS, *argv)
    assert code == 0, err
    rows: list[dict[str, object]] = json.loads(out)
    return rows


def test_json_lists_every_commitment_newest_first_with_its_fields(
    capsys: pytest.CaptureFixture[str],
) -> None:
    rows = listed(capsys)
    assert len(rows) == 55
    assert set(rows[0]) == FIELDS | {"start", "end"}
    dates = [str(row["date"]) for row in rows]
    assert dates == sorted(dates, reverse=True)
    _, out, _ = run(capsys, "show", "--json", str(rows[0]["id"]), *SEEDS_ARGS)
    text = json.loads(out)["text"]
    assert text[rows[0]["start"] : rows[0]["end"]] == rows[0]["text"]  # type: ignore[misc]


def test_the_proposals_of_the_vietnamese_side(capsys: pytest.CaptureFixture[str]) -> None:
    rows = listed(capsys, "--side", "viet nam", "--kind", "Proposal")
    assert len(rows) == 12
    assert {actor for row in rows for actor in row["actors"]} == {"Tô Lâm", "Lương Cường"}  # type: ignore[attr-defined]
    assert all(row["sides"] == ["Việt Nam"] for row in rows)


def test_actor_topic_and_dates_narrow_together(capsys: pytest.CaptureFixture[str]) -> None:
    rows = listed(capsys, "--actor", "xi jinping", "--from", "2025-02", "--to", "2025-04")
    assert {row["date"] for row in rows} == {"2025-04-15"}
    assert all(row["actors"] == ["Xi Jinping"] for row in rows)
    railway = listed(capsys, "--topic", "railway", "--to", "2025-12-31")
    assert railway and all("railway" in row["topics"] for row in railway)  # type: ignore[operator]
    assert all(str(row["date"]) <= "2025-12-31" for row in railway)


def test_an_unknown_actor_is_one_line_with_close_names_and_exit_2(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "commitments", "--actor", "Xi Jinpin", *SEEDS_ARGS)
    assert (code, out) == (2, "")
    assert (
        err == "readout: error: no commitments with actor 'Xi Jinpin'; did you mean: Xi Jinping?\n"
    )
    code, out, err = run(capsys, "commitments", "--json", "--actor", "Nobody At All", *SEEDS_ARGS)
    assert (code, out) == (2, "")
    assert err == "readout: error: no commitments with actor 'Nobody At All'\n"  # nothing close


@pytest.mark.parametrize("typed", ["Xi", "xi jinping", "Jinping", "Lâm", "to lam", "TÔ-LÂM"])
def test_an_actor_by_any_spelling_a_leader_has(
    capsys: pytest.CaptureFixture[str], typed: str
) -> None:
    code, out, err = run(capsys, "commitments", "--json", "--actor", typed, *SEEDS_ARGS)
    rows = json.loads(out)
    assert (code, err) == (0, "") and rows
    assert all(set(row["actors"]) & {"Xi Jinping", "Tô Lâm"} for row in rows)


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (("--kind", "promise"), "unknown kind 'promise'"),
        (("--from", "2025-13"), "not a date: '2025-13'"),
        (("--to", "yesterday"), "not a date: 'yesterday'"),
        (("--from", "2025-03", "--to", "2025-02"), "is after"),
        (("--json", "--csv"), "not allowed"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], words: str
) -> None:
    code, out, err = run(capsys, "commitments", *argv, *SEEDS_ARGS)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and words in err and "Traceback" not in err


def test_csv_has_a_header_and_quotes_what_needs_it(
    capsys: pytest.CaptureFixture[str], write_corpus: WriteCorpus
) -> None:
    folder = write_corpus(
        {
            "a.txt": "date 2025-03-02 HÀ NỘI — Chinese Premier Li Qiang met Vietnamese Prime"
            ' Minister Phạm Minh Chính.\n\nLi said China was ready to "expand trade, and'
            ' investment; fast".\n'
        }
    )
    code, out, err = run(capsys, "commitments", "--csv", "--corpus", str(folder))
    assert code == 0, err
    table = list(csv.reader(io.StringIO(out)))
    assert table[0] == [
        "id", "date", "title", "source", "actors", "sides", "kind", "topics", "text",
        "start", "end",
    ]  # fmt: skip
    (row,) = table[1:]
    assert row[0] == "a.txt" and row[4] == "Li Qiang" and row[5] == "China"
    assert row[6] == "readiness" and row[7] == "trade; investment"
    assert row[8] == 'Li said China was ready to "expand trade, and investment; fast".'


def test_the_table_is_one_line_a_commitment_and_text_is_data(
    capsys: pytest.CaptureFixture[str], write_corpus: WriteCorpus
) -> None:
    folder = write_corpus(
        {
            "a.txt": "date 2025-03-02 HÀ NỘI — Chinese Premier Li Qiang met Vietnamese Prime"
            " Minister Phạm Minh Chính.\n\nLi said China was ready to \x1b[31mexpand trade.\n"
        }
    )
    code, out, err = run(capsys, "commitments", "--corpus", str(folder))
    assert code == 0, err
    (line,) = out.splitlines()
    assert line.startswith("2025-03-02  Li Qiang  China  readiness  ")
    assert "\x1b" not in line and "[trade]" in line
    code, out, _ = run(capsys, "commitments", *SEEDS_ARGS)
    assert len(out.splitlines()) == 55


def test_csv_never_carries_escape_codes_or_formulas(
    capsys: pytest.CaptureFixture[str], write_corpus: WriteCorpus
) -> None:
    folder = write_corpus(
        {
            "a.md": "---\ndate: 2025-03-02\ntitle: =1+1 talks\nsource: '=HYPERLINK(\"http://x\")'\n"
            "---\n\nHÀ NỘI — Chinese Premier Li Qiang met Vietnamese Prime Minister Phạm Minh"
            " Chính.\n\nLi said China was ready to expand trade \x1b[2J\u202eat once.\n"
        }
    )
    code, out, err = run(capsys, "commitments", "--csv", "--corpus", str(folder))
    assert code == 0, err
    assert "\x1b" not in out and "\u202e" not in out
    (row,) = list(csv.DictReader(io.StringIO(out)))
    assert row["title"].startswith("'=1+1") and row["source"].startswith("'=HYPERLINK")
    assert "␛[2J" in row["text"]


def test_commitments_as_json_lines(capsys: pytest.CaptureFixture[str]) -> None:
    code, whole, _ = run(capsys, "commitments", "--json", "--corpus", str(SEEDS))
    code_lines, lines, _ = run(capsys, "commitments", "--jsonl", "--corpus", str(SEEDS))
    assert code == code_lines == 0
    assert [json.loads(line) for line in lines.splitlines()] == json.loads(whole)
