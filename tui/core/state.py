"""Small remembered state (the last article read), kept apart from `config.yaml`.

The state file lives in the platform's state folder (`state_dir()`, from
`platformdirs`: `$XDG_STATE_HOME/readout/`, by default `~/.local/state/readout/`, on
Linux). It is a convenience: a missing or broken file means a fresh start, never an
error. Other per-machine files (the spool of bookmarks waiting to be written) belong
in the same folder.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import platformdirs

from tui.core.files import read_regular, write_atomic

__all__ = ["State", "default_state_path", "load_state", "save_state", "state_dir"]


@dataclass(frozen=True, slots=True)
class State:
    """What the app remembers between runs."""

    last_article: str | None = None
    oldest_first: bool = False
    theme: str | None = None
    """The theme last chosen with ctrl+t or the palette; it wins over config.yaml."""
    grouped_by_event: bool = False
    """The article list groups the articles of one event together (`E`)."""


# What each field of a saved state must be to be taken; anything else is ignored.
_FIELD_TYPES: dict[str, type | tuple[type, ...]] = {
    "last_article": (str, type(None)),
    "oldest_first": bool,
    "theme": (str, type(None)),
    "grouped_by_event": bool,
}


def state_dir() -> Path:
    """readout's folder for per-machine state (not created here): on Linux
    `$XDG_STATE_HOME/readout`, by default `~/.local/state/readout`."""
    return platformdirs.user_state_path("readout", appauthor=False)


def default_state_path() -> Path:
    """`state.json` in `state_dir()`."""
    return state_dir() / "state.json"


def load_state(path: Path) -> State:
    """The state saved at `path`; defaults when it is missing or unreadable."""
    try:
        data = json.loads(read_regular(path).decode("utf-8"))
    except (OSError, ValueError, RecursionError):  # missing, a pipe, not UTF-8, too deep
        return State()
    if not isinstance(data, dict):
        return State()
    known = {
        name: data[name]
        for name, kind in _FIELD_TYPES.items()
        if name in data and isinstance(data[name], kind)
    }
    return replace(State(), **known)


def save_state(path: Path, state: State) -> None:
    """Write `state` atomically (temporary file, then rename). Raises `OSError`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, (json.dumps(asdict(state), indent=2) + "\n").encode("utf-8"))
