"""The list grouped by event: an event's articles together under its heading, in
the month of its first report; the rest by date; narrowing and reversal."""

from __future__ import annotations

import datetime as dt

from tests.core.test_events import LAM, PUTIN, XI, grouped, seen
from tui.core.event_list import EventListing, event_label

EVENTS = grouped(
    seen("vna", "2025-01-31", "call", LAM, XI, source="VNA"),
    seen("xinhua", "2025-02-01", "call", XI, LAM, source="Xinhua"),
    seen("later", "2025-02-03", "call", PUTIN, XI),
    seen("lone", "2025-01-20", "talks", PUTIN, XI),
    seen("older", "2024-12-30", "talks", PUTIN, LAM),
)
LABEL = "call · Tô Lâm – Xi Jinping\nVNA (Việt Nam), Xinhua (China)"


def test_an_event_sits_under_the_month_of_its_first_report() -> None:
    listing = EventListing.of(EVENTS)
    assert listing.ids == ("later", "vna", "xinhua", "lone", "older")
    assert listing.sections == (
        (2025, 2, 1, None),
        (2025, 1, 2, LABEL),
        (2025, 1, 1, None),
        (2024, 12, 1, None),
    )
    assert [listing.position(i) for i in listing.ids] == [0, 1, 2, 3, 4]
    assert listing.position("nowhere") is None and len(listing) == 5


def test_oldest_first_reverses_the_events_not_their_reports() -> None:
    listing = EventListing.of(EVENTS, oldest_first=True)
    assert listing.ids == ("older", "lone", "vna", "xinhua", "later")
    assert listing.sections[1:3] == ((2025, 1, 1, None), (2025, 1, 2, LABEL))


def test_narrowed_an_event_of_one_listed_article_has_no_heading() -> None:
    listing = EventListing.of(EVENTS, listed={"xinhua", "lone"})
    assert listing.ids == ("xinhua", "lone")
    assert listing.sections == ((2025, 1, 2, None),)
    assert EventListing.of(EVENTS, listed=set()).sections == ()


def test_singletons_of_a_month_are_one_section() -> None:
    events = grouped(
        *(seen(f"a{n}", f"2025-03-{n:02d}", "talks", f"P{n}", XI) for n in range(1, 6))
    )
    assert EventListing.of(events).sections == ((2025, 3, 5, None),)


def test_the_label_says_kind_leaders_outlets_and_sides() -> None:
    event = next(e for e in EVENTS if len(e.reports) == 2)
    assert event_label(event) == LABEL
    assert event_label(event, event.reports[:1]) == "call · Tô Lâm – Xi Jinping\nVNA (Việt Nam)"
    assert event.first == dt.date(2025, 1, 31)
