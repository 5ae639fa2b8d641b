"""Linking threads stops when its caller asks (`should_stop`), keeping nothing; gives
the same threads in every run; and the file of threads beside the store is read
back as it was written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from tests.core.test_store_events import filled
from tests.core.test_threads import EXPRESSWAY, FILLER, TOPICS
from tui.core.cancel import Cancelled
from tui.core.store.threads import cache_path
from tui.core.threads import EVERY, link_threads

MANY = [*EXPRESSWAY, *FILLER] * (EVERY // 6)
"""More items than are read between two looks at `should_stop`."""


def stopping_after(looks: int) -> tuple[list[int], Callable[[], bool]]:
    """A `should_stop` saying stop at its `looks`-th call, and the count of calls."""
    calls = [0]

    def should_stop() -> bool:
        calls[0] += 1
        return calls[0] >= looks

    return calls, should_stop


def test_linking_stops_when_asked_between_items() -> None:
    calls, should_stop = stopping_after(2)
    with pytest.raises(Cancelled):
        link_threads(MANY, TOPICS, should_stop=should_stop)
    assert calls[0] == 2  # looked at again after `EVERY` items, not only at the start


def test_linking_not_stopped_gives_the_same_threads() -> None:
    calls, should_stop = stopping_after(10**9)
    assert link_threads(MANY, TOPICS, should_stop=should_stop) == link_threads(MANY, TOPICS)
    assert calls[0] > len(MANY) // EVERY


def test_a_library_stopped_while_linking_keeps_no_threads(tmp_path: Path) -> None:
    with filled(SEEDS, tmp_path) as library:
        with pytest.raises(Cancelled):
            library.threads(should_stop=lambda: True)
        assert not cache_path(tmp_path / "library.sqlite").exists()
        assert library.threads()  # linked in full when asked again
        assert cache_path(tmp_path / "library.sqlite").is_file()


def test_a_file_of_threads_missing_entries_is_made_again(tmp_path: Path) -> None:
    import json

    from tests.core.test_store_records import LEXICON
    from tui.core.store import Library

    with filled(SEEDS, tmp_path) as library:
        made = library.threads()
    kept = cache_path(tmp_path / "library.sqlite")
    data = json.loads(kept.read_text(encoding="utf-8"))
    data["entries"] = data["entries"][:-8]  # one entry short of what the threads say
    kept.write_text(json.dumps(data), encoding="utf-8")
    with Library.open(SEEDS, lexicon=LEXICON, store=tmp_path / "library.sqlite") as library:
        assert library.threads() == made


TIE = """
from tests.core.test_threads import FILLER, TOPICS, said
from tui.core.threads import link_threads

items = [
    said("The two sides agreed on the Vientiane expressway.", "2024-01-01", ("transport",), key=1),
    said("The two sides agreed on the Savannakhet road.", "2024-02-01", ("transport",), key=2),
    said("The two sides agreed on the Vientiane expressway and the Savannakhet road.",
         "2024-03-01", ("transport",), key=3),
    *FILLER,
]
threads = link_threads(items, TOPICS)
print(sorted([e.key for e in t.entries] for t in threads if t.topic == "transport"))
"""
"""The third object shares all of its weight with each of the first two: a tie."""


def test_a_tie_between_two_threads_breaks_the_same_way_in_every_run() -> None:
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    found = {
        subprocess.run(
            [sys.executable, "-c", TIE], env={**os.environ, "PYTHONHASHSEED": seed}, cwd=root,
            check=True, capture_output=True, text=True,
        ).stdout
        for seed in ("0", "7")  # string hashes that put the terms in other orders
    }  # fmt: skip
    assert found == {"[[1], [2, 3]]\n"}
