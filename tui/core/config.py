"""Configuration: `config.yaml`, validated, with paths resolved against the file.

A broken file raises `ConfigError` with one line that names the file, the line and
the key, so the CLI and the app can report it and stop cleanly.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

__all__ = [
    "CONFIG_ENV",
    "Config",
    "ConfigError",
    "find_config",
    "load_config",
]

CONFIG_ENV = "READOUT_CONFIG"
"""Environment variable naming a config file, used when `--config` is not given."""

DEFAULT_THEME = "textual-dark"


class ConfigError(Exception):
    """A configuration file that cannot be used; the message is one line."""


@dataclass(frozen=True, slots=True)
class Config:
    """Settings for one run: where the corpus and notes are, which theme to use."""

    corpus: Path
    notes: Path
    theme: str = DEFAULT_THEME
    source: Path | None = None
    """The file these settings came from; `None` for the built-in defaults."""

    def with_overrides(self, *, corpus: Path | None = None, notes: Path | None = None) -> Config:
        """A copy with command-line overrides applied (relative to the working folder)."""
        return replace(
            self,
            corpus=corpus.resolve() if corpus is not None else self.corpus,
            notes=notes.resolve() if notes is not None else self.notes,
        )


# The keys a config file may set, and what each must be.
_FIELDS: dict[str, str] = {
    "corpus": "a folder path",
    "notes": "a file path",
    "theme": "a theme name",
}


def defaults(base: Path) -> Config:
    """The settings used when there is no config file: everything beside `base`."""
    return Config(corpus=base / "seeds", notes=base / "notes.md")


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


def _parse(path: Path, text: str) -> tuple[dict[str, Any], dict[str, int]]:
    """The top-level mapping of a config file and the line of each key."""
    try:
        node = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = f":{mark.line + 1}" if mark is not None else ""
        problem = error.problem or error.context or "invalid YAML"
        raise ConfigError(f"{path}{line}: invalid YAML: {problem}") from None
    except yaml.YAMLError as error:
        raise ConfigError(f"{path}: invalid YAML: {error}") from None
    if data is None:
        return {}, {}
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        raise ConfigError(f"{path}:1: the file must be a mapping of keys to values")
    lines = {
        str(key.value): key.start_mark.line + 1
        for key, _ in node.value
        if isinstance(key, yaml.ScalarNode)
    }
    return data, lines


def load_config(path: Path | None, cwd: Path | None = None) -> Config:
    """Read and validate a config file; `None` gives the defaults beside `cwd`.

    Relative paths in the file are resolved against the file's folder.
    """
    if path is None:
        return defaults((cwd or Path.cwd()).resolve())
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read config file: {error}") from None
    data, lines = _parse(path, text)
    base = path.resolve().parent
    config = defaults(base)
    values: dict[str, Any] = {}
    for key, value in data.items():
        where = f"{path}:{lines.get(str(key), 1)}"
        if key not in _FIELDS:
            known = ", ".join(_FIELDS)
            raise ConfigError(f"{where}: unknown key {key!r} (known keys: {known})")
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(f"{where}: {key!r} must be {_FIELDS[key]}, not {_type_name(value)}")
        values[key] = value.strip()
    for key in ("corpus", "notes"):
        if key in values:
            values[key] = base / Path(values[key]).expanduser()
    return replace(config, source=path, **values)
