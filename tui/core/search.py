"""Fuzzy search over every sentence of a corpus, held in memory.

Text is folded for matching (case, diacritics, `Đ` to `d`, punctuation to spaces), one
character for one, so every offset found in folded text is an offset into the
article. `SearchIndex` builds an inverted index (numpy arrays of word -> sentences, and
of word pairs -> sentences) and searches it as `tui.core.candidates` does for every
index: cheap scores from the postings pick a few hundred sentences, `passage_score`
ranks them (an exact phrase above all words present above a fuzzy match; ties go to
the newer article).

Synonyms (`tui.core.synonyms`: countries and their adjectives, and the groups of
`config.yaml`) are one word: in the query and in each ranked sentence, a member is
replaced by its group's token, whose span covers the member's words in the text.

`SearchIndex.exhaustive` runs the ranking alone over every sentence: the simple
approach the benchmark measures the index against. The store's index, searched the same
way, is `tui.core.postings.StoreIndex`.
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import count, repeat

import numpy as np

from tui.core.cancel import ShouldStop, check
from tui.core.candidates import (
    CANDIDATES,
    Leaders,
    Postings,
    SearchHit,
    Sentence,
    pair_run,
    posting_arrays,
)
from tui.core.corpus import Article, Corpus
from tui.core.query import Query, SearchError, parse_query, search_fold
from tui.core.ranking import passage_score
from tui.core.synonyms import Synonyms, synonyms
from tui.core.text import Passage

__all__ = [
    "CANDIDATES",
    "Query",
    "SearchError",
    "SearchHit",
    "SearchIndex",
    "parse_query",
    "passage_score",
    "search_fold",
]


@dataclass(slots=True)
class _Passages:
    """Every sentence of the corpus, in columns."""

    articles: list[Article] = field(default_factory=list)
    article_of: list[int] = field(default_factory=list)
    sentences: list[Passage] = field(default_factory=list)
    folded: list[str] = field(default_factory=list)


class SearchIndex(Postings):
    """Search every sentence of `corpus`. Built once per corpus load; searching is fast
    and never changes it, so a worker thread may search while the app reads."""

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
        super().__init__()
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
        self._vocabulary_size = len(vocabulary)
        self._sorted_words = sorted(vocabulary)
        self._word_ids = dict(vocabulary)  # a plain dict: looking a word up must not add it
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
        size = self._vocabulary_size
        arrays = posting_arrays(words, passages, size, size)
        self._postings, self._bounds, self._pair_keys, self._pair_bounds, self._pair_passages = (
            arrays
        )
        count = len(self._passages.sentences)
        self._article_of = np.asarray(self._passages.article_of, dtype=np.int32)
        # Newer articles come first in the corpus: `_recency` breaks ties their way.
        self._article_total = max(len(self._passages.articles), 1)
        self._count = count
        self._article_days = np.asarray(
            [a.date.toordinal() if a.date else -1 for a in self._passages.articles], dtype=np.int64
        )
        self._article_live = np.ones(len(self._passages.articles), dtype=bool)

    # Figures for the benchmark ----------------------------------------------------------

    @property
    def sentence_count(self) -> int:
        """How many sentences are indexed."""
        return self._count

    @property
    def array_bytes(self) -> int:
        """Memory held by the index's arrays."""
        arrays = (
            self._postings,
            self._bounds,
            self._pair_keys,
            self._pair_bounds,
            self._pair_passages,
        )
        return sum(array.nbytes for array in (*arrays, self._article_of))

    # Searching -------------------------------------------------------------------------

    def search(
        self,
        query: str | Query,
        limit: int = 20,
        leaders: Mapping[str, Iterable[str]] | None = None,
    ) -> list[SearchHit]:
        """The best `limit` hits for `query`, best first. `leaders` (article id ->
        leader names) serves `leader:`; without it the article text is searched."""
        return self._search(query, limit, leaders)

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

    # What `Postings` reads --------------------------------------------------------------

    @property
    def _word_id(self) -> Mapping[str, int]:
        return self._word_ids

    @property
    def _sorted_vocabulary(self) -> Sequence[str]:
        return self._sorted_words

    def _postings_of(self, word_id: int) -> np.ndarray:
        return self._postings[self._bounds[word_id] : self._bounds[word_id + 1]]

    def _pair_postings_of(self, first: int, second: int) -> np.ndarray:
        key = first * self._vocabulary_size + second
        low, high = pair_run(self._pair_keys, self._pair_bounds, key)
        return self._pair_passages[low:high]

    def _sentences(self, slots: list[int]) -> Iterator[tuple[int, Sentence]]:
        columns = self._passages
        for slot in slots:
            article = columns.articles[columns.article_of[slot]]
            passage = columns.sentences[slot]
            yield (
                slot,
                Sentence(
                    article.id,
                    article.date,
                    passage.text,
                    columns.folded[slot],
                    passage.start,
                    passage.end,
                ),
            )

    def _order(self, slots: np.ndarray) -> np.ndarray:
        return slots  # passages are numbered in list order

    def _articles_naming(self, wanted: str, leaders: Leaders | None) -> np.ndarray:
        """Which articles name the leader `wanted` (folded): by the extracted leaders'
        names when given, else by every word of `wanted` occurring in the article."""
        articles = self._passages.articles
        if leaders is None:
            return self._articles_with_words(wanted)

        def names(article: Article) -> bool:
            return any(wanted in search_fold(name) for name in leaders.get(article.id, ()))

        return np.fromiter(map(names, articles), dtype=bool, count=len(articles))


def _synonyms(groups: Iterable[Sequence[str]]) -> Synonyms:
    return synonyms(tuple(tuple(group) for group in groups))
