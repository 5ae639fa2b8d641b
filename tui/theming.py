"""Theme files turned into Textual themes: `ThemeSpec` (from `tui.core.themes`) in,
`textual.theme.Theme` out, with readout's own colours as theme variables."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App
from textual.theme import Theme

from tui.core.config import BUNDLED_THEMES, DEFAULT_THEME, Config
from tui.core.themes import ThemeSpec, load_themes

__all__ = ["DEFAULT_THEME", "register_themes", "theme_folders", "to_theme"]


def to_theme(spec: ThemeSpec) -> Theme:
    """The Textual theme of a validated theme file."""
    colors = spec.colors
    return Theme(
        name=spec.name,
        primary=colors["primary"],
        secondary=colors.get("secondary"),
        accent=colors.get("accent"),
        foreground=colors.get("foreground"),
        background=colors.get("background"),
        surface=colors.get("surface"),
        panel=colors.get("panel"),
        boost=colors.get("boost"),
        warning=colors.get("warning"),
        error=colors.get("error"),
        success=colors.get("success"),
        dark=spec.dark,
        variables=dict(spec.variables),
    )


def theme_folders(config: Config) -> list[Path]:
    """Where theme files are read from: the bundled folder, then the person's own."""
    return [BUNDLED_THEMES, *([config.themes] if config.themes else [])]


def register_themes(app: App[Any], config: Config) -> tuple[list[str], list[str]]:
    """Register every valid theme file with `app`; return the names registered and
    one message for each file that could not be used."""
    specs, problems = load_themes(*theme_folders(config))
    for spec in specs:
        app.register_theme(to_theme(spec))
    return [spec.name for spec in specs], problems
