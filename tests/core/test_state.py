"""The remembered state: round trip, and a broken file means a fresh start."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import deadline
from tui.core.state import State, default_state_path, load_state, save_state, state_dir


def test_state_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "state.json"
    save_state(path, State(last_article="004_x", oldest_first=True))
    assert load_state(path) == State(last_article="004_x", oldest_first=True)
    assert [p.name for p in path.parent.iterdir()] == ["state.json"]  # no temporary left


def test_missing_or_broken_state_is_a_fresh_start(tmp_path: Path) -> None:
    assert load_state(tmp_path / "none.json") == State()
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    assert load_state(broken) == State()
    broken.write_text('{"last_article": 7, "oldest_first": "yes", "x": 1}', encoding="utf-8")
    assert load_state(broken) == State()


@pytest.mark.parametrize(
    "content",
    ["[" * 100_000 + "]" * 100_000, b"\xff\xfe", '{"last_article": "\\ud800x"}', "pipe"],
    ids=["deep", "not-utf8", "lone-surrogate", "pipe"],
)
def test_a_hostile_state_file_is_a_fresh_start(tmp_path: Path, content: str | bytes) -> None:
    path = tmp_path / "state.json"
    if content == "pipe":
        os.mkfifo(path)
    elif isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    with deadline(10):
        state = load_state(path)
    assert state == State() or state.last_article == "\ud800x"


def test_state_lives_under_xdg_state_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    assert default_state_path() == tmp_path / "readout" / "state.json"


def test_state_folder_defaults_to_the_home_state_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("XDG_STATE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert state_dir() == tmp_path / ".local" / "state" / "readout"
    assert default_state_path() == state_dir() / "state.json"


def test_saving_creates_missing_folders_and_writes_indented_json(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "state.json"
    save_state(path, State(last_article="Việt Nam", theme="readout-light"))
    save_state(path, State(last_article="Việt Nam", theme="readout-light"))  # folder exists now
    assert path.read_bytes().decode("utf-8") == (
        '{\n  "last_article": "Vi\\u1ec7t Nam",\n  "oldest_first": false,\n'
        '  "theme": "readout-light",\n  "grouped_by_event": false\n}\n'
    )


def test_state_is_written_to_a_hidden_temporary_beside_it_then_renamed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    renamed: list[tuple[Path, Path]] = []
    real_replace = os.replace

    def replace(source: str, target: str) -> None:
        renamed.append((Path(source), Path(target)))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace)
    path = tmp_path / "state.json"
    save_state(path, State(oldest_first=True))
    ((source, target),) = renamed
    assert source.parent == tmp_path and source.name.startswith(".state-")
    assert target == path


def test_a_failed_save_leaves_no_temporary_and_the_old_state(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "state.json"
    save_state(path, State(last_article="old"))

    def fail(source: str, target: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="No space left"):
        save_state(path, State(last_article="new"))
    assert [p.name for p in tmp_path.iterdir()] == ["state.json"]
    assert load_state(path) == State(last_article="old")


def test_a_state_file_that_is_not_an_object_is_a_fresh_start(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.write_text('["last_article"]', encoding="utf-8")
    assert load_state(path) == State()
    path.write_text('{"last_article": "a.txt", "theme": 3}', encoding="utf-8")
    assert load_state(path) == State(last_article="a.txt")
