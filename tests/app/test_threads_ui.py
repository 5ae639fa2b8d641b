"""The Threads screen by keys: `t` lists the threads, `enter` shows one thread's
entries, `enter` on an entry opens its passage in the reader, `esc` goes back."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Label

from tests.app.conftest import MakeApp, loaded, palette_prompts, screen_text
from tests.app.test_library_ui import until
from tests.app.test_reader import SIZE, open_id
from tests.conftest import SEEDS
from tui.screens.threads import ThreadsScreen
from tui.widgets.article_view import ArticleView


async def listed(pilot: Pilot[None]) -> ThreadsScreen:
    """Wait until the Threads screen lists its threads (read in a worker) and the
    table has measured them."""
    app = pilot.app
    await until(pilot, lambda: isinstance(app.screen, ThreadsScreen) and app.screen.threads)
    await app.workers.wait_for_complete()
    screen = app.screen
    assert isinstance(screen, ThreadsScreen)
    await laid_out(pilot, screen.query_one("#threads-table", DataTable))
    return screen


async def laid_out(pilot: Pilot[None], table: DataTable[object]) -> None:
    """Wait until the screen shows `table`'s first row whole (the rows are put in
    after the worker's answer, and drawn at the next refresh)."""
    app = pilot.app

    def shown() -> bool:
        if not table.row_count:
            return False
        words = str(table.get_row_at(0)[0]).split()  # its first cell, whole
        return bool(words) and words[0] in screen_text(app).split()

    try:
        await until(pilot, shown)
    except AssertionError:
        cell = str(table.get_row_at(0)[0]) if table.row_count else None
        shown_text = screen_text(app)
        raise AssertionError(f"first cell {cell!r} not on the screen:\n{shown_text}") from None


def found(screen: ThreadsScreen) -> str:
    return str(screen.query_one("#threads-found", Label).visual)


async def to_railway(pilot: Pilot[None], screen: ThreadsScreen) -> None:
    """Move the cursor to the railway thread by keys."""
    table = screen.query_one("#threads-table", DataTable)
    at = next(n for n, t in enumerate(screen.threads) if t.topic == "railway")
    for _ in range(at):
        await pilot.press("down")
    assert table.cursor_row == at


async def test_t_lists_the_threads_and_enter_shows_the_railway_entries(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("t")
        screen = await listed(pilot)
        assert found(screen) == f"{len(screen.threads)} threads of two entries or more"
        assert all(len(t.entries) > 1 for t in screen.threads)
        await to_railway(pilot, screen)
        await pilot.press("enter")
        entries = screen.query_one("#thread-entries", DataTable)
        assert entries.display and entries.row_count == 5 and app.focused is entries
        text = screen_text(app)
        assert "2025-01-15" in text and "discussion" in text and "recurring" in text
        assert found(screen).startswith("railway: ")
        await pilot.press("escape")  # back to the list, on the same screen
        assert screen.query_one("#threads-table", DataTable).display and app.screen is screen
        await pilot.press("escape")
        assert not isinstance(app.screen, ThreadsScreen)


async def test_enter_on_an_entry_opens_its_passage_in_the_reader(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("t")
        screen = await listed(pilot)
        await to_railway(pilot, screen)
        thread = next(t for t in screen.threads if t.topic == "railway")
        await pilot.press("enter", "down", "down", "enter")  # the third entry: 2025-04-15
        entry = thread.entries[2]
        await until(pilot, lambda: open_id(app) == entry.article_id)
        assert not isinstance(app.screen, ThreadsScreen)
        view = app.screen.query_one(ArticleView)
        assert view._marks.marked == (entry.start, entry.end)
        assert entry.article_id == "002_dce0a2b2b469b0e8.txt"


async def test_the_palette_finds_threads(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        prompts = await palette_prompts(pilot, "Threads")
        assert any(p.startswith("Threads") for p in prompts)


async def test_a_long_list_is_put_in_by_chunks_and_ends_whole() -> None:
    import datetime as dt

    from textual.app import App

    from tui.core.threads import Thread, ThreadEntry
    from tui.screens.threads import CHUNK

    def entry(n: int, at: int) -> ThreadEntry:
        return ThreadEntry(n * 2 + at, f"a{n}.txt", dt.date(2025, 1, 1 + at), at, 0, 5,
                           "pledge", None, at > 0)  # fmt: skip

    many = [Thread(f"t{n:04}", "trade", f"object {n}", ("Laos", "Việt Nam"),
                   (entry(n, 0), entry(n, 1))) for n in range(CHUNK * 2 + 50)]  # fmt: skip

    class Library:
        def threads(self, topic: str | None = None, *, should_stop: object = None) -> list[Thread]:
            return many

        def thread_sentences(self, threads: object) -> dict[tuple[str, int], str]:
            return {}

        def thread(self, thread_id: str) -> Thread | None:
            return next((t for t in many if t.id == thread_id), None)

    class Host(App[None]):
        def on_mount(self) -> None:
            self.push_screen(ThreadsScreen(Library()))

    app = Host()
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ThreadsScreen) and app.screen.threads)
        table = app.screen.query_one("#threads-table", DataTable)
        await until(pilot, lambda: table.row_count == len(many))
        assert found(app.screen) == f"{len(many)} threads of two entries or more"  # type: ignore[arg-type]
        assert table.get_row_index(many[-1].id) == len(many) - 1  # in order, once each


async def test_leaving_the_screen_while_linking_stops_the_linking() -> None:
    import threading

    from textual.app import App

    from tui.core.cancel import Cancelled, ShouldStop
    from tui.core.threads import Thread

    stopped = threading.Event()

    class Library:
        """Links until it is asked to stop (a corpus too large to wait for)."""

        def threads(
            self, topic: str | None = None, *, should_stop: ShouldStop | None = None
        ) -> list[Thread]:
            assert should_stop is not None, "the screen's worker passes no should_stop"
            while not should_stop():
                stopped.wait(0.01)
            stopped.set()
            raise Cancelled

        def thread_sentences(self, threads: object) -> dict[tuple[str, int], str]:
            return {}

        def thread(self, thread_id: str) -> Thread | None:
            return None

    class Host(App[None]):
        def on_mount(self) -> None:
            self.push_screen(ThreadsScreen(Library()))

    app = Host()
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ThreadsScreen))
        assert found(app.screen) == "Linking the commitments…"  # type: ignore[arg-type]
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, ThreadsScreen))
        await until(pilot, stopped.is_set)


async def test_the_app_links_the_threads_ahead_once_the_store_settles(
    make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import multiprocessing

    import tui.upkeep
    from tui.core.store import threads as stored_threads

    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    monkeypatch.setattr(tui.upkeep, "AHEAD_SECONDS", 0.2)
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        library = app.library
        assert library is not None
        await until(pilot, library.threads_kept, seconds=30)
        await until(pilot, lambda: not multiprocessing.active_children())

        def no_linking(*_: object, **__: object) -> list[object]:
            raise AssertionError("linked when the Threads screen opened")

        monkeypatch.setattr(stored_threads, "link_threads", no_linking)
        await pilot.press("t")
        screen = await listed(pilot)
        assert any(t.topic == "railway" for t in screen.threads)


async def railway_entries(pilot: Pilot[None]) -> tuple[ThreadsScreen, DataTable[object]]:
    """Once the library is loaded: `t`, the railway thread, `enter`: its entries."""
    await loaded(pilot)
    await pilot.press("t")
    screen = await listed(pilot)
    await to_railway(pilot, screen)
    await pilot.press("enter")
    return screen, screen.query_one("#thread-entries", DataTable)


async def test_a_threads_entries_shown_follow_the_library_when_it_changes(
    make_app: MakeApp, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        screen, entries = await railway_entries(pilot)
        assert entries.row_count == 5
        (corpus / "002_dce0a2b2b469b0e8.txt").unlink()  # its 2025-04-15 entry goes
        app.action_reload()
        await until(pilot, lambda: entries.row_count == 4, seconds=30)
        assert entries.display and screen.open_thread is not None
        assert "002_dce0a2b2b469b0e8.txt" not in {e.article_id for e in screen.open_thread.entries}
        assert found(screen).startswith("railway: ")


async def test_a_threads_entries_shown_follow_it_when_its_first_entry_goes(
    make_app: MakeApp, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    (corpus / "0000_xinhua.txt").write_text(  # the other side's readout, sorted first
        "date 2024-08-19\nBEIJING — Xi Jinping held talks with Tô Lâm. The two sides agreed "
        "to speed up the three standard-gauge railway lines connecting China and Việt Nam.\n",
        encoding="utf-8",
    )
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        screen, entries = await railway_entries(pilot)
        assert entries.row_count == 6 and screen.open_thread is not None
        first_id = screen.open_thread.id
        (corpus / "0000_xinhua.txt").unlink()  # the thread's id changes with its first entry
        app.action_reload()
        await until(pilot, lambda: entries.row_count == 5, seconds=30)
        assert entries.display and screen.open_thread.id != first_id
        assert found(screen).startswith("railway: ")


def test_the_long_column_takes_what_the_others_leave() -> None:
    from tui.screens.threads import LEAST_WIDTH, fitted

    widths = [22, 72, 7, 8, 23]  # before it 24 cells, after it 9 + 10 + 25
    assert fitted(widths, 1, 200, 2) == widths  # room to spare: never widened
    assert fitted(widths, 1, 134, 2) == [22, 64, 7, 8, 23]  # 24 + 64 + 2 + 44 = 134
    assert fitted(widths, 1, 24 + 2 + LEAST_WIDTH + 44, 2)[1] == LEAST_WIDTH
    # Too narrow for all: the last columns are left past the edge, whole, and the
    # long one ends at the edge.
    assert fitted(widths, 1, 24 + 2 + LEAST_WIDTH + 19, 2)[1] == LEAST_WIDTH  # 2 after
    assert fitted(widths, 1, 24 + 2 + LEAST_WIDTH + 18, 2)[1] == LEAST_WIDTH + 9  # 1 after
    assert fitted(widths, 1, 54, 2)[1] == 28  # none after: 54 - 24 - 2
    assert fitted(widths, 1, 40, 2)[1] == 14  # under the least, ending at the edge
    assert fitted(widths, 1, 30, 2)[1] == 4  # however narrow
    # Too narrow to read: wholly past the edge, the topic taking the rest, or cut.
    assert fitted(widths, 1, 29, 2)[:2] == [22, 3]  # two characters and `…`
    assert fitted(widths, 1, 28, 2)[:2] == [26, LEAST_WIDTH]
    assert fitted(widths, 1, 20, 2)[:2] == [18, LEAST_WIDTH]  # 18 + 2 = 20
    assert fitted([10, 2, 8], 1, 16, 2) == [10, 2, 8]  # whole in the little room left
    assert fitted([10, 12, 8], 1, 30, 2) == [10, 12, 8]  # a narrow column is kept whole


async def test_at_60_columns_the_object_and_the_sentence_show(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await loaded(pilot)
        await pilot.press("t")
        screen = await listed(pilot)
        first = screen.threads[0]
        lines = screen_text(app).splitlines()
        assert "Object" in lines[2]
        assert first.about[:20] in lines[3]  # the object, from its start
        await pilot.press("enter")
        entries = screen.query_one("#thread-entries", DataTable)
        await laid_out(pilot, entries)
        lines = screen_text(app).splitlines()
        assert lines[1].rstrip(" │").endswith("…")  # the thread's heading, cut
        assert "Sentence" in lines[2]
        said = str(entries.get_row_at(0)[1])
        assert said[:20] in lines[3]
        await pilot.press("escape")
        await pilot.resize_terminal(140, 20)  # wide again: every column, whole
        await until(pilot, lambda: first.about[:60] in screen_text(app))
        lines = screen_text(app).splitlines()
        assert all(title in lines[2] for title in ("Topic", "Entries", "Stage", "Dates"))
        assert screen.query_one("#threads-table", DataTable).cursor_row == 0
        dates = str(screen.query_one("#threads-table", DataTable).get_row_at(0)[4])
        assert dates in lines[3]


async def test_back_from_a_thread_after_a_resize_the_list_shows_its_cursor(
    make_app: MakeApp,
) -> None:
    """The list fitted again to a new width while a thread's entries hide it: back to
    it, the row under the cursor is on screen (it was scrolled while hidden)."""
    app = make_app()
    async with app.run_test(size=(120, 14)) as pilot:
        await loaded(pilot)
        await pilot.press("t")
        screen = await listed(pilot)
        table = screen.query_one("#threads-table", DataTable)
        last = len(screen.threads) - 1
        assert last > table.scrollable_content_region.height  # the list scrolls
        await pilot.press(*["down"] * last)
        await pilot.press("enter")
        await laid_out(pilot, screen.query_one("#thread-entries", DataTable))
        await pilot.resize_terminal(90, 14)
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert table.cursor_row == last
        about = str(table.get_row_at(last)[1])[:20]
        await until(pilot, lambda: about in screen_text(app))


async def test_at_any_width_the_columns_shown_are_whole(make_app: MakeApp) -> None:
    """A column the width cannot hold whole is left past the edge, not half shown
    (a count cut to its first digit reads as another)."""
    from tui.screens.threads import COLUMNS

    app = make_app()
    async with app.run_test(size=(140, 20)) as pilot:
        await loaded(pilot)
        await pilot.press("t")
        screen = await listed(pilot)
        await pilot.press("enter")
        entries = screen.query_one("#thread-entries", DataTable)
        await laid_out(pilot, entries)
        for width in (26, 28, 32, 33, 36, 39, 44, 58, 64, 72, 80, 90, 100, 120):
            await pilot.resize_terminal(width, 20)
            await until(pilot, lambda w=width: screen._fitted_to == (w, 20))
            await pilot.pause()
            for table_id in ("thread-entries", "threads-table"):
                header = screen_text(app).splitlines()[2].strip("│ ▁▂▃▄▅▆▇█")
                titles = set(COLUMNS[table_id])
                long = COLUMNS[table_id][1]  # cut with an ellipsis, or whole
                words = [
                    w for w in header.split() if not (w[-1] == "…" and long[:-1].startswith(w[:-1]))
                ]
                assert set(words) <= titles, (width, header)
                if table_id == "thread-entries":
                    await pilot.press("escape")
                    await pilot.pause()
            await pilot.press("enter")
            await laid_out(pilot, entries)


async def test_while_the_library_is_read_the_count_says_it_is_of_what_is_read(
    make_app: MakeApp,
) -> None:
    from tui.core.store.model import RefreshProgress

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        app.library_state.progress = RefreshProgress("reading", 3, 10)
        await pilot.press("t")
        screen = await listed(pilot)
        found = screen.query_one("#threads-found", Label)
        count = f"{len(screen.threads)} threads of two entries or more"
        assert str(found.content) == (
            f"{count} so far · the library is still being read: counted again once it is"
        )
        app.library_state.progress = None  # read again, whole: never a stale count
        assert str(found.content) == "Linking the commitments of the whole library…"
        await until(pilot, lambda: str(found.content) == count)


async def test_a_scroll_bars_place_is_kept_only_when_the_rows_need_one(
    make_app: MakeApp,
) -> None:
    """Four entries in the four rows a short screen shows: the sentence takes the
    whole width; the nineteen threads: a scroll bar's two cells are left."""
    app = make_app()
    async with app.run_test(size=(80, 8)) as pilot:
        await loaded(pilot)
        await pilot.press("t")
        screen = await listed(pilot)
        inside = 80 - 4  # the box's border and padding

        def taken(table: DataTable[object], columns: int = 5) -> int:
            shown = list(table.columns.values())[:columns]
            return sum(c.width + 2 * table.cell_padding for c in shown)

        threads = screen.query_one("#threads-table", DataTable)
        # Up to Stage, the columns fill it to the scroll bar (the dates: past the edge).
        assert len(screen.threads) > 4 and taken(threads, 4) == inside - 2
        assert len(screen.threads[0].entries) == 4
        await pilot.press("enter")
        entries = screen.query_one("#thread-entries", DataTable)
        await laid_out(pilot, entries)
        assert taken(entries) == inside


async def test_the_list_read_again_keeps_the_cursor_on_its_thread(make_app: MakeApp) -> None:
    """A refresh ending (or the library changing) reads the threads again: the cursor
    stays on the thread it was on, not back at the top."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("t")
        screen = await listed(pilot)
        table = screen.query_one("#threads-table", DataTable)
        await pilot.press("down", "down", "down")
        chosen = screen.threads[3].id
        screen.refresh_library()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert table.cursor_row == 3 and screen.threads[3].id == chosen
        fills = screen._fills["threads-table"]
        screen.library._threads = None  # type: ignore[attr-defined]  # read from the file
        screen.refresh_library()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen._fills["threads-table"] == fills + 1  # new objects: filled again
        assert table.cursor_row == 3 and screen.threads[3].id == chosen
