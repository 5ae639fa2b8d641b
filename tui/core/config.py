"""Configuration: `config.yaml`, validated, with paths resolved against the file.

A broken file raises `ConfigError` with one line that names the file, the line and
the key, so the CLI and the app can report it and stop cleanly.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any, NoReturn

import yaml

from tui.core.extract.lexicon import LeaderEntry, Lexicon

__all__ = [
    "CONFIG_ENV",
    "Config",
    "ConfigError",
    "find_config",
    "load_config",
]

CONFIG_ENV = "READOUT_CONFIG"
"""Environment variable naming a config file, used when `--config` is not given."""

DEFAULT_THEME = "readout-dark"


class ConfigError(Exception):
    """A configuration file that cannot be used; the message is one line."""


def _default_synonyms() -> tuple[tuple[str, ...], ...]:
    return _bundled_synonyms()


@dataclass(frozen=True, slots=True)
class Config:
    """Settings for one run: where the corpus and notes are, the theme, the lexicons."""

    corpus: Path
    notes: Path
    theme: str = DEFAULT_THEME
    lexicon: Lexicon = field(default_factory=Lexicon)
    themes: Path | None = None
    """A folder of the person's own theme files, besides the bundled ones."""
    source: Path | None = None
    """The file these settings came from; `None` for the built-in defaults."""
    synonyms: tuple[tuple[str, ...], ...] = field(default_factory=lambda: _default_synonyms())
    """Groups of words and phrases search takes as one (besides the built-in
    countries); left out of a config file, the bundled `config.yaml`'s."""

    def with_overrides(self, *, corpus: Path | None = None, notes: Path | None = None) -> Config:
        """A copy with command-line overrides applied (relative to the working folder)."""
        return replace(
            self,
            corpus=corpus.resolve() if corpus is not None else self.corpus,
            notes=notes.resolve() if notes is not None else self.notes,
        )


BUNDLED_CONFIG = Path(__file__).resolve().parents[2] / "config.yaml"
BUNDLED_THEMES = Path(__file__).resolve().parents[2] / "themes"
"""The theme files that ship with readout."""
"""The commented default configuration at the top of the repository. A config file
that leaves out `leaders` or `topics` gets them from here."""

# The keys a config file may set, and what each must be.
_FIELDS: dict[str, str] = {
    "corpus": "a folder path",
    "notes": "a file path",
    "theme": "a theme name",
    "themes": "a folder of theme files",
    "leaders": "a list of leaders (name, country, aliases, short)",
    "topics": "a mapping of topic tags to lists of words",
    "synonyms": "a list of synonym groups, each a list of words or phrases",
}
_LEADER_FIELDS = ("name", "country", "aliases", "short")


def defaults(base: Path) -> Config:
    """The settings used when there is no config file: everything beside `base`."""
    return Config(corpus=base / "seeds", notes=base / "notes.md", lexicon=_bundled_lexicon())


def find_config(explicit: Path | None, cwd: Path | None = None) -> Path | None:
    """The config file to use: `explicit`, else `$READOUT_CONFIG`, else `./config.yaml`."""
    if explicit is not None:
        return explicit
    from_env = os.environ.get(CONFIG_ENV)
    if from_env:
        return Path(from_env)
    candidate = (cwd or Path.cwd()) / "config.yaml"
    return candidate if candidate.is_file() else None


def _type_name(value: object) -> str:
    return {dict: "a mapping", list: "a list", bool: "true/false", type(None): "empty"}.get(
        type(value), type(value).__name__
    )


class _Checker:
    """Validates parsed YAML against the node tree, so every error names its line."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, node: yaml.Node, message: str) -> NoReturn:
        raise ConfigError(f"{self.path}:{node.start_mark.line + 1}: {message}")

    def items(self, node: yaml.Node, what: str) -> list[tuple[str, yaml.Node, yaml.Node]]:
        """`(key, key node, value node)` of a mapping node."""
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, f"{what} must be a mapping")
        return [(str(key.value), key, value) for key, value in node.value]

    def text(self, node: yaml.Node, what: str) -> str:
        if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:str":
            value = yaml.safe_load(yaml.serialize(node))
            self.fail(node, f"{what}, not {_type_name(value)}")
        value = str(node.value).strip()
        if not value:
            self.fail(node, f"{what}, not empty")
        return value

    def texts(self, node: yaml.Node, what: str) -> tuple[str, ...]:
        """A list of strings; a single string is taken as a list of one."""
        if isinstance(node, yaml.ScalarNode):
            return (self.text(node, what),)
        if not isinstance(node, yaml.SequenceNode):
            self.fail(node, f"{what}")
        return tuple(self.text(item, what) for item in node.value)

    def leader(self, node: yaml.Node) -> LeaderEntry:
        fields: dict[str, yaml.Node] = {}
        for key, key_node, value in self.items(node, "each leader"):
            if key not in _LEADER_FIELDS:
                known = ", ".join(_LEADER_FIELDS)
                self.fail(key_node, f"unknown leader field {key!r} (known: {known})")
            fields[key] = value
        if "name" not in fields:
            self.fail(node, "each leader needs a 'name'")
        return LeaderEntry(
            name=self.text(fields["name"], "'name' must be text"),
            country=self.text(fields["country"], "'country' must be text")
            if "country" in fields
            else None,
            aliases=self.texts(fields["aliases"], "'aliases' must be a list of names")
            if "aliases" in fields
            else (),
            short=self.texts(fields["short"], "'short' must be a list of short forms")
            if "short" in fields
            else (),
        )

    def leaders(self, node: yaml.Node) -> tuple[LeaderEntry, ...]:
        if not isinstance(node, yaml.SequenceNode):
            self.fail(node, f"'leaders' must be {_FIELDS['leaders']}")
        return tuple(self.leader(item) for item in node.value)

    def synonyms(self, node: yaml.Node) -> tuple[tuple[str, ...], ...]:
        if not isinstance(node, yaml.SequenceNode):
            self.fail(node, f"'synonyms' must be {_FIELDS['synonyms']}")
        what = "each synonym group must be a list of words or phrases"
        groups = []
        for item in node.value:
            if not isinstance(item, yaml.SequenceNode):
                self.fail(item, what)
            groups.append(self.texts(item, what))
        return tuple(groups)

    def topics(self, node: yaml.Node) -> tuple[tuple[str, tuple[str, ...]], ...]:
        return tuple(
            (tag, self.texts(value, f"topic {tag!r} must be a list of words or phrases"))
            for tag, _, value in self.items(node, f"'topics' must be {_FIELDS['topics']}")
        )


def _compose(path: Path) -> yaml.Node | None:
    """The YAML node tree of a config file."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read config file: {error}") from None
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = f":{mark.line + 1}" if mark is not None else ""
        problem = error.problem or error.context or "invalid YAML"
        raise ConfigError(f"{path}{line}: invalid YAML: {problem}") from None
    except yaml.YAMLError as error:
        raise ConfigError(f"{path}: invalid YAML: {error}") from None


def _read(path: Path) -> dict[str, Any]:
    """The validated settings a config file sets (its keys only, paths resolved)."""
    node = _compose(path)
    if node is None:
        return {}
    check = _Checker(path)
    if not isinstance(node, yaml.MappingNode):
        check.fail(node, "the file must be a mapping of keys to values")
    base = path.resolve().parent
    values: dict[str, Any] = {}
    for key, key_node, value in check.items(node, "the file"):
        if key not in _FIELDS:
            check.fail(key_node, f"unknown key {key!r} (known keys: {', '.join(_FIELDS)})")
        if key == "leaders":
            values["leaders"] = check.leaders(value)
        elif key == "topics":
            values["topics"] = check.topics(value)
        elif key == "synonyms":
            values["synonyms"] = check.synonyms(value)
        else:
            text = check.text(value, f"{key!r} must be {_FIELDS[key]}")
            is_path = key in ("corpus", "notes", "themes")
            values[key] = base / Path(text).expanduser() if is_path else text
    return values


@cache
def _bundled_lexicon() -> Lexicon:
    """The lexicons of the bundled `config.yaml`; empty when it is not there."""
    if not BUNDLED_CONFIG.is_file():
        return Lexicon()
    values = _read(BUNDLED_CONFIG)
    return Lexicon(leaders=values.get("leaders", ()), topics=values.get("topics", ()))


@cache
def _bundled_synonyms() -> tuple[tuple[str, ...], ...]:
    """The synonym groups of the bundled `config.yaml`; none when it is not there."""
    if not BUNDLED_CONFIG.is_file():
        return ()
    synonyms: tuple[tuple[str, ...], ...] = _read(BUNDLED_CONFIG).get("synonyms", ())
    return synonyms


def load_config(path: Path | None, cwd: Path | None = None) -> Config:
    """Read and validate a config file; `None` gives the defaults beside `cwd`.

    Relative paths in the file are resolved against the file's folder; `leaders` and
    `topics` left out come from the bundled `config.yaml`.
    """
    if path is None:
        return defaults((cwd or Path.cwd()).resolve())
    values = _read(path)
    config = defaults(path.resolve().parent)
    lexicon = replace(
        config.lexicon,
        **{key: values.pop(key) for key in ("leaders", "topics") if key in values},
    )
    return replace(config, source=path, lexicon=lexicon, **values)
