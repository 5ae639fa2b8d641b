"""Theme files: one YAML file a theme, validated into plain data.

A theme file names Textual's base colours (`colors:`) and readout's own
(`variables:`: the leader palette, commitment tints by kind, marks, search matches,
bookmarks). The app turns a `ThemeSpec` into a `textual.theme.Theme`; this module
knows nothing of Textual. Every problem names the file and the field, in one line of
plain text: a value quoted in a message is shortened and its control characters
shown, and the app must display messages without markup (a theme may hold `[b]`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from tui.core import safe_yaml
from tui.core.corpus_files import display_path
from tui.core.files import read_regular
from tui.core.text import one_line, shorten

__all__ = [
    "APP_VARIABLES",
    "BASE_COLORS",
    "LATER_VARIABLES",
    "REQUIRED_VARIABLES",
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
REQUIRED_VARIABLES = (
    "leader-1", "leader-2", "leader-3", "leader-4", "leader-5", "leader-6",
    "commitment-pledge", "commitment-agreement", "commitment-proposal",
    "commitment-readiness", "commitment-announcement", "commitment-invitation",
    "mark", "search-match", "cursor", "bookmark",
)  # fmt: skip
"""The colours readout adds to a theme that every theme file defines."""
LATER_VARIABLES = (
    "revised", "diff-removed", "diff-added", "compare-only-first", "compare-only-second",
    "timeline-visit", "timeline-talks", "timeline-call", "timeline-message", "timeline-other",
)  # fmt: skip
"""Colours added since themes were first written (the revised marker, the changes
view, the compare view, the timeline's marks): the shipped themes define them; a
person's older theme file may leave them out (the app falls back to readout-dark's)."""
APP_VARIABLES = REQUIRED_VARIABLES + LATER_VARIABLES
"""Every colour readout adds to a theme."""

_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})")
_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")


MAX_THEME_BYTES = 64 * 1024
"""A theme file is a few dozen lines; a larger one is refused unread."""


def _shown(value: object) -> str:
    """A key or value from a theme file, for a message: one line, at most 40 characters."""
    return one_line(shorten(str(value), 40))


def _quoted(value: object) -> str:
    return repr(_shown(value))


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
    where = display_path(path)
    if not isinstance(data, dict):
        raise ThemeError(f"{where}: {section}: must be a mapping of names to colours")
    colours: dict[str, str] = {}
    for key, value in data.items():
        if key not in allowed:
            known = ", ".join(allowed)
            raise ThemeError(f"{where}: {section}.{_shown(key)}: unknown (known: {known})")
        if not isinstance(value, str) or not _COLOUR.fullmatch(value.strip()):
            raise ThemeError(
                f"{where}: {section}.{key}: {_quoted(value)} is not a colour (#rrggbb)"
            )
        colours[str(key)] = value.strip()
    missing = [key for key in required if key not in colours]
    if missing:
        raise ThemeError(f"{where}: {section}.{missing[0]}: missing")
    return colours


def _read(path: Path) -> object:
    """The parsed YAML of a theme file; `ThemeError` (one line) when it cannot be."""
    where = display_path(path)
    try:
        data = read_regular(path, MAX_THEME_BYTES + 1)
        if len(data) > MAX_THEME_BYTES:
            raise ThemeError(f"{where}: larger than {MAX_THEME_BYTES // 1024} KB; not a theme")
        return safe_yaml.load(data.decode("utf-8"))
    except yaml.YAMLError as error:
        line, problem = safe_yaml.problem(error)
        at = f":{line}" if line is not None else ""
        raise ThemeError(f"{where}{at}: invalid YAML: {one_line(problem)}") from None
    except UnicodeDecodeError:
        raise ThemeError(f"{where}: not UTF-8 text") from None
    except OSError as error:
        raise ThemeError(f"{where}: cannot read: {error.strerror or error}") from None


def load_theme(path: Path) -> ThemeSpec:
    """Read and validate one theme file."""
    data = _read(path)
    where = display_path(path)
    if not isinstance(data, dict):
        raise ThemeError(f"{where}: must be a mapping with name, dark, colors and variables")
    unknown = {str(key) for key in data} - {"name", "dark", "colors", "variables"}
    if unknown:
        raise ThemeError(f"{where}: {_shown(sorted(unknown)[0])}: unknown field")
    name = data.get("name")
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise ThemeError(f"{where}: name: must be lower-case letters, digits and dashes")
    dark = data.get("dark", True)
    if not isinstance(dark, bool):
        raise ThemeError(f"{where}: dark: must be true or false")
    colors = _colours(path, "colors", data.get("colors"), BASE_COLORS, REQUIRED_COLORS)
    variables = _colours(
        path, "variables", data.get("variables"), APP_VARIABLES, REQUIRED_VARIABLES
    )
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
