"""Opening the reader's library ahead of the app (`tui.core.store.ahead`): the library
as the app opens it, the search prepared after it, errors and stopping handed to the
one who waits."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS
from tui.core import load_config
from tui.core.cancel import Cancelled
from tui.core.config import Config
from tui.core.store import Library, LibraryError
from tui.core.store import ahead as ahead_module
from tui.core.store.ahead import OpeningAhead, open_for_reading


def config_on(corpus: Path, tmp_path: Path) -> Config:
    return load_config(ROOT / "config.yaml").with_overrides(
        corpus=corpus,
        notes=tmp_path / "notes.md",
        corrections=tmp_path / "corrections.yaml",
        library=tmp_path / "library.sqlite",
    )


def test_the_library_is_opened_and_its_search_prepared(tmp_path: Path) -> None:
    config = config_on(SEEDS, tmp_path)
    with Library.open(SEEDS, lexicon=config.lexicon, store=config.library) as library:
        library.refresh(workers=1)
    ahead = OpeningAhead(config)
    opened = ahead.opened()
    try:
        assert ahead.wait(30)
        assert opened.library.count() == 5 and opened.problems == ()
        assert opened.library.link_apart  # as the app opens it
        assert opened.library.search("railway")
    finally:
        opened.library.close()


def test_the_problems_of_the_corrections_file_come_with_it(tmp_path: Path) -> None:
    config = config_on(SEEDS, tmp_path)
    config.corrections_file.write_text("leaders: [unclosed\n", encoding="utf-8")
    opened = OpeningAhead(config).opened()
    try:
        assert opened.problems
        assert open_for_reading(config).problems == opened.problems
    finally:
        opened.library.close()


def test_an_opening_that_failed_raises_its_error_to_who_waits(tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("", encoding="utf-8")
    config = config_on(SEEDS, tmp_path).with_overrides(library=blocked / "library.sqlite")
    ahead = OpeningAhead(config)
    with pytest.raises(LibraryError):
        ahead.opened()
    assert ahead.wait(5)


def test_waiting_stops_when_told(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()

    def slow(config: Config) -> object:
        release.wait(10)
        raise LibraryError("never mind")

    monkeypatch.setattr(ahead_module, "open_for_reading", slow)
    ahead = OpeningAhead(config_on(SEEDS, tmp_path))
    asked = 0

    def should_stop() -> bool:
        nonlocal asked
        asked += 1
        return asked >= 3

    with pytest.raises(Cancelled):
        ahead.opened(should_stop)
    assert not ahead.wait(0)  # still opening
    release.set()
    assert ahead.wait(5)


def test_a_lock_file_that_cannot_be_made_is_said_at_once(tmp_path: Path) -> None:
    """Not after a minute of waiting for a lock no one holds, as "another readout
    holds it" (a folder where the lock file would be; /proc's files for a person)."""
    (tmp_path / "library.lock").mkdir()
    config = config_on(SEEDS, tmp_path)
    began = time.monotonic()
    with pytest.raises(LibraryError, match="cannot make the library's lock file"):
        OpeningAhead(config).opened()
    assert time.monotonic() - began < 5
