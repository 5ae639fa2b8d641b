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
def _words(topics: tuple[Topic, ...]) -> tuple[re.Pattern[str], dict[int, int]] | None:
    """One pattern of every topic's words, one group a topic; and group number ->
    topic index (a topic's words hold no group of their own, so a match's last group
    is its topic)."""
    groups = [
        f"(?P<t{index}>{_alternatives(topic.words)})"
        for index, topic in enumerate(topics)
        if topic.words
    ]
    if not groups:
        return None
    pattern = re.compile(rf"(?<!\w)(?:{'|'.join(groups)})(?!\w)")
    return pattern, {number: int(name[1:]) for name, number in pattern.groupindex.items()}


@lru_cache(maxsize=8)
def _vetoes(topics: tuple[Topic, ...]) -> tuple[re.Pattern[str], int] | None:
    """One zero-width pattern that stops at each word where a veto phrase starts and
    captures the veto of each topic starting there (group `v<index>`); and how far
    before a word its veto may start (the longest veto, in characters)."""
    vetoes = [(index, _alternatives(t.vetoes)) for index, t in enumerate(topics) if t.vetoes]
    if not vetoes:
        return None
    any_veto = "|".join(alternatives for _, alternatives in vetoes)
    groups = "".join(f"(?:(?=(?P<v{i}>{alternatives})(?!\\w)))?" for i, alternatives in vetoes)
    reach = max(len(fold(v.rstrip("*"))) for t in topics for v in t.vetoes)
    return re.compile(rf"(?<!\w)(?=(?:{any_veto})(?!\w)){groups}"), reach


_AFTER = 64
"""How far past a word a veto phrase may still be read (a `*` ending, in characters)."""


def _is_vetoed(
    folded: str, index: int, start: int, end: int, vetoes: re.Pattern[str], reach: int
) -> bool:
    """Whether a veto of topic `index` covers its word at `start`-`end`. Only the
    text around the word is read, so the cost per word is bounded."""
    group = f"v{index}"
    for match in vetoes.finditer(folded, max(0, start - reach), end + _AFTER):
        if match.start() > start:
            break
        span = match.span(group)
        if span[0] >= 0 and span[1] >= end:
            return True
    return False


def topics_of(text: str, lexicon: Lexicon, folded: str | None = None) -> tuple[str, ...]:
    """The topic tags whose words occur in `text` outside their vetoes, in lexicon
    order. `folded` is `fold(text)`, when the caller has it already."""
    words = _words(lexicon.topics)
    if words is None:
        return ()
    pattern, topic_of = words
    folded = fold(text) if folded is None else folded
    topics = lexicon.topics
    found = {topic_of[match.lastindex or 1] for match in pattern.finditer(folded)}
    vetoes = _vetoes(topics)
    vetoable = {index for index in found if topics[index].vetoes} if vetoes else set()
    if vetoes is not None and vetoable:
        found -= vetoable  # back only if one of its words stands outside its vetoes
        for match in pattern.finditer(folded):
            index = topic_of[match.lastindex or 1]
            pending = index in vetoable and index not in found
            if pending and not _is_vetoed(folded, index, match.start(), match.end(), *vetoes):
                found.add(index)
    return tuple(topics[index].tag for index in sorted(found))
