"""Fuzzy search over every sentence of a corpus.

Text is folded for matching (case, diacritics, `Đ` to `d`, punctuation to spaces), one
character for one, so every offset found in folded text is an offset into the
article. Finding runs in two stages:

1. An inverted index (numpy arrays of word -> sentences, and of word pairs ->
   sentences) gives every sentence a cheap score: for each query word, the best of
   its exact, prefix (the word being typed) and fuzzy (`rapidfuzz`) spellings in the
   vocabulary, plus a bonus for query words that stand side by side. The best few
   hundred sentences go on.
2. `passage_score` ranks them: an exact phrase above all words present above a fuzzy
   match, then by the best-aligned window (`fuzz.partial_ratio`) and how well each
   word matched; ties go to the newer article.

Synonyms (`tui.core.synonyms`: countries and their adjectives, and the groups of
`config.yaml`) are one word: in the query and in each ranked sentence, a member is
replaced by its group's token, whose span covers the member's words in the text.

`SearchIndex.exhaustive` runs stage 2 alone over every sentence: the simple approach
the benchmark measures the index against.
"""

from __future__ import annotations

import datetime as dt
from array import array
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import count, pairwise, repeat
from typing import ClassVar

import numpy as np
from rapidfuzz import fuzz, process

from tui.core.cancel import ShouldStop, check
from tui.core.corpus import Article, Corpus
from tui.core.query import Query, SearchError, parse_query, search_fold
from tui.core.ranking import fuzzy_cutoff, match_spans, passage_score
from tui.core.synonyms import Synonyms, Token, synonyms
from tui.core.text import Passage

__all__ = [
    "Query",
    "SearchError",
    "SearchHit",
    "SearchIndex",
    "parse_query",
    "passage_score",
    "search_fold",
]

CANDIDATES = 400
"""How many sentences the index hands to the full scorer."""


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One passage that matched, with offsets into its article's normalised text."""

    article_id: str
    date: dt.date | None
    score: float
    text: str
    start: int
    end: int
    matches: tuple[tuple[int, int], ...]

    def as_dict(self) -> dict[str, object]:
        """The JSON shape `readout search --json` prints."""
        return {
            "id": self.article_id,
            "date": self.date.isoformat() if self.date else None,
            "score": round(self.score, 2),
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "matches": [list(span) for span in self.matches],
        }


@dataclass(slots=True)
class _Passages:
    """Every sentence of the corpus, in columns."""

    articles: list[Article] = field(default_factory=list)
    article_of: list[int] = field(default_factory=list)
    sentences: list[Passage] = field(default_factory=list)
    folded: list[str] = field(default_factory=list)


class SearchIndex:
    """Search every sentence of `corpus`. Built once per corpus load; searching is fast
    and never changes it, so a worker thread may search while the app reads."""

    PAIR_BONUS: ClassVar[float] = 0.5

    def __init__(
        self,
        corpus: Corpus,
        progress: Callable[[int, int], None] | None = None,
        *,
        synonyms: Iterable[Sequence[str]] = (),
        should_stop: ShouldStop | None = None,
    ):
        """Index every sentence of `corpus`. `synonyms` are groups of words and
        phrases searched as one, besides the built-in countries; `should_stop` is
        checked between articles (`Cancelled` is raised)."""
        self.corpus = corpus
        self.synonyms: Synonyms = _synonyms(synonyms)
        self._passages = _Passages()
        # A missing word gets the next id, all inside C (`map` over `__getitem__`).
        vocabulary: defaultdict[str, int] = defaultdict(count().__next__)
        # Typed arrays, not lists: millions of words as Python ints would take ~0.5 GiB.
        word_ids = array("q")
        passage_ids = array("i")
        total = len(corpus.articles)
        for number, article in enumerate(corpus.articles):
            check(should_stop)
            self._add_article(number, article, vocabulary, word_ids, passage_ids)
            if progress is not None:
                progress(number + 1, total)
        self._vocabulary = list(vocabulary)
        self._sorted_vocabulary = sorted(vocabulary)
        self._word_id = dict(vocabulary)  # a plain dict: looking a word up must not add it
        self._build_arrays(word_ids, passage_ids)

    def _add_article(
        self,
        number: int,
        article: Article,
        vocabulary: defaultdict[str, int],
        word_ids: array[int],
        passage_ids: array[int],
    ) -> None:
        columns = self._passages
        columns.articles.append(article)
        folded_article = search_fold(article.text)
        for sentence in article.sentences:
            passage = len(columns.sentences)
            folded = folded_article[sentence.start : sentence.end]
            columns.article_of.append(number)
            columns.sentences.append(sentence)
            columns.folded.append(folded)
            words = folded.split()
            word_ids.extend(map(vocabulary.__getitem__, words))
            word_ids.append(-1)  # no word pair across sentences
            passage_ids.extend(repeat(passage, len(words) + 1))

    def _build_arrays(self, word_ids: array[int], passage_ids: array[int]) -> None:
        words = np.frombuffer(word_ids, dtype=np.int64)
        passages = np.frombuffer(passage_ids, dtype=np.int32)
        real = words >= 0
        order = np.argsort(words[real], kind="stable")  # timsort: fast on repeated words
        self._postings = passages[real][order]
        self._bounds = np.searchsorted(words[real][order], np.arange(len(self._vocabulary) + 1))
        pairs = real[:-1] & real[1:]
        keys = words[:-1][pairs] * len(self._vocabulary) + words[1:][pairs]
        pair_order = np.argsort(keys, kind="stable")
        self._pair_keys = keys[pair_order]
        self._pair_passages = passages[:-1][pairs][pair_order]
        count = len(self._passages.sentences)
        self._article_of = np.asarray(self._passages.article_of, dtype=np.int32)
        # Newer articles come first in the corpus: a small bonus breaks ties their way.
        articles = max(len(self._passages.articles), 1)
        self._recency = (articles - self._article_of) / articles * 1e-3
        self._count = count
        self._article_days = np.asarray(
            [a.date.toordinal() if a.date else -1 for a in self._passages.articles], dtype=np.int64
        )

    # Figures for the benchmark ----------------------------------------------------------

    @property
    def sentence_count(self) -> int:
        """How many sentences are indexed."""
        return self._count

    @property
    def array_bytes(self) -> int:
        """Memory held by the index's arrays."""
        arrays = (self._postings, self._bounds, self._pair_keys, self._pair_passages)
        return sum(array.nbytes for array in (*arrays, self._article_of, self._recency))

    # Searching -------------------------------------------------------------------------

    def search(
        self,
        query: str | Query,
        limit: int = 20,
        leaders: Mapping[str, Iterable[str]] | None = None,
    ) -> list[SearchHit]:
        """The best `limit` hits for `query`, best first. `leaders` (article id ->
        leader names) serves `leader:`; without it the article text is searched."""
        parsed = self._as_tokens(parse_query(query) if isinstance(query, str) else query)
        if parsed.is_empty:
            return []
        allowed = self._allowed(parsed, leaders)
        if not parsed.words:
            chosen = np.flatnonzero(allowed)
            return self._ranked(parsed, chosen[: limit * 4], limit)
        cheap = self._cheap_scores(parsed)
        cheap[~allowed] = 0.0
        chosen = np.flatnonzero(cheap > 0)
        if len(chosen) > CANDIDATES:
            keys = cheap[chosen] + self._recency[chosen]
            chosen = chosen[np.argpartition(-keys, CANDIDATES)[:CANDIDATES]]
        return self._ranked(parsed, chosen, limit)

    def exhaustive(
        self,
        query: str | Query,
        limit: int = 20,
        leaders: Mapping[str, Iterable[str]] | None = None,
    ) -> list[SearchHit]:
        """The same ranking over every sentence, with no index: the simple approach."""
        parsed = self._as_tokens(parse_query(query) if isinstance(query, str) else query)
        if parsed.is_empty:
            return []
        allowed = self._allowed(parsed, leaders)
        return self._ranked(parsed, np.flatnonzero(allowed), limit)

    def articles_matching(
        self, query: str | Query, leaders: Mapping[str, Iterable[str]] | None = None
    ) -> list[str]:
        """Ids of the articles with at least one hit for `query`, newest first."""
        hits = self.search(query, limit=CANDIDATES, leaders=leaders)
        return list(dict.fromkeys(hit.article_id for hit in hits))

    def _as_tokens(self, query: Query) -> Query:
        """`query` with every synonym replaced by its group's token."""
        words = self.synonyms.words
        return replace(
            query,
            terms=tuple(words(" ".join(query.terms))),
            exact=tuple(words(" ".join(query.exact))),
            phrases=tuple(" ".join(words(phrase)) for phrase in query.phrases),
            excluded=tuple(words(" ".join(query.excluded))),
        )

    def _postings_of(self, word_id: int) -> np.ndarray:
        return self._postings[self._bounds[word_id] : self._bounds[word_id + 1]]

    def _group_postings(self, token: str) -> np.ndarray:
        """The sentences that may hold a member of the synonym group `token`: those
        with a one-word member, or with every pair of a phrase member's words."""
        found = [np.zeros(0, dtype=np.int32)]
        for member in self.synonyms.groups[token]:
            if any(word not in self._word_id for word in member):
                continue
            if len(member) == 1:
                found.append(self._postings_of(self._word_id[member[0]]))
                continue
            found.append(_intersection([self._pair_postings(a, b) for a, b in pairwise(member)]))
        return np.concatenate(found)

    def _pair_postings(self, first: str, second: str) -> np.ndarray:
        key = self._word_id[first] * len(self._vocabulary) + self._word_id[second]
        low, high = np.searchsorted(self._pair_keys, [key, key + 1])
        return self._pair_passages[low:high]

    def _spellings(self, word: str, *, typing: bool) -> list[tuple[str, float]]:
        """Vocabulary words that may be `word`, with how much each counts (weakest
        first): fuzzy matches, words it begins (while typing), the word itself."""
        found: dict[str, float] = {}
        cutoff = fuzzy_cutoff(word)
        if cutoff is not None:
            for match, similarity, _ in process.extract(
                word, self._vocabulary, scorer=fuzz.ratio, score_cutoff=cutoff, limit=8
            ):
                found[match] = 0.8 * similarity / 100
        if typing and len(word) >= 2:
            start = bisect_left(self._sorted_vocabulary, word)
            for candidate in self._sorted_vocabulary[start : start + 50]:
                if not candidate.startswith(word):
                    break
                found[candidate] = max(found.get(candidate, 0.0), 0.9)
        if word in self._word_id:
            found[word] = 1.0
        return sorted(found.items(), key=lambda item: item[1])

    def _cheap_scores(self, query: Query) -> np.ndarray:
        total = np.zeros(self._count, dtype=np.float64)
        words = query.words
        for index, word in enumerate(words):
            best = np.zeros(self._count, dtype=np.float64)
            for spelling, weight in self._spellings(word, typing=index == len(words) - 1):
                best[self._postings_of(self._word_id[spelling])] = weight
                # A typo of a synonym (`humanistc`) finds its whole group.
                if (group := self.synonyms.members.get((spelling,))) is not None:
                    best[self._group_postings(group)] = weight
            if word in self.synonyms.groups:
                best[self._group_postings(word)] = 1.0
            total += best
        for first, second in pairwise(words):
            if first in self._word_id and second in self._word_id:
                total[self._pair_postings(first, second)] += self.PAIR_BONUS
        return total

    def _allowed(self, query: Query, leaders: Mapping[str, Iterable[str]] | None) -> np.ndarray:
        """Which sentences the operators let through."""
        keep = np.ones(len(self._passages.articles), dtype=bool)
        if query.date_from or query.date_to:
            keep &= self._article_days >= 0  # undated articles have no place in a range
        if query.date_from:
            keep &= self._article_days >= query.date_from.toordinal()
        if query.date_to:
            keep &= self._article_days <= query.date_to.toordinal()
        if query.leader:
            keep &= self._articles_naming(query.leader, leaders)
        allowed = keep[self._article_of]
        for word in query.excluded:
            # A synonym group is left to `passage_score`: a sentence holding the pair
            # `viet nam` may hold it apart ("Viet. Nam") and must not be dropped here.
            if word in self._word_id and word not in self.synonyms.groups:
                allowed[self._postings_of(self._word_id[word])] = False
        for word in query.exact:
            present = np.zeros(self._count, dtype=bool)
            if word in self.synonyms.groups:
                present[self._group_postings(word)] = True
            elif word in self._word_id:
                present[self._postings_of(self._word_id[word])] = True
            allowed &= present
        return allowed

    def _articles_naming(
        self, wanted: str, leaders: Mapping[str, Iterable[str]] | None
    ) -> np.ndarray:
        """Which articles name the leader `wanted` (folded): by the extracted leaders'
        names when given, else by every word of `wanted` occurring in the article."""
        articles = self._passages.articles
        if leaders is not None:

            def names(article: Article) -> bool:
                return any(
                    wanted in folded or any(part.startswith(wanted) for part in folded.split())
                    for folded in map(search_fold, leaders.get(article.id, ()))
                )

            return np.fromiter(map(names, articles), dtype=bool, count=len(articles))
        naming = np.ones(len(articles), dtype=bool)
        for word in wanted.split():
            present = np.zeros(len(articles), dtype=bool)
            if word in self._word_id:
                present[self._article_of[self._postings_of(self._word_id[word])]] = True
            naming &= present
        return naming

    def _tokens(self, passage: int) -> list[Token]:
        """A sentence's words as search sees them, synonyms as their groups' tokens."""
        sentence = self._passages.sentences[passage]
        return self.synonyms.tokens(self._passages.folded[passage], sentence.text)

    def _ranked(self, query: Query, chosen: np.ndarray, limit: int) -> list[SearchHit]:
        scored: list[tuple[float, int]] = []
        for passage in chosen.tolist():
            sentence = self._passages.sentences[passage]
            words = self.synonyms.words(self._passages.folded[passage], sentence.text)
            score = passage_score(query, words)
            if score is not None:
                scored.append((-score, passage))
        # Best score first; ties go to the newer article, then reading order: passages are
        # numbered article by article, newest article first.
        scored.sort()
        return [self._hit(query, -score, passage) for score, passage in scored[:limit]]

    def _hit(self, query: Query, score: float, passage: int) -> SearchHit:
        article = self._passages.articles[self._passages.article_of[passage]]
        sentence = self._passages.sentences[passage]
        spans = match_spans(query, self._tokens(passage))
        matches = tuple((sentence.start + a, sentence.start + b) for a, b in spans)
        return SearchHit(
            article.id, article.date, score, sentence.text, sentence.start, sentence.end, matches
        )


def _intersection(arrays: list[np.ndarray]) -> np.ndarray:
    result = arrays[0]
    for other in arrays[1:]:
        result = np.intersect1d(result, other, assume_unique=False)
    return result


def _synonyms(groups: Iterable[Sequence[str]]) -> Synonyms:
    return synonyms(tuple(tuple(group) for group in groups))
