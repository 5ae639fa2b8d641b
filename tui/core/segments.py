"""Segments of the store's search index: posting arrays in files beside the SQLite
store, memory-mapped (`tui.core.postings` searches them).

A segment holds a run of sentences ("slots" 0, 1, ... inside it), each with its global
sentence id and its article's number, and the posting arrays `SearchIndex` builds:
word id -> slots, sorted by word (`bounds[w]:bounds[w + 1]`), and pairs of
neighbouring words (`first << 32 | second`) -> slots. Word ids come from the store's
`words` table, so segments share them and merging is concatenating and re-sorting.
Each array is one `.npy` file, written under a temporary name and renamed before the
`segments` row naming it commits: a file no committed row names is garbage.

`compact` merges segments (tiers of similar size, and those holding many sentences of
deleted articles) and removes files no row names. A reader that has old files mapped
keeps reading them (an unlinked file lives on while mapped); a reader that finds a
file gone re-reads the `segments` table.
"""

from __future__ import annotations

import math
import os
import secrets
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import numpy as np

from tui.core.candidates import pair_run, posting_arrays

__all__ = [
    "KINDS",
    "PAIR_SHIFT",
    "Segment",
    "Tokens",
    "Vocabulary",
    "compact",
    "live_numbers",
    "load_segments",
    "segment_names",
    "tokenize",
    "write_segment",
    "write_tokens",
]

PAIR_SHIFT = 32
"""A word pair's key: `first << PAIR_SHIFT | second`."""

KINDS = ("postings", "bounds", "pair_keys", "pair_bounds", "pair_slots", "sids", "articles")
"""The arrays of a segment, one `<name>.<kind>.npy` file each."""

TIER_FACTOR = 8
"""Segments within a factor of this of each other's size are one tier."""

TIER_SIZE = 4
"""A tier of this many segments is merged into one (with every smaller segment)."""

DEAD_SHARE = 0.25
"""A segment with this share of sentences of deleted articles is rewritten."""

_CHUNK = 500
"""Parameters per `IN (...)` query."""


@dataclass(frozen=True, slots=True)
class Segment:
    """One segment's arrays (memory-mapped when loaded)."""

    name: str
    postings: np.ndarray
    bounds: np.ndarray
    pair_keys: np.ndarray
    pair_bounds: np.ndarray
    pair_slots: np.ndarray
    sids: np.ndarray
    articles: np.ndarray

    @classmethod
    def load(cls, folder: Path, name: str) -> Segment:
        """Map the files of segment `name`; `FileNotFoundError` when one is gone."""
        arrays = [np.load(_path(folder, name, kind), mmap_mode="r") for kind in KINDS]
        return cls(name, *arrays)

    def __len__(self) -> int:
        return len(self.sids)

    def postings_of(self, word_id: int) -> np.ndarray:
        if word_id + 1 >= len(self.bounds):
            return self.postings[:0]
        return self.postings[self.bounds[word_id] : self.bounds[word_id + 1]]

    def pair_postings_of(self, key: int) -> np.ndarray:
        low, high = pair_run(self.pair_keys, self.pair_bounds, key)
        return self.pair_slots[low:high]

    def save(self, folder: Path) -> None:
        """Write the files, each under a temporary name renamed when complete."""
        folder.mkdir(parents=True, exist_ok=True)
        for kind in KINDS:
            final = _path(folder, self.name, kind)
            temporary = folder / f".{final.name}.{secrets.token_hex(4)}.tmp"
            with temporary.open("wb") as out:
                np.save(out, np.ascontiguousarray(getattr(self, kind)))
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, final)


def _path(folder: Path, name: str, kind: str) -> Path:
    return folder / f"{name}.{kind}.npy"


def _new_name(first_sentence: int) -> str:
    return f"{first_sentence:012d}-{secrets.token_hex(4)}"


# Writing --------------------------------------------------------------------------------


class Tokens(NamedTuple):
    """One article's sentences as word ids of its own: `words`, each once, and
    `stream`, int32 indices into them with -1 after each sentence, as bytes. Made where
    the article is read (a worker process), so that the writer only maps an article's
    few hundred words to the store's ids."""

    words: tuple[str, ...]
    stream: bytes
    sentences: int


def tokenize(sentences: Iterable[str]) -> Tokens:
    """`Tokens` of folded sentences (split on white space)."""
    index: dict[str, int] = {}
    stream: list[int] = []
    count = 0
    for text in sentences:
        stream.extend(index.setdefault(word, len(index)) for word in text.split())
        stream.append(-1)
        count += 1
    return Tokens(tuple(index), np.asarray(stream, dtype=np.int32).tobytes(), count)


def write_segment(
    conn: sqlite3.Connection,
    folder: Path,
    first_sentence: int,
    sentences: Sequence[tuple[int, str]],
    vocabulary: Vocabulary | None = None,
) -> None:
    """`write_tokens` of sentences given as `(article number, folded sentence text)`,
    each sentence its own `Tokens`."""
    write_tokens(
        conn,
        folder,
        first_sentence,
        [(number, tokenize([text])) for number, text in sentences],
        vocabulary,
    )


def write_tokens(
    conn: sqlite3.Connection,
    folder: Path,
    first_sentence: int,
    articles: Sequence[tuple[int, Tokens]],
    vocabulary: Vocabulary | None = None,
) -> None:
    """Index sentences `first_sentence, first_sentence + 1, ...`, given in that order as
    `(article number, its sentences' Tokens)`: write the segment's files into `folder`
    (atomically), then, inside `conn`'s open transaction (the caller commits, with the
    articles these sentences belong to), add new words to `words` and a row to
    `segments`. A segment file no committed row names is garbage `compact` removes.
    `vocabulary`: the `words` table as the writer holds it (see `Vocabulary`)."""
    count = sum(tokens.sentences for _, tokens in articles)
    if not count:
        return
    words = {word for _, tokens in articles for word in tokens.words}
    ids = vocabulary.ids(conn, words) if vocabulary is not None else _word_ids(conn, words)
    word_ids = np.concatenate(
        [np.zeros(0, dtype=np.int64)] + [_global(tokens, ids) for _, tokens in articles]
    )
    ends = word_ids < 0
    slot_ids = (np.cumsum(ends, dtype=np.int32) - ends).astype(np.int32)
    size = max(ids.values(), default=-1) + 1
    postings, bounds, pair_keys, pair_bounds, pair_slots = posting_arrays(
        word_ids,
        slot_ids,
        size,
        1 << PAIR_SHIFT,
    )
    numbers = [number for number, _ in articles]
    segment = Segment(
        _new_name(first_sentence),
        postings,
        bounds,
        pair_keys,
        pair_bounds,
        pair_slots,
        np.arange(first_sentence, first_sentence + count, dtype=np.int64),
        np.repeat(np.asarray(numbers, dtype=np.int64), [t.sentences for _, t in articles]),
    )
    segment.save(folder)
    end = first_sentence + count
    conn.execute("INSERT INTO segments VALUES (?, ?, ?)", (segment.name, first_sentence, end))


def _global(tokens: Tokens, ids: dict[str, int]) -> np.ndarray:
    """An article's stream in the store's word ids (-1 between sentences kept)."""
    table = np.empty(len(tokens.words) + 1, dtype=np.int64)
    table[:-1] = np.fromiter(map(ids.__getitem__, tokens.words), np.int64, len(tokens.words))
    table[-1] = -1  # a sentence's end
    return table[np.frombuffer(tokens.stream, dtype=np.int32)]


class Vocabulary:
    """The `words` table held in memory by the process that writes it, for the batches
    of one refresh: read once, then each batch's new words added to it and to the table.
    Right while the refresh lock makes that process the table's only writer, and a
    batch that fails ends the refresh (its words are then forgotten with it)."""

    def __init__(self) -> None:
        self._known: dict[str, int] | None = None
        self._next = 0

    def ids(self, conn: sqlite3.Connection, words: set[str]) -> dict[str, int]:
        """The ids of `words`, new ones added to the table (in `conn`'s transaction)."""
        known = self._known
        if known is None:
            known = self._known = dict(conn.execute("SELECT word, id FROM words"))
            self._next = max(known.values(), default=-1) + 1
        new = sorted(word for word in words if word not in known)
        known.update(_add_words(conn, new, self._next))
        self._next += len(new)
        return {word: known[word] for word in words}


def _word_ids(conn: sqlite3.Connection, words: set[str]) -> dict[str, int]:
    """The ids of `words`, adding those the `words` table does not have yet."""
    wanted = sorted(words)
    ids: dict[str, int] = {}
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        ids.update(conn.execute(f"SELECT word, id FROM words WHERE word IN ({marks})", chunk))
    new = [word for word in wanted if word not in ids]
    if new:
        (next_id,) = conn.execute("SELECT COALESCE(MAX(id) + 1, 0) FROM words").fetchone()
        ids.update(_add_words(conn, new, next_id))
    return ids


def _add_words(conn: sqlite3.Connection, new: list[str], first_id: int) -> list[tuple[str, int]]:
    """Insert `new` words with ids from `first_id` on; their `(word, id)` rows."""
    rows = list(zip(new, range(first_id, first_id + len(new)), strict=True))
    if rows:
        conn.executemany("INSERT INTO words (word, id) VALUES (?, ?)", rows)
    return rows


# Compacting -----------------------------------------------------------------------------


def live_numbers(conn: sqlite3.Connection) -> np.ndarray:
    """A mask over article numbers: which are in `articles` (one past the largest is
    always false, for numbers beyond it)."""
    numbers = np.fromiter(
        (number for (number,) in conn.execute("SELECT number FROM articles")), dtype=np.int64
    )
    live = np.zeros(int(numbers.max(initial=-1)) + 2, dtype=bool)
    live[numbers] = True
    return live


def compact(conn: sqlite3.Connection, folder: Path) -> None:
    """Merge segments when there are many or they hold many sentences of deleted
    articles; remove segment files no row names. Runs after a refresh, under the
    refresh lock (commits on `conn`); readers with older segments mapped keep working."""
    if not conn.in_transaction:  # one transaction: no reader sees old and new at once
        conn.execute("BEGIN IMMEDIATE")
    names = [name for (name,) in conn.execute("SELECT name FROM segments ORDER BY first_sentence")]
    segments: list[Segment] = []
    for name in names:
        try:
            segments.append(Segment.load(folder, name))
        except (FileNotFoundError, ValueError):  # lost or broken: its sentences are gone
            conn.execute("DELETE FROM segments WHERE name = ?", (name,))
    live = live_numbers(conn)
    chosen = _to_merge(segments, live)
    if chosen:
        merged = _merge(chosen, live)
        if len(merged):
            merged.save(folder)
            row = (merged.name, int(merged.sids.min()), int(merged.sids.max()) + 1)
            conn.execute("INSERT INTO segments VALUES (?, ?, ?)", row)
        marks = ",".join("?" * len(chosen))
        conn.execute(f"DELETE FROM segments WHERE name IN ({marks})", [s.name for s in chosen])
    conn.commit()
    _remove_garbage(conn, folder)


def _live_count(segment: Segment, live: np.ndarray) -> int:
    return int(np.count_nonzero(live[np.minimum(segment.articles, len(live) - 1)]))


def _to_merge(segments: list[Segment], live: np.ndarray) -> list[Segment]:
    """The segments to merge into one: a full tier with every smaller segment, and any
    segment holding many sentences of deleted articles."""
    counts = [_live_count(segment, live) for segment in segments]
    tiers = [int(math.log(max(count, 1), TIER_FACTOR)) for count in counts]
    full = [tier for tier in set(tiers) if tiers.count(tier) >= TIER_SIZE]
    top = max(full, default=-1)
    chosen = [
        segment
        for segment, count, tier in zip(segments, counts, tiers, strict=True)
        if tier <= top or len(segment) - count > DEAD_SHARE * len(segment)
    ]
    return chosen


@dataclass(frozen=True, slots=True)
class _Kept:
    """What of one segment a merge keeps: its live sentences, renumbered from `base`."""

    segment: Segment
    keep: np.ndarray
    renumbered: np.ndarray

    @classmethod
    def of(cls, segment: Segment, live: np.ndarray, base: int) -> _Kept:
        keep = live[np.minimum(np.asarray(segment.articles), len(live) - 1)]
        return cls(segment, keep, np.cumsum(keep, dtype=np.int64) - 1 + base)

    def postings(self) -> tuple[np.ndarray, np.ndarray]:
        """(word of each kept posting, in word order; its new slot)."""
        postings = np.asarray(self.segment.postings)
        counts = np.diff(np.asarray(self.segment.bounds))
        kept = self.keep[postings]
        words = np.repeat(np.arange(len(counts), dtype=np.int64), counts)[kept]
        return words, self.renumbered[postings[kept]]

    def pairs(self) -> tuple[np.ndarray, np.ndarray]:
        """(key of each kept pair, in key order; its new slot)."""
        slots = np.asarray(self.segment.pair_slots)
        kept = self.keep[slots]
        runs = np.diff(np.asarray(self.segment.pair_bounds))
        return np.repeat(np.asarray(self.segment.pair_keys), runs)[kept], self.renumbered[
            slots[kept]
        ]


def _merge(segments: list[Segment], live: np.ndarray) -> Segment:
    """One segment of the sentences of `segments` whose articles are live, in order.
    Each segment's runs are copied into place (no sort of the whole), one segment at a
    time, so the memory is the merged arrays and one segment's temporaries."""
    parts: list[_Kept] = []
    base = 0
    for segment in segments:
        parts.append(_Kept.of(segment, live, base))
        base += int(np.count_nonzero(parts[-1].keep))
    size = max((len(s.bounds) - 1 for s in segments), default=0)
    postings, bounds = _runs([part.postings for part in parts], size, None)
    pair_keys = np.unique(np.concatenate([np.zeros(0, np.int64)] + [p.pairs()[0] for p in parts]))
    pair_slots, pair_bounds = _runs([part.pairs for part in parts], len(pair_keys), pair_keys)
    sids = np.concatenate([np.asarray(p.segment.sids)[p.keep] for p in parts])
    articles = np.concatenate([np.asarray(p.segment.articles)[p.keep] for p in parts])
    return Segment(
        _new_name(int(sids.min(initial=0))),
        postings,
        bounds,
        pair_keys,
        pair_bounds,
        pair_slots,
        sids,
        articles,
    )


def _runs(
    parts: list[Callable[[], tuple[np.ndarray, np.ndarray]]], groups: int, keys: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray]:
    """Slots grouped (by word, or by pair key: its place in `keys`), each group's slots
    in the order of `parts`: `(slots, bounds)`."""

    def group_of(
        part: Callable[[], tuple[np.ndarray, np.ndarray]],
    ) -> tuple[np.ndarray, np.ndarray]:
        found, slots = part()
        return (found if keys is None else np.searchsorted(keys, found)), slots

    totals = np.zeros(groups, dtype=np.int64)
    for part in parts:
        totals += np.bincount(group_of(part)[0], minlength=groups)[:groups]
    bounds = np.concatenate([np.zeros(1, dtype=np.int64), np.cumsum(totals)])
    merged = np.empty(int(bounds[-1]), dtype=np.int32)
    offset = bounds[:-1].copy()
    for part in parts:
        group, slots = group_of(part)
        counts = np.bincount(group, minlength=groups)[:groups]
        starts = np.cumsum(counts) - counts  # where each group's run starts in this part
        merged[offset[group] + np.arange(len(group)) - starts[group]] = slots
        offset += counts
    return merged, bounds


def _remove_garbage(conn: sqlite3.Connection, folder: Path) -> None:
    """Delete the files of segments no row names, and temporary files left behind."""
    if not folder.is_dir():
        return
    named = {name for (name,) in conn.execute("SELECT name FROM segments")}
    for path in folder.iterdir():
        stem = path.name.split(".", 1)[0]
        garbage = path.name.endswith(".tmp") or (path.suffix == ".npy" and stem not in named)
        if garbage:
            path.unlink(missing_ok=True)


def segment_names(conn: sqlite3.Connection) -> list[str]:
    """The names of the committed segments, oldest first."""
    return [name for (name,) in conn.execute("SELECT name FROM segments ORDER BY first_sentence")]


def load_segments(folder: Path, names: Iterable[str]) -> Iterator[Segment]:
    """Map each named segment (`FileNotFoundError` when one is gone)."""
    for name in names:
        yield Segment.load(folder, name)
