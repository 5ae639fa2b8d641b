"""The whole of one fetch within its time-out: connecting, the headers and the body.

A socket's own time-out bounds each wait for the next bytes, not the whole: a server
that sends a byte (or a header line) every second would hold the import for as long
as it likes. So each fetch has a `Deadline`: a timer that, when it runs out, shuts
the connection's socket down (a read blocked on it returns at once), and the fetch
then says it timed out.

The opener's connections register their sockets with the deadline of the thread
that opens them (`running`), so that imports in two threads each keep their own.
"""

from __future__ import annotations

import contextlib
import functools
import socket
import threading
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import urllib.request

__all__ = ["Deadline", "opener", "running"]

_local = threading.local()


class Deadline:
    """A time limit for one fetch: its sockets are shut down when it runs out."""

    def __init__(self, seconds: float) -> None:
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(seconds, 0.0), self._expire)
        self._timer.daemon = True
        self.ends = time.monotonic() + seconds

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.cancel()

    def add(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                _shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


@contextlib.contextmanager
def running(seconds: float) -> Iterator[Deadline]:
    """A deadline for the fetches this thread makes in the block."""
    deadline = Deadline(seconds)
    before = getattr(_local, "deadline", None)
    _local.deadline = deadline
    deadline.start()
    try:
        yield deadline
    finally:
        deadline.stop()
        _local.deadline = before


def _register(sock: socket.socket | None) -> None:
    deadline: Deadline | None = getattr(_local, "deadline", None)
    if deadline is not None and sock is not None:
        deadline.add(sock)


@functools.cache
def opener() -> urllib.request.OpenerDirector:
    """An opener whose connections keep to the running deadline, and that hands
    redirects back as responses, so that `fetch_url` follows them itself and can name
    a loop (urllib.request is imported when first needed: it takes a sixth of
    readout's start-up)."""
    import http.client
    import urllib.request

    class Watched(http.client.HTTPConnection):
        def connect(self) -> None:
            super().connect()
            _register(self.sock)

    class WatchedTLS(http.client.HTTPSConnection):
        def connect(self) -> None:
            super().connect()
            _register(self.sock)

    class HTTP(urllib.request.HTTPHandler):
        def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
            return self.do_open(Watched, req)

    class HTTPS(urllib.request.HTTPSHandler):
        def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
            return self.do_open(WatchedTLS, req)

    class NoRedirects(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *_: object, **__: object) -> None:
            return None

    return urllib.request.build_opener(HTTP(), HTTPS(), NoRedirects())
