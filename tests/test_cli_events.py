"""`readout events`: the seeds' pair as a line and as JSON, narrowing, bad input."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from tests.test_cli import run

PAIR_ID = "2025-01-15-to-lam-xi-jinping-call"


def test_the_seeds_pair_is_the_one_event_listed(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "events", "--corpus", str(SEEDS))
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "2025-01-15..16    call       Tô Lâm – Xi Jinping  VNS (Việt Nam), Agence Kampuchea "
        f"Presse (China, by dateline)  {PAIR_ID}"
    ]


def test_json_objects_with_the_articles_their_outlets_and_sides(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "events", "--json", "--corpus", str(SEEDS))
    assert code == 0
    (event,) = json.loads(out)
    assert set(event) == {"id", "kind", "first", "last", "leaders", "sides", "articles"}
    assert (event["id"], event["kind"], event["first"], event["last"]) == (
        PAIR_ID, "call", "2025-01-15", "2025-01-16"
    )  # fmt: skip
    assert [(a["id"][:3], a["date"], a["source"], a["side"]) for a in event["articles"]] == [
        ("000", "2025-01-15", "VNS", "Việt Nam"),
        ("001", "2025-01-16", "Agence Kampuchea Presse", "China"),
    ]
    assert set(event["articles"][0]) == {"id", "date", "title", "source", "side", "side_from"}


def test_all_lists_the_events_one_article_reports(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "events", "--all", "--json", "--corpus", str(SEEDS))
    events = json.loads(out)
    assert code == 0 and len(events) == 4
    assert sum(len(e["articles"]) for e in events) == 5
    assert [e["first"] for e in events] == sorted((e["first"] for e in events), reverse=True)


@pytest.mark.parametrize(
    ("options", "count"),
    [
        (["--leader", "Xi Jinping"], 4),
        (["--leader", "to lam"], 3),
        (["--leader", "Lương Cường"], 1),
        (["--from", "2025"], 3),
        (["--from", "2025-01-16", "--to", "2025-01"], 1),
        (["--to", "2024"], 1),
        (["--from", "2025-02", "--to", "2025-03"], 0),
    ],
)
def test_narrowing_by_leader_and_dates(
    capsys: pytest.CaptureFixture[str], options: list[str], count: int
) -> None:
    code, out, _ = run(capsys, "events", "--all", "--json", *options, "--corpus", str(SEEDS))
    assert code == 0
    assert len(json.loads(out)) == count


def test_a_leader_no_event_names_is_one_line_with_the_closest_names(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(
        capsys, "events", "--all", "--json", "--leader", "Xi Jingping", "--corpus", str(SEEDS)
    )
    assert (code, out) == (2, "")
    assert err == "readout: error: no events of leader 'Xi Jingping'; did you mean: Xi Jinping?\n"
    code, out, err = run(capsys, "events", "--leader", "Putin", "--corpus", str(SEEDS))
    assert (code, out, err) == (2, "", "readout: error: no events of leader 'Putin'\n")
    code, out, err = run(
        capsys, "events", "--all", "--json", "--leader", "Cường", "--corpus", str(SEEDS)
    )
    assert len(json.loads(out)) == 1 and err == ""


@pytest.mark.parametrize(
    ("options", "said"),
    [
        (["--from", "2025-13"], "--from 2025-13 is not a date"),
        (["--to", "yesterday"], "--to yesterday is not a date"),
        (["--from", "2026", "--to", "2025"], "--from 2026-01-01 is after --to 2025-12-31"),
        (["--leader", " "], "--leader needs a name"),
        (["--kind", "call"], "unrecognized arguments: --kind"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], options: list[str], said: str
) -> None:
    code, out, err = run(capsys, "events", *options, "--corpus", str(SEEDS))
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and said in err and "Traceback" not in err


def test_an_outlet_that_reported_an_event_often_is_named_once_with_a_count(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for day in (15, 15, 16):
        n = len(list(folder.iterdir()))
        (folder / f"{n}.md").write_text(
            f"---\ndate: 2025-01-{day}\ntitle: Xi Jinping holds phone talks with Tô Lâm ({n})\n"
            "source: Xinhua\n---\n\nBEIJING — Xi Jinping held phone talks with Tô Lâm.\n",
            encoding="utf-8",
        )
    code, out, _ = run(capsys, "events", "--corpus", str(folder))
    assert code == 0
    (line,) = out.splitlines()
    assert "Xinhua (China) ×3" in line and line.count("Xinhua") == 1


def test_events_as_json_lines_and_csv(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "events", "--jsonl", "--corpus", str(SEEDS))
    (line,) = out.splitlines()
    assert code == 0 and json.loads(line)["id"] == PAIR_ID
    code, out, _ = run(capsys, "events", "--all", "--csv", "--corpus", str(SEEDS))
    rows = list(csv.reader(io.StringIO(out)))
    assert code == 0 and rows[0][:6] == ["event", "kind", "first", "last", "leaders", "id"]
    assert len(rows) == 1 + 5  # a row per report: every article once
    pair = [row for row in rows if row[0] == PAIR_ID]
    assert [(row[4], row[8], row[9], row[10]) for row in pair] == [
        ("Tô Lâm; Xi Jinping", "VNS", "Việt Nam", "outlet"),
        ("Tô Lâm; Xi Jinping", "Agence Kampuchea Presse", "China", "dateline"),
    ]
