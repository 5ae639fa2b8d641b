"""`readout bookmark` and `readout notes` on real notes files: the shared spool, and
broken files reported by line without a traceback."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from tests.test_cli import run
from tui.core.notes_parse import load_notes


def test_a_bookmark_the_cli_cannot_write_is_spooled_and_written_by_the_next_run(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    notes = tmp_path / "notes.md"
    common = ["--corpus", str(SEEDS), "--notes", str(notes)]
    real_open = os.open

    def refuse(file: object, flags: int, *args: object) -> int:
        if str(file) == str(notes) and flags & (os.O_WRONLY | os.O_RDWR):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, flags, *args)  # type: ignore[arg-type]

    with monkeypatch.context() as patched:
        patched.setattr(os, "open", refuse)
        code, _, err = run(
            capsys, "bookmark", "003", "--quote", "tea party", "--note", "one", *common
        )
    assert code == 2
    assert err.count("\n") == 1 and "kept in" in err and "Traceback" not in err
    code, _, _ = run(capsys, "bookmark", "003", "--quote", "UNCLOS", "--note", "two", *common)
    assert code == 0
    assert [b.note for b in load_notes(notes).bookmarks] == ["one", "two"]


def test_notes_reports_broken_sections_by_line_and_lists_the_rest(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    notes = tmp_path / "notes.md"
    common = ["--corpus", str(SEEDS), "--notes", str(notes)]
    assert (
        run(capsys, "bookmark", "003", "--quote", "tea party", "--note", "[/] [b]", *common)[0] == 0
    )
    with notes.open("ab") as handle:
        handle.write(b'\n## Broken\n\n<!-- readout:bookmark {"position": 1e400} -->\n\xff\n')
    assert run(capsys, "bookmark", "003", "--quote", "UNCLOS", *common)[0] == 0
    before = notes.read_bytes()
    code, out, err = run(capsys, "notes", "--json", *common)
    assert code == 0
    rows = json.loads(out)
    assert [row["status"] for row in rows] == ["anchored", "anchored"]
    assert rows[0]["note"] == "[/] [b]"
    lines = before.split(b"\n")
    anchor_line = next(n for n, line in enumerate(lines, 1) if b"1e400" in line)
    assert f"{notes}:{anchor_line}: bookmark anchor cannot be read" in err
    assert f"{notes}:{anchor_line + 1}: bytes that are not UTF-8" in err
    assert notes.read_bytes() == before


def test_notes_indents_every_line_of_a_note(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    common = ["--corpus", str(SEEDS), "--notes", str(tmp_path / "notes.md")]
    note = "first line\n> second line"
    assert run(capsys, "bookmark", "003", "--quote", "tea party", "--note", note, *common)[0] == 0
    _, out, _ = run(capsys, "notes", *common)
    assert out.endswith("    first line\n    > second line\n")


def test_notes_keeps_each_bookmark_on_one_line_whatever_its_tags_hold(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    common = ["--corpus", str(SEEDS), "--notes", str(tmp_path / "notes.md")]
    tags = ["--tag", "two\nlines", "--tag", "para\u2029graph", "--tag", "cr\rhere"]
    assert run(capsys, "bookmark", "003", "--quote", "tea party", *tags, *common)[0] == 0
    _, out, _ = run(capsys, "notes", *common)
    (row,) = out.splitlines()
    assert row.endswith("#two\u240alines #para\u2424graph #cr\u240dhere")


def test_a_bookmark_across_paragraphs_is_confirmed_on_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    common = ["--corpus", str(SEEDS), "--notes", str(tmp_path / "notes.md")]
    quote = "with pleasure. Concluding the"  # the end of one paragraph, the start of the next
    code, out, _ = run(capsys, "bookmark", "003", "--quote", quote, *common)
    assert code == 0 and out.count("\n") == 1 and "pleasure.\u240a\u240aConcluding" in out
