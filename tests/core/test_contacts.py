"""The kind of contact, read from headlines in the styles of the outlets readouts come
from (VNA, Xinhua, Reuters, AFP, ministries) and, where a headline says nothing, from
the lead."""

from __future__ import annotations

import datetime as dt

import pytest

from tui.core.contacts import kind_of, said_day

HEADLINES = [
    # VNA / VNS
    ("Party General Secretary Tô Lâm holds phone talks with Chinese leader Xi Jinping", "call"),
    ("Vietnamese, Lao Prime Ministers hold phone talks", "call"),
    ("FMs of Vietnam, Japan seek to promote partnership in phone talk", "call"),
    ("PM Phạm Minh Chính meets Chinese Premier Li Qiang in Tianjin", "talks"),
    ("State President receives outgoing Chinese Ambassador", "talks"),
    ("Party chief hosts official welcome ceremony for Chinese leader", "talks"),
    ("Top leader sends congratulations to new Lao President", "message"),
    ("President receives letter from Chinese counterpart", "message"),
    ("Vietnamese leaders extend condolences over earthquake in China", "message"),
    ("Xi Jinping concludes State visit to Việt Nam", "visit"),
    ("Vietnam, China issue joint statement", "statement"),
    # Xinhua / People's Daily / CGTN
    ("Xi holds phone talks with Vietnam's To Lam", "call"),
    ("Xi speaks with Vietnamese leader over phone", "call"),
    ("Xi, Putin hold virtual meeting", "call"),
    ("Xi holds talks with Vietnam's top leader To Lam in Beijing", "talks"),
    ("Xi sends congratulatory message to To Lam on election", "message"),
    ("Xi arrives in Hanoi for state visit to Vietnam", "visit"),
    ("Xi attends APEC Economic Leaders' Meeting in Gyeongju", "conference"),
    ("Chinese FM spokesperson's remarks", "statement"),
    # Reuters / AFP / AP
    ("China's Xi, Vietnam's Lam discuss supply chains in call", "call"),
    ("Xi Jinping calls for better management of differences as he met Lam", "talks"),
    ("Xi lands in Hanoi to woo Vietnam", "visit"),
    ("Putin, Xi pledge 'new era' of partnership at Beijing summit", "talks"),
    ("Putin, Xi holding talks via encrypted video channel", "call"),
    ("Putin and Xi hold talks via videolink", "call"),
    ("Xi, Biden hold virtual summit", "call"),
    ("China's Xi meets Vietnamese prime minister on second day of visit to Hanoi", "talks"),
    ("Vietnam and China agree to build 'shared future' as Xi visits Trong", "visit"),
    ("China and Vietnam strengthen ties, sign 14 agreements", ""),
    # Ministries
    ("Readout of President Biden's Call with President Xi Jinping", "call"),
    ("Readout of the President's Calls with British Prime Minister Cameron", "call"),
    ("Japan-Viet Nam Summit Telephone Talk", "call"),
    ("Japan-China Foreign Ministers' Meeting", "talks"),
    ("Courtesy Call on Prime Minister Ishiba by Foreign Minister Wang Yi", "talks"),
    ("Exchange of Letters between Prime Minister Ishiba and President Lee", "message"),
    ("Secretary Rubio's Call with Malaysian Foreign Minister Mohamad Hasan", "call"),
    # A contact by screen or line, however it is said
    ("Tô Lâm holds online talks with Xi Jinping", "call"),
    ("Xi Jinping holds talks with Tô Lâm via video link", "call"),
    ("Leaders hold talks via teleconference", "call"),
    ("Prime ministers hold talks by video", "call"),
    ("Putin phones Xi", "call"),
    ("Tô Lâm telephones Xi Jinping", "call"),
    # Announced, not yet made
    ("Xi Jinping to pay state visit to Việt Nam", "announcement"),
    ("Prime Minister will visit Japan next week", "announcement"),
]


@pytest.mark.parametrize(("title", "kind"), HEADLINES, ids=[t for t, _ in HEADLINES])
def test_headlines_of_every_style_name_their_kind_of_contact(title: str, kind: str) -> None:
    assert kind_of(title) == kind


def test_a_call_wins_over_the_congratulations_said_in_it() -> None:
    assert kind_of("Xi congratulates To Lam on re-election in phone call") == "call"


def test_a_call_for_something_is_no_call() -> None:
    assert kind_of("Xi calls on both sides to deepen cooperation") == ""
    assert kind_of("Lam called for stronger ties with China") == ""


def test_the_lead_decides_where_the_title_names_no_contact() -> None:
    title = "Vietnamese Party leader seeks to elevate political trust with China"
    lead = (
        "HÀ NỘI — General Secretary Tô Lâm held telephone talks on Monday with Xi "
        "Jinping. He said the visit of last year was a success."
    )
    assert kind_of(title, lead) == "call"
    assert kind_of("China, Vietnam pledge closer ties", "Xi met Lam in Beijing on Monday.") == (
        "talks"
    )


def test_only_the_first_sentence_of_the_lead_counts() -> None:
    lead = "The two sides pledged closer ties. Both recalled the phone call of last year."
    assert kind_of("China, Vietnam pledge closer ties", lead) == ""


def test_nothing_said_is_no_kind() -> None:
    assert kind_of("") == ""
    assert kind_of("China and Vietnam", "Relations are good.") == ""


def test_a_report_says_the_day_of_its_contact_when_earlier_than_its_own() -> None:
    thursday = dt.date(2025, 3, 6)
    assert said_day(thursday, "Xi spoke by phone with Lâm on Tuesday.") == dt.date(2025, 3, 4)
    assert said_day(thursday, "The two leaders held phone talks yesterday.") == dt.date(2025, 3, 5)
    assert said_day(thursday, "spoke on the evening of Monday") == dt.date(2025, 3, 3)
    assert said_day(thursday, "spoke by phone on Thursday") is None  # its own day
    assert said_day(thursday, "Xi holds phone call with Vietnamese leader") is None
    assert said_day(thursday, "spoke by phone last week") is None  # too loose
    # A weekday after the report's own, in its week: the call's time zone, not a
    # week before (a report dated Thursday of a call "on Friday").
    assert said_day(thursday, "spoke by phone on Friday") is None


WEDNESDAY = dt.date(2025, 3, 12)
MONDAY = dt.date(2025, 3, 10)


@pytest.mark.parametrize(
    "lead",
    [
        "Tô Lâm, who returned on Monday from an official visit to Laos, held phone talks"
        " with President Xi Jinping this afternoon on the railway project.",
        "Tô Lâm, who returned on Monday from an official visit to Laos, held phone talks"
        " with President Xi Jinping on the railway project.",
        "Tô Lâm held phone talks with Xi Jinping after returning on Monday from Laos.",
        "Back from Laos on Monday, Tô Lâm held phone talks with Xi Jinping.",
        "Tô Lâm, who met the Lao President on Monday, held phone talks with Xi Jinping.",
        "Tô Lâm held phone talks with Xi Jinping today, two days after he arrived on Monday.",
    ],
    ids=["this-afternoon", "who-returned", "after-returning", "back-from", "who-met", "today"],
)
def test_a_day_said_of_something_else_does_not_date_the_call(lead: str) -> None:
    assert said_day(WEDNESDAY, lead) is None


def test_a_day_said_of_the_call_itself_dates_it() -> None:
    assert said_day(WEDNESDAY, "On Monday, Tô Lâm held phone talks with Xi Jinping.") == MONDAY
    assert said_day(WEDNESDAY, "HÀ NỘI — On Monday, Tô Lâm held phone talks with Xi.") == MONDAY
    assert said_day(
        WEDNESDAY, "BEIJING, March 12 (Xinhua) -- Chinese President Xi Jinping on Monday held"
        " phone talks with To Lam, who returned from Laos on Tuesday."
    ) == MONDAY  # fmt: skip
    assert said_day(
        WEDNESDAY, "Tô Lâm returned from Laos and held phone talks with Xi on Monday."
    ) == MONDAY  # fmt: skip
    assert said_day(WEDNESDAY, "Xi held landmark phone talks with Lâm on Monday.") == MONDAY


def test_a_lead_says_a_visit_only_where_its_first_sentence_names_no_closer_contact() -> None:
    from tui.core.contacts import lead_says_visit

    assert lead_says_visit("Tô Lâm arrived in Beijing on Monday, beginning a state visit.")
    assert not lead_says_visit("Tô Lâm held talks with Xi Jinping, beginning a state visit.")
    assert not lead_says_visit("Xi met Lâm. He then began a state visit to Laos.")
    assert not lead_says_visit("")
