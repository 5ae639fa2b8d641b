"""Getting a page or a feed: over HTTP(S) with the standard library, or from a file.

Every way a source can fail is an `ImportFailure` with one line that says what and
where: a network error, a time-out, too many redirects or a redirect loop, a page
larger than `MAX_BYTES`, content that is neither HTML nor a feed. Nothing here writes.

Text is decoded as a browser would, so that `ư` survives a server that sends
`text/html` with no charset: the HTTP header's charset, else the page's own
`<meta charset>` (or `http-equiv`), else UTF-8 when the bytes are valid UTF-8, else
cp1252 (what browsers take `ISO-8859-1` to mean).
"""

from __future__ import annotations

import codecs
import re
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import urllib.request
    from email.message import Message

__all__ = [
    "DEFAULT_TIMEOUT",
    "MAX_BYTES",
    "MAX_REDIRECTS",
    "USER_AGENT",
    "Fetched",
    "ImportFailure",
    "TimedOut",
    "decode_html",
    "fetch_url",
    "read_file",
    "sniff",
]

DEFAULT_TIMEOUT = 20.0
"""Seconds a page or a feed may take to arrive, whole (redirects, headers, body)."""
MAX_BYTES = 10 * 1024 * 1024
"""A larger page or feed is refused: no readout is that long."""
MAX_REDIRECTS = 10
USER_AGENT = "readout/0.1 (+a terminal reader for diplomatic readouts; import)"
_CHUNK = 64 * 1024

Kind = Literal["html", "feed"]

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
    }
)
_GENERIC_TYPES = frozenset({"", "text/plain", "application/octet-stream"})
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


class ImportFailure(Exception):
    """One source could not be imported; the message is one line for people."""


class TimedOut(ImportFailure):
    """The server did not send the page within the time-out."""


@dataclass(frozen=True, slots=True)
class Fetched:
    """A page or feed as it arrived: where it was asked for and where it ended up
    (after redirects), its kind, its bytes and (for a page) its decoded text."""

    url: str
    final_url: str
    kind: Kind
    content_type: str
    data: bytes
    text: str


_XML_START = re.compile(rb"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(rss|feed|rdf:RDF)\b", re.S)
_HTML_START = re.compile(rb"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(!doctype\s+html|html)\b")


_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
"""A byte-order mark names the encoding before any header or `<meta>` (as browsers do)."""


def sniff(data: bytes) -> Kind | None:
    """What the bytes look like from their start: a feed, an HTML page, or neither."""
    head = data[:4096]
    for bom, codec in _BOMS:
        if head.startswith(bom):
            head = head[len(bom) :].decode(codec, "replace").encode("utf-8", "replace")
    if _XML_START.match(head):
        return "feed"
    if _HTML_START.match(head.lower()):
        return "html"
    return None


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)


_NOT_CHARSETS = frozenset({"idna", "punycode", "utf-7", "unicode-escape", "raw-unicode-escape"})
"""Text codecs no page is written in: a page naming one is read as if it named none."""


def _codec(name: str | None) -> str | None:
    """The Python codec for a charset name, or `None` when it names none, or names a
    codec that is not a charset (`hex`, `base64`, `rot13`, `idna`, `utf-7`...)."""
    if not name:
        return None
    try:
        info = codecs.lookup(name.strip().strip("\"'"))
    except (LookupError, ValueError):
        return None
    found = info.name
    if not getattr(info, "_is_text_encoding", True) or found.replace("_", "-") in _NOT_CHARSETS:
        return None
    # Browsers read both as windows-1252: its extra characters are in real pages.
    return "cp1252" if found in ("latin-1", "iso8859-1", "ascii") else found


def decode_html(data: bytes, header_charset: str | None = None) -> str:
    """The text of an HTML page: a byte-order mark, else the header charset, else
    `<meta>`, else UTF-8, else cp1252. Two corrections, as browsers and readers of
    real pages make them: a `<meta>` saying UTF-16 (which the bytes before it could
    not have been read in) means UTF-8; a page said to be Latin-1 or ASCII whose
    bytes are valid UTF-8 with other letters than ASCII is UTF-8."""
    for bom, marked in _BOMS:
        if data.startswith(bom):
            return _checked(data[len(bom) :].decode(marked, "replace"), marked)
    meta = _META_CHARSET.search(data[:4096])
    meta_codec = _codec(meta.group(1).decode("ascii", "replace")) if meta else None
    if meta_codec is not None and meta_codec.startswith(("utf-16", "utf-32")):
        meta_codec = "utf-8"
    for codec in (_codec(header_charset), meta_codec):
        if codec == "cp1252" and not data.isascii():
            try:
                return _checked(data.decode("utf-8"), "utf-8")
            except UnicodeDecodeError:
                pass
        if codec is not None:
            try:
                return _checked(data.decode(codec, "replace"), codec)
            except (UnicodeError, ValueError, LookupError):  # a codec without "replace"
                continue
    try:
        return _checked(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        return _checked(data.decode("cp1252", "replace"), "cp1252")


def _checked(text: str, codec: str) -> str:
    """`text`, unless it is not text: NUL characters (UTF-16 read as bytes) or more
    than one character in a hundred that did not decode."""
    bad = text.count("\ufffd")
    if "\x00" in text or bad > max(8, len(text) // 100):
        raise ImportFailure(f"the page is not text in {codec} (its charset is wrong)")
    return text


def _kind_of(content_type: str, data: bytes, where: str) -> Kind:
    """HTML or a feed, from the content type (or the bytes, when it says nothing)."""
    if content_type in _HTML_TYPES:
        return "html"
    if content_type in _FEED_TYPES:
        return "feed"
    generic = content_type in _GENERIC_TYPES or content_type.endswith("xml")  # x-rss+xml
    sniffed = sniff(data) if generic else None
    if sniffed is None:
        said = content_type or "unknown content"
        raise ImportFailure(f"not an HTML page or a feed: {said} ({where})")
    return sniffed


def _fetched(
    url: str, final: str, kind: Kind, ctype: str, data: bytes, charset: str | None
) -> Fetched:
    try:
        text = decode_html(data, charset) if kind == "html" else ""
    except ImportFailure as failure:
        raise ImportFailure(f"{failure}: {final}") from None
    return Fetched(url, final, kind, ctype, data, text)


def read_file(path: Path, max_bytes: int = MAX_BYTES) -> Fetched:
    """A saved page or feed file (its kind from its content, not its name)."""
    if path.exists() and not path.is_file():  # a FIFO would be waited on for ever
        raise ImportFailure(f"not a file: {path}")
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as error:
        raise ImportFailure(f"cannot read {path}: {error.strerror or error}") from None
    if len(data) > max_bytes:
        raise ImportFailure(f"file larger than {_megabytes(max_bytes)}: {path}")
    kind = sniff(data)
    if kind is None:
        raise ImportFailure(f"not an HTML page or a feed: {path}")
    url = path.resolve().as_uri()
    return _fetched(url, url, kind, "", data, None)


def _megabytes(count: int) -> str:
    if count < 1024 * 1024:
        return f"{count / 1024:.0f} KB"
    return f"{count / (1024 * 1024):.0f} MB"


def _check_scheme(url: str) -> None:
    try:
        scheme = urllib.parse.urlsplit(url).scheme.lower()
    except ValueError:  # `http://[::1`
        raise ImportFailure(f"not a valid web address: {url}") from None
    if scheme not in ("http", "https"):
        raise ImportFailure(f"not a web address (http or https): {url}")


def fetch_url(
    url: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = MAX_BYTES,
    max_redirects: int = MAX_REDIRECTS,
) -> Fetched:
    """GET `url`, following at most `max_redirects` redirects; raise `ImportFailure`.
    The whole (redirects, headers and body) takes at most `timeout` seconds."""
    from tui.core.importing.deadline import running

    where: list[str] = []
    with running(timeout) as deadline:
        try:
            fetched = _follow(url, where, timeout, max_bytes, max_redirects)
        except ImportFailure:
            if deadline.expired:
                raise _timed_out(timeout, where[-1] if where else url) from None
            raise
    if deadline.expired:  # a body without a length, ended by the time-out
        raise _timed_out(timeout, where[-1] if where else url)
    return fetched


def _follow(
    url: str, seen: list[str], timeout: float, max_bytes: int, max_redirects: int
) -> Fetched:
    """`fetch_url`'s requests; `seen` ends with the address asked last."""
    current = url
    while True:
        _check_scheme(current)
        if current in seen:
            raise ImportFailure(f"redirect loop at {current}")
        if len(seen) > max_redirects:
            raise ImportFailure(f"more than {max_redirects} redirects from {url}")
        seen.append(current)
        location, response = _get(current, timeout, max_bytes)
        if location is None:
            assert response is not None
            ctype, charset, data = response
            return _fetched(url, current, _kind_of(ctype, data, current), ctype, data, charset)
        try:
            current = urllib.parse.urljoin(current, location)
        except ValueError:
            raise ImportFailure(f"not a valid web address: {location} (from {current})") from None


_Response = tuple[str, str | None, bytes]


def _get(url: str, timeout: float, max_bytes: int) -> tuple[str | None, _Response | None]:
    """One request: `(location, None)` for a redirect, else `(None, response)`."""
    import http.client
    import urllib.error
    import urllib.request

    from tui.core.importing.deadline import opener

    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with opener().open(request, timeout=timeout) as reply:
            headers: Message = reply.headers
            data = _read_capped(reply, max_bytes, url)
    except urllib.error.HTTPError as error:
        location = error.headers.get("Location") if error.code in _REDIRECTS else None
        if location:
            return location, None
        raise ImportFailure(f"HTTP {error.code} {error.reason}: {url}") from None
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):
            raise _timed_out(timeout, url) from None
        raise ImportFailure(f"cannot reach {url}: {error.reason}") from None
    except TimeoutError:
        raise _timed_out(timeout, url) from None
    except http.client.IncompleteRead as error:  # a chunked body cut short or broken
        said = f"the page broke off after {len(error.partial)} bytes"
        raise ImportFailure(f"{said}: {url}") from None
    except (OSError, ValueError, http.client.HTTPException) as error:
        # a reset connection, a malformed address, a malformed answer (a bad status
        # line, too many or too long headers, a broken chunk, a body cut short)
        raise ImportFailure(f"cannot fetch {url}: {_said(error)}") from None
    from tui.core.importing.bodies import check_length, decompressed

    check_length(data, headers.get("Content-Length"), url)
    data = decompressed(data, headers.get("Content-Encoding"), max_bytes, url)
    ctype = headers.get_content_type() if headers.get("Content-Type") else ""
    return None, (ctype, headers.get_content_charset(), data)


def _said(error: Exception) -> str:
    """What an error says, on one bounded line (its name when it says nothing)."""
    said = " ".join(str(error).split())
    said = said if len(said) <= 120 else said[:117] + "..."
    return f"{type(error).__name__}: {said}" if said else type(error).__name__


def _timed_out(timeout: float, url: str) -> ImportFailure:
    return TimedOut(f"timed out after {timeout:g} s: {url}")


def _read_capped(reply: object, max_bytes: int, url: str) -> bytes:
    """The body, read in chunks: refused past `max_bytes` (the time it takes is
    bounded by `fetch_url`'s deadline)."""
    read = reply.read  # type: ignore[attr-defined]
    parts: list[bytes] = []
    size = 0
    while chunk := read(_CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise ImportFailure(f"page larger than {_megabytes(max_bytes)}: {url}")
        parts.append(chunk)
    return b"".join(parts)
