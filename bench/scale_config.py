"""The configuration every process of the scale benchmark uses: the bundled config.yaml
with the corpus, notes and corrections overridden (notes and corrections in a scratch
folder), and the lexicon the app would extract with."""

from __future__ import annotations

from pathlib import Path

from tui.core import Config, load_config
from tui.core.corrections import corrected_lexicon
from tui.core.extract.lexicon import Lexicon

ROOT = Path(__file__).resolve().parent.parent


def bench_config(corpus: Path, scratch: Path) -> tuple[Config, Lexicon]:
    config = load_config(ROOT / "config.yaml").with_overrides(
        corpus=corpus, notes=scratch / "notes.md", corrections=scratch / "corrections.yaml"
    )
    lexicon, _ = corrected_lexicon(config.lexicon, config.corrections_file)
    return config, lexicon
