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

from tui.core.text import fold

__all__ = ["KINDS", "LEAD_CLAUSE", "classify"]

KINDS = ("pledge", "agreement", "proposal", "readiness", "announcement", "invitation")

# Cues, matched on folded text. Strong cues count whatever else the sentence says.
_STRONG: tuple[tuple[str, str], ...] = (
    # Not `thanked ... for inviting`, `the invited`, `has been invited` (background).
    ("invitation", r"(?<!for )(?<!the )(?<!been )(?<!was )(?<!were )\binvit(?:e|es|ed)\b(?! by)"),
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
    ("agreement", r"\bagreed (?:to|on|that)\b|\bconcurred\b|\bagree to\b"),
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
    ("proposal", r"(?<!the )\bpropos(?:ed|es|ing)\b|\bmade (?:a number of |several )?proposals\b"),
    ("proposal", r"\bsuggest(?:ed|s|ing)\b|\bcall(?:ed|s|ing)? for\b|\burg(?:ed|es|ing)\b"),
    # `called on Japan to`; not a courtesy call (`paid a courtesy call on`).
    ("proposal", r"(?<!courtesy )\bcall(?:ed|s|ing) (?:on|upon)\b(?=[^.;:]{0,100}? to [a-z])"),
    ("proposal", r"\bencourag(?:e|es|ed)\b(?! by)(?=[^.;:]{0,80}? to [a-z])"),
    ("proposal", r"\badvocat(?:ed|es|ing)\b|\basked for\b|\bthe need for\b"),
    # `asked the two commissions to strengthen`, not `asked him to convey greetings`.
    (
        "proposal",
        r"\bask(?:ed|s)\b(?=(?: (?!to\b)[\w’'-]+){1,6} to "
        r"(?!convey|pass|extend|send|deliver)[a-z])",
    ),
    # `hopes that the two sides will`: asking the other side, not predicting.
    ("proposal", r"\bhop(?:e|es|ed)\b(?= (?:that )?[^.;,]{1,60}? (?:will|would|could|can)\b)"),
)
# Soft cues count unless an assessment, a greeting or the past governs them.
_SOFT: tuple[tuple[str, str], ...] = (
    ("pledge", r"\bwould continue\b|\bwill continue\b|\bdetermined to\b"),
    ("pledge", r"\b(?:re)?affirm(?:ed|s)\b.{0,60}\b(?:prioriti|adherence|commitment)"),
    ("pledge", r"\bpersists? with\b|\bstays? steadfast\b|\battaches importance to\b"),
    ("pledge", r"\bconsider\w*\b.{0,200}\btop priority\b|\bemphasi[sz]ed prioriti"),
    ("pledge", r"\bwill\b"),
    # Reported speech: `confirmed that they would work`; not `a pact that would allow`.
    ("pledge", r"(?<!that )(?<!which )(?<!it )\bwould\b(?! (?:be|have|not|like)\b)"),
    ("proposal", r"\bshould\b|\bneeds? to\b|\bmust\b"),
    ("proposal", r"\bit is (?:now )?(?:an? )?(?:\w+ )?(?:point of )?time for\b"),
)
_GOVERNED = re.compile(
    r"\b(?:expressed|voiced)(?: his| her| their)?(?: \w+)? (?:confidence|optimism|belief|hope)"
    r"|\bbelieving\b|\bhailed\b|\bcongratulat\w*|\bthank\w*|\bcondolences?\b|\bwelcomed\b"
    r"|\bpraised\b|\brecalled\b"
)
# Predictions and assessments govern a `will`: what someone expects, not undertakes.
_PREDICTION = re.compile(
    r"\bbeliev(?:e|es|ed)\b|\b(?:is|are|was|were|remains?) (?:convinced|confident)\b"
    r"|\bexpect(?:s|ed)? that\b|\bit is expected\b|\b(?:is|are|was|were) expected to\b"
    r"|\b(?:is|are|was|were) (?:scheduled|slated|due|set|poised|likely) to\b"
)
# What a strong cue cannot mean inside: thanks and greetings.
_GREETING = re.compile(r"\bthank\w*\b|\bcongratulat\w*|\bcondolences?\b|\bgratitude\b")
# A clause of its own after an assessment: "welcomed the progress and said ... should".
_NEW_CLAUSE = re.compile(
    r"\b(?:and|but|while) (?:he |she |they |also )?(?:said|added|stressed|noted|urged|affirmed"
    r"|confirmed|stated"
    r"|reaffirmed|emphasi[sz]ed|underlined|underscored|pledged|proposed|suggested|agreed"
    r"|called|invited|asked|expressed|highlighted)\b"
    r"|, (?:saying|adding|affirming|stressing|noting|pledging|emphasi[sz]ing|underlining)\b|;"
)
_PAST = re.compile(r"\brecalled\b|\bhad (?:reached|agreed)\b")

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
    r"|(?:further )?(?:bring|inject|usher|open (?:up )?(?:a )?new|mark|add new|create new"
    r"|give (?:a )?(?:new |fresh |strong )?(?:impetus|boost|momentum)|be an? \w+ (?:milestone"
    r"|success|opportunity)|become)\b)"
)
# `will` after an event: `the visit will`, `the talks this week will`.
_EVENT_BEFORE = re.compile(
    r"\b(?:visit|trip|tour|talks|meeting|meetings|summit|conference|ceremony|event|session"
    r"|forum|delegation|stay|journey|itinerary|programme|program|agenda|exhibition|festival"
    r"|dialogue|consultations?|agreement|deal|pact|treaty|accord|relationship|relations|ties"
    r"|friendship)(?: (?!and\b|but\b|or\b|with\b)[\w-]+){0,4} $"
)
_EVENT_REACH = 40
"""How far back an event noun may stand from its `will`, in characters."""


class _Cues:
    """A list of cues, found fast. Every cue starts a word, so the cues are tried at
    word starts only (`\\b(?=\\w)` fails at once elsewhere), and inside a lookahead, so
    that a long cue (`considered ... top priority`) hides no cue that starts within it."""

    def __init__(self, cues: tuple[tuple[str, str], ...]) -> None:
        alternatives = "|".join(f"(?P<c{index}>{cue})" for index, (_, cue) in enumerate(cues))
        self.cues = re.compile(rf"\b(?=\w)(?=(?:{alternatives}))")
        self.kinds = [kind for kind, _ in cues]

    def finditer(self, folded: str) -> Iterator[tuple[str, int]]:
        """`(kind, offset)` of each cue in `folded`, in reading order."""
        for match in self.cues.finditer(folded):
            yield self.kinds[int((match.lastgroup or "c0")[1:])], match.start()


_STRONG_CUES = _Cues(_STRONG)
_SOFT_CUES = _Cues(_SOFT)
LEAD_CLAUSE = re.compile(
    r"(?:(?:\w+ly\s+)?\w+ing\b|At|In|On|Under|Regarding|To|After|Following|During|As|With|"
    r"Amid|Furthermore|Moreover|Meanwhile|Accordingly|Additionally|Besides|Also)\b[^,]*,\s+"
)


class _Scope:
    """Where phrases that govern what follows them (`thanked`, `believes`) hold sway:
    from each one to the next new clause. Asked about cues in reading order, it reads
    the sentence once, however many cues and governing phrases it holds."""

    def __init__(self, governing: re.Pattern[str], folded: str, start: int) -> None:
        self.opens = [m.start() for m in governing.finditer(folded, start)]
        self.closes = [m.span() for m in _NEW_CLAUSE.finditer(folded, start)] if self.opens else []
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


def _strong(folded: str, lead_end: int) -> tuple[str, int] | None:
    """The first strong cue that no thanks or greeting governs."""
    greeting = _Scope(_GREETING, folded, lead_end)
    for kind, at in _STRONG_CUES.finditer(folded):
        if not greeting.covers(at):
            return kind, at
    return None


def classify(sentence: str, folded: str | None = None) -> tuple[str, int] | None:
    """The kind of commitment `sentence` carries and where its cue starts, or `None`.
    `folded` is `fold(sentence)`, when the caller has it already."""
    folded = fold(sentence) if folded is None else folded
    if _PAST.search(folded):
        return None
    # A leading clause ("Congratulating China ..., Lâm reaffirmed") governs nothing.
    lead = LEAD_CLAUSE.match(sentence)
    lead_end = lead.end() if lead else 0
    if (strong := _strong(folded, lead_end)) is not None:
        return strong
    governed = _Scope(_GOVERNED, folded, lead_end)
    predicted = _Scope(_PREDICTION, folded, lead_end)
    for kind, at in _SOFT_CUES.finditer(folded):
        if governed.covers(at):
            continue
        if _EVENT_BEFORE.search(folded, max(0, at - _EVENT_REACH), at) is not None:
            continue  # `the visit will`, `any agreement will need to`
        is_will = kind == "pledge" and folded.startswith("w", at)  # will, would
        if is_will and (predicted.covers(at) or _NOT_A_PLEDGE.match(folded, at) is not None):
            continue
        return kind, at
    return None
