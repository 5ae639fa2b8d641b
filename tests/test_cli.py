"""The command line: JSON schemas, options before or after the subcommand, clean errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS, WriteCorpus
from tui.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_list_json_is_newest_first_with_the_documented_fields(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "list", "--json", "--corpus", str(SEEDS))
    assert (code, err) == (0, "")
    rows = json.loads(out)
    assert rows[0]["date"] == "2026-01-26"
    assert [row["date"] for row in rows] == sorted((r["date"] for r in rows), reverse=True)
    assert set(rows[0]) == {
        "id", "file", "date", "title", "place", "source", "words", "url", "revised", "versions",
    }  # fmt: skip
    assert rows[0]["id"] == "004_fecb52052cebe9ee.txt"
    assert rows[0]["place"] == "Hà Nội"


def test_options_work_before_or_after_the_subcommand(capsys: pytest.CaptureFixture[str]) -> None:
    _, after, _ = run(capsys, "list", "--json", "--corpus", str(SEEDS))
    _, before, _ = run(capsys, "--corpus", str(SEEDS), "list", "--json")
    assert after == before and json.loads(after)


def test_show_json_offsets_index_the_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "003_a5266ca7b85631b7", "--json", "--corpus", str(SEEDS))
    assert code == 0
    article = json.loads(out)
    assert article["date"] == "2024-08-19"
    for key in ("paragraphs", "sentences"):
        assert article[key]
        for passage in article[key]:
            assert set(passage) == {"text", "start", "end"}
            assert article["text"][passage["start"] : passage["end"]] == passage["text"]


def test_show_accepts_a_unique_id_prefix(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "002", "--corpus", str(SEEDS))
    assert code == 0
    assert out.startswith("Lương Cường – Xi Jinping · talks · Hà Nội\n")
    assert "2025-04-15 · Hà Nội · VNA/VNS" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["show", "nope"], "no article 'nope'"),
        (["show", "00"], "ambiguous"),
        (["list", "--corpus", "/no/such/folder"], "corpus folder not found"),
        (["--config", "/no/such.yaml", "list"], "config file not found"),
    ],
)
def test_mistakes_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    if "--corpus" not in argv:
        argv = [*argv, "--corpus", str(SEEDS)]
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.startswith("readout: error:") and message in err
    assert err.count("\n") == 1


def test_broken_config_exits_2_naming_the_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("corpus: seeds\ntheme: [x\n", encoding="utf-8")
    code, _, err = run(capsys, "list", "--config", str(config))
    assert code == 2
    assert f"{config}:3: invalid YAML" in err


def test_warnings_go_to_stderr_and_json_stays_clean(
    capsys: pytest.CaptureFixture[str], write_corpus: WriteCorpus
) -> None:
    folder = write_corpus({"ok.txt": "date 2025-01-01\nFine.", "bad.txt": b"\xff\xfe\x00"})
    code, out, err = run(capsys, "list", "--json", "--corpus", str(folder))
    assert code == 0
    assert [row["id"] for row in json.loads(out)] == ["ok.txt"]
    assert "readout: warning:" in err and "bad.txt" in err


def test_text_output_never_emits_escape_codes(
    capsys: pytest.CaptureFixture[str], write_corpus: WriteCorpus
) -> None:
    folder = write_corpus({"e.txt": "date 2025-01-01\n\x1b[2J[bold]Hi[/]."})
    code, out, _ = run(capsys, "show", "e", "--corpus", str(folder))
    assert code == 0
    assert "\x1b" not in out and "␛[2J[bold]Hi[/]." in out


def test_entry_point_runs_as_a_program() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tui", "--version"], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0
    assert result.stdout.startswith("readout ")


def test_list_reads_config_from_the_working_folder(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ROOT)
    code, out, _ = run(capsys, "list")
    assert code == 0
    assert out.splitlines()[0].startswith("2026-01-26  004_fecb52052cebe9ee.txt")


def test_extract_json_schema_and_offsets_match_show(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "extract", "002", "--json", "--corpus", str(SEEDS))
    assert code == 0
    (article,) = json.loads(out)["articles"]
    assert set(article) == {"id", "date", "leaders", "commitments"}
    _, shown, _ = run(capsys, "show", article["id"], "--json", "--corpus", str(SEEDS))
    text = json.loads(shown)["text"]
    leader = article["leaders"][0]
    assert set(leader) == {"name", "titles", "count", "mentions"}
    assert leader["count"] == len(leader["mentions"])
    for mention in leader["mentions"]:
        assert text[mention["start"] : mention["end"]] == mention["text"]
    commitment = article["commitments"][0]
    assert set(commitment) == {"text", "start", "end", "kind", "actors", "topics"}
    assert text[commitment["start"] : commitment["end"]] == commitment["text"]
    assert {c["kind"] for c in article["commitments"]} <= {
        "pledge", "agreement", "proposal", "readiness", "announcement", "invitation",
    }  # fmt: skip


def test_extract_without_ids_covers_every_article(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "extract", "--json", "--corpus", str(SEEDS))
    assert code == 0
    assert len(json.loads(out)["articles"]) == 5


def test_extract_report_is_readable(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "extract", "003", "--corpus", str(SEEDS))
    assert code == 0
    assert "Tô Lâm (10)" in out
    assert "invitation   Xi Jinping: The latter accepted the invitation with pleasure." in out


def test_search_json_schema_and_offsets(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "search", "three", "railway", "lines", "--json", "--corpus", str(SEEDS)
    )
    assert code == 0
    hits = json.loads(out)
    assert set(hits[0]) == {"id", "date", "score", "text", "start", "end", "matches"}
    _, shown, _ = run(capsys, "show", hits[0]["id"], "--json", "--corpus", str(SEEDS))
    text = json.loads(shown)["text"]
    assert text[hits[0]["start"] : hits[0]["end"]] == hits[0]["text"]
    ((start, end),) = hits[0]["matches"]
    assert text[start:end] == "three railway lines"


def test_search_limit_and_leader_operator(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "search", "railway leader:xi", "--limit", "2", "--json", "--corpus", str(SEEDS)
    )
    assert code == 0
    assert len(json.loads(out)) == 2


def test_search_marks_matches_in_plain_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "tea party", "--corpus", str(SEEDS))
    assert code == 0
    assert "[tea party]" in out


@pytest.mark.parametrize("argv", [["search", "from:2025-13", "x"], ["search", "x", "--limit", "0"]])
def test_search_mistakes_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, out, err = run(capsys, *argv, "--corpus", str(SEEDS))
    assert code == 2 and out == ""
    assert "error" in err


def test_bookmark_then_notes_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    notes = tmp_path / "notes.md"
    common = ["--corpus", str(SEEDS), "--notes", str(notes)]
    code, out, _ = run(
        capsys, "bookmark", "003", "--quote", "the LATTER accepted", "--note", "yes",
        "--tag", "visit", *common,
    )  # fmt: skip
    assert code == 0 and "bookmarked" in out
    code, out, _ = run(capsys, "notes", "--json", *common)
    (entry,) = json.loads(out)
    assert set(entry) == {
        "id",
        "article",
        "quote",
        "note",
        "tags",
        "start",
        "end",
        "created",
        "status",
    }
    assert (entry["quote"], entry["note"], entry["tags"], entry["status"]) == (
        "The latter accepted", "yes", ["visit"], "anchored",
    )  # fmt: skip


def test_notes_marks_a_bookmark_orphaned_when_its_passage_is_gone(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, write_corpus: WriteCorpus
) -> None:
    folder = write_corpus({"a.txt": "date 2025-01-01\nThe sea talks went well. Then lunch."})
    common = ["--corpus", str(folder), "--notes", str(tmp_path / "notes.md")]
    assert run(capsys, "bookmark", "a", "--quote", "sea talks went well", *common)[0] == 0
    (folder / "a.txt").write_text("date 2025-01-01\nEdited: The sea talks went well. Then lunch.")
    _, out, _ = run(capsys, "notes", "--json", *common)
    assert json.loads(out)[0]["status"] == "anchored"
    (folder / "a.txt").write_text("date 2025-01-01\nSomething else entirely was said.")
    _, out, _ = run(capsys, "notes", "--json", *common)
    assert json.loads(out)[0]["status"] == "orphaned"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["bookmark", "nope", "--quote", "x"], "no article 'nope'"),
        (["bookmark", "003", "--quote", "words that are not there"], "does not occur"),
    ],
)
def test_bookmark_mistakes_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str], message: str
) -> None:
    code, _, err = run(capsys, *argv, "--corpus", str(SEEDS), "--notes", str(tmp_path / "n.md"))
    assert code == 2 and message in err
    assert not (tmp_path / "n.md").exists()
