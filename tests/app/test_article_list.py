"""The virtual article list over 100,000 articles: only the rows on screen are read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from itertools import groupby
from pathlib import Path

import pytest
from textual import events
from textual.app import App, ComposeResult
from textual.pilot import Pilot

from tests.app.conftest import screen_text
from tui.core.store.model import ArticleSummary
from tui.widgets.article_list import PAGE, ROW_HEIGHT, ArticleList, ArticlePages
from tui.widgets.list_layout import Heading, ListLayout

ARTICLES = 100_000
SIZE = (60, 30)
TCSS = Path(__file__).parents[2] / "tui" / "app.tcss"


def ident(position: int) -> str:
    return f"a{position:06}.txt"


class FakePages:
    """100,000 articles, 30 a day going back from 31 January 2026 (one month of them is
    900 articles); every tenth article is undated and they come last. Counts reads."""

    def __init__(self, count: int = ARTICLES, *, first: int = 0) -> None:
        self.first = first  # the number of the newest article: more arrive on top
        self.total = count
        self.reads: list[int] = []
        undated = count // 10
        self.dated = count - undated

    def date(self, position: int) -> dt.date | None:
        if position >= self.dated:
            return None
        return dt.date(2026, 1, 31) - dt.timedelta(days=max(0, position - self.first) // 30)

    def summary(self, position: int) -> ArticleSummary:
        number = position - self.first
        return ArticleSummary(
            id=ident(number) if number >= 0 else f"new{-number}.txt",
            file=Path(f"{number}.txt"),
            date=self.date(position),
            title=f"Talks number {number} on trade and on [b]markup[/b]",
            place="Hà Nội \x1b[31m[i]" if position % 2 else None,
            source=None,
            words=100,
        )

    def count(self) -> int:
        return self.total

    def page(self, offset: int, limit: int) -> Sequence[ArticleSummary]:
        self.reads.append(offset)
        return [self.summary(p) for p in range(offset, min(self.total, offset + limit))]

    def months(self) -> Sequence[tuple[int | None, int | None, int]]:
        def month(position: int) -> tuple[int | None, int | None]:
            date = self.date(position)
            return (date.year, date.month) if date else (None, None)

        return [(y, m, len(list(group))) for (y, m), group in groupby(range(self.total), month)]

    def position(self, article_id: str) -> int | None:
        number = article_id.removeprefix("a").removeprefix("new").removesuffix(".txt")
        if not number.isdigit():
            return None
        at = self.first + (-int(number) if article_id.startswith("new") else int(number))
        return at if 0 <= at < self.total else None

    def pages_read(self) -> set[int]:
        return {offset // PAGE for offset in self.reads}


class ListApp(App[None]):
    CSS_PATH = str(TCSS)

    def __init__(self, pages: ArticlePages, current: str | None = None) -> None:
        super().__init__()
        self.pages = pages
        self.current = current
        self.opened: list[str] = []

    def compose(self) -> ComposeResult:
        yield ArticleList(id="articles")

    def on_mount(self) -> None:
        listing = self.query_one(ArticleList)
        listing.show_pages(self.pages, self.current)
        listing.focus()

    def on_article_list_opened(self, event: ArticleList.Opened) -> None:
        self.opened.append(event.article_id)


@pytest.fixture
def fake() -> FakePages:
    return FakePages()


def listing(pilot: Pilot[None]) -> ArticleList:
    return pilot.app.query_one(ArticleList)


def on_screen(listing: ArticleList, position: int) -> bool:
    top = listing.scroll_offset.y
    line = ListLayout(listing.pages.months(), ROW_HEIGHT).line_of(position)
    return top <= line and line + ROW_HEIGHT <= top + listing.scrollable_content_region.height


async def test_a_list_of_100000_reads_only_the_first_page() -> None:
    pages = FakePages()
    async with ListApp(pages).run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert pages.reads == [0]
        text = screen_text(pilot.app)
        assert "2026" in text and "─ January" in text and "31 Jan" in text
        assert listing(pilot).cursor_id == ident(0)


async def test_shift_g_goes_to_the_last_article_reading_only_its_page() -> None:
    pages = FakePages()
    async with ListApp(pages).run_test(size=SIZE) as pilot:
        await pilot.press("G")
        await pilot.pause()
        assert listing(pilot).cursor_id == ident(ARTICLES - 1)
        assert pages.pages_read() == {0, (ARTICLES - 1) // PAGE}
        assert f"Talks number {ARTICLES - 1} " in screen_text(pilot.app)
        await pilot.press("g")
        assert listing(pilot).cursor_id == ident(0)
        assert listing(pilot).scroll_offset.y == 0  # the headings above it show again


async def test_the_cursor_steps_over_the_month_headings() -> None:
    pages = FakePages()
    # 31 January back to 1 January is 31 days of 30: the last January article is 929.
    async with ListApp(pages, ident(929)).run_test(size=SIZE) as pilot:
        await pilot.press("j")
        await pilot.pause()
        assert listing(pilot).cursor_id == ident(930)
        assert pages.summary(930).date == dt.date(2025, 12, 31)
        lines = screen_text(pilot.app).splitlines()
        assert any("2025" in line for line in lines) and any("─ December" in line for line in lines)
        await pilot.press("k")
        assert listing(pilot).cursor_id == ident(929)


async def test_down_and_up_at_the_ends_stay_there(fake: FakePages) -> None:
    async with ListApp(fake).run_test(size=SIZE) as pilot:
        await pilot.press("k", "up", "home")
        assert listing(pilot).cursor == 0
        await pilot.press("end", "j", "down")
        assert listing(pilot).cursor_id == ident(ARTICLES - 1)


async def test_page_down_and_up_move_a_screenful(fake: FakePages) -> None:
    async with ListApp(fake).run_test(size=SIZE) as pilot:
        shown = listing(pilot).scrollable_content_region.height // ROW_HEIGHT
        await pilot.press("pagedown", "pagedown")
        assert listing(pilot).cursor == 2 * shown
        assert on_screen(listing(pilot), 2 * shown)
        await pilot.press("pageup")
        assert listing(pilot).cursor == shown


async def test_enter_opens_the_article_under_the_cursor(fake: FakePages) -> None:
    app = ListApp(fake)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j", "enter")
        await pilot.pause()
        assert app.opened == [ident(2)]


async def test_clicking_a_row_opens_it_and_a_heading_does_nothing(fake: FakePages) -> None:
    app = ListApp(fake)
    async with app.run_test(size=SIZE) as pilot:
        # Lines (after the top border): 2026, January, then three lines an article.
        await pilot.click(ArticleList, offset=(4, 1))
        await pilot.pause()
        assert app.opened == []
        await pilot.click(ArticleList, offset=(4, 1 + 2 + 2 * ROW_HEIGHT + 1))
        await pilot.pause()
        assert app.opened == [ident(2)]
        assert listing(pilot).cursor == 2


async def test_select_moves_the_cursor_and_scrolls_it_into_view() -> None:
    pages = FakePages()
    async with ListApp(pages).run_test(size=SIZE) as pilot:
        assert listing(pilot).select(ident(50_123))
        await pilot.pause()
        assert listing(pilot).cursor_id == ident(50_123)
        assert on_screen(listing(pilot), 50_123)
        assert "Talks number 50123 " in screen_text(pilot.app)
        assert pages.pages_read() <= {0, 50_123 // PAGE - 1, 50_123 // PAGE}
        assert not listing(pilot).select("missing.txt")
        assert listing(pilot).cursor_id == ident(50_123)
        listing(pilot).scroll_home(animate=False, immediate=True)
        assert listing(pilot).select(ident(50_123))  # already there, but scrolled away
        assert on_screen(listing(pilot), 50_123)


async def test_the_wheel_scrolls_without_moving_the_cursor() -> None:
    pages = FakePages()
    async with ListApp(pages).run_test(size=SIZE) as pilot:
        for _ in range(30):  # Pilot has no wheel: the events a terminal sends
            await pilot._post_mouse_events([events.MouseScrollDown], ArticleList, (4, 5))
        await pilot.pause()
        assert listing(pilot).scroll_offset.y > 10
        assert listing(pilot).cursor == 0
        assert pages.reads == [0]


async def test_show_pages_keeps_the_cursor_on_the_current_article_when_listed() -> None:
    async with ListApp(FakePages()).run_test(size=SIZE) as pilot:
        listing(pilot).show_pages(FakePages(), ident(777))
        assert listing(pilot).cursor_id == ident(777)
        listing(pilot).show_pages(FakePages(500), ident(777))  # not listed there
        assert listing(pilot).cursor_id == ident(0)


async def test_refresh_keeps_the_cursor_on_its_article_as_new_ones_arrive_on_top() -> None:
    pages = FakePages()
    async with ListApp(pages, ident(40)).run_test(size=SIZE) as pilot:
        await pilot.pause()
        before = screen_text(pilot.app).splitlines()
        row = next(i for i, line in enumerate(before) if "Talks number 40 " in line)
        pages.first, pages.total, pages.dated = 3, ARTICLES + 3, pages.dated + 3  # 3 newer
        listing(pilot).refresh_pages()
        await pilot.pause()
        assert listing(pilot).cursor_id == ident(40)
        after = screen_text(pilot.app).splitlines()
        assert "Talks number 40 " in after[row]  # on the same line of the screen
        await pilot.press("g")
        assert listing(pilot).cursor_id == "new3.txt"


async def test_refresh_moves_the_cursor_to_a_neighbour_when_its_article_went() -> None:
    pages = FakePages(1000)
    async with ListApp(pages, ident(999)).run_test(size=SIZE) as pilot:
        pages.total = pages.dated = 990
        listing(pilot).refresh_pages()
        assert listing(pilot).cursor_id == ident(989)


async def test_titles_and_places_are_shown_literally() -> None:
    async with ListApp(FakePages(30)).run_test(size=SIZE) as pilot:
        await pilot.pause()
        lines = screen_text(pilot.app).splitlines()
        assert "│ Talks number 0 on trade and " in lines[4]
        assert "│ on [b]markup[/b] " in lines[5]
        assert "│ 31 Jan · Hà Nội ␛[31m[i] " in lines[6]


async def test_an_empty_list_has_no_cursor_and_enter_does_nothing() -> None:
    app = ListApp(FakePages(0))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "G", "enter")
        assert listing(pilot).cursor is None and listing(pilot).cursor_id is None
        assert app.opened == []


def test_layout_places_headings_and_rows_from_month_counts() -> None:
    layout = ListLayout([(2026, 1, 2), (2025, 12, 1), (2025, 11, 1), (None, None, 2)], 3)
    assert [h.label for h in layout.headings()] == [
        "2026", "─ January", "2025", "─ December", "─ November", "Undated",
    ]  # fmt: skip
    assert layout.at(0) == Heading("2026", is_year=True)
    assert layout.at(2) == (0, 0) and layout.at(7) == (1, 2)
    assert layout.line_of(2) == 2 + 6 + 2  # 2026, January, two rows, 2025, December
    assert layout.top_of(2) == 8 and layout.top_of(1) == layout.line_of(1) == 5
    assert layout.count == 6 and layout.height == 6 + 6 * 3
    assert layout.at(layout.height) is None
