"""The notes file: readable Markdown, hand edits kept, nothing lost or interleaved."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import ROOT, SEEDS
from tui.core import Article, Corpus, load_corpus
from tui.core.notes import Bookmark, NotesError, find_quote
from tui.core.notes_file import NotesFile
from tui.core.notes_parse import load_notes, parse_notes


@pytest.fixture
def article(seeds: Corpus) -> Article:
    found = seeds.get("003_a5266ca7b85631b7.txt")
    assert found is not None
    return found


def bookmark_of(article: Article, quote: str, **extra: object) -> Bookmark:
    located = find_quote(article, quote)
    assert located is not None
    return Bookmark.new(article, *located, **extra)  # type: ignore[arg-type]


def test_bookmark_reads_well_as_markdown_and_round_trips(tmp_path: Path, article: Article) -> None:
    notes = NotesFile(tmp_path / "notes.md")
    saved = bookmark_of(article, "the latter accepted", note="Xi accepts.", tags=["visit", "#xi"])
    notes.append(saved)
    text = (tmp_path / "notes.md").read_text("utf-8")
    assert f"## 2024-08-19 · {article.title}" in text
    assert "> The latter accepted the invitation" not in text  # only the quote itself
    assert "> The latter accepted\n" in text
    assert "Xi accepts.\n" in text and "Tags: #visit #xi" in text
    (loaded,) = notes.load().bookmarks
    assert loaded == saved


def test_hand_edited_note_and_tags_are_read_back(tmp_path: Path, article: Article) -> None:
    path = tmp_path / "notes.md"
    NotesFile(path).append(bookmark_of(article, "tea party", note="first thought"))
    text = path.read_text("utf-8").replace("\nfirst thought\n", "\nsecond thought,\non two lines\n")
    path.write_text(
        text.replace("\n<!-- readout:bookmark", "\nTags: tea, culture\n<!-- readout:bookmark"),
        "utf-8",
    )
    (loaded,) = load_notes(path).bookmarks
    assert loaded.note == "second thought,\non two lines"
    assert loaded.tags == ("tea", "culture")


def test_update_and_delete_keep_what_was_written_by_hand(tmp_path: Path, article: Article) -> None:
    path = tmp_path / "notes.md"
    notes = NotesFile(path)
    first, second, third = (bookmark_of(article, q) for q in ("tea party", "UNCLOS", "Doi moi"))
    notes.append(first)
    with path.open("a", encoding="utf-8") as handle:
        handle.write("\nMy own thoughts, written by hand.\n- a list item\n")
    notes.append(second)
    notes.append(third)
    notes.update(second.id, "edited note", ("sea",))
    text = path.read_text("utf-8")
    assert "My own thoughts, written by hand.\n- a list item\n" in text
    assert [b.note for b in load_notes(path).bookmarks] == ["", "edited note", ""]
    notes.delete(first.id)
    after = path.read_text("utf-8")
    assert "My own thoughts, written by hand." in after
    assert [b.id for b in load_notes(path).bookmarks] == [second.id, third.id]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".notes.md.")]  # no temp left


def test_mangled_file_still_opens_and_is_left_alone(tmp_path: Path, article: Article) -> None:
    path = tmp_path / "notes.md"
    notes = NotesFile(path)
    good = bookmark_of(article, "tea party")
    notes.append(good)
    notes.append(bookmark_of(article, "UNCLOS"))
    text = path.read_text("utf-8")
    mangled = text.replace('"exact": "UNCLOS"', '"exact": UNCLOS broken')
    path.write_text(mangled, "utf-8")
    loaded = load_notes(path)
    assert [b.id for b in loaded.bookmarks] == [good.id]
    (problem,) = loaded.problems
    assert "cannot be read" in problem and str(path) in problem
    notes.update(good.id, "still works", ())
    assert '"exact": UNCLOS broken' in path.read_text("utf-8")  # untouched


def _write_many(path: str, quote_start: int, count: int) -> None:
    corpus = load_corpus(SEEDS)
    article = corpus.articles[0]
    notes = NotesFile(Path(path))
    for number in range(count):
        start = quote_start + number % 50
        notes.append(
            Bookmark.new(article, start, start + 40, note=f"writer {quote_start} #{number}")
        )


def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    context = multiprocessing.get_context("fork")
    writers = [context.Process(target=_write_many, args=(str(path), at, 200)) for at in (0, 500)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(timeout=120)
        assert writer.exitcode == 0
    loaded = load_notes(path)
    assert loaded.problems == ()
    assert len(loaded.bookmarks) == 400
    assert len({b.id for b in loaded.bookmarks}) == 400
    notes = {b.note for b in loaded.bookmarks}
    assert {f"writer {w} #{n}" for w in (0, 500) for n in range(200)} == notes


def test_a_writer_killed_mid_write_leaves_every_earlier_entry(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    script = (
        "import sys; sys.path.insert(0, sys.argv[2]); "
        "from tests.core.test_notes import _write_many; _write_many(sys.argv[1], 0, 100000)"
    )
    writer = subprocess.Popen([sys.executable, "-c", script, str(path), str(ROOT)])
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not path.exists() or path.stat().st_size < 40_000):
        time.sleep(0.01)
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    text = path.read_text("utf-8")
    loaded = parse_notes(path, text)
    complete = text.count("\n<!-- readout:bookmark ")
    assert len(loaded.bookmarks) >= complete - 1  # at most the last line was cut
    assert len(loaded.bookmarks) > 10
    assert all(b.note.startswith("writer 0 #") for b in loaded.bookmarks)
    # A cut-off entry, simulated exactly: the next append still starts on its own line.
    path.write_text(text + "## cut off\n\n> half a quo", "utf-8")
    NotesFile(path).append(replace(loaded.bookmarks[0], id="appended-after-the-cut"))
    assert len(load_notes(path).bookmarks) == len(loaded.bookmarks) + 1


def test_a_file_that_cannot_be_written_is_a_clear_error(
    tmp_path: Path, article: Article, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(NotesError, match="folder does not exist"):
        NotesFile(tmp_path / "missing" / "notes.md").append(bookmark_of(article, "tea party"))
    path = tmp_path / "notes.md"
    NotesFile(path).append(bookmark_of(article, "tea party"))
    before = path.read_bytes()
    real_open = os.open

    def read_only(file: object, flags: int, *args: object) -> int:
        if str(file) == str(path) and flags & (os.O_WRONLY | os.O_RDWR):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(file, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", read_only)  # root ignores chmod, so refuse as the OS would
    with pytest.raises(NotesError, match="read-only") as caught:
        NotesFile(path).append(bookmark_of(article, "UNCLOS"))
    assert "\n" not in str(caught.value)
    assert path.read_bytes() == before


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(passage=st.text(min_size=1, max_size=300))
def test_any_passage_text_round_trips_through_the_file(tmp_path: Path, passage: str) -> None:
    article = Article(
        id="a", file=Path("a.txt"), date=None, title="T", place=None, source=None,
        text=f"before {passage} after", paragraphs=(), sentences=(), words=0,
    )  # fmt: skip
    bookmark = Bookmark.new(article, 7, 7 + len(passage), note="a note", tags=["t"])
    path = tmp_path / "round-trip.md"
    path.unlink(missing_ok=True)
    NotesFile(path).append(bookmark)
    loaded = load_notes(path)
    assert loaded.problems == ()
    assert loaded.bookmarks == (replace(bookmark, heading=loaded.bookmarks[0].heading),)


def test_quotes_with_markdown_and_comment_endings_are_kept_exactly(tmp_path: Path) -> None:
    passage = "## Not a heading\n> not a quote\n--> <!-- [bold]x[/] \x1b[31m 🎉"
    article = Article(
        id="a", file=Path("a.txt"), date=None, title="T", place=None, source=None,
        text=passage, paragraphs=(), sentences=(), words=0,
    )  # fmt: skip
    path = tmp_path / "notes.md"
    NotesFile(path).append(Bookmark.new(article, 0, len(passage)))
    NotesFile(path).append(Bookmark.new(article, 0, 5))
    loaded = load_notes(path)
    assert [b.quote for b in loaded.bookmarks] == [passage, passage[:5]]


def test_locate_by_offsets_then_quote_then_fuzzy_else_orphaned(article: Article) -> None:
    bookmark = bookmark_of(article, "The latter accepted the invitation with pleasure.")
    assert bookmark.locate(article) == (bookmark.start, bookmark.end)
    moved = replace(article, text="A new opening paragraph.\n\n" + article.text)
    start, end = bookmark.locate(moved)  # type: ignore[misc]
    assert moved.text[start:end] == bookmark.quote
    edited = replace(article, text=article.text.replace("with pleasure", "with great pleasure"))
    located = bookmark.locate(edited)
    assert located is not None and "accepted the invitation" in edited.text[located[0] : located[1]]
    gone = replace(article, text=article.text.replace("The latter accepted the invitation", ""))
    assert bookmark.locate(gone) is None
    assert bookmark.locate(None) is None


def test_a_quote_too_long_to_match_fuzzily_is_never_matched_fuzzily(
    article: Article, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A hand-made anchor with a long quote found nowhere is orphaned at once: the fuzzy
    match costs the product of the two lengths (a 20,000-character quote against an
    8,000-character article took seconds; one of a megabyte, hours)."""
    long = replace(bookmark_of(article, "The latter accepted"), quote="the latter " * 2000)
    calls: list[int] = []
    monkeypatch.setattr(
        "tui.core.notes.fuzz.partial_ratio_alignment", lambda *a, **k: calls.append(1)
    )
    assert long.locate(article) is None and calls == []
    short = replace(long, quote="The latter acepted the invitation")
    short.locate(article)
    assert calls == [1]


def test_find_quote_folds_like_search(article: Article) -> None:
    located = find_quote(article, "DOI MOI (renewal)")
    assert located is not None
    assert article.text[located[0] : located[1]] == "Doi moi (Renewal)"
    assert find_quote(article, "no such words anywhere") is None


def test_the_lock_is_let_go_after_each_write(tmp_path: Path, article: Article) -> None:
    path = tmp_path / "notes.md"
    notes = NotesFile(path)
    notes.append(bookmark_of(article, "tea party"))
    taken: list[bool] = []

    def other_writer() -> None:
        from filelock import FileLock, Timeout

        try:
            with FileLock(str(path) + ".lock", timeout=0.5):
                taken.append(True)
        except Timeout:
            taken.append(False)

    import threading

    thread = threading.Thread(target=other_writer)
    thread.start()
    thread.join()
    assert taken == [True]
