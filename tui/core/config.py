"""Configuration: `config.yaml`, validated, with paths resolved against the file.

A broken file raises `ConfigError` with one line that names the file, the line and
the key, so the CLI and the app can report it and stop cleanly: invalid YAML, a file
that is not UTF-8, a duplicate key, a tag such as `!!python/object`, an alias
(`*name`) or nesting deeper than `safe_yaml.MAX_DEPTH`. Nothing in the file is ever
constructed as a Python object: it is validated node by node.

The commented default configuration and the bundled themes ship inside the package
(`tui/data/`), read with `importlib.resources`, so an installed `readout` has its
gazetteer and themes wherever it runs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any, NoReturn

import yaml

from tui.core import safe_yaml
from tui.core.config_cache import remembered
from tui.core.extract import gazetteer
from tui.core.extract.lexicon import LeaderEntry, Lexicon, Topic
from tui.core.files import read_regular

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


@dataclass(frozen=True, slots=True)
class Config:
    """Settings for one run: where the corpus and notes are, the theme, the lexicons."""

    corpus: Path
    notes: Path
    theme: str = DEFAULT_THEME
    corrections: Path | None = None
    """The analyst's corrections file (`None`: `corrections.yaml` beside the notes)."""
    lexicon: Lexicon = field(default_factory=Lexicon)
    themes: Path | None = None
    """A folder of the person's own theme files, besides the bundled ones."""
    source: Path | None = None
    """The file these settings came from; `None` for the built-in defaults."""
    synonyms: tuple[tuple[str, ...], ...] = field(default_factory=lambda: _bundled_synonyms())
    """Groups of words and phrases search takes as one (besides the built-in
    countries); left out of a config file, the bundled `config.yaml`'s."""
    library: Path | None = None
    """The library store file (`None`: one per corpus folder in the user's cache
    folder, `tui.core.store.default_store_path`)."""

    def with_overrides(
        self,
        *,
        corpus: Path | None = None,
        notes: Path | None = None,
        corrections: Path | None = None,
        library: Path | None = None,
    ) -> Config:
        """A copy with command-line overrides applied (relative to the working folder)."""
        return replace(
            self,
            corpus=_absolute(corpus) if corpus is not None else self.corpus,
            notes=_absolute(notes) if notes is not None else self.notes,
            corrections=_absolute(corrections) if corrections is not None else self.corrections,
            library=_absolute(library) if library is not None else self.library,
        )

    @property
    def corrections_file(self) -> Path:
        """Where corrections are read and written: the configured file, else
        `corrections.yaml` in the notes file's folder."""
        return self.corrections or self.notes.parent / "corrections.yaml"


def _absolute(path: Path) -> Path:
    """`path` resolved, or only made absolute when it cannot be (a link loop, which
    `Path.resolve` raises for): the error comes, in words, where the path is used."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return Path(os.path.abspath(path))


BUNDLED_DATA = Path(str(files("tui") / "data"))
"""The package's data folder (readout is always installed unzipped, as pip does)."""
BUNDLED_CONFIG = BUNDLED_DATA / "config.yaml"
"""The commented default configuration. A config file that leaves out `leaders` or
`topics` gets them from here. `config.yaml` at the top of the repository is a copy."""
BUNDLED_GAZETTEER = BUNDLED_DATA / "gazetteer.yaml"
"""The people readout knows (`tui.core.extract.gazetteer.bundled`)."""
BUNDLED_THEMES = BUNDLED_DATA / "themes"
"""The theme files that ship with readout. `themes/` at the top of the repository
is a copy."""

# The tags a config value may carry: YAML's own, never a Python object.
_STANDARD_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
)
_TAG_NAMES = {
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:bool": "true/false",
    "tag:yaml.org,2002:null": "empty",
    "tag:yaml.org,2002:timestamp": "a date",
}

# The keys a config file may set, and what each must be.
_FIELDS: dict[str, str] = {
    "corpus": "a folder path",
    "notes": "a file path",
    "corrections": "a file path",
    "library": "a file path",
    "theme": "a theme name",
    "themes": "a folder of theme files",
    "leaders": "a list of leaders (name, country, aliases, short)",
    "topics": "a mapping of topic tags to lists of words (or to {words: [...], not: [...]})",
    "synonyms": "a list of synonym groups, each a list of words or phrases",
}
_LEADER_FIELDS = ("name", "country", "aliases", "short")
_TOPIC_FIELDS = ("words", "not")


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


def _kind(node: yaml.Node) -> str:
    """What a node holds, in words, without constructing it."""
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if node.tag == "tag:yaml.org,2002:int":
        return "int"
    return _TAG_NAMES.get(node.tag, "text")


class _Checker:
    """Validates parsed YAML against the node tree, so every error names its line."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, node: yaml.Node, message: str) -> NoReturn:
        raise ConfigError(f"{self.path}:{node.start_mark.line + 1}: {' '.join(message.split())}")

    def expanded(self, node: yaml.Node, text: str) -> Path:
        """The path `text` with `~` (or `~user`) made the home folder."""
        if "\0" in text:  # no system takes one; `open` would raise ValueError
            self.fail(node, "a path cannot hold a NUL character (\\0)")
        try:
            return Path(text).expanduser()
        except RuntimeError:  # no such user, or no home folder at all
            self.fail(node, f"cannot tell which home folder {text.split('/')[0]!r} names")

    def standard(self, node: yaml.Node) -> yaml.Node:
        """`node`, if it carries no tag but YAML's own (`!!python/object` is refused)."""
        if node.tag not in _STANDARD_TAGS:
            self.fail(node, f"tag {node.tag!r} is not allowed in a config file")
        return node

    def items(self, node: yaml.Node, what: str) -> list[tuple[str, yaml.Node, yaml.Node]]:
        """`(key, key node, value node)` of a mapping node; a key given twice fails."""
        if not isinstance(self.standard(node), yaml.MappingNode):
            self.fail(node, f"{what} must be a mapping")
        seen: dict[str, int] = {}
        items: list[tuple[str, yaml.Node, yaml.Node]] = []
        for key, value in node.value:
            name = str(self.standard(key).value)
            if not isinstance(key, yaml.ScalarNode):
                self.fail(key, "a key must be plain text")
            if name in seen:
                self.fail(key, f"duplicate key {name!r} (first on line {seen[name]})")
            seen[name] = key.start_mark.line + 1
            items.append((name, key, self.standard(value)))
        return items

    def text(self, node: yaml.Node, what: str) -> str:
        if not isinstance(self.standard(node), yaml.ScalarNode) or node.tag != (
            "tag:yaml.org,2002:str"
        ):
            self.fail(node, f"{what}, not {_kind(node)}")
        value = str(node.value).strip()
        if not value:
            self.fail(node, f"{what}, not empty")
        return value

    def texts(self, node: yaml.Node, what: str) -> tuple[str, ...]:
        """A list of strings; a single string is taken as a list of one."""
        if isinstance(node, yaml.ScalarNode):
            return (self.text(node, what),)
        if not isinstance(self.standard(node), yaml.SequenceNode):
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
        if not isinstance(self.standard(node), yaml.SequenceNode):
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

    def topic(self, tag: str, node: yaml.Node) -> Topic:
        """`tag: [words]`, or `tag: {words: [...], not: [phrases that veto it]}`."""
        what = f"topic {tag!r} must be a list of words or phrases, or {{words: [...], not: [...]}}"
        if not isinstance(node, yaml.MappingNode):
            return Topic(tag, self.texts(node, what))
        fields: dict[str, yaml.Node] = {}
        for key, key_node, value in self.items(node, what):
            if key not in _TOPIC_FIELDS:
                known = ", ".join(_TOPIC_FIELDS)
                self.fail(key_node, f"unknown field {key!r} of topic {tag!r} (known: {known})")
            fields[key] = value
        if "words" not in fields:
            self.fail(node, f"topic {tag!r} needs 'words'")
        words = self.texts(fields["words"], f"'words' of topic {tag!r} must be a list of words")
        vetoes = (
            self.texts(fields["not"], f"'not' of topic {tag!r} must be a list of phrases")
            if "not" in fields
            else ()
        )
        return Topic(tag, words, vetoes)

    def topics(self, node: yaml.Node) -> tuple[Topic, ...]:
        return tuple(
            self.topic(tag, value)
            for tag, _, value in self.items(node, f"'topics' must be {_FIELDS['topics']}")
        )


MAX_CONFIG_BYTES = 1024 * 1024
"""A config file is a page or two; a larger one is refused unread."""


def _text(path: Path) -> str:
    """The text of a config file; `ConfigError` naming the line of a bad byte."""
    try:
        data = read_regular(path, MAX_CONFIG_BYTES + 1)
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot read config file: {error.strerror or error}") from None
    if len(data) > MAX_CONFIG_BYTES:
        raise ConfigError(f"{path}: larger than {MAX_CONFIG_BYTES // 1024} KB; not a config file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        byte = data[error.start]
        raise ConfigError(f"{path}:{line}: not UTF-8 text (byte 0x{byte:02x})") from None


def _compose(path: Path) -> yaml.Node | None:
    """The YAML node tree of a config file."""
    text = _text(path)
    try:
        return safe_yaml.compose(text)
    except yaml.YAMLError as error:
        line, problem = safe_yaml.problem(error)
        where = f":{line}" if line is not None else ""
        raise ConfigError(f"{path}{where}: invalid YAML: {problem}") from None


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
            is_path = key in ("corpus", "notes", "themes", "corrections", "library")
            values[key] = base / check.expanded(value, text) if is_path else text
    return values


@cache
def _bundled_settings() -> tuple[dict[str, Any], Lexicon]:
    """The settings of the bundled `config.yaml` (none when it is not there) and its
    lexicons, read once (and kept between runs: `config_cache`)."""

    def read() -> tuple[dict[str, Any], Lexicon]:
        values = _read(BUNDLED_CONFIG) if BUNDLED_CONFIG.is_file() else {}
        leaders = gazetteer.merge(values.get("leaders", ()), gazetteer.bundled())
        return values, Lexicon(leaders=leaders, topics=values.get("topics", ()))

    return remembered("bundled", (BUNDLED_CONFIG, BUNDLED_GAZETTEER), (), read)


def _bundled() -> dict[str, Any]:
    """The settings of the bundled `config.yaml`."""
    return _bundled_settings()[0]


def _bundled_lexicon() -> Lexicon:
    """The lexicons of the bundled `config.yaml`."""
    return _bundled_settings()[1]


def _bundled_synonyms() -> tuple[tuple[str, ...], ...]:
    """The synonym groups of the bundled `config.yaml`."""
    synonyms: tuple[tuple[str, ...], ...] = _bundled().get("synonyms", ())
    return synonyms


def load_config(path: Path | None, cwd: Path | None = None) -> Config:
    """Read and validate a config file; `None` gives the defaults beside `cwd`.

    Relative paths in the file are resolved against the file's folder; `topics` left
    out come from the bundled `config.yaml`. `leaders` add to the bundled gazetteer: a
    person listed replaces the bundled person who shares a spelling.
    """
    if path is None:
        return defaults((cwd or Path.cwd()).resolve())
    # `~` in a path is the home folder; relative paths are the file's folder's.
    depends = (os.fspath(path), os.fspath(_absolute(path)), os.environ.get("HOME", ""))
    return remembered(
        "config", (path, BUNDLED_CONFIG, BUNDLED_GAZETTEER), depends, lambda: _load(path)
    )


def _load(path: Path) -> Config:
    values = _read(path)
    config = defaults(path.resolve().parent)
    if "leaders" in values:
        values["leaders"] = gazetteer.merge(values["leaders"], config.lexicon.leaders)
    lexicon = replace(
        config.lexicon,
        **{key: values.pop(key) for key in ("leaders", "topics") if key in values},
    )
    return replace(config, source=path, lexicon=lexicon, **values)
