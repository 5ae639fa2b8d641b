"""Finding many names in a text at once, in one pass over its words.

One regular expression of every name (`Tô Lâm|Xi Jinping|...`) tries each name at
each word: the work grows with the number of names times the length of the text,
and the names an article's titles reveal grow with the article. Here each name is
filed under its first word, so each word of the text costs one dictionary look-up.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

__all__ = ["NameFinder", "trie_pattern"]

_RUN = re.compile(r"\w+")
_WORD_CHAR = re.compile(r"\w")
FEW_FIRST_WORDS = 64
"""Up to this many distinct first words, a pattern of them finds the candidates (in
C, fast); past it, the text's words are looked up one by one (in Python, slower, but
the cost no longer grows with the number of names)."""


class NameFinder:
    """Whole-word occurrences of `names` (folded) in folded text, the longest name
    first where two start at the same word, never overlapping: what the pattern
    `(?<![\\w'])(?:longest|...|shortest)(?!\\w)` finds, in time linear in the text."""

    def __init__(self, names: Iterable[str]) -> None:
        self.by_first: dict[str, list[tuple[int, set[str]]]] = {}
        """First word -> `(length, the names of that length)`, longest first: the
        work at a word grows with how many lengths its names have, not how many names."""
        lengths: dict[str, dict[int, set[str]]] = {}
        odd: list[str] = []
        for name in {n for n in names if n}:
            first = _RUN.match(name)
            if first is None:
                odd.append(name)  # does not start with a letter: rare, kept as a pattern
            else:
                lengths.setdefault(first.group(), {}).setdefault(len(name), set()).add(name)
        for word, by_length in lengths.items():
            self.by_first[word] = sorted(by_length.items(), reverse=True)
        self.odd = _whole_words(odd) if odd else None
        few = 0 < len(self.by_first) <= FEW_FIRST_WORDS
        self.first_words = _whole_words(self.by_first) if few else _RUN

    def finditer(self, folded: str) -> Iterator[tuple[int, int, str]]:
        """`(start, end, name)` of every occurrence, in reading order."""
        if not self.by_first and self.odd is None:
            return
        if self.odd is None:
            yield from self._by_words(folded)
            return
        taken = -1
        found = sorted([*self._by_words(folded), *self._odd(folded)], key=lambda f: f[0])
        for start, end, name in found:
            if start >= taken:
                taken = end
                yield start, end, name

    def _odd(self, folded: str) -> Iterator[tuple[int, int, str]]:
        assert self.odd is not None
        for match in self.odd.finditer(folded):
            yield match.start(), match.end(), match.group()

    def _by_words(self, folded: str) -> Iterator[tuple[int, int, str]]:
        by_first = self.by_first
        taken = 0  # no occurrence starts inside the previous one
        for run in self.first_words.finditer(folded):
            start = run.start()
            candidates = by_first.get(run.group())
            if candidates is None or start < taken or (start and folded[start - 1] == "'"):
                continue
            for length, names in candidates:
                end = start + length
                if folded[start:end] in names and not _WORD_CHAR.match(folded, end):
                    taken = end
                    yield start, end, folded[start:end]
                    break


def _whole_words(words: Iterable[str]) -> re.Pattern[str]:
    """`words` as whole words, longest first, not right after an apostrophe."""
    ordered = sorted(words, key=len, reverse=True)
    return re.compile(r"(?<![\w'])(?:" + "|".join(map(re.escape, ordered)) + r")(?!\w)")


def trie_pattern(words: Iterable[str]) -> str:
    """A pattern matching any of `words`, written as a trie (`Pr(?:ime Minister|
    esident)`): the regular expression engine tries each position once per first
    letter rather than once per word, and the longest word still wins. A space
    matches any space."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_to_pattern(trie)


def _trie_to_pattern(node: dict[str, Any]) -> str:
    ends = "" in node
    branches = [
        (r"\s" if char == " " else re.escape(char)) + _trie_to_pattern(child)
        for char, child in node.items()
        if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends else body
