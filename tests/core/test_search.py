"""Search: folding, typos, word order, ranking, operators and offsets."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import WriteCorpus
from tui.core import Corpus, load_corpus
from tui.core.cancel import Cancelled
from tui.core.query import _search_fold_char
from tui.core.ranking import fuzzy_cutoff
from tui.core.search import Query, SearchError, SearchIndex, parse_query, passage_score, search_fold


@pytest.fixture(scope="module")
def index(seeds: Corpus) -> SearchIndex:
    return SearchIndex(seeds)


def marked(hit_text: str, start: int, matches: tuple[tuple[int, int], ...]) -> list[str]:
    return [hit_text[a - start : b - start] for a, b in matches]


def test_search_fold_keeps_offsets_and_drops_case_diacritics_punctuation() -> None:
    text = "Việt Nam–China: Đổi mới, standard-gauge!"
    folded = search_fold(text)
    assert len(folded) == len(text)
    assert folded.split() == ["viet", "nam", "china", "doi", "moi", "standard", "gauge"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [("to lam", "Tô Lâm"), ("TO LAM", "Tô Lâm"), ("doi moi", "Đổi mới")],
)
def test_diacritics_and_case_are_folded(index: SearchIndex, query: str, expected: str) -> None:
    hits = index.search(query)
    assert hits
    assert any(expected in marked(h.text, h.start, h.matches) for h in hits)


def test_doi_moi_finds_both_spellings(index: SearchIndex) -> None:
    spellings = {
        h.text[a - h.start : b - h.start] for h in index.search("doi moi") for a, b in h.matches
    }
    assert {"Đổi mới", "Doi moi"} <= spellings


@pytest.mark.parametrize(
    "query", ["standart gauge railway", "railway standard-gauge", "standard gauge"]
)
def test_typos_and_word_order_are_tolerated(index: SearchIndex, query: str) -> None:
    best = index.search(query, limit=1)[0]
    assert "three standard-gauge railway lines" in best.text


def test_exact_phrase_ranks_above_all_words_above_fuzzy(index: SearchIndex) -> None:
    hits = index.search("three railway lines", limit=5)
    assert "especially the three railway lines" in hits[0].text  # the phrase itself
    assert "three standard-gauge railway lines" in hits[1].text  # every word, apart
    assert hits[0].score > hits[1].score >= 200 > 100
    tiers = [int(h.score // 100) for h in index.search("humanistc exchange")]
    assert tiers and set(tiers) == {1}  # a typo: fuzzy only


def test_ties_go_to_the_newer_article(index: SearchIndex) -> None:
    hits = index.search("UNCLOS")
    assert [h.date for h in hits] == sorted((h.date for h in hits), reverse=True)
    assert hits[0].score == hits[-1].score


def test_short_query_is_found_inside_a_long_sentence(index: SearchIndex) -> None:
    (hit,) = index.search("tea party", limit=1)
    assert hit.article_id == "003_a5266ca7b85631b7.txt"
    assert marked(hit.text, hit.start, hit.matches) == ["tea party"]


def test_offsets_point_into_the_article_text(index: SearchIndex, seeds: Corpus) -> None:
    for hit in index.search("cooperation railway", limit=20):
        article = seeds.get(hit.article_id)
        assert article is not None
        assert article.text[hit.start : hit.end] == hit.text
        for start, end in hit.matches:
            assert hit.start <= start < end <= hit.end


def test_quoted_word_must_match_exactly(index: SearchIndex) -> None:
    assert index.search("'railwya") == []
    assert index.search("railwya")  # the typo alone is forgiven


def test_phrase_must_be_there_word_for_word(index: SearchIndex) -> None:
    hits = index.search('"standard gauge"')
    assert [h.article_id for h in hits] == ["000_250548e130747c8a.txt"]
    assert index.search('"gauge standard"') == []


def test_excluded_word_removes_passages(index: SearchIndex) -> None:
    with_it = index.search("railway", limit=50)
    without = index.search("railway !standard", limit=50)
    assert len(without) == len(with_it) - 1
    assert all("standard" not in h.text for h in without)


def test_leader_operator_keeps_articles_that_name_the_leader(index: SearchIndex) -> None:
    hits = index.search("railway leader:cuong", limit=50)
    assert {h.article_id for h in hits} == {"002_dce0a2b2b469b0e8.txt"}
    by_extraction = {"002_dce0a2b2b469b0e8.txt": ["Lương Cường", "Xi Jinping"]}
    assert index.search("railway leader:xi", leaders=by_extraction)
    assert index.search("railway leader:lam", leaders=by_extraction) == []


def test_date_bounds(index: SearchIndex) -> None:
    hits = index.search("railway from:2025-01 to:2025-06", limit=50)
    assert {h.date for h in hits} == {dt.date(2025, 1, 15), dt.date(2025, 4, 15)}
    assert {h.date for h in index.search("railway from:2026", limit=50)} == {dt.date(2026, 1, 26)}
    assert index.search("railway to:2024-08-18") == []


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ('"open phrase', "not closed"),
        ("to:soon", "to:soon is not a date"),
        ("from:2025-13", "from:2025-13 is not a date: the month must be 01 to 12"),
        ("to:2025-00", "to:2025-00 is not a date: the month must be 01 to 12"),
        ("from:0000", "from:0000 is not a date: the year must be 0001 to 9999"),
        ("to:2025-02-30", "to:2025-02-30 is not a date: 2025-02 has days 01 to 28"),
        ("from:2025-04-31", "from:2025-04-31 is not a date: 2025-04 has days 01 to 30"),
        ("from:2025-1", "from:2025-1 is not a date"),
        ("to:２０２５", "not a date"),  # digits, but not ASCII ones
        ("from:2025 to:2024", "from:2025-01-01 is after to:2024-12-31"),
    ],
)
def test_bad_queries_are_errors_of_one_line(raw: str, message: str) -> None:
    with pytest.raises(SearchError, match=message) as error:
        parse_query(raw)
    assert "\n" not in str(error.value)


@pytest.mark.parametrize(
    ("raw", "first", "last"),
    [
        ("from:0001 to:9999-12", dt.date(1, 1, 1), dt.date(9999, 12, 31)),
        ("from:2024-02 to:2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        ("from:2025-12-31 to:2025-12-31", dt.date(2025, 12, 31), dt.date(2025, 12, 31)),
    ],
)
def test_dates_at_the_edges_are_bounds(raw: str, first: dt.date, last: dt.date) -> None:
    query = parse_query(raw)
    assert (query.date_from, query.date_to) == (first, last)


def test_an_article_dated_on_a_bound_is_in_the_range(index: SearchIndex) -> None:
    on_the_day = {h.date for h in index.search("railway from:2026-01-26", limit=50)}
    assert on_the_day == {dt.date(2026, 1, 26)}
    assert {h.date for h in index.search("railway from:2026-01-27", limit=50)} == set()
    up_to = {h.date for h in index.search("railway to:2024-08-19", limit=50)}
    assert up_to == {dt.date(2024, 8, 19)}
    assert index.search("railway to:2024-08-18", limit=50) == []
    one_day = index.search("railway from:2025-01-15 to:2025-01-15", limit=50)
    assert {h.date for h in one_day} == {dt.date(2025, 1, 15)}


def test_parse_query_reads_every_operator() -> None:
    query = parse_query("""railway 'gauge "three lines" !road leader:Xi from:2025 to:2025-02""")
    assert query.terms == ("railway",)
    assert query.exact == ("gauge",)
    assert query.phrases == ("three lines",)
    assert query.excluded == ("road",)
    assert query.leader == "xi"
    assert (query.date_from, query.date_to) == (dt.date(2025, 1, 1), dt.date(2025, 2, 28))


def test_the_word_being_typed_matches_as_a_prefix(index: SearchIndex) -> None:
    assert any("railway" in h.text for h in index.search("standard gauge rai", limit=3))


def test_index_and_exhaustive_scan_agree(index: SearchIndex) -> None:
    for query in ("three railway lines", "to lam tea party", "doi moi", "humanistc exchange"):
        fast = [(h.article_id, h.start) for h in index.search(query, limit=10)]
        slow = [(h.article_id, h.start) for h in index.exhaustive(query, limit=10)]
        assert fast == slow


def test_articles_matching_lists_each_article_once(index: SearchIndex) -> None:
    assert index.articles_matching("railway") == [
        "004_fecb52052cebe9ee.txt",
        "002_dce0a2b2b469b0e8.txt",
        "000_250548e130747c8a.txt",
        "003_a5266ca7b85631b7.txt",
    ]


def test_markup_in_text_is_searchable_data(write_corpus: WriteCorpus) -> None:
    folder = write_corpus({"m.txt": "date 2025-01-01\nThe [bold]railway[/] deal was signed."})
    (hit,) = SearchIndex(load_corpus(folder)).search("railway")
    assert hit.text == "The [bold]railway[/] deal was signed."


# Pieces of queries, so that fuzzing reaches every operator and not only plain words.
PIECES = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["from:", "to:", "leader:", "!", "'", '"', " ", "-", ":", "\\", "\0"]),
    st.from_regex(r"(from|to):[0-9]{0,5}(-[0-9]{0,3}){0,3}", fullmatch=True),
)
QUERIES = st.lists(PIECES, max_size=8).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(), QUERIES))
def test_any_text_parses_or_is_a_search_error(raw: str) -> None:
    try:
        query = parse_query(raw)
    except SearchError as error:
        assert str(error) and "\n" not in str(error)
    else:
        assert isinstance(query, Query)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(QUERIES)
def test_any_query_searches_or_is_a_search_error(index: SearchIndex, raw: str) -> None:
    try:
        hits = index.search(raw, limit=5)
    except SearchError:
        return
    assert len(hits) <= 5


def words_score(query: str, sentence: str) -> float | None:
    return passage_score(parse_query(query), search_fold(sentence).split())


@pytest.mark.parametrize(
    ("sentence", "tier"),
    [
        ("railway lines three", 2),  # every word, apart
        ("three new railway lines", 2),
        ("three railway lin", 1),  # the last word must be typed in full, or begun
        ("railway lines", 1),  # one word of three missing: fuzzy at best
        ("three railway", 1),
        ("three lines", 1),
        ("three lines only", 1),
        ("three", None),  # most words missing: no match
        ("three railway lines", 3),  # the phrase as typed
    ],
)
def test_every_word_present_is_its_own_tier(sentence: str, tier: int | None) -> None:
    score = words_score("three railway lines", sentence)
    assert (None if score is None else next(t for t in (3, 2, 1) if score >= t * 100)) == tier


def test_the_last_word_begun_counts_as_present() -> None:
    score = words_score("railway lin", "lines of railway")
    assert score is not None and 200 <= score < 300
    score = words_score("rail lines", "lines of railway")  # only the last may be begun
    assert score is None or score < 200


def test_leader_without_extraction_needs_every_word_of_the_name(index: SearchIndex) -> None:
    hits = index.search('railway leader:"luong cuong"', limit=50)
    assert {h.article_id for h in hits} == {"002_dce0a2b2b469b0e8.txt"}
    assert index.search('railway leader:"luong zzzz"', limit=50) == []
    assert index.search("railway leader:zzzz", limit=50) == []


def test_leader_with_extraction_matches_names_and_their_beginnings(index: SearchIndex) -> None:
    by_extraction = {"002_dce0a2b2b469b0e8.txt": ["Lương Cường", "Xi Jinping"]}
    assert index.search("railway leader:jin", leaders=by_extraction)  # a name's beginning
    assert index.search('railway leader:"luong cuong"', leaders=by_extraction)
    assert index.search("railway leader:cuong", leaders={}) == []  # extraction says no one


def test_building_the_index_stops_when_asked(seeds: Corpus) -> None:
    asked: list[int] = []

    def should_stop() -> bool:
        asked.append(1)
        return len(asked) >= 2

    with pytest.raises(Cancelled):
        SearchIndex(seeds, should_stop=should_stop)
    assert len(asked) == 2  # asked between articles: stopped at the second
    assert SearchIndex(seeds, should_stop=lambda: False).sentence_count > 0


def test_half_the_words_is_not_a_fuzzy_match() -> None:
    assert words_score("railway zzzzzz", "the railway opened") is None


def test_operators_alone_are_a_query(index: SearchIndex) -> None:
    assert {h.date for h in index.search("to:2024-12", limit=50)} == {dt.date(2024, 8, 19)}
    assert {h.date for h in index.search("from:2026", limit=50)} == {dt.date(2026, 1, 26)}
    assert {h.article_id for h in index.search("leader:cuong", limit=50)} == {
        "002_dce0a2b2b469b0e8.txt"
    }


def test_undated_articles_are_outside_every_date_range(write_corpus: WriteCorpus) -> None:
    folder = write_corpus({"a.txt": "The railway opened.", "b.txt": "date 2025-01-01\nRailway."})
    index = SearchIndex(load_corpus(folder))
    assert {h.article_id for h in index.search("railway")} == {"a.txt", "b.txt"}
    assert {h.article_id for h in index.search("railway to:2030")} == {"b.txt"}


def test_common_words_are_marked_only_inside_a_phrase(index: SearchIndex) -> None:
    (hit,) = index.search("the tea party", limit=1)
    assert " the " in hit.text
    assert marked(hit.text, hit.start, hit.matches) == ["tea", "party"]


@pytest.mark.parametrize(
    ("raw", "terms"),
    [("\\", ()), ("a\\", ("a",)), ("C:\\docs\\trade", ("c", "docs", "trade"))],
)
def test_a_backslash_in_a_query_is_only_a_character(raw: str, terms: tuple[str, ...]) -> None:
    """Only `"` quotes in a query: a backslash escapes nothing (and a lone one is no
    "quote not closed")."""
    assert parse_query(raw).terms == terms


@pytest.mark.parametrize(
    ("word", "cutoff"), [("", None), ("abc", None), ("abcd", 80.0), ("railway", 80.0)]
)
def test_words_under_four_letters_have_no_typos(word: str, cutoff: float | None) -> None:
    assert fuzzy_cutoff(word) == cutoff


@pytest.mark.parametrize(
    ("raw", "field", "expected"),
    [
        ("!a !b", "excluded", ("a", "b")),
        ("!x", "excluded", ("x",)),
        ("'a 'b", "exact", ("a", "b")),
        ("'x", "exact", ("x",)),
        ('"a b" "c d"', "phrases", ("a b", "c d")),
        ('"! ?"', "phrases", ()),  # a phrase of punctuation only is no phrase
        ("! '", "terms", ()),
        ("leader:xi:jin", "leader", "xi jin"),
    ],
)
def test_parse_query_collects_every_operator_of_a_kind(
    raw: str, field: str, expected: object
) -> None:
    assert getattr(parse_query(raw), field) == expected


def test_an_unclosed_quote_says_how_to_close_it() -> None:
    with pytest.raises(SearchError) as error:
        parse_query('"open phrase')
    assert str(error.value) == 'a quote is not closed: end the phrase with "'


@pytest.mark.parametrize(
    ("char", "folded"),
    [("A", "a"), ("ệ", "e"), ("Đ", "d"), ("7", "7"), ("–", " "), ("'", " "), ("!", " ")],
)
def test_search_folds_each_character_to_a_letter_digit_or_space(char: str, folded: str) -> None:
    assert _search_fold_char(char) == folded


def test_a_synonym_ending_the_sentence_is_marked_where_a_longer_member_could_start(
    write_corpus: WriteCorpus,
) -> None:
    # `united` starts `United States of America` too: cut short, it is `United States`.
    corpus = load_corpus(write_corpus({"a.txt": "date 2025-01-02\nThey met the United States."}))
    hits = SearchIndex(corpus).search("met america")
    assert [marked(hit.text, hit.start, hit.matches) for hit in hits] == [["met", "United States"]]
