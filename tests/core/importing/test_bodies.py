"""A body as the server sent it, made plain: gzip, deflate (zlib-wrapped or raw, as
some servers send it), several codings in order, a cap on what it inflates to, and
one clear line for a damaged or unknown coding; sizes and errors said readably."""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path

import pytest

from tui.core.importing import fetch
from tui.core.importing.bodies import check_length, decompressed
from tui.core.importing.fetch import ImportFailure, read_file

PAGE = ("<html><body>" + "<p>Ministers met and agreed.</p>" * 200 + "</body></html>").encode()
CAP = 10 * 1024 * 1024


def raw_deflate(data: bytes) -> bytes:
    packer = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    return packer.compress(data) + packer.flush()


@pytest.mark.parametrize(
    ("encoding", "packed"),
    [
        ("gzip", gzip.compress(PAGE)),
        ("x-gzip", gzip.compress(PAGE)),
        ("deflate", zlib.compress(PAGE)),
        ("deflate", raw_deflate(PAGE)),  # no zlib header: some servers send it so
        ("deflate", gzip.compress(PAGE)),
        ("identity", PAGE),
        (None, PAGE),
        ("gzip, deflate", zlib.compress(gzip.compress(PAGE))),  # the last applied first
    ],
    # Named, not by their bytes: a gzip header holds the second it was made, and
    # pytest-xdist refuses to run when its workers collected different test names.
    ids=["gzip", "x-gzip", "zlib", "raw-deflate", "gzip-as-deflate", "identity", "none", "both"],
)
def test_every_coding_comes_back_to_the_page(encoding: str | None, packed: bytes) -> None:
    assert decompressed(packed, encoding, CAP, "u") == PAGE


def test_a_body_that_inflates_past_the_cap_is_refused_at_the_cap() -> None:
    exact = decompressed(gzip.compress(PAGE), "gzip", len(PAGE), "u")  # just fits
    assert exact == PAGE
    bomb = gzip.compress(b"\0" * (3 * 1024 * 1024))
    with pytest.raises(ImportFailure) as failure:
        decompressed(bomb, "gzip", 2 * 1024 * 1024, "https://x/bomb")
    assert str(failure.value) == "page larger than 2 MB: https://x/bomb"
    with pytest.raises(ImportFailure):
        decompressed(raw_deflate(PAGE), "deflate", len(PAGE) - 1, "u")


def test_a_damaged_body_and_an_unknown_coding_are_one_line_each() -> None:
    with pytest.raises(ImportFailure) as damaged:
        decompressed(b"this is not compressed at all", "deflate", CAP, "https://x/p")
    message = str(damaged.value)
    assert message.startswith("the compressed page is damaged (") and message.endswith(
        "): https://x/p"
    )
    with pytest.raises(ImportFailure) as unknown:
        decompressed(PAGE, "br", CAP, "https://x/p")
    assert str(unknown.value) == "content encoded as br, which readout cannot read: https://x/p"


def test_a_body_shorter_than_announced_is_refused() -> None:
    check_length(b"abc", "3", "u")
    check_length(b"abc", None, "u")
    with pytest.raises(ImportFailure) as failure:
        check_length(b"abc", " 10 ", "https://x/p")
    assert str(failure.value) == "connection closed after 3 of 10 bytes: https://x/p"


def test_a_file_over_the_cap_says_its_size_in_megabytes(tmp_path: Path) -> None:
    page = tmp_path / "big.html"
    page.write_bytes(b"<html>" + b" " * (3 * 1024 * 1024))
    with pytest.raises(ImportFailure) as failure:
        read_file(page, max_bytes=2 * 1024 * 1024)
    assert str(failure.value) == f"file larger than 2 MB: {page}"
    with pytest.raises(ImportFailure) as small:
        read_file(page, max_bytes=512 * 1024)
    assert str(small.value) == f"file larger than 512 KB: {page}"


def test_an_error_is_said_on_one_bounded_line() -> None:
    assert fetch._said(OSError("connection\n  reset   by peer")) == (
        "OSError: connection reset by peer"
    )
    assert fetch._said(ValueError()) == "ValueError"
    long = fetch._said(ValueError("x" * 200))
    assert long == "ValueError: " + "x" * 117 + "..."
    assert fetch._said(ValueError("y" * 120)) == "ValueError: " + "y" * 120
