"""Writing the notes file: locked, applied to the file as it is now, undone when it
fails, symlinks kept; the spool written first, shared, never writing twice."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import threading
from dataclasses import replace
from pathlib import Path

import pytest
from filelock import FileLock, Timeout

from tests.conftest import ROOT
from tests.core.test_notes_format import ARTICLE, QUOTE, TEXT, bookmark
from tui.core.notes import Bookmark, NotesError
from tui.core.notes_file import NotesFile
from tui.core.notes_parse import load_notes
from tui.core.notes_store import NotesService, Spool, spool_path


def test_an_edit_applies_to_the_file_as_it_is_now(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    notes = NotesFile(path)
    first, second = bookmark("one", id="first"), bookmark("two", id="second")
    notes.append(first)
    notes.append(second)
    stale = notes.load()  # as the app read it
    text = path.read_text("utf-8")
    text = text.replace("\ntwo\n", "\ntwo, edited by hand meanwhile\n")
    text = text.replace("## ", "## My own heading · ", 1) + "\nA paragraph added by hand.\n"
    path.write_text(text, "utf-8")
    notes.update(stale.bookmarks[0].id, "one, edited in the app", [])
    after = path.read_text("utf-8")
    assert "A paragraph added by hand.\n" in after
    assert "## My own heading · " in after
    loaded = load_notes(path)
    assert [b.note for b in loaded.bookmarks] == [
        "one, edited in the app",
        "two, edited by hand meanwhile",
    ]
    notes.delete("first")
    assert "A paragraph added by hand." in path.read_text("utf-8")
    assert [b.note for b in load_notes(path).bookmarks] == ["two, edited by hand meanwhile"]


def _lock_is_free(path: Path) -> bool:
    """Whether another thread could take the notes file's lock right now."""
    free: list[bool] = []

    def other_writer() -> None:
        try:
            with FileLock(str(path) + ".lock", timeout=0):
                free.append(True)
        except Timeout:
            free.append(False)

    thread = threading.Thread(target=other_writer)
    thread.start()
    thread.join()
    return free[0]


def test_the_lock_is_held_while_the_file_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "notes.md"
    free_while_writing: list[bool] = []
    real_write = os.write

    def watched_write(fd: int, data: bytes) -> int:
        free_while_writing.append(_lock_is_free(path))
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", watched_write)
    NotesFile(path).append(bookmark(id="one"))  # append
    NotesFile(path).update("one", "edited", [])  # rewrite
    monkeypatch.setattr(os, "write", real_write)
    assert free_while_writing == [False, False]
    assert _lock_is_free(path)  # and let go after


@pytest.mark.parametrize("failure", ["disk full", "short write"])
def test_a_failed_append_leaves_the_file_exactly_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: str
) -> None:
    path = tmp_path / "notes.md"
    NotesFile(path).append(bookmark("kept"))
    before = path.read_bytes()
    real_write = os.write
    calls: list[int] = []

    def half_then_fail(fd: int, data: bytes) -> int:
        calls.append(len(data))
        if len(calls) > 1:
            if failure == "short write":
                return 0
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, bytes(data)[: len(data) // 2])

    monkeypatch.setattr(os, "write", half_then_fail)
    with pytest.raises(NotesError, match=r"no space left|disk is full"):
        NotesFile(path).append(bookmark("lost"))
    monkeypatch.setattr(os, "write", real_write)
    assert path.read_bytes() == before
    assert len(calls) == 2


def test_a_failed_first_append_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "notes.md"

    def disk_full(fd: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", disk_full)
    with pytest.raises(NotesError, match="no space left"):
        NotesFile(path).append(bookmark("lost"))
    assert not path.exists()


@pytest.mark.parametrize("given", ["absolute", "relative", "symlink to symlink"])
def test_a_notes_path_that_is_a_symlink_stays_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, given: str
) -> None:
    real = tmp_path / "sync" / "real-notes.md"
    real.parent.mkdir()
    link = tmp_path / "notes.md"
    link.symlink_to(Path("sync") / "real-notes.md")
    if given == "symlink to symlink":
        (tmp_path / "again.md").symlink_to(link)
        link = tmp_path / "again.md"
    if given == "relative":
        monkeypatch.chdir(tmp_path)
        link = Path(link.name)
    notes = NotesFile(link)
    notes.append(bookmark("one", id="one"))
    notes.update("one", "edited", [])
    notes.append(bookmark("two", id="two"))
    notes.delete("two")
    assert link.is_symlink()
    assert [b.note for b in load_notes(real).bookmarks] == ["edited"]
    assert (real.parent / "real-notes.md.lock").exists()
    assert notes.lock_path() == real.parent / "real-notes.md.lock"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


_KILLED_DURING_EDIT = """
import os, signal, sys
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from tui.core.notes_file import NotesFile
os.replace = lambda *args: os.kill(os.getpid(), signal.SIGKILL)
NotesFile(Path(sys.argv[1])).update("one", "never written", [])
"""


def test_no_temporary_file_outlives_a_writer_killed_during_an_edit(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    NotesFile(path).append(bookmark("one", id="one"))
    done = subprocess.run([sys.executable, "-c", _KILLED_DURING_EDIT, str(path), str(ROOT)])
    assert done.returncode == -9
    left = [p.name for p in tmp_path.iterdir() if p.name.startswith(".notes.md.")]
    assert len(left) == 1  # what the kill left behind
    live = tmp_path / f".notes.md.{os.getppid()}.abcd.tmp"  # a writer still running
    live.write_text("")
    NotesFile(path).update("one", "edited", [])
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".notes.md.")] == [live.name]
    assert [b.note for b in load_notes(path).bookmarks] == ["edited"]


def test_a_bookmark_added_clears_what_a_killed_editor_left(tmp_path: Path) -> None:
    """Someone who only ever adds bookmarks (`readout bookmark`) is not left with the
    temporary file of an edit that was killed."""
    path = tmp_path / "notes.md"
    NotesFile(path).append(bookmark("one", id="one"))
    done = subprocess.run([sys.executable, "-c", _KILLED_DURING_EDIT, str(path), str(ROOT)])
    assert done.returncode == -9
    NotesFile(path).append(bookmark("two", id="two"))
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".notes.md.")]
    assert [b.id for b in load_notes(path).bookmarks] == ["one", "two"]


def test_one_spool_per_notes_file_whichever_way_it_is_named(tmp_path: Path) -> None:
    state = tmp_path / "state"
    (tmp_path / "notes.md").touch()
    (tmp_path / "link.md").symlink_to(tmp_path / "notes.md")
    same = spool_path(tmp_path / "notes.md", state)
    assert spool_path(tmp_path / "link.md", state) == same
    assert spool_path(tmp_path / "." / "notes.md", state) == same
    assert spool_path(tmp_path / "other.md", state) != same
    assert same.parent == state


def test_the_spool_is_written_before_the_notes_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = NotesService(tmp_path / "notes.md", tmp_path / "state")
    spooled_at_append: list[list[str]] = []
    real_append = NotesFile.append

    def append(self: NotesFile, made: Bookmark) -> bool:
        spooled_at_append.append([b.id for b in service.pending()])
        return real_append(self, made)

    monkeypatch.setattr(NotesFile, "append", append)
    made = bookmark("x", id="spooled-first")
    result = service.add(made)
    assert spooled_at_append == [["spooled-first"]]
    assert result.written == ("spooled-first",) and result.waiting == 0
    assert service.pending() == [] and not service.spool.path.exists()


def _unwritable(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    real_open = os.open

    def refuse(file: object, flags: int, *args: object) -> int:
        if str(file) == str(path) and flags & (os.O_WRONLY | os.O_RDWR):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refuse)


def test_a_bookmark_that_cannot_be_written_waits_and_is_written_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "notes.md"
    service = NotesService(path, tmp_path / "state")
    with monkeypatch.context() as patched:
        _unwritable(patched, path)
        failed = service.add(bookmark("waiting", id="w1"))
    assert failed.error is not None and "read-only" in failed.error and failed.waiting == 1
    assert [b.id for b in service.pending()] == ["w1"]
    other_app = NotesService(path, tmp_path / "state")  # another running copy
    assert other_app.flush().written == ("w1",)
    assert service.flush().written == ()
    NotesFile(path).append(bookmark("again", id="w2"))
    service.spool.add(bookmark("again", id="w2"))  # spooled, but already in the file
    assert service.flush().written == ()
    assert [b.id for b in load_notes(path).bookmarks] == ["w1", "w2"]
    assert service.pending() == []


def test_many_writers_flushing_one_spool_write_each_bookmark_once(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    services = [NotesService(path, tmp_path / "state") for _ in range(4)]
    for number in range(12):
        services[0].spool.add(bookmark(str(number), id=f"b{number}"))
    threads = [threading.Thread(target=s.flush) for s in services for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    loaded = load_notes(path)
    assert sorted(b.id for b in loaded.bookmarks) == sorted(f"b{n}" for n in range(12))
    assert services[0].pending() == []


def test_a_second_flush_while_one_writes_does_not_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = NotesService(tmp_path / "notes.md", tmp_path / "state")
    service.spool.add(bookmark("first", id="first"))
    inside, go_on = threading.Event(), threading.Event()
    real_append = NotesFile.append
    concurrent: list[object] = []

    def slow_append(self: NotesFile, made: Bookmark) -> bool:
        if made.id == "first":
            inside.set()
            go_on.wait(10)
        return real_append(self, made)

    monkeypatch.setattr(NotesFile, "append", slow_append)
    writer = threading.Thread(target=lambda: concurrent.append(service.flush()))
    writer.start()
    assert inside.wait(10)
    second = service.add(bookmark("second", id="second"))  # while the first one writes
    assert second.busy
    go_on.set()
    writer.join()
    (first,) = concurrent
    assert first.written == ("first", "second")  # type: ignore[attr-defined]
    assert [b.id for b in load_notes(tmp_path / "notes.md").bookmarks] == ["first", "second"]


def test_unreadable_spool_lines_are_kept(tmp_path: Path) -> None:
    spool = Spool(tmp_path / "pending.jsonl")
    spool.add(bookmark(id="good"))
    with spool.path.open("a") as handle:
        handle.write("{not json\n")
    assert [b.id for b in spool.load()] == ["good"]
    spool.remove(["good"])
    assert spool.path.read_text() == "{not json\n"


def test_reanchoring_prefers_the_occurrence_whose_context_matches() -> None:
    text = f"{QUOTE} Something else entirely here. {TEXT}"
    made = bookmark()  # made in TEXT, where QUOTE has its own context
    moved = replace(ARTICLE, text=text[:-1] + "!")  # the offsets no longer hold
    assert moved.text[made.start : made.end] != QUOTE
    # The first occurrence is nearer the old offsets, but its context differs.
    start = moved.text.index(QUOTE, 1)
    assert abs(0 - made.start) < abs(start - made.start)
    assert made.locate(moved) == (start, start + len(QUOTE))


def test_negative_offsets_are_never_taken_as_where_the_quote_is() -> None:
    made = replace(bookmark(), start=-10, end=len(TEXT), quote=TEXT[-10:])
    assert TEXT[made.start : made.end] == made.quote  # a slice would "hold" the quote
    assert made.locate(ARTICLE) == (len(TEXT) - 10, len(TEXT))


def test_bookmarks_waiting_in_the_old_single_spool_are_written(tmp_path: Path) -> None:
    state = tmp_path / "state"
    old = Spool(state / "pending-bookmarks.jsonl")
    old.add(bookmark("from before the upgrade", id="old"))
    service = NotesService(tmp_path / "notes.md", state)
    assert service.flush().written == ("old",)
    assert not old.path.exists() and service.pending() == []
    assert [b.note for b in load_notes(tmp_path / "notes.md").bookmarks] == [
        "from before the upgrade"
    ]


def test_a_bookmark_that_cannot_be_spooled_is_still_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = NotesService(tmp_path / "notes.md", tmp_path / "state")

    def spool_unwritable(self: Spool, made: Bookmark) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Spool, "add", spool_unwritable)
    assert service.add(bookmark("direct", id="direct")).written == ("direct",)
    assert [b.id for b in load_notes(tmp_path / "notes.md").bookmarks] == ["direct"]
    _unwritable(monkeypatch, tmp_path / "notes.md")
    with pytest.raises(NotesError, match="nor could it be kept"):
        service.add(bookmark("nowhere", id="nowhere"))
