"""The search index of a library store: the segments of `tui.core.segments`,
memory-mapped, searched exactly as `SearchIndex` searches (`tui.core.candidates`).

`StoreIndex.open` reads, in one snapshot of the store, the committed segments and the
live articles in list order (newest first, undated last, ties by id: `Corpus`'s
order), and maps the segment files. Slots are the segments' sentences one after
another; a slot whose article is gone counts for nothing. Only the sentences a query
ranks (a few hundred) are read from the `articles` table; `leader:` is answered from
the `leaders` and `names` tables. A segment file that vanished (a compaction in
another process) sends it back to the `segments` table; one that is still named
there but missing, cut short or of the wrong shape is `DamagedIndex`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

from tui.core import segments as segment_files
from tui.core.candidates import CANDIDATES, Leaders, Postings, SearchHit, Sentence
from tui.core.query import Query, search_fold
from tui.core.segments import KINDS, PAIR_SHIFT, Segment, segment_names, write_segment
from tui.core.synonyms import synonyms as synonym_table
from tui.core.text import CharMap

__all__ = ["DamagedIndex", "StoreIndex", "compact", "remember_index", "write_segment"]

CACHE_PREFIX = "index-"
"""The name of `IndexCache`'s file: `index-<key>.npz` in the segments folder."""

ATTEMPTS = 5
"""How often `open` re-reads the `segments` table when a file vanished under it."""

_CHUNK = 500
"""Parameters per `IN (...)` query."""


@dataclass(frozen=True, slots=True)
class LiveArticles:
    """The live articles in list order (index: an article's place). Read from the index
    `articles_by_day` alone: nothing of the rows themselves (their text) is read."""

    numbers: np.ndarray
    days: np.ndarray

    @classmethod
    def read(cls, conn: sqlite3.Connection) -> LiveArticles:
        rows = conn.execute("SELECT number, day FROM articles ORDER BY day DESC, id DESC")
        pairs = np.fromiter(rows, dtype=np.dtype((np.int64, 2)))
        return cls(np.ascontiguousarray(pairs[:, 0]), np.ascontiguousarray(pairs[:, 1]))

    def matches(self, conn: sqlite3.Connection) -> bool:
        """Whether the store holds these articles: as many on each day, the same
        highest number, the same first and last in list order (a cache of another
        store is never taken for this one's). The days are those a refresh keeps in
        `meta`, and the rest lookups in indexes: counting the rows read all of them
        (50 ms at 100,000, at each start); they are counted when no days are kept."""
        from tui.core.store.listing import remembered_days  # the store's, read lazily
        from tui.core.store.schema import generation

        (top,) = conn.execute("SELECT max(number) FROM articles").fetchone()
        if (top if top is not None else -1) != int(self.numbers.max(initial=-1)):
            return False
        if len(self) == 0:
            return top is None
        days = remembered_days(conn, generation(conn))
        if days is None:
            (count,) = conn.execute("SELECT count(*) FROM articles").fetchone()
            if count != len(self):
                return False
        else:
            held, counts = np.unique(self.days, return_counts=True)
            if sorted(days) != list(zip(held.tolist(), counts.tolist(), strict=True)):
                return False
        ends = [
            conn.execute(f"SELECT number FROM articles ORDER BY {order} LIMIT 1").fetchone()
            for order in ("day DESC, id DESC", "day ASC, id ASC")
        ]
        return ends == [(int(self.numbers[0]),), (int(self.numbers[-1]),)]

    def __len__(self) -> int:
        return len(self.numbers)

    def place_of_number(self) -> np.ndarray:
        """Article number -> place; `len(self)` (no article) beyond and between."""
        places = np.full(int(self.numbers.max(initial=-1)) + 2, len(self), dtype=np.int32)
        places[self.numbers] = np.arange(len(self), dtype=np.int32)
        return places


class SortedWords(Mapping[str, int]):
    """Word -> id over the words in sorted order and their ids, found by bisection:
    made at once from the index cache, where a dict of 117,000 words cost 15 ms at each
    start alone, and 60 ms beside the app's first draw."""

    __slots__ = ("_ids", "_words")

    def __init__(self, words: list[str], ids: np.ndarray) -> None:
        self._words, self._ids = words, ids

    def _place(self, word: object) -> int | None:
        if not isinstance(word, str):
            return None
        place = bisect_left(self._words, word)
        return place if place < len(self._words) and self._words[place] == word else None

    def __getitem__(self, word: str) -> int:
        place = self._place(word)
        if place is None:
            raise KeyError(word)
        return int(self._ids[place])

    def __contains__(self, word: object) -> bool:
        return self._place(word) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self._words)

    def __len__(self) -> int:
        return len(self._words)


@contextmanager
def _snapshot(conn: sqlite3.Connection) -> Iterator[None]:
    """Reads inside see one state of the store (a read transaction)."""
    if conn.in_transaction:
        yield
        return
    conn.execute("BEGIN")
    try:
        yield
    finally:
        conn.execute("COMMIT")


class StoreIndex(Postings):
    """Search a store: candidates from the posting arrays, ranked as
    `SearchIndex.search` ranks (the same tiers, rapidfuzz rescoring, highlights).
    Reads the `articles`, `leaders`, `names`, `words` and `segments` tables itself,
    on the connection it was opened with (use it from that connection's thread)."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        segments: list[Segment],
        articles: LiveArticles,
        synonyms: Iterable[Sequence[str]] = (),
    ) -> None:
        super().__init__()
        self._conn = conn
        self.synonyms = synonym_table(tuple(tuple(group) for group in synonyms))
        self._segments = segments
        self._articles = articles
        count = len(articles)
        self._places = places = articles.place_of_number()
        self._bases = np.cumsum([0, *map(len, segments)])
        self._count = int(self._bases[-1])
        self._article_of = np.concatenate(
            [np.zeros(0, dtype=np.int32)]
            + [np.take(places, s.articles, mode="clip") for s in segments]
        )
        self._article_live = np.ones(count + 1, dtype=bool)
        self._article_live[count] = False  # the place of every deleted article
        self._article_days = np.append(articles.days, -1)
        self._article_total = max(count, 1)

    @cached_property
    def _sids(self) -> np.ndarray:
        """Each slot's sentence id."""
        return np.concatenate([np.zeros(0, dtype=np.int64), *(s.sids for s in self._segments)])

    @classmethod
    def open(
        cls, conn: sqlite3.Connection, folder: Path, synonyms: Iterable[Sequence[str]] = ()
    ) -> StoreIndex:
        """Map the store's segments and read its live articles, in one snapshot."""
        for _ in range(ATTEMPTS):
            with _snapshot(conn):
                names = segment_names(conn)
                cache: IndexCache | None = IndexCache.of(conn, folder, names)
                cached = cache.load(conn) if cache else None
                articles = cached[0] if cached else LiveArticles.read(conn)
            try:
                segments = [_checked(Segment.load(folder, name)) for name in names]
            except Exception as error:  # any damage of a file is told
                if segment_names(conn) == names:
                    raise DamagedIndex(f"a search file in {folder.name}: {error}") from None
                continue  # compacted under us: the table names the new files
            index = cls(conn, segments, articles, synonyms)
            if cached:
                index.__dict__["_vocabulary"] = cached[1]  # the cached_property, known
            elif cache:
                cache.save(articles, index._vocabulary[1], index._vocabulary[0])
            return index
        raise DamagedIndex(f"the search files in {folder.name} keep changing")

    def prepare(self) -> None:
        """Read and compute now what the first search would (the vocabulary, each
        slot's sentence id and liveness, the folding tables a long sentence needs:
        40 ms made one character at a time)."""
        _ = self._vocabulary, self._sids, self._live_slots
        self.prepare_scratch()
        search_fold(" " * CharMap.SHORT)  # a long text: its numpy table is made now

    @property
    def sentence_count(self) -> int:
        """How many sentences the segments hold (those of deleted articles included)."""
        return self._count

    @property
    def total(self) -> int:
        """`sentence_count`: what `tui.core.align.Frequencies` reads."""
        return self._count

    def counts(self, words: Iterable[str]) -> dict[str, int]:
        """How often each folded word occurs in the indexed sentences (a word twice in
        a sentence counts twice): the rarity `readout compare` weighs words by."""
        ids = self._word_id
        found: dict[str, int] = {}
        for word in words:
            id_ = ids.get(word)
            found[word] = 0 if id_ is None else sum(len(s.postings_of(id_)) for s in self._segments)
        return found

    def search(self, query: str | Query, limit: int = 20) -> list[SearchHit]:
        """The best `limit` hits for `query`, best first (`leader:` from the store)."""
        return self._search(query, limit, None)

    def articles_matching(self, query: str | Query) -> list[str]:
        """Ids of the articles with at least one hit for `query`, newest first."""
        hits = self.search(query, limit=CANDIDATES)
        return list(dict.fromkeys(hit.article_id for hit in hits))

    # What `Postings` reads --------------------------------------------------------------

    @cached_property
    def _vocabulary(self) -> tuple[Mapping[str, int], list[str]]:
        """The words with postings in these segments: word -> id, and sorted."""
        size = max((len(s.bounds) - 1 for s in self._segments), default=0)
        present = np.zeros(size + 1, dtype=bool)
        for segment in self._segments:
            counts = np.diff(np.asarray(segment.bounds))
            present[: len(counts)] |= counts > 0
        rows = self._conn.execute("SELECT word, id FROM words ORDER BY word").fetchall()
        kept = [(word, id_) for word, id_ in rows if id_ < size and present[id_]]
        return dict(kept), [word for word, _ in kept]

    @property
    def _word_id(self) -> Mapping[str, int]:
        return self._vocabulary[0]

    @property
    def _sorted_vocabulary(self) -> Sequence[str]:
        return self._vocabulary[1]

    def _postings_of(self, word_id: int) -> np.ndarray:
        return self._gather(segment.postings_of(word_id) for segment in self._segments)

    def _pair_postings_of(self, first: int, second: int) -> np.ndarray:
        key = first << PAIR_SHIFT | second
        return self._gather(segment.pair_postings_of(key) for segment in self._segments)

    def _gather(self, parts: Iterable[np.ndarray]) -> np.ndarray:
        """Slots of each segment's local slots, one array."""
        found: list[np.ndarray] = [
            part + base for part, base in zip(parts, self._bases.tolist(), strict=False)
        ]
        nonempty = [part for part in found if len(part)]
        if len(nonempty) == 1:
            return nonempty[0]
        return np.concatenate([np.zeros(0, dtype=np.int64), *nonempty])

    def _order(self, slots: np.ndarray) -> np.ndarray:
        places: np.ndarray = self._article_of[slots]
        # An article's sentences have consecutive ids: ordering by id is reading order.
        return np.asarray((places.astype(np.int64) << 40) + self._sids[slots])

    def _sentences(self, slots: list[int]) -> Iterator[tuple[int, Sentence]]:
        places = self._article_of[slots]
        numbers = np.append(self._articles.numbers, -1)[places]
        rows = self._article_rows(sorted(set(numbers.tolist()) - {-1}))
        offsets: dict[int, np.ndarray] = {}
        days: dict[int, dt.date | None] = {}
        found: list[tuple[int, str, dt.date | None, str, int, int]] = []
        sids = self._sids[slots].tolist()
        for slot, number, sid in zip(slots, numbers.tolist(), sids, strict=True):
            row = rows.get(number)
            if row is None:
                continue  # deleted since this index was opened
            article_id, date, text, blob, first = row
            if number not in offsets:  # each sentence's (start, end), one after another
                offsets[number] = np.frombuffer(blob, dtype=np.int32)
                days[number] = dt.date.fromisoformat(date) if date else None
            at = 2 * (sid - first)
            start, end = offsets[number][at : at + 2].tolist()
            found.append((slot, article_id, days[number], text[start:end], start, end))
        # One fold for them all (one character for one: the newlines stay apart).
        folded = search_fold("\n".join(written for *_, written, _, _ in found))
        at = 0
        for slot, article_id, day, written, start, end in found:
            sentence = Sentence(
                article_id, day, written, folded[at : at + len(written)], start, end
            )
            at += len(written) + 1
            yield slot, sentence

    def _article_rows(
        self, numbers: list[int]
    ) -> dict[int, tuple[str, str | None, str, bytes, int]]:
        rows: dict[int, tuple[str, str | None, str, bytes, int]] = {}
        for start in range(0, len(numbers), _CHUNK):
            chunk = numbers[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            for number, *row in self._conn.execute(
                "SELECT number, id, date, text, sentences, first_sentence FROM articles"
                f" WHERE number IN ({marks})",
                chunk,
            ):
                rows[number] = (row[0], row[1], row[2], row[3], row[4])
        return rows

    def _articles_naming(self, wanted: str, leaders: Leaders | None) -> np.ndarray:
        """Which articles name the leader `wanted` (folded) by the name extracted or
        the name the corpus gives that person (`names`)."""
        renamed = [name for name, folded in self._canonical.items() if wanted in folded]
        marks = ",".join("?" * len(renamed))
        numbers = np.fromiter(
            (
                number
                for (number,) in self._conn.execute(
                    "SELECT DISTINCT article FROM leaders"
                    f" WHERE instr(folded, ?) > 0 OR name IN ({marks})",
                    [wanted, *renamed],
                )
            ),
            dtype=np.int64,
        )
        places = self._places
        naming = np.zeros(len(self._article_live), dtype=bool)
        naming[places[np.minimum(numbers, len(places) - 1)]] = True
        naming[-1] = False
        return naming

    @cached_property
    def _canonical(self) -> dict[str, str]:
        """Each extracted name -> the folded name the corpus gives that person."""
        rows = self._conn.execute("SELECT name, canonical FROM names")
        return {name: search_fold(canonical) for name, canonical in rows}


@dataclass(frozen=True, slots=True)
class IndexCache:
    """What opening an index reads from the store besides the segments (the live
    articles in list order, the vocabulary: 0.3 s at 100,000 articles), kept in a file
    of the segments folder named by the store's generation and segment names: the
    first index opened at a generation writes it, the next ones read it (a CLI
    command, the app). Best effort: a file that cannot be written or read is read
    from the store instead. Only the last one written is kept."""

    folder: Path
    key: str

    @classmethod
    def of(cls, conn: sqlite3.Connection, folder: Path, names: list[str]) -> IndexCache:
        row = conn.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
        text = "\n".join([str(row[0] if row else 0), *names])
        return cls(folder, hashlib.blake2b(text.encode(), digest_size=8).hexdigest())

    @property
    def path(self) -> Path:
        return self.folder / f"{CACHE_PREFIX}{self.key}.npz"

    def load(
        self, conn: sqlite3.Connection
    ) -> tuple[LiveArticles, tuple[Mapping[str, int], list[str]]] | None:
        try:
            with np.load(self.path, allow_pickle=False) as data:
                articles = LiveArticles(data["numbers"], data["days"])
                text, ids = bytes(data["words"]).decode(), np.asarray(data["ids"])
        except (OSError, ValueError, KeyError, UnicodeDecodeError):
            return None
        words = text.split("\n") if text else []
        if len(words) != len(ids) or not articles.matches(conn):
            return None
        return articles, (SortedWords(words, ids), words)

    def save(self, articles: LiveArticles, words: list[str], ids: Mapping[str, int]) -> None:
        temporary = self.folder / f"{CACHE_PREFIX}{self.key}.{os.getpid()}.part.npz"
        try:
            with temporary.open("wb") as out:
                np.savez(
                    out,
                    numbers=articles.numbers,
                    days=articles.days,
                    words=np.frombuffer("\n".join(words).encode(), dtype=np.uint8),
                    ids=np.fromiter((ids[word] for word in words), np.int64, len(words)),
                )
            os.replace(temporary, self.path)
            for old in self.folder.glob(f"{CACHE_PREFIX}*"):
                if old != self.path:
                    old.unlink(missing_ok=True)
        except OSError:
            temporary.unlink(missing_ok=True)


def remember_index(conn: sqlite3.Connection, folder: Path) -> None:
    """Write the `IndexCache` of the store as it is now, unless it is there: a refresh
    does it as it ends, so that the first search after a large one (the app's, a
    command's) does not read 100,000 articles and the vocabulary from SQLite (two
    seconds, at an app's start)."""
    with _snapshot(conn):
        cache = IndexCache.of(conn, folder, segment_names(conn))
    if not cache.path.exists():
        StoreIndex.open(conn, folder)


class DamagedIndex(ValueError):
    """A segment file that cannot be used (gone, cut short, of the wrong shape)."""


def compact(conn: sqlite3.Connection, folder: Path) -> None:
    """`tui.core.segments.compact`, after checking the files of every segment: one
    that cannot be used is `DamagedIndex` (the store is then made again), where the
    compaction would drop it and its sentences would never be found again."""
    for name in segment_names(conn):
        try:
            _checked(Segment.load(folder, name))
        except Exception as error:  # any damage of a file is told
            raise DamagedIndex(f"a search file in {folder.name}: {error}") from None
    segment_files.compact(conn, folder)


def _checked(segment: Segment) -> Segment:
    """`segment`, after cheap checks that its arrays fit together (not their every
    value: a search that meets a bad one fails and the store is made again)."""
    arrays = [getattr(segment, kind) for kind in KINDS]
    if any(a.ndim != 1 or a.dtype.kind not in "iu" for a in arrays):
        raise ValueError(f"{segment.name}: an array of the wrong shape or type")
    s = segment
    fits = (
        len(s.bounds) >= 1
        and int(s.bounds[0]) == 0
        and int(s.bounds[-1]) == len(s.postings)
        and len(s.pair_bounds) == len(s.pair_keys) + 1
        and int(s.pair_bounds[0]) == 0
        and int(s.pair_bounds[-1]) == len(s.pair_slots)
        and len(s.sids) == len(s.articles)
    )
    if not fits:
        raise ValueError(f"{segment.name}: arrays that do not fit together")
    return segment
