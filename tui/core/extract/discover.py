"""Discovering people the gazetteer does not know, from how readouts name them.

A title before a name (`Prime Minister Hun Manet`, `Minister of Industry and Trade
Nguyễn Hồng Diên`, `General Secretary of the Lao People's Revolutionary Party and
President of Laos Thongloun Sisoulith`, `his Thai counterpart Paetongtarn
Shinawatra`), a list after a plural role (`Politburo members Cai Qi, Ding Xuexiang and
Li Xi`, `officials including ...`), or an appositive after the name (`Lawrence Wong,
the Prime Minister of Singapore`).

After a title's head, words are read one by one: words of institutions and places
(`Industry`, `Trade`, `Laos`, `(CPC)`, `15th`) belong to the title; the run of other
capitalised words that follows is the name. The reading is bounded by `TITLE_REACH`,
so the work per title is the same however long the sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from tui.core.extract.names import trie_pattern
from tui.core.extract.titles import (
    ABBREVIATED,
    ACRONYMS,
    APPOSITIVE_TITLE,
    HEADS,
    HONORIFICS,
    PLACE_PAIRS,
    TITLE_REACH,
    TITLE_WORDS,
)

__all__ = [
    "HONORIFICS",
    "NOT_NAMES",
    "PARTICLES",
    "Discovered",
    "discovered_names",
    "display_name",
    "is_name_word",
]

NOT_NAMES = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march "
    "april may june july august september october november december the his her their "
    "its belt road mp".split()
)
"""Capitalised words that end a name (days, months, pronouns, `MP`)."""
PARTICLES = frozenset("bin binti von der van de da al el".split())
_SUFFIXES = frozenset("jr. jr sr. sr ii iii".split())
_PLURALS = (
    "members", "officials", "leaders", "ministers", "Vice Premiers", "Deputy Prime Ministers",
    "Ministers", "Members",
)  # fmt: skip
_LOWER_HEADS = ("counterpart", "predecessor", "successor", "legislator", "diplomat")
_COUNTRIES = (
    "China", "Russia", "Japan", "India", "Vietnam", "Viet Nam", "Việt Nam", "Cambodia",
    "Laos", "Thailand", "Indonesia", "Malaysia", "Singapore", "Philippines", "Australia",
    "South Korea", "North Korea", "Korea", "Myanmar", "Brunei", "France", "Germany",
    "Britain", "Ukraine", "America", "U.S.", "US",
)  # fmt: skip
_POSSESSIVES = frozenset(f"{c}{s}" for c in _COUNTRIES for s in ("'s", "’s"))
"""`Russia's Vladimir Putin`: a country's possessive before a name of two words or more."""
_PLURAL_KEYS = frozenset(p.lower() for p in _PLURALS)
_TRIGGER = re.compile(
    r"(?<!\w)"
    + trie_pattern(
        {
            *_PLURALS,
            *HEADS,
            *(h.lower() for h in HEADS if h.lower() not in ABBREVIATED),
            *_LOWER_HEADS,
            *_POSSESSIVES,
        }
    )
    + r"(?![\w-])"
    # Only where a name or a title's object may follow: not before a lower-case word
    # other than a joining one (`the leaders said`), which would be read for nothing.
    + r"(?=,|[^\S\n]+(?:(?:of|for|to|the|and|from|in|on|including|such|namely|like)\b|[^a-z\s]))"
)
# A word keeps its full stop when it is an initial or an abbreviation (`F.`, `Jr.`,
# `Mr.`); reading stops at the end of a line.
_TOKEN = re.compile(
    r"[^\S\n]*(?:(?P<acronym>\([A-Z][\w.]*\))|(?P<ordinal>\d+(?:st|nd|rd|th)\b)"
    r"|(?P<word>[^\W\d_][\w’'-]*(?:(?<=\b\w)\.|(?<=\b(?:Jr|Sr|Mr|Ms|Dr))\.|(?<=\b(?:Mrs|Hon))\.)?)"
    r"|(?P<sign>\S))"
)
_LIST_JOIN = frozenset({",", "and"})
_TITLE_JOIN = frozenset("of the for to and in on from".split())
_LIST_LEAD = frozenset("including such as namely like".split())
MAX_NAME_WORDS = 4


@dataclass(slots=True)
class _Reader:
    """Words read forward from a position, within a bound."""

    text: str
    position: int
    limit: int

    def next(self) -> tuple[str, str, int, int] | None:
        """`(kind, token, start, end)` of the next token, or `None` at the bound."""
        found = _TOKEN.match(self.text, self.position, self.limit)
        if found is None or found.lastgroup is None:
            return None
        self.position = found.end()
        return found.lastgroup, found[found.lastgroup], found.start(found.lastgroup), found.end()


def is_name_word(word: str) -> bool:
    if not word[:1].isupper() or word in ACRONYMS:
        return False
    key = word.lower()
    if key.endswith(("’s", "'s")):
        key = key[:-2]
    return key not in TITLE_WORDS and key not in NOT_NAMES and key not in HONORIFICS


_PAIR_FIRST = frozenset(pair.split()[0] for pair in PLACE_PAIRS)


def _place_pair(reader: _Reader, word: str) -> bool:
    """Whether `word` and the next word make a place (`Việt Nam`); if so, both are read."""
    if word.lower() not in _PAIR_FIRST:
        return False
    after = reader.position
    token = reader.next()
    if token is not None and f"{word} {token[1]}".lower() in PLACE_PAIRS:
        return True
    reader.position = after
    return False


def _is_initial(word: str) -> bool:
    return len(word) == 2 and word.endswith(".")


def _name_of(run: list[tuple[str, int, int]]) -> tuple[str, int] | None:
    """The name a run of words makes, and where it ends: at most `MAX_NAME_WORDS`
    words plus initials and a suffix, never ending on a particle or an initial."""
    words: list[tuple[str, int, int]] = []
    real = 0
    for word, start, end in run:
        key = word.lower()
        if not (_is_initial(word) or key in PARTICLES or (words and key in _SUFFIXES)):
            real += 1
            if real > MAX_NAME_WORDS:
                break
        words.append((word, start, end))
    while words and (words[-1][0].lower() in PARTICLES or _is_initial(words[-1][0])):
        words.pop()
    if not words:
        return None
    last = re.sub(r"[’']s$", "", words[-1][0])
    return " ".join([*(w for w, _, _ in words[:-1]), last]), words[-1][1] + len(last)


def _read_name(reader: _Reader, plural: bool, direct: bool) -> tuple[str, int] | None:
    """Read past a title's object to the name after it (see the module docstring);
    `direct`: the name must come at once (`Russia's Vladimir Putin`)."""
    run: list[tuple[str, int, int]] = []
    while (token := reader.next()) is not None:
        kind, value, start, end = token
        if direct and not run and not (kind == "word" and is_name_word(value)):
            return None
        if kind == "word" and value.lower() in HONORIFICS:
            if run and run[-1][0].lower() in PARTICLES:
                run.append((value, start, end))  # "Mohamad bin Haji Hasan"
                continue
            if any(not _is_initial(word) for word, _, _ in run):
                break  # a word of address after a name ends it
            run = []  # "H.E. Mr. Narendra Modi"
            continue
        if kind == "word" and is_name_word(value) and not _place_pair(reader, value):
            run.append((value, start, end))
            if value.endswith(("’s", "'s")):
                break  # "Hun Manet's visit": the name ends with its possessive
            continue
        if kind == "word" and run and value.lower() in PARTICLES:
            run.append((value, start, end))
            continue
        if run and (kind != "word" or not value[:1].isupper() or value.lower() in NOT_NAMES):
            break  # the name is over
        run = []  # a title word after capitalised words: they were the title's
        if kind in ("acronym", "ordinal") or (kind == "word" and value[:1].isupper()):
            continue
        if value == "," or value.lower() in _TITLE_JOIN or (plural and value.lower() in _LIST_LEAD):
            continue
        return None
    return _name_of(run) if run else None


class Discovered(NamedTuple):
    """A name found by its title, and the head of that title (`Premier`, `PM`), as
    written; empty after a plural role or a possessive."""

    name: str
    head: str


def _list_after(reader: _Reader) -> Iterator[str]:
    """The names listed after the first one: `, Y and Z`."""
    while True:
        token = reader.next()
        if token is None or token[1] not in _LIST_JOIN:
            return
        if token[1] == ",":
            after = reader.position
            token = reader.next()
            if token is None or token[1] != "and":
                reader.position = after
        run: list[tuple[str, int, int]] = []
        while (token := reader.next()) is not None and token[0] == "word":
            if not (is_name_word(token[1]) or (run and token[1].lower() in PARTICLES)):
                break
            run.append((token[1], token[2], token[3]))
        name = _name_of(run) if run else None
        if name is None:
            return
        yield name[0]
        reader.position = name[1]


def _after_titles(text: str) -> Iterator[Discovered]:
    position = 0
    while (trigger := _TRIGGER.search(text, position)) is not None:
        plural = " ".join(trigger.group().split()).lower() in _PLURAL_KEYS
        reader = _Reader(text, trigger.end(), min(len(text), trigger.end() + TITLE_REACH))
        possessive = trigger.group() in _POSSESSIVES
        name = _read_name(reader, plural, possessive)
        if name is not None and possessive and " " not in name[0]:
            name = None  # "China's Xi": too little to tell a name from a thing
        if name is None:
            position = trigger.end()
            continue
        yield Discovered(name[0], "" if plural or possessive else trigger.group())
        # Go on right after the name: what follows may hold the next title ("Hun Manet
        # met Chancellor Olaf Scholz"), or, after a plural role, the rest of a list.
        reader.position = name[1]
        if plural:
            yield from (Discovered(listed, "") for listed in _list_after(reader))
        position = max(name[1], trigger.end())


def _appositives(text: str) -> Iterator[Discovered]:
    for match in APPOSITIVE_TITLE.finditer(text):
        line = text[max(0, match.start() - 80) : match.start()].rsplit("\n", 1)[-1]
        words: list[str] = []
        for word in reversed(line.split()[-6:]):
            if word[-1] in ",;:(" or (word[-1] == "." and not _is_initial(word)):
                break
            if not (is_name_word(word) or _is_initial(word) or word.lower() in PARTICLES):
                break
            words.append(word)
        words.reverse()
        while words and words[0].lower() in PARTICLES:
            words.pop(0)
        if len(words) > 1:
            yield Discovered(" ".join(words), match["head"])


def display_name(name: str) -> str:
    """How a name is shown: `ISHIBA Shigeru` (family name in capitals first, as Japan's
    ministry writes it) is `Shigeru Ishiba`; other names as written."""
    first, _, rest = name.partition(" ")
    if rest and len(first) > 1 and first.isupper() and first.isalpha() and not rest.isupper():
        return f"{rest} {first.title()}"
    return name


def discovered_names(text: str) -> Iterator[Discovered]:
    """Every name `text` gives a title, in the order of the rules above."""
    yield from _after_titles(text)
    yield from _appositives(text)
