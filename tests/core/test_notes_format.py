"""The notes file format: any note or tag round-trips, nothing typed forges a
bookmark, and what cannot be read is reported by line and left byte for byte."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.core import Article, notes_parse
from tui.core.notes import Bookmark, clean_tags
from tui.core.notes_file import NotesFile
from tui.core.notes_parse import load_notes, parse_notes

TEXT = "Before the passage. The passage itself, quoted. After the passage, more text."
ARTICLE = Article(
    id="a", file=Path("a.txt"), date=None, title="T", place=None, source=None,
    text=TEXT, paragraphs=(), sentences=(), words=0,
)  # fmt: skip
QUOTE = "The passage itself, quoted."

TRICKY_LINES = [
    "> a quote of my own",
    "Tags: not really tags",
    "tags: #lowercase",
    "# A heading",
    "## A section heading",
    "<!-- a comment",
    "-->",
    "```",
    "~~~python",
    "    indented code",
    "\tindented by a tab",
    "<div>html</div>",
    "---",
    "===",
    "- a list",
    "1. a numbered list",
    "[ref]: https://example.com",
    "\\ a backslash",
    "[b]markup[/b] [/]",
    "",
]


def bookmark(note: str = "", tags: tuple[str, ...] = (), **extra: object) -> Bookmark:
    start = TEXT.index(QUOTE)
    made = Bookmark.new(ARTICLE, start, start + len(QUOTE), note=note, tags=tags)
    return replace(made, **extra)  # type: ignore[arg-type]


def anchor_of(made: Bookmark) -> str:
    return made.to_markdown().rstrip("\n").split("\n")[-1]


def test_note_lines_that_mean_something_to_markdown_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    note = "\n".join([*TRICKY_LINES, anchor_of(bookmark()), "the end"])
    saved = bookmark(note, ("Tags:", "<!--", "-->", "[/]"))
    NotesFile(path).append(saved)
    NotesFile(path).append(bookmark("second"))
    loaded = load_notes(path)
    assert loaded.problems == ()
    assert [b.note for b in loaded.bookmarks] == [saved.note, "second"]
    assert loaded.bookmarks[0].tags == saved.tags
    assert loaded.bookmarks[0].quote == QUOTE


def test_a_note_holding_an_anchor_line_makes_no_second_bookmark(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    victim = bookmark("mine")
    NotesFile(path).append(victim)
    forged = replace(victim, quote="a forged quote", note="forged")
    NotesFile(path).append(bookmark(anchor_of(forged)))
    loaded = load_notes(path)
    assert len(loaded.bookmarks) == 2 and loaded.problems == ()
    assert loaded.get(victim.id) is not None
    assert loaded.get(victim.id).quote == QUOTE  # type: ignore[union-attr]
    # An edit through the app cannot add one either.
    NotesFile(path).update(victim.id, anchor_of(forged) + "\n" + anchor_of(forged), ["x"])
    assert len(load_notes(path).bookmarks) == 2


def test_editing_a_note_keeps_every_tricky_line(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    saved = bookmark("first")
    NotesFile(path).append(saved)
    note = "\n".join(TRICKY_LINES).strip()
    NotesFile(path).update(saved.id, note, ["a", "b"])
    NotesFile(path).update(saved.id, note + "\nmore", ["a", "b"])
    (loaded,) = load_notes(path).bookmarks
    assert loaded.note == note + "\nmore"


def test_hand_edited_lines_count_even_when_they_look_like_markdown(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    NotesFile(path).append(bookmark("typed in the app", ("one",)))
    text = path.read_text("utf-8")
    text = text.replace("\ntyped in the app\n", "\nedited by hand\n> with a quote of mine\n")
    text = text.replace("\nTags: #one\n", "\nTags: #two, three\n")
    path.write_text(text, "utf-8")
    (loaded,) = load_notes(path).bookmarks
    assert loaded.note == "edited by hand\n> with a quote of mine"
    assert loaded.tags == ("two", "three")
    assert loaded.quote == QUOTE


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    note=st.text(max_size=200)
    | st.lists(st.sampled_from(TRICKY_LINES) | st.text(max_size=20), max_size=8).map("\n".join),
    tags=st.lists(st.text(max_size=15) | st.sampled_from(TRICKY_LINES), max_size=4),
    count=st.integers(1, 3),
)
def test_any_note_and_tags_round_trip_and_the_count_never_changes(
    tmp_path: Path, note: str, tags: list[str], count: int
) -> None:
    path = tmp_path / "property.md"
    path.unlink(missing_ok=True)
    made = [bookmark(note, tuple(tags)) for _ in range(count)]
    for one in made:
        NotesFile(path).append(one)
    loaded = load_notes(path)
    assert loaded.problems == ()
    assert len(loaded.bookmarks) == count
    for one, back in zip(made, loaded.bookmarks, strict=True):
        assert (back.id, back.note, back.tags, back.quote) == (
            one.id, note.strip(), clean_tags(tags), QUOTE,
        )  # fmt: skip
    NotesFile(path).update(made[0].id, note + "\n" + note, tags[::-1])
    again = load_notes(path)
    assert len(again.bookmarks) == count
    assert again.bookmarks[0].note == (note + "\n" + note).strip()
    assert again.bookmarks[0].tags == clean_tags(tags[::-1])


def _problem_file(tmp_path: Path, broken: str) -> tuple[Path, bytes]:
    """A notes file with a good bookmark, then `broken`, then another good one."""
    path = tmp_path / "notes.md"
    NotesFile(path).append(bookmark("first", id="good1"))
    with path.open("a", encoding="utf-8") as handle:
        handle.write("\n" + broken + "\n")
    NotesFile(path).append(bookmark("last", id="good2"))
    return path, path.read_bytes()


def _anchor_with(change: dict[str, object]) -> str:
    data = bookmark(id="bad").anchor()
    data.update(change)
    return "## Broken\n\n<!-- readout:bookmark " + json.dumps(data) + " -->"


BROKEN = {
    "huge float": _anchor_with({"position": {"start": 1e400, "end": 5}}).replace(
        "Infinity", "1e400"
    ),
    "deep nesting": "## Deep\n\n<!-- readout:bookmark " + "[" * 100_000 + "]" * 100_000 + " -->",
    "negative": _anchor_with({"position": {"start": -5, "end": 3}}),
    "reversed": _anchor_with({"position": {"start": 9, "end": 3}}),
    "past any article": _anchor_with({"position": {"start": 10**30, "end": 10**30 + 5}}),
    "wrong type": _anchor_with({"quote": "just text"}),
    "boolean offset": _anchor_with({"position": {"start": True, "end": 3}}),
    "tags not a list": _anchor_with({"tags": "a b"}),
    "markup": _anchor_with({"id": 7, "article": "[/]"}),
    "not json": "## Broken\n\n<!-- readout:bookmark {not json} -->",
    "not closed": "## Broken\n\n<!-- readout:bookmark {}",
}


@pytest.mark.parametrize("broken", BROKEN.values(), ids=BROKEN.keys())
def test_an_anchor_that_cannot_be_read_is_reported_and_left_alone(
    tmp_path: Path, broken: str
) -> None:
    path, before = _problem_file(tmp_path, broken)
    loaded = load_notes(path)
    assert [b.id for b in loaded.bookmarks] == ["good1", "good2"]
    (problem,) = loaded.problems
    line = before.decode().split("\n").index(broken.split("\n")[-1]) + 1
    assert problem.startswith(f"{path}:{line}: ") and "\n" not in problem
    NotesFile(path).update("good2", "edited", [])
    NotesFile(path).delete("good1")
    assert broken in path.read_text("utf-8")
    assert [b.note for b in load_notes(path).bookmarks] == ["edited"]


def test_a_copied_section_is_reported_and_the_first_one_edited(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    NotesFile(path).append(bookmark("original", id="same"))
    section = path.read_text("utf-8").split("\n\n", 2)[2]
    path.write_text(path.read_text("utf-8") + "\n" + section.replace("original", "copy"), "utf-8")
    loaded = load_notes(path)
    assert [b.note for b in loaded.bookmarks] == ["original"]
    (problem,) = loaded.problems
    assert "repeats" in problem and f"{path}:" in problem
    NotesFile(path).update("same", "edited", [])
    text = path.read_text("utf-8")
    assert "\nedited\n" in text and "\ncopy\n" in text


def test_a_section_without_its_heading_is_shown_but_never_rewritten(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    NotesFile(path).append(bookmark("one", id="first"))
    NotesFile(path).append(bookmark("two", id="second"))
    text = path.read_text("utf-8")
    cut = text.rindex("## ")
    path.write_text(text[:cut] + text[cut:].split("\n", 1)[1], "utf-8")
    before = path.read_bytes()
    loaded = load_notes(path)
    assert [b.id for b in loaded.bookmarks] == ["first", "second"]
    (problem,) = loaded.problems
    line = before.decode().split("\n").index(anchor_of(bookmark("two", id="second"))) + 1
    assert problem.startswith(f"{path}:{line}:") and "heading" in problem
    with pytest.raises(Exception, match="heading"):
        NotesFile(path).update("second", "changed", [])
    assert path.read_bytes() == before


def test_an_invalid_byte_hides_no_other_bookmark_and_is_written_back(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    NotesFile(path).append(bookmark("one", id="first"))
    NotesFile(path).append(bookmark("two", id="second"))
    NotesFile(path).append(bookmark("three", id="third"))
    data = path.read_bytes()
    data = data.replace(b"\none\n", b"\non\xffe\n").replace(b"\nthree\n", b"\nthree\n\xc3(\n")
    path.write_bytes(b"\xfe stray byte\n" + data)
    loaded = load_notes(path)
    assert [b.id for b in loaded.bookmarks] == ["first", "second", "third"]
    assert loaded.bookmarks[0].note == "on\ufffde"
    assert loaded.problems[0].startswith(f"{path}:1: ")
    assert len(loaded.problems) == 3
    NotesFile(path).update("second", "edited", [])
    after = path.read_bytes()
    assert after.startswith(b"\xfe stray byte\n") and b"\non\xffe\n" in after
    assert b"\nthree\n\xc3(\n" in after and b"\nedited\n" in after
    with pytest.raises(Exception, match="not UTF-8"):
        NotesFile(path).update("first", "changed", [])


def test_markup_and_control_characters_in_values_never_break_a_parse(tmp_path: Path) -> None:
    made = bookmark("[/] [b]bold\x1b[31m\u202e", ("[/]",), heading="[/]Title[b]")
    loaded = parse_notes(tmp_path / "n.md", made.to_markdown())
    assert loaded.bookmarks[0].note == made.note
    assert loaded.bookmarks[0].heading == "[/]Title[b]"


def test_anchors_inside_quotes_code_and_longer_comments_are_text(tmp_path: Path) -> None:
    line = anchor_of(bookmark(id="fake"))
    text = "\n".join([
        "# My notes", "", f"> {line}", "", "```", line, "```", "", f"    {line}", "",
        "<!--", line, "-->", "",
    ])  # fmt: skip
    assert parse_notes(tmp_path / "n.md", text).bookmarks == ()
    assert parse_notes(tmp_path / "n.md", text + "## H\n\n" + line + "\n").bookmarks != ()


def test_unclosed_anchors_are_each_reported_in_one_parse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Thousands of anchors left open (each would swallow the rest of the file) cost
    one parse, not one for each: the file loads at once and every bookmark is kept."""
    path = tmp_path / "notes.md"
    NotesFile(path).append(bookmark("first", id="good1"))
    broken = "".join(f'<!-- readout:bookmark {{"id": "open{n}"\ntext\n' for n in range(3000))
    path.write_text(path.read_text("utf-8") + broken, "utf-8")
    NotesFile(path).append(bookmark("last", id="good2"))
    parses = []
    parser = notes_parse._parser()
    real_parse = parser.parse
    monkeypatch.setattr(parser, "parse", lambda *a, **k: parses.append(1) or real_parse(*a, **k))
    loaded = load_notes(path)
    assert [b.id for b in loaded.bookmarks] == ["good1", "good2"]
    assert len(loaded.problems) == 3000 and len(parses) == 1


def test_a_file_that_starts_with_a_byte_order_mark_keeps_its_first_section_editable(
    tmp_path: Path,
) -> None:
    """Editors on Windows start a file with U+FEFF; the heading after it is still one."""
    path = tmp_path / "notes.md"
    path.write_bytes(("\ufeff" + bookmark("first", id="one").to_markdown()).encode("utf-8"))
    loaded = load_notes(path)
    assert [b.note for b in loaded.bookmarks] == ["first"] and loaded.problems == ()
    NotesFile(path).update("one", "edited", [])
    assert path.read_bytes().startswith("\ufeff## ".encode())
    assert [b.note for b in load_notes(path).bookmarks] == ["edited"]
