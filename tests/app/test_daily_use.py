"""Daily use: reloading, colours, paging, selecting, stepping through a filtered list."""

from __future__ import annotations

import re

import pytest
from textual.binding import Binding
from textual.widgets import Label, ProgressBar

from tests.app.conftest import MakeApp, loaded, palette_prompts, screen_text
from tests.app.test_extraction_ui import span_styles
from tests.app.test_reader import SIZE, listed_ids, open_id, reader, shown_text
from tests.conftest import WriteCorpus
from tui.core.cancel import Cancelled
from tui.core.extract.leaders import Leader
from tui.core.text import Passage, visible
from tui.screens.search import SearchScreen
from tui.widgets.article_view import ArticleView
from tui.widgets.commitments_panel import CommitmentsPanel
from tui.widgets.highlights import leader_colours
from tui.widgets.leaders_panel import LeadersPanel
from tui.widgets.status_bar import StatusBar

FOUR_LEADERS = "002_dce0a2b2b469b0e8.txt"
"""A seed naming Xi Jinping, Lương Cường, Hồ Chí Minh and Mao Zedong."""


async def test_distinct_leaders_in_one_article_get_distinct_colours(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        reader(app).open_article(FOUR_LEADERS)
        await pilot.pause()
        in_text = {s for s in span_styles(app) if "$leader-" in s}
        assert len(in_text) == 4
        panel = reader(app).query_one(LeadersPanel)
        in_panel = [
            re.findall(r"\$leader-\d", str(option.prompt.spans[0].style))  # type: ignore[union-attr]
            for option in panel.options
        ]
        # Given in order of first appearance, so four leaders take the first four colours.
        assert sorted(found[0] for found in in_panel) == [
            "$leader-1", "$leader-2", "$leader-3", "$leader-4"
        ]  # fmt: skip


async def test_reload_with_nothing_changed_ends_the_progress_line(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        before = app.library_state.generation
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        status = reader(app).query_one(StatusBar)
        assert not status.has_class("-busy")
        assert not status.query_one(ProgressBar).display or not status.has_class("-busy")
        assert "Loading" not in shown_text(status.query_one("#summary", Label))
        assert "5 articles" in shown_text(status.query_one("#summary", Label))
        assert app.library_state.generation == before  # nothing changed: nothing written


async def test_load_warning_is_told_once_not_on_every_reload(
    make_app: MakeApp, write_corpus: WriteCorpus
) -> None:
    folder = write_corpus({"good.txt": "date 2025-01-01\nFine.", "broken.txt": b"\xff\x00\x01"})
    app = make_app(corpus=folder)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("r")
        await loaded(pilot)
        (folder / "new.txt").write_text("date 2025-02-01\nNew.", encoding="utf-8")
        await pilot.press("r")
        await loaded(pilot)
        assert listed_ids(app) == ["new.txt", "good.txt"]
        told = [n for n in app._notifications if "did not load cleanly" in n.message]
        assert len(told) == 1
        (folder / "worse.txt").write_bytes(b"\x00\x01")
        await pilot.press("r")
        await loaded(pilot)
        told = [n for n in app._notifications if "did not load cleanly" in n.message]
        assert len(told) == 2  # the warnings changed: told again
        assert open_id(app) is not None


def test_leader_colours_follow_first_appearance_and_cycle_only_past_six() -> None:
    leaders = [
        Leader(f"L{n}", None, (), (Passage("x", start, start + 1),))
        for n, start in enumerate([70, 10, 30, 0, 50, 20, 60])
    ]
    colours = leader_colours(leaders)
    by_appearance = sorted(leaders, key=lambda leader: leader.mentions[0].start)
    assert [colours[leader.name] for leader in by_appearance] == [1, 2, 3, 4, 5, 6, 1]


async def test_n_and_p_from_an_article_the_filter_leaves_out_go_to_its_neighbours(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        screen = reader(app)
        screen.filter_by_leader("Tô Lâm")  # every seed but the April 2025 one
        await pilot.pause()
        assert FOUR_LEADERS not in listed_ids(app)
        screen.open_article(FOUR_LEADERS)  # as from a search hit: not in the list
        await pilot.press("n")
        assert open_id(app) == "001_01fa6c485643f914.txt"  # the next listed below it
        screen.open_article(FOUR_LEADERS)
        await pilot.press("p")
        assert open_id(app) == "004_fecb52052cebe9ee.txt"  # the next listed above it
        await pilot.press("p")  # the top of the list: stays
        assert open_id(app) == "004_fecb52052cebe9ee.txt"


async def test_paging_keys_scroll_at_once_without_animation(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        app.animation_level = "full"
        view = reader(app).query_one(ArticleView)
        keys = {b.key: b.action for b in ArticleView.BINDINGS if isinstance(b, Binding)}
        page = view.scrollable_content_region.height
        for key, expected in (
            ("space", lambda before: min(view.max_scroll_y, before + page)),
            ("G", lambda before: view.max_scroll_y),
            ("u", lambda before: max(0, before - page)),
            ("g", lambda before: 0),
            ("j", lambda before: before + 1),
        ):
            before = view.scroll_y
            await view.run_action(keys[key])
            await pilot.pause()  # one refresh: an animation would be under way, not done
            assert view.scroll_y == expected(before), key


async def test_v_shows_select_and_escape_ends_the_selection(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        screen = reader(app)
        view = screen.query_one(ArticleView)
        status = screen.query_one(StatusBar)
        await pilot.press("tab", "right_square_bracket", "v", "right_square_bracket")
        await pilot.pause()
        assert view.selecting_from is not None
        assert status.has_class("-selecting") and status.query_one("#select").display
        sentences = view.article.sentences  # type: ignore[union-attr]
        assert view.selection() == (sentences[0].start, sentences[1].end)
        await pilot.press("escape")
        await pilot.pause()
        assert view.selecting_from is None
        assert not status.has_class("-selecting")
        assert view.selection() == (sentences[1].start, sentences[1].end)


async def test_the_pointer_is_an_arrow_until_text_is_selected_with_the_mouse(
    make_app: MakeApp,
) -> None:
    # The reader's handler for ArticleView.Selecting once shadowed Textual's own
    # `Screen._selecting` reactive, so the screen always thought a mouse selection ran.
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        screen = reader(app)
        screen.update_pointer_shape()
        assert screen._pointer_shape == "default"


async def test_palette_finds_the_leader_filter_by_typing_leader(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        prompts = await palette_prompts(pilot, "leader Mao")
        assert (
            "Leader filter: articles naming Mao Zedong\nList the article that names Mao Zedong"
            in prompts
        )
        await pilot.press("enter")
        await pilot.pause()
        assert listed_ids(app) == [FOUR_LEADERS]


async def test_palette_offers_the_main_actions(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        for name in ("Search", "Notes", "Bookmark", "Copy", "Highlights", "Leader filter"):
            prompts = await palette_prompts(pilot, name, by_key=False)
            assert any(prompt.split("\n")[0] == name for prompt in prompts), name
            await pilot.press("escape")
        await palette_prompts(pilot, "Search")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)


async def test_choosing_a_commitment_on_a_tiny_terminal_shows_its_passage(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        screen = reader(app)
        view = screen.query_one(ArticleView)
        await pilot.press("i", "tab", "G", "enter")  # the panels, Commitments, the last one
        await pilot.pause()
        await pilot.pause()
        assert view.display and screen.query_one("#reader").styles.display == "block"
        assert screen.query_one("#side").styles.display == "none"
        assert view.has_focus
        marked = view._marks.marked
        commitments = screen.query_one(CommitmentsPanel)
        chosen = commitments._commitments[-1]
        assert marked == (chosen.start, chosen.end)
        # ...and the marked sentence is on the screen.
        line = view.scroll_y
        assert view.max_scroll_y > 0 and line > 0
        assert visible(chosen.text[:30]) in screen_text(app)


async def test_workers_are_described_without_a_repr_of_the_library(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        library = app.library
        assert library is not None
        upkeep = app.upkeep
        workers = [
            upkeep.refresh(library),
            upkeep.look(library, folder=True),
            upkeep.extract_first(library, None),
        ]
        for worker in workers:
            assert 0 < len(worker.description) < 60
        await loaded(pilot)


async def test_a_cancelled_refresh_is_quiet(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    def stopped(*args: object, **kwargs: object) -> None:
        raise Cancelled

    monkeypatch.setattr("tui.app.Library.refresh", stopped)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not [n for n in app._notifications if n.severity == "error"]
