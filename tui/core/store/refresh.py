"""Bringing a store up to date with its folder (owner: the "refresh" helper).

SKELETON written by the lead: the two functions `Library` calls. The refresh helper
writes them and everything behind them (`manifest.py`, the process pool, batches).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tui.core.cancel import ShouldStop
from tui.core.extract.lexicon import Lexicon
from tui.core.store.model import Refreshed, RefreshProgress


def refresh_store(
    store: Path,
    root: Path,
    lexicon: Lexicon,
    *,
    progress: Callable[[RefreshProgress], None] | None = None,
    should_stop: ShouldStop | None = None,
    workers: int | None = None,
    wait: bool = True,
) -> Refreshed | None:
    """See `Library.refresh`. Opens its own connection to `store`."""
    raise NotImplementedError


def changed_on_disk(store: Path, root: Path) -> bool:
    """See `Library.changed_on_disk`."""
    raise NotImplementedError
