"""Snapshots of the Notes screen and the bookmark dialog. Update with
`pytest tests/app/test_notes_snapshots.py --snapshot-update` after checking the new
pictures by eye (`snapshot_report.html`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.app.conftest import MakeApp, loaded
from tests.conftest import ROOT
from tui.core import Corpus
from tui.core.notes import Bookmark, find_quote

SnapCompare = Callable[..., bool]


@pytest.fixture(autouse=True)
def in_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    """The status line names the corpus relative to the working folder."""
    monkeypatch.chdir(ROOT)


def _bookmark(corpus: Corpus, article_id: str, quote: str, **extra: object) -> Bookmark:
    article = corpus.get(article_id)
    assert article is not None
    found = find_quote(article, quote)
    assert found is not None
    made = Bookmark.new(article, *found)
    return replace(made, created="2026-01-27T09:00:00+00:00", **extra)  # type: ignore[arg-type]


def _notes_file(path: Path, corpus: Corpus) -> None:
    """Two anchored bookmarks (one with markup and several lines in its note), one
    orphaned, and a copied section the screen reports by line."""
    marked = _bookmark(
        corpus, "003_a5266ca7b85631b7.txt", "the latter accepted",
        id="b1", note="[/] [b]not bold[/b], shown as typed\n> a second line", tags=("visit",),
    )  # fmt: skip
    plain = _bookmark(corpus, "003_a5266ca7b85631b7.txt", "tea party", id="b2", note="Culture.")
    gone = replace(
        _bookmark(corpus, "004_fecb52052cebe9ee.txt", "General Secretary", id="b3"),
        quote="A passage since edited out of the article.",
        start=5,
        end=47,
    )
    sections = [b.to_markdown() for b in (marked, plain, gone)]
    path.write_text("# Readout notes\n\n" + "\n".join([*sections, sections[1]]), "utf-8")


def test_notes_screen(
    snap_compare: SnapCompare, make_app: MakeApp, seeds: Corpus, tmp_path: Path
) -> None:
    _notes_file(tmp_path / "notes.md", seeds)

    async def open_notes(pilot: Pilot[None]) -> None:
        await loaded(pilot)
        await pilot.app.workers.wait_for_complete()
        await pilot.press("m", "down")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(110, 34), run_before=open_notes)


def test_bookmark_dialog(snap_compare: SnapCompare, make_app: MakeApp) -> None:
    async def open_dialog(pilot: Pilot[None]) -> None:
        await loaded(pilot)
        await pilot.press("enter", "right_square_bracket", "right_square_bracket", "b")
        await pilot.press(*"[b]worth[/] quoting", "tab", *"party congress")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(100, 30), run_before=open_dialog)
