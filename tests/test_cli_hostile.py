"""The command line under abuse: odd files, odd names, full and closed output, bad
arguments. Every mistake is one line and exit 2; never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS, WriteCorpus
from tests.test_cli import run

TRICKS = "\x1b[2J\x9b31m\u202eevil\u202c\u200b\u2066x\u2069\ufeff\x07"
CONTROLS = [char for char in TRICKS if not char.isprintable()]


def readout(
    *argv: str, cwd: Path = ROOT, shell_suffix: str = ""
) -> subprocess.CompletedProcess[str]:
    """`readout ARGV` as a separate program, optionally with a shell redirection."""
    command = " ".join([f"'{sys.executable}'", "-m", "tui", *(f"'{a}'" for a in argv)])
    return subprocess.run(
        f"{command} {shell_suffix}", shell=True, capture_output=True, text=True, cwd=cwd
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str], message: str) -> None:
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("readout: error:") and message in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_writing_to_a_full_disk_is_one_line_and_exit_2() -> None:
    result = readout("list", "--corpus", str(SEEDS), shell_suffix="> /dev/full")
    assert_one_line_error(result, "cannot write the output: No space left on device")


def test_closed_stdout_is_one_line_and_exit_2() -> None:
    result = readout("list", "--corpus", str(SEEDS), shell_suffix=">&-")
    assert_one_line_error(result, "standard output is closed")


def test_a_reader_that_leaves_early_is_not_an_error() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", "list", "--corpus", str(SEEDS)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # like `| head -0`: nobody reads what it writes
    error = process.stderr.read().decode()
    assert process.wait(timeout=60) == 0 and error == ""


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["lst"], "invalid choice: 'lst'"),
        (["list", "--limit", "3"], "unrecognized arguments: --limit 3"),
        (["search", "--limit", "x", "y"], "must be a whole number"),
        (["search", "--limit", "\u00b2", "y"], "must be a whole number of 1 or more, not '\u00b2'"),
        (["search", "--limit", "9" * 5000, "y"], "must be a whole number of 1 or more, not '999"),
        (["show"], "the following arguments are required: ID"),
        (["show", "\x1b[2Jx\nnext"], "no article '\\x1b[2Jx\\nnext'"),
    ],
)
def test_argument_mistakes_are_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, *argv, "--corpus", str(SEEDS))
    assert (code, out) == (2, "")
    assert err.startswith("readout: error:") and message in err and err.count("\n") == 1
    assert "\x1b" not in err and "usage:" not in err


def test_no_config_and_no_seeds_folder_says_how_to_name_a_corpus(tmp_path: Path) -> None:
    result = readout("list", cwd=tmp_path)
    assert_one_line_error(result, f"corpus folder not found: {tmp_path / 'seeds'}")
    assert "--corpus DIR" in result.stderr


def test_odd_file_names_keep_list_one_article_a_line(
    capsys: pytest.CaptureFixture[str], write_corpus: WriteCorpus
) -> None:
    names = [os.fsdecode(b"caf\xe9.txt"), "two\nlines.txt", f"t{TRICKS}.txt", "plain.txt"]
    folder = write_corpus({"plain.txt": "date 2025-01-01\nPlain."})
    for name in names[:-1]:
        (folder / name).write_text("date 2025-01-02\nOdd name.", encoding="utf-8")
    code, out, err = run(capsys, "list", "--corpus", str(folder))
    assert (code, err) == (0, "")
    assert len(out.splitlines()) == 4
    assert "caf\\xe9.txt" in out and "two\\u000alines.txt" in out
    code, out, err = run(capsys, "list", "--json", "--corpus", str(folder))
    assert code == 0 and len(json.loads(out)) == 4
    code, out, err = run(capsys, "show", "two\\u000alines.txt", "--corpus", str(folder))
    # Three articles of one day with one title: each title ends with its id.
    assert (code, out.splitlines()[0]) == (0, "Odd name · two\\u000alines.txt")


def test_control_characters_show_as_symbols_and_json_escapes_them(
    capsys: pytest.CaptureFixture[str], write_corpus: WriteCorpus
) -> None:
    title = f"A {TRICKS} title\nwith a second line"
    folder = write_corpus(
        {"t.md": f"---\ndate: 2025-01-01\ntitle: {json.dumps(title)}\n---\nBody {TRICKS} end."}
    )
    for command in ("list", "show"):
        code, out, _ = run(
            capsys, command, *(["t"] if command == "show" else []), "--corpus", str(folder)
        )
        assert code == 0
        assert not any(char in out for char in CONTROLS)
        assert "␛[2J" in out
    code, out, _ = run(capsys, "list", "--json", "--corpus", str(folder))
    assert not any(char in out for char in CONTROLS)
    assert "\\u001b[2J\\u009b31m\\u202eevil" in out
    (row,) = json.loads(out)
    assert row["title"] == " ".join(title.split())


def test_a_file_that_cannot_be_read_is_a_warning_naming_it(
    capsys: pytest.CaptureFixture[str], write_corpus: WriteCorpus
) -> None:
    folder = write_corpus(
        {"ok.txt": "date 2025-01-01\nFine.", "odd.md": "---\ndate: 2025-02-30\n---\nX."}
    )
    code, out, err = run(capsys, "list", "--corpus", str(folder))
    assert code == 0 and len(out.splitlines()) == 2
    assert (
        err
        == f"readout: warning: {folder / 'odd.md'}: impossible date 2025-02-30; listed as undated\n"
    )


def test_show_finds_an_article_by_the_id_older_versions_gave_it(
    capsys: pytest.CaptureFixture[str], write_corpus: WriteCorpus
) -> None:
    folder = write_corpus({"sub/x.txt": "date 2025-01-01\nFound by its stem."})
    code, out, _ = run(capsys, "show", "x", "--corpus", str(folder))
    assert (code, out.splitlines()[0]) == (0, "Found by its stem")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (b"corpus: !!python/object/apply:os.system ['echo pwned']\n", ":1: tag "),
        (b"corpus: a\ncorpus: b\n", ":2: duplicate key 'corpus'"),
        (b"a: &a [x, x]\ntopics: {t: *a}\n", ":2: invalid YAML: aliases"),
        (b"theme: caf\xe9\n", ":1: not UTF-8 text"),
    ],
)
def test_hostile_config_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: bytes, message: str
) -> None:
    config = tmp_path / "config.yaml"
    config.write_bytes(text)
    code, out, err = run(capsys, "list", "--config", str(config))
    assert (code, out) == (2, "")
    assert err.startswith(f"readout: error: {config}{message}") and err.count("\n") == 1


def test_a_terminal_that_cannot_show_vietnamese_gets_escapes_not_a_traceback() -> None:
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    result = subprocess.run(
        [sys.executable, "-m", "tui", "list", "--corpus", str(SEEDS)],
        capture_output=True, text=True, cwd=ROOT, env=env, encoding="ascii", errors="replace",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "T\\xf4 L\\xe2m" in result.stdout and len(result.stdout.splitlines()) == 5


@pytest.mark.parametrize("option", ["--notes", "--corpus"])
@pytest.mark.parametrize("command", [["notes"], ["list"], ["bookmark", "003", "--quote", "x"]])
def test_a_path_that_is_a_link_loop_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, option: str, command: list[str]
) -> None:
    loop = tmp_path / "a.md"
    loop.symlink_to(tmp_path / "b.md")
    (tmp_path / "b.md").symlink_to(loop)
    paths = {"--notes": str(tmp_path / "notes.md"), "--corpus": str(SEEDS), option: str(loop)}
    argv = [*command, "--corpus", paths["--corpus"], "--notes", paths["--notes"]]
    code, _, err = run(capsys, *argv)
    if command[0] == "bookmark" or (command[0] == "notes") == (option == "--notes"):
        assert code == 2 and err.startswith("readout: error:") and err.count("\n") == 1, err
    else:  # a path the command has no need to read
        assert code == 0


def test_a_notes_path_that_is_a_pipe_is_refused_not_read_for_ever(tmp_path: Path) -> None:
    pipe = tmp_path / "notes.md"
    os.mkfifo(pipe)
    result = subprocess.run(
        [sys.executable, "-m", "tui", "notes", "--corpus", str(SEEDS), "--notes", str(pipe)],
        capture_output=True, text=True, cwd=ROOT, timeout=60,
    )  # fmt: skip
    assert_one_line_error(result, "not a regular file")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("argv", [["--help"], ["--version"], ["list", "--help"]])
def test_help_and_version_on_a_full_disk_are_one_line_and_exit_2(argv: list[str]) -> None:
    assert_one_line_error(readout(*argv, shell_suffix="> /dev/full"), "cannot write the output")


def test_help_into_a_reader_that_leaves_early_is_not_an_error() -> None:
    result = readout("--help", shell_suffix="| head -c 0")
    assert result.returncode == 0 and result.stderr == ""


@pytest.mark.parametrize("redirect", ["< /dev/null", "> /dev/null"])
def test_the_reader_without_a_terminal_is_one_line_not_a_program_left_running(
    redirect: str,
) -> None:
    command = f"exec '{sys.executable}' -m tui --corpus '{SEEDS}' {redirect}"  # killed on timeout
    result = subprocess.run(
        command, shell=True, capture_output=True, text=True, cwd=ROOT, timeout=30
    )
    assert_one_line_error(result, "the reader needs a terminal")


@pytest.mark.parametrize("wanted", ["", "  "])
def test_an_empty_article_id_says_so_rather_than_ambiguous(
    capsys: pytest.CaptureFixture[str], wanted: str
) -> None:
    code, out, err = run(capsys, "show", wanted, "--corpus", str(SEEDS))
    assert (code, out) == (2, "")
    assert err == "readout: error: an article id cannot be empty (see `readout list`)\n"
