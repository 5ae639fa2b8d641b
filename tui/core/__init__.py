"""The domain of readout, free of any UI: corpus, text, configuration, search, state.

The CLI, the app, the tests and the benchmarks all stand on this package; it must
never import Textual (a test checks). What the README imports is exported here:

    from tui.core import load_corpus, SearchIndex
"""

from __future__ import annotations

from tui.core.cancel import Cancelled, ShouldStop
from tui.core.config import Config, ConfigError, find_config, load_config
from tui.core.corpus import Article, Corpus, CorpusError, LoadWarning, load_corpus
from tui.core.search import Query, SearchError, SearchHit, SearchIndex, parse_query
from tui.core.text import Passage, clipboard_text, visible

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
