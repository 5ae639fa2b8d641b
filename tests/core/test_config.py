"""Configuration: defaults, paths relative to the file, one-line errors naming the line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import ROOT, deadline
from tui.core import ConfigError, find_config, load_config
from tui.core.config import BUNDLED_CONFIG, BUNDLED_THEMES, MAX_CONFIG_BYTES
from tui.core.extract.lexicon import Topic


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
    leader = config.lexicon.leaders[0]  # then the bundled gazetteer
    assert (leader.name, leader.country, leader.short) == ("Hun Manet", "Cambodia", ("Manet",))
    assert config.lexicon.topics == (Topic("rice", ("rice", "paddy*")),)


def test_a_topic_may_name_the_phrases_that_veto_it(tmp_path: Path) -> None:
    config = load_config(
        write(
            tmp_path,
            "topics:\n  transport:\n    words: [road, roads]\n    not: [Belt and Road]\n"
            "  rice: rice\n",
        )
    )
    assert config.lexicon.topics == (
        Topic("transport", ("road", "roads"), ("Belt and Road",)),
        Topic("rice", ("rice",)),
    )


def test_lexicon_left_out_comes_from_the_bundled_config(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, "corpus: x\n"))
    assert any(entry.name == "Tô Lâm" for entry in config.lexicon.leaders)
    assert any(topic.tag == "railway" and topic.words for topic in config.lexicon.topics)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("leaders:\n  - name: A\n    nickname: B\n", r":3: unknown leader field 'nickname'"),
        ("leaders:\n  - country: China\n", r":2: each leader needs a 'name'"),
        ("leaders:\n  - name: [A]\n", r":2: 'name' must be text, not a list"),
        ("leaders: Tô Lâm\n", r":1: 'leaders' must be a list of leaders"),
        (
            "topics:\n  trade: {a: 1}\n",
            r":2: unknown field 'a' of topic 'trade' \(known: words, not\)",
        ),
        ("topics:\n  trade: {not: [x]}\n", r":2: topic 'trade' needs 'words'"),
        ("topics:\n  trade: {words: [x], not: {y: 1}}\n", r":2: 'not' of topic 'trade' must be"),
        ("topics:\n  trade: 3\n", r":2: topic 'trade' must be a list of words"),
        ("topics: [a]\n", r":1: 'topics' must be a mapping"),
    ],
)
def test_broken_lexicon_names_the_line(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_config(write(tmp_path, text))


LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "corpus: !!python/object/apply:os.system ['echo hi']\n",
            r"config\.yaml:1: tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed",
        ),
        (
            "theme: !!python/object:tui.core.config.Config {}\n",
            r"config\.yaml:1: tag .*python/object:tui.core.config.Config' is not allowed",
        ),
        ("corpus: !custom x\n", r"config\.yaml:1: tag '!custom' is not allowed"),
        (
            "corpus: a\ntheme: x\ncorpus: b\n",
            r"config\.yaml:3: duplicate key 'corpus' \(first on line 1\)",
        ),
        (
            "leaders:\n  - name: A\n    name: B\n",
            r"config\.yaml:3: duplicate key 'name' \(first on line 2\)",
        ),
        (
            LAUGHS + "topics: {t: *b}\n",
            r"config\.yaml:2: invalid YAML: aliases \(\*name\) are not allowed",
        ),
        (
            "topics: " + "[" * 3000 + "]" * 3000 + "\n",
            r"config\.yaml:1: invalid YAML: nested more than",
        ),
        ("? [a, b]\n: c\n", r"config\.yaml:1: a key must be plain text"),
    ],
)
def test_hostile_config_is_one_line_naming_file_and_line(
    tmp_path: Path, text: str, message: str
) -> None:
    with pytest.raises(ConfigError, match=message) as caught:
        load_config(write(tmp_path, text))
    assert "\n" not in str(caught.value)


def test_config_that_is_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_bytes(b"corpus: seeds\ntheme: caf\xe9\n")
    with pytest.raises(ConfigError, match=r"config\.yaml:2: not UTF-8 text \(byte 0xe9\)"):
        load_config(path)


def test_a_folder_given_as_config_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read config file: Is a directory"):
        load_config(tmp_path)


def test_tilde_in_config_paths_is_the_home_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    config = load_config(write(tmp_path, "corpus: ~/readouts\nnotes: ~/notes.md\nthemes: ~/t\n"))
    assert (config.corpus, config.notes, config.themes) == (
        home / "readouts",
        home / "notes.md",
        home / "t",
    )


def test_top_level_config_and_themes_are_the_packaged_copies() -> None:
    """`tui/data/` is what ships; the top-level files are copies for people to read."""
    assert (ROOT / "config.yaml").read_bytes() == BUNDLED_CONFIG.read_bytes(), (
        "config.yaml differs from tui/data/config.yaml: copy the packaged one over it"
    )
    packaged = {p.name: p.read_bytes() for p in BUNDLED_THEMES.glob("*.yaml")}
    top = {p.name: p.read_bytes() for p in (ROOT / "themes").glob("*.yaml")}
    assert packaged and top == packaged, "themes/ differs from tui/data/themes/: copy them over"


@pytest.mark.parametrize("kind", ["pipe", "device"])
def test_a_pipe_or_a_device_given_as_config_is_one_line(tmp_path: Path, kind: str) -> None:
    path = Path("/dev/zero")
    if kind == "pipe":
        path = tmp_path / "config.yaml"
        os.mkfifo(path)
    with deadline(10), pytest.raises(ConfigError, match="cannot read config file: not a regular"):
        load_config(path)


def test_a_home_folder_that_cannot_be_found_names_the_line(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"config\.yaml:2: cannot tell which home folder"):
        load_config(write(tmp_path, "theme: readout-dark\nnotes: ~no-such-user-here/notes.md\n"))


def test_the_library_store_is_where_the_config_says_relative_to_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert load_config(write(tmp_path, "corpus: a\n")).library is None
    config = load_config(write(tmp_path, "library: cache/lib.sqlite\n"))
    assert config.library == tmp_path / "cache" / "lib.sqlite"
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    config = load_config(write(tmp_path, "library: ~/lib.sqlite\n"))
    assert config.library == tmp_path / "home" / "lib.sqlite"
    monkeypatch.chdir(tmp_path)
    overridden = config.with_overrides(library=Path("here.sqlite"))
    assert overridden.library == Path.cwd().resolve() / "here.sqlite"


@pytest.mark.parametrize("key", ["corpus", "notes", "themes", "library"])
def test_a_path_holding_a_nul_character_names_the_line(tmp_path: Path, key: str) -> None:
    with pytest.raises(ConfigError, match=r"config\.yaml:2: a path cannot hold a NUL"):
        load_config(write(tmp_path, f'theme: readout-dark\n{key}: "a\\0b"\n'))


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("{a: 1}", "a mapping"),
        ("[a]", "a list"),
        ("3", "int"),
        ("3.5", "a number"),
        ("0x1f", "int"),
        ("true", "true/false"),
        ("2025-01-01", "a date"),
        ("!!seq x", "text"),
    ],
)
def test_a_value_of_the_wrong_kind_says_what_it_is(tmp_path: Path, value: str, kind: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, f"theme: {value}\n"))
    assert str(caught.value).endswith(f"config.yaml:1: 'theme' must be a theme name, not {kind}")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "leaders:\n  - name: A\n    nickname: B\n",
            "config.yaml:3: unknown leader field 'nickname' (known: name, country, aliases, short)",
        ),
        ("leaders:\n  - [A]\n", "config.yaml:2: each leader must be a mapping"),
        (
            "leaders:\n  - name: A\n    country: [B]\n",
            "config.yaml:3: 'country' must be text, not a list",
        ),
        (
            "leaders:\n  - name: A\n    aliases: 3\n",
            "config.yaml:3: 'aliases' must be a list of names, not int",
        ),
        (
            "leaders:\n  - name: A\n    aliases: {a: 1}\n",
            "config.yaml:3: 'aliases' must be a list of names",
        ),
        (
            "leaders:\n  - name: A\n    short: [3]\n",
            "config.yaml:3: 'short' must be a list of short forms, not int",
        ),
        (
            "synonyms:\n  - Tibet\n",
            "config.yaml:2: each synonym group must be a list of words or phrases",
        ),
        (
            "corpse: x\n",
            "config.yaml:1: unknown key 'corpse' (known keys: corpus, notes, corrections, library, "
            "theme, themes, leaders, topics, synonyms)",
        ),
    ],
)
def test_config_errors_say_exactly_what_is_wrong(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, text))
    assert str(caught.value) == f"{tmp_path}/{message}"


def test_a_leader_with_only_a_name_has_no_country_aliases_or_short_forms(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, "leaders:\n  - name: A\n  - name: B\n    aliases: Bee\n"))
    first, second = config.lexicon.leaders[:2]
    assert (first.name, first.country, first.aliases, first.short) == ("A", None, (), ())
    assert (second.name, second.aliases) == ("B", ("Bee",))


def test_a_config_file_remembers_where_it_came_from_and_keeps_text_as_text(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, "theme: readout-light\n")
    config = load_config(path)
    assert config.source == path
    assert config.theme == "readout-light" and isinstance(config.theme, str)


def test_without_a_file_the_notes_are_beside_the_working_folder(tmp_path: Path) -> None:
    assert load_config(None, cwd=tmp_path).notes == tmp_path.resolve() / "notes.md"


def test_a_config_file_up_to_one_megabyte_loads_and_larger_is_refused(tmp_path: Path) -> None:
    head = "theme: readout-light\n#"
    path = write(tmp_path, head + "x" * (MAX_CONFIG_BYTES - len(head) - 1) + "\n")
    assert path.stat().st_size == MAX_CONFIG_BYTES
    assert load_config(path).theme == "readout-light"
    path.write_text(head + "x" * (MAX_CONFIG_BYTES - len(head)) + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value) == f"{path}: larger than 1024 KB; not a config file"


def test_the_bundled_gazetteer_read_with_libyaml_is_the_one_read_safely() -> None:
    """Every command reads the bundled gazetteer: libyaml reads it seven times faster
    than the guarded pure-Python reader, and must give the same people."""
    from tui.core.config import BUNDLED_DATA
    from tui.core.extract.gazetteer import read_gazetteer

    text = (BUNDLED_DATA / "gazetteer.yaml").read_text("utf-8")
    fast, safe = read_gazetteer(text, trusted=True), read_gazetteer(text)
    assert fast.entries == safe.entries and len(safe.entries) > 300
    assert fast.problems == safe.problems == ()
