"""The app while its store is replaced under it (`readout refresh --rebuild` in another
terminal, the store deleted): the list shows the new store; a search hit whose article
is gone never marks a passage of another article; errors are one line, said once."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.worker import WorkerState

from tests.app.conftest import MakeApp, loaded
from tests.app.test_library_ui import ONE, until, warm
from tests.app.test_reader import SIZE, listed_ids, open_id, reader
from tests.conftest import WriteCorpus
from tui.core.search import SearchHit
from tui.core.store import Library, LibraryError, default_store_path, schema
from tui.screens.search import SearchOutcome
from tui.widgets.article_view import ArticleView


async def test_a_store_rebuilt_by_another_process_shows_in_the_app(
    make_app: MakeApp, write_corpus: WriteCorpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_corpus(ONE)
    app = make_app(corpus=folder)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        assert listed_ids(app) == ["b.txt", "a.txt"]
        # The app no longer looks at the folder: only the store tells it.
        monkeypatch.setattr(Library, "changed_on_disk", lambda library: False)
        (folder / "c.txt").write_text("date 2025-03-01\nThird readout.", encoding="utf-8")
        schema.remove_store(default_store_path(folder))  # `readout refresh --rebuild`
        warm(folder)
        await until(pilot, lambda: listed_ids(app) == ["c.txt", "b.txt", "a.txt"])
        assert app.library is not None and app.library.get("c.txt") is not None


async def test_a_hit_whose_article_is_gone_opens_nothing_else(
    make_app: MakeApp, write_corpus: WriteCorpus
) -> None:
    folder = write_corpus(ONE)
    app = make_app(corpus=folder)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        before = open_id(app)
        gone = SearchHit("gone.txt", dt.date(2025, 3, 1), 1.0, "Third", 0, 5, ((0, 5),))
        hits = reader(app).search
        hits._searched(SearchOutcome("third", gone, (gone,)))
        await pilot.pause()
        assert open_id(app) == before and hits.hits == ()
        assert reader(app).query_one(ArticleView)._marks.marked is None
        assert any("no longer" in n.message for n in app._notifications)


async def test_a_store_error_met_watching_is_one_line_and_said_once(
    make_app: MakeApp, write_corpus: WriteCorpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_corpus(ONE)
    warm(folder)
    app = make_app(corpus=folder)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)

        def failing(library: Library) -> int:
            raise LibraryError("cannot use the library store /x/library.sqlite: disk I/O error")

        monkeypatch.setattr(Library, "generation", failing)
        for _ in range(3):
            worker = app.upkeep.look(app.library, folder=False)  # type: ignore[arg-type]
            await until(pilot, lambda w=worker: w.state == WorkerState.ERROR)
            await pilot.pause()
        said = [n for n in app._notifications if "disk I/O error" in n.message]
        assert len(said) == 1 and said[0].message.startswith("cannot use the library store")
