"""Corrections by keys: from the Leaders panel (e rename, M merge, x not a person,
A add to the gazetteer) and the Commitments panel (x not a commitment, t kind,
e actor). Each writes the corrections file, and the panels show the article
extracted again."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tests.app.conftest import MakeApp, loaded, palette_prompts
from tests.app.test_reader import SIZE, reader
from tui.app import ReadoutApp
from tui.core.cancel import Cancelled
from tui.core.corrections import read_corrections
from tui.core.extract import Extraction
from tui.core.extract.corrections import AddLeader, CommitmentFix, NotPerson, Rename
from tui.core.extract.lexicon import LeaderEntry
from tui.core.store import Library
from tui.screens.bookmark import ConfirmDialog
from tui.screens.correct import ChoiceDialog, GazetteerDialog, NameDialog
from tui.screens.help import HelpScreen
from tui.widgets.commitments_panel import CommitmentsPanel
from tui.widgets.leaders_panel import LeadersPanel

OLDEST = "003_a5266ca7b85631b7.txt"


async def to_leaders(pilot: Pilot[None]) -> None:
    """The oldest article open, the Leaders panel focused."""
    await loaded(pilot)
    await pilot.press("G", "enter", "tab")  # the list -> the reader -> the leaders
    assert pilot.app.focused is reader(pilot.app).query_one(LeadersPanel)


async def to_commitments(pilot: Pilot[None]) -> None:
    await to_leaders(pilot)
    await pilot.press("tab")
    assert pilot.app.focused is reader(pilot.app).query_one(CommitmentsPanel)


async def settled(pilot: Pilot[None]) -> None:
    """The write, the extraction and the refresh after it are done, and the screen
    shows them."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    await loaded(pilot)


def extractions(app: ReadoutApp) -> dict[str, Extraction]:
    """Every article's extraction in the library."""
    library = app.library
    assert library is not None
    return library.extractions([article.id for article in library.articles()])


def titles(app: ReadoutApp) -> dict[str, str]:
    library = app.library
    assert library is not None
    return {article.id: article.title for article in library.articles()}


def fixes(tmp_path: Path) -> list[object]:
    return [entry.correction for entry in read_corrections(tmp_path / "corrections.yaml").entries]


def leader_ids(app: ReadoutApp) -> list[str | None]:
    return [option.id for option in reader(app).query_one(LeadersPanel).options]


def commitment_rows(app: ReadoutApp) -> list[str]:
    return [str(option.prompt) for option in reader(app).query_one(CommitmentsPanel).options]


async def test_e_renames_the_leader_and_the_panels_follow(
    make_app: MakeApp, tmp_path: Path
) -> None:
    app = make_app()
    notified: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await to_leaders(pilot)
        await pilot.press("j", "e")  # Xi Jinping
        assert isinstance(app.screen, NameDialog)
        field = app.screen.query_one(Input)
        assert field.value == "Xi Jinping"
        field.value = ""
        app.notify = lambda message, **_: notified.append(message)  # type: ignore[method-assign]
        await pilot.press(*"Xi # [b]Jinping[/b]", "enter")
        await settled(pilot)
        assert fixes(tmp_path) == [Rename("Xi Jinping", "Xi # [b]Jinping[/b]")]
        assert leader_ids(app) == ["Tô Lâm", "Xi # [b]Jinping[/b]", "Nguyễn Phú Trọng"]
        assert reader(app).query_one(LeadersPanel).highlighted == 1  # still on the same one
        assert any("Xi # [b]Jinping[/b]" in row for row in commitment_rows(app))
        assert notified == ["rename Xi Jinping to Xi # [b]Jinping[/b]"]
        assert all(
            "Xi Jinping" not in [x.name for x in e.leaders] for e in extractions(app).values()
        )


async def test_titles_follow_a_rename_without_a_reload(make_app: MakeApp, tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await to_leaders(pilot)
        before = titles(app)
        assert any("Xi Jinping" in title for title in before.values())
        await pilot.press("j", "e")  # Xi Jinping
        app.screen.query_one(Input).value = "Xi [b]J[/b]"
        await pilot.press("enter")
        await settled(pilot)
        assert titles(app) == {
            key: title.replace("Xi Jinping", "Xi [b]J[/b]") for key, title in before.items()
        }
        assert reader(app).current == OLDEST


async def test_esc_in_a_dialog_writes_nothing(make_app: MakeApp, tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await to_leaders(pilot)
        the_reader = app.screen
        for key in ("e", "M", "x", "A"):
            await pilot.press(key)
            assert app.screen is not the_reader
            await pilot.press("escape")
            assert app.screen is the_reader
        await settled(pilot)
        assert not (tmp_path / "corrections.yaml").exists()


async def test_shift_m_merges_the_leader_into_one_picked(make_app: MakeApp, tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await to_leaders(pilot)
        await pilot.press("G", "M")  # Nguyễn Phú Trọng, into...
        dialog = app.screen
        assert isinstance(dialog, ChoiceDialog)
        assert dialog.choices[:2] == ["Tô Lâm", "Xi Jinping"]  # this article's first
        assert "Mao Zedong" in dialog.choices  # then the corpus's
        await pilot.press("enter")
        await settled(pilot)
        assert fixes(tmp_path) == [Rename("Nguyễn Phú Trọng", "Tô Lâm", merge=True)]
        assert leader_ids(app) == ["Tô Lâm", "Xi Jinping"]


async def test_x_marks_a_leader_as_not_a_person_after_a_confirmation(
    make_app: MakeApp, tmp_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await to_leaders(pilot)
        await pilot.press("G", "x")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await settled(pilot)
        assert fixes(tmp_path) == [NotPerson("Nguyễn Phú Trọng")]
        assert leader_ids(app) == ["Tô Lâm", "Xi Jinping"]


async def test_shift_a_adds_the_leader_to_the_gazetteer(make_app: MakeApp, tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await to_leaders(pilot)
        await pilot.press("A")
        dialog = app.screen
        assert isinstance(dialog, GazetteerDialog)
        assert dialog.query_one("#country", Input).value == "Việt Nam"
        assert dialog.query_one("#short", Input).value == "Lâm"
        dialog.query_one("#aliases", Input).value = "To Lam, Tô Lâm (CPV)"
        await pilot.press("enter")
        await settled(pilot)
        entry = LeaderEntry("Tô Lâm", "Việt Nam", ("To Lam", "Tô Lâm (CPV)"), ("Lâm",))
        assert fixes(tmp_path) == [AddLeader(entry)]


async def test_the_gazetteer_dialog_offers_the_short_forms_the_article_uses(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await to_leaders(pilot)
        await pilot.press("down", "A")  # Xi Jinping, called Xi: not "Jinping"
        dialog = app.screen
        assert isinstance(dialog, GazetteerDialog)
        assert dialog.query_one("#short", Input).value == "Xi"


async def test_x_in_the_commitments_panel_drops_the_commitment(
    make_app: MakeApp, tmp_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await to_commitments(pilot)
        before = commitment_rows(app)
        await pilot.press("j", "j", "x", "y")
        await settled(pilot)
        [fix] = fixes(tmp_path)
        assert isinstance(fix, CommitmentFix) and fix.drop and fix.article == OLDEST
        assert commitment_rows(app) == before[:2] + before[3:]
        assert reader(app).query_one(CommitmentsPanel).highlighted == 2


async def test_t_changes_the_kind_from_the_six(make_app: MakeApp, tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await to_commitments(pilot)
        await pilot.press("t")
        dialog = app.screen
        assert isinstance(dialog, ChoiceDialog)
        assert dialog.choices == [
            "pledge", "agreement", "proposal", "readiness", "announcement", "invitation",
        ]  # fmt: skip
        await pilot.press("g", "enter")  # the first: pledge
        await settled(pilot)
        [fix] = fixes(tmp_path)
        assert isinstance(fix, CommitmentFix) and fix.kind == "pledge"
        assert commitment_rows(app)[0].startswith(" pledge ")


async def test_e_in_the_commitments_panel_changes_the_actor(
    make_app: MakeApp, tmp_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await to_commitments(pilot)
        await pilot.press("e")
        dialog = app.screen
        assert isinstance(dialog, ChoiceDialog)
        assert dialog.choices[:4] == ["Tô Lâm", "Xi Jinping", "Nguyễn Phú Trọng", "both"]
        assert {"Việt Nam", "China"} <= set(dialog.choices)
        await pilot.press("G", "enter")
        await settled(pilot)
        [fix] = fixes(tmp_path)
        assert isinstance(fix, CommitmentFix) and fix.actors == (dialog.choices[-1],)
        assert f"{dialog.choices[-1]}" in commitment_rows(app)[0]


async def test_a_broken_file_is_a_notification_and_nothing_is_written(
    make_app: MakeApp, tmp_path: Path
) -> None:
    (tmp_path / "corrections.yaml").write_text("- rename: [A\n", "utf-8")
    app = make_app()
    notified: list[tuple[str, str]] = []
    app.notify = lambda message, title="", **_: notified.append((title, message))  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await to_leaders(pilot)
        assert notified[0][0] == "Corrections file"
        assert notified[0][1].startswith("corrections.yaml:2: invalid YAML")
        await pilot.press("x", "y")
        await settled(pilot)
        assert notified[-1][0] == "Not corrected"
        assert "invalid YAML" in notified[-1][1]
        assert (tmp_path / "corrections.yaml").read_text("utf-8") == "- rename: [A\n"


async def test_a_hand_edit_while_the_app_runs_is_applied(make_app: MakeApp, tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await to_leaders(pilot)
        (tmp_path / "corrections.yaml").write_text("- not-person: Tô Lâm\n", "utf-8")
        app.correcting.check_for_changes()
        await settled(pilot)
        assert leader_ids(app) == ["Xi Jinping", "Nguyễn Phú Trọng"]


async def test_undo_from_the_palette_removes_the_last_correction(
    make_app: MakeApp, tmp_path: Path
) -> None:
    (tmp_path / "corrections.yaml").write_text("- not-person: Tô Lâm\n", "utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await to_leaders(pilot)
        assert "Tô Lâm" not in leader_ids(app)
        prompts = await palette_prompts(pilot, "undo last")
        assert prompts[0].startswith("Undo last correction\n")
        await pilot.press("enter")
        await settled(pilot)
        assert fixes(tmp_path) == []
        assert "Tô Lâm" in leader_ids(app)


async def test_the_help_lists_the_correction_keys(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        sections = dict(app.key_sections())
        assert ("M", "Merge") in sections["Leaders panel"]
        assert ("x", "Not a commitment") in sections["Commitments panel"]


async def test_the_open_article_is_extracted_again_first_and_a_newer_run_cancels_the_older(
    make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    release = threading.Event()
    stopped: list[bool] = []

    async with app.run_test(size=SIZE) as pilot:
        await to_leaders(pilot)
        refresh = type(app.library).refresh

        def slow_refresh(library: Library, *args: Any, **kwargs: Any) -> object:
            should_stop = kwargs["should_stop"]
            while not release.wait(0.01):
                if should_stop():
                    stopped.append(True)
                    raise Cancelled
            return refresh(library, *args, **kwargs)

        monkeypatch.setattr(type(app.library), "refresh", slow_refresh)
        (tmp_path / "corrections.yaml").write_text("- not-person: Tô Lâm\n", "utf-8")
        app.corrected(OLDEST)
        for _ in range(100):  # the open article, while the rest waits for the refresh
            await pilot.pause(0.02)
            if "Tô Lâm" not in leader_ids(app):
                break
        assert leader_ids(app) == ["Xi Jinping", "Nguyễn Phú Trọng"]
        others = [e for i, e in extractions(app).items() if i != OLDEST]
        assert any("Tô Lâm" in [leader.name for leader in e.leaders] for e in others)
        app.corrected(OLDEST)  # a newer run: the older one stops
        for _ in range(100):
            await pilot.pause(0.02)
            if stopped:
                break
        assert stopped == [True]
        release.set()
        await settled(pilot)
        found = extractions(app).values()
        assert all("Tô Lâm" not in [leader.name for leader in e.leaders] for e in found)
        assert leader_ids(app) == ["Xi Jinping", "Nguyễn Phú Trọng"]


async def test_commitments_narrowed_to_a_leader_who_is_renamed_show_all_again(
    make_app: MakeApp, tmp_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await to_leaders(pilot)
        await pilot.press("j", "f")  # narrowed to Xi Jinping
        panel = reader(app).query_one(CommitmentsPanel)
        assert str(panel.border_title).startswith("Commitments of Xi Jinping")
        await pilot.press("x", "y")
        await settled(pilot)
        assert str(panel.border_title).startswith("Commitments (")


async def test_the_corrected_open_article_stays_corrected_while_another_process_refreshes(
    make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await to_leaders(pilot)
        # Another process holds the refresh lock: this app's refreshes return at once.
        monkeypatch.setattr(type(app.library), "refresh", lambda *args, **kwargs: None)
        (tmp_path / "corrections.yaml").write_text("- not-person: Tô Lâm\n", "utf-8")
        app.corrected(OLDEST)
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        assert app.library_state.progress is None
        assert leader_ids(app) == ["Xi Jinping", "Nguyễn Phú Trọng"]
