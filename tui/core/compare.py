"""Two readouts side by side: what both report, what only one does (`readout compare`).

    comparison = compare(first, second, extractions, aligner, lexicon)
    comparison.as_dict()   # {"first", "second", "both", "only_first", "only_second", ...}
    comparison.rows()      # in reading order, for a side-by-side view

The sentences (or clauses) are aligned by `tui.core.align`; each one carries the
commitments extracted in it and its topics. For each commitment the comparison says
whether the other readout reports it and, where that readout's matching piece holds
a commitment too, with which actors and kind ("Xi said" against "both sides agreed").
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from tui.core.align import Aligner, Alignment, Frequencies
from tui.core.corpus import Article
from tui.core.events import Event, Report
from tui.core.extract import Commitment, Extraction
from tui.core.extract.lexicon import Lexicon
from tui.core.extract.topics import topics_of
from tui.core.query import search_fold
from tui.core.synonyms import Synonyms
from tui.core.terms import TermMaker, paraphrase_groups
from tui.core.text import Passage

__all__ = [
    "Comparison",
    "Item",
    "Pair",
    "Reported",
    "Row",
    "Side",
    "compare",
    "counterpart",
    "event_pair",
    "leader_names",
    "term_maker",
]


@dataclass(frozen=True, slots=True)
class Side:
    """Which article a side of the comparison is."""

    id: str
    title: str
    date: dt.date | None
    source: str | None

    def as_dict(self) -> dict[str, object]:
        date = self.date.isoformat() if self.date else None
        return {"id": self.id, "title": self.title, "date": date, "source": self.source}


@dataclass(frozen=True, slots=True)
class Reported:
    """One commitment of a piece, and how the other readout reports it: `reported`
    when the piece has a match there; `actors`/`kind` of the commitment found in that
    match (empty/`None` when it is there as a sentence but not as a commitment)."""

    commitment: Commitment
    reported: bool
    actors: tuple[str, ...] = ()
    kind: str | None = None

    def as_dict(self) -> dict[str, object]:
        other: dict[str, object] = {"reported": self.reported}
        if self.kind is not None:
            other |= {"actors": list(self.actors), "kind": self.kind}
        return {**self.commitment.as_dict(), "other_side": other}


_ADJACENT = 3
"""Two pieces this many characters apart or fewer follow each other (spaces, a
paragraph break): no sentence fits between them."""


@dataclass(frozen=True, slots=True)
class Item:
    """A sentence or clause (or several, for a pair that needs them) of one side."""

    pieces: tuple[Passage, ...]
    commitments: tuple[Reported, ...]
    topics: tuple[str, ...]

    @property
    def start(self) -> int:
        return self.pieces[0].start

    @property
    def end(self) -> int:
        return self.pieces[-1].end

    @property
    def text(self) -> str:
        """The pieces' text: a space between pieces that follow each other in the
        article (clauses of one sentence, or sentences), ` … ` where text between
        them is left out, so that no quote runs over what it skips."""
        said = self.pieces[0].text if self.pieces else ""
        for before, piece in itertools.pairwise(self.pieces):
            said += (" " if piece.start - before.end <= _ADJACENT else " … ") + piece.text
        return said

    def as_dict(self) -> dict[str, object]:
        return {
            "sentences": [piece.as_dict() for piece in self.pieces],
            "start": self.start,
            "end": self.end,
            "commitments": [reported.as_dict() for reported in self.commitments],
            "topics": list(self.topics),
        }


@dataclass(frozen=True, slots=True)
class Pair:
    """What both report: the first's piece(s), the second's, their similarity."""

    first: Item
    second: Item
    similarity: float

    def as_dict(self) -> dict[str, object]:
        return {
            "first": self.first.as_dict(),
            "second": self.second.as_dict(),
            "similarity": self.similarity,
        }


@dataclass(frozen=True, slots=True)
class Row:
    """A line of the side-by-side view: both cells, or one and an empty one."""

    first: Item | None
    second: Item | None
    similarity: float | None = None

    @property
    def is_difference(self) -> bool:
        return self.first is None or self.second is None


@dataclass(frozen=True, slots=True)
class Comparison:
    """The alignment of two readouts (see the module's docstring)."""

    first: Side
    second: Side
    both: tuple[Pair, ...]
    only_first: tuple[Item, ...]
    only_second: tuple[Item, ...]

    @property
    def topics_only_first(self) -> tuple[str, ...]:
        return _topics_only(self._items(0), self._items(1))

    @property
    def topics_only_second(self) -> tuple[str, ...]:
        return _topics_only(self._items(1), self._items(0))

    def _items(self, side: int) -> list[Item]:
        paired = [pair.first if side == 0 else pair.second for pair in self.both]
        return [*paired, *(self.only_first if side == 0 else self.only_second)]

    def rows(self) -> list[Row]:
        """Every pair and lone piece in the first's reading order; a piece only the
        second has comes after the row holding the second's piece before it."""
        rows = [Row(p.first, p.second, p.similarity) for p in self.both]
        rows += [Row(item, None) for item in self.only_first]
        rows.sort(key=lambda row: row.first.start if row.first else 0)
        for item in sorted(self.only_second, key=lambda item: item.start):
            after = [
                at
                for at, row in enumerate(rows)
                if row.second is not None and row.second.start < item.start
            ]
            place = max(after, key=lambda at: _start(rows[at].second)) + 1 if after else 0
            rows.insert(place, Row(None, item))
        return rows

    def summary(self) -> str:
        """`n pairs, n only in the first, n only in the second` and lone topics."""
        pairs = len(self.both)
        said = (
            f"{pairs} {'pair' if pairs == 1 else 'pairs'}, {len(self.only_first)} only in the"
            f" first, {len(self.only_second)} only in the second"
        )
        for label, topics in (
            ("first", self.topics_only_first),
            ("second", self.topics_only_second),
        ):
            if topics:
                said += f"; topics only in the {label}: {', '.join(topics)}"
        return said

    def as_dict(self) -> dict[str, object]:
        return {
            "first": self.first.as_dict(),
            "second": self.second.as_dict(),
            "both": [pair.as_dict() for pair in self.both],
            "only_first": [item.as_dict() for item in self.only_first],
            "only_second": [item.as_dict() for item in self.only_second],
            "topics_only_first": list(self.topics_only_first),
            "topics_only_second": list(self.topics_only_second),
        }


def _start(item: Item | None) -> int:
    return item.start if item else -1


def _topics_only(mine: list[Item], theirs: list[Item]) -> tuple[str, ...]:
    other = {topic for item in theirs for topic in item.topics}
    seen = dict.fromkeys(topic for item in mine for topic in item.topics)
    return tuple(topic for topic in seen if topic not in other)


def counterpart(event: Event, article_id: str) -> str | None:
    """The report of `event` to compare `article_id` with: the first naming the same
    leaders (not a report of one of them at a summit the same week), of another side
    (the other country's readout), else of its side; else the first other report;
    `None` when the event has no other report."""
    mine = next((r for r in event.reports if r.id == article_id), None)
    others = [r for r in event.reports if r.id != article_id]
    if mine is None or not others:
        return None
    return min(
        others,
        key=lambda r: (not _same_leaders(mine, r), not (r.side and r.side != mine.side)),
    ).id


def _same_leaders(one: Report, other: Report) -> bool:
    """Two of the leaders `one` names, or all of them where it names fewer."""
    shared = set(one.leaders) & set(other.leaders)
    if len(one.leaders) >= 2:
        return len(shared) >= 2
    return set(one.leaders) == set(other.leaders)


def event_pair(event: Event) -> tuple[str, str] | None:
    """The two reports of `event` to compare: its first report naming two leaders
    (else its first) and that one's `counterpart`; `None` for an event only one
    article reports."""
    if not event.reports:
        return None
    first = next((r.id for r in event.reports if len(r.leaders) >= 2), event.reports[0].id)
    other = counterpart(event, first)
    return None if other is None else (first, other)


def side_of(article: Article) -> Side:
    return Side(article.id, article.title, article.date, article.source)


def compare(
    first: Article,
    second: Article,
    extractions: Mapping[str, Extraction],
    frequencies: Frequencies,
    synonyms: Synonyms,
    lexicon: Lexicon,
) -> Comparison:
    """Align `first` and `second` (words weighed by `frequencies`, the corpus's) and
    say what each reports of the other's (`extractions`: by article id)."""
    terms = term_maker(synonyms)
    names = terms.name_terms(leader_names(extractions.get(a.id) for a in (first, second)))
    aligner = Aligner(frequencies, terms, names=names)
    alignment = aligner.align(first.sentences, second.sentences)
    found = [
        tuple(extractions[a.id].commitments) if a.id in extractions else () for a in (first, second)
    ]
    return _comparison(side_of(first), side_of(second), alignment, found, lexicon)


def leader_names(extractions: Iterable[Extraction | None]) -> list[str]:
    """The people `extractions` name, as their gazetteer names them and as each
    article writes them: the names a comparison weighs down (`tui.core.align`)."""
    return [
        name
        for extraction in extractions
        if extraction is not None
        for leader in extraction.leaders
        for name in (leader.name, *(mention.text for mention in leader.mentions))
    ]


@lru_cache(maxsize=4)
def term_maker(synonyms: Synonyms) -> TermMaker:
    """The terms of sentences with the search's `synonyms` and our paraphrases."""
    return TermMaker(synonyms, paraphrase_groups())


def _comparison(
    first: Side,
    second: Side,
    alignment: Alignment,
    commitments: list[tuple[Commitment, ...]],
    lexicon: Lexicon,
) -> Comparison:
    pieces = (alignment.first, alignment.second)

    def item(side: int, indexes: Sequence[int], other: Sequence[int] = ()) -> Item:
        mine = tuple(pieces[side][i] for i in indexes)
        theirs = tuple(pieces[1 - side][j] for j in other)
        return _item(
            mine, commitments[side], theirs if other else None, commitments[1 - side], lexicon
        )

    both = tuple(
        Pair(item(0, p.first, p.second), item(1, p.second, p.first), p.similarity)
        for p in alignment.pairs
    )
    return Comparison(
        first,
        second,
        both,
        tuple(item(0, [i]) for i in alignment.only_first),
        tuple(item(1, [j]) for j in alignment.only_second),
    )


def _item(
    pieces: tuple[Passage, ...],
    commitments: tuple[Commitment, ...],
    match: tuple[Passage, ...] | None,
    other_commitments: tuple[Commitment, ...],
    lexicon: Lexicon,
) -> Item:
    mine = _within(commitments, pieces)
    reports = []
    for commitment in mine:
        if match is None:
            reports.append(Reported(commitment, reported=False))
            continue
        theirs = _within(other_commitments, match)
        found = max(theirs, key=lambda c: _shared_words(commitment, c), default=None)
        reports.append(
            Reported(commitment, True, found.actors if found else (), found.kind if found else None)
        )
    topics = topics_of(" ".join(piece.text for piece in pieces), lexicon)
    return Item(pieces, tuple(reports), topics)


def _shared_words(one: Commitment, other: Commitment) -> int:
    """How many words (folded) two commitments' sentences share: which of the other
    side's commitments in a pair answers this one."""
    return len(set(search_fold(one.text).split()) & set(search_fold(other.text).split()))


def _within(commitments: tuple[Commitment, ...], pieces: tuple[Passage, ...]) -> list[Commitment]:
    """The commitments that overlap any of `pieces`."""
    return [c for c in commitments if any(c.start < p.end and p.start < c.end for p in pieces)]
