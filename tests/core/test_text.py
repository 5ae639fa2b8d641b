"""Normalisation and segmentation: offsets, sentence edge cases, datelines, credits."""

from __future__ import annotations

import json
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.controls import _json_escape
from tui.core.text import (
    CharMap,
    clipboard_text,
    escape_controls,
    find_credit,
    find_dateline,
    fold,
    fold_char,
    normalise,
    one_line,
    segment,
    shorten,
    split_sentences,
    visible,
    word_count,
)


def sentences(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def test_normalise_collapses_spaces_and_keeps_paragraphs() -> None:
    raw = "  One  line\nwrapped here.\n\n\n\nSecond\t\tparagraph.  \n"
    assert normalise(raw) == "One line wrapped here.\n\nSecond paragraph."


def test_normalise_composes_to_nfc_and_keeps_diacritics_and_quotes() -> None:
    decomposed = "To\u0302 La\u0302m said “yes” – Đổi mới"
    assert normalise(decomposed) == "Tô Lâm said “yes” – Đổi mới"


def test_normalise_strips_byte_order_mark_and_crlf() -> None:
    assert normalise("\ufeffFirst.\r\n\r\nSecond.\r\n") == "First.\n\nSecond."


def test_blank_lines_holding_only_spaces_still_split_paragraphs() -> None:
    assert normalise("A.\n   \nB.") == "A.\n\nB."


def test_sentences_split_on_stops_before_capitals() -> None:
    assert sentences("He came. She left! Did they? Yes.") == [
        "He came.",
        "She left!",
        "Did they?",
        "Yes.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Smith met Dr. Jones in St. Petersburg on Jan. 5 with Gen. Giáp.",
        "The U.S. delegation met J. K. Rowling there.",
        "Talks were held by the Communist Party of Việt Nam (CPV. Central) Committee today.",
        "Exports rose 3.5 per cent in 2024.",
        "See e.g. the annex, i.e. the second one.",
    ],
)
def test_sentence_splitter_does_not_break_inside(text: str) -> None:
    assert sentences(text) == [text]


def test_parenthesised_abbreviation_does_not_break_a_sentence() -> None:
    first = "The Communist Party of Việt Nam (CPV) Central Committee chief Tô Lâm spoke."
    assert sentences(f"{first} Xi replied.") == [first, "Xi replied."]


@pytest.mark.parametrize("opener", ["(", "[", "\x1b["])
def test_a_bracket_nothing_closes_does_not_hold_the_paragraph_together(opener: str) -> None:
    first = f"President Evil {opener}the first met President Xi Jinping."
    rest = ["They agreed to cooperate.", "Xi said China will help (and more)."]
    assert sentences(" ".join([first, *rest])) == [first, *rest]
    closed = "Minister Li (who arrived. Late) spoke."
    assert sentences(f"Alpha {opener}beta. {closed} Gamma delta.") == [
        f"Alpha {opener}beta.",
        closed,
        "Gamma delta.",
    ]


def test_vietnamese_press_terminator_stays_with_its_sentence() -> None:
    assert sentences("They lifted relations to a new height./.") == [
        "They lifted relations to a new height./."
    ]
    assert sentences("It ended./. Next story began.") == ["It ended./.", "Next story began."]


def test_closing_quotes_stay_with_their_sentence() -> None:
    assert sentences("They agreed on the “Year of Exchange.” Then they left.") == [
        "They agreed on the “Year of Exchange.”",
        "Then they left.",
    ]


def test_sentence_offsets_point_into_the_text() -> None:
    text = "Alpha one. Beta two? Gamma three!"
    for sentence in split_sentences(text):
        assert text[sentence.start : sentence.end] == sentence.text


def test_closing_credit_is_not_a_sentence() -> None:
    segmented = segment("He accepted with pleasure. — VNS")
    assert segmented.source == "VNS"
    assert [s.text for s in segmented.sentences] == ["He accepted with pleasure."]
    assert segmented.text.endswith("— VNS")  # the reader still sees it


def test_closing_credit_with_two_agencies() -> None:
    assert find_credit("The delegation left. — VNA/VNS") == ("VNA/VNS", 20)


def test_hyphenated_last_word_is_not_a_credit() -> None:
    assert find_credit("They celebrated the Year of Việt Nam-China") is None


def test_according_to_an_agency_is_the_credit() -> None:
    text = "According to Agence Kampuchea Presse, Xi expressed his pleasure."
    assert find_credit(text) == ("Agence Kampuchea Presse", None)


def test_according_to_a_person_is_not_a_credit() -> None:
    assert find_credit("According to Xi Jinping, ties are strong.") is None


@pytest.mark.parametrize(
    ("paragraph", "place"),
    [
        ("HÀ NỘI — General Secretary Tô Lâm held talks.", "Hà Nội"),
        ("Beijing: Chinese President Xi Jinping has urged China.", "Beijing"),
        ("PHNOM PENH, Jan 5 - Prime Minister Hun Manet met guests.", "Phnom Penh"),
    ],
)
def test_dateline_names_the_place(paragraph: str, place: str) -> None:
    found = find_dateline(paragraph)
    assert found is not None
    assert found[0] == place


@pytest.mark.parametrize(
    "paragraph",
    [
        "General Secretary of the Communist Party of Vietnam To Lam held talks.",
        "Their discussions came amid the joyful atmosphere.",
        "In 2024: exchanges took place.",
    ],
)
def test_no_dateline_in_ordinary_openings(paragraph: str) -> None:
    assert find_dateline(paragraph) is None


def test_dateline_is_outside_the_first_sentence() -> None:
    segmented = segment("HÀ NỘI — Tô Lâm held talks. Xi replied.")
    assert segmented.place == "Hà Nội"
    assert segmented.sentences[0].text == "Tô Lâm held talks."


def test_shorten_cuts_at_a_word_boundary() -> None:
    assert shorten("short", 10) == "short"
    assert shorten("General Secretary of the Party", 20) == "General Secretary…"


def test_word_count_counts_compounds_and_diacritics_once() -> None:
    assert word_count("Việt Nam’s people-to-people ties — 75 years") == 6


def test_visible_shows_control_characters_without_moving_offsets() -> None:
    text = "red \x1b[31mtext\x07 end"
    shown = visible(text)
    assert len(shown) == len(text)
    assert "\x1b" not in shown and "␛" in shown
    assert visible("[bold]kept[/]") == "[bold]kept[/]"


TERMINAL_TRICKS = {
    "\x1b": "ESC",
    "\x9b": "C1 control sequence introducer",
    "\x07": "bell",
    "\x7f": "delete",
    "\r": "carriage return",
    **{chr(c): "bidi embedding or override" for c in range(0x202A, 0x202F)},
    **{chr(c): "bidi isolate" for c in range(0x2066, 0x206A)},
    "\u200b": "zero-width space",
    "\u200c": "zero-width non-joiner",
    "\u200d": "zero-width joiner",
    "\u2060": "word joiner",
    "\ufeff": "zero-width no-break space",
    "\u200e": "left-to-right mark",
    "\u00ad": "soft hyphen",
    "\u2028": "line separator",
    "\U000e0041": "tag letter",
    "\udcff": "lone surrogate (an undecodable byte)",
}


@pytest.mark.parametrize("char", TERMINAL_TRICKS, ids=TERMINAL_TRICKS.values())
def test_visible_shows_every_control_and_format_character(char: str) -> None:
    shown = visible(f"a{char}b")
    assert len(shown) == 3 and shown[0] + shown[2] == "ab"
    assert shown[1] != char and shown[1].isprintable()
    shown.encode("utf-8")  # printable anywhere, even from a lone surrogate


@pytest.mark.parametrize(
    "text",
    [
        "Tô Lâm và Lương Cường, Nguyễn Phú Trọng: Đổi mới",
        "习近平 中华人民共和国",
        "🇻🇳 👍🏽 👨‍👩‍👧 ❤️‍🔥",
        "A\u00a0non-breaking space",
        "two\n\nparagraphs",
    ],
)
def test_visible_leaves_ordinary_text_alone(text: str) -> None:
    assert visible(text) == text


def test_one_line_shows_line_feeds_too() -> None:
    assert one_line("a\nb\x1b") == "a␊b␛"


def test_clipboard_text_strips_controls_and_keeps_lines_and_tabs() -> None:
    pasted = "ls\x1b[201~; rm -rf ~\r\n\tnext\u202eline\u200b 👨‍👩‍👧 Việt\x9b"
    assert clipboard_text(pasted) == "ls[201~; rm -rf ~\n\tnextline 👨‍👩‍👧 Việt"


@pytest.mark.parametrize("char", TERMINAL_TRICKS, ids=TERMINAL_TRICKS.values())
def test_clipboard_text_drops_every_control(char: str) -> None:
    assert clipboard_text(f"a{char}b") == "ab"


def test_escape_controls_makes_json_show_them_as_escapes() -> None:
    text = "Việt \x9b\u202e\u200b 🇻🇳 \U000e0041"
    encoded = escape_controls(json.dumps({"t": text}, ensure_ascii=False))
    assert encoded == '{"t": "Việt \\u009b\\u202e\\u200b 🇻🇳 \\udb40\\udc41"}'
    assert json.loads(encoded) == {"t": text}


@pytest.mark.parametrize(
    ("code", "escaped"),
    [
        (0x9B, "\\u009b"),
        (0xFFFF, "\\uffff"),  # the last one written as one escape
        (0x10000, "\\ud800\\udc00"),  # the first written as a surrogate pair
        (0xE0041, "\\udb40\\udc41"),
        (0x10FFFF, "\\udbff\\udfff"),
    ],
)
def test_json_escape_writes_astral_characters_as_surrogate_pairs(code: int, escaped: str) -> None:
    assert _json_escape(code) == escaped
    assert json.loads(f'"{escaped}"') == chr(code)


def test_clipboard_text_makes_crlf_and_lone_cr_line_ends_plain() -> None:
    assert clipboard_text("a\r\nb\rc\n") == "a\nbc\n"
    assert clipboard_text("👨\u200d👩\r\n\u200dx") == "👨\u200d👩\nx"


@pytest.mark.parametrize(
    ("char", "folded"),
    [
        ("A", "a"), ("Ấ", "a"), ("ệ", "e"), ("Đ", "d"), ("đ", "d"), ("ł", "l"), ("Ø", "o"),
        ("’", "'"), ("“", '"'), ("—", "-"), ("x", "x"), ("7", "7"), ("习", "习"), ("İ", "i"),
    ],
)  # fmt: skip
def test_fold_drops_case_and_diacritics_one_character_for_one(char: str, folded: str) -> None:
    assert fold_char(char) == folded


def test_a_character_map_applies_its_function_to_any_text() -> None:
    shout = CharMap(lambda char: char.upper()[0])
    long = "abc " * CharMap.SHORT
    assert shout("") == ""
    assert shout("abc") == "ABC"  # a short text: the lazy table
    assert shout(long) == long.upper()  # a long one below the limit: the numpy table
    assert shout(long + "习 ß") == long.upper() + "习 S"  # a character above it: lazy
    assert shout("xyz") == "XYZ"


@settings(max_examples=200, deadline=None)
@given(st.text(st.sampled_from("aĐệ习 ß’\x00"), max_size=3 * CharMap.SHORT))
def test_fold_of_a_text_is_the_fold_of_each_character(text: str) -> None:
    assert fold(text) == "".join(map(fold_char, text))


UNSAFE = {"Cc", "Cf", "Cs", "Zl", "Zp"}


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(codec=None), max_size=40))
def test_text_shown_pasted_or_escaped_never_carries_a_control(text: str) -> None:
    shown = visible(text)
    assert len(shown) == len(text)
    assert all(c == "\n" or unicodedata.category(c) not in UNSAFE for c in shown if c != "\u200d")
    assert "\n" not in one_line(text) and len(one_line(text)) == len(text)
    pasted = clipboard_text(text)
    assert all(c in "\t\n\u200d" or unicodedata.category(c) not in UNSAFE for c in pasted)
    encoded = escape_controls(json.dumps(text, ensure_ascii=False))
    assert not any(unicodedata.category(c) in UNSAFE for c in encoded)
    assert json.loads(encoded) == text


@settings(max_examples=200, deadline=None)
@given(st.text(st.sampled_from("ab .!?\n\"'()A1—:,"), max_size=80))
def test_segment_offsets_always_slice_back_to_their_text(raw: str) -> None:
    segmented = segment(raw)
    for passage in (*segmented.paragraphs, *segmented.sentences):
        assert segmented.text[passage.start : passage.end] == passage.text
    starts = [s.start for s in segmented.sentences]
    assert starts == sorted(starts)
