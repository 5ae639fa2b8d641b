"""Readout files written by imports: names, front matter the reader reads back
exactly, and files written whole."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.corpus import load_corpus, parse_article, read_header
from tui.core.importing.writing import (
    Readout,
    file_name,
    fingerprint,
    one_value,
    render,
    replace_file,
    slug,
    write_new,
)

NOW = dt.datetime(2026, 11, 26, 4, 40, tzinfo=dt.UTC)
TEXT = "Hà Nội (MNA) – Prime Minister Phạm Minh Chính held talks.\n\nThe two sides agreed."


def readout(title: str = "PM holds talks", **changes: object) -> Readout:
    fields: dict[str, object] = {
        "date": dt.date(2025, 3, 11), "title": title, "source": "Mekong News Agency",
        "url": "https://news.example.vn/a", "text": TEXT, "imported": NOW,
    }  # fmt: skip
    fields.update(changes)
    return Readout(**fields)  # type: ignore[arg-type]


def test_slug_is_folded_ascii_cut_at_a_word() -> None:
    assert slug("Việt Nam–Lào talks: “railway” first!") == "viet-nam-lao-talks-railway-first"
    assert slug("Foreign Minister’s talks") == "foreign-ministers-talks"
    assert slug("习近平同越南领导人通电话") == "article"
    long = slug("Prime Minister " * 20)
    assert len(long) <= 60 and not long.endswith("-") and long.endswith("minister")


def test_file_names_by_date_and_number() -> None:
    assert file_name(dt.date(2025, 3, 11), "PM talks") == "2025-03-11-pm-talks.md"
    assert file_name(None, "PM talks", 3) == "undated-pm-talks-3.md"


def test_front_matter_has_every_key_and_the_reader_reads_it(tmp_path: Path) -> None:
    written = write_new(tmp_path, readout())
    raw = written.read_text(encoding="utf-8")
    header, body = read_header(raw)
    assert header == {
        "date": dt.date(2025, 3, 11), "title": "PM holds talks", "source": "Mekong News Agency",
        "url": "https://news.example.vn/a", "imported": "2026-11-26T04:40:00Z",
        "fingerprint": fingerprint(TEXT),
    }  # fmt: skip
    assert body.strip() == TEXT
    (article,) = load_corpus(tmp_path).articles
    assert (article.title, article.source, article.date) == (
        "PM holds talks", "Mekong News Agency", dt.date(2025, 3, 11),
    )  # fmt: skip
    assert [p.text for p in article.paragraphs][-1] == "The two sides agreed."
    assert not [w for w in load_corpus(tmp_path).warnings]


def test_same_name_for_a_different_article_gets_a_number(tmp_path: Path) -> None:
    first = write_new(tmp_path, readout())
    second = write_new(tmp_path, readout(text="Another text entirely."))
    assert (first.name, second.name) == (
        "2025-03-11-pm-holds-talks.md",
        "2025-03-11-pm-holds-talks-2.md",
    )
    assert TEXT in first.read_text(encoding="utf-8")


def test_nothing_is_left_behind_but_the_file(tmp_path: Path) -> None:
    write_new(tmp_path, readout())
    path = write_new(tmp_path, readout())
    replace_file(path, readout(text="Changed."))
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "2025-03-11-pm-holds-talks-2.md", "2025-03-11-pm-holds-talks.md",
    ]  # fmt: skip


def test_fingerprint_ignores_case_accents_punctuation_and_spacing() -> None:
    assert fingerprint("Việt Nam,  China agree.") == fingerprint("viet nam china AGREE")
    assert fingerprint("Việt Nam and China agree") != fingerprint("Việt Nam and Laos agree")


def test_undated_article_has_no_date_and_the_reader_says_so(tmp_path: Path) -> None:
    path = write_new(tmp_path, readout(date=None))
    assert "date:" not in path.read_text(encoding="utf-8")
    assert load_corpus(tmp_path).articles[0].date is None


# Any text a page can put in a title: quotes, colons, `---`, markup, newlines, bidi
# controls, other control characters, YAML words (`yes`, `~`, `2025-01-01`).
PIECES = ["---", ": ", "'", '"', "[bold]", "\n", "\u202e", "#", "- ", "\x85", "yes", "~"]
TITLES = st.lists(
    st.one_of(
        st.text(st.characters(exclude_categories=["Cs"]), max_size=8), st.sampled_from(PIECES)
    ),
    max_size=12,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(title=TITLES, source=TITLES)
def test_any_title_and_source_round_trip_through_the_reader(title: str, source: str) -> None:
    raw = render(readout(title=title, source=source))
    article, _ = parse_article("x.md", Path("x.md"), raw)
    if one_value(title):
        assert article.title == one_value(title)
    if one_value(source):
        assert article.source == one_value(source)
    assert article.date == dt.date(2025, 3, 11)
    assert read_header(raw)[0]["fingerprint"] == fingerprint(TEXT)


def test_files_are_readable_as_the_umask_says(tmp_path: Path) -> None:
    path = write_new(tmp_path, readout())
    umask = os.umask(0o022)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask
