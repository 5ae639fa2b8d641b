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
from bisect import bisect_right
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
    "PLACES_NAMED_LIKE_COUNTRIES", "STAGES", "ThreadWords", "countries_named",
    "default_words", "objects_of", "stage_of", "term_of", "terms_in",
]  # fmt: skip

STAGES = ("proposed", "agreed", "signed", "approved", "started", "completed")
"""The stages an undertaking goes through, in order."""
_KIND_STAGES = {"proposal": "proposed", "agreement": "agreed"}
"""A commitment's kind says its stage when no cue does."""
_CLAUSE = re.compile(r"[,;:()\[\]]| [-–—] |\.\s")
_WORD = re.compile(r"[a-z0-9][a-z0-9'’]*")
_VERB = re.compile(
    r"\b(?=[aprsuctwm])(?:that|agreed(?: on| to)?|propos(?:ed|es)|pledg(?:ed|es)|urg(?:ed|es)"
    r"|suggest(?:ed|s)|ask(?:ed|s)|called (?:for|on)|said|ready to|willing to"
    r"|will|would|should|must)\b"
)
"""The verb a commitment's object follows: its subject is no part of the object."""
_WINDOW = 10
"""Words either side of the topic's word, in a longer clause."""
_SHOWN = 60
"""Characters of a clause shown either side of the topic's word."""


@dataclass(frozen=True, slots=True)
class ThreadWords:
    """What a sentence's stage and object are read with: the stage cues and the words
    that are no object (`tui/data/threads.yaml`), and the topics (the lexicon's)."""

    stages: re.Pattern[str]  # group `s<n>`: a cue of `STAGES[n]`
    dropped: frozenset[str]
    topics: dict[str, re.Pattern[str]]
    """Each topic tag -> a pattern of its words."""
    terms: dict[str, str] = field(default_factory=dict)
    """Each folded word met -> its term, `""` when it is dropped (filled as read)."""

    def term(self, word: str) -> str:
        """The term of a folded word of an object, `""` when it is no part of one."""
        term = term_of(word)
        if term in self.dropped or word in self.dropped or term.isdigit() or len(term) < 2:
            term = ""
        self.terms[word] = term
        return term

    @classmethod
    def of(cls, topics: Sequence[Topic], text: str | None = None) -> ThreadWords:
        """With the topics of a lexicon and the cues of `text` (YAML, by default the
        shipped `tui/data/threads.yaml`)."""
        data = _data(text)
        cues = [cue for stage in STAGES for cue in data.stages.get(stage, ())]
        stages = re.compile(
            rf"(?<!\w)(?=[{_initials(cues)}])(?:"
            + "|".join(
                f"(?P<s{n}>{_alternatives(data.stages[stage])})"
                for n, stage in enumerate(STAGES)
                if data.stages.get(stage)
            )
            + r"|(?!))(?!\w)"
        )
        dropped = {term_of(w) for w in [*data.boilerplate, *STOPWORDS]} | set(STOPWORDS)
        for name in (*COUNTRY_NAMES, *COUNTRY_NAMES.values(), *DEMONYMS, *DEMONYMS.values()):
            dropped.update(term_of(w) for w in _WORD.findall(fold(name)))
        patterns = {
            topic.tag: re.compile(
                rf"(?<!\w)(?=[{_initials(topic.words)}])(?:{_alternatives(topic.words)})(?!\w)"
            )
            for topic in topics
            if topic.words
        }
        return cls(stages, frozenset(dropped), patterns)


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


def _initials(phrases: Iterable[str]) -> str:
    """The first letters of `phrases` folded, inside a character class: a pattern of
    them is tried only where one of them stands."""
    return "".join(sorted({re.escape(fold(p)[0]) for p in phrases if p})) or "^\\s\\S"


def _alternatives(phrases: Iterable[str]) -> str:
    """Phrases as one alternation on folded text; `*` at the end: any ending."""
    return "|".join(
        re.escape(fold(p.rstrip("*"))) + (r"\w*" if p.endswith("*") else "") for p in phrases
    )


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
    furthest = -1
    for match in words.stages.finditer(folded):
        furthest = max(furthest, int((match.lastgroup or "s0")[1:]))
    return STAGES[furthest] if furthest >= 0 else _KIND_STAGES.get(kind)


def objects_of(
    text: str,
    folded: str,
    topics: Iterable[str],
    words: ThreadWords,
    skip: frozenset[str] = frozenset(),
) -> dict[str, tuple[str, set[str]]]:
    """Each of `topics` whose words `folded` (`fold(text)`) holds -> the first clause
    around them, as `text` writes it, and the terms of every such clause but `skip`
    (the actors' names)."""
    found: dict[str, tuple[str, set[str]]] = {}
    matches = [
        (tag, m.start(), m.end())
        for tag in topics
        if (pattern := words.topics.get(tag)) is not None
        for m in pattern.finditer(folded)
    ]
    if not matches:
        return found
    matches.sort(key=lambda match: match[1])
    cuts = [m.span() for m in _CLAUSE.finditer(folded)]
    starts = [end for _, end in cuts] + [m.end() for m in _VERB.finditer(folded)]
    starts.sort()
    known = words.terms
    for tag, start, end in matches:
        begin = _last_before(starts, start)
        stop = next((a for a, _ in cuts if a >= end), len(folded))
        around = [
            *_WORD.findall(folded, begin, start)[-_WINDOW:],
            *_WORD.findall(folded, start, stop)[: _WINDOW + 1],
        ]
        terms = {known[w] if w in known else words.term(w) for w in around}
        terms.discard("")
        terms -= skip
        if tag in found:
            found[tag][1].update(terms)
        else:
            found[tag] = (_shown(text, begin, start, end, stop), terms)
    return found


def _shown(text: str, begin: int, start: int, end: int, stop: int) -> str:
    """The clause `begin..stop` of `text` as shown, at most `_SHOWN` characters either
    side of the topic's word `start..end`, cut at a space."""
    if start - begin > _SHOWN:
        cut = text.find(" ", start - _SHOWN, start)
        begin = cut + 1 if cut >= 0 else start - _SHOWN
    if stop - end > _SHOWN:
        cut = text.rfind(" ", end, end + _SHOWN)
        stop = cut if cut >= 0 else end + _SHOWN
    return " ".join(text[begin:stop].split())


def _last_before(ends: list[int], at: int) -> int:
    """The last of `ends` (ascending) at or before `at`; 0 when none is."""
    where = bisect_right(ends, at)
    return ends[where - 1] if where else 0


def terms_in(text: str) -> set[str]:
    """The terms of every word of `text` (a name, a clause), nothing dropped."""
    return {term_of(w) for w in _WORD.findall(fold(text))}


PLACES_NAMED_LIKE_COUNTRIES = {
    "Lào Cai": "Việt Nam", "Thái Bình": "Việt Nam", "Thái Nguyên": "Việt Nam",
    "South China Sea": "", "East China Sea": "", "Korean Peninsula": "",
    "Indian Ocean": "", "Chinese Taipei": "",
}  # fmt: skip
"""Places whose names hold a country's name or demonym ("Lào Cai" is no Laos, "Thái
Bình" no Thailand): each -> the country it is in, `""` when it names none."""


def countries_named() -> tuple[re.Pattern[str], dict[str, str]]:
    """A pattern of every country's names and demonyms (folded), and each -> its country
    (`""`: a place named like a country that names none: `PLACES_NAMED_LIKE_COUNTRIES`,
    found first, being longer)."""
    known = {**COUNTRY_NAMES, **DEMONYMS, **PLACES_NAMED_LIKE_COUNTRIES}
    names = {fold(k): v for k, v in known.items()}
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    initials = "".join(sorted({name[0] for name in names}))
    return re.compile(rf"(?<!\w)(?=[{initials}])(?:{alternatives})(?!\w)"), names
