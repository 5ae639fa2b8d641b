"""Themes switch by keys and are remembered; broken theme files fall back; the
layout folds to fit the terminal."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import yaml

from tests.app.conftest import BUNDLED, MakeApp, loaded
from tests.app.test_reader import reader
from tests.conftest import ROOT, SEEDS
from tui.app import ReadoutApp
from tui.widgets.article_list import ArticleList
from tui.widgets.article_view import ArticleView
from tui.widgets.leaders_panel import LeadersPanel


async def test_ctrl_t_switches_theme_and_it_is_remembered(
    make_app: MakeApp, tmp_path: Path
) -> None:
    state = tmp_path / "state.json"
    config_before = (ROOT / "config.yaml").read_bytes()
    app = make_app(state=state)
    async with app.run_test(size=(140, 40)) as pilot:
        await loaded(pilot)
        assert app.theme == "readout-dark"
        first_highlight = app.theme_variables["leader-1"]
        await pilot.press("ctrl+t")
        assert app.theme != "readout-dark"
        assert app.theme in {"readout-light", "readout-high-contrast", "readout-colour-safe"}
        chosen = app.theme
        assert app.theme_variables["leader-1"] != first_highlight  # highlights restyled too
    again = make_app(state=state)
    async with again.run_test(size=(140, 40)) as pilot:
        await loaded(pilot)
        assert again.theme == chosen
    assert (ROOT / "config.yaml").read_bytes() == config_before  # never rewritten


async def test_a_broken_theme_file_falls_back_with_one_warning(tmp_path: Path) -> None:
    mine = tmp_path / "themes"
    mine.mkdir()
    data = yaml.safe_load((ROOT / "themes" / "readout-light.yaml").read_text("utf-8"))
    data["name"] = "mine"
    data["variables"]["mark"] = "orange-ish"
    (mine / "mine.yaml").write_text(yaml.safe_dump(data), "utf-8")
    config = replace(
        BUNDLED.with_overrides(corpus=SEEDS, notes=tmp_path / "n.md"), themes=mine, theme="mine"
    )
    app = ReadoutApp(config, state_path=tmp_path / "state.json")
    async with app.run_test(size=(140, 40)) as pilot:
        await loaded(pilot)
        assert app.theme == "readout-dark"
        (warning,) = [n for n in app._notifications if n.title == "Themes"]
        assert "mine.yaml: variables.mark: 'orange-ish' is not a colour" in warning.message
        assert "unknown theme 'mine'" in warning.message


async def test_small_terminal_folds_the_panels_away(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        screen = reader(app)
        view = screen.query_one(ArticleView)
        assert screen.query_one("#articles").styles.display == "none"
        assert screen.query_one("#side").styles.display == "none"
        assert view.size.width >= 70  # the text keeps the whole width
        await pilot.press("i")
        assert screen.query_one("#side").styles.display == "block"
        assert screen.query_one(LeadersPanel).has_focus
        await pilot.press("i", "a")
        assert screen.query_one("#articles").styles.display == "block"
        assert screen.query_one(ArticleList).has_focus
        await pilot.press("j", "enter")
        assert screen.query_one("#articles").styles.display == "none"
        assert view.has_focus


async def test_wide_terminal_shows_everything(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(200, 50)) as pilot:
        await loaded(pilot)
        screen = reader(app)
        for selector in ("#articles", "#reader", "#side"):
            assert screen.query_one(selector).styles.display == "block"
        assert screen.query_one(ArticleView).size.width >= 60


def _leaders_layout(app: ReadoutApp) -> tuple[object, ...]:
    panel = reader(app).query_one(LeadersPanel)
    return (panel.region, panel.virtual_size, panel.show_vertical_scrollbar, panel.max_scroll_y)


async def test_leaders_panel_layout_does_not_depend_on_when_extraction_finishes(
    make_app: MakeApp,
) -> None:
    """Extraction may finish before or after the terminal reaches its size: the panel
    must settle in the same layout either way (this once made a snapshot flaky)."""
    wide = (200, 50)
    content_first = make_app()
    async with content_first.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.resize_terminal(*wide)
        await pilot.pause()
        after_resize = _leaders_layout(content_first)
    resize_first = make_app()
    async with resize_first.run_test(size=wide) as pilot:
        await loaded(pilot)
        panel = reader(resize_first).query_one(LeadersPanel)
        extraction = resize_first.library_state.extraction(reader(resize_first).current)
        panel.show_leaders(None)  # as while extraction runs, then the leaders arrive
        await pilot.pause()
        assert extraction is not None
        panel.show_leaders(extraction.leaders)
        await pilot.pause()
        assert _leaders_layout(resize_first) == after_resize


async def test_ctrl_t_cycles_the_themes_in_the_theme_files_order(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await loaded(pilot)
        assert app.theme == "readout-dark"
        seen = []
        for _ in range(4):
            await pilot.press("ctrl+t")
            seen.append(app.theme)
        # The bundled files sorted by name: colour-safe, dark, high-contrast, light.
        assert seen == [
            "readout-high-contrast", "readout-light", "readout-colour-safe", "readout-dark"
        ]  # fmt: skip
