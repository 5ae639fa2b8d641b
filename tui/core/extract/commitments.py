"""Commitments: the sentences where someone undertakes something, who, and about what.

Each sentence (or each item of an enumeration in one) is classified by its cues
(`cues.py`), given its actors (`attribution.py`) and its topic tags (`topics.py`).
The article is read once, in order: who `He` and `the latter` are is carried from
sentence to sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tui.core.cancel import ShouldStop, check
from tui.core.extract.attribution import BOTH, ORDINAL, Context, actors_of, remember
from tui.core.extract.cues import _Cues, classify
from tui.core.extract.lexicon import Lexicon
from tui.core.extract.model import KINDS, Commitment, Leader
from tui.core.extract.topics import topics_of
from tui.core.text import Passage, fold

__all__ = ["BOTH", "KINDS", "Commitment", "_Cues", "classify", "find_commitments", "topics_of"]

_ENUMERATION_SPLIT = re.compile(
    r";\s+(?:and\s+)?(?=(?:second|third|fourth|fifth|sixth|finally|lastly)\b)", re.IGNORECASE
)
_ACCEPTANCE = re.compile(r"\baccept(?:ed|s)\b")


def _items(sentence: Passage) -> list[Passage]:
    """An enumeration in one sentence (`First, ...; second, ...`) as its items."""
    if not ORDINAL.match(sentence.text):
        return [sentence]
    items, begin = [], 0
    for cut in _ENUMERATION_SPLIT.finditer(sentence.text):
        items.append((begin, cut.start()))
        begin = cut.end()
    items.append((begin, len(sentence.text)))
    return [Passage(sentence.text[a:b], sentence.start + a, sentence.start + b) for a, b in items]


def _classify_in_context(
    item: Passage, folded: str, found: list[Commitment]
) -> tuple[str, int] | None:
    """`classify`, plus an acceptance right after an invitation ("The latter accepted")."""
    classified = classify(item.text, folded)
    if classified is None and found and found[-1].kind == "invitation":
        accepted = _ACCEPTANCE.search(item.text)
        if accepted is not None:
            return "invitation", accepted.start()
    return classified


def find_commitments(
    text: str,
    sentences: Sequence[Passage],
    leaders: Sequence[Leader],
    lexicon: Lexicon,
    folded: str | None = None,
    *,
    should_stop: ShouldStop | None = None,
) -> tuple[Commitment, ...]:
    """Every commitment in an article, in reading order. `folded` is `fold(text)`,
    when the caller has it already. `should_stop` is checked between sentences."""
    folded_text = fold(text) if folded is None else folded
    context = Context(leaders)
    found: list[Commitment] = []
    for sentence in sentences:
        check(should_stop)
        people = context.people_in(sentence)  # once: every step below needs them
        context.at = sentence.start
        subject: tuple[str, ...] = ()
        for item in _items(sentence):
            folded = folded_text[item.start : item.end]
            classified = _classify_in_context(item, folded, found)
            if classified is None:
                continue
            kind, cue_at = classified
            actors = actors_of(
                item, kind, cue_at, context, people if item is sentence else context.people_in(item)
            )
            if kind == "pledge" and actors == (BOTH,) and folded.startswith("w", cue_at):
                kind = "agreement"  # `Both leaders confirmed that they would`: no one side's
            topics = topics_of(item.text, lexicon, folded)
            found.append(Commitment(item.text, item.start, item.end, kind, actors, topics))
            context.last_actors = subject = actors
        remember(sentence, subject, people, context)
    return tuple(found)
