"""The cancellation check the core's long loops call."""

from __future__ import annotations

import pytest

from tui.core.cancel import Cancelled, check


def test_check_raises_only_once_the_caller_asks_to_stop() -> None:
    check(None)
    check(lambda: False)
    with pytest.raises(Cancelled):
        check(lambda: True)
