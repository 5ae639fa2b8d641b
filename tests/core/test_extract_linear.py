"""Extraction stays linear in an article's length, measured by counting work, not time.

Two counters run while one article is segmented and extracted: the characters every
pattern of the extraction and segmentation modules is given to scan (a pattern run
per sentence over the rest of the text counts the whole text each time), and the
Python calls made (a loop over every mention per sentence counts each one). An
article four times longer must cost about four times more, whatever its shape: a
quadratic step makes it sixteen.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType, ModuleType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import ROOT
from tui.core import Corpus, load_config
from tui.core import text as text_module
from tui.core.cancel import Cancelled
from tui.core.corpus import Article, parse_article
from tui.core.extract import (
    attribution,
    commitments,
    cues,
    discover,
    extract,
    extract_corpus,
    leaders,
    names,
    people,
    sides,
    titles,
    topics,
)
from tui.core.text import fold, split_sentences

LEXICON = load_config(ROOT / "config.yaml").lexicon
MODULES: tuple[ModuleType, ...] = (
    text_module,
    leaders,
    commitments,
    cues,
    attribution,
    sides,
    topics,
    names,
    titles,
    discover,
    people,
)


class CountingPattern:
    """A compiled pattern that adds up the characters it reads: a search, up to the
    end of what it found or of what it was given when it found nothing; a match
    (anchored), what it matched."""

    def __init__(self, pattern: re.Pattern[str], counter: list[int]) -> None:
        self.pattern = pattern
        self.counter = counter

    def __getattr__(self, name: str) -> Any:
        return getattr(self.pattern, name)

    def _read(self, pos: int, found: re.Match[str] | None, string: str, endpos: int) -> None:
        self.counter[0] += (found.end() if found else min(len(string), endpos)) - pos + 1

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Any:
        found = self.pattern.search(string, pos, endpos)
        self._read(pos, found, string, endpos)
        return found

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Any:
        found = self.pattern.match(string, pos, endpos)
        self.counter[0] += (found.end() - pos if found else 0) + 1  # anchored: no scan
        return found

    def finditer(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        for found in self.pattern.finditer(string, pos, endpos):
            self._read(pos, found, string, endpos)
            pos = found.end()
            yield found
        self._read(pos, None, string, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Any:
        self._read(pos, None, string, endpos)
        return self.pattern.findall(string, pos, endpos)


def patterns(module: ModuleType) -> Iterator[tuple[Any, str, re.Pattern[str]]]:
    """`(owner, attribute, pattern)` for every compiled pattern a module holds."""
    for name, value in vars(module).items():
        if isinstance(value, re.Pattern):
            yield module, name, value
        elif isinstance(value, commitments._Cues):
            yield value, "cues", value.cues


def work(raw: str, monkeypatch: pytest.MonkeyPatch) -> tuple[int, int]:
    """`(characters scanned by patterns, Python calls)` to load and extract `raw`."""
    scanned = [0]
    calls = [0]
    with monkeypatch.context() as patch:
        for module in MODULES:
            for owner, name, pattern in list(patterns(module)):
                patch.setattr(owner, name, CountingPattern(pattern, scanned))

        def count(frame: FrameType, event: str, arg: object) -> None:
            calls[0] += event in ("call", "c_call")

        sys.setprofile(count)
        try:
            article, _ = parse_article("big", Path("big.txt"), raw)
            extract(article, LEXICON)
        finally:
            sys.setprofile(None)
    return scanned[0], calls[0]


def seed_paragraphs(seeds: Corpus) -> list[str]:
    return [p.text for article in seeds.articles for p in article.paragraphs]


def repeated(unit: str, size: int, joiner: str = "\n\n") -> str:
    copies = [unit] * (size // (len(unit) + len(joiner)) + 1)
    return "date 2025-01-01\n" + joiner.join(copies)[:size]


def shapes(seeds: Corpus) -> dict[str, Callable[[int], str]]:
    """Articles of a given size in the shapes that once made extraction quadratic."""
    paragraphs = seed_paragraphs(seeds)
    leaders_unit = (
        "General Secretary Tô Lâm met President Xi Jinping, and Prime Minister Phạm Minh "
        "Chính met Premier Li Qiang and Prime Minister Hun Manet of Cambodia. Lâm said "
        "Việt Nam will work with Xi, and the Chinese leader is ready to help."
    )

    def distinct_names(size: int) -> str:
        # A new person every sentence: the names an article reveals grow with it.
        words = [f"{a}{b}".capitalize() for a in "bdfgklmnprstvz" for b in "aeiou"]
        people = (f"{a} {b}{c.lower()}" for a in words for b in words for c in words)
        sentences, length = [], 0
        while length < size:
            sentence = f"Prime Minister {next(people)} will meet President {next(people)}."
            sentences.append(sentence)
            length += len(sentence) + 1
        return "date 2025-01-01\n" + " ".join(sentences)

    return {
        "seed paragraphs": lambda size: repeated("\n\n".join(paragraphs), size),
        "one paragraph with no sentence end": lambda size: repeated(
            " ".join(p.replace(".", ",") for p in paragraphs), size, " "
        ),
        "one sentence after an unclosed bracket": lambda size: (
            "date 2025-01-01\n(" + repeated(" ".join(paragraphs), size, " ")[16:]
        ),
        "many leader mentions": lambda size: repeated(leaders_unit, size, " "),
        "many distinct leaders": distinct_names,
    }


SHAPES = (
    "seed paragraphs",
    "one paragraph with no sentence end",
    "one sentence after an unclosed bracket",
    "many leader mentions",
    "many distinct leaders",
)


@pytest.mark.parametrize("shape", SHAPES)
def test_extraction_work_grows_linearly_with_the_article(
    shape: str, seeds: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    make = shapes(seeds)[shape]
    small = work(make(20_000), monkeypatch)
    large = work(make(80_000), monkeypatch)
    scanned, calls = large[0] / small[0], large[1] / small[1]
    assert scanned < 5.5, f"patterns scanned {scanned:.1f}x more for a 4x longer article"
    assert calls < 5.5, f"{calls:.1f}x more calls for a 4x longer article"


def test_sentence_splitting_reads_a_long_paragraph_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A bracket closed only at the end keeps every full stop from ending a sentence,
    # so every one of them asks for the bracket depth so far.
    paragraph = "(" + "The sides met. They agreed. " * 2000 + "End)."
    read: list[int] = []
    depth = text_module._bracket_depth
    monkeypatch.setattr(
        text_module, "_bracket_depth", lambda part: read.append(len(part)) or depth(part)
    )
    (sentence,) = split_sentences(paragraph)
    assert sentence.text == paragraph.rstrip()
    assert sum(read) <= len(paragraph)


def test_bracket_depth_starts_afresh_with_each_sentence() -> None:
    text = "Closing) here. Next (one. Two) end. Last one."
    assert [s.text for s in split_sentences(text)] == [
        "Closing) here.",
        "Next (one. Two) end.",
        "Last one.",
    ]


def test_name_finder_finds_whole_words_longest_first() -> None:
    finder = names.NameFinder(["xi", "xi jinping", "lee jae-myung", "lee"])
    text = "xi jinping met lee jae-myung; xian and d'xi were not xi jinpings."
    found = [text[start:end] for start, end, _ in finder.finditer(text)]
    assert found == ["xi jinping", "lee jae-myung", "xi"]


def test_name_finder_finds_names_that_start_with_a_sign() -> None:
    finder = names.NameFinder(["-kim", "kim", "xi"])
    text = "met -kim and kim, xi-kim"
    found = [text[start:end] for start, end, _ in finder.finditer(text)]
    assert found == ["-kim", "kim", "xi", "kim"]  # no name starts right after a letter
    assert list(names.NameFinder([]).finditer(text)) == []


def test_name_finder_with_many_first_words_finds_the_same() -> None:
    many = [f"name{number} person" for number in range(names.FEW_FIRST_WORDS + 1)]
    text = "name3 person met name30 person and name3, d'name3 person, name3 persons."
    few = names.NameFinder([*many[:2], "name3 person", "name30 person"])
    assert list(names.NameFinder(many).finditer(text)) == list(few.finditer(text))
    assert [name for _, _, name in few.finditer(text)] == ["name3 person", "name30 person"]


def one_article(seeds: Corpus, size: int) -> Article:
    raw = repeated("\n\n".join(seed_paragraphs(seeds)), size)
    article, _ = parse_article("big", Path("big.txt"), raw)
    return article


def stop_after(calls: int) -> Callable[[], bool]:
    """A `should_stop` that says stop on its `calls`-th call, and counts its calls."""
    asked = [0]

    def should_stop() -> bool:
        asked[0] += 1
        return asked[0] >= calls

    should_stop.asked = asked  # type: ignore[attr-defined]
    return should_stop


def test_extract_stops_inside_one_long_article(seeds: Corpus) -> None:
    article = one_article(seeds, 200_000)
    should_stop = stop_after(50)
    with pytest.raises(Cancelled):
        extract(article, LEXICON, should_stop=should_stop)
    # Asked between sentences: it stopped at the 50th question, well before the end.
    assert should_stop.asked[0] == 50  # type: ignore[attr-defined]
    assert len(article.sentences) > 500


def test_extract_corpus_stops_at_once_when_asked(seeds: Corpus) -> None:
    progress: list[int] = []
    with pytest.raises(Cancelled):
        extract_corpus(
            seeds, LEXICON, lambda done, total: progress.append(done), should_stop=lambda: True
        )
    assert progress == []


def test_extract_runs_to_the_end_when_never_asked_to_stop(seeds: Corpus) -> None:
    article = one_article(seeds, 20_000)
    assert extract(article, LEXICON, should_stop=lambda: False) == extract(article, LEXICON)


_NAME_TEXT = st.text(alphabet="ax' -ḍ_.", max_size=40)


@given(
    wanted=st.lists(st.text(alphabet="ax' -ḍ", min_size=1, max_size=6), max_size=6), text=_NAME_TEXT
)
@settings(max_examples=400, deadline=None)
def test_name_finder_finds_what_its_pattern_finds(wanted: list[str], text: str) -> None:
    # The pattern the finder stands for, tried at every place: whole words, longest
    # first, never overlapping, never right after an apostrophe.
    ordered = sorted({name for name in wanted if name}, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w'])(?:" + "|".join(map(re.escape, ordered)) + r")(?!\w)")
    expected = [(m.start(), m.end(), m.group()) for m in pattern.finditer(text)] if ordered else []
    assert list(names.NameFinder(wanted).finditer(text)) == expected


def test_country_cues_are_plain_words() -> None:
    # `country_of` tries a cue's pattern only where its word occurs: right only while
    # every cue is plain text, not a pattern.
    for word in [*titles.DEMONYMS, *titles.COUNTRY_NAMES]:
        assert not set(word) & set(".^$*+?{}[]\\|()"), word


def _country_by_patterns(found_titles: list[str]) -> str | None:
    """`country_of` as first written: every cue's pattern tried on every title."""
    for title in found_titles:
        for word, country in titles.DEMONYMS.items():
            if re.search(rf"\b{word}\b", title):
                return country
        for name, country in titles.COUNTRY_NAMES.items():
            if re.search(rf"\bof (?:the )?{name}\b", fold(title)):
                return country
    return None


_TITLE_WORDS = st.sampled_from(
    [*titles.DEMONYMS, *titles.COUNTRY_NAMES, "President", "of", "the", "Of", "Republic",
     "Koreans", "Việt Nam", "S", "-", "Chinese-", "xLao", "PRESIDENT OF CHINA"]
)  # fmt: skip


@given(st.lists(st.lists(_TITLE_WORDS, max_size=5).map(" ".join), max_size=3))
@settings(max_examples=300, deadline=None)
def test_country_of_reads_what_every_pattern_reads(found_titles: list[str]) -> None:
    assert titles.country_of(found_titles) == _country_by_patterns(found_titles)
