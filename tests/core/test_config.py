"""Configuration: defaults, paths relative to the file, one-line errors naming the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT
from tui.core import ConfigError, find_config, load_config


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_bundled_config_points_at_the_seeds() -> None:
    config = load_config(ROOT / "config.yaml")
    assert config.corpus == ROOT / "seeds"
    assert config.notes == ROOT / "notes.md"
    assert config.theme


def test_paths_are_relative_to_the_config_file(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, "corpus: articles\nnotes: ../n.md\n"))
    assert config.corpus == tmp_path / "articles"
    assert config.notes == tmp_path / ".." / "n.md"


def test_no_file_means_defaults_beside_the_working_folder(tmp_path: Path) -> None:
    config = load_config(None, cwd=tmp_path)
    assert config.corpus == tmp_path.resolve() / "seeds"
    assert config.source is None


def test_empty_file_means_defaults(tmp_path: Path) -> None:
    assert load_config(write(tmp_path, "# nothing\n")).corpus == tmp_path / "seeds"


def test_overrides_replace_configured_paths(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, "corpus: a\n")).with_overrides(corpus=tmp_path / "b")
    assert config.corpus == tmp_path / "b"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("corpus: seeds\ncorpse: x\n", r"config\.yaml:2: unknown key 'corpse'"),
        (
            "corpus: seeds\nnotes: [a, b]\n",
            r"config\.yaml:2: 'notes' must be a file path, not a list",
        ),
        ("theme: 3\n", r"config\.yaml:1: 'theme' must be a theme name, not int"),
        ("corpus: seeds\n  bad: indent\n", r"config\.yaml:2: invalid YAML"),
        ("corpus: [unclosed\n", r"config\.yaml:2: invalid YAML"),
        ("- a\n- b\n", r"config\.yaml:1: the file must be a mapping"),
    ],
)
def test_broken_config_names_file_and_line(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message) as caught:
        load_config(write(tmp_path, text))
    assert "\n" not in str(caught.value)


def test_missing_config_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "nope.yaml")


def test_find_config_prefers_explicit_then_environment_then_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    local = write(tmp_path, "corpus: x\n")
    assert find_config(None, cwd=tmp_path) == local
    monkeypatch.setenv("READOUT_CONFIG", "/elsewhere.yaml")
    assert find_config(None, cwd=tmp_path) == Path("/elsewhere.yaml")
    assert find_config(Path("given.yaml"), cwd=tmp_path) == Path("given.yaml")
    monkeypatch.delenv("READOUT_CONFIG")
    assert find_config(None, cwd=tmp_path / "empty") is None


def test_lexicon_comes_from_the_file(tmp_path: Path) -> None:
    config = load_config(
        write(
            tmp_path,
            "leaders:\n  - name: Hun Manet\n    country: Cambodia\n    short: Manet\n"
            "topics:\n  rice: [rice, paddy*]\n",
        )
    )
    (leader,) = config.lexicon.leaders
    assert (leader.name, leader.country, leader.short) == ("Hun Manet", "Cambodia", ("Manet",))
    assert config.lexicon.topics == (("rice", ("rice", "paddy*")),)


def test_lexicon_left_out_comes_from_the_bundled_config(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, "corpus: x\n"))
    assert any(entry.name == "Tô Lâm" for entry in config.lexicon.leaders)
    assert dict(config.lexicon.topics)["railway"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("leaders:\n  - name: A\n    nickname: B\n", r":3: unknown leader field 'nickname'"),
        ("leaders:\n  - country: China\n", r":2: each leader needs a 'name'"),
        ("leaders:\n  - name: [A]\n", r":2: 'name' must be text, not a list"),
        ("leaders: Tô Lâm\n", r":1: 'leaders' must be a list of leaders"),
        ("topics:\n  trade: {a: 1}\n", r":2: topic 'trade' must be a list of words"),
        ("topics: [a]\n", r":1: 'topics' must be a mapping"),
    ],
)
def test_broken_lexicon_names_the_line(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_config(write(tmp_path, text))
