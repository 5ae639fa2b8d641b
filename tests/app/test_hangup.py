"""The app leaves when its terminal goes away, even when no SIGHUP reaches it (under
`make run`, make is the session leader and swallows the signal)."""

from __future__ import annotations

import os
import pty
import select
import signal
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS

STARTUP_SECONDS = 30.0
EXIT_SECONDS = 10.0


def _start_app(tmp_path: Path, ignore_sighup: bool) -> tuple[int, int]:
    """Run `readout` on a fresh pseudo-terminal; return its pid and the master end."""
    argv = [
        sys.executable, "-m", "tui", "--config", str(ROOT / "config.yaml"),
        "--corpus", str(SEEDS), "--notes", str(tmp_path / "notes.md"),
    ]  # fmt: skip
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "36"}
    pid, master = pty.fork()
    if pid == 0:  # the child: becomes the app
        try:
            if ignore_sighup:
                signal.signal(signal.SIGHUP, signal.SIG_IGN)
            os.execve(sys.executable, argv, env)
        finally:
            os._exit(127)
    return pid, master


def _read_until(master: int, wanted: bytes) -> None:
    """Drain the app's output until `wanted` shows (the app has drawn its screen)."""
    seen = b""
    deadline = time.monotonic() + STARTUP_SECONDS
    while wanted not in seen:
        left = deadline - time.monotonic()
        assert left > 0, f"the app never drew {wanted!r}: {seen[-300:]!r}"
        ready, _, _ = select.select([master], [], [], left)
        if ready:
            seen = seen[-4096:] + os.read(master, 65536)


def _exit_status(pid: int) -> int | None:
    """The child's wait status once it exits, or `None` if it outlives the bound."""
    deadline = time.monotonic() + EXIT_SECONDS
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        time.sleep(0.05)  # polling a child's exit: there is no wait-with-timeout
    return None


@pytest.mark.parametrize("ignore_sighup", [True, False], ids=["sighup-ignored", "sighup"])
def test_app_exits_when_its_terminal_goes_away(tmp_path: Path, ignore_sighup: bool) -> None:
    pid, master = _start_app(tmp_path, ignore_sighup)
    try:
        _read_until(master, b"Articles")
    finally:
        os.close(master)  # the terminal goes away
    status = _exit_status(pid)
    if status is None:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        pytest.fail(f"the app kept running {EXIT_SECONDS:.0f} s after its terminal went away")
    assert os.WIFEXITED(status), "the app should leave by itself, not be killed by a signal"
