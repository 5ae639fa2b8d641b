"""Text from files is data everywhere in the app: markup is shown, never obeyed, and
terminal control characters are shown as visible symbols, never sent."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from textual.widgets._toast import Toast

from tests.app.conftest import MakeApp, loaded, palette_prompts, screen_text
from tests.app.test_reader import SIZE, reader
from tests.conftest import WriteCorpus
from tui.core import Corpus
from tui.core.search import SearchHit
from tui.core.text import visible
from tui.screens.search import SearchScreen, hit_row
from tui.screens.warnings import WarningsScreen
from tui.widgets.article_list import row_lines
from tui.widgets.article_pages import summary_of

TITLE = "Talks [/] on [b]x[/b] and \x1b[31mred\x9b and \u202eevil\u200b [link=http://x]go[/link]"
BODY = "Xi Jinping met [/] the \x1b[31mdelegation\x9b from \u202eabroad [b]today[/b]."
RAW_CONTROLS = ("\x1b", "\x9b")


@pytest.fixture
def hostile(write_corpus: WriteCorpus) -> Path:
    """A corpus whose title, text and file names hold markup and control characters."""
    escaped = TITLE.encode("unicode_escape").decode("ascii").replace('"', '\\"')
    return write_corpus(
        {
            "hostile.md": f'---\ntitle: "{escaped}"\ndate: 2025-03-01\n---\n{BODY} Fine.\n',
            "plain.txt": "date 2025-01-01\nA plain article about trade.",
            "[b]bad[/b].txt": b"\xff\x00\x01",
        }
    )


def assert_shown_as_data(text: str, *pieces: str) -> None:
    for piece in pieces:
        assert visible(piece) in text, piece
    for control in RAW_CONTROLS:
        assert control not in text


async def test_markup_and_controls_in_titles_and_text_are_shown_literally(
    make_app: MakeApp, hostile: Path
) -> None:
    app = make_app(corpus=hostile)
    async with app.run_test(size=(160, 45)) as pilot:
        await loaded(pilot)
        reader(app).open_article("hostile")
        await pilot.pause()
        text = screen_text(app)
        assert_shown_as_data(text, TITLE, "Xi Jinping met [/] the \x1b[31mdelegation\x9b")
        assert "[b]x[/b]" in text  # the article list too (the title is in both)
        assert text.count("[b]x[/b]") >= 2


async def test_markup_in_titles_is_literal_in_the_palette(make_app: MakeApp, hostile: Path) -> None:
    app = make_app(corpus=hostile)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        prompts = await palette_prompts(pilot, "Talks")
        assert any("[/] on [b]x[/b]" in prompt for prompt in prompts)
        assert_shown_as_data("\n".join(prompts), "[link=http://x]go[/link]")
        await pilot.press(*"[/]")  # typing markup in the query is fine too
        await app.workers.wait_for_complete()  # the palette's search for it
        await pilot.pause()
        await pilot.press("escape")


async def test_markup_and_controls_are_literal_in_search_results(
    make_app: MakeApp, hostile: Path
) -> None:
    app = make_app(corpus=hostile)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("slash", *"delegation")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen) and app.screen.hits
        text = screen_text(app)
        assert_shown_as_data(text, "met [/] the \x1b[31mdelegation", "[b]x[/b]")


async def test_file_names_with_markup_are_literal_in_the_warnings(
    make_app: MakeApp, hostile: Path
) -> None:
    app = make_app(corpus=hostile)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("w")
        assert isinstance(app.screen, WarningsScreen)
        assert "[b]bad[/b].txt" in screen_text(app)


async def test_notifications_never_parse_markup(make_app: MakeApp, hostile: Path) -> None:
    app = make_app(corpus=hostile)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await loaded(pilot)
        app.notify("Theme: [/] [b]x[/b] \x1b[2J", title="[red]T[/]")
        await pilot.pause()
        toast = app.screen.query(Toast).last()
        shown = str(toast.render())
        assert_shown_as_data(shown, "Theme: [/] [b]x[/b] \x1b[2J", "[red]T[/]")


def test_list_and_search_rows_are_built_from_plain_text(seeds: Corpus) -> None:
    """Rows never go through markup: a title full of tags comes out as written."""
    article = replace(seeds.articles[0], title=TITLE)
    row = "".join(str(line) for line in row_lines(summary_of(article), 200))
    assert "[/] on [b]x[/b]" in row and "\x1b" not in row
    text = f"Intro {BODY}"
    hit = SearchHit(article.id, article.date, 1.0, text, 0, len(text), ((10, 14),))
    shown = str(hit_row(hit, TITLE))
    assert "[b]x[/b]" in shown and "met [/] the" in shown and "\x1b" not in shown
