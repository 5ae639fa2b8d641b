"""The reader driven by keys, as a person would use it."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Label, ProgressBar, Static

from tests.app.conftest import MakeApp, loaded, palette_prompts, screen_text
from tests.conftest import WriteCorpus
from tui.core.store import RefreshProgress
from tui.screens.help import HelpScreen
from tui.screens.reader import ReaderScreen
from tui.screens.warnings import WarningsScreen
from tui.widgets.article_list import ArticleList
from tui.widgets.article_view import ArticleView
from tui.widgets.status_bar import StatusBar

SIZE = (120, 24)
"""The terminal of most app tests: wide enough for every pane (`PaneFolding.NARROW` is
110), and no taller than a common terminal: each redraw costs by the rows drawn (140 by
40 made these tests take a fifth more CPU time, for nothing they check)."""


def reader(app: object) -> ReaderScreen:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, ReaderScreen)
    return screen


def open_id(app: object) -> str | None:
    article = reader(app).query_one(ArticleView).article
    return article.id if article else None


def listed_ids(app: object) -> list[str | None]:
    """The article ids in the list, top to bottom (headings left out)."""
    listing = reader(app).query_one(ArticleList)
    return [listing.id_at(at) for at in range(listing.pages.count())]


def shown_text(widget: Static) -> str:
    return str(widget.visual)


async def test_app_opens_the_newest_article(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        assert open_id(app) == "004_fecb52052cebe9ee.txt"
        screen = reader(app)
        assert not screen.has_class("-narrow") and not screen.has_class("-tiny")  # every pane
        assert screen.query_one(ArticleList).has_focus
        title = shown_text(screen.query_one("#title", Static))
        assert title == "Tô Lâm – Xi Jinping · phone talks"
        assert len(screen.query(".paragraph")) == 16


async def test_list_is_grouped_by_year_and_month(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        headings = reader(app).query_one(ArticleList).headings()
        assert headings == ["2026", "─ January", "2025", "─ April", "─ January", "2024", "─ August"]
        ids = listed_ids(app)
        assert ids[0] == "004_fecb52052cebe9ee.txt" and ids[-1] == "003_a5266ca7b85631b7.txt"


async def test_arrows_and_enter_open_an_article_and_focus_the_reader(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("j", "down", "k", "j", "enter")
        assert open_id(app) == "001_01fa6c485643f914.txt"
        assert reader(app).query_one(ArticleView).has_focus


async def test_n_and_p_step_through_articles_in_list_order(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("n", "n")
        assert open_id(app) == "001_01fa6c485643f914.txt"
        listing = reader(app).query_one(ArticleList)
        assert listing.cursor_id == "001_01fa6c485643f914.txt"
        await pilot.press("p")
        assert open_id(app) == "002_dce0a2b2b469b0e8.txt"
        await pilot.press("p", "p")  # already at the top: stays, says so
        assert open_id(app) == "004_fecb52052cebe9ee.txt"


async def test_s_reverses_the_sort(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("s")
        screen = reader(app)
        assert listed_ids(app)[0] == "003_a5266ca7b85631b7.txt"
        assert "oldest first" in shown_text(screen.query_one("#summary", Label))
        await pilot.press("n")  # oldest first: after the newest there is nothing more
        assert open_id(app) == "004_fecb52052cebe9ee.txt"
        await pilot.press("p")
        assert open_id(app) == "002_dce0a2b2b469b0e8.txt"
        await pilot.press("s")
        assert listed_ids(app)[0] == "004_fecb52052cebe9ee.txt"


async def test_g_and_shift_g_move_to_the_ends_of_the_focused_pane(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("G", "enter")
        assert open_id(app) == "003_a5266ca7b85631b7.txt"
        view = reader(app).query_one(ArticleView)
        await pilot.press("G")
        await pilot.pause()
        assert view.scroll_y == view.max_scroll_y > 0
        await pilot.press("g")
        await pilot.pause()
        assert view.scroll_y == 0


async def test_tab_moves_between_the_list_and_the_reader(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("tab")
        assert reader(app).query_one(ArticleView).has_focus
        await pilot.press("shift+tab")
        assert reader(app).query_one(ArticleList).has_focus


async def test_help_lists_the_bindings_and_closes(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(shown_text(s) for s in app.screen.query(Static))
        for expected in ("Next", "Previous", "Sort", "Reload", "Quit", "Open the article"):
            assert expected in text
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)


async def test_last_article_read_is_reopened(make_app: MakeApp, tmp_path: Path) -> None:
    state = tmp_path / "shared-state.json"
    first = make_app(state=state)
    async with first.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("n", "n", "s")
        assert open_id(first) == "001_01fa6c485643f914.txt"
    second = make_app(state=state)
    async with second.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        assert open_id(second) == "001_01fa6c485643f914.txt"
        assert reader(second).oldest_first


async def test_load_warnings_are_counted_and_listed(
    make_app: MakeApp, write_corpus: WriteCorpus
) -> None:
    folder = write_corpus({"good.txt": "date 2025-01-01\nFine.", "broken.txt": b"\xff\x00\x01"})
    app = make_app(corpus=folder)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        assert "1 load warning" in shown_text(reader(app).query_one("#warnings", Label))
        await pilot.press("w")
        assert isinstance(app.screen, WarningsScreen)
        text = "\n".join(shown_text(s) for s in app.screen.query(Static))
        assert "broken.txt" in text and "binary file" in text
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)


async def test_r_reloads_and_shows_new_articles(
    make_app: MakeApp, write_corpus: WriteCorpus
) -> None:
    folder = write_corpus({"a.txt": "date 2025-01-01\nFirst."})
    app = make_app(corpus=folder)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        (folder / "b.txt").write_text("date 2025-02-01\nSecond.", encoding="utf-8")
        await pilot.press("r")
        await loaded(pilot)
        assert listed_ids(app) == ["b.txt", "a.txt"]
        assert open_id(app) == "a.txt"  # the article being read stays open


async def test_markup_and_escape_codes_are_shown_literally(
    make_app: MakeApp, write_corpus: WriteCorpus
) -> None:
    folder = write_corpus({"m.txt": "date 2025-01-01\n[bold]Loud[/] [link=x]y[/link] \x1b[31mred."})
    app = make_app(corpus=folder)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        (paragraph,) = reader(app).query(".paragraph")
        assert isinstance(paragraph, Static)
        assert shown_text(paragraph) == "[bold]Loud[/] [link=x]y[/link] ␛[31mred."


async def test_empty_folder_says_so(make_app: MakeApp, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    app = make_app(corpus=empty)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        view = reader(app).query_one(ArticleView)
        assert view.article is None
        assert "No articles in" in shown_text(view.query_one("#empty", Static))


async def test_progress_shows_while_refreshing(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        screen = reader(app)
        app.library_state.progress = RefreshProgress("reading", 3, 10)
        await pilot.pause()
        bar = screen.query_one(ProgressBar)
        assert bar.progress == 3 and bar.total == 10
        assert screen.query_one(StatusBar).has_class("-busy")
        assert "3/10" in shown_text(screen.query_one("#summary", Label))


async def test_palette_opens_an_article_by_title(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        prompts = await palette_prompts(pilot, "Lng Cng")  # Lương Cường – Xi Jinping · talks
        assert "Lương Cường – Xi Jinping" in prompts[0], prompts
        await pilot.press("enter")
        await pilot.pause()
        assert open_id(app) == "002_dce0a2b2b469b0e8.txt"


async def test_clicking_an_article_opens_it(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        # Rows: 2026, January, the 2026 article (date and three title lines), 2025, April,
        # then the April article; +1 for the list's top border.
        await pilot.click(ArticleList, offset=(4, 9))
        await pilot.pause()
        assert open_id(app) == "002_dce0a2b2b469b0e8.txt"


async def test_q_quits(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_a_title_that_wraps_in_the_list_shows_its_last_line(
    make_app: MakeApp, write_corpus: WriteCorpus
) -> None:
    # 29 characters: one line at the list's full width, two beside its scrollbar.
    title = "Tô Lâm – Xi Jinping · message"
    files = {
        f"a{day:02}.md": f"---\ndate: 2025-01-{day:02}\ntitle: {title}\n---\nText {day}."
        for day in range(1, 29)
    }
    app = make_app(write_corpus(files))
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        rows = [line[:34] for line in screen_text(app).splitlines()]  # the list's column
        firsts = [i for i, row in enumerate(rows) if "Tô Lâm – Xi Jinping ·" in row]
        assert len(firsts) > 5
        # Every title whose next row is on screen has its last line there.
        for at in firsts[:-1]:
            assert rows[at + 1].startswith("│ message "), rows[at : at + 2]
