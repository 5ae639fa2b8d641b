"""Ranking one sentence against a query, and marking where the query matched.

`passage_score` puts the exact phrase above every word present above a fuzzy match,
then orders by the best-aligned window (`fuzz.partial_ratio`) and how well each word
matched. It works on a sentence's words as search sees them (folded, synonyms as
their groups' tokens), so the index and the exhaustive scan rank alike.

The search itself (candidates, operators, ranking, hits) is `tui.core.candidates`,
shared by the in-memory index and the store's.
"""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import fuzz, process

from tui.core.query import Query
from tui.core.synonyms import Token

__all__ = ["GOOD_MATCH", "fuzzy_cutoff", "match_spans", "passage_score"]

GOOD_MATCH = 85.0
"""How alike (0-100) a sentence's word and a query word must be to count as found."""

_UNMARKED = frozenset("a an and at by for in of on or the to".split())
"""Words too common to mark on their own (they are marked inside a phrase)."""


def fuzzy_cutoff(word: str) -> float | None:
    """How alike a vocabulary word must be to count as a typo of `word`; `None` for
    words too short to tell a typo from another word."""
    return None if len(word) < 4 else 80.0


def passage_score(query: Query, words: Sequence[str]) -> float | None:
    """How well a sentence (its folded words, synonyms as their tokens) answers
    `query`: 300+ for the exact phrase, 200+ for every word present, 100+ for a fuzzy
    match; `None` when it does not match."""
    present = set(words)
    if any(word in present for word in query.excluded):
        return None
    if any(word not in present for word in query.exact):
        return None
    padded = f" {' '.join(words)} "
    if any(f" {phrase} " not in padded for phrase in query.phrases):
        return None
    wanted = query.words
    if not wanted:
        return 100.0
    typed = " ".join(wanted)
    last = wanted[-1]
    all_present = all(w in present for w in wanted[:-1]) and (
        last in present or any(word.startswith(last) for word in words)
    )
    tier = 3 if f" {typed} " in padded else 2 if all_present else 1
    closeness = [
        (found[1] if (found := process.extractOne(w, words, scorer=fuzz.ratio)) else 0.0)
        for w in wanted
    ]
    coverage = sum(closeness) / len(closeness)
    within = 0.5 * fuzz.partial_ratio(typed, " ".join(words)) + 0.5 * coverage
    # A fuzzy match must still find most of the words, each nearly as typed.
    if tier == 1 and 2 * sum(c >= GOOD_MATCH for c in closeness) <= len(closeness):
        return None
    return tier * 100 + within


def match_spans(query: Query, words: list[Token]) -> list[tuple[int, int]]:
    """Where the query's words matched in a sentence, given as its tokens (offsets
    into the sentence: a synonym's token spans the words it stands for)."""
    spans: set[tuple[int, int]] = set()
    texts = [text for text, _, _ in words]
    for phrase in (*query.phrases, " ".join(query.words)):
        wanted_words = phrase.split()
        size = len(wanted_words)
        for at in range(len(texts) - size + 1) if size else ():
            if texts[at : at + size] == wanted_words:
                spans.add((words[at][1], words[at + size - 1][2]))
                break
    wanted = query.words
    for index, word in enumerate(wanted):
        if word in _UNMARKED:
            continue
        typing = index == len(wanted) - 1
        for text, start, end in words:
            close = fuzz.ratio(word, text) >= (fuzzy_cutoff(word) or 100)
            if text == word or close or (typing and text.startswith(word)):
                spans.add((start, end))
    return _merged(sorted(spans))


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
