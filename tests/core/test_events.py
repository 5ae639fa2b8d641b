"""Grouping articles into events: the same leaders, close dates, the same kind of
contact; each report's side; ids that other articles never change."""

from __future__ import annotations

import datetime as dt

from tui.core.event_filter import leader_names, narrow_events
from tui.core.events import (
    Event,
    Sighting,
    article_tag,
    event_id,
    group_events,
)
from tui.core.extract.lexicon import LeaderEntry
from tui.core.outlets import bundled_outlets

XI, LAM, CUONG, PUTIN = "Xi Jinping", "Tô Lâm", "Lương Cường", "Vladimir Putin"
COUNTRIES = {XI: "China", LAM: "Việt Nam", CUONG: "Việt Nam", PUTIN: "Russia"}


def seen(
    article_id: str,
    day: str,
    kind: str,
    *people: str,
    source: str | None = None,
    place: str | None = None,
) -> Sighting:
    return Sighting(
        article_id, dt.date.fromisoformat(day), f"title of {article_id}", kind, people,
        source=source, place=place,
    )  # fmt: skip


def grouped(*sightings: Sighting) -> list[Event]:
    return group_events(sightings, bundled_outlets(), COUNTRIES)


def members(events: list[Event]) -> list[list[str]]:
    return sorted(sorted(r.id for r in e.reports) for e in events)


def test_one_call_reported_by_both_sides_is_one_event_with_both_sides() -> None:
    events = grouped(
        seen("vna", "2025-01-15", "call", LAM, XI, source="VNA"),
        seen("xinhua", "2025-01-16", "call", XI, LAM, source="Xinhua"),
    )
    assert members(events) == [["vna", "xinhua"]]
    (event,) = events
    assert event.kind == "call"
    assert (event.first, event.last) == (dt.date(2025, 1, 15), dt.date(2025, 1, 16))
    assert event.leaders == (LAM, XI)
    assert event.sides == ("Việt Nam", "China")
    assert event.id == "2025-01-15-to-lam-xi-jinping-call"


def test_two_calls_of_the_same_leaders_a_week_apart_are_two_events() -> None:
    events = grouped(
        seen("first", "2025-01-15", "call", LAM, XI),
        seen("first-cn", "2025-01-15", "call", XI, LAM),
        seen("second", "2025-01-22", "call", LAM, XI),
    )
    assert members(events) == [["first", "first-cn"], ["second"]]


def test_a_visit_reported_over_three_days_is_one_event() -> None:
    events = grouped(
        seen("arrival", "2025-04-14", "visit", XI, LAM),
        seen("talks", "2025-04-14", "talks", LAM, XI),
        seen("president", "2025-04-15", "talks", CUONG, XI),
        seen("statement", "2025-04-15", "statement", XI, LAM),
        seen("leaves", "2025-04-16", "visit", XI),
    )
    # The visit's talks with another leader are a meeting of their own (its two
    # readouts are what a comparison wants), and the departure belongs to the visit.
    assert members(events) == [["arrival", "leaves", "statement", "talks"], ["president"]]
    visit = next(e for e in events if len(e.reports) > 1)
    assert (visit.kind, visit.leaders) == ("visit", (XI, LAM))


def test_a_message_and_a_call_on_the_same_day_are_two_events() -> None:
    events = grouped(
        seen("message", "2025-01-15", "message", XI, LAM),
        seen("call", "2025-01-15", "call", LAM, XI),
        seen("call-cn", "2025-01-15", "call", XI, LAM),
    )
    assert members(events) == [["call", "call-cn"], ["message"]]
    assert {e.kind for e in events} == {"call", "message"}


def test_other_leaders_or_far_dates_stay_apart() -> None:
    events = grouped(
        seen("lam", "2025-01-15", "call", LAM, XI),
        seen("putin", "2025-01-15", "call", PUTIN, XI),
        seen("late", "2025-01-19", "call", XI, LAM),
    )
    assert members(events) == [["lam"], ["late"], ["putin"]]


def test_talks_a_week_apart_are_two_events_but_a_visit_spans_the_week() -> None:
    apart = grouped(
        seen("one", "2025-04-10", "talks", LAM, XI), seen("two", "2025-04-16", "talks", XI, LAM)
    )
    assert members(apart) == [["one"], ["two"]]
    visit = grouped(
        seen("arrives", "2025-04-10", "visit", LAM, XI),
        seen("leaves", "2025-04-16", "talks", XI, LAM),
    )
    assert members(visit) == [["arrives", "leaves"]]


def test_an_article_that_names_no_kind_joins_the_event_of_its_day() -> None:
    events = grouped(
        seen("unsaid", "2025-01-15", "", LAM, XI),
        seen("call", "2025-01-15", "call", XI, LAM),
    )
    assert members(events) == [["call", "unsaid"]]
    assert events[0].kind == "call"


def test_a_single_leader_named_joins_the_event_of_that_leader() -> None:
    events = grouped(
        seen("talks", "2025-04-14", "talks", XI, LAM), seen("leaves", "2025-04-15", "visit", XI)
    )
    assert members(events) == [["leaves", "talks"]]


def test_articles_without_date_or_leaders_are_events_of_their_own() -> None:
    undated = Sighting("undated", None, "t", "call", (LAM, XI))
    events = grouped(
        undated, seen("nobody", "2025-01-15", "call"), seen("call", "2025-01-15", "call", LAM, XI)
    )
    assert members(events) == [["call"], ["nobody"], ["undated"]]
    assert events[-1].id.startswith("undated-")


def test_ids_survive_adding_articles_of_other_events() -> None:
    pair = [
        seen("vna", "2025-01-15", "call", LAM, XI, source="VNA"),
        seen("xinhua", "2025-01-16", "call", XI, LAM, source="Xinhua"),
    ]
    before = {e.id: e.article_ids() for e in grouped(*pair)}
    others = [
        seen("putin", "2025-01-15", "call", PUTIN, XI),
        seen("message", "2025-01-15", "message", XI, LAM),
        seen("later", "2025-01-25", "call", LAM, XI),
        seen("earlier", "2025-01-08", "call", LAM, XI),
    ]
    after = {e.id: e.article_ids() for e in grouped(*others, *pair)}
    assert before.items() <= after.items()
    assert len(after) == len(set(after)) == 5


def test_two_events_of_one_id_are_told_apart_by_their_first_article() -> None:
    # Undated articles are never grouped: each is tagged by its own article.
    one = Sighting("one", None, "t", "call", (LAM, XI))
    two = Sighting("two", None, "t", "call", (XI, LAM))
    events = grouped(two, one)
    assert {(e.id, e.reports[0].id) for e in events} == {
        (f"undated-to-lam-xi-jinping-call-{article_tag('one')}", "one"),
        (f"undated-to-lam-xi-jinping-call-{article_tag('two')}", "two"),
    }


def test_ids_of_leaderless_events_of_one_day_never_shift() -> None:
    # Three calls of one day whose leaders nobody found: an article added among
    # them (first by id) leaves the others' ids as they were.
    days = [seen(name, "2025-03-02", "call") for name in ("b-call", "c-call", "d-call")]
    before = {e.reports[0].id: e.id for e in grouped(*days)}
    after = {e.reports[0].id: e.id for e in grouped(seen("a-call", "2025-03-02", "call"), *days)}
    assert before.items() <= after.items()
    assert len(set(after.values())) == 4
    assert after["b-call"] == f"2025-03-02-call-{article_tag('b-call')}"


def test_an_event_of_one_leader_is_tagged_by_its_first_article() -> None:
    day = dt.date(2025, 11, 10)
    assert event_id(day, (XI,), "conference", "apec") == (
        f"2025-11-10-xi-jinping-conference-{article_tag('apec')}"
    )
    assert event_id(day, (XI, LAM), "talks", "apec") == "2025-11-10-to-lam-xi-jinping-talks"


def test_two_calls_two_days_apart_each_reported_by_both_sides_are_two_events() -> None:
    # A call on the 3rd and another on the 5th; each side's readout of each, the
    # other side's dated a day later (its time zone).
    events = grouped(
        seen("vn-3", "2025-03-03", "call", LAM, XI),
        seen("cn-3", "2025-03-04", "call", XI, LAM),
        seen("vn-5", "2025-03-05", "call", LAM, XI),
        seen("cn-5", "2025-03-06", "call", XI, LAM),
    )
    assert members(events) == [["cn-3", "vn-3"], ["cn-5", "vn-5"]]


def test_a_call_is_one_day_and_its_reports_a_day_apart_at_most() -> None:
    apart = grouped(
        seen("vn", "2025-03-03", "call", LAM, XI), seen("cn", "2025-03-05", "call", XI, LAM)
    )
    assert members(apart) == [["cn"], ["vn"]]


def test_a_report_that_says_the_call_was_earlier_joins_that_days_call() -> None:
    # Dated the 6th, it says the call was on Tuesday the 3rd: it joins the call of
    # the 3rd, and the event keeps the report's own date.
    late = Sighting(
        "cn-late", dt.date(2025, 3, 6), "t", "call", (XI, LAM), said_day=dt.date(2025, 3, 3)
    )
    events = grouped(seen("vn", "2025-03-03", "call", LAM, XI), late)
    assert members(events) == [["cn-late", "vn"]]
    assert (events[0].first, events[0].last) == (dt.date(2025, 3, 3), dt.date(2025, 3, 6))


def test_a_visit_reported_over_ten_days_is_one_event() -> None:
    events = grouped(
        *(seen(f"day-{n}", f"2025-04-{n:02}", "visit", XI, LAM) for n in (1, 3, 5, 8, 11)),
        seen("talks", "2025-04-09", "talks", LAM, XI),
    )
    assert len(events) == 1 and events[0].kind == "visit"
    assert (events[0].first, events[0].last) == (dt.date(2025, 4, 1), dt.date(2025, 4, 11))


def test_a_visit_chains_only_within_its_gap_and_its_bound() -> None:
    gap = grouped(
        seen("arrives", "2025-04-01", "visit", XI, LAM),
        seen("much-later", "2025-04-09", "visit", XI, LAM),
    )
    assert members(gap) == [["arrives"], ["much-later"]]
    # Reported every five days for three weeks: no visit lasts that long.
    steady = grouped(
        *(seen(f"d{n}", f"2025-04-{n:02}", "visit", XI, LAM) for n in (1, 6, 11, 16, 21))
    )
    assert members(steady) == [["d1", "d11", "d6"], ["d16", "d21"]]


def test_newest_first_undated_last() -> None:
    events = grouped(
        seen("old", "2024-01-01", "call", LAM, XI),
        Sighting("undated", None, "t", "call", (LAM,)),
        seen("new", "2025-01-01", "call", LAM, XI),
    )
    assert [e.reports[0].id for e in events] == ["new", "old", "undated"]


def test_a_third_state_outlet_relaying_one_side_speaks_for_its_dateline() -> None:
    events = grouped(
        seen("vns", "2025-01-15", "call", LAM, XI, source="VNS", place="Hà Nội"),
        seen(
            "akp", "2025-01-16", "call", XI, LAM, source="Agence Kampuchea Presse", place="Beijing"
        ),
    )
    (event,) = events
    assert [(r.side, r.basis) for r in event.reports] == [
        ("Việt Nam", "outlet"), ("China", "dateline")
    ]  # fmt: skip


def test_narrowing_keeps_events_of_two_reports_unless_all_are_asked_for() -> None:
    events = grouped(
        seen("vna", "2025-01-15", "call", LAM, XI),
        seen("xinhua", "2025-01-16", "call", XI, LAM),
        seen("putin", "2025-02-01", "call", PUTIN, XI),
    )
    assert [e.kind for e in narrow_events(events)] == ["call"]
    assert len(narrow_events(events, singletons=True)) == 2

    def of(typed: str, **more: bool) -> list[Event]:
        names = leader_names(typed, [XI, LAM, PUTIN], GAZETTEER)
        return narrow_events(events, leaders=names, **more)

    assert of("putin", singletons=True)[0].leaders == (PUTIN, XI)
    assert of("To Lam") == of("TÔ LÂM") == narrow_events(events)
    assert of("Lam") == narrow_events(events)
    assert of("Jinping Xi") == []
    day = dt.date.fromisoformat
    assert narrow_events(events, start=day("2025-01-16"), end=day("2025-01-16")) != []
    assert narrow_events(events, start=day("2025-01-17")) == []
    assert narrow_events(events, end=day("2025-01-14")) == []


GAZETTEER = (
    LeaderEntry(LAM, "Việt Nam", short=("Lâm",)),
    LeaderEntry("Joe Biden", "United States", aliases=("Joseph R. Biden",), short=("Biden",)),
    LeaderEntry(XI, "China", short=("Xi",)),
)


def test_a_leader_is_named_by_any_spelling_the_gazetteer_gives() -> None:
    known = ["Joe Biden", XI, LAM, "Lâm Văn Mẫn"]
    assert leader_names("Joseph R. Biden", known, GAZETTEER) == {"Joe Biden"}
    assert leader_names("joseph r biden", known, GAZETTEER) == {"Joe Biden"}
    assert leader_names("To Lam", known, GAZETTEER) == {LAM}
    assert leader_names("Lam", known, GAZETTEER) == {LAM}  # the short form, not every Lâm
    assert leader_names("Văn Mẫn", known, GAZETTEER) == {"Lâm Văn Mẫn"}  # words of a name
    assert leader_names("Jinping", known, GAZETTEER) == {XI}
    assert leader_names("Nobody", known, GAZETTEER) == frozenset()
    assert leader_names("  ", known, GAZETTEER) == frozenset()


def test_a_short_form_of_someone_the_corpus_lacks_falls_back_to_words_of_names() -> None:
    # The gazetteer gives `Wang` as Wang Yi's short form; a corpus without him has Wang
    # Wentao, who is found by his name's words (he was hidden: nothing was found).
    gazetteer = (*GAZETTEER, LeaderEntry("Wang Yi", "China", short=("Wang",)))
    assert leader_names("Wang", ["Wang Wentao", XI], gazetteer) == {"Wang Wentao"}
    assert leader_names("Wang", ["Wang Wentao", "Wang Yi"], gazetteer) == {"Wang Yi"}


def test_the_id_names_the_first_date_two_leaders_and_the_kind() -> None:
    assert event_id(dt.date(2025, 1, 15), (XI, LAM), "call") == "2025-01-15-to-lam-xi-jinping-call"
    assert event_id(None, (), "") == "undated-contact"


def test_json_of_an_event() -> None:
    (event,) = grouped(
        seen("vna", "2025-01-15", "call", LAM, XI, source="VNA"),
        seen("xinhua", "2025-01-16", "call", XI, LAM, source="Xinhua"),
    )
    assert event.as_dict() == {
        "id": "2025-01-15-to-lam-xi-jinping-call",
        "kind": "call",
        "first": "2025-01-15",
        "last": "2025-01-16",
        "leaders": [LAM, XI],
        "sides": ["Việt Nam", "China"],
        "articles": [
            {"id": "vna", "date": "2025-01-15", "title": "title of vna", "source": "VNA",
             "side": "Việt Nam", "side_from": "outlet"},
            {"id": "xinhua", "date": "2025-01-16", "title": "title of xinhua",
             "source": "Xinhua", "side": "China", "side_from": "outlet"},
        ],
    }  # fmt: skip


def test_a_meeting_one_outlet_names_by_its_forum_is_one_event() -> None:
    events = grouped(
        seen("vna", "2025-10-26", "talks", LAM, PUTIN),
        seen("tass", "2025-10-26", "conference", PUTIN, LAM),
    )
    assert members(events) == [["tass", "vna"]]
    assert events[0].kind == "talks"


def test_the_other_readouts_of_an_article_those_of_the_other_side_first() -> None:
    (event,) = grouped(
        seen("vna", "2025-01-15", "call", LAM, XI, source="VNA"),
        seen("vns", "2025-01-15", "call", LAM, XI, source="VNS"),
        seen("xinhua", "2025-01-16", "call", XI, LAM, source="Xinhua"),
    )
    assert [r.id for r in event.others("vna")] == ["xinhua", "vns"]
    assert [r.id for r in event.others("xinhua")] == ["vna", "vns"]
    assert [r.id for r in event.others("elsewhere")] == ["vna", "vns", "xinhua"]


BIDEN = "Joe Biden"


def test_a_report_naming_one_leader_joins_but_never_bridges_two_meetings() -> None:
    # At a summit: Xi attends it (him alone), meets Lâm, then meets Biden. The two
    # meetings are two events however the one-leader report is grouped.
    events = grouped(
        seen("summit", "2025-11-10", "talks", XI),
        seen("xi-lam", "2025-11-10", "talks", LAM, XI),
        seen("xi-biden", "2025-11-11", "talks", XI, BIDEN),
        seen("xi-lam-cn", "2025-11-11", "talks", XI, LAM),
    )
    together = {id_: m for m in members(events) for id_ in m}
    assert together["xi-lam"] == together["xi-lam-cn"]
    assert together["xi-biden"] == ["xi-biden"]


def test_an_announced_visit_does_not_start_the_visit() -> None:
    events = grouped(
        seen("announced", "2025-04-10", "announcement", XI, LAM),
        seen("arrives", "2025-04-14", "visit", XI, LAM),
        seen("talks", "2025-04-14", "talks", XI, LAM),
        seen("leaves", "2025-04-17", "visit", XI, LAM),
    )
    assert members(events) == [["announced"], ["arrives", "leaves", "talks"]]
    visit = next(e for e in events if len(e.reports) == 3)
    assert visit.first == dt.date(2025, 4, 14) and visit.kind == "visit"
