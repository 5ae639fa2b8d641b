"""`readout threads`: the seeds' railway thread as a block, JSON, JSON lines and CSV;
one thread by id; bad input."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.conftest import SEEDS
from tests.test_cli import run


def railway(capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    code, out, err = run(capsys, "threads", "--topic", "Railway", "--json", "--corpus", str(SEEDS))
    assert (code, err) == (0, "")
    (thread,) = json.loads(out)
    return dict(thread)


def test_the_railway_thread_as_json_spans_four_dates(capsys: pytest.CaptureFixture[str]) -> None:
    thread = railway(capsys)
    assert set(thread) == {"thread", "topic", "object", "sides", "first", "last", "stage",
                           "entries"}  # fmt: skip
    assert (thread["topic"], thread["sides"], thread["first"], thread["last"]) == (
        "railway", ["China", "Việt Nam"], "2024-08-19", "2026-01-26"
    )  # fmt: skip
    entries = thread["entries"]
    assert isinstance(entries, list)
    assert [e["date"][:7] for e in entries] == [
        "2024-08", "2025-01", "2025-04", "2026-01", "2026-01"
    ]  # fmt: skip
    assert [e["new"] for e in entries] == [True, False, False, False, False]
    assert entries[1]["kind"] == "discussion" and "standard-gauge" in entries[1]["text"]
    assert entries[1]["position"] is None and entries[0]["position"] == 7
    assert set(entries[0]) == {"id", "date", "position", "start", "end", "kind", "stage", "new",
                               "text"}  # fmt: skip


def test_one_thread_by_its_id_or_a_prefix_as_a_block(capsys: pytest.CaptureFixture[str]) -> None:
    thread_id = str(railway(capsys)["thread"])
    code, out, err = run(capsys, "threads", thread_id[:5], "--corpus", str(SEEDS))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].startswith(f"{thread_id}  railway: ")
    assert lines[1] == "  China, Việt Nam · 2024-08-19..2026-01-26 · 5 entries · stage: proposed"
    assert lines[2].startswith("  2024-08-19  agreed     new        agreement    003_")
    assert lines[3].startswith("  2025-01-15  -          recurring  discussion   000_")
    assert len(lines) == 7


def test_the_list_is_blocks_of_threads_of_two_entries_or_more(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "threads", "--corpus", str(SEEDS))
    blocks = out.split("\n\n")
    assert code == 0 and len(blocks) > 5
    assert all(len(block.strip().splitlines()) >= 4 for block in blocks)
    code, every, _ = run(capsys, "threads", "--all", "--json", "--corpus", str(SEEDS))
    assert code == 0 and any(len(t["entries"]) == 1 for t in json.loads(every))


def test_jsonl_and_csv(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "threads", "--topic", "railway", "--jsonl", "--corpus", str(SEEDS))
    (line,) = out.splitlines()
    assert code == 0 and json.loads(line)["topic"] == "railway"
    code, out, _ = run(capsys, "threads", "--topic", "railway", "--csv", "--corpus", str(SEEDS))
    rows = list(csv.reader(io.StringIO(out)))
    assert code == 0 and rows[0][:4] == ["thread", "topic", "object", "sides"]
    assert len(rows) == 6 and rows[1][3] == "China; Việt Nam" and rows[2][6] == "False"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["no-such-thread"], "readout: error: no thread 'no-such-thread' (see `readout threads`)"),
        ([" "], "readout: error: a thread id cannot be empty (see `readout threads`)"),
        (["--topic", "rail"], "readout: error: no topic 'rail'; did you mean: railway"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], arguments: list[str], message: str
) -> None:
    code, out, err = run(capsys, "threads", *arguments, "--corpus", str(SEEDS))
    assert (code, out) == (2, "")
    assert err.startswith(message) and err.count("\n") == 1
