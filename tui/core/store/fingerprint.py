"""The fingerprint articles are extracted under: the lexicon (gazetteer, topics,
corrections) and the source of the rules. An article extracted under another is
extracted again at the next refresh.

Kept apart from `refresh` so that a command answering from an unchanged store can
tell it is unchanged without importing what reads and writes files (the worker pool,
the file lock, the extraction of new files).
"""

from __future__ import annotations

import hashlib
from contextlib import suppress
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from tui.core.store import records

if TYPE_CHECKING:
    from tui.core.extract.lexicon import Lexicon

__all__ = ["lexicon_fingerprint"]


READERS = (
    "controls.py", "corpus.py", "corpus_files.py", "query.py", "safe_yaml.py", "text.py",
    "wire.py",
)  # fmt: skip
"""The modules (beside `extract/`) that make an article out of a file: its header,
ids, text, sentences, titles and folding."""

CORE = Path(__file__).resolve().parent.parent


def fingerprinted() -> list[Path]:
    """The source files the rules' fingerprint is made of."""
    return sorted([*(CORE / "extract").glob("*.py"), *(CORE / name for name in READERS)])


@cache
def code_fingerprint() -> bytes:
    """The source of what makes an article and its extraction: a new version of the
    rules re-reads every article, as a new lexicon does."""
    digest = hashlib.blake2b(digest_size=16)
    for source in fingerprinted():
        with suppress(OSError):
            digest.update(source.read_bytes())
    return digest.digest()


def lexicon_fingerprint(lexicon: Lexicon) -> str:
    """Names a lexicon (gazetteer, topics, corrections) and the rules: an article
    extracted under another fingerprint is extracted again."""
    data = code_fingerprint() + records.lexicon_fingerprint(lexicon).encode()
    return hashlib.blake2b(data, digest_size=16).hexdigest()
