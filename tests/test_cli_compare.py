"""`readout compare` and `readout brief`: JSON, plain text, Markdown, clean errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from tests.test_cli import run

VNA = "000_250548e130747c8a.txt"
XINHUA = "001_01fa6c485643f914.txt"
EVENT = "2025-01-15-to-lam-xi-jinping-call"


def test_compare_json_has_both_only_first_only_second(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "compare", "000", "001", "--json", "--corpus", str(SEEDS))
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["first"]["id"] == VNA and data["second"]["id"] == XINHUA
    assert data["both"] and data["only_first"] and data["only_second"]
    pair = data["both"][0]
    assert {"first", "second", "similarity"} == set(pair)
    for item in (pair["first"], data["only_first"][0]):
        assert {"sentences", "start", "end", "commitments", "topics"} == set(item)
    commitments = [c for p in data["both"] for c in p["first"]["commitments"]]
    assert commitments and all("other_side" in c for c in commitments)
    assert "railway" in data["topics_only_first"]


def test_compare_prints_pairs_and_lone_sentences_as_a_diff(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "compare", VNA, XINHUA, "--corpus", str(SEEDS))
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith(f"first : {VNA}  2025-01-15  VNS")
    assert "pairs," in lines[2]
    assert any(line.startswith("= both (") for line in lines)
    assert any(line.startswith("- only in the first: [") for line in lines)
    assert any(line.startswith("+ only in the second: [") for line in lines)
    assert any("* announcement by both; the other: announcement by both" in x for x in lines)


def test_brief_writes_markdown_with_dated_quotes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    output = tmp_path / "brief.md"
    code, out, _ = run(
        capsys, "brief", "000", "001", "--output", str(output), "--corpus", str(SEEDS)
    )
    assert code == 0 and out == f"wrote the brief to {output}\n"
    markdown = output.read_text(encoding="utf-8")
    assert "## Reported by both" in markdown and "(VNS (Việt Nam), 2025-01-15)" in markdown
    assert "(Agence Kampuchea Presse (China), 2025-01-16)" in markdown  # the event's sides
    code, out, _ = run(capsys, "brief", "000", "001", "--corpus", str(SEEDS))
    assert out == markdown
    code, out, _ = run(capsys, "brief", "000", "001", "--json", "--corpus", str(SEEDS))
    assert json.loads(out)["markdown"] == markdown
    assert json.loads(out)["event"] == EVENT


def test_brief_of_an_event_and_compare_of_one_id_take_the_event_s_two_reports(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, by_event, _ = run(capsys, "brief", "--event", EVENT, "--corpus", str(SEEDS))
    _, by_ids, _ = run(capsys, "brief", VNA, XINHUA, "--corpus", str(SEEDS))
    assert by_event == by_ids and f"(`{EVENT}`)" in by_event
    code, out, _ = run(capsys, "compare", "001", "--json", "--corpus", str(SEEDS))
    assert code == 0
    data = json.loads(out)
    assert (data["first"]["id"], data["second"]["id"]) == (XINHUA, VNA)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["compare", "000", "000"], "compare two different articles"),
        (["compare", "000", "zzz"], "no article 'zzz'"),
        (["compare", "00", "001"], "is ambiguous"),
        # A folder that cannot be made, even by root: a file stands where it would be.
        (["brief", "000", "001", "--output", "{file}/dir/brief.md"], "cannot write"),
        (["compare", "002"], "no other article reports the event"),
        (["compare"], "give two article ids"),
        (["brief", "--event", "nope"], "no event 'nope'"),
        (["brief", "000", "--event", EVENT], "either --event or article ids"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str], message: str
) -> None:
    file = tmp_path / "a-file"
    file.write_text("", encoding="utf-8")
    argv = [arg.format(file=file) for arg in argv]
    code, out, err = run(capsys, *argv, "--corpus", str(SEEDS))
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and message in err


def test_a_brief_is_never_written_over_a_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    taken = tmp_path / "notes.md"
    taken.write_text("someone's notes\n", encoding="utf-8")
    code, out, err = run(
        capsys, "brief", "000", "001", "--output", str(taken), "--corpus", str(SEEDS)
    )
    assert code == 2 and out == ""
    assert err == (
        f"readout: error: {taken} exists: a brief is never written over a file; name a new one\n"
    )
    assert taken.read_text(encoding="utf-8") == "someone's notes\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.md"]  # no temporary left
