"""The pickers (leader, topic): `/` narrows them by the words typed, folded; `down`
and `enter` from the field pick; `esc` empties the field, then hides it, then closes."""

from __future__ import annotations

from textual.widgets import Input, OptionList

from tests.app.conftest import MakeApp, loaded
from tests.app.test_library_ui import until
from tests.app.test_reader import SIZE
from tests.app.test_snapshots import SnapCompare, in_repository  # noqa: F401 (a fixture)
from tui.screens.leader_picker import LeaderPicker


def shown(app: object) -> list[str]:
    options = app.screen.query_one(OptionList)  # type: ignore[attr-defined]
    return [str(options.get_option_at_index(n).id) for n in range(options.option_count)]


async def test_slash_narrows_the_leaders_by_folded_words_and_enter_picks(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("l")
        assert isinstance(app.screen, LeaderPicker) and "\0all" in shown(app)
        await pilot.press("slash", *"luong")  # no diacritics typed: Lương Cường
        assert shown(app) == ["Lương Cường"]
        await pilot.press("backspace", *"ng", "space", "xxx")
        assert shown(app) == []
        await pilot.press("enter")  # nothing to pick: the picker stays
        assert isinstance(app.screen, LeaderPicker)
        field = app.screen.query_one(Input)
        field.value = "jin"
        await pilot.pause()
        assert shown(app) == ["Xi Jinping"]
        field.value = "i"
        await pilot.pause()
        narrowed = shown(app)
        assert len(narrowed) > 1 and "\0all" not in narrowed
        await pilot.press("down", "down", "up", "enter")  # the second
        await until(pilot, lambda: not isinstance(app.screen, LeaderPicker))
        assert app.screen.leader_filter == narrowed[1]  # type: ignore[attr-defined]


async def test_esc_empties_the_field_then_hides_it_then_closes(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("l", "slash", *"xi")
        picker = app.screen
        field = picker.query_one(Input)
        assert field.display and field.has_focus and len(shown(app)) == 1
        await pilot.press("escape")
        assert app.screen is picker and field.value == "" and field.display
        assert "\0all" in shown(app)
        await pilot.press("escape")
        assert app.screen is picker and not field.display
        assert picker.query_one(OptionList).has_focus
        await pilot.press("j", "escape")  # the list's keys again, then close
        assert not isinstance(app.screen, LeaderPicker)


def test_snapshot_of_a_narrowed_picker(snap_compare: SnapCompare, make_app: MakeApp) -> None:
    async def narrow(pilot: object) -> None:
        await loaded(pilot)  # type: ignore[arg-type]
        await pilot.press("l", "slash", *"lam")  # type: ignore[attr-defined]
        await pilot.pause()  # type: ignore[attr-defined]

    assert snap_compare(make_app(), terminal_size=(140, 40), run_before=narrow)
