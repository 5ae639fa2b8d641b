"""The article list grouped by event (`E`): the seeds' pair under its event's
heading, the others as before; ungrouped again; `n`/`p` in grouped order; the list
stays virtual (pages read, not the whole list)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, cast

from textual.pilot import Pilot

from tests.app.conftest import MakeApp, loaded, screen_text
from tui.app import ReadoutApp
from tui.screens.reader import ReaderScreen
from tui.widgets.article_list import ArticleList
from tui.widgets.event_pages import EventPages

if TYPE_CHECKING:
    from tui.core.store import Library

SIZE = (120, 24)
PAIR = ["001_01fa6c485643f914.txt", "000_250548e130747c8a.txt"]
BY_DATE = [
    "004_fecb52052cebe9ee.txt", "002_dce0a2b2b469b0e8.txt", *PAIR, "003_a5266ca7b85631b7.txt"
]  # fmt: skip
GROUPED = ["004_fecb52052cebe9ee.txt", "002_dce0a2b2b469b0e8.txt", *PAIR[::-1],
           "003_a5266ca7b85631b7.txt"]  # fmt: skip
HEADING = [
    "call · Tô Lâm – Xi Jinping",
    "VNS (Việt Nam), Agence Kampuchea Presse (China, by dateline)",  # as `readout events`
]


def listed(app: ReadoutApp) -> list[str | None]:
    articles = app.screen.query_one(ArticleList)
    return [articles.id_at(at) for at in range(articles.pages.count())]


async def grouped(pilot: Pilot[None]) -> None:
    """Press `E` and wait for the grouped pages."""
    await pilot.press("E")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_e_groups_the_seeds_pair_under_its_event(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        assert listed(app) == BY_DATE
        await grouped(pilot)
        reader = app.screen
        assert isinstance(reader, ReaderScreen) and reader.grouped
        assert isinstance(reader.query_one(ArticleList).pages, EventPages)
        assert listed(app) == GROUPED
        headings = reader.query_one(ArticleList).headings()
        assert headings == [
            "2026", "─ January", "2025", "─ April", "─ January", *HEADING, "2024", "─ August",
        ]  # fmt: skip
        said = [n.message for n in app._notifications]
        assert "Grouped by event: 1 event reported by two articles or more." in said
        assert HEADING[0] in screen_text(app)
        await pilot.press("E")
        await pilot.pause()
        assert not reader.grouped and listed(app) == BY_DATE
        assert HEADING[0] not in reader.query_one(ArticleList).headings()


async def test_the_cursor_stays_on_its_article_and_n_p_follow_the_groups(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        articles = app.screen.query_one(ArticleList)
        articles.focus()
        await pilot.press("down", "down")
        assert articles.cursor_id == PAIR[0]
        await grouped(pilot)
        assert articles.cursor_id == PAIR[0]
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        reader.open_article(GROUPED[2])
        await pilot.pause()
        await pilot.press("n")  # n and p follow the grouped order
        assert reader.current == GROUPED[3]  # the other readout of the call
        await pilot.press("p", "p")
        assert reader.current == GROUPED[1]
        await pilot.press("s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        # Oldest first: the events reversed, an event's readouts still as they came.
        assert listed(app) == [GROUPED[4], *PAIR[::-1], GROUPED[1], GROUPED[0]]
        assert articles.cursor_id == app.screen.current  # as `s` does ungrouped


async def test_a_leader_filter_keeps_the_grouping(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await grouped(pilot)
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        reader.filter_by_leader("Lương Cường")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert listed(app) == ["002_dce0a2b2b469b0e8.txt"]
        assert isinstance(reader.query_one(ArticleList).pages, EventPages)
        reader.filter_by_leader(None)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert listed(app) == GROUPED


def test_sections_place_an_events_heading_lines_inside_its_month() -> None:
    from tui.widgets.list_layout import Heading, ListLayout

    layout = ListLayout([(2025, 1, 1, None), (2025, 1, 2, "call · A – B\nVNA, Xinhua")], 3)
    assert [h.label for h in layout.headings()] == [
        "2025",
        "─ January",
        "call · A – B",
        "VNA, Xinhua",
    ]
    assert layout.at(5) == Heading("call · A – B", is_year=False, is_event=True)
    assert layout.at(7) == (1, 0) and layout.top_of(1) == 5 and layout.count == 3


async def test_an_events_heading_is_data_never_markup() -> None:
    from tests.app.test_article_list import ListApp
    from tui.core.event_list import EventListing
    from tui.core.events import Sighting, group_events
    from tui.core.outlets import bundled_outlets

    day = dt.date(2025, 1, 15)
    events = group_events(
        [
            Sighting("a", day, "t", "call", ("[b]Xi[/b]", "Lam"), source="[red]VNA"),
            Sighting("b", day, "t", "call", ("Lam", "[b]Xi[/b]"), source="\x1b[31mX"),
        ],
        bundled_outlets(),
    )
    pages = EventPages(cast("Library", None), EventListing.of(events))
    pages.page = lambda offset, limit: []  # type: ignore[method-assign]
    async with ListApp(pages).run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        shown = screen_text(pilot.app)
        assert "call · [b]Xi[/b] – Lam" in shown
        assert "[red]VNA (Việt Nam), ␛[31mX" in shown


async def test_the_palette_groups_by_event_and_it_is_remembered(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+p", *"Group by event")
        await app.workers.wait_for_complete()
        await pilot.pause(0.2)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen) and app.screen.grouped
        assert app.state.grouped_by_event
    again = make_app(state=app.state_path)
    async with again.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await again.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(again.screen, ReaderScreen) and again.screen.grouped
        assert listed(again) == GROUPED
