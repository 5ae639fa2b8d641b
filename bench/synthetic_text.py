"""Sentences and articles of the synthetic corpus: readout-like templates (X held talks
with Y; the two sides agreed to...; X proposed...; both leaders welcomed...) filled from
the made-up world, mixed with the seeds' own sentences, varied."""

from __future__ import annotations

import datetime as dt
import json
import random
import string
from collections.abc import Callable

from bench.synthetic_words import (
    COUNTRIES,
    FIELDS,
    MONTHS,
    SOURCES,
    WEEKDAYS,
    Person,
    World,
)

OPENINGS = (
    "{A_title} {A} held talks with {B_title} {B} in {city} on {weekday}.",
    "{A_title} {A} received {B_title} {B} in {city} on {weekday}, on the occasion of the "
    "latter's official visit to {cA}.",
    "{A_title} {A} held phone talks with {B_title} {B} on {weekday} on the occasion of the "
    "{ord} anniversary of diplomatic relations between {cA} and {cB}.",
    "{A_title} of {cA} {A} met {B_title} of {cB} {B} on the sidelines of the {org} summit in "
    "{city} on {date}.",
    "{B_title} {B} paid an official visit to {cA} from {date} at the invitation of {A_title} {A}.",
)
BODY = (
    "The two sides agreed to {verb} cooperation in {f1}, {f2} and {w1} {w2}.",
    "{As} proposed that the two countries {verb} {f1} links and jointly develop the {W1} {w2} "
    "project.",
    "Both leaders welcomed the {adj} progress in {f1} and {f2}, noting that bilateral trade "
    "reached {money} in {year}.",
    "{Bs} said {cB} is ready to work with {cA} to {verb} the {w1} {w2} and expand {f1}.",
    "The two sides signed {n} cooperation documents on {f1}, {f2}, {w1} and {w2}.",
    "{As} affirmed that {cA} always considers {cB} a {adj} partner and a top priority in its "
    "foreign policy.",
    "On this occasion, {As} invited {B} to visit {cA} at a convenient time, and {Bs} accepted "
    "the invitation with pleasure.",
    "They exchanged views on regional and international issues of mutual concern, including "
    "the {W1} Sea, {org} and {w1} {w2}.",
    "{cA_adj} investment in {cB} totalled {money} across {n} projects by the end of {month} "
    "{year}.",
    "{Bs} thanked {As} for the warm welcome and congratulated {cA} on its achievements in {f1} "
    "and {w1}.",
    "The leaders agreed to upgrade relations to a {adj} strategic partnership by {year}.",
    "{As} called on {cB_adj} businesses to invest in {w1} {w2}, {f1} and high-quality {w3} in "
    "{place}.",
    "According to {source}, the meeting in {place} on {date} discussed the {W1} {w2} "
    "initiative and the {w3} {w4} mechanism.",
    "Both sides pledged to settle disputes in the {W1} area by peaceful means, in line with "
    "international law, including UNCLOS.",
    "The {W1} {w2} fund, worth {money}, will support {n} {w3} projects in {place} from {year}.",
    "{Bs} noted that {pct} per cent of {cB_adj} exports of {w1} and {w2} go to {cA}.",
    "{As} suggested the two sides hold the {ord} meeting of the {W1} Joint Committee in "
    "{city} in {month}.",
    "{org} will host a forum on {w1} {f1} in {city} on {date}.",
    "He highlighted the role of {w1} {w2} and {w3} in the {adj} development of both countries.",
    '"We will {verb} {f1} and {w1} together," {As} said.',
    "Earlier on {weekday}, {B} laid a wreath at the {W1} Memorial and visited the {W2} {w3} "
    "park in {place}.",
    "{P_title} {P}, {Q_title} {Q} and {R} also attended the talks.",
    "The delegation included {P}, {Q} and representatives of {org}.",
    "{Bs} stressed that {cB} wishes to {verb} {w1} with {cA} and learn from its experience in "
    "{w2} {w3}.",
    "The two sides will {verb} {w1}, {w2} and {w3} and facilitate the export of {w4} from {place}.",
    "{As} expressed his hope that {cB} will open its market wider to {cA_adj} {w1} and {w2}.",
    "The two leaders witnessed the signing of a memorandum on {w1} {f1} between {org} and the "
    "{W2} {W3} Company.",
    "{P_title} {P} briefed the meeting on the {W1} {w2} plan for {year_range}.",
    "The talks took place in a {adj} and {adj2} atmosphere.",
)
VERBS = ("strengthen", "deepen", "boost", "enhance", "promote", "expand", "accelerate",
         "facilitate", "diversify", "consolidate")  # fmt: skip
ADJECTIVES = ("comprehensive", "substantive", "positive", "effective", "sincere", "friendly",
              "remarkable", "steady", "practical", "long-term", "reliable")  # fmt: skip
ORDINALS = ("5th", "10th", "15th", "20th", "25th", "30th", "35th", "40th", "50th", "60th", "75th")
SEED_NAMES = (("Tô Lâm", "A"), ("Xi Jinping", "B"), ("Lâm", "As"), ("Xi", "Bs"))
SEED_COUNTRIES = (("Việt Nam", "cA"), ("China", "cB"))
SEED_SHARE = 0.3
"""Of the sentences, the share taken from the seeds (varied) rather than a template."""
HEADLINES = (
    "{A} holds talks with {B}",
    "{A} holds talks with {B} during official visit",
    "{A} holds phone talks with {B}",
    "{A} holds talks with {B} on summit sidelines",
    "{A} holds talks with {B} during official visit",
)
"""The front matter's title for each opening, naming the same kind of contact."""

Fields = dict[str, str]


def _fields(template: str) -> tuple[str, ...]:
    return tuple(name for _, name, _, _ in string.Formatter().parse(template) if name)


TEMPLATES = tuple((template, _fields(template)) for template in OPENINGS + BODY)


class Writer:
    """Makes the sentences of one article, from its own random stream."""

    def __init__(self, world: World, rng: random.Random, date: dt.date) -> None:
        self.world = world
        self.rng = rng
        self.date = date
        host, guest = rng.sample(world.people, 2)
        self.base = self._people(host, guest)
        self.topic = self._draw(4)  # words this article keeps coming back to
        self.words: list[str] = []
        self.opening = 0  # which of OPENINGS began it

    def _people(self, host: Person, guest: Person) -> Fields:
        rng = self.rng
        country_a, adjective_a = COUNTRIES[host.country]
        country_b, adjective_b = COUNTRIES[guest.country]
        if country_a == country_b:
            country_b, adjective_b = rng.choice(COUNTRIES)
        fields = {
            "A": host.name, "A_title": host.title, "As": host.short, "B": guest.name,
            "B_title": guest.title, "Bs": guest.short, "cA": country_a, "cA_adj": adjective_a,
            "cB": country_b, "cB_adj": adjective_b, "city": rng.choice(self.world.places[:66]),
        }  # fmt: skip
        for key in ("P", "Q", "R"):
            person = rng.choice(self.world.people)
            fields[key], fields[f"{key}_title"] = person.name, person.title
        return fields

    def _draw(self, count: int) -> list[str]:
        world = self.world
        return self.rng.choices(world.words, cum_weights=world.cumulative, k=count)

    def _word(self) -> str:
        if not self.words:
            self.words = self._draw(64)
        if self.rng.random() < 0.3:
            return self.rng.choice(self.topic)
        return self.words.pop()

    def _value(self, name: str) -> str:
        rng = self.rng
        maker = MAKERS.get(name)
        if maker is not None:
            return maker(self)
        if name[0] == "w":
            return self._word()
        if name[0] == "W":
            return self._word().capitalize()
        if name[0] == "f":
            return rng.choice(FIELDS)
        return rng.choice(ADJECTIVES) if name.startswith("adj") else self.base[name]

    def templated(self, opening: bool) -> str:
        rng = self.rng
        index = (
            rng.randrange(len(OPENINGS))
            if opening
            else rng.randrange(len(OPENINGS), len(TEMPLATES))
        )
        if opening:
            self.opening = index
        template, names = TEMPLATES[index]
        return template.format_map({name: self._value(name) for name in names})

    def seeded(self, sentence: str) -> str:
        """A seed sentence with this article's people and countries, and a few of its
        longer words swapped for pseudo-words."""
        for old, key in SEED_NAMES + SEED_COUNTRIES:
            if old in sentence:
                sentence = sentence.replace(old, self.base[key])
        words = sentence.split(" ")
        for index in range(len(words)):
            word = words[index]
            if len(word) > 7 and word.isalpha() and word.islower() and self.rng.random() < 0.15:
                words[index] = self._word()
        return " ".join(words)


def _money(writer: Writer) -> str:
    rng = writer.rng
    unit = rng.choice(("million", "billion"))
    return f"{rng.choice(('USD', 'US$', 'EUR', 'VNĐ'))} {rng.randint(1, 999) / 10:.1f} {unit}"


def _date(writer: Writer) -> str:
    day = writer.date + dt.timedelta(days=writer.rng.randrange(-30, 60))
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


MAKERS: dict[str, Callable[[Writer], str]] = {
    "money": _money,
    "date": _date,
    "year": lambda w: str(w.date.year + w.rng.randrange(-3, 6)),
    "year_range": lambda w: f"{w.date.year}-{w.date.year + w.rng.choice((2, 3, 5, 10))}",
    "n": lambda w: str(w.rng.randint(2, 40)),
    "pct": lambda w: f"{w.rng.randint(1, 95)}.{w.rng.randrange(10)}",
    "ord": lambda w: w.rng.choice(ORDINALS),
    "month": lambda w: w.rng.choice(MONTHS),
    "weekday": lambda w: w.rng.choice(WEEKDAYS),
    "verb": lambda w: w.rng.choice(VERBS),
    "org": lambda w: w.rng.choice(w.world.organisations),
    "place": lambda w: w.rng.choice(w.world.places),
    "source": lambda w: w.rng.choice(SOURCES),
}


Partner = tuple[Fields, str, int]
"""What the other side's report of an event shares with it: the people (the fields
of `Writer.base`), the opening sentence and which opening it is."""


def partner_of(world: World, rng: random.Random, date: dt.date) -> Partner:
    """The people and the opening of the article written from `rng` and `date` (its
    random stream replayed up to its opening)."""
    writer = Writer(world, rng, date)
    opening = writer.templated(opening=True)
    return writer.base, opening, writer.opening


def body(
    world: World, rng: random.Random, date: dt.date, seeds: list[str], partner: Partner | None
) -> tuple[str, Writer]:
    """An article's paragraphs (300 to 900 words) and its writer (the fields naming
    its people, its opening); with `partner`, the other side's report of its event."""
    writer = Writer(world, rng, date)
    if partner is None:
        paragraphs = [writer.templated(opening=True)]
    else:
        fields, opening, writer.opening = partner
        writer.base = {**fields, "A": fields["B"], "B": fields["A"]}
        paragraphs = [opening]
    target = int(rng.triangular(300, 900, 500))
    words = len(paragraphs[0].split())
    while words < target:
        sentences = []
        for _ in range(rng.choice((1, 1, 2, 2, 2, 3))):
            if rng.random() < SEED_SHARE:
                sentences.append(writer.seeded(rng.choice(seeds)))
            else:
                sentences.append(writer.templated(opening=False))
        paragraph = " ".join(sentences)
        words += paragraph.count(" ") + 1
        paragraphs.append(paragraph)
    if rng.random() < 0.6:
        paragraphs[0] = f"{writer.base['city'].upper()} — {paragraphs[0]}"
    if rng.random() < 0.5:
        paragraphs[-1] = f"{paragraphs[-1]} — {rng.choice(SOURCES)}"
    return "\n\n".join(paragraphs), writer


def article_file(
    world: World,
    rng: random.Random,
    date: dt.date,
    seeds: list[str],
    partner: Partner | None = None,
) -> tuple[str, str]:
    """(suffix, text) of one readout: the bundled date line or YAML front matter."""
    text, writer = body(world, rng, date, seeds, partner)
    if rng.random() < 0.5:
        return ".txt", f"date {date.isoformat()}\n{text}\n"
    title = HEADLINES[writer.opening].format_map(writer.base)
    source = rng.choice(SOURCES)
    header = f"---\ndate: {date.isoformat()}\ntitle: {json.dumps(title, ensure_ascii=False)}\n"
    return ".md", f"{header}source: {source}\n---\n{text}\n"
