"""Revised articles in the app: the marker in the list, and the changes view (D, or the
palette's "Show changes") with the words removed and added; Esc closes it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import Static

from tests.app.conftest import MakeApp, loaded, palette_prompts, screen_text
from tests.conftest import ROOT
from tui.core.importing.versions import Revision, word_diff
from tui.core.store.model import ArticleSummary
from tui.screens.changes import ChangesScreen, changed_content
from tui.screens.reader import ReaderScreen
from tui.widgets.article_list import REVISED, row_lines
from tui.widgets.highlights import DEFAULT_VARIABLES

IMPORTED = ROOT / "tests/data/imported"
REVISED_ID = "2025-03-11-railway-talks.md"
SIZE = (120, 36)


def summary(revised: dt.date | None, place: str | None = "Hà Nội") -> ArticleSummary:
    return ArticleSummary(
        "a.md", Path("a.md"), dt.date(2025, 3, 11), "Talks on the railway", place, None, 90,
        revised=revised, versions=1 if revised else 0,
    )  # fmt: skip


def test_a_revised_row_ends_its_first_line_with_the_marker_in_its_theme_colour() -> None:
    first = row_lines(summary(dt.date(2026, 11, 20)), 30)[0]
    assert first.plain == "11 Mar · Hà Nội" + " " * 7 + " revised"
    assert first.cell_length == 30
    assert any("$revised" in str(span.style) for span in first.spans)
    assert row_lines(summary(None), 30)[0].plain == "11 Mar · Hà Nội"


def test_a_long_place_is_cut_before_the_marker_and_a_tiny_row_keeps_the_day() -> None:
    long = row_lines(summary(dt.date(2026, 11, 20), "Vientiane and Luang Prabang"), 30)[0]
    assert long.plain.endswith("… revised")
    assert long.cell_length == 30
    tiny = row_lines(summary(dt.date(2026, 11, 20)), 10)[0]
    assert tiny.plain.startswith("11 Mar")
    assert "revised" in REVISED.plain and "revised" not in tiny.plain


def test_every_app_colour_has_a_fallback_for_older_theme_files() -> None:
    from tui.core.themes import APP_VARIABLES

    assert set(APP_VARIABLES) <= set(DEFAULT_VARIABLES)


def test_changed_words_are_data_styled_by_theme_variables() -> None:
    before, after = "The [b]two[/b] sides met.", "The [b]three[/b] sides met\x1b."
    changes = word_diff(before, after)
    from tui.core.importing.versions import changed_paragraphs

    (paragraph,) = changed_paragraphs(after, changes)
    content = changed_content(tuple(paragraph))
    assert "[b]" in content.plain and "\x1b" not in content.plain
    styles = {content.plain[span.start : span.end]: str(span.style) for span in content.spans}
    assert styles["two"] == "strike $diff-removed"
    assert styles["three"] == "underline $diff-added"


async def test_the_list_marks_the_revised_article(make_app: MakeApp) -> None:
    app = make_app(IMPORTED)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        lines = [line for line in screen_text(app).splitlines() if "revised" in line]
        # In the list (its row's first line), and in the open article's meta line.
        assert any("11 Mar" in line for line in lines)
        assert any("revised 2026-11-20 (D: changes)" in line for line in lines)
        assert sum("revised" in line[:40] for line in lines) == 1  # one article only
        text = screen_text(app)  # the Article panel: where it came from, when it changed
        assert "From   news.example.vn " in text
        assert "Edited 2026-11-20 · 1 earlier (D) " in text


async def changes_of(pilot: object, *keys: str) -> ChangesScreen:
    app = pilot.app  # type: ignore[attr-defined]
    await pilot.press(*keys)  # type: ignore[attr-defined]
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, ChangesScreen)
    return app.screen


def shown(screen: ChangesScreen) -> str:
    return "\n".join(str(static.render()) for static in screen.query(Static))


async def test_d_shows_the_words_removed_and_added_and_esc_closes(make_app: MakeApp) -> None:
    app = make_app(IMPORTED)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        assert app.reader.current == REVISED_ID
        screen = await changes_of(pilot, "D")
        text = shown(screen)
        assert "Version 1 → 2 of 2 · 3 changes · revised 2026-11-20" in text
        assert "more than eleven twelve percent in the first months of last year" in text
        assert "Hà Nội railway" not in text  # an unchanged paragraph is left out
        paragraph = screen.query(".changed").first(Static).visual
        styles = {paragraph.plain[s.start : s.end]: str(s.style) for s in paragraph.spans}  # type: ignore[union-attr]
        assert styles["eleven"] == "strike $diff-removed"
        assert styles["within the second quarter"] == "underline $diff-added"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)


async def test_an_article_never_revised_says_so_plainly(make_app: MakeApp) -> None:
    app = make_app(IMPORTED)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        app.reader.open_article("2025-01-20-phone-call.md")
        await pilot.press("D")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        said = [n.message for n in app._notifications]
        assert said == ["No earlier version: this article was never revised."]


async def test_the_palette_shows_changes_too(make_app: MakeApp) -> None:
    app = make_app(IMPORTED)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        prompts = await palette_prompts(pilot, "show changes")
        assert prompts[0].startswith("Show changes\n")
        screen = await changes_of(pilot, "enter")
        assert "3 changes" in shown(screen)


async def test_a_revision_whose_versions_are_gone_says_none_is_kept(
    make_app: MakeApp, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / REVISED_ID).write_bytes((IMPORTED / REVISED_ID).read_bytes())
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        screen = await changes_of(pilot, "D")
        assert "No earlier version of this article is kept." in shown(screen)


def test_a_revision_counts_its_versions() -> None:
    revision = Revision(2, 3, (), ())
    assert revision.later == 3
