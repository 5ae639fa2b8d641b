"""`readout timeline`: lanes and cells as lines, JSON and CSV, focused on a leader by
any spelling, bad input."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.conftest import SEEDS
from tests.test_cli import run


def test_a_lane_a_pair_with_its_cells(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "timeline", "--corpus", str(SEEDS))
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "4 events in 2 lanes, 2024-08 … 2026-01; busiest 2024-08 (1)",
        "Tô Lâm – Xi Jinping  (3)  2024-08 talks · 2025-01 call · 2026-01 call",
        "Lương Cường – Xi Jinping  (1)  2025-04 talks",
    ]


def test_focused_by_year_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "timeline", "--leader", "XI", "--by", "year", "--json",
                       "--corpus", str(SEEDS))  # fmt: skip
    data = json.loads(out)
    assert code == 0 and (data["by"], data["leader"], data["undated"]) == ("year", "Xi Jinping", 0)
    assert [(b["bin"], b["events"]) for b in data["bins"]] == [
        ("2024", 1),
        ("2025", 2),
        ("2026", 1),
    ]
    lam = data["lanes"][0]
    assert (lam["name"], lam["leaders"]) == ("Tô Lâm", ["Tô Lâm"])
    assert lam["cells"][1] == {
        "bin": "2025", "start": "2025-01-01", "mark": "call",
        "events": ["2025-01-15-to-lam-xi-jinping-call"],
    }  # fmt: skip


def test_csv_one_row_per_cell(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "timeline", "--by", "quarter", "--csv", "--corpus", str(SEEDS))
    rows = list(csv.reader(io.StringIO(out)))
    assert code == 0 and rows[0] == ["lane", "bin", "start", "mark", "count", "events"]
    assert rows[1][:5] == ["Tô Lâm – Xi Jinping", "2024 Q3", "2024-07-01", "talks", "1"]
    assert len(rows) == 5


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--leader", "Putin"], "readout: error: no leader 'Putin' in the corpus"),
        (["--leader", " "], "readout: error: --leader needs a name"),
        (["--by", "day"], "readout: error: argument --by: invalid choice: 'day'"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], options: list[str], message: str
) -> None:
    code, out, err = run(capsys, "timeline", *options, "--corpus", str(SEEDS))
    assert (code, out) == (2, "")
    assert err.startswith(message) and err.count("\n") == 1
