"""The app on the library store: the list shows from the store at once, the folder is
watched while the app runs (files dropped in or deleted show without `r`), another
process's refresh shows too, and a store that cannot be used is rebuilt with a notice."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from filelock import FileLock
from textual.pilot import Pilot
from textual.widgets import Label, OptionList, Static

from tests.app.conftest import BUNDLED, MakeApp, loaded
from tests.app.test_reader import SIZE, listed_ids, open_id, reader, shown_text
from tests.conftest import WriteCorpus
from tui.app import ReadoutApp
from tui.core.cancel import Cancelled
from tui.core.store import Library, RefreshProgress, default_store_path, schema
from tui.screens.search import SearchScreen
from tui.widgets.article_view import ArticleView

WAIT = 15.0
"""Seconds a test waits for what the app does on its own (it looks every 2 s)."""

ONE = {"a.txt": "date 2025-01-01\nFirst readout.", "b.txt": "date 2025-02-01\nSecond readout."}


def warm(folder: Path) -> None:
    """Make and fill the store of `folder`, as a previous run of the app would have."""
    with Library.open(folder, lexicon=BUNDLED.lexicon, synonyms=BUNDLED.synonyms) as library:
        library.refresh()


async def until(pilot: Pilot[None], condition: Any, seconds: float = WAIT) -> None:
    """Let the app run until `condition()` holds (failing after `seconds`)."""
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    assert condition()


def blocked_refresh(monkeypatch: pytest.MonkeyPatch, release: threading.Event) -> None:
    """Every refresh waits for `release` (stopping when its worker is cancelled)."""
    refresh = Library.refresh

    def waiting(library: Library, *args: Any, **kwargs: Any) -> object:
        should_stop = kwargs["should_stop"]
        while not release.wait(0.01):
            if should_stop():
                raise Cancelled
        return refresh(library, *args, **kwargs)

    monkeypatch.setattr(Library, "refresh", waiting)


async def test_the_list_shows_from_a_warm_store_before_any_refresh_ends(
    make_app: MakeApp, write_corpus: WriteCorpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_corpus(ONE)
    warm(folder)
    release = threading.Event()
    blocked_refresh(monkeypatch, release)
    app = make_app(corpus=folder)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: open_id(app) == "b.txt")
        assert listed_ids(app) == ["b.txt", "a.txt"]
        assert app.library_state.progress is not None  # the refresh is still waiting
        assert app.library_state.refreshed is None
        release.set()
        await loaded(pilot)


async def test_a_file_dropped_into_the_folder_is_listed_without_r(
    make_app: MakeApp, write_corpus: WriteCorpus
) -> None:
    folder = write_corpus(ONE)
    app = make_app(corpus=folder)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        (folder / "c.txt").write_text("date 2025-03-01\nThird readout.", encoding="utf-8")
        await until(pilot, lambda: listed_ids(app) == ["c.txt", "b.txt", "a.txt"])
        assert open_id(app) == "b.txt"  # the article being read stays open


async def test_a_file_deleted_from_the_folder_disappears(
    make_app: MakeApp, write_corpus: WriteCorpus
) -> None:
    folder = write_corpus(ONE)
    app = make_app(corpus=folder)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        (folder / "a.txt").unlink()
        await until(pilot, lambda: listed_ids(app) == ["b.txt"])


async def test_the_open_article_is_read_again_when_its_file_changes(
    make_app: MakeApp, write_corpus: WriteCorpus
) -> None:
    folder = write_corpus(ONE)
    app = make_app(corpus=folder)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        view = reader(app).query_one(ArticleView)
        (folder / "b.txt").write_text("date 2025-02-01\nSecond, corrected.", encoding="utf-8")
        await until(pilot, lambda: view.article is not None and "corrected" in view.article.text)
        assert listed_ids(app) == ["b.txt", "a.txt"]


async def test_another_process_refreshing_the_store_shows_in_the_app(
    make_app: MakeApp, write_corpus: WriteCorpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_corpus(ONE)
    app = make_app(corpus=folder)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        # The app no longer looks at the folder: only the store's generation tells it.
        monkeypatch.setattr(Library, "changed_on_disk", lambda library: False)
        (folder / "c.txt").write_text("date 2025-03-01\nThird readout.", encoding="utf-8")
        warm(folder)  # another process (here, another Library) refreshes the store
        await until(pilot, lambda: listed_ids(app) == ["c.txt", "b.txt", "a.txt"])


async def test_an_empty_library_another_process_is_reading_says_so(
    make_app: MakeApp, write_corpus: WriteCorpus
) -> None:
    """Not "No articles in …" while another readout builds the library."""
    folder = write_corpus(ONE)
    Library.open(folder, lexicon=BUNDLED.lexicon).close()  # made by the other readout
    with FileLock(schema.lock_path(default_store_path(folder))):  # which is refreshing
        app = make_app(corpus=folder)
        async with app.run_test(size=SIZE) as pilot:
            state = app.library_state
            await until(pilot, lambda: state.library is not None and state.progress is None)
            await pilot.pause()
            said = shown_text(app.screen.query_one("#empty", Static))
            assert "Another readout is reading the folder" in said
            assert "No articles" not in said


@pytest.mark.parametrize("kept", [0.5, 0.0], ids=["truncated", "text"])
async def test_a_corrupt_store_is_rebuilt_with_a_notice_and_the_app_works(
    make_app: MakeApp, write_corpus: WriteCorpus, kept: float
) -> None:
    folder = write_corpus(ONE)
    warm(folder)
    store = default_store_path(folder)
    whole = store.read_bytes()
    store.write_bytes(whole[: int(len(whole) * kept)] or b"not a database at all\n" * 100)
    for side in (store.with_name(store.name + "-wal"), store.with_name(store.name + "-shm")):
        side.unlink(missing_ok=True)
    app = make_app(corpus=folder)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        notices = [n for n in app._notifications if n.title == "Library"]
        assert len(notices) == 1 and "\n" not in notices[0].message
        assert listed_ids(app) == ["b.txt", "a.txt"]
        assert open_id(app) == "b.txt"


async def test_a_missing_corpus_folder_is_an_error_not_a_traceback(
    make_app: MakeApp, tmp_path: Path
) -> None:
    app = make_app(corpus=tmp_path / "nowhere")
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        errors = [n for n in app._notifications if n.severity == "error"]
        assert len(errors) == 1 and errors[0].title == "Cannot open the library"
        assert "nowhere" in errors[0].message
        await pilot.press("r", "slash", "l", "n")  # keys wanting a library: nothing breaks
        assert isinstance(app, ReadoutApp) and app.library is None


async def test_search_while_the_library_is_read_says_so_and_fills_in(
    make_app: MakeApp, write_corpus: WriteCorpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_corpus(ONE)
    app = make_app(corpus=folder)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        monkeypatch.setattr(Library, "changed_on_disk", lambda library: False)
        await pilot.press("slash", *"readout")
        await until(pilot, lambda: len(getattr(app.screen, "hits", ())) == 2)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await pilot.press("down")  # the cursor on the second passage
        chosen = screen.hits[1]
        found = screen.query_one("#found", Label)
        # A refresh is reading files (as at a cold start): the count says it is partial.
        app.library_state.progress = RefreshProgress("reading", 2, 5)
        (folder / "c.txt").write_text("date 2024-03-01\nThird readout.", encoding="utf-8")
        warm(folder)  # a batch lands: the same query is searched again
        await until(pilot, lambda: len(screen.hits) == 3)
        assert "3 passages · 2 of 5 files read so far" in shown_text(found)
        app.library_state.progress = RefreshProgress("reading", 4, 5)  # as the status line
        await until(pilot, lambda: "3 passages · 4 of 5 files read so far" in shown_text(found))
        results = screen.query_one(OptionList)
        assert results.highlighted is not None and screen.hits[results.highlighted] == chosen
        app.library_state.progress = None
        await pilot.press("backspace")  # another query: no longer said to be partial
        await until(
            pilot, lambda: "so far" not in shown_text(found) and "passage" in shown_text(found)
        )


async def test_a_passage_gone_as_a_batch_lands_leaves_the_cursor_where_it_was(
    make_app: MakeApp, write_corpus: WriteCorpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    four = {
        **ONE,
        "c.txt": "date 2024-03-01\nThird readout.",
        "d.txt": "date 2024-04-01\nFourth readout.",
    }
    folder = write_corpus(four)
    app = make_app(corpus=folder)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        monkeypatch.setattr(Library, "changed_on_disk", lambda library: False)
        await pilot.press("slash", *"readout")
        await until(pilot, lambda: len(getattr(app.screen, "hits", ())) == 4)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await pilot.press("down", "down")  # the third passage
        results = screen.query_one(OptionList)
        gone, after = screen.hits[2], screen.hits[3]
        (folder / gone.article_id).unlink()
        warm(folder)  # a batch lands without it: the same query is searched again
        await until(pilot, lambda: len(screen.hits) == 3)
        assert gone not in screen.hits
        assert results.highlighted == 2 and screen.hits[2] == after
