"""The kind of contact a readout reports, read from its title and its first sentences:
a call, talks (a meeting), a visit, a message, a conference, a statement.

Headlines of every style say it in a few words: VNA's `Party chief holds phone talks
with Chinese leader`, Xinhua's `Xi speaks with Vietnamese leader over phone`,
Reuters' `China's Xi tells Biden ... in call`, a ministry's `Readout of President
Biden's Call with President Xi` or `Japan-Viet Nam Summit Telephone Talk`. The title
decides where it names a contact; else the lead (the first few hundred characters).

Where a title names two, the most specific wins: a call (`congratulates ... in phone
call` is a call), then talks (`meets ..., congratulates him` is talks), then a
message, then a visit (`holds talks during state visit` is talks: an event joins the
two, see `tui.core.events`), then a conference, then a statement.
"""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["KINDS", "first_sentence", "kind_of", "lead_says_visit", "said_day"]

KINDS = ("call", "talks", "message", "visit", "conference", "statement", "announcement")
"""The kinds of contact, most specific first; `""` is an unknown kind."""

_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "call",
        re.compile(
            r"\b(?:tele)?phone[sd]?\b|\bteleconference\b|\b(?:by|via|over) video\b"
            r"|\bvideo[ -]?(?:call|link|conference|talks?|channel|meeting|summit)\b"
            r"|\b(?:virtual|online) (?:meeting|summit|talks)\b|\b(?:spoke|speaks) (?:by phone )?"
            r"(?:with|to)\b(?! (?:reporters|journalists|the press|media)\b)"
            r"|(?<!courtesy )\bcalls?\b(?! (?:for|on|upon|to)\b)"
            r"|\bcalled (?=(?-i:[A-Z])|(?:his|her|their) (?:counterpart|(?-i:[A-Z])))",
            re.IGNORECASE,
        ),
    ),
    (
        "talks",
        re.compile(
            r"\btalks\b|\bmeets?\b|\bmet\b|\bmeeting\b|\bcourtesy call\b|\bsummit\b"
            r"|\bdialogue\b|\bconsultations?\b|\bhosts?\b|\bhosted\b|\bwelcom(?:es?|ed|ing)\b"
            r"|\breceiv(?:es?|ed|ing)\b(?! (?:a |an |the )?(?:\w+ ){0,2}"
            r"(?:message|letter|call|congratulations?|condolences?|greetings)\b)",
            re.IGNORECASE,
        ),
    ),
    (
        "message",
        re.compile(
            r"\bmessages?\b|\bletters?\b|\bcongratulat\w*|\bcondolences?\b|\bsympath\w+"
            r"|\bgreetings\b|\bcables?\b|\btelegrams?\b",
            re.IGNORECASE,
        ),
    ),
    (
        "visit",
        re.compile(
            r"\bvisit\w*|\btrip\b|\btour\b|\barriv\w+ in\b|\blands? in\b|\bleaves? for\b"
            r"|\bdeparts?\b|\bwraps? up\b|\bconclud\w+\b",
            re.IGNORECASE,
        ),
    ),
    (
        "conference",
        re.compile(r"\bforum\b|\bconference\b|\bsummits\b|\battend\w*\b", re.IGNORECASE),
    ),
    ("statement", re.compile(r"\bstatement\b|\bspokes(?:person|man|woman)\b", re.IGNORECASE)),
)
"""Each kind's word cues, most specific first."""

_VISIT_CUE = dict(_CUES)["visit"]

_ANNOUNCED = re.compile(
    r"\b(?:to|will) (?:pay|make|visit|hold|attend|meet|travel|tour)\b"
    r"|\bset to (?:visit|meet|hold)\b|\bahead of (?:\w+ )?visit\b",
    re.IGNORECASE,
)
"""`Xi Jinping to pay state visit to Việt Nam`: a contact announced, not yet made. A
report of its own: counted with the visit, it would start the visit days early."""

_SUMMIT_ATTENDED = re.compile(
    r"\battend\w* (?:the |a |an )?(?:[\w'’-]+ ){0,6}?(?:summit|meeting|forum|conference)\b", re.I
)
"""`attends the ASEAN Summit` is a conference, not bilateral talks."""

LEAD_CHARS = 400
"""How much of the text after the title is read where the title names no contact."""


def kind_of(title: str, lead: str = "") -> str:
    """The kind of contact (one of `KINDS`) that `title` names, else that the first
    sentence of `lead` names; `""` when neither says."""
    found = _kind_in(title)
    if found:
        return found
    return _kind_in(first_sentence(lead[:LEAD_CHARS]))


def lead_says_visit(lead: str) -> bool:
    """Whether the first sentence of `lead` names a visit (as `kind_of("", lead)`,
    faster where it names none: most leads)."""
    sentence = first_sentence(lead[:LEAD_CHARS])
    return _VISIT_CUE.search(sentence) is not None and _kind_in(sentence) == "visit"


def _kind_in(text: str) -> str:
    if not text:
        return ""
    if _ANNOUNCED.search(text):
        return "announcement"
    if _SUMMIT_ATTENDED.search(text) and not _CUES[0][1].search(text):
        return "conference"
    for kind, cue in _CUES:
        if cue.search(text):
            return kind
    return ""


_SENTENCE_END = re.compile(r"(?<![A-Z])[.!?](?=\s+[A-Z“\"'(]|\s*$)")


def first_sentence(text: str) -> str:
    """The first sentence of `text` (all of it when it has no end)."""
    found = _SENTENCE_END.search(text)
    return text[: found.end()] if found else text


WEEKDAY_BACK = 3
"""The most days back a weekday named (`on Monday`) is taken to be."""
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAY_SAID = re.compile(
    r"\b(?:yesterday|last night)\b|\bon (?:the (?:evening|morning|night) of )?"
    r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
    r"|\b(?P<own>today|tonight|this (?:morning|afternoon|evening))\b",
    re.IGNORECASE,
)
"""`held phone talks yesterday`, `spoke by phone on Tuesday`: the day a report says
its contact was made, when not its own (`this afternoon`: its own). Weeks (`last
week`) are too loose to count."""
_CONTACT = re.compile(
    r"\b(?:(?:tele)?phon\w*|calls?|called|talks?|talked|spoke|speaks?|conversation"
    r"|met|meets?|meeting|video\w*|conferenc\w*|discuss\w*|exchang\w*|held|holds?)\b",
    re.IGNORECASE,
)
"""The words of a contact: a day said in their clause dates it."""
_ASIDE = re.compile(
    r"^\s*(?:who|whom|whose|which|where|after|before|having|since|following|back)\b", re.I
)
"""A clause about something else the leader did (`Tô Lâm, who returned on Monday
from Laos, held phone talks ...`)."""
_MOVED = re.compile(
    r"\b(?:return\w*|arriv\w*|left|leav\w*|came back|got back|depart\w*|flew|land(?:s|ed|ing)?)\b"
    r"(?:(?!\b(?:and|but)\b)[^,;])*$",
    re.IGNORECASE,
)
"""A day said of a journey (`held talks after returning on Monday`), not of the
contact."""


def said_day(date: dt.date, text: str) -> dt.date | None:
    """The day before `date` that `text` (a title and the first sentence of a
    report of that date) says the contact was made: `yesterday` the day before, `on
    Tuesday` the last Tuesday up to `WEEKDAY_BACK` days before; `None` when it names
    no earlier day (`on Tuesday` in Tuesday's report is its own day; `on Wednesday` in
    a report dated Tuesday is rather the next day in the call's time zone than a week
    before). A day counts only where it dates the contact: in the clause that names
    it (or opening the sentence, `On Monday, ...`), not in an aside (`who returned on
    Monday`) nor of a journey; `today`, `this afternoon` say the report's own day."""
    found = _contact_day(text)
    if found is None or found.group("own"):
        return None
    if found.group(1) is None:
        return date - dt.timedelta(days=1)
    back = (date.weekday() - _WEEKDAYS.index(found.group(1).lower())) % 7
    return date - dt.timedelta(days=back) if 0 < back <= WEEKDAY_BACK else None


def _contact_day(text: str) -> re.Match[str] | None:
    """The first day said in a clause of `text` that names the contact."""
    if _DAY_SAID.search(text) is None:
        return None  # most: no day said
    clauses = re.split(r"[,;]", text)
    for number, clause in enumerate(clauses):
        if _ASIDE.match(clause):
            continue
        names_it = _CONTACT.search(clause) is not None
        opening = number == 0 and len(clause.split()) <= 6 and len(clauses) > 1
        if not (names_it or opening):
            continue
        for found in _DAY_SAID.finditer(clause):
            if not _MOVED.search(clause[: found.start()]):
                return found
    return None
