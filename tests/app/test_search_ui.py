"""Search in the app, by keys: as-you-type results, opening a hit, stepping, back."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Collection
from pathlib import Path

from textual.app import App
from textual.widgets import Input, Label, OptionList

from tests.app.conftest import BUNDLED, MakeApp, loaded, screen_text
from tests.app.test_reader import SIZE, listed_ids, open_id, reader, shown_text
from tests.conftest import SEEDS
from tui.core.query import Query
from tui.core.search import SearchHit
from tui.core.store import Library
from tui.core.store.model import ArticleSummary
from tui.screens.reader import ReaderScreen
from tui.screens.search import SearchScreen
from tui.widgets.article_view import ArticleView


async def search_for(pilot: object, text: str) -> SearchScreen:
    await pilot.press("slash")  # type: ignore[attr-defined]
    await pilot.press(*text)  # type: ignore[attr-defined]
    app = pilot.app  # type: ignore[attr-defined]
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]
    screen = app.screen
    assert isinstance(screen, SearchScreen)
    return screen


async def test_results_update_as_you_type(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        screen = await search_for(pilot, "tea")
        assert screen.hits
        await pilot.press(*" party")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [h.article_id for h in screen.hits] == ["003_a5266ca7b85631b7.txt"]
        assert "1 passage" in shown_text(screen.query_one("#found", Label))
        assert screen.query_one(OptionList).option_count == 1


async def test_a_stale_search_never_overwrites_a_newer_one(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        screen = await search_for(pilot, "UNCLOS")
        screen.query_one(Input).value = "tea party"
        await app.workers.wait_for_complete()
        await pilot.pause()
        stale = screen.hits
        screen._search("UNCLOS")  # finishes after the newer query was typed
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.hits == stale
        assert [h.article_id for h in screen.hits] == ["003_a5266ca7b85631b7.txt"]


async def test_enter_opens_the_passage_and_n_steps_through_hits(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await search_for(pilot, "UNCLOS")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert open_id(app) == "002_dce0a2b2b469b0e8.txt"  # the newer of two equal hits
        view = reader(app).query_one(ArticleView)
        marked = view._marks.marked
        assert marked is not None and "UNCLOS" in view.article.text[marked[0] : marked[1]]  # type: ignore[union-attr]
        start, end = view._marks.matches[0]
        assert view.article.text[start:end] == "UNCLOS"  # type: ignore[union-attr]
        assert view.scroll_y > 0  # the passage is far down: the view went to it
        mode = shown_text(reader(app).query_one("#mode", Label))
        assert mode.startswith("hit 1/1 for “UNCLOS”")


async def test_n_and_shift_n_step_through_several_hits(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await search_for(pilot, "railway")
        await pilot.press("enter")  # the newest article, which has two railway passages
        await pilot.pause()
        view = reader(app).query_one(ArticleView)
        first = view._marks.marked
        await pilot.press("n")
        second = view._marks.marked
        assert first != second and open_id(app) == "004_fecb52052cebe9ee.txt"
        await pilot.press("N")
        assert view._marks.marked == first


async def test_escape_returns_to_the_results_with_the_query_kept(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await search_for(pilot, "doi moi")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one(Input).value == "doi moi"
        assert len(app.screen.hits) == 2


async def test_escape_puts_the_cursor_back_on_the_result_that_was_opened(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        screen = await search_for(pilot, "railway")
        assert len(screen.hits) >= 3
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        opened = screen.hits[2]
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        again = app.screen
        assert isinstance(again, SearchScreen)
        results = again.query_one(OptionList)
        assert results.highlighted is not None
        assert again.hits[results.highlighted] == opened
        await pilot.press("enter")  # and Enter opens it again
        await pilot.pause()
        assert open_id(app) == opened.article_id


async def test_ctrl_f_narrows_the_article_list_to_matches(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await search_for(pilot, "UNCLOS")
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert listed_ids(app) == ["002_dce0a2b2b469b0e8.txt", "003_a5266ca7b85631b7.txt"]
        assert "matching “UNCLOS”: 2 shown" in shown_text(reader(app).query_one("#summary", Label))
        await pilot.press("escape")
        assert len(listed_ids(app)) == 5


async def test_a_bad_query_says_why(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        screen = await search_for(pilot, "from:2025-13")
        found = screen.query_one("#found", Label)
        assert "not a date" in shown_text(found)
        assert found.has_class("-error")


class SlowLibrary:
    """A library whose search for "slow" waits until released; records what is read."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.asked: list[Collection[str] | None] = []
        self.searched: list[str | Query] = []

    def search(self, query: str | Query, limit: int = 20) -> list[SearchHit]:
        self.searched.append(query)
        if query == "slow":
            self.release.wait(timeout=10)
        text = f"Passage about {query}"
        return [SearchHit("b.txt", None, 1.0, text, 0, len(text), ((14, len(text)),))]

    def articles(
        self, offset: int = 0, limit: int | None = None, *, only: Collection[str] | None = None
    ) -> list[ArticleSummary]:
        self.asked.append(only)
        title = "Talks · Hà Nội (VNA)"  # the shown title, told apart from a twin
        return [ArticleSummary("b.txt", Path("b.txt"), None, title, None, "VNA", 10)]


async def test_the_next_keystroke_cancels_a_search_in_flight() -> None:
    library = SlowLibrary()
    app: App[None] = App()
    async with app.run_test(size=SIZE) as pilot:
        screen = SearchScreen(library)
        await app.push_screen(screen)
        screen.query_one(Input).value = "slow"
        await pilot.pause()
        slow = next(w for w in app.workers if w.group == "search")
        assert not slow.is_finished
        await pilot.press("s")
        assert slow.is_cancelled
        library.release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [hit.text for hit in screen.hits] == ["Passage about slows"]
        assert library.asked == [{"b.txt"}]  # titles of the hits only, and not for "slow"
        assert "Talks · Hà Nội (VNA)" in screen_text(app)


async def test_opening_with_the_last_query_searches_it_once() -> None:
    library = SlowLibrary()
    app: App[None] = App()
    async with app.run_test(size=SIZE) as pilot:
        screen = SearchScreen(library, "tea")
        await app.push_screen(screen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert library.searched == ["tea"]
        assert [hit.text for hit in screen.hits] == ["Passage about tea"]


async def test_the_search_screen_reads_hits_and_shown_titles_from_a_library(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    twin = (folder / "002_dce0a2b2b469b0e8.txt").read_text(encoding="utf-8")
    (folder / "twin.txt").write_text(twin.replace("UNCLOS", "the Convention"), encoding="utf-8")
    app: App[None] = App()
    with Library.open(folder, lexicon=BUNDLED.lexicon) as library:
        library.refresh(workers=1)
        async with app.run_test(size=SIZE) as pilot:
            screen = SearchScreen(library, "UNCLOS")
            await app.push_screen(screen)
            await app.workers.wait_for_complete()
            await pilot.pause()
            ids = [hit.article_id for hit in screen.hits]
            assert ids == ["002_dce0a2b2b469b0e8.txt", "003_a5266ca7b85631b7.txt"]
            # The same day and title as its twin: the shown title tells them apart.
            assert "Xi Jinping · talks · Hà Nội · 002_dce0a2b2b469b0e8.txt" in screen_text(app)
