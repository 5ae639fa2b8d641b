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
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path

import numpy as np

from tui.core.candidates import posting_arrays

__all__ = [
    "KINDS",
    "PAIR_SHIFT",
    "Segment",
    "compact",
    "live_numbers",
    "load_segments",
    "segment_names",
    "write_segment",
]

PAIR_SHIFT = 32
"""A word pair's key: `first << PAIR_SHIFT | second`."""

KINDS = ("postings", "bounds", "pair_keys", "pair_slots", "sids", "articles")
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
        low, high = np.searchsorted(self.pair_keys, [key, key + 1])
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


def write_segment(
    conn: sqlite3.Connection,
    folder: Path,
    first_sentence: int,
    sentences: Sequence[tuple[int, str]],
) -> None:
    """Index sentences `first_sentence, first_sentence + 1, ...`, given in that order as
    `(article number, folded sentence text)`: write the segment's files into `folder`
    (atomically), then, inside `conn`'s open transaction (the caller commits, with the
    articles these sentences belong to), add new words to `words` and a row to
    `segments`. A segment file no committed row names is garbage `compact` removes."""
    if not sentences:
        return
    split = [text.split() for _, text in sentences]
    ids = _word_ids(conn, {word for words in split for word in words})
    word_ids = array("q")
    slot_ids = array("i")
    for slot, words in enumerate(split):
        word_ids.extend(map(ids.__getitem__, words))
        word_ids.append(-1)  # no word pair across sentences
        slot_ids.extend(repeat(slot, len(words) + 1))
    size = max(ids.values(), default=-1) + 1
    postings, bounds, pair_keys, pair_slots = posting_arrays(
        np.frombuffer(word_ids, dtype=np.int64),
        np.frombuffer(slot_ids, dtype=np.int32),
        size,
        1 << PAIR_SHIFT,
    )
    segment = Segment(
        _new_name(first_sentence),
        postings,
        bounds,
        pair_keys,
        pair_slots,
        np.arange(first_sentence, first_sentence + len(sentences), dtype=np.int64),
        np.asarray([number for number, _ in sentences], dtype=np.int64),
    )
    segment.save(folder)
    end = first_sentence + len(sentences)
    conn.execute("INSERT INTO segments VALUES (?, ?, ?)", (segment.name, first_sentence, end))


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
        rows = list(zip(new, range(next_id, next_id + len(new)), strict=True))
        conn.executemany("INSERT INTO words (word, id) VALUES (?, ?)", rows)
        ids.update(rows)
    return ids


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


def _merge(segments: list[Segment], live: np.ndarray) -> Segment:
    """One segment of the sentences of `segments` whose articles are live, in order."""
    words: list[np.ndarray] = []
    slots: list[np.ndarray] = []
    keys: list[np.ndarray] = []
    pair_slots: list[np.ndarray] = []
    sids: list[np.ndarray] = []
    articles: list[np.ndarray] = []
    base = 0
    for segment in segments:
        numbers = np.asarray(segment.articles)
        keep = live[np.minimum(numbers, len(live) - 1)]
        renumbered = np.cumsum(keep, dtype=np.int64) - 1 + base
        counts = np.diff(np.asarray(segment.bounds))
        postings = np.asarray(segment.postings)
        kept = keep[postings]
        words.append(np.repeat(np.arange(len(counts), dtype=np.int64), counts)[kept])
        slots.append(renumbered[postings[kept]])
        pairs = np.asarray(segment.pair_slots)
        kept_pairs = keep[pairs]
        keys.append(np.asarray(segment.pair_keys)[kept_pairs])
        pair_slots.append(renumbered[pairs[kept_pairs]])
        sids.append(np.asarray(segment.sids)[keep])
        articles.append(numbers[keep])
        base += int(np.count_nonzero(keep))
    all_words = np.concatenate(words)
    order = np.argsort(all_words, kind="stable")  # runs already sorted: a quick merge
    size = int(all_words.max(initial=-1)) + 1
    all_keys = np.concatenate(keys)
    pair_order = np.argsort(all_keys, kind="stable")
    all_sids = np.concatenate(sids)
    return Segment(
        _new_name(int(all_sids.min(initial=0))),
        np.concatenate(slots)[order].astype(np.int32),
        np.searchsorted(all_words[order], np.arange(size + 1)),
        all_keys[pair_order],
        np.concatenate(pair_slots)[pair_order].astype(np.int32),
        all_sids,
        np.concatenate(articles),
    )


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
