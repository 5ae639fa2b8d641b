"""`readout correct ...` writes the corrections file; `readout extract` applies it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from tests.test_cli import run
from tui.core.corrections import HEADER, read_corrections
from tui.core.extract.corrections import CommitmentFix, NotPerson, Rename

ARTICLE = "003_a5266ca7b85631b7.txt"


@pytest.fixture
def fixes(tmp_path: Path) -> Path:
    return tmp_path / "corrections.yaml"


def correct(capsys: pytest.CaptureFixture[str], fixes: Path, *argv: str) -> tuple[int, str, str]:
    return run(capsys, "correct", *argv, "--corpus", str(SEEDS), "--corrections", str(fixes))


def extracted(capsys: pytest.CaptureFixture[str], fixes: Path) -> dict[str, object]:
    code, out, err = run(
        capsys, "extract", ARTICLE, "--json", "--corpus", str(SEEDS), "--corrections", str(fixes)
    )
    assert code == 0, err
    article: dict[str, object] = json.loads(out)["articles"][0]
    return article


def leader_names(article: dict[str, object]) -> list[str]:
    return [leader["name"] for leader in article["leaders"]]  # type: ignore[attr-defined]


def test_a_rename_is_written_and_extract_honours_it(
    capsys: pytest.CaptureFixture[str], fixes: Path
) -> None:
    code, out, err = correct(capsys, fixes, "rename", "Tô Lâm", "To Lam (CPV)")
    assert (code, err) == (0, "")
    assert out == f"corrected in {fixes}: rename Tô Lâm to To Lam (CPV)\n"
    assert fixes.read_text("utf-8").startswith(HEADER)
    article = extracted(capsys, fixes)
    assert "To Lam (CPV)" in leader_names(article) and "Tô Lâm" not in leader_names(article)
    actors = {a for c in article["commitments"] for a in c["actors"]}  # type: ignore[attr-defined]
    assert "To Lam (CPV)" in actors and "Tô Lâm" not in actors


def test_merge_and_not_person_print_json(capsys: pytest.CaptureFixture[str], fixes: Path) -> None:
    code, out, _ = correct(capsys, fixes, "merge", "Nguyễn Phú Trọng", "Tô Lâm", "--json")
    assert code == 0
    assert json.loads(out) == {"file": str(fixes), "merge": "Nguyễn Phú Trọng", "into": "Tô Lâm"}
    code, out, _ = correct(capsys, fixes, "not-person", "Xi Jinping", "--article", "003", "--json")
    assert json.loads(out)["article"] == ARTICLE
    article = extracted(capsys, fixes)
    assert leader_names(article) == ["Tô Lâm"]


def test_add_leader_takes_country_short_forms_and_aliases(
    capsys: pytest.CaptureFixture[str], fixes: Path
) -> None:
    argv = ["add-leader", "Anutin Charnvirakul", "--country", "Thailand", "--short", "Anutin"]
    code, _, _ = correct(capsys, fixes, *argv, "--alias", "Anutin C.")
    assert code == 0
    added = read_corrections(fixes).corrections.additions
    assert [(e.name, e.country, e.short, e.aliases) for e in added] == [
        ("Anutin Charnvirakul", "Thailand", ("Anutin",), ("Anutin C.",))
    ]


def test_a_commitment_is_corrected_by_its_article_and_sentence_start(
    capsys: pytest.CaptureFixture[str], fixes: Path
) -> None:
    sentence = "They agreed to designate 2025"
    before = extracted(capsys, fixes)["commitments"]
    code, _, err = correct(capsys, fixes, "commitment", "003", sentence, "--drop")
    assert (code, err) == (0, "")
    after = extracted(capsys, fixes)["commitments"]
    assert len(after) == len(before) - 1  # type: ignore[arg-type]
    assert not any(c["text"].startswith(sentence) for c in after)  # type: ignore[attr-defined]
    code, _, _ = correct(capsys, fixes, "undo")
    code, _, _ = correct(capsys, fixes, "commitment", ARTICLE, "Lam took the occasion",
                         "--kind", "proposal", "--actor", "both")  # fmt: skip
    assert code == 0
    changed = [
        c for c in extracted(capsys, fixes)["commitments"] if c["text"].startswith("Lam took")
    ]  # type: ignore[attr-defined]
    assert [(c["kind"], c["actors"]) for c in changed] == [("proposal", ["both"])]
    entries = read_corrections(fixes).entries
    assert [e.correction for e in entries] == [
        CommitmentFix(ARTICLE, "Lam took the occasion", kind="proposal", actors=("both",))
    ]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["commitment", "003", "Lam took the occasion"], "say what to correct"),
        (["commitment", "003", "Lam took the", "--drop", "--kind", "pledge"], "--drop cannot go"),
        (["commitment", "003", "No such sentence here", "--drop"], "no sentence of 003_"),
        (["commitment", "003", "Lam", "--drop"], "at least 12 characters"),
        (["commitment", "nope", "Lam took the occasion", "--drop"], "no article 'nope'"),
        (["rename", "  ", "X"], "the name cannot be empty"),
        (["rename", "X", "X"], "'X' is already called so"),
        (["remove", "0"], "must be a correction number"),
        (["remove", "3"], "no correction number 3"),
        (["undo"], "nothing to remove"),
    ],
)
def test_mistakes_are_one_line_and_exit_2_and_write_nothing(
    capsys: pytest.CaptureFixture[str], fixes: Path, argv: list[str], message: str
) -> None:
    code, out, err = correct(capsys, fixes, *argv)
    assert (code, out) == (2, "")
    assert err.startswith("readout: error: ") and message in err and err.count("\n") == 1
    assert not fixes.exists()


def test_a_hand_broken_file_is_refused_for_writes_and_a_warning_for_reads(
    capsys: pytest.CaptureFixture[str], fixes: Path
) -> None:
    fixes.write_text("- rename: [A\n", "utf-8")
    code, out, err = correct(capsys, fixes, "not-person", "Belt and Road")
    assert (code, out) == (2, "")
    assert err.startswith(f"readout: error: {fixes}:") and "invalid YAML" in err
    assert err.count("\n") == 1
    assert fixes.read_text("utf-8") == "- rename: [A\n"
    code, out, err = run(capsys, "extract", ARTICLE, "--json", "--corpus", str(SEEDS),
                         "--corrections", str(fixes))  # fmt: skip
    assert code == 0 and "Tô Lâm" in leader_names(json.loads(out)["articles"][0])
    assert err.startswith(f"readout: warning: {fixes}:2: invalid YAML") and err.count("\n") == 1
    code, out, err = correct(capsys, fixes, "list")
    assert (code, out) == (0, "")
    assert err.startswith(f"readout: warning: {fixes}:") and err.count("\n") == 1


def test_a_bad_entry_is_a_warning_and_the_rest_applies(
    capsys: pytest.CaptureFixture[str], fixes: Path
) -> None:
    fixes.write_text("- rename: Xi Jinping\n  too: Xi\n- not-person: Nguyễn Phú Trọng\n", "utf-8")
    code, out, err = run(capsys, "extract", ARTICLE, "--json", "--corpus", str(SEEDS),
                         "--corrections", str(fixes))  # fmt: skip
    assert code == 0
    problem = "unknown key 'too' in a rename (known: to, article); skipped"
    assert err == f"readout: warning: {fixes}:1: {problem}\n"
    assert leader_names(json.loads(out)["articles"][0]) == ["Tô Lâm", "Xi Jinping"]


def test_list_numbers_the_entries_and_remove_takes_the_number(
    capsys: pytest.CaptureFixture[str], fixes: Path
) -> None:
    for argv in (["rename", "A # b", "B: c"], ["not-person", "[bold]Belt[/]"], ["merge", "D", "E"]):
        assert correct(capsys, fixes, *argv)[0] == 0
    _, out, _ = correct(capsys, fixes, "list")
    assert out.splitlines() == [
        "  1  rename A # b to B: c",
        "  2  not a person: [bold]Belt[/]",
        "  3  merge D into E",
    ]
    _, out, _ = correct(capsys, fixes, "remove", "2", "--json")
    assert json.loads(out)["not-person"] == "[bold]Belt[/]"
    entries = read_corrections(fixes).entries
    assert [e.correction for e in entries] == [
        Rename("A # b", "B: c"),
        Rename("D", "E", merge=True),
    ]
    _, out, _ = correct(capsys, fixes, "list", "--json")
    assert [row["number"] for row in json.loads(out)] == [1, 2]
    assert correct(capsys, fixes, "undo")[0] == 0
    assert [e.correction for e in read_corrections(fixes).entries] == [Rename("A # b", "B: c")]


def test_names_with_control_characters_are_written_exactly_and_printed_visibly(
    capsys: pytest.CaptureFixture[str], fixes: Path
) -> None:
    code, out, _ = correct(capsys, fixes, "not-person", "Evil\x1b[2J name")
    assert code == 0 and "\x1b" not in out
    assert [e.correction for e in read_corrections(fixes).entries] == [
        NotPerson("Evil\x1b[2J name")
    ]


def test_titles_name_leaders_as_the_corrections_say(
    capsys: pytest.CaptureFixture[str], fixes: Path
) -> None:
    def titles() -> list[str]:
        code, out, err = run(
            capsys, "list", "--json", "--corpus", str(SEEDS), "--corrections", str(fixes)
        )
        assert code == 0, err
        return [article["title"] for article in json.loads(out)]

    assert any("Tô Lâm" in title for title in titles())
    assert correct(capsys, fixes, "rename", "Tô Lâm", "To Lam (CPV)")[0] == 0
    renamed = titles()
    assert any("To Lam (CPV)" in title for title in renamed)
    assert not any("Tô Lâm" in title for title in renamed)


@pytest.mark.parametrize(
    "command", [["list"], ["correct", "not-person", "X"], ["bookmark", "000", "--quote", "Tô Lâm"]]
)
def test_notes_and_corrections_in_one_file_is_refused_before_either_is_written(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: list[str]
) -> None:
    both = tmp_path / "notes.md"
    place = ["--corpus", str(SEEDS), "--notes", str(both), "--corrections", str(both)]
    code, out, err = run(capsys, *command, *place)
    assert (code, out) == (2, "")
    assert err == f"readout: error: the notes and the corrections cannot both be {both}\n"
    assert not both.exists()
