"""The threads of a store's commitments (`tui.core.threads`), read from the
`commitments` table and kept in a file beside the store (`library.threads.json`),
made again when the store, the topics or the code that links them changes (as
events are: `events_cache`). No table of the store changes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import cache, partial
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from tui.core.cancel import ShouldStop, check
from tui.core.extract.lexicon import Lexicon
from tui.core.extract.topics import topics_of
from tui.core.files import read_regular, write_atomic
from tui.core.store import schema
from tui.core.store.records import chunks, from_stored, stored_leaders
from tui.core.thread_words import STAGES
from tui.core.threads import EVERY, Thread, ThreadEntry, ThreadInput, link_threads, paused_gc

__all__ = [
    "ThreadIndex", "cache_path", "corpus_threads", "entry_sentences", "lock_path",
    "read_discussions", "read_inputs", "threads_kept",
]  # fmt: skip

VERSION = 3
MAX_BYTES = 512 * 1024 * 1024
_INPUTS = (
    'SELECT c.id, a.id, c.day, c.position, c.start, c."end", c.kind, c.actors, c.sides,'
    " c.topics, c.text FROM commitments AS c JOIN articles AS a ON a.number = c.article"
    " WHERE c.topics != '[]'"
)


def read_inputs(
    conn: sqlite3.Connection,
    lexicon: Lexicon | None = None,
    should_stop: ShouldStop | None = None,
) -> list[ThreadInput]:
    """Every commitment with a topic, as linking reads it; with `lexicon`, the
    discussions too (`read_discussions`)."""
    found = _commitments(conn)
    if lexicon is not None:
        check(should_stop)
        found += read_discussions(conn, lexicon, should_stop)
    return found


def _commitments(conn: sqlite3.Connection) -> list[ThreadInput]:
    rows = conn.execute(_INPUTS).fetchall()
    # The three JSON lists of every row parsed at once (one `json.loads`, not 300,000).
    lists = json.loads(
        "[" + ",".join(f"[{from_stored(row[7])},{from_stored(row[8])},{from_stored(row[9])}]"
                       for row in rows) + "]"
    )  # fmt: skip
    found = []
    for row, (actors, sides, topics) in zip(rows, lists, strict=True):
        key, article, day, position, start, end, kind = row[:7]
        found.append(ThreadInput(
            key, from_stored(article), dt.date.fromordinal(day) if day > 0 else None, position,
            start, end, kind, tuple(actors), tuple(sides), tuple(topics), from_stored(row[10]),
        ))  # fmt: skip
    return found


_DISCUSSED = (
    "SELECT a.number, a.id, a.day, a.text FROM articles AS a WHERE instr(a.text, 'discuss') > 0"
    " OR instr(a.text, 'exchanged views on') > 0 OR instr(a.text, 'reviewed') > 0"
)
_SPANS = 'SELECT article, start, "end" FROM commitments'
_CUES = ("discuss", "exchanged views on", "reviewed")
_CUE = re.compile(r"(?:discuss(?:ed|ing)|exchanged views on|reviewed)\b")
_REACH = 600
"""How far before its cue a sentence may start, in characters."""
_SENTENCE_END = re.compile(r"[.!?][\"”’)]*(?=\s|$)|\n")


def read_discussions(
    conn: sqlite3.Connection, lexicon: Lexicon, should_stop: ShouldStop | None = None
) -> list[ThreadInput]:
    """The sentences where leaders discussed or reviewed something of a topic and
    undertook nothing (no commitment of the article is there): kind `discussion`.
    They join threads; they start none (`link_threads`). `should_stop` is checked
    every `EVERY` articles."""
    found: list[ThreadInput] = []
    spans: dict[int, list[tuple[int, int]]] = {}
    for article, start, end in conn.execute(_SPANS):
        spans.setdefault(article, []).append((start, end))
    for at, (number, article_id, day, stored) in enumerate(conn.execute(_DISCUSSED)):
        if at % EVERY == 0:
            check(should_stop)
        text = from_stored(stored)
        taken = spans.get(number, ())
        for position, (start, end) in enumerate(_cue_sentences(text)):
            if any(a < end and start < b for a, b in taken):
                continue
            sentence = text[start:end]
            topics = topics_of(sentence, lexicon)
            if topics:
                found.append(ThreadInput(
                    -(number * 1000 + position), from_stored(article_id),
                    dt.date.fromordinal(day) if day > 0 else None, 1000 + position, start, end,
                    "discussion", (), (), topics, sentence,
                ))  # fmt: skip
    return found


def _cue_sentences(text: str) -> list[tuple[int, int]]:
    """`(start, end)` of each sentence of `text` holding a discussion cue, once each."""
    spans: list[tuple[int, int]] = []
    for at in _cues_in(text):
        if spans and at < spans[-1][1]:
            continue
        start = max(0, at - _REACH)
        for end_mark in _SENTENCE_END.finditer(text, start, at):
            start = end_mark.end()
        while start < len(text) and text[start].isspace():
            start += 1
        after = _SENTENCE_END.search(text, at)
        spans.append((start, after.end() if after else len(text)))
    return spans


def _cues_in(text: str) -> list[int]:
    """Where each discussion cue of `text` starts, in order (found as plain strings,
    far faster than a pattern over a whole article, then checked as words)."""
    found = []
    for cue in _CUES:
        at = text.find(cue)
        while at >= 0:
            if _CUE.match(text, at) and (at == 0 or not text[at - 1].isalnum()):
                found.append(at)
            at = text.find(cue, at + 1)
    return sorted(found)


class ThreadIndex:
    """The corpus's threads as of one store generation, by id and by topic."""

    def __init__(
        self, generation: int, threads: list[Thread], aliases: dict[str, str] | None = None
    ) -> None:
        self.generation = generation
        self.threads = threads
        self._by_id = {thread.id: thread for thread in threads}
        self._aliases = aliases or {}
        """Earlier ids of threads whose first entry changed -> their id now."""
        self._topics: dict[str, list[Thread]] = {}
        for thread in threads:
            self._topics.setdefault(thread.topic, []).append(thread)

    def of_topic(self, topic: str | None = None) -> list[Thread]:
        """Every thread, or those of `topic`."""
        return list(self.threads) if topic is None else self._topics.get(topic, [])

    def get(self, thread_id: str) -> Thread | None:
        """The thread of this id (or of an id it had before an earlier entry joined
        it), or of the one id that starts with it."""
        found = self._by_id.get(thread_id) or self._by_id.get(self._aliases.get(thread_id, ""))
        if found is None and thread_id:
            starting = {key for key in self._by_id if key.startswith(thread_id)}
            starting |= {now for key, now in self._aliases.items() if key.startswith(thread_id)}
            found = self._by_id.get(starting.pop()) if len(starting) == 1 else None
        return found


_TEXTS = "SELECT id, text FROM articles WHERE id IN (SELECT value FROM json_each(?))"
_EXTRACTIONS = (
    "SELECT a.id, e.data FROM articles AS a JOIN extractions AS e ON e.article = a.number"
    " WHERE a.id IN (SELECT value FROM json_each(?))"
)


def leader_countries(conn: sqlite3.Connection, articles: set[str]) -> dict[str, set[str]]:
    """The countries of the leaders of each of `articles` (by id), from their
    extractions (the leaders only are read of them)."""
    found: dict[str, set[str]] = {}
    for chunk in chunks(sorted(articles), 2000):
        for article, data in conn.execute(_EXTRACTIONS, (json.dumps(list(chunk)),)):
            countries = {country for _, country, _ in stored_leaders(data) if country}
            found[from_stored(article)] = countries
    return found


def entry_sentences(
    conn: sqlite3.Connection, threads: Iterable[Thread]
) -> dict[tuple[str, int], str]:
    """The sentence of each entry of `threads`, by (article id, start): read from
    the articles' texts at the entries' offsets."""
    wanted: dict[str, list[tuple[int, int]]] = {}
    for thread in threads:
        for entry in thread.entries:
            wanted.setdefault(entry.article_id, []).append((entry.start, entry.end))
    found: dict[tuple[str, int], str] = {}
    for chunk in chunks(list(wanted), 2000):
        for article, stored in conn.execute(_TEXTS, (json.dumps(list(chunk)),)):
            text = from_stored(stored)
            for start, end in wanted[from_stored(article)]:
                found[from_stored(article), start] = text[start:end]
    return found


def cache_path(store: Path) -> Path:
    """`library.sqlite` -> `library.threads.json`."""
    return store.with_suffix(".threads.json")


def lock_path(store: Path) -> Path:
    """`library.sqlite` -> `library.threads.lock`: held by whoever links the threads
    of the store (the app ahead of time, a screen, the CLI), so that one links and
    the others read what it kept."""
    return store.with_suffix(".threads.lock")


def corpus_threads(
    conn: sqlite3.Connection,
    generation: int,
    lexicon: Lexicon,
    store: Path | None = None,
    should_stop: ShouldStop | None = None,
) -> ThreadIndex:
    """Link every commitment of the store into threads; with `store` (the store's
    file), read them from the file beside it when it was made of this store as it
    is, else link them (one process at a time: `lock_path`) and keep them there.
    `should_stop` is checked as they are read, waited for and linked (`Cancelled`:
    nothing is kept)."""
    if store is None:
        with paused_gc():
            found = link_threads(read_inputs(conn, lexicon, should_stop), lexicon.topics,
                                 should_stop=should_stop,
                                 leader_countries=partial(leader_countries, conn))  # fmt: skip
        return ThreadIndex(generation, found)
    key = _key(conn, store, lexicon)
    path = cache_path(store)
    with paused_gc():
        kept = _load(path, key)
        if kept is None:
            with _linking(store, should_stop):
                kept = _load(path, key)  # linked while this waited
                if kept is None:
                    inputs = read_inputs(conn, lexicon, should_stop)
                    threads = link_threads(
                        inputs,
                        lexicon.topics,
                        should_stop=should_stop,
                        leader_countries=partial(leader_countries, conn),
                    )
                    kept = threads, moved_ids(_load(path, None), threads)
                    _save(path, key, *kept)
    return ThreadIndex(generation, *kept)


def moved_ids(
    before: tuple[list[Thread], dict[str, str]] | None, threads: list[Thread]
) -> dict[str, str]:
    """The ids threads had `before` (the threads kept last, and their earlier ids)
    that are no id of `threads` -> the id of the thread now holding their first
    entry (where it went, most of their other entries). A thread's id comes from
    its first entry: the other side's readout of the first meeting, sorted before
    it, changes it (and changes it back when removed); the old id still finds it."""
    if before is None:
        return {}
    earlier, aliases = before
    now = {thread.id for thread in threads}
    holder = {
        (entry.article_id, entry.position, thread.topic): thread.id
        for thread in threads
        for entry in thread.entries
    }
    moved: dict[str, str] = {}
    for thread in earlier:
        if not thread.entries or thread.id in now:
            continue
        first = thread.entries[0]
        found = holder.get((first.article_id, first.position, thread.topic))
        if found is None:  # its first entry went: the thread holding most of the rest
            held = Counter(
                holder.get((entry.article_id, entry.position, thread.topic))
                for entry in thread.entries[1:]
            )
            held.pop(None, None)
            found = max(held, key=lambda key: (held[key], key)) if held else None
        if found is not None:
            moved[thread.id] = found
    for alias, target in aliases.items():
        found = target if target in now else moved.get(target)
        if found is not None and alias not in now:
            moved.setdefault(alias, found)
    return moved


def threads_kept(conn: sqlite3.Connection, store: Path, lexicon: Lexicon) -> bool:
    """Whether the file beside `store` holds its threads as it is now (read from the
    file's first bytes, where `_save` puts the key: not the whole file)."""
    try:
        with open(cache_path(store), "rb") as file:
            head = file.read(_HEAD_BYTES)
    except OSError:
        return False
    match = _KEY.match(head)
    return match is not None and match.group(1).decode("utf-8") == _key(conn, store, lexicon)


_HEAD_BYTES = 512
_KEY = re.compile(rb'\{"key": "([^"\\]*)"')


@contextlib.contextmanager
def _linking(store: Path, should_stop: ShouldStop | None) -> Iterator[None]:
    """Hold the lock of linking the threads of `store`, waiting for another process
    (checking `should_stop` every 0.1 s); without a lock file (a folder that cannot
    be written), link alone."""
    lock = FileLock(str(lock_path(store)))
    while True:
        try:
            lock.acquire(timeout=0.1)
            break
        except Timeout:
            check(should_stop)
        except OSError:
            yield
            return
    try:
        yield
    finally:
        lock.release()


def _key(conn: sqlite3.Connection, store: Path, lexicon: Lexicon) -> str:
    """What the threads of the store are made from, as one string: the store (its
    file, generation and commitments), the topics and the code that links them."""
    highest, count = conn.execute("SELECT max(id), count(*) FROM commitments").fetchone()
    try:
        inode = os.stat(store).st_ino
    except OSError:
        inode = -1
    made_from = json.dumps([[t.tag, list(t.words), list(t.vetoes)] for t in lexicon.topics])
    digest = hashlib.blake2b(made_from.encode("utf-8"), digest_size=16).hexdigest()
    generation = schema.generation(conn)
    return f"{VERSION}:{_code()}:{inode}:{generation}:{highest}:{count}:{digest}"


@cache
def _code() -> str:
    """A digest of what links threads (another readout version links otherwise)."""
    from tui.core import terms, threads

    digest = hashlib.blake2b(digest_size=8)
    for source in (Path(str(threads.__file__)), Path(str(terms.__file__)),
                   Path(str(threads.__file__)).parent.parent / "data" / "threads.yaml",
                   Path(__file__)):  # fmt: skip
        try:
            digest.update(source.read_bytes())
        except OSError:
            digest.update(source.name.encode())
    return digest.hexdigest()


def _load(path: Path, key: str | None) -> tuple[list[Thread], dict[str, str]] | None:
    """The threads kept at `path` for `key` (`None`: whatever they were made of) and
    the earlier ids of those threads; `None` when there are none."""
    try:
        data = json.loads(read_regular(path, MAX_BYTES).decode("utf-8"))
        if not isinstance(data, dict) or (key is not None and data.get("key") != key):
            return None
        aliases = data.get("aliases", {})
        if not isinstance(aliases, dict):
            return None
        return _threads(data), {str(k): str(v) for k, v in aliases.items()}
    except (OSError, ValueError, KeyError, TypeError, IndexError, RecursionError):  # too deep too
        return None


def _save(path: Path, key: str, threads: list[Thread], aliases: dict[str, str]) -> None:
    """Keep `threads` at `path` for `key`, as columns read back fast: each thread's
    id, topic, object, countries and count of entries; then every entry as `_FIELDS`
    numbers in one flat list (articles and kinds by their place in a table)."""
    articles: dict[str, int] = {}
    kinds: dict[str, int] = {}
    stages = {stage: at for at, stage in enumerate(STAGES)}
    numbers: list[int] = []
    for e in (entry for thread in threads for entry in thread.entries):
        numbers += (
            e.key, articles.setdefault(e.article_id, len(articles)),
            e.date.toordinal() if e.date else 0, e.position, e.start, e.end,
            kinds.setdefault(e.kind, len(kinds)), stages.get(e.stage or "", -1),
        )  # fmt: skip
    data = {
        "key": key, "articles": list(articles), "kinds": list(kinds),
        "threads": [[t.id, t.topic, t.about, list(t.sides), len(t.entries)] for t in threads],
        "entries": numbers, "aliases": aliases,
    }  # fmt: skip
    with contextlib.suppress(OSError):
        write_atomic(path, json.dumps(data, ensure_ascii=False).encode("utf-8"))


_FIELDS = 8


def _threads(data: dict[str, Any]) -> list[Thread]:
    """The threads of a file `_save` wrote: the entries made a column at a time."""
    articles = [str(article) for article in data["articles"]]
    kinds = [str(kind) for kind in data["kinds"]]
    stages: list[str | None] = [*STAGES, None]  # -1: none
    numbers: list[int] = data["entries"]
    heads: list[list[Any]] = data["threads"]
    if len(numbers) != _FIELDS * sum(int(head[4]) for head in heads):
        raise ValueError("not as many entries as the threads say")
    days = {day: dt.date.fromordinal(day) if day > 0 else None for day in set(numbers[2::8])}
    recurring = [True] * (len(numbers) // _FIELDS)
    at = 0
    for head in heads:
        recurring[at] = False
        at += int(head[4])
    entries = list(map(
        ThreadEntry, numbers[0::8], [articles[n] for n in numbers[1::8]],
        [days[n] for n in numbers[2::8]], numbers[3::8], numbers[4::8], numbers[5::8],
        [kinds[n] for n in numbers[6::8]], [stages[n] for n in numbers[7::8]], recurring,
    ))  # fmt: skip
    found = []
    at = 0
    for thread_id, topic, about, sides, count in heads:
        found.append(Thread(str(thread_id), str(topic), str(about), tuple(sides),
                            tuple(entries[at : at + count])))  # fmt: skip
        at += count
    return found
