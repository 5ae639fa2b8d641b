"""Measuring extraction against a hand annotation (the gold files under tests/data).

A gold file maps article ids to `leaders` (canonical name -> the spellings that name
them there) and `commitments` (the start of each commitment sentence, its kind, its
actors, and `borderline: true` where careful readers would disagree: such a sentence
counts neither as missed nor as extra). The people of an article are scored as a set
of canonical names (who is there) and as mentions (every place they are named). The
test suite, `make bench` and `python -m bench.wire` report these figures.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from typing import Any

from tui.core.corpus import Article, Corpus, front_matter_title
from tui.core.extract import Commitment, Extraction
from tui.core.text import Passage, fold

__all__ = ["MetadataScore", "Score", "gold_mentions", "score", "score_metadata"]


@dataclass(frozen=True, slots=True)
class Score:
    """Counts and rates for leader mentions and commitment sentences."""

    mentions_found: int
    mentions_gold: int
    mentions_right: int
    commitments_found: int
    commitments_gold: int
    commitments_right: int
    kinds_right: int
    actors_right: int
    misses: tuple[str, ...]
    """One line per disagreement, to read when a figure drops."""
    people_found: int = 0
    people_gold: int = 0
    people_right: int = 0

    @staticmethod
    def _ratio(part: int, whole: int) -> float:
        return part / whole if whole else 1.0

    @property
    def mention_precision(self) -> float:
        return self._ratio(self.mentions_right, self.mentions_found)

    @property
    def mention_recall(self) -> float:
        return self._ratio(self.mentions_right, self.mentions_gold)

    @property
    def people_precision(self) -> float:
        """Right people among those found, an article at a time."""
        return self._ratio(self.people_right, self.people_found)

    @property
    def people_recall(self) -> float:
        return self._ratio(self.people_right, self.people_gold)

    @property
    def commitment_precision(self) -> float:
        return self._ratio(self.commitments_right, self.commitments_found)

    @property
    def commitment_recall(self) -> float:
        return self._ratio(self.commitments_right, self.commitments_gold)

    @property
    def commitment_f1(self) -> float:
        p, r = self.commitment_precision, self.commitment_recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def kind_accuracy(self) -> float:
        """Right kind, among the commitments found that are in the gold."""
        return self._ratio(self.kinds_right, self.commitments_right)

    @property
    def actor_accuracy(self) -> float:
        """Right actors, among the commitments found that are in the gold."""
        return self._ratio(self.actors_right, self.commitments_right)

    def __add__(self, other: Score) -> Score:
        def both(name: str) -> int:
            return int(getattr(self, name)) + int(getattr(other, name))

        counts = {f.name: both(f.name) for f in fields(self) if f.name != "misses"}
        return Score(**counts, misses=self.misses + other.misses)

    def report(self) -> str:
        """The figures, one line each."""
        return "\n".join(
            [
                f"leader people     precision {self.people_precision:.3f}  "
                f"recall {self.people_recall:.3f}  ({self.people_right} right of "
                f"{self.people_found} found, {self.people_gold} in gold)",
                f"leader mentions   precision {self.mention_precision:.3f}  "
                f"recall {self.mention_recall:.3f}  ({self.mentions_right} right of "
                f"{self.mentions_found} found, {self.mentions_gold} in gold)",
                f"commitments       precision {self.commitment_precision:.3f}  "
                f"recall {self.commitment_recall:.3f}  F1 {self.commitment_f1:.3f}  "
                f"({self.commitments_right} right of {self.commitments_found} found, "
                f"{self.commitments_gold} in gold)",
                f"kinds right       {self.kind_accuracy:.3f}",
                f"actors right      {self.actor_accuracy:.3f}",
            ]
        )


def gold_mentions(text: str, spellings: Mapping[str, list[str]]) -> set[tuple[str, int, int]]:
    """`(name, start, end)` for every whole-word occurrence of each spelling, longest
    spellings first so `Lâm` inside `Tô Lâm` is not counted twice."""
    ordered = sorted(
        ((spelling, name) for name, forms in spellings.items() for spelling in forms),
        key=lambda pair: -len(pair[0]),
    )
    taken: list[tuple[int, int]] = []
    found: set[tuple[str, int, int]] = set()
    for spelling, name in ordered:
        for match in re.finditer(rf"(?<!\w){re.escape(spelling)}(?!\w)", text):
            start, end = match.span()
            if not any(a < end and start < b for a, b in taken):
                taken.append((start, end))
                found.add((name, start, end))
    return found


def _sentence_start(
    text: str, passages: tuple[Passage | Commitment, ...], prefix: str
) -> int | None:
    """Where the sentence a gold prefix names starts: the passage that starts with it,
    else the one holding it (a sentence that wrongly took in a dateline is still the
    sentence the gold means; the dateline is scored on its own)."""
    start = next((p.start for p in passages if p.text.startswith(prefix)), None)
    if start is not None:
        return start
    at = text.find(prefix)
    holding = (p.start for p in passages if at >= 0 and p.start <= at < p.end)
    return min(holding, default=None)


def _score_article(article: Article, extraction: Extraction, truth: Mapping[str, Any]) -> Score:
    expected = gold_mentions(article.text, truth.get("leaders", {}))
    got = {(leader.name, m.start, m.end) for leader in extraction.leaders for m in leader.mentions}
    misses = [f"{article.id}: extra mention {m}" for m in sorted(got - expected)]
    misses += [f"{article.id}: missed mention {m}" for m in sorted(expected - got)]
    people = {leader.name for leader in extraction.leaders}
    gold_people = set(truth.get("leaders", {}))
    misses += [f"{article.id}: extra person {name!r}" for name in sorted(people - gold_people)]
    misses += [f"{article.id}: missed person {name!r}" for name in sorted(gold_people - people)]
    wanted: dict[int, Mapping[str, Any]] = {}
    borderline: set[int] = set()
    passages: tuple[Passage | Commitment, ...] = (*article.sentences, *extraction.commitments)
    for item in truth.get("commitments", []):
        start = _sentence_start(article.text, passages, item["sentence"])
        if start is None:
            raise KeyError(f"{article.id}: no sentence starts {item['sentence']!r}")
        if item.get("borderline"):
            borderline.add(start)
        else:
            wanted[start] = item
    right = kinds = actors = found = 0
    for commitment in extraction.commitments:
        if commitment.start in borderline:
            continue
        found += 1
        item = wanted.pop(commitment.start, None)
        if item is None:
            misses.append(f"{article.id}: extra commitment {commitment.text[:60]!r}")
            continue
        right += 1
        kinds += commitment.kind == item["kind"]
        actors += list(commitment.actors) == item["actors"]
        if (commitment.kind, list(commitment.actors)) != (item["kind"], item["actors"]):
            misses.append(
                f"{article.id}: {commitment.kind} {list(commitment.actors)} where gold has "
                f"{item['kind']} {item['actors']}: {commitment.text[:50]!r}"
            )
    misses += [f"{article.id}: missed commitment {i['sentence']!r}" for i in wanted.values()]
    return Score(
        len(got), len(expected), len(got & expected),
        found, right + len(wanted), right, kinds, actors, tuple(misses),
        len(people), len(gold_people), len(people & gold_people),
    )  # fmt: skip


def score(corpus: Corpus, extractions: Mapping[str, Extraction], gold: Mapping[str, Any]) -> Score:
    """Compare `extractions` of `corpus` with `gold` (see the module docstring)."""
    total = Score(0, 0, 0, 0, 0, 0, 0, 0, ())
    for article_id, truth in gold.items():
        article = corpus.get(article_id)
        if article is None:
            raise KeyError(f"gold names an article the corpus does not have: {article_id}")
        total = total + _score_article(article, extractions[article.id], truth)
    return total


@dataclass(frozen=True, slots=True)
class MetadataScore:
    """Datelines, credits, kinds of contact and titles, counted over the articles whose
    gold names them (`place`, `source`, `contact`, `principals`)."""

    places: tuple[int, int]
    sources: tuple[int, int]
    contacts: tuple[int, int]
    titles: tuple[int, int]
    """`(right, in gold)` each."""
    misses: tuple[str, ...]

    def report(self) -> str:
        """The figures, one line each."""

        def line(label: str, pair: tuple[int, int]) -> str:
            right, whole = pair
            rate = right / whole if whole else 1.0
            return f"{label:<18}{rate:.3f}  ({right} of {whole})"

        return "\n".join(
            [
                line("place right", self.places),
                line("source right", self.sources),
                line("contact right", self.contacts),
                line("titles tell apart", self.titles),
            ]
        )


_NOT_A_TITLE = re.compile(
    r"\((?:Xinhua|VNA|AFP|AP|Reuters|Kyodo|Bernama)\)|--|attributable to", re.I
)


def _same_credit(found: str | None, gold: str | None) -> bool:
    """Whether two places or sources agree: case, diacritics and spaces aside (`HANOI`
    is `Hà Nội`), and `VNA/VNS` agreeing with `VNA`."""
    if found is None or gold is None:
        return found is None and gold is None
    a, b = ("".join(fold(value).split()) for value in (found, gold))
    return a == b or a.split("/")[0] == b.split("/")[0]


def _names_principals(article: Article, truth: Mapping[str, Any]) -> bool:
    title = fold(article.title)
    spellings: Mapping[str, list[str]] = truth.get("leaders", {})
    return all(
        any(fold(form) in title for form in (name, *spellings.get(name, [])))
        for name in truth.get("principals", [])
    )


def _titled_by_author(article: Article) -> bool:
    """Whether the article's title is its front matter's, used as written (whatever it
    names), rather than a headline readout made."""
    try:
        title = front_matter_title(article.file.read_text("utf-8", errors="replace"))
    except OSError:
        return False
    return bool(title) and title == article.title


def score_metadata(
    corpus: Corpus,
    gold: Mapping[str, Any],
    contact_of: Callable[[Article], str] | None = None,
) -> MetadataScore:
    """Compare each article's place, source, kind of contact (`contact_of`, when given)
    and title with `gold`. A title tells its article apart when no other article of
    the corpus has the same date and title, it holds no wire furniture (dateline
    agency, `--`, "attributable to"), and it names every principal, unless it is the
    title the article's own front matter gives (used as written, by design)."""
    counts = {"places": [0, 0], "sources": [0, 0], "contacts": [0, 0], "titles": [0, 0]}
    misses: list[str] = []
    seen = Counter((a.date, a.title) for a in corpus.articles)

    def check(key: str, right: bool, article_id: str, found: object, wanted: object) -> None:
        counts[key][0] += right
        counts[key][1] += 1
        if not right:
            misses.append(f"{article_id}: {key[:-1]} {found!r} where gold has {wanted!r}")

    for article_id, truth in gold.items():
        article = corpus.get(article_id)
        if article is None:
            raise KeyError(f"gold names an article the corpus does not have: {article_id}")
        if "place" in truth:
            right = _same_credit(article.place, truth["place"])
            check("places", right, article_id, article.place, truth["place"])
        if "source" in truth:
            right = _same_credit(article.source, truth["source"])
            check("sources", right, article_id, article.source, truth["source"])
        if "contact" in truth and contact_of is not None:
            contact = contact_of(article)
            check("contacts", contact == truth["contact"], article_id, contact, truth["contact"])
        if "principals" in truth:
            apart = seen[(article.date, article.title)] == 1
            clean = _NOT_A_TITLE.search(article.title) is None
            named = _names_principals(article, truth) or _titled_by_author(article)
            right = apart and clean and named
            check("titles", right, article_id, article.title, truth["principals"])
    pairs = {key: (right, whole) for key, (right, whole) in counts.items()}
    return MetadataScore(**pairs, misses=tuple(misses))
