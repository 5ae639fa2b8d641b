"""A report naming one leader (`Xi attends APEC summit`) about another event of that
week: it never joins a meeting of two leaders it is not about, never moves an
event's first date or id, and is never the report a readout is compared with."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.conftest import WriteCorpus
from tests.core.test_events import LAM, XI, grouped, members, seen
from tests.core.test_store_events import article, filled
from tui.core.compare import counterpart, event_pair
from tui.core.events import Event, Sighting

TALKS_ID = "2025-11-01-to-lam-xi-jinping-talks"


def talks() -> list[Sighting]:
    return [
        seen("t1", "2025-11-01", "talks", LAM, XI, source="VNA"),
        seen("t2", "2025-11-01", "talks", XI, LAM, source="Xinhua"),
    ]


def the_talks(events: list[Event]) -> Event:
    (event,) = (e for e in events if "t1" in e.article_ids())
    return event


def test_a_summit_report_the_day_before_does_not_begin_the_talks() -> None:
    summit = seen("s1", "2025-10-31", "conference", XI, source="Xinhua")
    events = grouped(summit, *talks())
    assert members(events) == [["s1"], ["t1", "t2"]]
    event = the_talks(events)
    assert (event.id, event.first, event.kind) == (TALKS_ID, dt.date(2025, 11, 1), "talks")
    assert counterpart(event, "t1") == "t2"


def test_three_summit_reports_around_the_talks_leave_them_as_they_were() -> None:
    before = the_talks(grouped(*talks()))
    around = [
        seen("s1", "2025-10-31", "conference", XI, source="Xinhua"),
        seen("s2", "2025-11-01", "conference", XI, source="Xinhua"),
        seen("s3", "2025-11-02", "conference", XI, source="Xinhua"),
    ]
    after = the_talks(grouped(*around, *talks()))
    assert after == before
    assert after.id == TALKS_ID and after.outlets == ("VNA", "Xinhua")


def test_a_report_of_one_leader_joins_talks_but_never_tells_their_id_or_pair() -> None:
    # `Xi addresses APEC CEO Summit` reads as talks: it may join, dated the same day
    # or later, but the event's id, leaders and kind stay those of the two readouts,
    # and each readout is compared with the other, not with it.
    lone = seen("s2", "2025-11-01", "talks", XI, source="Xinhua")
    visit = seen("s3", "2025-11-02", "visit", XI, source="Xinhua")
    event = the_talks(grouped(lone, visit, *talks()))
    assert (event.id, event.leaders, event.kind) == (TALKS_ID, (LAM, XI), "talks")
    assert counterpart(event, "t1") == "t2" and counterpart(event, "t2") == "t1"
    assert event_pair(event) == ("t1", "t2")


def test_two_leader_reports_never_join_an_event_begun_by_one_leader() -> None:
    events = grouped(
        seen("arrives", "2025-04-13", "visit", XI), seen("talks", "2025-04-14", "talks", XI, LAM)
    )
    assert members(events) == [["arrives"], ["talks"]]


def test_a_report_of_one_leader_joins_only_an_event_of_its_kind() -> None:
    events = grouped(
        seen("call", "2025-11-01", "call", LAM, XI),
        seen("talks", "2025-11-01", "talks", LAM, XI),
        seen("message", "2025-11-01", "message", XI),
        seen("unsaid", "2025-11-01", "", XI),
        seen("phone", "2025-11-01", "call", XI),
    )
    assert members(events) == [["call", "phone"], ["message"], ["talks"], ["unsaid"]]


def test_the_summit_case_end_to_end(write_corpus: WriteCorpus, tmp_path: Path) -> None:
    root = write_corpus(
        {
            "t1.md": article(
                "2025-11-01", "Party chief Tô Lâm meets Chinese President Xi Jinping in Gyeongju",
                "VNA", "General Secretary Tô Lâm met Chinese President Xi Jinping in Gyeongju.",
            ),
            "t2.md": article(
                "2025-11-01", "Xi meets Vietnamese leader To Lam in Gyeongju", "Xinhua",
                "Chinese President Xi Jinping met To Lam, general secretary of the CPV.",
            ),
            "s1.md": article(
                "2025-10-31", "Xi Jinping attends APEC Economic Leaders Meeting", "Xinhua",
                "Chinese President Xi Jinping attended the APEC Economic Leaders' Meeting.",
            ),
        }
    )  # fmt: skip
    with filled(root, tmp_path) as library:
        event = library.event(TALKS_ID)
        assert event is not None and event.article_ids() == ("t1.md", "t2.md")
        assert counterpart(event, "t1.md") == "t2.md"
        assert event_pair(event) == ("t1.md", "t2.md")
