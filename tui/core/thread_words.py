"""What commitment threads (`tui.core.threads`) read in a sentence: its object for
each topic and the stage it says.

The object of a topic is the clause of the sentence that holds the topic's words
("the three railway lines connecting the two countries"), from after the verb of the
commitment (its subject is no part of it), at most `_WINDOW` words either side of
the topic's word; its terms are folded words lightly stemmed (`term_of`), without
function words, boilerplate (`tui/data/threads.yaml`), country names, the actors'
names and numbers alone. The stage is the furthest whose cue the sentence holds
(`tui/data/threads.yaml`), else the one its kind says (a proposal is proposed).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from typing import NamedTuple

import yaml

from tui.core.extract.lexicon import Topic
from tui.core.extract.titles import COUNTRY_NAMES, DEMONYMS
from tui.core.terms import STOPWORDS, stem
from tui.core.text import fold

__all__ = [
    "STAGES", "ThreadWords", "countries_named", "default_words", "objects_of", "stage_of",
    "term_of", "terms_in",
]  # fmt: skip

STAGES = ("proposed", "agreed", "signed", "approved", "started", "completed")
"""The stages an undertaking goes through, in order."""
_KIND_STAGES = {"proposal": "proposed", "agreement": "agreed"}
"""A commitment's kind says its stage when no cue does."""
_CLAUSE = re.compile(r"[,;:()\[\]]|\s[-–—]\s|\.\s")
_WORD = re.compile(r"[a-z0-9][a-z0-9'’]*")
_SPACED = re.compile(r"\S+")
_VERB = re.compile(
    r"\b(?:that|agreed(?: on| to)?|propos(?:ed|es)|pledg(?:ed|es)|urg(?:ed|es)|suggest(?:ed|s)"
    r"|ask(?:ed|s)|called (?:for|on)|said|ready to|willing to|will|would|should|must)\b"
)
"""The verb a commitment's object follows: its subject is no part of the object."""
_WINDOW = 10
"""Words either side of the topic's word, in a longer clause."""


@dataclass(frozen=True, slots=True)
class ThreadWords:
    """What a sentence's stage and object are read with: the stage cues and the words
    that are no object (`tui/data/threads.yaml`), and the topics (the lexicon's)."""

    stages: tuple[tuple[str, re.Pattern[str]], ...]
    dropped: frozenset[str]
    topics: re.Pattern[str] | None
    topic_of: dict[int, str] = field(default_factory=dict)

    @classmethod
    def of(cls, topics: Sequence[Topic], text: str | None = None) -> ThreadWords:
        """With the topics of a lexicon and the cues of `text` (YAML, by default the
        shipped `tui/data/threads.yaml`)."""
        data = _data(text)
        stages = tuple((stage, _pattern(data.stages.get(stage, ()))) for stage in STAGES)
        dropped = {term_of(w) for w in [*data.boilerplate, *STOPWORDS]} | set(STOPWORDS)
        for name in (*COUNTRY_NAMES, *COUNTRY_NAMES.values(), *DEMONYMS, *DEMONYMS.values()):
            dropped.update(term_of(w) for w in _WORD.findall(fold(name)))
        groups = [
            (f"t{index}", topic.tag, _alternatives(topic.words))
            for index, topic in enumerate(topics)
            if topic.words
        ]
        pattern = (
            re.compile(rf"(?<!\w)(?:{'|'.join(f'(?P<{g}>{a})' for g, _, a in groups)})(?!\w)")
            if groups
            else None
        )
        topic_of = {pattern.groupindex[g]: tag for g, tag, _ in groups} if pattern else {}
        return cls(stages, frozenset(dropped), pattern, topic_of)


class _Data(NamedTuple):
    stages: dict[str, list[str]]
    boilerplate: list[str]


def _data(text: str | None) -> _Data:
    """The stage cues and boilerplate of `text` (by default the shipped file)."""
    if text is None:
        text = (files("tui") / "data" / "threads.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text) or {}
    stages = data.get("stages") if isinstance(data, dict) else None
    boilerplate = data.get("boilerplate") if isinstance(data, dict) else None
    return _Data(
        {str(k): [str(c) for c in v or ()] for k, v in (stages or {}).items()},
        [str(w) for w in boilerplate or ()],
    )


def _alternatives(phrases: Iterable[str]) -> str:
    """Phrases as one alternation on folded text; `*` at the end: any ending."""
    return "|".join(
        re.escape(fold(p.rstrip("*"))) + (r"\w*" if p.endswith("*") else "") for p in phrases
    )


def _pattern(cues: Iterable[str]) -> re.Pattern[str]:
    alternatives = _alternatives(cues)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)" if alternatives else r"(?!)")


@lru_cache(maxsize=8)
def default_words(topics: tuple[Topic, ...]) -> ThreadWords:
    return ThreadWords.of(topics)


@lru_cache(maxsize=65536)
def term_of(word: str) -> str:
    """A folded word as an object's term: `terms.stem`, and `-ion`, `-al` off
    (`connections` and `connecting` are `connect`, `cultural` is `cultur`)."""
    term = stem(word)
    for suffix in ("ion", "al"):
        if term.endswith(suffix) and len(term) - len(suffix) >= 4:
            return term[: -len(suffix)]
    return term


def stage_of(folded: str, kind: str, words: ThreadWords) -> str | None:
    """The furthest stage whose cue `folded` (a folded sentence) holds; else the one
    its kind says (a proposal is proposed); else `None`."""
    for stage, pattern in reversed(words.stages):
        if pattern.search(folded):
            return stage
    return _KIND_STAGES.get(kind)


def objects_of(
    text: str, folded: str, words: ThreadWords, skip: frozenset[str] = frozenset()
) -> dict[str, tuple[str, set[str]]]:
    """Each topic whose words `folded` (`fold(text)`) holds -> the first clause around
    them, as `text` writes it, and the terms of every such clause but `skip` (the
    actors' names)."""
    found: dict[str, tuple[str, set[str]]] = {}
    if words.topics is None:
        return found
    for match in words.topics.finditer(folded):
        tag = words.topic_of.get(match.lastindex or 0)
        if tag is None:
            continue
        begin, stop = _clause(folded, match.start(), match.end())
        terms = {term_of(w) for w in _WORD.findall(folded, begin, stop)} - skip
        terms = {t for t in terms if t not in words.dropped and not t.isdigit() and len(t) > 1}
        if tag in found:
            found[tag][1].update(terms)
        else:
            found[tag] = (" ".join(text[begin:stop].split()), terms)
    return found


def _clause(folded: str, start: int, end: int) -> tuple[int, int]:
    """Where the clause of `folded` holding `start..end` begins and ends, cut to
    `_WINDOW` words either side."""
    begin = 0
    for cut in _CLAUSE.finditer(folded, 0, start):
        begin = cut.end()
    for cut in _VERB.finditer(folded, begin, start):
        begin = cut.end()
    after = _CLAUSE.search(folded, end)
    stop = after.start() if after else len(folded)
    before = [m.start() for m in _SPACED.finditer(folded, begin, start)]
    if len(before) > _WINDOW:
        begin = before[-_WINDOW]
    behind = [m.end() for m in _SPACED.finditer(folded, end, stop)]
    if len(behind) > _WINDOW:
        stop = behind[_WINDOW - 1]
    return begin, stop


def terms_in(text: str) -> set[str]:
    """The terms of every word of `text` (a name, a clause), nothing dropped."""
    return {term_of(w) for w in _WORD.findall(fold(text))}


def countries_named() -> tuple[re.Pattern[str], dict[str, str]]:
    """A pattern of every country's names and demonyms (folded), and each -> its country."""
    names = {fold(k): v for k, v in {**COUNTRY_NAMES, **DEMONYMS}.items()}
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)"), names
