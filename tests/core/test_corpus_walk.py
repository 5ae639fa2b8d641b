"""Finding article files: links, odd entries, unreadable files and cancellation."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import WriteCorpus
from tui.core import corpus as corpus_module
from tui.core import load_corpus
from tui.core.cancel import Cancelled
from tui.core.corpus import CorpusError
from tui.core.corpus_files import find_article_files

GOOD = "date 2025-01-01\nA good article."


def test_a_folder_reached_twice_is_read_once(write_corpus: WriteCorpus) -> None:
    folder = write_corpus({"a/x.txt": GOOD})
    (folder / "b").symlink_to(folder / "a", target_is_directory=True)
    corpus = load_corpus(folder)
    assert len(corpus.articles) == 1
    (warning,) = corpus.warnings
    assert warning.reason == "folder skipped: a link to a folder read already"


def test_a_link_to_a_pipe_is_not_a_regular_file(write_corpus: WriteCorpus) -> None:
    folder = write_corpus({"x.txt": GOOD})
    os.mkfifo(folder / "pipe")
    (folder / "link.txt").symlink_to(folder / "pipe")
    corpus = load_corpus(folder)
    assert [a.id for a in corpus.articles] == ["x.txt"]
    assert [(w.file.name, w.reason) for w in corpus.warnings] == [
        ("link.txt", "skipped: not a regular file")
    ]


def test_the_walk_lists_every_article_file_sorted(write_corpus: WriteCorpus) -> None:
    folder = write_corpus(
        {"b.md": GOOD, "a/z.txt": GOOD, "a/y.markdown": GOOD, "c.TXT": GOOD, "d.pdf": GOOD}
    )
    found = find_article_files(folder)
    assert found.files == [folder / "a/y.markdown", folder / "a/z.txt", folder / "b.md",
                           folder / "c.TXT"]  # fmt: skip
    assert found.problems == []


def test_the_walk_itself_stops_when_asked(write_corpus: WriteCorpus) -> None:
    folder = write_corpus({"x.txt": GOOD})
    with pytest.raises(Cancelled):
        find_article_files(folder, lambda: True)
    read: list[int] = []
    with pytest.raises(Cancelled):
        load_corpus(folder, lambda done, total: read.append(done), should_stop=lambda: True)
    assert read == []


def test_a_file_that_cannot_be_read_is_skipped_saying_why(
    write_corpus: WriteCorpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_corpus({"x.txt": GOOD, "locked.txt": GOOD})
    real_open = Path.open

    def open_(path: Path, *args: object, **kwargs: object) -> object:
        if path.name == "locked.txt":
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_open(path, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", open_)
    corpus = load_corpus(folder)
    assert [a.id for a in corpus.articles] == ["x.txt"]
    assert [str(w) for w in corpus.warnings] == [
        f"{folder / 'locked.txt'}: skipped: Permission denied"
    ]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "skipped: empty file"),
        (b" \n\t\n", "skipped: empty file"),
        (b"date 2025-01-01\nA\x00B", "skipped: binary file (contains NUL bytes), not text"),
        (b"date 2025-01-01\nA caf\xe9.", "skipped: not valid UTF-8 (byte 0xe9 at offset 21)"),
    ],
)
def test_a_file_that_is_not_text_is_skipped_saying_why(
    write_corpus: WriteCorpus, content: bytes, reason: str
) -> None:
    corpus = load_corpus(write_corpus({"odd.txt": content, "x.txt": GOOD}))
    assert [a.id for a in corpus.articles] == ["x.txt"]
    assert [w.reason for w in corpus.warnings] == [reason]


def test_a_file_of_exactly_the_size_limit_loads(
    write_corpus: WriteCorpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(corpus_module, "MAX_FILE_BYTES", len(GOOD))
    corpus = load_corpus(write_corpus({"x.txt": GOOD, "y.txt": GOOD + "!"}))
    assert [a.id for a in corpus.articles] == ["x.txt"]
    assert [w.reason for w in corpus.warnings] == ["skipped: larger than 0 MB, not a readout"]


def test_a_corpus_path_that_is_a_file_is_an_error(tmp_path: Path) -> None:
    file = tmp_path / "x.txt"
    file.write_text(GOOD, encoding="utf-8")
    with pytest.raises(CorpusError) as caught:
        load_corpus(file)
    assert str(caught.value) == f"corpus path is not a folder: {file}"


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("[2025-01-01, 2025-01-02]", "date 'a list of 2' is not YYYY-MM-DD; listed as undated"),
        ("{year: 2025}", "date 'a dict of 1' is not YYYY-MM-DD; listed as undated"),
        ("12345", "date '12345' is not YYYY-MM-DD; listed as undated"),
        ("2025-02-30", "impossible date 2025-02-30; listed as undated"),
    ],
)
def test_a_front_matter_date_that_is_not_a_date_says_what_it_is(
    write_corpus: WriteCorpus, value: str, reason: str
) -> None:
    corpus = load_corpus(write_corpus({"x.md": f"---\ndate: {value}\n---\nText."}))
    assert [w.reason for w in corpus.warnings] == [reason]
    assert corpus.articles[0].date is None
