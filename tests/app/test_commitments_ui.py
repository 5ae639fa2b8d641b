"""The Commitments screen by keys: every commitment, narrowed as you type and by
facets, a date range typed, `enter` opening the passage in the reader, `esc`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Label

from tests.app.conftest import MakeApp, loaded, palette_prompts, screen_text
from tests.app.test_library_ui import until
from tests.app.test_reader import SIZE, open_id, reader
from tests.conftest import WriteCorpus
from tui.core.store.commitment_query import CommitmentQuery
from tui.screens.commitments import CommitmentsScreen
from tui.widgets import facet_list
from tui.widgets.article_view import ArticleView
from tui.widgets.commitment_table import CommitmentTable
from tui.widgets.facet_list import FacetList

SEEDS_TOTAL = 55


async def shown(pilot: Pilot[None], wanted: Callable[[CommitmentQuery], bool]) -> CommitmentsScreen:
    """Wait until the screen shows a narrowing that `wanted` accepts (the narrowing
    starts a moment after the last key, in a worker)."""
    app = pilot.app
    for _ in range(200):
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        done = isinstance(screen, CommitmentsScreen) and screen.shown == screen.query_now
        if done and screen.shown is not None and wanted(screen.shown):  # type: ignore[attr-defined]
            return screen  # type: ignore[return-value]
        await pilot.pause(0.02)
    raise AssertionError("the narrowing was never shown")


def found(screen: CommitmentsScreen) -> str:
    return str(screen.query_one("#commitments-found", Label).visual)


def table(screen: CommitmentsScreen) -> CommitmentTable:
    return screen.query_one(CommitmentTable)


async def test_c_lists_every_commitment_newest_first_with_facet_counts(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("c")
        screen = await shown(pilot, lambda q: q == CommitmentQuery())
        rows = table(screen)
        assert rows.count == SEEDS_TOTAL and found(screen) == f"{SEEDS_TOTAL} commitments"
        dates = [rows.row_at(at).date for at in range(rows.count)]  # type: ignore[union-attr]
        assert dates == sorted(dates, reverse=True)  # type: ignore[type-var]
        text = screen_text(app)
        assert "Việt Nam is determined to build" in text
        assert "● " not in text and "China" in text and "proposal" in text


async def test_typing_narrows_the_table_and_the_counts(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("c", *"Railway")
        screen = await shown(pilot, lambda q: q.text == "Railway")
        rows = table(screen)
        assert rows.count == 4 and found(screen) == "4 commitments"
        assert all("railway" in rows.row_at(at).text.lower() for at in range(4))  # type: ignore[union-attr]
        facets = screen.query_one(FacetList)
        prompts = [str(facets.get_option_at_index(i).prompt) for i in range(facets.option_count)]
        assert any(p.startswith("  China") and p.endswith(" 2") for p in prompts)


async def test_facets_are_picked_by_keys_and_let_go_again(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("c")
        await shown(pilot, lambda q: q == CommitmentQuery())
        await pilot.press("tab", "tab")  # the field, the table, the facets
        assert isinstance(app.focused, FacetList)
        await pilot.press("enter")  # the first side: Việt Nam
        screen = await shown(pilot, lambda q: q.side == "Việt Nam")
        assert table(screen).count == 27 and found(screen) == "27 commitments · side Việt Nam"
        await pilot.press("down", "down", "down")  # China, both, (Kind) proposal
        await pilot.press("enter")
        screen = await shown(pilot, lambda q: q.kind == "proposal")
        assert table(screen).count == 12
        rows = [table(screen).row_at(at) for at in range(12)]
        assert {r.kind for r in rows if r} == {"proposal"}
        assert {a for r in rows if r for a in r.actors} == {"Tô Lâm", "Lương Cường"}
        await pilot.press("home", "enter")  # Việt Nam again: let go
        screen = await shown(pilot, lambda q: q.side is None and q.kind == "proposal")
        assert table(screen).count == 19
        await pilot.press("ctrl+r")
        screen = await shown(pilot, lambda q: q == CommitmentQuery())
        assert table(screen).count == SEEDS_TOTAL


async def test_a_date_range_is_typed_and_a_bad_date_says_so(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("c", *"from:2025-01 to:2025-01")
        january = (dt.date(2025, 1, 1), dt.date(2025, 1, 31))
        screen = await shown(pilot, lambda q: (q.since, q.until) == january)
        rows = table(screen)
        dates = {rows.row_at(at).date.isoformat() for at in range(rows.count)}  # type: ignore[union-attr]
        assert dates == {"2025-01-15", "2025-01-16"}
        assert found(screen).endswith("2025-01-01 – 2025-01-31")
        await pilot.press("backspace", "3")  # to:2025-03
        screen = await shown(pilot, lambda q: q.until == dt.date(2025, 3, 31))
        await pilot.press("backspace", "backspace", "1", "3")  # to:2025-13
        screen._read(screen.query_now)  # a narrowing that lands after the mistake
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "not a date: '2025-13'" in found(screen)
        assert screen.query_one("#commitments-found").has_class("-error")


async def test_enter_opens_the_passage_in_the_reader_and_c_comes_back_to_it(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("c", *"three railway lines")
        screen = await shown(pilot, lambda q: q.text == "three railway lines")
        (row,) = [table(screen).row_at(0)]
        assert row is not None and table(screen).count == 1
        await pilot.press("down", "enter")  # from the field to the table, then open
        await pilot.pause()
        assert open_id(app) == row.article_id == "002_dce0a2b2b469b0e8.txt"
        view = reader(app).query_one(ArticleView)
        assert view._marks.marked == (row.start, row.end)
        assert app.focused is view
        await pilot.press("c")  # where it was left
        screen = await shown(pilot, lambda q: q.text == "three railway lines")
        assert screen.query_one("#commitments-query").value == "three railway lines"  # type: ignore[attr-defined]
        await pilot.press("escape")
        assert reader(app) is not None


async def test_the_palette_opens_it(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        prompts = await palette_prompts(pilot, "commitments")
        assert prompts[0].startswith("Commitments\n")
        await pilot.press("enter")
        await shown(pilot, lambda q: q == CommitmentQuery())


async def test_sentences_and_names_are_data_not_markup(
    make_app: MakeApp, write_corpus: WriteCorpus
) -> None:
    folder = write_corpus(
        {
            "a.txt": "date 2025-03-02 HÀ NỘI — Chinese Premier Li Qiang met Vietnamese Prime"
            " Minister Phạm Minh Chính.\n\nLi said China was ready to expand [bold]trade[/bold]"
            " and \x1b[31minvestment.\n"
        }
    )
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("c")
        await shown(pilot, lambda q: q == CommitmentQuery())
        text = screen_text(app)
        assert "[bold]trade[/bold]" in text and "\x1b" not in text


async def test_a_file_dropped_in_while_it_is_open_shows_in_the_table(
    make_app: MakeApp, write_corpus: WriteCorpus
) -> None:
    talks = (
        "date 2025-03-0{} HÀ NỘI — Chinese Premier Li Qiang met Vietnamese Prime Minister"
        " Phạm Minh Chính.\n\nLi said China was ready to expand trade.\n"
    )
    folder = write_corpus({"a.txt": talks.format(1)})
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("c")
        screen = await shown(pilot, lambda q: q == CommitmentQuery())
        assert table(screen).count == 1
        (folder / "b.txt").write_text(talks.format(2), encoding="utf-8")
        await until(pilot, lambda: table(screen).count == 2)
        assert table(screen).row_at(0).article_id == "b.txt"  # type: ignore[union-attr]
        assert found(screen) == "2 commitments"


async def test_enter_typed_with_the_words_opens_what_they_narrow_to(make_app: MakeApp) -> None:
    from tests.app.test_typeahead import settled, typed_at_once

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("c")
        await shown(pilot, lambda q: q == CommitmentQuery())
        typed_at_once(app, *"three railway lines", "enter")  # before the table narrows
        await settled(pilot)
        await until(pilot, lambda: not isinstance(app.screen, CommitmentsScreen))
        assert open_id(app) == "002_dce0a2b2b469b0e8.txt"  # its one commitment, not row 1


async def test_the_cursor_stays_on_its_commitment_when_the_library_changes(
    make_app: MakeApp, write_corpus: WriteCorpus
) -> None:
    talks = (
        "date 2025-03-0{} HÀ NỘI — Chinese Premier Li Qiang met Vietnamese Prime Minister"
        " Phạm Minh Chính.\n\nLi said China was ready to expand trade.\n"
    )
    folder = write_corpus({"a.txt": talks.format(1), "b.txt": talks.format(2)})
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("c")
        screen = await shown(pilot, lambda q: q == CommitmentQuery())
        await pilot.press("tab", "down")  # the table, its second row: a.txt's
        assert table(screen).current.article_id == "a.txt"  # type: ignore[union-attr]
        (folder / "c.txt").write_text(talks.format(3), encoding="utf-8")  # a newer one
        await until(pilot, lambda: table(screen).count == 3)
        assert table(screen).current.article_id == "a.txt"  # type: ignore[union-attr]
        assert table(screen).cursor == 2


async def test_an_actor_is_typed_in_any_spelling_and_an_unknown_one_is_said(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("c", *'actor:"to lam"')
        screen = await shown(pilot, lambda q: q.actor == "to lam")
        rows = table(screen)
        assert rows.count == 19 and found(screen) == "19 commitments · actor Tô Lâm"
        assert all("Tô Lâm" in rows.row_at(at).actors for at in range(19))  # type: ignore[union-attr]
        await pilot.press("ctrl+r", *"actor:Jinpin")
        screen = await shown(pilot, lambda q: q.actor == "Jinpin")
        assert table(screen).count == 0
        assert found(screen) == "no commitments with actor 'Jinpin'; did you mean: Xi Jinping?"
        assert screen.query_one("#commitments-found").has_class("-error")
        await pilot.press("ctrl+r", *"actor:Xi")  # a word of a name, as the README says
        screen = await shown(pilot, lambda q: q.actor == "Xi")
        assert found(screen).endswith(" commitments · actor Xi Jinping")
        assert table(screen).count > 0


async def test_an_actor_picked_in_the_facets_is_written_in_the_field(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("c", *"railway")
        screen = await shown(pilot, lambda q: q.text == "railway")
        facets = screen.query_one(FacetList)
        await pilot.press("tab", "tab")
        facets.highlighted = facets.get_option_index("actor\tXi Jinping")
        await pilot.press("enter")
        screen = await shown(pilot, lambda q: q.actor == "Xi Jinping")
        assert screen.query_one("#commitments-query", Input).value == 'railway actor:"Xi Jinping"'
        assert found(screen) == f"{table(screen).count} commitments · actor Xi Jinping"
        await pilot.press("enter")  # again: let go
        screen = await shown(pilot, lambda q: q.actor is None and q.text == "railway")
        assert screen.query_one("#commitments-query", Input).value == "railway"


async def test_actors_beyond_those_listed_are_counted_and_told_how_to_reach(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(facet_list.SHOWN, "actor", 2)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("c")
        screen = await shown(pilot, lambda q: q == CommitmentQuery())
        facets = screen.query_one(FacetList)
        prompts = [str(facets.get_option_at_index(i).prompt) for i in range(facets.option_count)]
        assert prompts[-1] == "  3 more — type actor:"  # 5 actors, 2 listed
        await pilot.press(*'actor:"Luong Cuong"')
        screen = await shown(pilot, lambda q: q.actor == "Luong Cuong")
        assert table(screen).count == 7


async def test_at_60_columns_the_facets_fold_away_and_ctrl_f_shows_them(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await loaded(pilot)
        await pilot.press("c")
        screen = await shown(pilot, lambda q: q == CommitmentQuery())
        facets, rows = screen.query_one(FacetList), table(screen)
        assert screen.has_class("-narrow") and not facets.display
        assert rows.size.width >= 50  # all but the border and padding
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert app.focused is facets and not screen.query_one("#commitments-rows").display
        assert facets.size.width >= 50
        await pilot.press("enter")  # the first side, as on a wide screen
        screen = await shown(pilot, lambda q: q.side == "Việt Nam")
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert app.focused is rows and not facets.display and rows.count == 27
        await pilot.resize_terminal(120, 30)
        await pilot.pause()
        assert facets.display and screen.query_one("#commitments-rows").display
