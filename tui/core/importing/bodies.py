"""A fetched body as the page's bytes: whole (not cut short), and decompressed.

urllib gives the bytes as they came over the wire. A body shorter than its
`Content-Length` (the connection closed early) is refused, not imported as the
whole article; a body in `gzip` or `deflate` (`Content-Encoding`) is decompressed,
never past the size cap (a small body can inflate a thousandfold); any other
encoding (`br`, `zstd`) is refused: its bytes are not the page.
"""

from __future__ import annotations

import zlib

from tui.core.importing.fetch import ImportFailure

__all__ = ["check_length", "decompressed"]


def check_length(data: bytes, content_length: str | None, url: str) -> None:
    """Refuse a body shorter than the `Content-Length` the server announced."""
    expected = (content_length or "").strip()
    if expected.isdigit() and len(data) < int(expected):
        raise ImportFailure(f"connection closed after {len(data)} of {int(expected)} bytes: {url}")


def decompressed(data: bytes, encoding: str | None, max_bytes: int, url: str) -> bytes:
    """The body without its `Content-Encoding`, at most `max_bytes` of it."""
    codings = [part.strip().lower() for part in (encoding or "").split(",") if part.strip()]
    for coding in reversed(codings):  # the last applied first
        if coding == "identity":
            continue
        if coding in ("gzip", "x-gzip"):
            data = _inflate(data, zlib.MAX_WBITS | 16, max_bytes, url)
        elif coding == "deflate":
            data = _inflate(data, zlib.MAX_WBITS | 32, max_bytes, url)  # zlib or gzip
        else:
            raise ImportFailure(
                f"content encoded as {coding[:40]}, which readout cannot read: {url}"
            )
    return data


def _inflate(data: bytes, wbits: int, max_bytes: int, url: str) -> bytes:
    inflater = zlib.decompressobj(wbits)
    try:
        out = inflater.decompress(data, max_bytes + 1)
    except zlib.error:
        try:  # `deflate` sent raw, as some servers do
            out = zlib.decompressobj(-zlib.MAX_WBITS).decompress(data, max_bytes + 1)
        except zlib.error as error:
            raise ImportFailure(f"the compressed page is damaged ({error}): {url}") from None
    if len(out) > max_bytes:
        raise ImportFailure(f"page larger than {max_bytes // (1024 * 1024)} MB: {url}")
    return out
