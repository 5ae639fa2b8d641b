"""The command line when the store cannot be used: a read-only store, a full disk,
damaged search files, a SIGTERM during a refresh: one line on stderr and a non-zero
exit, never a traceback."""

from __future__ import annotations

import os
import signal
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from tests.test_cli import run
from tui.core.store import refresh, schema


@pytest.mark.parametrize(
    ("error", "said"),
    [
        (sqlite3.OperationalError("attempt to write a readonly database"), "readonly database"),
        (sqlite3.OperationalError("database or disk is full"), "disk is full"),
        (OSError(28, "No space left on device"), "No space left on device"),
    ],
)
def test_a_store_that_cannot_be_written_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    error: Exception,
    said: str,
) -> None:
    def failing(*_: object, **__: object) -> None:
        raise error

    monkeypatch.setattr(refresh, "refresh_store", failing)
    store = tmp_path / "library.sqlite"
    code, out, err = run(capsys, "list", "--corpus", str(SEEDS), "--library", str(store))
    assert (code, out) == (2, "")
    assert err.startswith("readout: error: cannot use the library store") and said in err
    assert err.count("\n") == 1 and "Traceback" not in err and "cannot write the output" not in err


def test_damaged_search_files_are_one_line_then_the_store_is_rebuilt(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    store = tmp_path / "library.sqlite"
    common = ["--corpus", str(SEEDS), "--library", str(store)]
    assert run(capsys, "refresh", *common)[0] == 0
    for path in schema.segments_folder(store).glob("*.postings.npy"):
        os.truncate(path, path.stat().st_size // 2)
    code, out, err = run(capsys, "search", "Xi Jinping", *common)
    assert (code, out) == (2, "")
    assert "damaged" in err and err.count("\n") == 1
    code, out, err = run(capsys, "search", "Xi Jinping", *common)
    assert code == 0 and "Xi Jinping" in out
    assert "rebuilt" in err and err.count("\n") == 1


def test_sigterm_during_a_refresh_ends_it_with_one_line_and_exit_143(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def terminated(*_: object, **__: object) -> None:
        os.kill(os.getpid(), signal.SIGTERM)
        signal.sigtimedwait([], 0)  # the handler runs here at the latest
        pytest.fail("SIGTERM did not stop the refresh")

    monkeypatch.setattr(refresh, "refresh_store", terminated)
    before = signal.getsignal(signal.SIGTERM)
    store = tmp_path / "library.sqlite"
    code, out, err = run(capsys, "refresh", "--corpus", str(SEEDS), "--library", str(store))
    assert (code, out) == (128 + signal.SIGTERM, "")
    assert err.startswith("readout: stopped") and err.count("\n") == 1
    assert signal.getsignal(signal.SIGTERM) == before
