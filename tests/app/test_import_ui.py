"""The palette's "Import…": a dialog takes a path or a web address, the import runs in
a worker with its progress in the status line, each outcome is said in one line, and
the article that came in is listed and opened at once. Pages are the saved fixtures
and the import tests' local web server."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Input, Label, ProgressBar

from tests.app.conftest import MakeApp, loaded, palette_prompts
from tests.conftest import SEEDS
from tests.core.importing.web import DATA, Route, Site, serving
from tui.app import ReadoutApp
from tui.screens.changes import ChangesScreen
from tui.screens.import_dialog import ImportDialog
from tui.screens.reader import ReaderScreen
from tui.widgets.status_bar import StatusBar

SIZE = (110, 32)
VNA_FILE = "2025-03-11-vietnamese-lao-prime-ministers-hold-phone-talks-on-cross.md"


@pytest.fixture
def site() -> Iterator[Site]:
    with serving() as running:
        yield running


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Two seeds: a small library to import into."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ("000_250548e130747c8a.txt", "004_fecb52052cebe9ee.txt"):
        shutil.copy(SEEDS / name, folder / name)
    return folder


async def open_dialog(pilot: object) -> ImportDialog:
    app = pilot.app  # type: ignore[attr-defined]
    prompts = await palette_prompts(pilot, "import")
    assert prompts[0].startswith("Import…\n")
    await pilot.press("enter")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, ImportDialog)
    return app.screen


async def import_by_keys(pilot: object, source: str) -> None:
    """Open the dialog, type `source`, Enter; wait for the import and the refresh."""
    app = pilot.app  # type: ignore[attr-defined]
    dialog = await open_dialog(pilot)
    dialog.query_one(Input).value = source  # as typed: one key a character is slow
    await pilot.press("enter")  # type: ignore[attr-defined]
    await loaded(pilot)  # type: ignore[arg-type]
    assert app.library_state.importing is None


def said(app: ReadoutApp) -> list[str]:
    return [n.message for n in app._notifications]


async def test_a_saved_page_is_imported_listed_and_opened(make_app: MakeApp, corpus: Path) -> None:
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await import_by_keys(pilot, str(DATA / "vna-style.html"))
        assert (corpus / VNA_FILE).is_file()
        assert said(app) == [
            "Imported: Vietnamese, Lao Prime Ministers hold phone talks on cross-border"
            f" railway ({VNA_FILE})"
        ]
        assert app.library is not None and app.library.count() == 3
        assert app.reader.current == VNA_FILE
        assert app.reader.query_one("ArticleList").cursor_id == VNA_FILE  # type: ignore[attr-defined]


async def test_a_page_from_the_web_then_its_revision_with_its_changes(
    make_app: MakeApp, corpus: Path, site: Site
) -> None:
    url = site.fixture("/page", "ministry-style.html")
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await import_by_keys(pilot, url)
        (written,) = [n for n in said(app) if n.startswith("Imported: ")]
        opened = app.reader.current
        assert opened is not None and written.endswith(f" ({opened})")
        changed = (DATA / "ministry-style.html").read_text(encoding="utf-8")
        site.page("/page", changed.replace("for about 25 minutes", "for about 40 minutes"))
        await import_by_keys(pilot, url)
        assert said(app)[-1].endswith("the text changed; the earlier text kept as version 1")
        article = app.library.get(opened) if app.library else None
        assert article is not None and article.versions == 1
        assert app.reader.current == opened
        await pilot.press("D")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ChangesScreen)
        await pilot.press("escape")
        await import_by_keys(pilot, url)
        assert said(app)[-1].startswith(f"Skipped {url}: same URL as ")


async def test_a_folder_of_pages_and_a_feed_comes_in_whole(
    make_app: MakeApp, corpus: Path, tmp_path: Path
) -> None:
    saved = tmp_path / "saved"
    saved.mkdir()
    for name in ("vna-style.html", "xinhua-style.html", "full-content.atom"):
        shutil.copy(DATA / name, saved / name)
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await import_by_keys(pilot, str(saved))
        assert [n.split(":")[0] for n in said(app)] == ["Imported"] * 4
        assert len(list(corpus.glob("*.md"))) == 4
        assert app.library is not None and app.library.count() == 6
        assert app.reader.current == "004_fecb52052cebe9ee.txt"  # several: none opened


async def test_esc_cancels_the_dialog_and_imports_nothing(make_app: MakeApp, corpus: Path) -> None:
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        dialog = await open_dialog(pilot)
        dialog.query_one(Input).value = str(DATA / "vna-style.html")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert not [w for w in app.workers if w.group == "import"]
        assert sorted(p.name for p in corpus.iterdir()) == [
            "000_250548e130747c8a.txt", "004_fecb52052cebe9ee.txt",
        ]  # fmt: skip


async def test_a_failing_source_is_said_in_one_line_and_writes_nothing(
    make_app: MakeApp, corpus: Path
) -> None:
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await import_by_keys(pilot, str(DATA / "section-index.html"))
        (failure,) = [n for n in app._notifications if n.severity == "error"]
        assert failure.message == (
            f"Import failed: {DATA}/section-index.html: no article text in the page"
            " (a list of links or headlines, not an article)"
        )
        await import_by_keys(pilot, str(corpus / "missing.html"))
        assert said(app)[-1] == f"Import failed: no such file or folder: {corpus}/missing.html"
        assert len(list(corpus.glob("*.md"))) == 0
        assert app.library is not None and app.library.count() == 2


async def test_the_status_line_shows_the_import_under_way(
    make_app: MakeApp, corpus: Path, site: Site
) -> None:
    site.routes["/slow"] = Route(hang=True)
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await open_dialog(pilot)
        app.screen.query_one(Input).value = site.url("/slow")
        await pilot.press("enter")
        for _ in range(100):  # until the request has reached the server
            await pilot.pause(0.02)
            if site.requests:
                break
        await pilot.pause()
        status = app.reader.query_one(StatusBar)
        summary = str(status.query_one("#summary", Label).render())
        assert summary == f"2 articles · Importing… {site.url('/slow')}"
        assert status.busy
        assert status.query_one(ProgressBar).total is None  # one source: no percentage
        app.importing.ask()  # (the palette would wait for every worker: this one hangs)
        await pilot.pause()
        assert said(app)[-1] == "An import is under way: wait for it to end."
        assert isinstance(app.screen, ReaderScreen)
        site.released.set()  # the server answers nothing: the import fails
        await loaded(pilot)
        assert app.library_state.importing is None
        assert said(app)[-1].startswith("Import failed: ")
        assert not status.busy
