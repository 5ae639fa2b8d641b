"""The domain of readout, free of any UI: corpus, text, configuration, state.

The CLI, the app, the tests and the benchmarks all stand on this package; it must
never import Textual (a test checks).
"""

from __future__ import annotations

from tui.core.config import Config, ConfigError, find_config, load_config
from tui.core.corpus import Article, Corpus, CorpusError, LoadWarning, load_corpus
from tui.core.text import Passage

__all__ = [
    "Article",
    "Config",
    "ConfigError",
    "Corpus",
    "CorpusError",
    "LoadWarning",
    "Passage",
    "find_config",
    "load_config",
    "load_corpus",
]
