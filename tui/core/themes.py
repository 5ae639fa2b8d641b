"""Theme files: one YAML file a theme, validated into plain data.

A theme file names Textual's base colours (`colors:`) and readout's own
(`variables:`: the leader palette, commitment tints by kind, marks, search matches,
bookmarks). The app turns a `ThemeSpec` into a `textual.theme.Theme`; this module
knows nothing of Textual. Every problem names the file and the field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

__all__ = [
    "APP_VARIABLES",
    "BASE_COLORS",
    "ThemeError",
    "ThemeSpec",
    "load_theme",
    "load_themes",
]

BASE_COLORS = (
    "primary", "secondary", "accent", "foreground", "background", "surface", "panel",
    "boost", "warning", "error", "success",
)  # fmt: skip
REQUIRED_COLORS = ("primary", "foreground", "background", "surface")
APP_VARIABLES = (
    "leader-1", "leader-2", "leader-3", "leader-4", "leader-5", "leader-6",
    "commitment-pledge", "commitment-agreement", "commitment-proposal",
    "commitment-readiness", "commitment-announcement", "commitment-invitation",
    "mark", "search-match", "cursor", "bookmark",
)  # fmt: skip
"""The colours readout adds to a theme; every theme file defines all of them."""

_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})")
_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")


class ThemeError(Exception):
    """A theme file that cannot be used; the message names the file and the field."""


@dataclass(frozen=True, slots=True)
class ThemeSpec:
    """A validated theme: its name, whether it is dark, and its colours."""

    name: str
    dark: bool
    colors: dict[str, str] = field(default_factory=dict)
    variables: dict[str, str] = field(default_factory=dict)
    file: Path | None = None


def _colours(
    path: Path, section: str, data: object, allowed: tuple[str, ...], required: tuple[str, ...]
) -> dict[str, str]:
    if not isinstance(data, dict):
        raise ThemeError(f"{path}: {section}: must be a mapping of names to colours")
    colours: dict[str, str] = {}
    for key, value in data.items():
        if key not in allowed:
            raise ThemeError(f"{path}: {section}.{key}: unknown (known: {', '.join(allowed)})")
        if not isinstance(value, str) or not _COLOUR.fullmatch(value.strip()):
            raise ThemeError(f"{path}: {section}.{key}: {value!r} is not a colour (#rrggbb)")
        colours[str(key)] = value.strip()
    missing = [key for key in required if key not in colours]
    if missing:
        raise ThemeError(f"{path}: {section}.{missing[0]}: missing")
    return colours


def load_theme(path: Path) -> ThemeSpec:
    """Read and validate one theme file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        line = f":{mark.line + 1}" if mark is not None else ""
        raise ThemeError(f"{path}{line}: invalid YAML: {error.problem}") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise ThemeError(f"{path}: cannot read: {error}") from None
    if not isinstance(data, dict):
        raise ThemeError(f"{path}: must be a mapping with name, dark, colors and variables")
    unknown = set(data) - {"name", "dark", "colors", "variables"}
    if unknown:
        raise ThemeError(f"{path}: {sorted(unknown)[0]}: unknown field")
    name = data.get("name")
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise ThemeError(f"{path}: name: must be lower-case letters, digits and dashes")
    dark = data.get("dark", True)
    if not isinstance(dark, bool):
        raise ThemeError(f"{path}: dark: must be true or false")
    colors = _colours(path, "colors", data.get("colors"), BASE_COLORS, REQUIRED_COLORS)
    variables = _colours(path, "variables", data.get("variables"), APP_VARIABLES, APP_VARIABLES)
    return ThemeSpec(name, dark, colors, variables, path)


def load_themes(*folders: Path) -> tuple[list[ThemeSpec], list[str]]:
    """Every valid theme in `folders` (`*.yaml`, `*.yml`), and one message for each
    file that is not; a later folder's theme replaces an earlier one of the same name."""
    themes: dict[str, ThemeSpec] = {}
    problems: list[str] = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]):
            try:
                spec = load_theme(path)
            except ThemeError as error:
                problems.append(str(error))
            else:
                themes[spec.name] = spec
    return list(themes.values()), problems
