"""`readout list`, `show`, `extract` and `search`: reading the library from the command
line, one article a line, one article, its leaders and commitments, and passages found
(`tui.cli` registers them; each imports what it needs when it runs).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TextIO, Union

from tui.core.controls import one_line

if TYPE_CHECKING:
    from tui.core.config import Config
    from tui.core.corpus import Article
    from tui.core.extract import Extraction
    from tui.core.search import SearchHit
    from tui.core.store import ArticleSummary, Library

__all__ = ["PAGE", "add_reading_parsers", "all_articles", "article_pages"]

PAGE = 2000
"""Articles read from the store at a time by the commands that go through them all."""


def _positive(value: str) -> int:
    digits = value.isascii() and value.isdigit() and len(value) <= 18  # `²` is a digit too
    number = int(value) if digits else 0
    if number < 1:
        from tui.core.text import shorten

        shown = shorten(value, 40)
        raise argparse.ArgumentTypeError(f"must be a whole number of 1 or more, not {shown!r}")
    return number


def add_reading_parsers(commands: Any, common: Sequence[argparse.ArgumentParser]) -> None:
    """`list`, `show`, `extract` and `search`, on `commands` (the subparsers)."""
    listing = commands.add_parser(
        "list", parents=common, help="list the articles, newest first",
        description="List the articles, newest first.",
    )  # fmt: skip
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(handler=cmd_list)

    show = commands.add_parser(
        "show", parents=common, help="print one article, normalised",
        description="Print one article's normalised text.",
    )  # fmt: skip
    show.add_argument("id", metavar="ID", help="article id (a unique prefix is enough)")
    show.add_argument("--json", action="store_true", help="print JSON with offsets")
    show.set_defaults(handler=cmd_show)

    extract = commands.add_parser(
        "extract", parents=common, help="leaders and commitments of articles",
        description="Print the leaders and commitments extracted from articles "
        "(all of them when no ID is given).",
    )  # fmt: skip
    extract.add_argument("ids", nargs="*", metavar="ID", help="article ids (unique prefixes)")
    extract.add_argument("--json", action="store_true", help="print JSON with offsets")
    extract.set_defaults(handler=cmd_extract)

    search = commands.add_parser(
        "search", parents=common, help="fuzzy search across the corpus",
        description="Find passages across the corpus. Case, diacritics and punctuation "
        "are ignored and typos forgiven. Operators: 'word (exact), \"a phrase\", !word "
        "(exclude), leader:NAME, from:YYYY[-MM[-DD]], to:YYYY[-MM[-DD]].",
    )  # fmt: skip
    search.add_argument("query", metavar="QUERY", nargs="+", help="what to look for")
    search.add_argument("--limit", type=_positive, default=20, metavar="N", help="hits (20)")
    search.add_argument("--json", action="store_true", help="print JSON with offsets")
    search.set_defaults(handler=cmd_search)


def article_pages(library: Library) -> Iterator[list[ArticleSummary]]:
    """Every article in list order, read from the store a page at a time."""
    offset = 0
    while page := library.articles(offset, PAGE):
        yield page
        if len(page) < PAGE:
            return
        offset += len(page)


def all_articles(library: Library) -> Iterator[ArticleSummary]:
    for page in article_pages(library):
        yield from page


# Subcommands -------------------------------------------------------------------------


def cmd_list(args: argparse.Namespace, config: Config, out: TextIO) -> int:
    """`readout list`: one article a line, newest first."""
    from tui.cli_io import print_json_rows
    from tui.cli_library import all_summaries, opened

    with opened(config) as library:
        if args.json:
            print_json_rows(all_summaries(library, PAGE), out)
            return 0
        articles = list(all_articles(library))
    width = max((len(a.id) for a in articles), default=0)
    for article in articles:
        line = (
            f"{article.date_label:<10}  {article.id:<{width}}  {article.words:>6}  {article.title}"
        )
        if article.revised is not None:  # an imported page that changed: `readout diff ID`
            line += f"  (revised {article.revised.isoformat()})"
        print(one_line(line), file=out)
    return 0


def cmd_show(args: argparse.Namespace, config: Config, out: TextIO) -> int:
    """`readout show ID`: the normalised article."""
    import shutil
    import textwrap

    from tui.cli_io import print_json
    from tui.cli_library import find_article, opened
    from tui.core.controls import visible

    with opened(config) as library:
        article = find_article(library, args.id)
    if args.json:
        passages = {
            "paragraphs": [p.as_dict() for p in article.paragraphs],
            "sentences": [s.as_dict() for s in article.sentences],
        }
        print_json({**article.summary(), "text": article.text, **passages}, out)
        return 0
    meta = " · ".join(part for part in (article.date_label, article.place, article.source) if part)
    print(one_line(article.title), file=out)
    print(one_line(f"{meta} · {article.words} words"), file=out)
    wrap = out.isatty()
    width = min(shutil.get_terminal_size().columns, 88)
    for paragraph in article.paragraphs:
        text = visible(paragraph.text)
        print(file=out)
        print(textwrap.fill(text, width) if wrap else text, file=out)
    return 0


Listed = Union["Article", "ArticleSummary"]


def _extractions(library: Library, wanted: Sequence[str]) -> Iterator[tuple[Listed, Extraction]]:
    """The articles `wanted` (unique prefixes, each found before anything is printed),
    or every article, with their extraction."""
    from tui.cli_library import find_article

    found: list[Listed] = [find_article(library, w) for w in wanted]
    return _extracted(library, [found] if wanted else article_pages(library))


def _extracted(
    library: Library, pages: Iterable[Sequence[Listed]]
) -> Iterator[tuple[Listed, Extraction]]:
    for page in pages:
        extractions = library.extractions([article.id for article in page])
        for article in page:
            extraction = extractions.get(article.id)
            if extraction is not None:  # deleted by a refresh since it was listed
                yield article, extraction


def cmd_extract(args: argparse.Namespace, config: Config, out: TextIO) -> int:
    """`readout extract [ID ...]`: leaders and commitments."""
    from tui.cli_corrections import corrected
    from tui.cli_io import print_json_rows
    from tui.cli_library import opened

    with opened(config, corrected(config)) as library:
        results = _extractions(library, args.ids)
        if args.json:
            rows = (_extraction_json(a, e) for a, e in results)
            print_json_rows(rows, out, key="articles")
            return 0
        for index, (article, extraction) in enumerate(results):
            if index:
                print(file=out)
            _print_extraction(article, extraction, out)
    return 0


def _print_extraction(article: Listed, extraction: Extraction, out: TextIO) -> None:
    from tui.core.text import shorten

    print(one_line(f"{article.date_label}  {article.id}  {article.title}"), file=out)
    print("  Leaders", file=out)
    for leader in extraction.leaders:
        titles = f" — {'; '.join(leader.titles)}" if leader.titles else ""
        print(one_line(f"    {leader.name} ({leader.count}){titles}"), file=out)
    print(f"  Commitments ({len(extraction.commitments)})", file=out)
    for commitment in extraction.commitments:
        who = ", ".join(commitment.actors) or "?"
        topics = f"  [{', '.join(commitment.topics)}]" if commitment.topics else ""
        line = f"    {commitment.kind:<12} {who}: {shorten(commitment.text, 90)}{topics}"
        print(one_line(line), file=out)


def _extraction_json(article: Listed, extraction: Extraction) -> dict[str, Any]:
    return {
        "id": article.id,
        "date": article.date.isoformat() if article.date else None,
        "leaders": [leader.as_dict() for leader in extraction.leaders],
        "commitments": [commitment.as_dict() for commitment in extraction.commitments],
    }


def cmd_search(args: argparse.Namespace, config: Config, out: TextIO) -> int:
    """`readout search QUERY`: the best passages, best first."""
    from tui.cli_corrections import corrected
    from tui.cli_io import print_json
    from tui.cli_library import opened
    from tui.core.query import parse_query
    from tui.core.text import shorten

    query = parse_query(" ".join(args.query))
    # `leader:` reads the leaders extracted with the corrections: warn of their problems.
    lexicon = corrected(config) if query.leader is not None else None
    with opened(config, lexicon) as library:
        hits = library.search(query, limit=args.limit)
        if args.json:
            print_json([hit.as_dict() for hit in hits], out)
            return 0
        ids = {hit.article_id for hit in hits}
        titles = {a.id: a.title for a in library.articles(only=ids)} if ids else {}
    for hit in hits:
        title = shorten(titles.get(hit.article_id, ""), 60)
        print(one_line(f"{hit.date or 'undated'}  {hit.article_id}  {title}"), file=out)
        print(f"    {_marked(hit)}", file=out)
    if not hits:
        print("no matches", file=sys.stderr)
    return 0


def _marked(hit: SearchHit) -> str:
    """The passage with its matches in [brackets] (or bold on a terminal)."""
    text, pieces, position = hit.text, [], 0
    bold, plain = ("\x1b[1m", "\x1b[0m") if sys.stdout.isatty() else ("[", "]")
    for start, end in hit.matches:
        a, b = start - hit.start, end - hit.start
        pieces += [one_line(text[position:a]), bold, one_line(text[a:b]), plain]
        position = b
    return "".join(pieces) + one_line(text[position:])
