"""Titles: the words readouts put before and after a person's name.

`titles_around` reads the titles an article gives one mention (`Minister of Industry
and Trade Nguyễn Hồng Diên`, `Xi Jinping, General Secretary of ... and President of
China`). The vocabulary here (heads of titles, the words of institutions and places)
is shared with discovery, which must tell where a title ends and a name begins.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from tui.core.text import Passage, fold

__all__ = [
    "ABBREVIATED",
    "ACRONYMS",
    "COUNTRY_NAMES",
    "DEMONYMS",
    "HEADS",
    "HEAD_PATTERN",
    "HONORIFICS",
    "PLACE_PAIRS",
    "TITLE_REACH",
    "TITLE_WORDS",
    "country_of",
    "titles_around",
]

HEADS = (
    "General Secretary", "Deputy Prime Minister", "Prime Minister", "Foreign Minister",
    "Vice President", "State President", "President", "Premier", "Vice Chairman",
    "Chairman", "Chairwoman", "Chairperson", "Chancellor", "Secretary of State",
    "Secretary-General", "Secretary General", "State Councillor", "State Councilor",
    "Secretary", "Minister", "King", "Queen", "Emperor", "Sultan", "Speaker",
    "Party chief", "Ambassador", "Spokesperson", "Spokesman", "Spokeswoman", "Director",
    "Member", "Adviser", "Advisor", "Envoy", "Representative", "Leader", "Head", "Chief",
    "Governor", "Mayor", "Crown Prince",
    "PM", "FM", "Pres.", "Amb.",
)  # fmt: skip
ABBREVIATED = {
    "pm": "prime minister", "fm": "foreign minister", "pres.": "president",
    "amb.": "ambassador",
}  # fmt: skip
"""Abbreviated heads, folded, and what they stand for."""
DEMONYMS = {
    "South Korean": "South Korea", "North Korean": "North Korea",
    "Chinese": "China", "Vietnamese": "Việt Nam", "Cambodian": "Cambodia",
    "Lao": "Laos", "Laotian": "Laos", "Japanese": "Japan", "Korean": "Korea",
    "Thai": "Thailand", "Indonesian": "Indonesia", "Malaysian": "Malaysia",
    "Singaporean": "Singapore", "Filipino": "Philippines", "Philippine": "Philippines",
    "Australian": "Australia", "American": "United States", "Russian": "Russia",
    "Indian": "India", "French": "France", "German": "Germany", "British": "United Kingdom",
    "Bruneian": "Brunei", "Myanmar": "Myanmar", "European": "European Union",
}  # fmt: skip
COUNTRY_NAMES = {
    "democratic people's republic of korea": "North Korea",
    "republic of korea": "South Korea",
    "china": "China", "viet nam": "Việt Nam", "vietnam": "Việt Nam",
    "cambodia": "Cambodia", "laos": "Laos", "japan": "Japan", "korea": "Korea",
    "south korea": "South Korea", "north korea": "North Korea",
    "thailand": "Thailand", "indonesia": "Indonesia", "malaysia": "Malaysia",
    "singapore": "Singapore", "philippines": "Philippines", "australia": "Australia",
    "russia": "Russia", "india": "India", "france": "France", "germany": "Germany",
    "brunei": "Brunei", "myanmar": "Myanmar", "united states": "United States",
}  # fmt: skip
_PLACES = (
    "asean apec brics g20 g7 u.s. usa timor-leste lanka nepal "
    "bangladesh pakistan mongolia new zealand canada mexico brazil italy spain britain "
    "england kingdom states united america europe asia africa pacific mekong lancang "
    "hanoi beijing tokyo seoul bangkok jakarta manila canberra moscow washington "
    "vientiane penh lumpur delhi shanghai guangxi yunnan kong macao "
    "taiwan xinjiang xizang tibet province city prefecture region autonomous municipal "
    "municipality south north east west"
)
_INSTITUTIONS = (
    "party state government central committee communist people people's peoples republic "
    "council national assembly congress ministry department commission office bureau "
    "politburo political standing secretariat executive federation union front fatherland "
    "association organisation organization agency court procuracy bank affairs foreign "
    "external international relations liaison trade industry security public defence "
    "defense finance planning investment development rural agriculture environment "
    "natural resources culture sports tourism education training health labour labor "
    "invalids social science technology information communications transport construction "
    "justice home interior commerce economy economic energy ethnic minority minorities "
    "overseas publicity propaganda inspection discipline military army navy forces force "
    "police cabinet senate house parliament legislative consultative conference cppcc npc "
    "cpc cpv lprp cpp revolutionary socialist democratic democracy workers' workers "
    "general deputy vice acting former senior permanent first chief head supreme "
    "administration authority institute academy unit units group delegation mission "
    "embassy consulate presidential presidium standing affairs' resources' environment "
    "cooperation co-operation integration economic summit forum trade representative "
    "office' committee' commission' "
    # Things with capitalised names, never people:
    "plan initiative strategy programme program project agreement treaty partnership "
    "community corridor railway zone year week festival games award prize declaration "
    "statement vision charter framework dialogue mechanism fund expo fair league cup "
    # Acronyms of states and bodies:
    "pdr dprk rok prc ccdi wto rcep cptpp imf nato aukus unesco unicef"
)
PLACE_PAIRS = frozenset(
    ("viet nam", "việt nam", "hong kong", "sri lanka", "phnom penh", "kuala lumpur",
     "new zealand", "timor leste", "south korea", "north korea", "united states")
)  # fmt: skip
"""Two words that make a place, though each alone may be part of a name (`Đỗ Hùng
Việt`, `Nam`), lower case."""
_NAME_LIKE = frozenset(("việt", "viet", "nam", "hong", "king", "queen"))
"""Words of places and titles that are also words of names (`Đỗ Hùng Việt`,
`Madeleine King`): part of a title only in a pair (`Việt Nam`) or as a title's head."""
TITLE_WORDS = frozenset(
    word
    for word in (
        *_PLACES.split(),
        *_INSTITUTIONS.split(),
        *" ".join(COUNTRY_NAMES).split(),
        *" ".join(DEMONYMS).lower().split(),
        *(w.lower() for head in HEADS for w in head.replace("-", " ").split()),
    )
    if word not in _NAME_LIKE
)
"""Capitalised words that belong to titles, institutions and places, never to a
person's name, lower case (with their diacritics: `Thái` may be a name, `Thai` not)."""
ACRONYMS = frozenset("UN EU US UK NA PM FM".split())
"""Words that are no name in capitals only: `UN`, but `Kim Jong Un`."""

HONORIFICS = frozenset(
    "mr mr. mrs mrs. ms ms. dr dr. prof prof. excellency hon hon. honourable honorable "
    "datuk dato dato' dato’ seri utama haji tun tunku samdech techo akka moha sena padei borvor "
    "thipadei senator sir dame madam".split()
)
"""Words of address before a name, never part of it (`Datuk Seri Anwar Ibrahim`)."""
_HONORIFIC = "|".join(
    re.escape(word) for word in sorted(HONORIFICS, key=len, reverse=True) if word[-1] != "’"
)
_ADDRESS = rf"(?:\s+(?i:{_HONORIFIC})(?![\w'’]))*"
"""Words of address between a title and a name: `Minister for Foreign Affairs Dr
Vivian Balakrishnan`."""

_SORTED_HEADS = sorted(HEADS, key=len, reverse=True)
_HEAD = "|".join(re.escape(head).replace(r"\ ", r"\s") for head in _SORTED_HEADS)
HEAD_PATTERN = _HEAD
"""Any head of a title, as a pattern (longest first)."""
# After a name, readouts also write titles in lower case: "Xi, also the general secretary".
_HEAD_ANY_CASE = "|".join(
    re.escape(head).replace(r"\ ", r"\s")
    for head in sorted((*HEADS, *(h.lower() for h in HEADS)), key=len, reverse=True)
)
_MODIFIER = (
    r"(?:State|Party|Deputy|Vice|Acting|Former|Senior|Standing|Permanent|First|"
    r"[Ff]ormer|[Dd]eputy|[Vv]ice|South|North|New\sZealand|U\.S\.|US|Treasury|Commerce|"
    r"Defen[cs]e|Trade|Finance|Resources|Agriculture|Education|Health|Energy|Transport|"
    r"Interior|Justice|Home|Industry|Security|Foreign\sAffairs|Foreign\sMinistry|Foreign|"
    + "|".join(sorted(DEMONYMS, key=len, reverse=True))
    + r"|[A-Z][a-z]+(?:ese|ian|an|ish|i))"
)
# A title's object: capitalised words, acronyms in brackets and ordinals, joined by
# `of`/`the`/`for`/`to`, or by `and` when what follows is not the next title's head.
# It never ends on a joining word: `Minister X and` is no title of the next name.
_OBJECT_WORD = (
    rf"(?:(?!(?i:{_HONORIFIC})(?![\w'’]))[^\W\d_a-z][\w’'-]*|\([A-Z]+\)|\d+(?:st|nd|rd|th))"
)
_JOIN_WORD = rf"(?:of|the|for|to|and(?=\s(?!(?:{_MODIFIER}[\s-])*(?:{_HEAD})\b)[^\W\d_a-z]))"
_OBJECT = rf"(?:\s(?:of|for|to)\s(?:the\s)?{_OBJECT_WORD}(?:\s(?:{_JOIN_WORD}\s)*{_OBJECT_WORD})*)?"
_TITLE = rf"(?:{_MODIFIER}[\s-])*(?:{_HEAD}){_OBJECT}"
_TITLE_ANY_CASE = rf"(?:{_MODIFIER}[\s-])*(?:{_HEAD_ANY_CASE}){_OBJECT}"
_TITLE_AT_END = re.compile(rf"(?<![\w-])(?P<title>{_TITLE}){_ADDRESS}\s*$")
_JOINER_AT_END = re.compile(r"(?:\s+and|,)\s+$")
TITLE_REACH = 200
"""How far a title may reach, in characters: the longest titles of the seeds and
test readouts take 84. Bounding it keeps the work per mention the same however long
the sentence."""
_TITLE_AFTER = re.compile(rf",\s+(?:also\s+)?(?:the\s+|an?\s+)?(?P<title>{_TITLE_ANY_CASE})")
_OF_PLACE_AFTER = re.compile(
    rf"\s+(?P<place>of\s(?:the\s)?{_OBJECT_WORD}(?:\s[^\W\d_a-z][\w’'-]*)*)"
)
_NAME_NEXT = re.compile(r"\s+[^\W\d_a-z]")
"""A capitalised word right after a title: `Xi Jinping, Premier Li Qiang` lists
another person with their title; it is no title of Xi's."""
_AND_TITLE_AFTER = re.compile(rf"\s+and\s+(?:the\s+)?(?P<title>{_TITLE_ANY_CASE})")
APPOSITIVE_TITLE = re.compile(
    rf",\s+(?:also\s+)?(?:the\s+|an?\s+)?(?:{_MODIFIER}[\s-])*(?P<head>{_HEAD_ANY_CASE})"
    r"\s+(?:of|for)\b"
)
"""The title part of "Lawrence Wong, the Prime Minister of Singapore"."""


def _cues(words: dict[str, str], pattern: str) -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    """`(word, country, pattern of the word)`, in `words`' order."""
    return tuple((word, country, re.compile(pattern % word)) for word, country in words.items())


_DEMONYM_CUES = _cues(DEMONYMS, r"\b%s\b")
_COUNTRY_CUES = _cues(COUNTRY_NAMES, r"\bof (?:the )?%s\b")


def _first_country(text: str, cues: tuple[tuple[str, str, re.Pattern[str]], ...]) -> str | None:
    """The country of the first cue (in order) found in `text`. Each word is plain text,
    so a pattern is tried only where the word occurs at all."""
    for word, country, pattern in cues:
        if word in text and pattern.search(text):
            return country
    return None


def country_of(titles: Sequence[str]) -> str | None:
    """A country read from titles: `Chinese President`, `President of Cambodia`."""
    for title in titles:
        country = _first_country(title, _DEMONYM_CUES) or _first_country(fold(title), _COUNTRY_CUES)
        if country is not None:
            return country
    return None


def _reach_back(text: str, sentence: Passage, end: int) -> int:
    """Where a title that ends at `end` may start: `TITLE_REACH` before it, at a
    word's start, and inside the sentence."""
    low = end - TITLE_REACH
    if low <= sentence.start:
        return sentence.start
    return text.find(" ", low, end) + 1 or low


def titles_around(
    text: str, mention: Passage, sentence: Passage, others: Collection[int] = ()
) -> list[str]:
    """The titles an article gives a person at one mention: before the name
    (`State President Lương Cường`) and in an appositive after it (`Xi Jinping,
    General Secretary of ... and President of China`), within `TITLE_REACH`.
    `others` are where other people's mentions end: a title before one of them is
    theirs (`President X and Premier Y`: Y's titles stop at X)."""
    titles: list[str] = []
    # Patterns run on text[low:end], never on a copy: a slice per mention would copy
    # the rest of a long sentence each time.
    end = mention.start
    while (found := _TITLE_AT_END.search(text, _reach_back(text, sentence, end), end)) is not None:
        titles.insert(0, found["title"])
        joiner = _JOINER_AT_END.search(text, max(sentence.start, found.start() - 20), found.start())
        if joiner is None or joiner.start() in others:
            break
        end = joiner.start()
    high = min(sentence.end, mention.end + TITLE_REACH)
    place = _OF_PLACE_AFTER.match(text, mention.end, high)
    if titles and place is not None and " of " not in titles[-1]:
        # "Foreign Minister Sugiono of Indonesia": the title is "Foreign Minister of Indonesia".
        titles[-1] = f"{titles[-1]} {place['place']}"
    found = _TITLE_AFTER.match(text, mention.end, high)
    while (
        found is not None
        and not _NAME_NEXT.match(text, found.end(), high)
        and found.end() not in others  # the title took the next person's name
    ):
        titles.append(found["title"])
        found = _AND_TITLE_AFTER.match(text, found.end(), high)
    return titles
