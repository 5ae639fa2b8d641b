"""Wire furniture: datelines, openers and credits are read as place and source and
never become part of a sentence. Every text here is made up."""

from __future__ import annotations

import pytest

from tui.core.text import segment
from tui.core.wire import find_opener, read_credit, read_dateline

BODY = "The two leaders held talks on trade. They agreed to meet again next year."


@pytest.mark.parametrize(
    ("dateline", "place", "source"),
    [
        ("BEIJING, June 26 (Xinhua) --", "Beijing", "Xinhua"),
        ("HANOI (VNA) -", "Hanoi", "VNA"),
        ("SEOUL, South Korea (AP) —", "Seoul", "AP"),
        ("BUSAN, South Korea, Sept 30 (AFP) -", "Busan", "AFP"),
        ("BEIJING, Nov. 6 (Xinhua) --", "Beijing", "Xinhua"),
        ("Hà Nội (VNA) –", "Hà Nội", "VNA"),
        ("PHNOM PENH, Sept 15 (AFP) -", "Phnom Penh", "AFP"),
        ("TOKYO (Kyodo) --", "Tokyo", "Kyodo"),
        ("WASHINGTON (AP) —", "Washington", "AP"),
        ("KUALA LUMPUR, Jan 4 (Bernama) --", "Kuala Lumpur", "Bernama"),
        ("Beijing, June 26 (Reuters) -", "Beijing", "Reuters"),
        ("HÀ NỘI —", "Hà Nội", None),
        ("Beijing:", "Beijing", None),
        ("VIENTIANE, March 3 -", "Vientiane", None),
    ],
)
def test_dateline_gives_place_and_source_and_no_sentence(
    dateline: str, place: str, source: str | None
) -> None:
    segmented = segment(f"{dateline} {BODY}")
    assert (segmented.place, segmented.source) == (place, source)
    assert [s.text for s in segmented.sentences] == [
        "The two leaders held talks on trade.",
        "They agreed to meet again next year.",
    ]


@pytest.mark.parametrize(
    "opening",
    [
        "Prime Minister Anwar - who arrived on Monday - said trade would grow.",
        "Anwar Ibrahim - Malaysia's leader since 2022 - said trade would grow.",
        "Việt Nam–China relations have grown in the past year.",
        "Asia-Pacific leaders met in Lima.",
        "President Xi: China will open wider.",
        "On 12 March, Foreign Minister Bùi Thanh Sơn held talks in Hà Nội.",
        "The Chinese side - as always - supports the process.",
    ],
)
def test_ordinary_openings_are_not_datelines(opening: str) -> None:
    assert read_dateline(opening) is None
    assert segment(opening).sentences[0].text == opening


@pytest.mark.parametrize(
    ("ending", "source"),
    [
        ("They left. VNA/VNS", "VNA/VNS"),
        ("They left.\n\nVNA/VNS", "VNA/VNS"),
        ("They left. — VNS", "VNS"),
        ("They left.\n\nREUTERS", "Reuters"),
        ("They left. Xinhua", "Xinhua"),
        ("They left. -- BERNAMA", "Bernama"),
        ("They left. Enditem", None),
        ("They left.\n\n(Reporting by Jane Roe in Beijing; Editing by John Doe)", "Reuters"),
        ("They left./.", None),
        ("They left./. VNA/VNS", "VNA/VNS"),
        ("They left.\n\nEnditem", None),
        ("They left.\n\ncgm/pam", None),
        ("They left.\n\noho-bur/dan", None),
        ("They left.\n\n==Kyodo", "Kyodo"),
        ("They left.\n\n(Web editor: Jane Roe, John Doe)", None),
        (
            "They left.\n\nAssociated Press writer Jane Roe in Tokyo contributed to this report.",
            None,
        ),
    ],
)
def test_closing_credits_give_the_source_and_stay_out_of_the_last_sentence(
    ending: str, source: str | None
) -> None:
    segmented = segment(f"HÀ NỘI — Talks were held. {ending}")
    assert segmented.source == source
    assert [s.text for s in segmented.sentences] == ["Talks were held.", "They left."]


def test_closing_credit_outranks_the_dateline_agency() -> None:
    segmented = segment("Hà Nội (VNA) – Talks were held. — VNA/VNS")
    assert segmented.source == "VNA/VNS"


def test_dateline_agency_stays_when_the_credits_name_none() -> None:
    segmented = segment("BEIJING, June 26 (Xinhua) -- Talks were held. Enditem")
    assert segmented.source == "Xinhua"
    assert [s.text for s in segmented.sentences] == ["Talks were held."]


@pytest.mark.parametrize(
    "text",
    [
        "Reuters reported the talks. Both sides agreed to meet.",
        "The minister told Reuters that talks went well",
        "They celebrated the Year of Việt Nam-China",
        "Officials met on the sidelines of the summit of ASEAN",
        "He cited a report by Xinhua. Both sides agreed.",
    ],
)
def test_agency_names_in_the_text_are_not_credits(text: str) -> None:
    assert read_credit(text) is None
    assert segment(text).sentences[-1].text.endswith(text.split(". ")[-1])


def test_a_credit_word_ending_a_sentence_is_not_cut() -> None:
    segmented = segment("The statement was released by Xinhua.")
    assert segmented.source is None
    assert segmented.sentences[0].text == "The statement was released by Xinhua."


def test_state_department_opener_is_the_speaker_not_a_sentence() -> None:
    raw = (
        "The following is attributable to Spokesperson Matthew Miller:\n\n"
        "Secretary Blinken spoke today with Foreign Minister Wang Yi. "
        "The Secretary stressed open lines of communication."
    )
    segmented = segment(raw)
    assert segmented.speaker == "Matthew Miller"
    assert (
        segmented.sentences[0].text
        == "Secretary Blinken spoke today with Foreign Minister Wang Yi."
    )


def test_opener_in_the_same_paragraph_and_office_heading() -> None:
    raw = (
        "Office of the Spokesperson\n\nJune 26, 2024\n\n"
        "The below is attributable to Deputy Spokesperson Vedant Patel: "
        "Deputy Secretary Campbell met Vietnamese Deputy Foreign Minister Hà Kim Ngọc."
    )
    segmented = segment(raw)
    assert segmented.speaker == "Vedant Patel"
    assert [s.text for s in segmented.sentences] == [
        "Deputy Secretary Campbell met Vietnamese Deputy Foreign Minister Hà Kim Ngọc."
    ]


def test_headings_pasted_above_a_release_are_not_sentences() -> None:
    raw = (
        "Senator the Hon Jane Roe, Minister for Foreign Affairs\n\nMedia release\n\n"
        "Today I welcomed my counterpart to Canberra. We discussed trade."
    )
    assert [s.text for s in segment(raw).sentences] == [
        "Today I welcomed my counterpart to Canberra.",
        "We discussed trade.",
    ]


def test_a_short_article_of_one_unpunctuated_line_keeps_it_as_a_sentence() -> None:
    assert [s.text for s in segment("Talks held in Hà Nội").sentences] == ["Talks held in Hà Nội"]


def test_a_sentence_about_attribution_is_not_an_opener() -> None:
    assert find_opener("The remarks are attributable to nobody in particular.") is None
