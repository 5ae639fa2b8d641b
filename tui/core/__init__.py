"""The domain of readout, free of any UI: corpus, text, configuration, search, state.

The CLI, the app, the tests and the benchmarks all stand on this package; it must
never import Textual (a test checks). What the README imports is exported here:

    from tui.core import load_corpus, SearchIndex

Each name is imported when it is first asked for (PEP 562): a command that needs
the store's search does not pay for the in-memory index or the extraction rules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.core.lazy import lazy_names

if TYPE_CHECKING:
    from tui.core.cancel import Cancelled, ShouldStop
    from tui.core.config import Config, ConfigError, find_config, load_config
    from tui.core.corpus import Article, Corpus, CorpusError, LoadWarning, load_corpus
    from tui.core.search import Query, SearchError, SearchHit, SearchIndex, parse_query
    from tui.core.text import Passage, clipboard_text, visible

_WHERE = {
    "Cancelled": "cancel",
    "ShouldStop": "cancel",
    "Config": "config",
    "ConfigError": "config",
    "find_config": "config",
    "load_config": "config",
    "Article": "corpus",
    "Corpus": "corpus",
    "CorpusError": "corpus",
    "LoadWarning": "corpus",
    "load_corpus": "corpus",
    "Query": "search",
    "SearchError": "search",
    "SearchHit": "search",
    "SearchIndex": "search",
    "parse_query": "search",
    "Passage": "text",
    "clipboard_text": "text",
    "visible": "text",
}

__all__ = [
    "Article",
    "Cancelled",
    "Config",
    "ConfigError",
    "Corpus",
    "CorpusError",
    "LoadWarning",
    "Passage",
    "Query",
    "SearchError",
    "SearchHit",
    "SearchIndex",
    "ShouldStop",
    "clipboard_text",
    "find_config",
    "load_config",
    "load_corpus",
    "parse_query",
    "visible",
]


__getattr__ = lazy_names(__name__, _WHERE)


def __dir__() -> list[str]:
    return sorted({*globals(), *_WHERE})
