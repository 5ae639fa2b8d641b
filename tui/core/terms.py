"""The terms a comparison of readouts sees in a sentence (`tui.core.align`).

A sentence is folded as search folds it; the search's synonyms become one term each
(`Việt Nam`, `Vietnamese` and `Viet Nam` are `viet_nam`); other words are stemmed
lightly (`stressed`, `stresses` -> `stress`; `-ize` as `-ise`); our paraphrase groups
(`tui/data/paraphrases.yaml`: "fruit and seafood" ~ "agricultural and aquatic
products") become one term each, the longest phrase first; function words are left
out. Each term keeps the folded words it came from, for its weight.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib.resources import files

import yaml

from tui.core.query import search_fold
from tui.core.synonyms import COUNTRIES, Synonyms
from tui.core.synonyms import synonyms as synonym_table

__all__ = ["STOPWORDS", "TermMaker", "paraphrase_groups", "stem"]

STOPWORDS = frozenset(
    """a an the and or but nor of to in on at by for with from as into onto about over
    under between among through during after before since until within without upon
    that this these those which who whom whose what when where while than then thus
    is are was were be been being am has have had having do does did will would shall
    should can could may might must also very more most such other its it their they
    them he his him she her we our us you your i me my mr mrs ms s said says saying
    both two sides side all any each every some same own so too not no only well
    further just there here one""".split()
)
"""Words that say nothing of what a sentence reports."""

_SUFFIXES = (
    ("ational", "ate"),
    ("isation", "ise"),
    ("ations", "ate"),
    ("ation", "ate"),
    ("ising", "ise"),
    ("ised", "ise"),
    ("ises", "ise"),
    ("ingly", ""),
    ("ings", ""),
    ("ing", ""),
    ("ies", "y"),
    ("ied", "y"),
    ("edly", ""),
    ("ed", ""),
    ("es", "e"),
    ("ly", ""),
    ("s", ""),
)
_KEEP = re.compile(r".*(?:ss|us|is|as|os)$")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light stem of a folded word: plurals, `-ed`, `-ing`, `-ly`, `-ation`,
    `-ize` as `-ise`; short words and numbers as they are."""
    if len(word) <= 3 or not word.isalpha():
        return word
    word = word.replace("iz", "is")
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and _KEEP.match(word):
                return word
            base = word[: -len(suffix)] + replacement
            return base[:-1] if base.endswith("e") and len(base) > 4 else base
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


def paraphrase_groups(text: str | None = None) -> tuple[tuple[str, ...], ...]:
    """The paraphrase groups of `text` (YAML with `groups:`, a list of lists), by
    default those shipped in `tui/data/paraphrases.yaml`."""
    if text is None:
        text = (files("tui") / "data" / "paraphrases.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text) or {}
    groups = data.get("groups") or [] if isinstance(data, dict) else []
    return tuple(tuple(str(m) for m in group) for group in groups if isinstance(group, list))


class TermMaker:
    """Turns a sentence into its terms (see the module's docstring)."""

    def __init__(self, synonyms: Synonyms, paraphrases: Iterable[Sequence[str]] = ()) -> None:
        self.synonyms = synonyms
        self.phrases: dict[tuple[str, ...], str] = {}
        self.members: dict[str, tuple[str, ...]] = {}
        """Each paraphrase group's term -> its members, folded (a word's count in the
        corpus is the sum of its members')."""
        for number, group in enumerate(paraphrases):
            term = f"~{number}"
            for member in group:
                words = tuple(stem(w) for w in search_fold(member).split())
                if words:
                    self.phrases.setdefault(words, term)
            self.members[term] = tuple(" ".join(search_fold(m).split()) for m in group)
        longest: dict[str, int] = {}
        for words in self.phrases:
            longest[words[0]] = max(longest.get(words[0], 0), len(words))
        self._longest = longest

    @classmethod
    def default(cls, synonyms: Iterable[Sequence[str]] = ()) -> TermMaker:
        """With the search's synonyms (plus `synonyms`) and the shipped paraphrases."""
        return _default(tuple(tuple(group) for group in synonyms))

    def terms(self, text: str) -> dict[str, set[str]]:
        """Each term of `text` -> the folded words (space-separated phrases) it came from."""
        words = self.synonyms.words(search_fold(text), text)
        stems = [stem(w) if "_" not in w else w for w in words]
        found: dict[str, set[str]] = {}
        at = 0
        while at < len(stems):
            term, length = self._phrase(stems, at)
            surface = " ".join(words[at : at + length])
            if term is None:
                term = stems[at]
                if term in STOPWORDS or words[at] in STOPWORDS:
                    at += 1
                    continue
            found.setdefault(term, set()).add(surface.replace("_", " "))
            at += length
        return found

    def name_terms(self, names: Iterable[str]) -> frozenset[str]:
        """The terms of `names` (people's names as written) and of every country."""
        found = {term for name in names for term in self.terms(name)}
        for group in COUNTRIES:
            token = self.synonyms.members.get(tuple(search_fold(group[0]).split()))
            if token is not None:
                found.add(token)
        return frozenset(found)

    def _phrase(self, stems: list[str], at: int) -> tuple[str | None, int]:
        """The paraphrase group starting at `at` (longest first), and its length."""
        for length in range(min(self._longest.get(stems[at], 0), len(stems) - at), 0, -1):
            term = self.phrases.get(tuple(stems[at : at + length]))
            if term is not None:
                return term, length
        return None, 1


@lru_cache(maxsize=4)
def _default(groups: tuple[tuple[str, ...], ...]) -> TermMaker:
    return TermMaker(synonym_table(groups), paraphrase_groups())
