"""One bad file never stops anything: hostile front matter, names and folders."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import WriteCorpus
from tui.core import Corpus, load_corpus
from tui.core.cancel import Cancelled
from tui.core.corpus import MAX_FRONT_MATTER, parse_article
from tui.core.notes import load_notes, places

GOOD = "date 2025-01-01\nA good article."


def one_odd_article(write_corpus: WriteCorpus, content: str | bytes) -> Corpus:
    """Load a corpus of `odd.md` and a good file; the good one always loads."""
    corpus = load_corpus(write_corpus({"odd.md": content, "good.txt": GOOD}))
    good = corpus.get("good.txt")
    assert good is not None and good.date == dt.date(2025, 1, 1)
    return corpus


@pytest.mark.parametrize(
    "date",
    [
        "2025-02-30",
        "0000-01-01",
        "2025-02-30T10:00:00",
        "2025-01-01T10:00:00+99:00",
        "2025-01-01 25:61:61",
        "[2025-01-01, 2025-01-02]",
        "{year: 2025}",
        "99999999999999999999999999",
        "1e400",
        "!!int 12x",
        "!!float 1e99999",
        "!!binary zz",
        "true",
        "'2025-02-30'",
    ],
)
def test_impossible_front_matter_date_is_one_warning_and_undated(
    write_corpus: WriteCorpus, date: str
) -> None:
    corpus = one_odd_article(write_corpus, f"---\ndate: {date}\ntitle: T\n---\nBody.\n")
    odd = corpus.get("odd.md")
    assert odd is not None and odd.date is None
    (warning,) = [w for w in corpus.warnings if w.file.name == "odd.md"]
    assert "\n" not in str(warning)


def test_alias_expansion_in_front_matter_is_refused(write_corpus: WriteCorpus) -> None:
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"] + [
        f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]" for n in range(1, 5)
    ]
    laughs = "---\n" + "\n".join(levels) + "\ntitle: *a4\ndate: 2025-01-01\n---\nBody.\n"
    corpus = one_odd_article(write_corpus, laughs)
    odd = corpus.get("odd.md")
    assert odd is not None and odd.title == "Body" and odd.date is None
    assert any("aliases" in w.reason for w in corpus.warnings)


def test_deeply_nested_front_matter_is_refused(write_corpus: WriteCorpus) -> None:
    deep = "---\ndate: " + "[" * 5000 + "]" * 5000 + "\n---\nBody.\n"
    corpus = one_odd_article(write_corpus, deep)
    assert any("nested more than" in w.reason for w in corpus.warnings)


def test_oversized_front_matter_is_ignored(write_corpus: WriteCorpus) -> None:
    big = "---\ndate: 2025-01-01\n" + "# padding\n" * (MAX_FRONT_MATTER // 10 + 1) + "---\nBody.\n"
    corpus = one_odd_article(write_corpus, big)
    odd = corpus.get("odd.md")
    assert odd is not None and odd.text == "Body." and odd.date is None
    assert any("front matter longer than" in w.reason for w in corpus.warnings)


@pytest.mark.parametrize(
    "value",
    [
        "!!int 1" + ":59" * 3000,  # sexagesimal: thousands of digits from a short text
        "1" + ":59" * 3000,
        "!!float 1" + ":59" * 3000 + ".5",
        "9" * 5000,
    ],
    ids=["int-sexagesimal", "plain-sexagesimal", "float-sexagesimal", "5000-digits"],
)
def test_front_matter_number_too_long_to_print_is_a_warning(
    write_corpus: WriteCorpus, value: str
) -> None:
    corpus = one_odd_article(write_corpus, f"---\ndate: 2025-01-01\ntitle: {value}\n---\nBody.\n")
    odd = corpus.get("odd.md")
    assert odd is not None and len(odd.title) < 5000


def test_front_matter_title_is_one_line(write_corpus: WriteCorpus) -> None:
    corpus = one_odd_article(write_corpus, '---\ntitle: "one\\ntwo\\r\\nthree"\n---\nBody.')
    odd = corpus.get("odd.md")
    assert odd is not None and odd.title == "one two three"


def test_a_key_given_twice_in_front_matter_is_named_not_silently_picked(
    write_corpus: WriteCorpus,
) -> None:
    corpus = one_odd_article(
        write_corpus, "---\ndate: 2025-01-01\ntitle: T\ndate: 2024-12-31\n---\nBody.\n"
    )
    odd = corpus.get("odd.md")
    assert odd is not None and odd.date is None
    (warning,) = [w for w in corpus.warnings if w.file.name == "odd.md"]
    assert "(line 4)" in str(warning) and "'date' is given twice" in str(warning)


@pytest.mark.parametrize(
    ("key", "value", "said"),
    [("title", "[a, b]", "title is a list of 2"), ("source", "{a: b}", "source is a dict of 1")],
)
def test_a_title_or_source_that_is_not_text_is_a_warning_not_a_repr(
    write_corpus: WriteCorpus, key: str, value: str, said: str
) -> None:
    corpus = one_odd_article(write_corpus, f"---\ndate: 2025-01-01\n{key}: {value}\n---\nBody.\n")
    odd = corpus.get("odd.md")
    assert odd is not None and odd.date == dt.date(2025, 1, 1)
    assert odd.title == "Body" and odd.source is None
    (warning,) = [w for w in corpus.warnings if w.file.name == "odd.md"]
    assert str(warning).endswith(f"{said}, not text; ignored")


_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(),
    st.dates().map(str),
    st.text(alphabet="0123456789-T:. +Z", max_size=30),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    header=st.dictionaries(st.sampled_from(["date", "title", "source", "x"]), _VALUES),
    tagged=st.sampled_from(["", "!!timestamp ", "!!int ", "!!float ", "!!str ", "!!binary "]),
)
def test_arbitrary_front_matter_values_never_raise(header: dict[str, object], tagged: str) -> None:
    text = yaml.safe_dump(header, allow_unicode=True)
    text = text.replace("date: ", f"date: {tagged}", 1)
    article, problems = parse_article("x.md", Path("x.md"), f"---\n{text}---\nBody text.")
    assert article.id == "x.md"
    assert all("\n" not in problem for problem in problems)


@settings(max_examples=150, deadline=None)
@given(st.text())
def test_arbitrary_front_matter_text_never_raises(text: str) -> None:
    article, _ = parse_article("x.md", Path("x.md"), f"---\n{text}\n---\nBody.")
    assert isinstance(article.title, str) and "\n" not in article.title


# Ids ---------------------------------------------------------------------------------


def test_same_name_with_other_suffixes_are_three_articles(write_corpus: WriteCorpus) -> None:
    folder = write_corpus({name: GOOD for name in ("x.txt", "x.md", "x.md.txt")})
    assert sorted(a.id for a in load_corpus(folder).articles) == ["x.md", "x.md.txt", "x.txt"]


def test_an_id_never_changes_when_another_file_is_added(write_corpus: WriteCorpus) -> None:
    folder = write_corpus({"a/x.txt": GOOD})
    before = [a.id for a in load_corpus(folder).articles]
    write_corpus({"b/x.txt": GOOD, "x.md": GOOD})
    after = {a.id for a in load_corpus(folder).articles}
    assert before == ["a/x.txt"] and "a/x.txt" in after


def test_ids_made_by_the_old_rule_still_find_their_article(write_corpus: WriteCorpus) -> None:
    corpus = load_corpus(write_corpus({"x.txt": GOOD, "a/y.txt": GOOD, "b/y.txt": GOOD}))
    found = {old: corpus.get(old) for old in ("x", "a/y", "b/y", "y")}
    assert {old: a.id if a else None for old, a in found.items()} == {
        "x": "x.txt",
        "a/y": "a/y.txt",
        "b/y": "b/y.txt",
        "y": None,  # two articles have that stem: ambiguous, never a guess
    }


def test_old_stem_id_prefers_the_file_at_the_top(write_corpus: WriteCorpus) -> None:
    corpus = load_corpus(write_corpus({"x.txt": GOOD, "more/x.txt": GOOD}))
    found = corpus.get("x")
    assert found is not None and found.id == "x.txt"


OLD_NOTES = """\
# Readout notes

## 2024-08-19 · General Secretary of the Communist Party of Vietnam (CPV)

> The latter accepted

old note
<!-- readout:bookmark {"id": "b1", "article": "003_a5266ca7b85631b7.txt", "quote": \
{"type": "TextQuoteSelector", "exact": "The latter accepted", "prefix": \
"nvite Xi to soon visit Vietnam. ", "suffix": " the invitation with pleasure.\\n\\n"}, \
"position": {"type": "TextPositionSelector", "start": 8009, "end": 8028}, \
"created": "2026-11-25T14:28:07+00:00"} -->
"""


def test_a_notes_file_written_with_old_ids_stays_anchored(tmp_path: Path, seeds: Corpus) -> None:
    path = tmp_path / "notes.md"
    path.write_text(OLD_NOTES, encoding="utf-8")
    notes = load_notes(path)
    (bookmark,) = notes.bookmarks
    assert bookmark.article == "003_a5266ca7b85631b7.txt"
    assert places(notes, seeds) == {"b1": (8009, 8028)}


# Names and folders -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        (os.fsdecode(b"caf\xe9.txt"), "caf\\xe9.txt"),
        ("two\nlines.txt", "two\\u000alines.txt"),
        ("esc\x1b[31m.txt", "esc\\u001b[31m.txt"),
        ("rtl\u202eexe.txt.txt", "rtl\\u202eexe.txt.txt"),
        ("back\\slash.txt", "back\\\\slash.txt"),
        ("Việt Nam 中国 🇻🇳.txt", "Việt Nam 中国 🇻🇳.txt"),
    ],
)
def test_odd_file_names_give_one_line_ids(write_corpus: WriteCorpus, name: str, shown: str) -> None:
    corpus = one_odd_article(write_corpus, GOOD)
    (corpus.root / name).write_text(GOOD, encoding="utf-8")
    corpus = load_corpus(corpus.root)
    assert shown in {a.id for a in corpus.articles} and len(corpus) == 3
    assert corpus.get(shown) is not None
    for article in corpus.articles:
        summary = str(article.summary())
        summary.encode("utf-8")  # no lone surrogates from undecodable names
        assert "\n" not in article.id and "\n" not in article.summary()["file"]  # type: ignore[operator]


def test_deeply_nested_folders_load(write_corpus: WriteCorpus) -> None:
    deep = "/".join(["d"] * 300) + "/deep.txt"
    corpus = load_corpus(write_corpus({deep: GOOD, "top.txt": GOOD}))
    assert {a.id for a in corpus.articles} == {deep, "top.txt"}


def test_a_link_loop_ends_with_a_warning(write_corpus: WriteCorpus) -> None:
    folder = write_corpus({"a/x.txt": GOOD})
    (folder / "a" / "loop").symlink_to(folder, target_is_directory=True)
    corpus = load_corpus(folder)
    assert [a.id for a in corpus.articles] == ["a/x.txt"]
    (warning,) = corpus.warnings
    assert warning.file == folder / "a" / "loop" and "read already" in warning.reason


@pytest.mark.parametrize("link", ["a", "z", "b/deeper/up"])
def test_a_link_to_a_folder_never_takes_the_folders_own_ids(
    write_corpus: WriteCorpus, link: str
) -> None:
    folder = write_corpus({"m/x.txt": GOOD, "b/deeper/y.txt": GOOD})
    (folder / link).symlink_to(folder / "m", target_is_directory=True)
    corpus = load_corpus(folder)
    assert sorted(a.id for a in corpus.articles) == ["b/deeper/y.txt", "m/x.txt"]
    (warning,) = corpus.warnings
    assert warning.file == folder / link and "read already" in warning.reason


def test_a_linked_folder_outside_the_corpus_is_read(
    write_corpus: WriteCorpus, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "y.txt").write_text(GOOD, encoding="utf-8")
    folder = write_corpus({"x.txt": GOOD})
    (folder / "linked").symlink_to(outside, target_is_directory=True)
    assert sorted(a.id for a in load_corpus(folder).articles) == ["linked/y.txt", "x.txt"]


def test_links_to_nothing_and_pipes_are_skipped_with_a_warning(write_corpus: WriteCorpus) -> None:
    folder = write_corpus({"x.txt": GOOD})
    (folder / "gone.txt").symlink_to(folder / "missing.txt")
    os.mkfifo(folder / "pipe.txt")  # reading it would block for ever
    corpus = load_corpus(folder)
    assert [a.id for a in corpus.articles] == ["x.txt"]
    reasons = {w.file.name: w.reason for w in corpus.warnings}
    assert reasons == {
        "gone.txt": "skipped: a link to nothing",
        "pipe.txt": "skipped: not a regular file",
    }


def test_unreadable_folder_is_named_in_a_warning(
    write_corpus: WriteCorpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_corpus({"x.txt": GOOD, "locked/y.txt": GOOD, "open/z.txt": GOOD})
    real_scandir = os.scandir

    def scandir(path: str | os.PathLike[str]) -> object:
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    corpus = load_corpus(folder)
    assert sorted(a.id for a in corpus.articles) == ["open/z.txt", "x.txt"]
    (warning,) = corpus.warnings
    assert str(warning) == f"{folder / 'locked'}: folder skipped: Permission denied"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder")
def test_folder_without_permission_is_named_in_a_warning(write_corpus: WriteCorpus) -> None:
    folder = write_corpus({"x.txt": GOOD, "locked/y.txt": GOOD})
    (folder / "locked").chmod(0)
    try:
        corpus = load_corpus(folder)
    finally:
        (folder / "locked").chmod(0o755)
    assert [a.id for a in corpus.articles] == ["x.txt"]
    assert [w.file.name for w in corpus.warnings] == ["locked"]


def test_a_huge_file_is_skipped_without_reading_it(write_corpus: WriteCorpus) -> None:
    folder = write_corpus({"x.txt": GOOD})
    with (folder / "huge.txt").open("wb") as handle:
        handle.truncate(40 * 1024 * 1024)  # sparse: costs no disk
    corpus = load_corpus(folder)
    assert [a.id for a in corpus.articles] == ["x.txt"]
    (warning,) = corpus.warnings
    assert "larger than 32 MB" in warning.reason


# Cancellation ------------------------------------------------------------------------


def test_loading_stops_between_files_when_asked(write_corpus: WriteCorpus) -> None:
    folder = write_corpus({f"{n}.txt": GOOD for n in range(5)})
    asked: list[int] = []

    def should_stop() -> bool:
        asked.append(1)
        return len(asked) > 3

    with pytest.raises(Cancelled):
        load_corpus(folder, should_stop=should_stop)
    assert len(asked) == 4


def test_the_folder_walk_stops_when_asked(write_corpus: WriteCorpus) -> None:
    folder = write_corpus({f"{n}/x.txt": GOOD for n in range(5)})
    calls: list[int] = []

    def should_stop() -> bool:
        calls.append(1)
        return len(calls) > 2

    with pytest.raises(Cancelled):
        load_corpus(folder, should_stop=should_stop)
    assert len(calls) == 3  # stopped in the walk, before any file was read


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_file_text_loads_as_an_article(raw: str) -> None:
    article, problems = parse_article("x.txt", Path("x.txt"), raw)
    assert "\n" not in article.title and all("\n" not in p for p in problems)
