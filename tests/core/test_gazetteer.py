"""The bundled leaders gazetteer: every entry checked, read into `LeaderEntry`
objects with the titles held and when, merged with `config.yaml`'s people."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import ROOT, WriteCorpus
from tui.core import load_config, load_corpus
from tui.core.extract import LeaderEntry, Lexicon, extract
from tui.core.extract.gazetteer import (
    COUNTRIES,
    Entries,
    GazetteerError,
    bundled,
    bundled_gazetteer,
    merge,
    read_gazetteer,
    sole_in_office,
)
from tui.core.extract.lexicon import Tenure
from tui.core.extract.names import NameFinder
from tui.core.text import fold

# Words a readout uses in its own right: a short form spelled like one would count
# every capitalised occurrence (a sentence's first word) as the person.
COMMON_WORDS = frozenset(
    "a an and as at be bishop but by can do don for go he her him his i if in is it king "
    "long man may me moon more most new no not now of on one or park prime queen said "
    "sang see she so son song sun than that the then this to up us we will with won young "
    "ha nam van thu".split()
)
# Short forms kept although they fold to such a word: Vietnamese readouts write them,
# and a short form counts only in an article that names its person in full.
KEPT_SHORT = {"son": "Bùi Thanh Sơn", "man": "Trần Thanh Mẫn"}


def test_the_bundled_gazetteer_reads_without_a_problem() -> None:
    gazetteer = bundled_gazetteer()
    assert gazetteer.problems == ()
    assert len(gazetteer.entries) >= 200


def test_every_full_spelling_names_one_person() -> None:
    owners: dict[str, str] = {}
    for entry in bundled():
        for spelling in {fold(s) for s in (entry.name, *entry.aliases)}:
            assert spelling not in owners, f"{entry.name} and {owners[spelling]}"
            owners[spelling] = entry.name


@pytest.mark.parametrize("entry", bundled(), ids=lambda entry: entry.name)
def test_each_bundled_person_is_well_formed(entry: LeaderEntry) -> None:
    assert entry.country in COUNTRIES
    assert entry.titles, "every bundled person has the titles they held"
    for tenure in entry.titles:
        assert tenure.start is not None
        assert tenure.end is None or tenure.start <= tenure.end
        assert tenure.title == tenure.title.strip() and tenure.title[:1].isupper()
    full = {fold(s) for s in (entry.name, *entry.aliases)}
    for short in entry.short:
        folded = fold(short)
        assert folded not in COMMON_WORDS or folded in KEPT_SHORT, short
        assert folded not in full, f"{short} is already a full spelling"
        assert short[:1].isupper(), "short forms are matched capitalised"


def test_the_people_of_the_old_default_config_are_bundled() -> None:
    names = {entry.name: entry for entry in bundled()}
    for name, short in (
        ("Tô Lâm", "Lâm"), ("Xi Jinping", "Xi"), ("Lương Cường", "Cường"),
        ("Nguyễn Phú Trọng", "Trọng"), ("Phạm Minh Chính", "Chính"),
        ("Trần Thanh Mẫn", "Mẫn"), ("Bùi Thanh Sơn", "Sơn"), ("Võ Văn Thưởng", "Thưởng"),
        ("Li Qiang", "Li"), ("Wang Yi", "Wang"), ("Zhao Leji", "Zhao"), ("Mao Zedong", "Mao"),
    ):  # fmt: skip
        assert short in names[name].short
    assert "Hồ Chí Minh" in names
    assert "Mao Zhedong" in names["Mao Zedong"].aliases


def test_title_on_gives_the_office_held_that_day() -> None:
    entry = next(entry for entry in bundled() if entry.name == "Tô Lâm")
    assert entry.title_on(date(2020, 1, 1)) == "Minister of Public Security"
    assert entry.title_on(date(2024, 9, 1)) is not None
    assert entry.held_on(date(2026, 1, 1))
    assert not entry.held_on(date(2010, 1, 1))
    assert entry.title_on(date(2010, 1, 1)) is None


def test_a_person_without_titles_holds_nothing() -> None:
    assert not LeaderEntry("A").held_on(date(2025, 1, 1))
    assert Tenure("President").covers(date(1900, 1, 1))


def test_partial_dates_cover_their_whole_month_or_year() -> None:
    text = (
        "- name: A\n  country: China\n  titles:\n"
        "    - {title: Premier, from: 2013-03, to: 2023}\n"
        "    - {title: Envoy, from: 2024, to: 2024-02}\n"
    )
    (entry,) = read_gazetteer(text).entries
    premier, envoy = entry.titles
    assert (premier.start, premier.end) == (date(2013, 3, 1), date(2023, 12, 31))
    assert (envoy.start, envoy.end) == (date(2024, 1, 1), date(2024, 2, 29))
    assert entry.title_on(date(2024, 2, 29)) == "Envoy"


@pytest.mark.parametrize(
    ("person", "problem"),
    [
        ("- name: B\n  titles: [{title: X, from: 2020, to: 2019}]\n", "'X' ends before it starts"),
        ("- name: B\n  titles: [{title: X, from: 2020-13}]\n", "'2020-13' is not a date"),
        ("- name: B\n  titles: [{title: X, from: yes}]\n", "True is not a date"),
        ("- name: B\n  titles: [{title: X, since: 2020}]\n", "unknown title field 'since'"),
        ("- name: B\n  titles: [X]\n", "each title must be a mapping with a 'title'"),
        ("- name: B\n  nickname: C\n", "unknown field 'nickname'"),
        ("- name: B\n  short: [3]\n", "'short' must be a list of text"),
        ("- name: B\n  country: [C]\n", "'country' must be text"),
        ("- country: China\n", "each person must be a mapping with a 'name'"),
    ],
)
def test_a_broken_person_is_left_out_with_a_problem_naming_it(person: str, problem: str) -> None:
    gazetteer = read_gazetteer("- name: A\n" + person, "g.yaml")
    assert [entry.name for entry in gazetteer.entries] == ["A"]
    (line,) = gazetteer.problems
    assert line.startswith("g.yaml: person 2 (") and problem in line


@pytest.mark.parametrize(
    ("text", "message"),
    [("name: A\n", "g.yaml: must be a list of people"), ("- [\n", "g.yaml:2: invalid YAML")],
)
def test_a_file_that_is_not_a_list_of_people_is_refused(text: str, message: str) -> None:
    with pytest.raises(GazetteerError, match=message):
        read_gazetteer(text, "g.yaml")


def write_config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_config_leaders_add_to_the_gazetteer_and_replace_a_person_of_the_same_name(
    tmp_path: Path,
) -> None:
    path = write_config(
        tmp_path,
        "leaders:\n  - name: Trần Văn Ánh\n    country: Việt Nam\n"
        "  - name: TO LAM\n    short: [Tô]\n",
    )
    leaders = load_config(path).lexicon.leaders
    by_name = {entry.name: entry for entry in leaders}
    assert leaders[:2] == (
        LeaderEntry("Trần Văn Ánh", "Việt Nam"),
        LeaderEntry("TO LAM", short=("Tô",)),
    )
    assert "Tô Lâm" not in by_name
    assert "Xi Jinping" in by_name
    assert len(leaders) == len(bundled()) + 1


def test_a_config_without_leaders_gets_the_whole_gazetteer(tmp_path: Path) -> None:
    assert load_config(write_config(tmp_path, "corpus: x\n")).lexicon.leaders == bundled()
    assert load_config(None, cwd=tmp_path).lexicon.leaders == bundled()


def test_loading_a_config_again_does_not_rebuild_the_name_finder(
    tmp_path: Path, write_corpus: WriteCorpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_config(tmp_path, "leaders:\n  - name: Trần Văn Ánh\n")
    folder = write_corpus({"a.txt": "date 2025-01-01\nTrần Văn Ánh met Li Qiang."})
    (article,) = load_corpus(folder).articles
    extract(article, load_config(path).lexicon)
    built: list[int] = []
    build = NameFinder.__init__

    def counted(finder: NameFinder, names: Iterable[str]) -> None:
        names = list(names)
        built.append(len(names))
        build(finder, names)

    monkeypatch.setattr(NameFinder, "__init__", counted)
    for _ in range(3):
        lexicon = load_config(path).lexicon
        extract(article, lexicon)
    # Only the article's own few people are indexed again, never the whole gazetteer.
    assert built and max(built) < 10
    assert lexicon.leaders is load_config(path).lexicon.leaders


def test_merge_keeps_every_bundled_person_no_spelling_of_yours_names() -> None:
    base = (LeaderEntry("Li Qiang", aliases=("Li Chiang",)), LeaderEntry("Wang Yi"))
    own = (LeaderEntry("li chiang", short=("Li",)),)
    assert merge(own, base) == (own[0], base[1])


def mentions(write_corpus: WriteCorpus, body: str) -> dict[str, list[str]]:
    folder = write_corpus({"a.txt": f"date 2024-06-26\n{body}"})
    (article,) = load_corpus(folder).articles
    found = extract(article, load_config(ROOT / "config.yaml").lexicon)
    return {leader.name: [m.text for m in leader.mentions] for leader in found.leaders}


def test_a_short_form_many_bundled_people_share_counts_where_the_article_names_one(
    write_corpus: WriteCorpus,
) -> None:
    body = (
        "Chinese Premier Li Qiang held talks with Anthony Albanese in Canberra. "
        "Li said China is ready to work with Australia. Albanese welcomed Li."
    )
    assert mentions(write_corpus, body) == {
        "Li Qiang": ["Li Qiang", "Li", "Li"],
        "Anthony Albanese": ["Anthony Albanese", "Albanese"],
    }


def test_a_short_form_two_people_of_the_article_share_counts_for_neither(
    write_corpus: WriteCorpus,
) -> None:
    body = "Li Qiang met Li Xi and Wang Yi met Wang Huning. Li spoke. Wang spoke."
    found = mentions(write_corpus, body)
    assert found == {name: [name] for name in ("Li Qiang", "Li Xi", "Wang Yi", "Wang Huning")}


def test_thai_leaders_are_known_by_given_name_and_by_surname(write_corpus: WriteCorpus) -> None:
    body = (
        "Xi Jinping met his Thai counterpart Paetongtarn Shinawatra. "
        "PM Shinawatra thanked Xi. Paetongtarn said Thailand is ready."
    )
    assert mentions(write_corpus, body)["Paetongtarn Shinawatra"] == [
        "Paetongtarn Shinawatra", "Shinawatra", "Paetongtarn",
    ]  # fmt: skip


def test_relatives_who_share_a_surname_do_not_share_its_mentions(
    write_corpus: WriteCorpus,
) -> None:
    body = "Thaksin Shinawatra met Paetongtarn Shinawatra. Shinawatra spoke."
    found = mentions(write_corpus, body)
    assert found == {
        "Thaksin Shinawatra": ["Thaksin Shinawatra"],
        "Paetongtarn Shinawatra": ["Paetongtarn Shinawatra"],
    }


def test_diacritics_and_initials_need_no_alias(write_corpus: WriteCorpus) -> None:
    body = "Tran Thanh Man met John F. Kerry and Prabowo in Ha Noi."
    assert set(mentions(write_corpus, body)) == {
        "Trần Thanh Mẫn",
        "John F. Kerry",
        "Prabowo Subianto",
    }


def test_the_lexicon_type_is_unchanged_for_code_that_builds_one() -> None:
    lexicon = Lexicon(leaders=(LeaderEntry("A", short=("A",)),))
    assert lexicon.leaders[0].titles == ()


def test_the_people_of_a_config_hash_once_however_many_articles_look_them_up(
    tmp_path: Path,
) -> None:
    hashed: list[int] = []

    class Counted:
        def __hash__(self) -> int:
            hashed.append(1)
            return 1

    people = Entries((Counted(), Counted()))  # type: ignore[arg-type]
    assert hash(people) == hash(people) == hash(tuple(people))
    assert len(hashed) == 4  # twice for `people`, twice for the plain tuple
    config = load_config(write_config(tmp_path, "leaders:\n  - name: A\n"))
    assert isinstance(config.lexicon.leaders, Entries)
    assert isinstance(load_config(None, cwd=tmp_path).lexicon.leaders, Entries)


def test_a_shared_short_form_goes_to_the_one_person_in_office_that_day() -> None:
    people = {entry.name: entry for entry in bundled()}
    relatives = (people["Thaksin Shinawatra"], people["Paetongtarn Shinawatra"])
    assert sole_in_office(relatives, date(2025, 1, 20)) is people["Paetongtarn Shinawatra"]
    assert sole_in_office(relatives, date(2005, 1, 1)) is people["Thaksin Shinawatra"]
    assert sole_in_office(relatives, date(2020, 1, 1)) is None  # neither
    both = (people["Li Qiang"], people["Li Xi"])
    assert sole_in_office(both, date(2024, 9, 18)) is None  # both in office
    assert sole_in_office(relatives, None) is None  # an undated article
