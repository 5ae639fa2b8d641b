"""The Compare screen by keys: `v` in the reader, a picker, two columns aligned."""

from __future__ import annotations

from textual.widgets import Input, OptionList

from tests.app.conftest import MakeApp, loaded, screen_text
from tests.app.test_typeahead import typed_at_once
from tui.screens.compare import CompareRow, CompareScreen
from tui.screens.compare_picker import ComparePicker
from tui.screens.reader import ReaderScreen

VNA = "000_250548e130747c8a.txt"  # 2025-01-15, the Vietnamese readout of the call
XINHUA = "001_01fa6c485643f914.txt"  # 2025-01-16, the Chinese one


async def _compare_seed_pair(pilot: object) -> CompareScreen:
    """`v` on the VNA readout: the Chinese readout of the same call, at once."""
    app = pilot.app  # type: ignore[attr-defined]
    await loaded(pilot)  # type: ignore[arg-type]
    app.reader.open_article(VNA)
    await pilot.press("v")  # type: ignore[attr-defined]
    await _until(pilot, lambda: isinstance(app.screen, CompareScreen) and app.screen.rows)
    screen = app.screen
    assert isinstance(screen, CompareScreen)
    return screen


def _options(app: object) -> int:
    return app.screen.query_one(OptionList).option_count  # type: ignore[attr-defined, no-any-return]


async def _until(pilot: object, condition: object) -> None:
    app = pilot.app  # type: ignore[attr-defined]
    for _ in range(200):
        await app.workers.wait_for_complete()
        await pilot.pause()  # type: ignore[attr-defined]
        if condition():  # type: ignore[operator]
            return
    raise AssertionError("never came about")


async def test_v_compares_with_the_other_readout_of_the_event(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 24)) as pilot:
        screen = await _compare_seed_pair(pilot)
        assert screen.comparison is not None
        assert (screen.comparison.first.id, screen.comparison.second.id) == (VNA, XINHUA)
        text = screen_text(app)
        assert "VNS" in text and "Agence Kampuchea Presse" in text
        assert "pairs," in text and "only in the first" in text
        assert len(screen.query(CompareRow)) == len(screen.rows)


async def test_without_another_report_v_offers_the_nearest_articles(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 24)) as pilot:
        await loaded(pilot)
        app.reader.open_article(VNA)
        await pilot.press("ctrl+p", *"compare with", "enter")  # the palette always picks
        await _until(pilot, lambda: isinstance(app.screen, ComparePicker) and _options(app))
        options = app.screen.query_one(OptionList)
        assert options.get_option_at_index(0).id == XINHUA  # one day apart: the nearest
        assert app.screen.query_one(Input).has_focus
        await pilot.press(*"2024", "enter")  # narrowed by typing: the 2024 talks
        await _until(pilot, lambda: isinstance(app.screen, CompareScreen) and app.screen.rows)
        assert app.screen.comparison.second.id == "003_a5266ca7b85631b7.txt"  # type: ignore[attr-defined]


async def test_an_article_alone_in_its_event_goes_to_the_picker(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 24)) as pilot:
        await loaded(pilot)
        app.reader.open_article("002_dce0a2b2b469b0e8.txt")
        await pilot.press("v")
        await _until(pilot, lambda: isinstance(app.screen, ComparePicker) and _options(app))
        await pilot.press("escape")
        await _until(pilot, lambda: isinstance(app.screen, ReaderScreen))


async def test_brackets_step_through_differences_and_enter_opens_that_place(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 24)) as pilot:
        screen = await _compare_seed_pair(pilot)
        await pilot.press("right_square_bracket")
        row = screen.rows[screen.cursor]
        assert row.is_difference and screen.cursor > 0
        differences = [i for i, r in enumerate(screen.rows) if r.is_difference]
        assert screen.cursor == next(i for i in differences if i > 0)
        await pilot.press("right_square_bracket", "left_square_bracket")
        assert screen.rows[screen.cursor] is row
        item = row.first if row.first is not None else row.second
        assert item is not None
        expected = VNA if row.first is not None else XINHUA
        await pilot.press("enter")
        await _until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        assert app.reader.current == expected
        view = app.reader.query_one("#reader")
        assert view.article is not None and view.article.id == expected  # type: ignore[attr-defined]


async def test_tab_chooses_the_column_enter_opens(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 24)) as pilot:
        screen = await _compare_seed_pair(pilot)
        both = next(i for i, r in enumerate(screen.rows) if not r.is_difference)
        screen.cursor = both
        await pilot.press("tab")
        assert screen.column == 1
        await pilot.press("enter")
        await _until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        assert app.reader.current == XINHUA


async def test_escape_goes_back_to_the_reader_unchanged(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 24)) as pilot:
        await _compare_seed_pair(pilot)
        await pilot.press("escape")
        await _until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        assert app.reader.current == VNA


async def test_o_compares_with_another_article_and_esc_keeps_the_comparison(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 24)) as pilot:
        screen = await _compare_seed_pair(pilot)
        await pilot.press("o")
        await _until(pilot, lambda: isinstance(app.screen, ComparePicker) and _options(app))
        await pilot.press("escape")
        await _until(pilot, lambda: app.screen is screen)
        assert screen.comparison is not None and screen.comparison.second.id == XINHUA
        await pilot.press("o")
        await _until(pilot, lambda: isinstance(app.screen, ComparePicker) and _options(app))
        await pilot.press(*"2026", "enter")
        await _until(
            pilot,
            lambda: (
                screen.comparison is not None
                and screen.comparison.second.id == "004_fecb52052cebe9ee.txt"
            ),
        )
        await _until(pilot, lambda: len(screen.query(CompareRow)) == len(screen.rows))
        assert screen.cursor == 0


async def test_shift_v_compares_from_the_article_where_v_selects_sentences(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 24)) as pilot:
        await loaded(pilot)
        app.reader.open_article(VNA)
        app.reader.query_one("#reader").focus()
        await pilot.pause()
        await pilot.press("V")
        await _until(pilot, lambda: isinstance(app.screen, CompareScreen) and app.screen.rows)


async def test_keys_typed_right_after_o_go_to_the_picker_s_field(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 24)) as pilot:
        await _compare_seed_pair(pilot)
        typed_at_once(app, "o", *"2024")
        await _until(
            pilot, lambda: app.keys.idle and isinstance(app.screen, ComparePicker) and _options(app)
        )
        assert app.screen.query_one(Input).value == "2024"


async def test_w_writes_the_brief_to_a_new_file_and_says_where(make_app: MakeApp) -> None:
    app = make_app()
    folder = app.config.notes.parent
    async with app.run_test(size=(120, 24)) as pilot:
        screen = await _compare_seed_pair(pilot)
        await pilot.press("w")
        await _until(pilot, lambda: list(folder.glob("brief-*.md")))
        (written,) = folder.glob("brief-*.md")
        assert written.name == "brief-2025-01-15-to-lam-xi-jinping-call.md"
        markdown = written.read_text(encoding="utf-8")
        assert markdown.startswith("# VNS and Agence Kampuchea Presse: two readouts compared")
        assert "- Event: call of" in markdown and "## Reported by both" in markdown
        await _until(pilot, lambda: any(str(written) in n.message for n in app._notifications))
        await pilot.press("ctrl+p", *"write brief", "enter")  # the palette, never over it
        await _until(pilot, lambda: len(list(folder.glob("brief-*.md"))) == 2)
        assert written.read_text(encoding="utf-8") == markdown
        assert (folder / "brief-2025-01-15-to-lam-xi-jinping-call-2.md").exists()
        assert isinstance(app.screen, CompareScreen) and app.screen is screen
