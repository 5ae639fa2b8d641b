"""Theme files: the shipped ones are valid, and a broken one names file and field."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, deadline
from tui.core.themes import (
    APP_VARIABLES,
    LATER_VARIABLES,
    MAX_THEME_BYTES,
    REQUIRED_VARIABLES,
    ThemeError,
    load_theme,
    load_themes,
)

SHIPPED = ROOT / "themes"


def test_every_shipped_theme_is_valid_and_defines_every_app_colour() -> None:
    themes, problems = load_themes(SHIPPED)
    assert problems == []
    assert {t.name for t in themes} >= {
        "readout-dark", "readout-light", "readout-high-contrast", "readout-colour-safe",
    }  # fmt: skip
    assert {t.name for t in themes if not t.dark} == {"readout-light"}
    for theme in themes:
        assert set(theme.variables) == set(APP_VARIABLES)


def write_theme(tmp_path: Path, **changes: object) -> Path:
    data = yaml.safe_load((SHIPPED / "readout-dark.yaml").read_text("utf-8"))
    data["name"] = "mine"
    for key, value in changes.items():
        section, _, field = key.partition("__")
        if field:
            if value is None:
                del data[section][field.replace("_", "-")]
            else:
                data[section][field.replace("_", "-")] = value
        else:
            data[section] = value
    path = tmp_path / "mine.yaml"
    path.write_text(yaml.safe_dump(data), "utf-8")
    return path


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"colors__primary": "bluish"}, "colors.primary: 'bluish' is not a colour"),
        ({"variables__leader_3": None}, "variables.leader-3: missing"),
        ({"variables__glow": "#ffffff"}, "variables.glow: unknown"),
        ({"name": "My Theme"}, "name: must be lower-case"),
        ({"dark": "yes"}, "dark: must be true or false"),
        ({"colors": ["#fff"]}, "colors: must be a mapping"),
    ],
)
def test_a_broken_theme_names_the_file_and_the_field(
    tmp_path: Path, changes: dict[str, object], message: str
) -> None:
    path = write_theme(tmp_path, **changes)
    with pytest.raises(ThemeError, match=message) as caught:
        load_theme(path)
    assert str(path) in str(caught.value)


def test_a_theme_file_written_before_the_revised_colours_still_loads(tmp_path: Path) -> None:
    path = write_theme(
        tmp_path,
        variables__revised=None,
        variables__diff_removed=None,
        variables__diff_added=None,
        variables__compare_only_first=None,
        variables__compare_only_second=None,
        variables__timeline_visit=None,
        variables__timeline_talks=None,
        variables__timeline_call=None,
        variables__timeline_message=None,
        variables__timeline_other=None,
    )
    theme = load_theme(path)
    assert set(theme.variables) == set(REQUIRED_VARIABLES)
    assert set(LATER_VARIABLES) == {
        "revised", "diff-removed", "diff-added", "compare-only-first", "compare-only-second",
        "timeline-visit", "timeline-talks", "timeline-call", "timeline-message", "timeline-other",
    }  # fmt: skip


def test_broken_files_are_reported_and_the_rest_load(tmp_path: Path) -> None:
    write_theme(tmp_path, colors__primary="nope")
    (tmp_path / "bad.yml").write_text("name: [unclosed\n", "utf-8")
    themes, problems = load_themes(SHIPPED, tmp_path)
    assert len(problems) == 2
    assert any("mine.yaml" in p for p in problems) and any(
        "bad.yml:2: invalid YAML" in p for p in problems
    )
    assert "readout-dark" in {t.name for t in themes}


def test_a_person_can_add_a_theme_by_dropping_a_file(tmp_path: Path) -> None:
    write_theme(tmp_path, colors__primary="#123456")
    themes, problems = load_themes(SHIPPED, tmp_path)
    assert problems == []
    assert {t.name: t for t in themes}["mine"].colors["primary"] == "#123456"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name: '[b]bold[/b]'\n", "name: must be lower-case"),
        ("'[red]x[/]': 1\nname: x\n", "[red]x[/]: unknown field"),
        (
            'name: mine\ncolors: {primary: "[/]\\e[2J"}\n',
            "colors.primary: '[/]␛[2J' is not a colour",
        ),
        ("name: mine\ncolors: {primary: '" + "[b]" * 500 + "'}\n", "is not a colour"),
        ("a: &a [x, x, x, x]\nb: &b [*a, *a, *a, *a]\nname: *b\n", ":2: invalid YAML: aliases"),
        ("name: " + "[" * 2000 + "]" * 2000 + "\n", ":1: invalid YAML: nested more than"),
        ("name: !!python/object:os.system x\n", "invalid YAML: could not determine a constructor"),
    ],
)
def test_hostile_theme_files_give_one_short_plain_line(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    _, (problem,) = load_themes(tmp_path)
    assert message in problem
    assert "\n" not in problem and "\x1b" not in problem and len(problem) < 300 + len(str(path))


def test_theme_file_that_is_not_utf8_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_bytes(b"name: caf\xe9\n")
    assert load_themes(tmp_path) == ([], [f"{tmp_path / 'bad.yaml'}: not UTF-8 text"])


def test_a_pipe_among_the_theme_files_is_reported_and_the_rest_load(tmp_path: Path) -> None:
    (tmp_path / "good.yaml").write_text((SHIPPED / "readout-light.yaml").read_text("utf-8"))
    os.mkfifo(tmp_path / "pipe.yaml")  # opening it to read would wait for a writer
    with deadline(10):
        themes, (problem,) = load_themes(tmp_path)
    assert [t.name for t in themes] == ["readout-light"]
    assert problem == f"{tmp_path / 'pipe.yaml'}: cannot read: not a regular file"


def test_a_long_value_is_quoted_shortened_to_forty_characters(tmp_path: Path) -> None:
    path = write_theme(tmp_path, colors__primary="x" * 100)
    with pytest.raises(ThemeError) as caught:
        load_theme(path)
    assert f"colors.primary: '{'x' * 39}…' is not a colour" in str(caught.value)


def test_an_unknown_colour_lists_the_known_ones(tmp_path: Path) -> None:
    path = write_theme(tmp_path, colors__glow="#ffffff")
    with pytest.raises(ThemeError) as caught:
        load_theme(path)
    assert str(caught.value).endswith(
        "colors.glow: unknown (known: primary, secondary, accent, foreground, background, "
        "surface, panel, boost, warning, error, success)"
    )


def test_a_theme_file_up_to_the_size_limit_loads_and_one_byte_more_is_refused(
    tmp_path: Path,
) -> None:
    text = (SHIPPED / "readout-dark.yaml").read_text("utf-8").replace("readout-dark", "big")
    padding = MAX_THEME_BYTES - len(text.encode("utf-8")) - 2
    path = tmp_path / "big.yaml"
    path.write_text(text + "#" + "x" * padding + "\n", encoding="utf-8")
    assert path.stat().st_size == MAX_THEME_BYTES
    assert load_theme(path).name == "big"
    path.write_text(text + "#" + "x" * (padding + 1) + "\n", encoding="utf-8")
    with pytest.raises(ThemeError) as caught:
        load_theme(path)
    assert str(caught.value) == f"{path}: larger than 64 KB; not a theme"


def test_a_yaml_error_without_a_line_names_only_the_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text('name: !!int "x"\n', encoding="utf-8")
    with pytest.raises(ThemeError) as caught:
        load_theme(path)
    assert str(caught.value).startswith(f"{path}: invalid YAML: cannot read a value")


def test_a_theme_that_cannot_be_read_says_why(tmp_path: Path) -> None:
    (tmp_path / "folder.yaml").mkdir()
    assert load_themes(tmp_path) == (
        [],
        [f"{tmp_path / 'folder.yaml'}: cannot read: Is a directory"],
    )


def test_a_theme_that_is_not_a_mapping_says_what_it_must_be(tmp_path: Path) -> None:
    path = tmp_path / "list.yaml"
    path.write_text("- a\n- b\n", encoding="utf-8")
    with pytest.raises(ThemeError) as caught:
        load_theme(path)
    assert str(caught.value) == (f"{path}: must be a mapping with name, dark, colors and variables")


def test_a_theme_without_dark_is_dark_and_remembers_its_file(tmp_path: Path) -> None:
    path = write_theme(tmp_path)
    text = path.read_text("utf-8").replace("dark: true\n", "")
    assert "dark:" not in text
    path.write_text(text, "utf-8")
    theme = load_theme(path)
    assert theme.dark is True
    assert theme.file == path


def test_a_missing_folder_does_not_stop_the_folders_after_it(tmp_path: Path) -> None:
    themes, problems = load_themes(tmp_path / "missing", SHIPPED)
    assert problems == []
    assert "readout-dark" in {t.name for t in themes}
