"""One person, one name across a corpus.

Articles spell people differently: `Tran Thanh Man` in one, `Trần Thanh Mẫn` in
another; a State Department readout says only `Secretary Blinken` where others write
`Antony Blinken`. Names that fold to the same letters are one person, under the
spelling with the most diacritics (then the most used). A one-word name is the
person whose full name starts or ends with it, when exactly one full name of the
corpus does (`Wang`, with Wang Yi and Wang Huning, stays as it is).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from tui.core.extract.discover import HONORIFICS, PARTICLES
from tui.core.extract.model import renamed_commitments, renamed_leaders
from tui.core.text import fold

__all__ = ["canonical_names", "renamed_commitments", "renamed_leaders"]


def _marks(name: str) -> int:
    return sum(not char.isascii() for char in name)


def _key(name: str) -> str:
    """What two spellings of one person share: folded letters, without initials,
    particles and words of address (`Antony J. Blinken` = `Antony Blinken`, `Mohamad
    bin Haji Hasan` = `Mohamad Hasan`)."""
    words = fold(name).split()
    kept = [w for w in words if len(w) > 2 or not w.endswith(".")]
    kept = [w for w in kept if w not in PARTICLES and w not in HONORIFICS]
    return " ".join(kept or words)


def canonical_names(names: Iterable[str]) -> dict[str, str]:
    """Each name of `names` (one per article that names them) -> the name the corpus
    knows the person by; names that stay as they are are left out. Of several
    spellings, the one with the most diacritics wins, then the most used, then the
    shortest."""
    used = Counter(names)
    by_key: dict[str, list[str]] = {}
    for name in used:
        by_key.setdefault(_key(name), []).append(name)
    best = {
        key: max(spellings, key=lambda n: (_marks(n), used[n], -len(n), n))
        for key, spellings in by_key.items()
    }
    by_edge: dict[str, set[str]] = {}
    for key, name in best.items():
        words = key.split()
        if len(words) > 1:
            for edge in {words[0], words[-1]}:
                by_edge.setdefault(edge, set()).add(name)
    mapping: dict[str, str] = {}
    for name in used:
        key = _key(name)
        target = best[key]
        full = by_edge.get(key, set()) if " " not in key else set()
        if len(full) == 1:
            (target,) = full
        if target != name:
            mapping[name] = target
    return mapping
