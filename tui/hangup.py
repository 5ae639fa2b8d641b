"""Leaving when the terminal goes away (a killed tmux session, a dropped ssh link).

The kernel tells a hung-up terminal's session leader with SIGHUP. Under `make run` the
leader is `make`, which waits for its child instead of passing the signal on, so the
app never hears it. Meanwhile Textual's input thread reads end-of-file from the dead
terminal in a tight loop (30-60% CPU, for hours), and its output thread dies on the
first failed write, after which the app blocks for good once 30 writes are queued.

So the app handles SIGHUP (unless started with SIGHUP ignored, as `nohup` does),
polls its input for a hang-up, and writes through `TerminalOutput`, which drops
what cannot be written instead of failing; on any of the three it exits.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import select
import signal
import sys
from collections.abc import Callable
from typing import IO, Any

CHECK_SECONDS = 0.5
"""How often the app looks whether its terminal is still there."""

_GONE = select.POLLHUP | select.POLLERR | select.POLLNVAL


def input_fd() -> int | None:
    """The terminal the app reads keys from; `None` when stdin is not a terminal."""
    stdin = sys.__stdin__
    if stdin is None:
        return None
    try:
        fd = stdin.fileno()
    except (OSError, ValueError):
        return None
    return fd if os.isatty(fd) else None


def terminal_gone(fd: int) -> bool:
    """Whether the terminal on `fd` has hung up (it reads as end-of-file forever)."""
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    try:
        events = poller.poll(0)
    except OSError:
        return True
    return any(mask & _GONE for _, mask in events)


def exit_on_sighup(leave: Callable[[], None]) -> None:
    """Call `leave` on the event loop when SIGHUP arrives, unless SIGHUP is ignored."""
    if signal.getsignal(signal.SIGHUP) is signal.SIG_IGN:
        return
    # Not on the main thread, or a platform without signals: nothing to handle.
    with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
        asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, leave)


class TerminalOutput:
    """The terminal's output stream, which stops writing once a write fails (the
    terminal is gone) instead of raising in Textual's output thread."""

    def __init__(self, file: IO[str], on_gone: Callable[[], None]) -> None:
        self._file = file
        self._on_gone = on_gone
        self.gone = False

    def _failed(self) -> None:
        if not self.gone:
            self.gone = True
            self._on_gone()

    def write(self, text: str) -> int:
        if not self.gone:
            try:
                return self._file.write(text)
            except (OSError, ValueError):
                self._failed()
        return len(text)

    def flush(self) -> None:
        if not self.gone:
            try:
                self._file.flush()
            except (OSError, ValueError):
                self._failed()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._file, name)


def hangup_safe(driver_class: type[Any], leave: Callable[[], None]) -> type[Any]:
    """`driver_class` writing through `TerminalOutput`, calling `leave` from the
    output thread when the terminal is gone. Drivers without a `_file` (Windows,
    headless) are returned as they are."""
    if sys.platform == "win32" or driver_class.__name__ != "LinuxDriver":
        return driver_class

    class HangupSafeDriver(driver_class):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            terminal: IO[str] = getattr(self, "_file")  # noqa: B009 (Any-typed base)
            self._file = TerminalOutput(terminal, leave)

    return HangupSafeDriver
