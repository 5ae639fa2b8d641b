"""Words that search takes as one: `Vietnam`, `Việt Nam`, `Viet Nam` and `Vietnamese`.

A built-in table folds each country's names and its adjective (`China`, `Chinese`,
`PRC`); `config.yaml` adds groups of its own (`synonyms:`, a list of lists: `[Xizang,
Tibet]`, `[East Sea, South China Sea]`). Members may be phrases. Search replaces every
member, in a query and in a sentence, by one token for its group, so any member finds
every other; the token keeps the span of the words it replaced, so a highlight still
points at the characters in the text.

A member written in capitals of up to four letters (`US`, `UK`, `EU`) counts in a
text only where the text writes it in capitals: `US` is the United States, `us` is
not. A query may type it in any case.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache

from tui.core.query import search_fold

__all__ = ["COUNTRIES", "Synonyms", "Token", "synonyms"]

COUNTRIES: tuple[tuple[str, ...], ...] = (
    ("Việt Nam", "Vietnam", "Viet Nam", "Vietnamese", "SRV"),
    ("China", "Chinese", "PRC", "People's Republic of China"),
    ("Laos", "Lao", "Laotian", "Lao PDR"),
    ("Cambodia", "Cambodian", "Cambodians", "Kingdom of Cambodia"),
    ("Thailand", "Thai", "Thais"),
    ("United States", "US", "U.S.", "USA", "United States of America", "America",
     "American", "Americans"),
    ("Japan", "Japanese"),
    ("Korea", "Korean", "Koreans", "South Korea", "Republic of Korea", "ROK"),
    ("North Korea", "DPRK", "Democratic People's Republic of Korea"),
    ("Russia", "Russian", "Russians", "Russian Federation"),
    ("India", "Indian", "Indians"),
    ("Australia", "Australian", "Australians"),
    ("Indonesia", "Indonesian", "Indonesians"),
    ("Malaysia", "Malaysian", "Malaysians"),
    ("Philippines", "Philippine", "Filipino", "Filipinos"),
    ("Singapore", "Singaporean", "Singaporeans"),
    ("Myanmar", "Burma", "Myanmar's"),
    ("Brunei", "Bruneian", "Brunei Darussalam"),
    ("Timor-Leste", "East Timor", "Timorese"),
    ("Mongolia", "Mongolian"),
    ("France", "French"),
    ("United Kingdom", "UK", "U.K.", "Britain", "Great Britain", "British"),
    ("Germany", "German", "Germans"),
    ("Italy", "Italian"),
    ("Spain", "Spanish"),
    ("Canada", "Canadian"),
    ("New Zealand", "New Zealander"),
    ("Brazil", "Brazilian"),
    ("Cuba", "Cuban"),
    ("European Union", "EU", "E.U."),
    ("Pakistan", "Pakistani"),
    ("Bangladesh", "Bangladeshi"),
)  # fmt: skip
"""Countries and their adjectives and demonyms: one word each to search."""

_CAPITALS = re.compile(r"[A-Z.]{2,5}")
_WORDS = re.compile(r"\S+")

Token = tuple[str, int, int]
"""A word as search sees it, with its span in the folded sentence."""


def _words(member: str) -> tuple[str, ...]:
    return tuple(search_fold(member).split())


class Synonyms:
    """Groups of words and phrases that search takes as one token each."""

    def __init__(self, groups: Iterable[Sequence[str]] = ()) -> None:
        merged = _merge([*COUNTRIES, *groups])
        self.members: dict[tuple[str, ...], str] = {}
        """Each member's folded words -> its group's token."""
        self.capitals: set[tuple[str, ...]] = set()
        """Members that count in a text only where written in capitals."""
        self.groups: dict[str, tuple[tuple[str, ...], ...]] = {}
        """Each group's token -> its members' folded words."""
        for group in merged:
            token = "_".join(_words(group[0]))
            members = tuple(dict.fromkeys(w for w in map(_words, group) if w))
            self.groups[token] = members
            for member in members:
                self.members.setdefault(member, token)
            self.capitals.update(_words(m) for m in group if _CAPITALS.fullmatch(m))
        lengths: dict[str, set[int]] = {}
        for member in self.members:
            lengths.setdefault(member[0], set()).add(len(member))
        self.lengths = {word: sorted(found, reverse=True) for word, found in lengths.items()}
        """Each member's first word -> the lengths of the members it starts, longest first."""
        self.first_words = frozenset(self.lengths)

    def tokens(self, folded: str, text: str | None = None) -> list[Token]:
        """The words of a folded sentence with their spans, each member of a group
        replaced by its group's token spanning the member's words. `text` is the
        sentence as written, for the members that count only in capitals; `None` (a
        query) takes any case."""
        spans = [match.span() for match in _WORDS.finditer(folded)]
        words = [folded[start:end] for start, end in spans]
        tokens: list[Token] = []
        done = 0
        for index, length, token in self._members(words, lambda: spans, text):
            tokens.extend((words[i], *spans[i]) for i in range(done, index))
            tokens.append((token, spans[index][0], spans[index + length - 1][1]))
            done = index + length
        tokens.extend((words[i], *spans[i]) for i in range(done, len(words)))
        return tokens

    def words(self, folded: str, text: str | None = None) -> list[str]:
        """`tokens` without the spans: what ranking needs, faster."""
        words = folded.split()
        if self.first_words.isdisjoint(words):
            return words
        spans: list[tuple[int, int]] = []

        def spans_of() -> list[tuple[int, int]]:
            if not spans:  # only a member in capitals needs them
                spans.extend(match.span() for match in _WORDS.finditer(folded))
            return spans

        result: list[str] = []
        done = 0
        for index, length, token in self._members(words, spans_of, text):
            result += words[done:index]
            result.append(token)
            done = index + length
        return result + words[done:]

    def _members(
        self, words: list[str], spans: Callable[[], list[tuple[int, int]]], text: str | None
    ) -> list[tuple[int, int, str]]:
        """`(first word, how many words, token)` of each member in `words`, in order,
        the longest where members overlap."""
        found: list[tuple[int, int, str]] = []
        done = 0
        for index in [i for i, word in enumerate(words) if word in self.lengths]:
            if index < done:
                continue
            for length in self.lengths[words[index]]:
                member = tuple(words[index : index + length])
                if len(member) < length:  # a longer member cut short by the sentence's end
                    continue
                token = self.members.get(member)
                if token is None:
                    continue
                if text is not None and member in self.capitals:
                    written = text[spans()[index][0] : spans()[index + length - 1][1]]
                    if not written.isupper():  # `U.S.` too: dots and spaces have no case
                        continue
                found.append((index, length, token))
                done = index + length
                break
        return found


def _merge(groups: list[Sequence[str]]) -> list[list[str]]:
    """Groups that share a member (folded) become one, in the order first seen."""
    merged: list[list[str]] = []
    where: dict[tuple[str, ...], int] = {}
    for group in groups:
        homes = sorted({where[w] for m in group if (w := _words(m)) in where})
        if not homes:
            merged.append([])
            homes = [len(merged) - 1]
        home = homes[0]
        for other in homes[1:]:
            merged[home].extend(merged[other])
            merged[other] = []
        merged[home].extend(group)
        for index, members in enumerate(merged):
            if members:
                for member in members:
                    where[_words(member)] = index
    return [members for members in merged if members]


@lru_cache(maxsize=8)
def synonyms(groups: tuple[tuple[str, ...], ...] = ()) -> Synonyms:
    """The built-in country table plus `groups`, built once for each set of groups."""
    return Synonyms(groups)
