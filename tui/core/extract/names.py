"""Finding many names in a text at once, in one pass over its words.

One regular expression of every name (`Tô Lâm|Xi Jinping|...`) tries each name at
each word: the work grows with the number of names times the length of the text,
and the names an article's titles reveal grow with the article. Here each name is
filed under its first word, so each word of the text costs one dictionary look-up.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

__all__ = ["NameFinder", "trie_pattern"]

_RUN = re.compile(r"\w+")
_WORD_CHAR = re.compile(r"\w")
FEW_FIRST_WORDS = 64
"""Up to this many distinct first words, each is looked for with `str.find` (in C,
fast; no pattern to compile: a finder is made for each article's own names, and
compiling their pattern cost more than the search); past it, the text's words are
looked up one by one (in Python, slower, but the cost no longer grows with the number
of names)."""

_Words = Callable[[str], Iterable[tuple[int, str]]]
"""`(start, word)` of the word runs of a folded text that may start a name."""


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
        self.first_words: _Words = _FewWords(self.by_first) if few else _every_word

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
        for start, word in self.first_words(folded):
            candidates = by_first.get(word)
            if candidates is None or start < taken or (start and folded[start - 1] == "'"):
                continue
            for length, names in candidates:
                end = start + length
                if folded[start:end] in names and not _WORD_CHAR.match(folded, end):
                    taken = end
                    yield start, end, folded[start:end]
                    break


def _every_word(folded: str) -> Iterator[tuple[int, str]]:
    for run in _RUN.finditer(folded):
        yield run.start(), run.group()


class _FewWords:
    """The whole-word occurrences of a few words (runs of word characters), not right
    after an apostrophe, in reading order: what `_whole_words(words).finditer` finds."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words = tuple(words)

    def __call__(self, folded: str) -> list[tuple[int, str]]:
        found: list[tuple[int, str]] = []
        is_word = _WORD_CHAR.match
        for word in self.words:
            start = folded.find(word)
            while start >= 0:
                end = start + len(word)
                before = folded[start - 1] if start else " "
                if before != "'" and not is_word(before) and not is_word(folded, end):
                    found.append((start, word))
                start = folded.find(word, end)
        found.sort()
        return found


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
