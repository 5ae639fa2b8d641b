"""Fixtures the core's tests share."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.conftest import SEEDS
from tests.core.test_store_records import LEXICON
from tui.core.store import Library


@pytest.fixture(scope="module")
def seeds_library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    """A library of the seeds, refreshed, shared by the tests of a module."""
    store = tmp_path_factory.mktemp("store") / "library.sqlite"
    with Library.open(SEEDS, lexicon=LEXICON, store=store) as library:
        library.refresh(workers=1)
        yield library
