"""Daily use: reloading, colours, paging, selecting, stepping through a filtered list."""

from __future__ import annotations

import re

from textual.widgets import Label, ProgressBar

from tests.app.conftest import MakeApp, loaded
from tests.app.test_extraction_ui import span_styles
from tests.app.test_reader import SIZE, listed_ids, open_id, reader, shown_text
from tests.conftest import WriteCorpus
from tui.core.extract.leaders import Leader
from tui.core.text import Passage
from tui.widgets.highlights import leader_colours
from tui.widgets.leaders_panel import LeadersPanel
from tui.widgets.status_bar import StatusBar

FOUR_LEADERS = "002_dce0a2b2b469b0e8"
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
        before = app.extractions
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        status = reader(app).query_one(StatusBar)
        assert not status.has_class("-busy")
        assert not status.query_one(ProgressBar).display or not status.has_class("-busy")
        assert "Loading" not in shown_text(status.query_one("#summary", Label))
        assert "5 articles" in shown_text(status.query_one("#summary", Label))
        assert app.extractions is before  # nothing changed: nothing extracted again


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
        assert listed_ids(app) == ["new", "good"]
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
