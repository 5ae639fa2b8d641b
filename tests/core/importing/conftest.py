"""The import tests' web server (`web.serving`), one per test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.core.importing.web import Site, serving


@pytest.fixture
def site() -> Iterator[Site]:
    with serving() as running:
        yield running
