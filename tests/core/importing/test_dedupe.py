"""Knowing an article already there: addresses that name one page, near copies."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.core.importing.web import DATA
from tui.core.importing.dedupe import (
    Index,
    Known,
    canonical_url,
    shingle_similarity,
    without_tracking,
)
from tui.core.importing.page import read_page
from tui.core.importing.writing import Readout, write_new

NOW = dt.datetime(2026, 11, 26, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    "url",
    [
        "https://News.Example.VN/a/b/",
        "http://news.example.vn/a/b",
        "https://news.example.vn:443/a/b?utm_source=x&utm_medium=rss#top",
        "https://news.example.vn/a/b?fbclid=123",
    ],
)
def test_addresses_of_one_page_are_one(url: str) -> None:
    assert canonical_url(url) == "https://news.example.vn/a/b"


def test_query_parameters_that_name_a_page_count_in_any_order() -> None:
    assert canonical_url("https://x.vn/?id=2&cat=1") == canonical_url("https://x.vn/?cat=1&id=2")
    assert canonical_url("https://x.vn/?id=2") != canonical_url("https://x.vn/?id=3")


def test_written_address_keeps_the_sites_own_form() -> None:
    url = "https://X.vn/a/?id=2&utm_source=rss#c"
    assert without_tracking(url) == "https://X.vn/a/?id=2"
    assert without_tracking("https://x.vn/a?b=1") == "https://x.vn/a?b=1"


def text(name: str) -> str:
    return read_page((DATA / name).read_text(encoding="utf-8")).text


def test_syndicated_copy_is_near_and_other_readouts_are_far() -> None:
    """The figures the module's docstring gives (threshold 0.7)."""
    agency = text("vna-style.html")
    assert shingle_similarity(agency, text("syndicated.html")) > 0.85
    for other in ("xinhua-style.html", "ministry-style.html", "wire-style.html"):
        assert shingle_similarity(agency, text(other)) < 0.05


@pytest.mark.parametrize(
    "url",
    [
        "https://x.vn/a",
        "https://x.vn/a?q=1: yes",  # quoted by YAML
        "https://x.vn/'quoted'",
        "https://x.vn/#frag",
        "https://x.vn/a b",
    ],
)
def test_index_knows_written_files_by_url_and_text(tmp_path: Path, url: str) -> None:
    readout = Readout(dt.date(2025, 1, 2), "T", "S", url, "Some text here.", NOW)
    path = write_new(tmp_path, readout)
    index = Index.of_folder(tmp_path)
    (found,) = index.by_url(url)
    assert found.path == path and found.date == dt.date(2025, 1, 2)
    assert index.same_text("some TEXT, here", None) is found


def test_files_without_an_url_or_fingerprint_are_not_indexed(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("---\ndate: 2025-01-02\ntitle: x\n---\nText.\n")
    (tmp_path / "b.txt").write_text("date 2025-01-02\nText.\n")
    assert Index.of_folder(tmp_path).entries == []


def test_each_known_text_is_shingled_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import random

    from tui.core.importing import dedupe

    words = "talks railway energy trade border summit envoy port treaty river".split()
    index = dedupe.Index()
    calls: list[str] = []
    shingles = dedupe._shingles
    monkeypatch.setattr(dedupe, "_shingles", lambda text: calls.append(text) or shingles(text))
    day = dt.date(2025, 3, 11)
    for number in range(30):
        pick = random.Random(number)
        text = " ".join(pick.choice(words) for _ in range(80))
        assert index.same_text(text, day) is None
        index.add(Known(tmp_path / f"{number}.md", None, f"{number:016x}", day, text, "T"))
    assert len(calls) <= 2 * 30
