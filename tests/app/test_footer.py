"""The reader's footer shows the keys of the focused pane, and is rebuilt only when
they change (Textual's rebuilds it on every focus change, each a layout and a redraw)."""

from __future__ import annotations

from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from tests.app.conftest import MakeApp, loaded
from tests.app.test_reader import SIZE, reader


def shown_keys(footer: Footer) -> list[str]:
    return [key.key for key in footer.query(FooterKey)]


async def test_the_footer_is_rebuilt_only_when_its_keys_change(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        screen = reader(app)
        footer = screen.query_one(Footer)
        before = list(footer.query(FooterKey))
        assert "e" not in shown_keys(footer)
        screen.refresh_bindings()  # as the pane folding and the search hits do
        await pilot.pause()
        after = list(footer.query(FooterKey))
        assert len(after) == len(before)
        assert all(new is old for new, old in zip(after, before, strict=True))
        await pilot.press("enter", "tab")  # the reader, then the Leaders panel
        await pilot.pause()
        assert shown_keys(footer)[:3] == ["e", "M", "x"]  # rename, merge, not a person
        await pilot.press("shift+tab", "shift+tab")  # back to the list
        await pilot.pause()
        assert "e" not in shown_keys(footer)
