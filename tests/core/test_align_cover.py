"""Clauses lose nothing: every character of both readouts' sentences (but the spaces
where they are cut) is in exactly one piece of the alignment, and each piece is the
exact slice of its readout (property tests over sentences with `;`, `; and`,
`, and` and enumerations)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bench.compare_pairs import SYNONYMS, corpus_sentences, load_pairs, passages
from tui.core.align import Aligner, Alignment, SentenceFrequencies, clauses
from tui.core.terms import TermMaker
from tui.core.text import Passage

FREQUENCIES = SentenceFrequencies.of(corpus_sentences(load_pairs()))
TERMS = TermMaker.default(SYNONYMS)

WORDS = (
    "railway durian seafood trade customs border trust security cooperation energy"
    " investment tourism students culture digital economy green minerals peace sea"
).split()
JOINS = ("; ", "; and ", ";and ", ", and ", ", while ", ", as well as ", ", besides ", " ")

clause = st.lists(st.sampled_from(WORDS), min_size=1, max_size=7).map(" ".join)


@st.composite
def sentences(draw: st.DrawFn) -> str:
    """A sentence of clauses joined as readouts join them, enumerated at times."""
    parts = draw(st.lists(clause, min_size=1, max_size=6))
    if draw(st.booleans()):
        ordinals = ("first", "second", "third", "fourth", "fifth", "finally")
        parts = [f"{o}, {p}" for o, p in zip(ordinals, parts, strict=False)]
        text = "The two sides should: " + parts[0]
    else:
        text = "Xi said the two sides should " + parts[0]
    for part in parts[1:]:
        text += draw(st.sampled_from(JOINS)) + part
    return text + draw(st.sampled_from((".", ";", "")))


readouts = st.lists(sentences(), min_size=1, max_size=5)


def assert_covered(sentences: tuple[Passage, ...], pieces: list[Passage]) -> None:
    text = " ".join(sentence.text for sentence in sentences)
    spans = sorted((piece.start, piece.end) for piece in pieces)
    for piece in pieces:
        assert text[piece.start : piece.end] == piece.text
        assert piece.text == piece.text.strip() and piece.text
    at = 0
    for start, end in spans:
        assert start >= at, "two pieces overlap"
        assert not text[at:start].strip(), f"left out: {text[at:start]!r}"
        at = end
    assert not text[at:].strip(), f"left out: {text[at:]!r}"


def pieces_of(alignment: Alignment, side: int) -> list[Passage]:
    """Every piece of one side, once for each place it is in (pairs, alone)."""
    pieces = alignment.first if side == 0 else alignment.second
    indexes = [i for pair in alignment.pairs for i in (pair.first, pair.second)[side]]
    indexes += alignment.only_first if side == 0 else alignment.only_second
    assert sorted(indexes) == list(range(len(pieces))), "a piece in no place, or two"
    return [pieces[i] for i in indexes]


@settings(max_examples=60, deadline=None)
@given(sentence=sentences())
def test_clauses_hold_every_character_of_their_sentence(sentence: str) -> None:
    whole = Passage(sentence, 10, 10 + len(sentence))
    parts = clauses(whole)
    text = " " * 10 + sentence
    assert_covered((Passage(text, 0, len(text)),), parts)


@settings(max_examples=40, deadline=None)
@given(first=readouts, second=readouts)
def test_every_character_of_both_readouts_is_in_exactly_one_piece(
    first: list[str], second: list[str]
) -> None:
    sides = (passages(first), passages(second))
    alignment = Aligner(FREQUENCIES, TERMS).align(*sides)
    for side in (0, 1):
        assert_covered(sides[side], pieces_of(alignment, side))


def test_a_semicolon_and_its_and_stay_in_the_quote() -> None:
    text = (
        "Xi said the two sides should deepen strategic mutual trust; and expand"
        " practical cooperation in railways, and strengthen security cooperation."
    )
    parts = clauses(Passage(text, 0, len(text)))
    assert [p.text for p in parts] == [
        "Xi said the two sides should deepen strategic mutual trust;",
        "and expand practical cooperation in railways,",
        "and strengthen security cooperation.",
    ]


def test_an_item_of_pieces_apart_marks_what_it_leaves_out() -> None:
    from tui.core.compare import Item

    text = "Xi spoke of railways. Lâm spoke of durian.\n\nXi spoke of trust."
    one, two, three = (Passage(text[a:b], a, b) for a, b in ((0, 21), (22, 42), (44, 62)))
    assert Item((one, two), (), ()).text == "Xi spoke of railways. Lâm spoke of durian."
    assert Item((two, three), (), ()).text == "Lâm spoke of durian. Xi spoke of trust."
    assert Item((one, three), (), ()).text == "Xi spoke of railways. … Xi spoke of trust."
