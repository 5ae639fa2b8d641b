"""`readout brief --thread ID | --topic T | --leader NAME`: Markdown of dated quotes
grouped by thread, to stdout, JSON or a new file; bad input one line, exit 2."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from tests.test_cli import run


def test_a_topic_brief_is_its_threads_quotes(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "brief", "--topic", "Railway", "--corpus", str(SEEDS))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "# Topic: railway"
    assert lines[2].startswith("*5 quotes in 1 thread; made by readout on ")
    assert lines[4].startswith("## railway · ") and lines[6].startswith("Thread `")
    quotes = [line for line in lines if line.startswith("- **")]
    assert [q[4:11] for q in quotes] == ["2024-08", "2025-01", "2025-04", "2026-01", "2026-01"]
    assert "three standard-gauge railway lines" in quotes[1] and ", VNS: “" in quotes[1]


def test_a_thread_by_its_id_prefix_and_a_leader(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "threads", "--topic", "railway", "--json", "--corpus", str(SEEDS))
    (thread,) = json.loads(out)
    code, out, _ = run(capsys, "brief", "--thread", thread["thread"][:6], "--json",
                       "--corpus", str(SEEDS))  # fmt: skip
    data = json.loads(out)
    assert code == 0 and data["threads"] == [thread["thread"]] and data["quotes"] == 5
    assert data["markdown"].startswith("# Thread: railway · ") and data["output"] is None
    code, out, _ = run(capsys, "brief", "--leader", "luong cuong", "--corpus", str(SEEDS))
    assert code == 0 and out.startswith("# Leader: Lương Cường\n")
    assert "Lương Cường – Xi Jinping · talks · Hà Nội" in out


def test_a_brief_to_a_new_file_never_over_one(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "railway.md"
    code, out, _ = run(capsys, "brief", "--topic", "railway", "--output", str(target),
                       "--corpus", str(SEEDS))  # fmt: skip
    assert code == 0 and out == f"wrote the brief to {target}\n"
    assert target.read_text(encoding="utf-8").startswith("# Topic: railway\n")
    code, out, err = run(capsys, "brief", "--topic", "railway", "--output", str(target),
                         "--corpus", str(SEEDS))  # fmt: skip
    assert (code, out) == (2, "") and "is never written over a file" in err


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--thread", "nosuch"], "readout: error: no thread 'nosuch' (see `readout threads`)"),
        (["--topic", "railwey"], "readout: error: no topic 'railwey'; did you mean: railway?"),
        (["--topic", "enrgy"], "readout: error: no topic 'enrgy'; did you mean: energy?"),
        (["--topic", "energy"], "readout: error: no commitments on the topic 'energy' in the"),
        (["--leader", "Putin"], "readout: error: no leader 'Putin' in the corpus"),
        (["--leader", "Hồ Chí Minh"], "readout: error: no commitments of Hồ Chí Minh"),
        (["000", "--topic", "railway"], "readout: error: give article ids (or --event) or one"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], options: list[str], message: str
) -> None:
    code, out, err = run(capsys, "brief", *options, "--corpus", str(SEEDS))
    assert (code, out) == (2, "")
    assert err.startswith(message) and err.count("\n") == 1


def test_output_into_new_folders_but_never_a_folder_or_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "new" / "sub" / "railway.md"
    umask = os.umask(0o022)
    try:
        code, out, _ = run(capsys, "brief", "--topic", "railway", "--output", str(target),
                           "--corpus", str(SEEDS))  # fmt: skip
    finally:
        os.umask(umask)
    assert code == 0 and target.stat().st_mode & 0o777 == 0o644  # as any new file
    for output, said in [("", "--output needs a file name"), (str(tmp_path), "is a folder")]:
        code, out, err = run(capsys, "brief", "--topic", "railway", "--output", output,
                             "--corpus", str(SEEDS))  # fmt: skip
        assert (code, out) == (2, "") and said in err and err.count("\n") == 1


@pytest.mark.parametrize("command", ["brief", "threads"])
def test_a_prefix_of_several_thread_ids_says_so(
    capsys: pytest.CaptureFixture[str], command: str
) -> None:
    code, out, _ = run(capsys, "threads", "--all", "--json", "--corpus", str(SEEDS))
    ids = [thread["thread"] for thread in json.loads(out)]
    shared = next(c for c in sorted({i[0] for i in ids}) if sum(i[0] == c for i in ids) > 1)
    options = ["--thread", shared] if command == "brief" else [shared]
    code, out, err = run(capsys, command, *options, "--corpus", str(SEEDS))
    count = sum(i.startswith(shared) for i in ids)
    assert (code, out) == (2, "")
    assert err == (f"readout: error: {count} threads' ids start with '{shared}': give more "
                   "of the id (see `readout threads`)\n")  # fmt: skip
