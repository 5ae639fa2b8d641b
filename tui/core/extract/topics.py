"""Topic tags of a commitment: the lexicon's words found in its sentence, except
inside a phrase that vetoes the tag (`road` is transport, but not in `Belt and Road`).

One pattern finds every tag's words; a second finds every veto phrase, at every word
start (a zero-width lookahead, so that vetoes may overlap). A word of a tag counts
unless it lies inside a veto of that same tag: `business forum` vetoes the
multilateral tag of `forum`, not the investment tag of `business`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tui.core.extract.lexicon import Lexicon, Topic
from tui.core.text import fold

__all__ = ["topics_of"]


def _alternatives(phrases: tuple[str, ...]) -> str:
    """The phrases as one alternation on folded text; `*` at the end: any ending."""
    return "|".join(
        re.escape(fold(p.rstrip("*"))) + (r"\w*" if p.endswith("*") else "") for p in phrases
    )


@lru_cache(maxsize=8)
def _words(topics: tuple[Topic, ...]) -> re.Pattern[str] | None:
    """One pattern of every topic's words, group `t<index>` for the topic at `index`."""
    groups = [
        f"(?P<t{index}>{_alternatives(topic.words)})"
        for index, topic in enumerate(topics)
        if topic.words
    ]
    return re.compile(rf"(?<!\w)(?:{'|'.join(groups)})(?!\w)") if groups else None


@lru_cache(maxsize=8)
def _vetoes(topics: tuple[Topic, ...]) -> re.Pattern[str] | None:
    """One zero-width pattern that stops at each word where a veto phrase starts and
    captures the veto of each topic starting there (group `v<index>`)."""
    vetoes = [(index, _alternatives(t.vetoes)) for index, t in enumerate(topics) if t.vetoes]
    if not vetoes:
        return None
    any_veto = "|".join(alternatives for _, alternatives in vetoes)
    groups = "".join(f"(?:(?=(?P<v{i}>{alternatives})(?!\\w)))?" for i, alternatives in vetoes)
    return re.compile(rf"(?<!\w)(?=(?:{any_veto})(?!\w)){groups}")


def _vetoed_spans(folded: str, pattern: re.Pattern[str]) -> dict[int, list[tuple[int, int]]]:
    """Topic index -> the spans of its veto phrases in `folded`, by start."""
    spans: dict[int, list[tuple[int, int]]] = {}
    for match in pattern.finditer(folded):
        for name, value in match.groupdict().items():
            if value is not None:
                spans.setdefault(int(name[1:]), []).append(match.span(name))
    return spans


def _outside_vetoes(
    matches: list[tuple[int, int, int]], vetoed: dict[int, list[tuple[int, int]]]
) -> set[int]:
    """The topic indexes with a match (`(index, start, end)`, by start) that lies inside
    none of that topic's vetoes: one sweep, each topic's vetoes read once."""
    reach: dict[int, tuple[int, int]] = {}  # index -> (vetoes passed, furthest end)
    found: set[int] = set()
    for index, start, end in matches:
        spans = vetoed.get(index, [])
        passed, furthest = reach.get(index, (0, -1))
        while passed < len(spans) and spans[passed][0] <= start:
            furthest = max(furthest, spans[passed][1])
            passed += 1
        reach[index] = (passed, furthest)
        if furthest < end:
            found.add(index)
    return found


def topics_of(text: str, lexicon: Lexicon, folded: str | None = None) -> tuple[str, ...]:
    """The topic tags whose words occur in `text` outside their vetoes, in lexicon
    order. `folded` is `fold(text)`, when the caller has it already."""
    pattern = _words(lexicon.topics)
    if pattern is None:
        return ()
    folded = fold(text) if folded is None else folded
    matches = [
        (int((m.lastgroup or "t0")[1:]), m.start(), m.end()) for m in pattern.finditer(folded)
    ]
    vetoes = _vetoes(lexicon.topics)
    if vetoes is None or not any(lexicon.topics[index].vetoes for index, _, _ in matches):
        found = {index for index, _, _ in matches}
    else:
        found = _outside_vetoes(matches, _vetoed_spans(folded, vetoes))
    return tuple(lexicon.topics[index].tag for index in sorted(found))
