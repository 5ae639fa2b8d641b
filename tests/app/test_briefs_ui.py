"""`w` writes a brief of quotes: on the Threads screen, of the thread under the cursor
(or shown); on a leader's profile, of their commitments; to a new file beside the
notes file, never over one, its path said; the palette's "Brief on a topic…" asks
for a topic and writes its brief."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from tests.app.conftest import MakeApp, loaded, screen_text
from tests.app.test_library_ui import until
from tests.app.test_profile_ui import _profile
from tests.app.test_reader import SIZE
from tests.app.test_snapshots import SnapCompare, in_repository  # noqa: F401 (a fixture)
from tests.app.test_threads_ui import listed, to_railway
from tui.screens.topic_picker import TopicPicker


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


async def open_topic_picker(pilot: Pilot[None]) -> TopicPicker:
    app = pilot.app
    await pilot.press("ctrl+p", *"brief on a topic")
    await until(pilot, lambda: "Brief on a topic…" in screen_text(app))
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, TopicPicker))
    await pilot.pause()
    assert isinstance(app.screen, TopicPicker)
    return app.screen


async def test_the_palette_writes_a_topics_brief_picked_among_the_topics(
    make_app: MakeApp, tmp_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await loaded(pilot)
        picker = await open_topic_picker(pilot)
        topics = list(picker.topics)
        counts = app.library.commitment_facets().counts["topic"]
        assert set(topics) == set(counts) and topics[0] == max(counts, key=counts.__getitem__)
        for _ in range(topics.index("railway")):
            await pilot.press("down")
        await pilot.press("enter")
        await until(pilot, lambda: briefs(tmp_path) == ["brief-topic-railway.md"])
        text = (tmp_path / "brief-topic-railway.md").read_text(encoding="utf-8")
        assert text.startswith("# Topic: railway\n") and "\n## railway · " in text
        assert text.count("\n- **") == 5  # the railway thread's five entries
        await until(pilot, lambda: any("Brief written to" in str(n.message)
                                       for n in app._notifications))  # fmt: skip


async def test_esc_on_the_topic_picker_writes_nothing(make_app: MakeApp, tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await loaded(pilot)
        await open_topic_picker(pilot)
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(app.screen, TopicPicker) and briefs(tmp_path) == []


def test_snapshot_of_the_topic_picker(snap_compare: SnapCompare, make_app: MakeApp) -> None:
    async def open_picker(pilot: Pilot[None]) -> None:
        await loaded(pilot)
        await open_topic_picker(pilot)

    assert snap_compare(make_app(), terminal_size=(140, 40), run_before=open_picker)
