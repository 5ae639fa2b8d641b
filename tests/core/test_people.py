"""People in real readouts: titles before names, lists, names with initials and
particles, institutions that are not people, and one entry per person."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import ROOT, WriteCorpus
from tui.core import load_config, load_corpus
from tui.core.corpus import parse_article
from tui.core.extract import (
    Extraction,
    LeaderEntry,
    Lexicon,
    articles_by_leader,
    extract,
    extract_corpus,
)
from tui.core.extract.leaders import Leader, find_leaders
from tui.core.extract.lexicon import Tenure
from tui.core.extract.names import trie_pattern

LEXICON = load_config(ROOT / "config.yaml").lexicon


def leaders_in(body: str, lexicon: Lexicon | None = None) -> tuple[Leader, ...]:
    article, _ = parse_article("a.txt", Path("a.txt"), f"date 2025-01-01\n{body}")
    return find_leaders(article.text, article.sentences, lexicon or Lexicon())


def names_in(body: str, lexicon: Lexicon | None = None) -> dict[str, int]:
    return {leader.name: leader.count for leader in leaders_in(body, lexicon)}


@pytest.mark.parametrize(
    ("body", "name", "title"),
    [
        (
            "Minister of Industry and Trade Nguyễn Hồng Diên met the delegation.",
            "Nguyễn Hồng Diên",
            "Minister of Industry and Trade",
        ),
        (
            "Deputy Minister of Foreign Affairs Đỗ Hùng Việt chaired the meeting.",
            "Đỗ Hùng Việt",
            "Deputy Minister of Foreign Affairs",
        ),
        (
            "Chinese Vice Foreign Minister Sun Weidong visited Hà Nội.",
            "Sun Weidong",
            "Chinese Vice Foreign Minister",
        ),
        ("Vice-Minister of Commerce Ling Ji spoke.", "Ling Ji", "Vice-Minister of Commerce"),
        (
            "Secretary of the Central Committee of the Communist Party of China (CPC) Shi "
            "Taifeng received the guests.",
            "Shi Taifeng",
            "Secretary of the Central Committee of the Communist Party of China (CPC)",
        ),
        (
            "Chairman of the 15th National Assembly Trần Thanh Mẫn hosted them.",
            "Trần Thanh Mẫn",
            "Chairman of the 15th National Assembly",
        ),
        (
            "Chinese Ambassador to Viet Nam Xiong Bo attended.",
            "Xiong Bo",
            "Chinese Ambassador to Viet Nam",
        ),
        (
            "Spokesperson Matthew Miller said the talks went on.",
            "Matthew Miller",
            "Spokesperson",
        ),
        ("State Councillor Wang Xiaohong met them.", "Wang Xiaohong", "State Councillor"),
    ],
)
def test_a_title_with_its_object_before_a_name_finds_the_name(
    body: str, name: str, title: str
) -> None:
    (leader,) = leaders_in(body)
    assert (leader.name, leader.titles[0]) == (name, title)


def test_long_titles_joined_by_and_belong_to_the_name_after_them() -> None:
    (leader,) = leaders_in(
        "General Secretary of the Lao People's Revolutionary Party and President of Laos "
        "Thongloun Sisoulith arrived in Hà Nội."
    )
    assert leader.name == "Thongloun Sisoulith"
    assert leader.titles == (
        "General Secretary of the Lao People's Revolutionary Party",
        "President of Laos",
    )
    assert leader.country == "Laos"


@pytest.mark.parametrize(
    "body",
    [
        "Senior officials including Ding Xuexiang, Li Xi and Shi Taifeng attended.",
        "Politburo members Ding Xuexiang, Li Xi, and Shi Taifeng were present.",
        "Vice Premiers Ding Xuexiang, Li Xi and Shi Taifeng were present.",
    ],
)
def test_every_name_listed_after_a_plural_role_is_a_person(body: str) -> None:
    assert names_in(body) == {"Ding Xuexiang": 1, "Li Xi": 1, "Shi Taifeng": 1}


def test_a_name_after_a_singular_title_does_not_start_a_list() -> None:
    found = names_in("President Joko Widodo and Iriana, Hun Manet and others came.")
    assert found == {"Joko Widodo": 1}


@pytest.mark.parametrize(
    ("body", "found"),
    [
        ("Secretary of State John F. Kerry spoke. Kerry left.", {"John F. Kerry": 2}),
        ("President Ferdinand Marcos Jr. spoke. Marcos left.", {"Ferdinand Marcos Jr.": 2}),
        ("President Lee Jae-myung spoke. Lee left.", {"Lee Jae-myung": 2}),
        ("Foreign Minister Sugiono spoke.", {"Sugiono": 1}),
        ("President Prabowo arrived.", {"Prabowo": 1}),
        ("Prime Minister Anwar bin Ibrahim spoke.", {"Anwar bin Ibrahim": 1}),
    ],
)
def test_initials_suffixes_hyphens_particles_and_one_word_names_are_kept(
    body: str, found: dict[str, int]
) -> None:
    assert names_in(body) == found


@pytest.mark.parametrize(
    "body",
    [
        "The Secretary of the Communist Party of Việt Nam said so.",
        "The Foreign Ministry Spokesperson said so.",
        "President of the National Assembly said so.",
        "The Minister of Foreign Affairs of Thailand said so.",
        "The Prime Minister of Belt and Road projects said so.",
        "The meeting at 3 pm Beijing time ended.",
    ],
)
def test_institutions_and_places_after_a_title_are_no_people(body: str) -> None:
    assert names_in(body) == {}


@pytest.mark.parametrize(
    ("body", "found"),
    [
        ("PM Hun Manet spoke.", {"Hun Manet": 1}),
        ("FM Wang Yi spoke.", {"Wang Yi": 1}),
        ("Pres. Joko Widodo spoke.", {"Joko Widodo": 1}),
        ("Secretary Blinken spoke.", {"Blinken": 1}),
    ],
)
def test_abbreviated_titles_and_secretary_name_people(body: str, found: dict[str, int]) -> None:
    assert names_in(body) == found


def test_a_counterpart_is_named_then_called_by_title_and_surname() -> None:
    (leader, _) = leaders_in(
        "Prime Minister Phạm Minh Chính met his Thai counterpart Paetongtarn Shinawatra. "
        "PM Shinawatra said trade will grow. Shinawatra left.",
        LEXICON,
    )
    assert (leader.name, leader.count) == ("Paetongtarn Shinawatra", 3)


def test_relatives_sharing_a_surname_share_no_short_form() -> None:
    found = names_in(
        "Former Prime Minister Thaksin Shinawatra met Prime Minister Paetongtarn "
        "Shinawatra. Shinawatra said so."
    )
    assert found == {"Thaksin Shinawatra": 1, "Paetongtarn Shinawatra": 1}


def test_a_shared_surname_after_a_title_goes_to_the_one_holding_it() -> None:
    found = names_in(
        "Former Prime Minister Thaksin Shinawatra met Prime Minister Paetongtarn "
        "Shinawatra. PM Shinawatra said so."
    )
    assert found == {"Thaksin Shinawatra": 1, "Paetongtarn Shinawatra": 2}


def test_a_surname_found_first_joins_only_one_full_name() -> None:
    found = names_in(
        "Prime Minister Shinawatra spoke. Prime Minister Paetongtarn Shinawatra and "
        "former Prime Minister Thaksin Shinawatra met."
    )
    assert set(found) == {"Paetongtarn Shinawatra", "Thaksin Shinawatra"}
    assert found["Thaksin Shinawatra"] == 1


def test_colleagues_sharing_a_family_name_share_no_short_form() -> None:
    found = names_in("Foreign Minister Wang Yi met Chairman Wang Huning. Wang said so.", LEXICON)
    assert found == {"Wang Yi": 1, "Wang Huning": 1}


def test_the_marked_spelling_of_a_name_is_kept_within_an_article() -> None:
    found = names_in(
        "Chairman Tran Thanh Man met them. Later, Chairman Trần Thanh Mẫn spoke.",
        Lexicon(),
    )
    assert found == {"Trần Thanh Mẫn": 2}


def test_a_name_after_a_titled_name_and_and_takes_no_title() -> None:
    found = {
        leader.name: leader.titles
        for leader in leaders_in(
            "Minister of Foreign Affairs Bùi Thanh Sơn and Wang Yi met.", LEXICON
        )
    }
    assert found == {"Bùi Thanh Sơn": ("Minister of Foreign Affairs",), "Wang Yi": ()}


def test_a_leader_listed_after_another_does_not_inherit_the_title_and_name() -> None:
    found = {
        leader.name: leader.titles
        for leader in leaders_in(
            "General Secretary of the Communist Party of Việt Nam Tô Lâm and Prime "
            "Minister Phạm Minh Chính met Xi Jinping.",
            LEXICON,
        )
    }
    assert found["Phạm Minh Chính"] == ("Prime Minister",)
    assert found["Tô Lâm"] == ("General Secretary of the Communist Party of Việt Nam",)


def test_ambiguous_gazetteer_short_forms_stay_unclaimed() -> None:
    lexicon = Lexicon(
        leaders=(
            LeaderEntry("Li Qiang", "China", short=("Li",)),
            LeaderEntry("Li Keqiang", "China", short=("Li",)),
        )
    )
    assert names_in("Premier Li spoke.", lexicon) == {}


def corpus_of(write_corpus: WriteCorpus, bodies: dict[str, str]) -> dict[str, Extraction]:
    folder = write_corpus({name: f"date 2025-01-01\n{body}" for name, body in bodies.items()})
    return extract_corpus(load_corpus(folder), Lexicon())


def test_spellings_of_one_person_across_articles_are_one_leader_with_diacritics(
    write_corpus: WriteCorpus,
) -> None:
    found = corpus_of(
        write_corpus,
        {
            "a.txt": "Chairman Tran Thanh Man met them. Tran Thanh Man said he will help.",
            "b.txt": "Chairman Trần Thanh Mẫn met them.",
        },
    )
    assert [x.name for x in found["a.txt"].leaders] == ["Trần Thanh Mẫn"]
    assert found["a.txt"].commitments[0].actors == ("Trần Thanh Mẫn",)
    assert {k: sorted(v) for k, v in articles_by_leader(found).items()} == {
        "Trần Thanh Mẫn": ["a.txt", "b.txt"]
    }


def test_articles_by_leader_joins_spellings_of_extractions_made_one_by_one(
    write_corpus: WriteCorpus,
) -> None:
    folder = write_corpus(
        {"a.txt": "date 2025-01-01\nChairman Tran Thanh Man met them.",
         "b.txt": "date 2025-01-01\nChairman Trần Thanh Mẫn met them."}
    )  # fmt: skip
    found = {a.id: extract(a, Lexicon()) for a in load_corpus(folder).articles}
    assert {k: sorted(v) for k, v in articles_by_leader(found).items()} == {
        "Trần Thanh Mẫn": ["a.txt", "b.txt"]
    }


def test_a_surname_alone_in_one_article_is_the_one_full_name_the_corpus_knows(
    write_corpus: WriteCorpus,
) -> None:
    found = corpus_of(
        write_corpus,
        {
            "a.txt": "Secretary Blinken spoke with Foreign Minister Wang Yi.",
            "b.txt": "Secretary of State Antony Blinken met Chairman Wang Huning.",
            "c.txt": "Foreign Minister Wang spoke.",
        },
    )
    assert {x.name for x in found["a.txt"].leaders} == {"Antony Blinken", "Wang Yi"}
    assert [x.name for x in found["c.txt"].leaders] == ["Wang"]


@pytest.mark.parametrize(
    ("body", "name", "titles"),
    [
        (
            "Wang Huning, member of the Political Bureau of the CPC Central Committee, spoke.",
            "Wang Huning",
            ("member of the Political Bureau of the CPC Central Committee",),
        ),
        ("National Security Adviser Jake Sullivan met them.", "Jake Sullivan", None),
        ("Politburo member Cai Qi met them.", "Cai Qi", None),
        ("Deputy PM and FM Pham Binh Minh met them.", "Pham Binh Minh", None),
    ],
)
def test_members_advisers_and_abbreviated_joint_titles(
    body: str, name: str, titles: tuple[str, ...] | None
) -> None:
    (leader,) = leaders_in(body)
    assert leader.name == name
    assert titles is None or leader.titles == titles


def test_trie_pattern_matches_every_word_and_the_longest_first() -> None:
    pattern = re.compile(trie_pattern(["Minister", "Ministers", "Prime Minister", "PM"]))
    found = [m.group() for m in pattern.finditer("PM, Prime Minister, Ministers, Minister")]
    assert found == ["PM", "Prime Minister", "Ministers", "Minister"]
    assert pattern.fullmatch("Prime\nMinister")


@pytest.mark.parametrize(
    ("body", "found"),
    [
        ("Prime Minister Datuk Seri Anwar Ibrahim met them.", {"Anwar Ibrahim": 1}),
        (
            "They met H.E. Mr. Narendra Modi, Prime Minister of the Republic of India.",
            {"Narendra Modi": 1},
        ),
        (
            "They met the Prime Minister, the Hon Anthony Albanese MP, today.",
            {"Anthony Albanese": 1},
        ),
        (
            "Foreign Minister Dato' Seri Mohamad bin Haji Hasan spoke.",
            {"Mohamad bin Haji Hasan": 1},
        ),
        ("Russia's Vladimir Putin arrived.", {"Vladimir Putin": 1}),
        ("It ends China's 14th Five-Year Plan and China's Belt and Road.", {}),
        ("Lee Jae-myung replaced his predecessor Yoon Suk Yeol.", {"Yoon Suk Yeol": 1}),
        ("Minister for Foreign Affairs\n\nMedia release\n\nToday they met.", {}),
        ("They won the War.\n\nWang, also a member of the Politburo, spoke.", {}),
        (
            "Earlier on Wednesday, Wang Huning, chairman of the National Committee, spoke.",
            {"Wang Huning": 1},
        ),
        ("Resources Minister Madeleine King spoke.", {"Madeleine King": 1}),
        ("U.S. Trade Representative Jamieson Greer spoke.", {"Jamieson Greer": 1}),
    ],
)
def test_words_of_address_possessives_and_line_ends_around_names(
    body: str, found: dict[str, int]
) -> None:
    assert names_in(body) == found


def test_a_family_name_in_capitals_first_is_named_given_name_first() -> None:
    (leader,) = leaders_in("Mr. ISHIBA Shigeru, Prime Minister of Japan, met them.")
    assert (leader.name, [m.text for m in leader.mentions]) == (
        "Shigeru Ishiba",
        ["ISHIBA Shigeru"],
    )


def test_a_short_form_inside_a_name_nobody_knows_is_not_a_mention() -> None:
    found = names_in(
        "Prime Minister Hun Manet took over from his father Hun Sen. Hun Manet spoke. "
        "Reporters met Hun in Hà Nội."
    )
    assert found == {"Hun Manet": 3}


def test_a_one_word_name_written_once_with_its_surname_is_that_full_name() -> None:
    found = names_in("Sơn sent greetings to Sihasak Phuangketkeow. Minister Sihasak said yes.")
    assert found == {"Sihasak Phuangketkeow": 2}


def test_a_shared_short_form_goes_to_the_one_owner_named_in_its_paragraph() -> None:
    found = names_in(
        "Foreign Minister Wang Yi met Anwar.\n\nChairman Wang Huning met Anwar. Wang said so."
        "\n\nWang left.",
        LEXICON,
    )
    assert found == {"Wang Yi": 1, "Wang Huning": 2}


def test_a_title_followed_by_a_name_is_not_an_appositive_of_the_name_before() -> None:
    xi = leaders_in("They greeted President Xi Jinping, Premier Li Qiang and others.", LEXICON)[0]
    assert (xi.name, xi.titles) == ("Xi Jinping", ("President",))


def test_spellings_with_and_without_initials_or_particles_are_one_person(
    write_corpus: WriteCorpus,
) -> None:
    found = corpus_of(
        write_corpus,
        {
            "a.txt": "Secretary Antony J. Blinken met Foreign Minister Mohamad bin Haji Hasan.",
            "b.txt": "Secretary Antony Blinken met Foreign Minister Datuk Seri Mohamad Hasan.",
        },
    )
    assert {x.name for x in found["a.txt"].leaders} == {"Antony Blinken", "Mohamad Hasan"}


@pytest.mark.parametrize(
    ("body", "found"),
    [
        ("Vice Premier He Lifeng met them. He said so. He Lifeng left.", {"He Lifeng": 2}),
        ("China's top legislator Zhao Leji met them.", {"Zhao Leji": 1}),
        (
            "Head of the Party Central Committee's Commission for External Relations Lê "
            "Hoài Trung spoke.",
            {"Lê Hoài Trung": 1},
        ),
        ("Prime Minister Samdech Moha Borvor Thipadei Hun Manet spoke.", {"Hun Manet": 1}),
        ("Sultan Haji Hassanal Bolkiah spoke.", {"Hassanal Bolkiah": 1}),
    ],
)
def test_more_roles_words_of_address_and_pronouns(body: str, found: dict[str, int]) -> None:
    assert names_in(body) == found


def test_a_shared_short_form_goes_to_the_protagonist_named_far_more_often() -> None:
    found = names_in(
        "Chairman Li Xi arrived. Li Xi met them.\n\nLi Xi carried greetings to Premier "
        "Li Qiang.\n\nLi said so.",
        LEXICON,
    )
    assert found == {"Li Xi": 4, "Li Qiang": 1}
    even = names_in("Chairman Li Xi met Premier Li Qiang.\n\nLi said so.", LEXICON)
    assert even == {"Li Xi": 1, "Li Qiang": 1}


@pytest.mark.parametrize(
    ("body", "name", "titles"),
    [
        (
            "Prime Minister Datuk Seri Anwar Ibrahim met them.",
            "Anwar Ibrahim",
            ("Prime Minister",),
        ),
        (
            "Minister for Foreign Affairs Dr Vivian Balakrishnan met them.",
            "Vivian Balakrishnan",
            ("Minister for Foreign Affairs",),
        ),
        (
            "They met Kim Jong Un, General Secretary of the Workers' Party of Korea.",
            "Kim Jong Un",
            ("General Secretary of the Workers' Party of Korea",),
        ),
        (
            "South Korean President Yoon Suk Yeol met them.",
            "Yoon Suk Yeol",
            ("South Korean President",),
        ),
        (
            "Philippine President Ferdinand Marcos Jr. met them.",
            "Ferdinand Marcos Jr.",
            ("Philippine President",),
        ),
    ],
)
def test_titles_skip_words_of_address_and_keep_their_country(
    body: str, name: str, titles: tuple[str, ...]
) -> None:
    (leader,) = leaders_in(body)
    assert (leader.name, leader.titles) == (name, titles)


@pytest.mark.parametrize(
    ("body", "found"),
    [
        ("Prime Minister of the Lao PDR Sonexay Siphandone spoke.", {"Sonexay Siphandone": 1}),
        ("He met his counterpart from Thailand, Maris Sangiampongsa.", {"Maris Sangiampongsa": 1}),
        (
            "President of the European Commission Ursula von der Leyen spoke.",
            {"Ursula von der Leyen": 1},
        ),
        ("They watched the Premier League final.", {}),
    ],
)
def test_acronyms_of_states_counterparts_from_and_particles(
    body: str, found: dict[str, int]
) -> None:
    assert names_in(body) == found


def test_a_title_after_a_name_that_takes_the_next_name_is_the_next_persons() -> None:
    found = {
        leader.name: leader.titles
        for leader in leaders_in(
            "On behalf of General Secretary To Lam, Standing member of the Party Central "
            "Committee's Secretariat Tran Cam Tu welcomed him."
        )
    }
    assert found["To Lam"] == ("General Secretary",)


def test_a_department_before_a_head_is_part_of_the_title() -> None:
    (leader,) = leaders_in("U.S. Treasury Secretary Scott Bessent met them.")
    assert leader.titles == ("U.S. Treasury Secretary",)


@pytest.mark.parametrize(
    ("body", "country"),
    [
        ("South Korean President Lee Jae-myung met them.", "South Korea"),
        ("Foreign Minister of the Republic of Korea Cho Hyun met them.", "South Korea"),
        ("Chinese Premier Li Qiang met them.", "China"),
    ],
)
def test_the_country_of_a_leader_is_read_from_the_title(body: str, country: str) -> None:
    (leader,) = leaders_in(body)
    assert leader.country == country


def test_a_known_name_that_ends_a_discovered_one_is_that_person() -> None:
    found = names_in("Minister of Hydropower Tô Lâm spoke.", LEXICON)
    assert found == {"Tô Lâm": 1}


PREMIERS = Lexicon(
    leaders=(
        LeaderEntry(
            "Li Keqiang", "China", short=("Li",), titles=(Tenure("Premier", end=date(2023, 3, 10)),)
        ),
        LeaderEntry(
            "Li Qiang", "China", short=("Li",), titles=(Tenure("Premier", date(2023, 3, 11)),)
        ),
        LeaderEntry(
            "Li Xi",
            "China",
            short=("Li",),
            titles=(Tenure("Secretary of the CCDI", date(2022, 10, 23)),),
        ),
    )
)


def leaders_on(day: str, body: str, lexicon: Lexicon) -> dict[str, int]:
    article, _ = parse_article("a.txt", Path("a.txt"), f"date {day}\n{body}")
    found = find_leaders(article.text, article.sentences, lexicon, on=article.date)
    return {leader.name: leader.count for leader in found}


@pytest.mark.parametrize(
    ("day", "found"),
    [
        ("2024-06-01", {"Li Qiang": 2}),
        ("2019-06-01", {"Li Keqiang": 2}),
    ],
)
def test_a_short_form_after_a_title_is_who_held_that_title_on_the_day(
    day: str, found: dict[str, int]
) -> None:
    assert leaders_on(day, "Premier Li met them. Li said so.", PREMIERS) == found


def test_without_a_day_or_a_fitting_title_a_shared_short_form_names_no_one() -> None:
    article, _ = parse_article("a.txt", Path("a.txt"), "date 2024-06-01\nPremier Li met them.")
    assert find_leaders(article.text, article.sentences, PREMIERS) == ()
    assert leaders_on("2024-06-01", "Chairman Li met them.", PREMIERS) == {}


def test_a_shared_surname_goes_to_the_relative_in_office_on_the_day() -> None:
    lexicon = Lexicon(
        leaders=(
            LeaderEntry(
                "Thaksin Shinawatra",
                short=("Shinawatra",),
                titles=(Tenure("Prime Minister", date(2001, 2, 9), date(2006, 9, 19)),),
            ),
            LeaderEntry(
                "Paetongtarn Shinawatra",
                short=("Shinawatra",),
                titles=(Tenure("Prime Minister", date(2024, 8, 16), date(2025, 8, 29)),),
            ),
        )
    )
    body = "Thaksin Shinawatra met Paetongtarn Shinawatra.\n\nShinawatra said so."
    assert leaders_on("2025-01-01", body, lexicon) == {
        "Paetongtarn Shinawatra": 2,
        "Thaksin Shinawatra": 1,
    }
    assert leaders_on("2026-01-01", body, lexicon) == {
        "Thaksin Shinawatra": 1,
        "Paetongtarn Shinawatra": 1,
    }


@pytest.mark.parametrize(
    ("body", "found"),
    [
        ("Li said so. Wang agreed. Kim left.", {}),
        ("Kim Jong Un met Kim Yo Jong. Kim said so.", {"Kim Jong Un": 1, "Kim Yo Jong": 1}),
        ("Premier Li Qiang met Li Xi. Li said so.", {"Li Qiang": 1, "Li Xi": 1}),
    ],
)
def test_short_forms_many_known_people_share_stay_unclaimed_with_the_gazetteer(
    body: str, found: dict[str, int]
) -> None:
    assert names_in(body, LEXICON) == found


@pytest.mark.parametrize(
    ("day", "name"), [("2019-05-01", "Li Keqiang"), ("2024-05-01", "Li Qiang")]
)
def test_extract_passes_the_articles_day_to_the_gazetteer(
    write_corpus: WriteCorpus, day: str, name: str
) -> None:
    folder = write_corpus({"a.txt": f"date {day}\nPremier Li met them. Li said so."})
    (article,) = load_corpus(folder).articles
    assert [(x.name, x.count) for x in extract(article, LEXICON).leaders] == [(name, 2)]
