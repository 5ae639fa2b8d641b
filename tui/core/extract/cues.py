"""Which sentences carry a commitment, and of which kind: the cue words.

A sentence is classified by its earliest strong cue (`pledged`, `agreed to`,
`proposed`, `called on ... to`, `stands ready`, `looks forward to`, `jointly
announced`, `invited`), else by its earliest soft cue (`will`, `should`, `need to`)
that nothing takes back. Soft cues are taken back by what governs them: an
assessment, prediction or greeting before them (`believes ... will`, `It is expected
that ... will`, `expressed confidence that ... will`, thanks, congratulations), or
what they say: a schedule (`will hold talks`, `will attend`, `the visit will`) or a
prediction (`will surely`, `will bring`). Strong cues inside thanks, congratulations
or condolences (`thanked China for its commitment to`) are taken back too, and
`at the invitation of` invites no one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tui.core.extract.model import KINDS
from tui.core.text import fold

__all__ = ["KINDS", "LEAD_CLAUSE", "classify"]


# Cues, matched on folded text. Strong cues count whatever else the sentence says.
_STRONG: tuple[tuple[str, str], ...] = (
    # Not `thanked ... for inviting`, `the invited`, `has been invited` (background).
    (
        "invitation",
        r"invit(?<!for invit)(?<!the invit)(?<!been invit)(?<!was invit)(?<!were invit)"
        r"(?:e|es|ed)\b(?! by)",
    ),
    (
        "invitation",
        r"\b(?:extend|convey|accept|issu|renew|sen[dt]|deliver|repeat|reiterat)\w*"
        r"(?: [\w’'-]+){0,4}? invitations?\b",
    ),
    (
        "announcement",
        r"\bannounced (?:the |a )?(?:launch|start|establishment|upgrad|elevat|designat)\w*"
        r"|\bjointly announced\b",
    ),
    ("announcement", r"\blaunched\b"),
    ("pledge", r"\bpledg(?:e|ed|es|ing)\b|\bvow(?:ed|s)?\b"),
    ("pledge", r"\b(?:commitment|committed) to\b|\bunwavering commitment\b"),
    ("pledge", r"\bdetermination to\b|\bstriv(?:e|es|ing) (?:to|for)\b|\bintention to\b"),
    ("pledge", r"\bwould [\"“]?never\b"),
    # A continuing policy: `China firmly supports`, `Việt Nam always regards`.
    (
        "pledge",
        r"\b(?:firmly|resolutely|steadfastly|unswervingly|always|consistently) (?:supports?"
        r"|adheres?|opposes?|upholds?|stands? (?:by|with)|pursues?|regards?|treasures?"
        r"|attach(?:es)?)\b",
    ),
    ("pledge", r"\b(?:re)?affirm(?:ed|s)\b[^.;]{0,60}?\bsupport (?:for|to)\b"),
    # Wire copy puts the day after the verb: `agreed Friday to`.
    (
        "agreement",
        r"\bagreed (?:on (?=\w+day\b))?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day |today "
        r"|yesterday |also |further |in principle )?(?:to|on|that)\b|\bconcurred\b|\bagree to\b",
    ),
    (
        "agreement",
        r"\bshared the (?:view|recognition|understanding) (?:to|on the need to"
        r"|that [^.;]{0,60}?\b(?:would|will|should|need to|must)\b)",
    ),
    (
        "agreement",
        r"\breached (?:an? |the )?(?:[\w-]+ ){0,3}?(?:consensus|common understanding"
        r"|agreements?)\b",
    ),
    ("readiness", r"\bready to\b|\breadiness\b|\bstand(?:s|ing)? ready\b|\bstood ready\b"),
    ("readiness", r"\bwilling(?:ness)? to\b|\bwillingness\b|\bprepared to\b"),
    ("readiness", r"\bwish to work\b|\bhopes? to join hands\b|\bwants? to work\b"),
    ("readiness", r"\blook(?:s|ed|ing)? forward to\b"),
    (
        "proposal",
        r"propos(?<!the propos)(?:ed|es|ing)\b|\bmade (?:a number of |several )?proposals\b",
    ),
    ("proposal", r"\bsuggest(?:ed|s|ing)\b|\bcall(?:ed|s|ing)? for\b|\burg(?:ed|es|ing)\b"),
    # `called on Japan to`; not a courtesy call (`paid a courtesy call on`).
    ("proposal", r"call(?<!courtesy call)(?:ed|s|ing) (?:on|upon)\b(?=[^.;:]{0,100}? to [a-z])"),
    ("proposal", r"\bencourag(?:e|es|ed)\b(?! by)(?=[^.;:]{0,80}? to [a-z])"),
    ("proposal", r"\badvocat(?:ed|es|ing)\b|\basked for\b|\bthe need for\b"),
    # `asked the two commissions to strengthen`, not `asked him to convey greetings`.
    (
        "proposal",
        r"\bask(?:ed|s)\b(?=(?: (?!to\b)[\w’'-]+){1,6} to "
        r"(?!convey|pass|extend|send|deliver)[a-z])",
    ),
    # `hopes that the two sides will`: asking the other side, not predicting.
    # The verb only: `expressed the hope that Thailand will prosper` is a wish.
    (
        "proposal",
        r"hop(?<!the hop)(?<!his hop)(?<!her hop)(?<!their hop)(?<!expressed hop)(?:e|es|ed)\b"
        r"(?= (?:that )?[^.;]{1,80}? (?:will|would|could|can)\b)",
    ),
)
# Soft cues count unless an assessment, a greeting or the past governs them.
_SOFT: tuple[tuple[str, str], ...] = (
    ("pledge", r"\bwould continue\b|\bwill continue\b|\bdetermined to\b"),
    ("pledge", r"\b(?:re)?affirm(?:ed|s)\b.{0,60}\b(?:prioriti|adherence|commitment)"),
    ("pledge", r"\bpersists? with\b|\bstays? steadfast\b|\battaches importance to\b"),
    ("pledge", r"\bconsider\w*\b.{0,200}\btop priority\b|\bemphasi[sz]ed prioriti"),
    ("pledge", r"\bwill\b"),
    # Reported speech: `confirmed that they would work`; not `a pact that would allow`.
    ("pledge", r"would(?<!that would)(?<!which would)(?<!it would)\b(?! (?:be|have|not|like)\b)"),
    ("proposal", r"\bshould\b|\bneeds? to\b|\bmust\b"),
    ("proposal", r"\bit is (?:now )?(?:an? )?(?:\w+ )?(?:point of )?time for\b"),
)
# What governs the cues after it, in one pattern read once a sentence: greetings (a
# strong cue cannot mean a commitment inside them: `thanked China for its commitment
# to`), assessments (nor can a soft one: `welcomed the progress they will make`), and
# predictions (nor can a `will`: `believes it will bring`, `It is expected that`).
# (One `\b` for all: an alternative that starts with a letter is skipped at once
# where that letter is not, one that starts with `\b` is tried everywhere.)
_GOVERNING = re.compile(
    r"\b(?=[abceghiprtvw])(?:(?P<greeting>thank\w*\b|congratulat\w*|condolences?\b|gratitude\b)"
    r"|(?P<assessment>(?:expressed|voiced)(?: his| her| their)?(?: \w+)? (?:confidence"
    r"|optimism|belief|hope)|believing\b|hailed\b|welcomed\b|praised\b|recalled\b)"
    r"|(?P<prediction>believ(?:e|es|ed)\b|(?:is|are|was|were|remains?) (?:convinced"
    r"|confident)\b|expect(?:s|ed)? that\b|it is expected\b|(?:is|are|was|were) "
    r"(?:expected|scheduled|slated|due|set|poised|likely) to\b))"
)
# A clause of its own after an assessment: "welcomed the progress and said ... should".
# Each alternative starts with a letter (its word start checked behind it), so the
# engine looks only where one of those letters stands.
_NEW_CLAUSE = re.compile(
    r"(?:and(?<!\wand)|but(?<!\wbut)|while(?<!\wwhile)) (?:he |she |they |also )?"
    r"(?:said|added|stressed|noted|urged|affirmed"
    r"|confirmed|stated"
    r"|reaffirmed|emphasi[sz]ed|underlined|underscored|pledged|proposed|suggested|agreed"
    r"|called|invited|asked|expressed|highlighted)\b"
    r"|, (?:saying|adding|affirming|stressing|noting|pledging|emphasi[sz]ing|underlining)\b|;"
)
_PAST = re.compile(r"(?:recalled(?<!\wrecalled)|had(?<!\whad) (?:reached|agreed))\b")

_SCHEDULE_VERB = (
    r"hold|holds|attend|travel|visit|pay|co-chair|chair|meet|arrive|depart|leave|deliver"
    r"|address|participate|take part|tour|lay|host|witness|preside|embark|stop over|fly"
    r"|take effect|enter into force|come into (?:force|effect)|need to be|resign|step down"
    r"|head to|lead (?:a|an|the) (?:[\w-]+ ){0,3}delegation|be (?:held|hosted|attended"
    r"|chaired|co-chaired|organi[sz]ed|convened|accompanied|received|welcomed|signed)"
)
# `will` right before a schedule or a prediction: an itinerary, not an undertaking.
_NOT_A_PLEDGE = re.compile(
    r"(?:will|would) (?:also |then |first |later |soon |next |jointly |together |both )?"
    rf"(?:(?:{_SCHEDULE_VERB})\b"
    r"|surely|certainly|definitely|undoubtedly|inevitably|necessarily|likely|probably"
    r"|(?:further )?(?:bring|inject|usher|mark|become|open (?:up )?(?:a )?new (?:chapter|page"
    r"|era|stage)|(?:add|create|give|provide) (?:a )?(?:new |fresh |strong )?(?:impetus|boost"
    r"|momentum|vitality)|be an? \w+ (?:milestone|success|opportunity))\b)"
)
# `will` after an event: `the visit will`, `the talks this week will`.
_EVENT_BEFORE = re.compile(
    r"\b(?:(?P<event>visit|trip|tour|talks|meeting|meetings|summit|conference|ceremony|event"
    r"|session|forum|delegation|stay|journey|itinerary|programme|program|agenda|exhibition"
    r"|festival|dialogue|consultations?|agreement|deal|pact|treaty|accord)"
    # A relationship only predicts (`ties will grow`); `ties should deepen` is a proposal.
    r"|(?P<relation>relationship|relations|ties|friendship))"
    r"(?: (?!and\b|but\b|or\b|with\b)[\w-]+){0,4} $"
)
_EVENT_REACH = 40
"""How far back an event noun may stand from its `will`, in characters."""


_WORD_START = re.compile(r"(?:^|(?<=\|))\\b")
"""A `\\b` that starts an alternative of a cue (at its start or after a top-level `|`)."""


class _Cues:
    """A list of cues, found fast. Every cue starts a word, so the cues are tried at
    word starts only (`\\b(?=\\w)` fails at once elsewhere), and inside a lookahead, so
    that a long cue (`considered ... top priority`) hides no cue that starts within it."""

    def __init__(self, cues: tuple[tuple[str, str], ...]) -> None:
        # The `\b` that starts each alternative is the wrapper's: without it, the
        # engine skips an alternative whose first letter differs at once.
        alternatives = "|".join(
            f"(?P<c{index}>{_WORD_START.sub('', cue)})" for index, (_, cue) in enumerate(cues)
        )
        self.cues = re.compile(rf"\b(?=\w)(?=(?:{alternatives}))")
        self.kinds = [kind for kind, _ in cues]
        # Cues hold no group of their own: the last group a match closed names its cue.
        self.by_group = {self.cues.groupindex[f"c{index}"]: index for index in range(len(cues))}

    def indexed(self, folded: str) -> Iterator[tuple[int, int]]:
        """`(index of the cue, offset)` of each cue in `folded`, in reading order."""
        by_group = self.by_group
        for match in self.cues.finditer(folded):
            yield by_group[match.lastindex or 1], match.start()

    def finditer(self, folded: str) -> Iterator[tuple[str, int]]:
        """`(kind, offset)` of each cue in `folded`, in reading order."""
        for index, at in self.indexed(folded):
            yield self.kinds[index], at


# Strong and soft cues in one reading: the first strong cue wins wherever it stands.
_CUES = _Cues(_STRONG + _SOFT)
_STRONG_COUNT = len(_STRONG)
LEAD_CLAUSE = re.compile(
    r"(?:(?:\w+ly\s+)?\w+ing\b|At|In|On|Under|Regarding|To|After|Following|During|As|With|"
    r"Amid|Furthermore|Moreover|Meanwhile|Accordingly|Additionally|Besides|Also|Earlier|Later"
    r"|Separately|Previously)\b[^,]*,\s+"
)


class _Scope:
    """Where phrases that govern what follows them (`thanked`, `believes`) hold sway:
    from each one to the next new clause. Asked about cues in reading order, it walks
    its lists once, however many cues and governing phrases the sentence holds."""

    def __init__(self, opens: list[int], closes: list[tuple[int, int]]) -> None:
        self.opens = opens
        self.closes = closes
        self.next_open = self.next_close = 0
        self.opened = -1
        """Where the governing phrase in force started; -1: none."""

    def covers(self, at: int) -> bool:
        """Whether a governing phrase before `at` holds sway there (`at` never decreases)."""
        opens, closes = self.opens, self.closes
        while self.next_open < len(opens) and opens[self.next_open] <= at:
            self.opened = opens[self.next_open]
            self.next_open += 1
        while self.next_close < len(closes) and closes[self.next_close][1] <= at:
            if closes[self.next_close][0] > self.opened >= 0:
                self.opened = -1  # a new clause since the governing phrase
            self.next_close += 1
        return self.opened >= 0


class _Governors:
    """The scopes of a sentence's greetings, assessments and predictions, found on
    first use (a sentence without a cue never needs them), in one reading."""

    def __init__(self, folded: str, start: int) -> None:
        self.folded = folded
        self.start = start
        self.scopes: dict[str, _Scope] | None = None

    def covers(self, what: str, at: int) -> bool:
        """Whether a phrase of group `what` of `_GOVERNING` governs the cue at `at`."""
        if self.scopes is None:
            opens: dict[str, list[int]] = {"greeting": [], "assessment": [], "prediction": []}
            for match in _GOVERNING.finditer(self.folded, self.start):
                opens[match.lastgroup or "greeting"].append(match.start())
            if opens["greeting"]:  # thanks govern soft cues too, as assessments
                opens["assessment"] = sorted(opens["assessment"] + opens["greeting"])
            found = any(opens.values())
            closes = (
                [m.span() for m in _NEW_CLAUSE.finditer(self.folded, self.start)] if found else []
            )
            self.scopes = {group: _Scope(at, closes) for group, at in opens.items()}
        return self.scopes[what].covers(at)


def classify(sentence: str, folded: str | None = None) -> tuple[str, int] | None:
    """The kind of commitment `sentence` carries and where its cue starts, or `None`.
    `folded` is `fold(sentence)`, when the caller has it already."""
    folded = fold(sentence) if folded is None else folded
    if _PAST.search(folded):
        return None
    # A leading clause ("Congratulating China ..., Lâm reaffirmed") governs nothing.
    lead = LEAD_CLAUSE.match(sentence)
    lead_end = lead.end() if lead else 0
    governors = _Governors(folded, lead_end)
    soft: tuple[str, int] | None = None
    for index, at in _CUES.indexed(folded):
        if index < _STRONG_COUNT:
            if not governors.covers("greeting", at):
                return _CUES.kinds[index], at
        elif soft is None and _soft_counts(folded, _CUES.kinds[index], at, governors):
            soft = _CUES.kinds[index], at
    return soft


def _soft_counts(folded: str, kind: str, at: int, governors: _Governors) -> bool:
    """Whether the soft cue of `kind` at `at` is an undertaking: no assessment governs
    it, it follows no event (`the visit will`), and a `will` is no schedule or
    prediction (`will hold talks`, `will surely`, `believes ... will`)."""
    if governors.covers("assessment", at):
        return False
    is_will = kind == "pledge" and folded.startswith("w", at)  # will, would
    event = _EVENT_BEFORE.search(folded, max(0, at - _EVENT_REACH), at)
    if event is not None and (is_will or event["event"]):
        return False
    if not is_will:
        return True
    return not governors.covers("prediction", at) and _NOT_A_PLEDGE.match(folded, at) is None
