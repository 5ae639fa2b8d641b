"""`import_sources`: URLs, saved pages, feeds and folders of them in, readout files out.

Each source gives one `Outcome` (a feed, one an entry): written, revised (the page
changed since it was imported: its earlier text kept as a version), skipped (already
there: same address, or same text) or failed (one line saying why). A failed source
never stops the others, and nothing is half-written: a file is written whole or not
at all, and a revision keeps the earlier text before the file is replaced.

Writers take turns: an import holds the target folder's lock (`writing.folder_lock`)
from its first duplicate check to its end, so two imports into one folder cannot both
write the same article. `dry_run` writes nothing, takes no lock, and says what would
be written.
"""

from __future__ import annotations

import datetime as dt
import re
import urllib.parse
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from tui.core.cancel import ShouldStop, check
from tui.core.corpus import read_header
from tui.core.corpus_files import display_path
from tui.core.importing.dedupe import (
    Index,
    Known,
    canonical_url,
    on_file,
    same_page,
    without_tracking,
)
from tui.core.importing.feeds import Entry, read_feed
from tui.core.importing.fetch import (
    DEFAULT_TIMEOUT,
    Fetched,
    ImportFailure,
    TimedOut,
    fetch_url,
    read_file,
)
from tui.core.importing.page import read_page
from tui.core.importing.versions import keep_version
from tui.core.importing.writing import (
    MAX_TITLE,
    Readout,
    file_name,
    folder_lock,
    has_versions,
    one_value,
    replace_file,
    write_new,
)

__all__ = ["SOURCE_SUFFIXES", "Outcome", "Progress", "import_sources"]

SOURCE_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".xml", ".rss", ".atom"})
"""The files of a folder source that are imported."""

Status = Literal["written", "revised", "skipped", "failed"]
Progress = Callable[[int, int, str], None]
"""Called as `progress(done, total, source)` before the first source and after each,
with the source being imported next (the last one, at the end). A feed counts as its
entries once it is read (`total` grows), each entry a step."""
HOST_TIMEOUTS = 2
"""After this many time-outs of one host, its other addresses are not tried."""
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one source (or one feed entry)."""

    status: Status
    source: str
    path: Path | None = None
    url: str | None = None
    title: str | None = None
    reason: str | None = None
    version: int | None = None  # revised: the number the earlier text was kept as

    def as_dict(self) -> dict[str, object]:
        return {
            "status": self.status,
            "source": self.source,
            "path": display_path(self.path) if self.path else None,
            "url": self.url,
            "title": self.title,
            "reason": self.reason,
            "version": self.version,
        }


@dataclass(frozen=True, slots=True)
class _Source:
    given: str
    path: Path | None  # a file; `None` for a URL


def expand(sources: Sequence[str]) -> list[_Source | Outcome]:
    """Each source as a URL or a file (a folder as its pages and feeds), or why not."""
    items: list[_Source | Outcome] = []
    for given in sources:
        if _SCHEME.match(given):
            items.append(_Source(given, None))
            continue
        path = Path(given)
        if path.is_dir():
            files = sorted(
                p for p in path.iterdir() if p.suffix.lower() in SOURCE_SUFFIXES and p.is_file()
            )
            if not files:
                items.append(Outcome("failed", given, reason=f"no pages or feeds in {given}"))
            items.extend(_Source(str(file), file) for file in files)
        elif path.is_file():
            items.append(_Source(given, path))
        elif path.exists():  # a FIFO, a device: reading it could wait for ever
            items.append(Outcome("failed", given, reason=f"not a file or a folder: {given}"))
        else:
            items.append(Outcome("failed", given, reason=f"no such file or folder: {given}"))
    return items


@dataclass
class _Steps:
    """How far an import is, told to its `Progress`: one step a source, or a feed's
    entries once the feed is read."""

    progress: Progress | None
    total: int
    done: int = 0

    def tell(self, label: str) -> None:
        if self.progress is not None:
            self.progress(self.done, self.total, label)


@dataclass
class _Run:
    """One import's settings and the folder's index (read when first needed)."""

    to: Path
    timeout: float
    dry_run: bool
    now: dt.datetime
    should_stop: ShouldStop | None
    locks: ExitStack
    known_in: Path
    _index: Index | None = None
    timeouts: dict[str, int] = field(default_factory=dict)  # by host
    steps: _Steps = field(default_factory=lambda: _Steps(None, 0))

    def index(self) -> Index:
        if self._index is None:
            if not self.dry_run:
                self.to.mkdir(parents=True, exist_ok=True)
                self.locks.enter_context(folder_lock(self.to))
            self._index = Index.of_folder(self.known_in, self.should_stop)
        return self._index


def import_sources(
    sources: Sequence[str],
    *,
    to: Path,
    timeout: float = DEFAULT_TIMEOUT,
    dry_run: bool = False,
    progress: Progress | None = None,
    should_stop: ShouldStop | None = None,
    now: dt.datetime | None = None,
    library: Path | None = None,
) -> Iterator[Outcome]:
    """Import every source into the folder `to`; yield what became of each.

    `library` is the corpus folder: when `to` is inside it, every article of the
    library counts for duplicates, not only those of `to`."""
    items = expand(sources)
    with ExitStack() as locks:
        moment = now or dt.datetime.now(dt.UTC)
        run = _Run(to, timeout, dry_run, moment, should_stop, locks, _known_in(to, library))
        steps = run.steps = _Steps(progress, len(items))
        if items:
            steps.tell(_label(items[0]))
        for number, item in enumerate(items, start=1):
            check(should_stop)
            if isinstance(item, Outcome):
                yield item
            else:
                yield from _one_source(item, run)  # a feed: a step an entry but the last
            steps.done += 1
            steps.tell(_label(items[number] if number < len(items) else item))


def _known_in(to: Path, library: Path | None) -> Path:
    """The folder whose articles count for duplicates: the library, when `to` is in it."""
    if library is None:
        return to
    try:
        inside = to.resolve().is_relative_to(library.resolve())
    except OSError:
        return to
    return library if inside else to


def _label(item: _Source | Outcome) -> str:
    return item.given if isinstance(item, _Source) else item.source


def _one_source(source: _Source, run: _Run) -> Iterator[Outcome]:
    try:
        fetched = _fetch(source.given, run) if source.path is None else read_file(source.path)
        if fetched.kind == "feed":
            yield from _feed(fetched, source, run)
            return
        yield _place(_readout(fetched, source, run, None), source.given, run)
    except ImportFailure as error:
        yield Outcome("failed", source.given, reason=str(error))
    except OSError as error:  # writing: a full disk, a folder that is not writable
        yield Outcome("failed", source.given, reason=_cannot_write(run.to, error))


def _fetch(url: str, run: _Run) -> Fetched:
    """`fetch_url`, but not of a host that has timed out `HOST_TIMEOUTS` times in this
    import: a feed of 1,000 links to a server that hangs takes two time-outs, not
    1,000."""
    host = _host(url)
    if run.timeouts.get(host, 0) >= HOST_TIMEOUTS:
        raise ImportFailure(f"not tried: {host} timed out {HOST_TIMEOUTS} times: {url}")
    try:
        return fetch_url(url, timeout=run.timeout)
    except TimedOut:
        run.timeouts[host] = run.timeouts.get(host, 0) + 1
        raise


def _feed(fetched: Fetched, source: _Source, run: _Run) -> Iterator[Outcome]:
    base = fetched.final_url if source.path is None else None
    feed = read_feed(fetched.data, source.given, base)
    run.steps.total += max(0, len(feed.entries) - 1)  # the feed's step: its last entry
    for number, entry in enumerate(feed.entries, start=1):
        check(run.should_stop)
        where = entry.link or f"{source.given} (entry {number})"
        if number > 1:
            run.steps.done += 1
            run.steps.tell(where)
        try:
            if entry.paragraphs is not None:
                url = without_tracking(entry.link) if entry.link else None
                readout = Readout(
                    date=entry.date, title=entry.title, source=feed.title or None,
                    url=url, text="\n\n".join(entry.paragraphs), imported=run.now,
                )  # fmt: skip
            elif entry.link is None:
                raise ImportFailure(f"entry {number} has neither its text nor a link")
            else:
                page = _fetch(entry.link, run)
                readout = _readout(page, _Source(entry.link, None), run, entry)
            yield _place(readout, where, run)
        except ImportFailure as error:
            yield Outcome("failed", where, url=entry.link, title=entry.title, reason=str(error))
        except OSError as error:
            reason = _cannot_write(run.to, error)
            yield Outcome("failed", where, url=entry.link, title=entry.title, reason=reason)


def _cannot_write(folder: Path, error: OSError) -> str:
    return f"cannot write to {display_path(folder)}: {error.strerror or error}"


def _readout(fetched: Fetched, source: _Source, run: _Run, entry: Entry | None) -> Readout:
    """The article of a page (what its feed entry said filling what the page lacks)."""
    if fetched.kind != "html":
        raise ImportFailure(f"not an HTML page: {fetched.final_url}")
    web = source.path is None
    page = read_page(fetched.text, fetched.final_url if web else None)
    url = _trusted(page.url, fetched.final_url) if web else page.url
    return Readout(
        date=page.date or (entry.date if entry else None),
        title=page.title or (entry.title if entry else ""),
        source=page.site,
        url=without_tracking(url) if url else None,
        text=page.text,
        imported=run.now,
    )


def _trusted(canonical: str | None, fetched: str) -> str:
    """The page's own canonical address when it is on the host the page came from
    and is not the site's home page (a site that names it on every page); else where
    the page was fetched (a page cannot name another site's article as itself)."""
    if not canonical or _host(canonical) != _host(fetched) or not _host(fetched):
        return fetched
    home = _path(canonical) == "/" and _path(fetched) != "/"
    return fetched if home else canonical


def _path(url: str) -> str:
    try:
        return urllib.parse.urlsplit(url).path.rstrip("/") or "/"
    except ValueError:
        return "/"


def _host(url: str) -> str:
    try:
        host = (urllib.parse.urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""
    return host.removeprefix("www.")


def _place(readout: Readout, given: str, run: _Run) -> Outcome:
    """Write `readout`, revise the article it is a new text of, or say it is there."""
    index = run.index()
    found = _revision_of(index.by_url(readout.url), readout)
    if found is not None:
        if found.text == readout.text.strip():
            return _skipped(given, readout, f"same URL as {found.path.name} (unchanged)", found)
        return _revise(found, readout, given, run)
    same = index.same_text(readout.text, readout.date)
    if same is not None:
        if _edited_copy(same, readout):
            return _revise(same, readout, given, run)
        return _skipped(given, readout, f"same text as {same.path.name}", same)
    if run.dry_run:
        path = _free_name(run.to, readout, {known.path for known in index.entries})
    else:
        path = write_new(run.to, readout)
    url = canonical_url(readout.url) if readout.url else None
    title = one_value(readout.title, MAX_TITLE)
    index.add(Known(path, url, readout.fingerprint, readout.date, readout.text.strip(), title))
    return Outcome("written", given, path, readout.url, readout.title)


def _revision_of(candidates: list[Known], readout: Readout) -> Known | None:
    """The article of the same address that `readout` is the same text, or a new
    version, of (`same_page`); `None` when it is none of them: a new article."""
    pages = [(known, on_file(known)) for known in candidates]
    for known, (_, body) in pages:
        if body == readout.text.strip():
            return known
    for known, (title, body) in pages:
        if same_page(title, body, one_value(readout.title, MAX_TITLE), readout.text):
            return known
    return None


def _edited_copy(known: Known, readout: Readout) -> bool:
    """Whether `readout`, of no address, is a new text of the article `known`, of none
    either (a saved page edited and imported again): the same outlet and date, the
    text differs and `same_page` says it is the same article. Another outlet's copy
    (syndicated, a day later, a credit line added) is not an edit of this one."""
    if known.url is not None or readout.url is not None or known.date != readout.date:
        return False
    if _outlet(known) != _folded_outlet(readout.source):
        return False
    title, body = on_file(known)
    new_title = one_value(readout.title, MAX_TITLE)
    return body != readout.text.strip() and same_page(title, body, new_title, readout.text)


def _outlet(known: Known) -> str:
    try:
        header = read_header(known.path.read_text(encoding="utf-8", errors="replace"))[0]
    except OSError:
        return ""
    source = header.get("source")
    return _folded_outlet(source if isinstance(source, str) else None)


def _folded_outlet(source: str | None) -> str:
    return " ".join((source or "").casefold().split())


def _skipped(given: str, readout: Readout, reason: str, known: Known) -> Outcome:
    return Outcome("skipped", given, known.path, readout.url, readout.title, f"skipped: {reason}")


def _revise(found: Known, readout: Readout, given: str, run: _Run) -> Outcome:
    """Keep the article's present text as a version, then write the new one."""
    if run.dry_run:
        number = None
    else:
        number = keep_version(found.path)
        revised = replace(readout, revised=run.now.date(), versions=number)
        replace_file(found.path, revised)
    run.index().revised(found, readout.text, readout.fingerprint)
    found.title = one_value(readout.title, MAX_TITLE)
    reason = "the text changed; the earlier text kept" + (f" as version {number}" if number else "")
    return Outcome("revised", given, found.path, readout.url, readout.title, reason, number)


def _free_name(folder: Path, readout: Readout, taken: set[Path]) -> Path:
    """The name `write_new` would give `readout` now (not one this dry run gave)."""
    for number in range(1, 10_000):
        path = folder / file_name(readout.date, readout.naming, number)
        if path not in taken and not path.exists() and not has_versions(path):
            return path
    raise ImportFailure(f"no free name for {file_name(readout.date, readout.naming)}")
