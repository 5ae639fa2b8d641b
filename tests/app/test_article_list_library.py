"""The article list over a real `Library` of the seeds: what the store lists is what the
list shows, narrowed, reversed, and re-read after the store changed."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.app.conftest import BUNDLED, screen_text
from tests.app.test_article_list import SIZE, ListApp
from tests.conftest import SEEDS
from tests.core.test_store_records import fill
from tui.core.store import Library
from tui.widgets.article_list import ArticleList, LibraryPages

NEWEST, OLDEST = "004_fecb52052cebe9ee.txt", "003_a5266ca7b85631b7.txt"


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    with Library.open(folder, lexicon=BUNDLED.lexicon) as library:
        fill(library._conn(), library.root, BUNDLED.lexicon)  # as a refresh writes them
        yield library


def shown_ids(listing: ArticleList) -> list[str | None]:
    return [listing.id_at(at) for at in range(listing.pages.count())]


def listing(pilot: Pilot[None]) -> ArticleList:
    return pilot.app.query_one(ArticleList)


async def test_the_list_shows_the_library_in_its_order_under_its_headings(
    library: Library,
) -> None:
    async with ListApp(LibraryPages(library)).run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert shown_ids(listing(pilot)) == [a.id for a in library.articles()]
        assert listing(pilot).headings() == [
            "2026", "─ January", "2025", "─ April", "─ January", "2024", "─ August",
        ]  # fmt: skip
        assert listing(pilot).cursor_id == NEWEST
        await pilot.press("G")
        assert listing(pilot).cursor_id == OLDEST
        assert "Tô Lâm – Xi Jinping ·" in screen_text(pilot.app)


async def test_oldest_first_and_a_leader_narrow_the_list(library: Library) -> None:
    async with ListApp(LibraryPages(library)).run_test(size=SIZE) as pilot:
        listing(pilot).show_pages(LibraryPages(library, oldest_first=True), NEWEST)
        assert shown_ids(listing(pilot)) == [a.id for a in library.articles()][::-1]
        assert listing(pilot).cursor_id == NEWEST
        leader, count = next(iter(library.leaders().items()))
        listing(pilot).show_pages(LibraryPages(library, leader=leader))
        assert shown_ids(listing(pilot)) == [a.id for a in library.articles(leader=leader)]
        assert len(shown_ids(listing(pilot))) == count
        only = {NEWEST, OLDEST}
        listing(pilot).show_pages(LibraryPages(library, only=only), OLDEST)
        assert shown_ids(listing(pilot)) == [NEWEST, OLDEST]
        assert listing(pilot).cursor_id == OLDEST


async def test_after_the_store_changed_the_list_rereads_and_keeps_its_cursor(
    library: Library, tmp_path: Path
) -> None:
    async with ListApp(LibraryPages(library), OLDEST).run_test(size=SIZE) as pilot:
        newer = (SEEDS / NEWEST).read_text(encoding="utf-8")
        dropped = tmp_path / "dropped"
        dropped.mkdir()
        (dropped / "005_new.txt").write_text(
            newer.replace("2026-01-26", "2026-02-02"), encoding="utf-8"
        )
        fill(library._conn(), dropped, BUNDLED.lexicon)  # another writer added an article
        listing(pilot).refresh_pages()
        await pilot.pause()
        ids = shown_ids(listing(pilot))
        assert len(ids) == 6 and ids[0] == "005_new.txt" and ids[-1] == OLDEST
        assert listing(pilot).cursor_id == OLDEST
        assert listing(pilot).headings()[:2] == ["2026", "─ February"]
