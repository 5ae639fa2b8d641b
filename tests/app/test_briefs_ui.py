"""`w` writes a brief of quotes: on the Threads screen, of the thread under the cursor
(or shown); on a leader's profile, of their commitments; to a new file beside the
notes file, never over one, its path said."""

from __future__ import annotations

from pathlib import Path

from tests.app.conftest import MakeApp, loaded
from tests.app.test_library_ui import until
from tests.app.test_profile_ui import _profile
from tests.app.test_reader import SIZE
from tests.app.test_threads_ui import listed, to_railway


def briefs(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.glob("brief-*.md"))


async def test_w_writes_the_railway_threads_brief_beside_the_notes(
    make_app: MakeApp, tmp_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("t")
        screen = await listed(pilot)
        await to_railway(pilot, screen)
        await pilot.press("w")
        await until(pilot, lambda: len(briefs(tmp_path)) == 1)
        (name,) = briefs(tmp_path)
        text = (tmp_path / name).read_text(encoding="utf-8")
        assert name.startswith("brief-thread-") and text.startswith("# Thread: railway · ")
        assert text.count("\n- **") == 5
        await pilot.press("enter", "w")  # the thread shown: a second file, the first kept
        await until(pilot, lambda: len(briefs(tmp_path)) == 2)
        assert (tmp_path / name).read_text(encoding="utf-8") == text
        assert any(f"Brief written to {tmp_path}" in str(n.message) for n in app._notifications)


async def test_w_on_a_profile_writes_the_leaders_brief(make_app: MakeApp, tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("P")
        await _profile(pilot)
        await pilot.press("w")
        await until(pilot, lambda: briefs(tmp_path) == ["brief-leader-to-lam.md"])
        text = (tmp_path / "brief-leader-to-lam.md").read_text(encoding="utf-8")
        assert text.startswith("# Leader: Tô Lâm\n") and "\n## " in text
