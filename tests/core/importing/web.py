"""A small web server on 127.0.0.1 for the import tests: pages, feeds, redirects, a
server that never answers (until the test ends) and pages that change between two
requests. Nothing leaves the machine."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "data" / "import"


@dataclass
class Route:
    """What the server answers for one path."""

    body: bytes = b""
    content_type: str | None = "text/html; charset=utf-8"
    status: int = 200
    location: str | None = None
    hang: bool = False  # answer only when the test ends
    raw: bytes | None = None  # the whole answer as written (status line, headers, body)
    trickle: bool = False  # `raw` a byte at a time, every 20 ms, until the test ends


@dataclass
class Site:
    """The running server: its routes (change them between requests) and its address."""

    base: str
    routes: dict[str, Route] = field(default_factory=dict)
    released: threading.Event = field(default_factory=threading.Event)
    requests: list[str] = field(default_factory=list)

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    def page(self, path: str, body: bytes | str, content_type: str | None = None) -> str:
        """Serve `body` at `path` (HTML with UTF-8 unless told); return its URL."""
        data = body.encode() if isinstance(body, str) else body
        self.routes[path] = Route(data, content_type or "text/html; charset=utf-8")
        return self.url(path)

    def fixture(self, path: str, name: str, content_type: str | None = None) -> str:
        """Serve the fixture file `name` at `path`, with `{base}` filled in."""
        text = (DATA / name).read_text(encoding="utf-8").replace("{base}", self.base)
        return self.page(path, text, content_type)

    def redirect(self, path: str, to: str, status: int = 302) -> str:
        self.routes[path] = Route(status=status, location=to)
        return self.url(path)

    def raw(self, path: str, answer: bytes, *, trickle: bool = False) -> str:
        """Answer `path` with `answer` byte for byte (a byte every 20 ms when
        `trickle`), then close the connection."""
        self.routes[path] = Route(raw=answer, trickle=trickle)
        return self.url(path)


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            site.requests.append(self.path)
            route = site.routes.get(self.path)
            if route is None:
                self.send_error(404)
                return
            if route.hang:
                site.released.wait(10)
                return
            if route.raw is not None and route.trickle:
                with contextlib.suppress(OSError):
                    for byte in route.raw:
                        if site.released.wait(0.02):
                            break
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                self.close_connection = True
                return
            if route.raw is not None:
                with contextlib.suppress(OSError):
                    self.wfile.write(route.raw)
                    self.wfile.flush()
                self.close_connection = True
                return
            self.send_response(route.status)
            if route.location is not None:
                self.send_header("Location", route.location)
            if route.content_type is not None:
                self.send_header("Content-Type", route.content_type)
            self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            with contextlib.suppress(OSError):  # the client gave up (a size cap)
                self.wfile.write(route.body)

        def log_message(self, *_: object) -> None:
            pass

    return Handler


@contextmanager
def serving() -> Iterator[Site]:
    """A server on 127.0.0.1 at a free port, for the length of the block."""
    site = Site("")
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield site
    finally:
        site.released.set()
        server.shutdown()
        server.server_close()
        thread.join(5)
