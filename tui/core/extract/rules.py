"""Running extraction: `extract(article, lexicon)` for one article (pure and fast),
`extract_corpus` over a whole corpus with one name per person, `articles_by_leader`.

Imported on first use through `tui.core.extract` (its rules compile many patterns);
what they produce is in `tui.core.extract.model`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace

from tui.core.cancel import ShouldStop, check
from tui.core.corpus import Article, Corpus
from tui.core.extract.commitments import find_commitments
from tui.core.extract.corrections import apply_corrections
from tui.core.extract.identity import canonical_names
from tui.core.extract.leaders import find_leaders
from tui.core.extract.lexicon import Lexicon
from tui.core.extract.model import Extraction, renamed_commitments, renamed_leaders
from tui.core.text import fold

__all__ = ["articles_by_leader", "extract", "extract_corpus"]


def extract(
    article: Article, lexicon: Lexicon, *, should_stop: ShouldStop | None = None
) -> Extraction:
    """The leaders and commitments of one article. Linear in the article's length;
    `should_stop` is checked between sentences, so even one huge article can be
    abandoned (`Cancelled` is raised)."""
    check(should_stop)
    text, sentences = article.text, article.sentences
    folded = fold(text)
    leaders = find_leaders(
        text, sentences, lexicon, folded, should_stop=should_stop, on=article.date
    )
    commitments = find_commitments(
        text, sentences, leaders, lexicon, folded, should_stop=should_stop
    )
    extraction = Extraction(article.id, leaders, commitments)
    if lexicon.corrections:
        return apply_corrections(extraction, sentences, lexicon)
    return extraction


def articles_by_leader(extractions: Mapping[str, Extraction]) -> dict[str, tuple[str, ...]]:
    """Each leader's canonical name -> the ids of the articles that name them, the
    leaders named in most articles first. Spellings of one person (`Tran Thanh Man`,
    `Trần Thanh Mẫn`) are one entry, as `extract_corpus` names them."""
    mapping = _corpus_names(extractions)
    index: dict[str, list[str]] = {}
    for article_id, extraction in extractions.items():
        for name in dict.fromkeys(mapping.get(x.name, x.name) for x in extraction.leaders):
            index.setdefault(name, []).append(article_id)
    ordered = sorted(index.items(), key=lambda item: (-len(item[1]), item[0]))
    return {name: tuple(ids) for name, ids in ordered}


def extract_corpus(
    corpus: Corpus,
    lexicon: Lexicon,
    progress: Callable[[int, int], None] | None = None,
    *,
    should_stop: ShouldStop | None = None,
) -> dict[str, Extraction]:
    """Every article's extraction, by article id, each person under one name across
    the corpus (see `identity`). `should_stop` is checked between articles and inside
    each; `Cancelled` is raised when it says so."""
    results: dict[str, Extraction] = {}
    total = len(corpus.articles)
    for done, article in enumerate(corpus.articles, start=1):
        results[article.id] = extract(article, lexicon, should_stop=should_stop)
        if progress is not None:
            progress(done, total)
    mapping = _corpus_names(results)
    if mapping:
        for article_id, found in results.items():
            leaders = renamed_leaders(found.leaders, mapping)
            commitments = renamed_commitments(found.commitments, mapping)
            results[article_id] = replace(found, leaders=leaders, commitments=commitments)
    return results


def _corpus_names(extractions: Mapping[str, Extraction]) -> dict[str, str]:
    """Each leader name of `extractions` -> the name the corpus knows the person by
    (see `identity`), where the two differ."""
    return canonical_names(x.name for found in extractions.values() for x in found.leaders)
