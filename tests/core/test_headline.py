"""Headlines made from the lead: the principals and the kind of contact. Every
article here is made up."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import ROOT, WriteCorpus
from tui.cli import main
from tui.core import load_config, load_corpus
from tui.core.corpus import parse_article
from tui.core.extract.corrections import Corrections, NotPerson, Rename, with_corrections
from tui.core.extract.headline import contact_of, headline, lead_of, principals
from tui.core.extract.lexicon import LeaderEntry, Lexicon
from tui.core.text import segment

LEXICON = load_config(ROOT / "config.yaml").lexicon
WITH_WONG = Lexicon(
    leaders=(*LEXICON.leaders, LeaderEntry("Penny Wong", "Australia", short=("Wong",))),
    topics=LEXICON.topics,
)


@pytest.mark.parametrize(
    ("lead", "contact"),
    [
        ("Prime Minister Hun Manet held phone talks with President Joko Widodo.", "phone talks"),
        ("Hun Manet had a telephone conversation with Joko Widodo on Monday.", "phone talks"),
        ("Secretary Blinken spoke today with Foreign Minister Sugiono.", "phone talks"),
        ("The two prime ministers held a video call on Friday.", "phone talks"),
        ("Prime Minister Hun Manet held talks with President Joko Widodo.", "talks"),
        ("Prime Minister Kishida and President Yoon praised ties after their summit.", "talks"),
        ("The two ministers co-chaired the fifth Political Consultation in Hà Nội.", "talks"),
        ("President Xi Jinping met with Prime Minister Anwar Ibrahim in Beijing.", "meeting"),
        ("General Secretary Tô Lâm received Minister Wang Yi in Hà Nội.", "meeting"),
        ("The Thai leader paid a courtesy call on King Norodom Sihamoni.", "meeting"),
        (
            "President Xi Jinping sent a message of congratulations to President Lương Cường.",
            "message",
        ),
        ("Premier Li Qiang extended condolences to Prime Minister Anwar Ibrahim.", "message"),
        ("Prime Minister Phạm Minh Chính attended the ASEAN Summit in Vientiane.", "conference"),
        ("Prime Minister Anwar Ibrahim arrived in Beijing for a state visit.", "visit"),
        # A welcome ceremony is an arrival, whoever hosted it.
        (
            "President Lương Cường hosted an official welcome ceremony for President Prabowo "
            "Subianto, who is paying a State visit to Việt Nam.",
            "visit",
        ),
        (
            "Foreign Ministry spokesperson Mao Ning told a regular briefing that ties grow.",
            "statement",
        ),
        ("Exports of rice rose by a tenth in the first quarter.", ""),
    ],
)
def test_contact_kind_is_read_from_the_lead(lead: str, contact: str) -> None:
    assert contact_of(segment(lead)) == contact


@pytest.mark.parametrize(
    ("lead", "contact"),
    [
        # The first cue of a sentence decides: a meeting held after other talks...
        ("Albanese met Li Qiang a few hours after talks with President Xi Jinping.", "meeting"),
        # ... and a visit is the background of the talks held during it.
        ("Putin began a state visit to Beijing. Xi and Putin held talks.", "talks"),
        ("At a joint news conference, the two leaders praised the ties.", ""),
        ("The Thai leader received a congratulatory letter from President Xi.", "message"),
        # A summit that is the setting, not the contact, gives way to the contact...
        ("Ishiba, in Canada to attend the G7 Summit, held a summit meeting with Modi.", "talks"),
        ("Sok met Maris on the sidelines of the ASEAN Foreign Ministers' Retreat.", "meeting"),
        ("He also attended a trilateral foreign ministers' meeting in Tokyo.", "conference"),
        ("Leaders gathered for the ASEAN summit in Vientiane.", "conference"),
        # ... and a summit of two is talks, as is two sides agreeing together.
        ("Yoon and Kishida spoke warmly at the first summit in Tokyo between them.", "talks"),
        ("Iwaya and his Chinese counterpart Wang Yi agreed to resume a dialogue.", "talks"),
    ],
)
def test_the_first_and_strongest_cue_decides(lead: str, contact: str) -> None:
    assert contact_of(segment(lead)) == contact


def test_a_readout_attributed_to_a_spokesperson_is_a_statement() -> None:
    raw = (
        "The following is attributable to Spokesperson Jane Roe:\n\n"
        "The United States condemns the missile launch and urges restraint."
    )
    assert contact_of(segment(raw)) == "statement"


def test_a_cue_after_the_lead_is_not_read() -> None:
    body = "\n\n".join(["Rice exports rose by a tenth."] * 3 + ["The ministers held talks."])
    assert contact_of(segment(body)) == ""


@pytest.mark.parametrize(
    ("body", "title"),
    [
        (
            "HÀ NỘI — General Secretary Tô Lâm held phone talks with President Xi Jinping. "
            "Lâm thanked Xi. Xi said relations were good.",
            "Tô Lâm – Xi Jinping · phone talks",
        ),
        (
            "CANBERRA, March 3 (Xinhua) -- Foreign Minister Wang Yi met with Foreign Minister "
            "Penny Wong on Monday. Wang said China is ready. Wong welcomed the talks.",
            "Wang Yi meets Penny Wong · Canberra",
        ),
        (
            "BEIJING (Xinhua) -- President Xi Jinping sent a message to congratulate President "
            "Lương Cường on his election. Xi wished Cường success.",
            "Xi Jinping congratulates Lương Cường · message",
        ),
        # Condolences are not congratulations: the title tells the two apart.
        (
            "BEIJING (Xinhua) -- President Xi Jinping sent a message of condolences to "
            "President Lương Cường over the floods. Xi said he was saddened.",
            "Xi Jinping sends condolences to Lương Cường · message",
        ),
        # Letters exchanged go both ways: neither leader congratulates the other.
        (
            "TOKYO (Kyodo) -- Prime Minister Shigeru Ishiba and President Lee Jae-myung "
            "exchanged congratulatory letters on Sunday. Ishiba praised the ties.",
            "Shigeru Ishiba – Lee Jae-myung · letters",
        ),
        (
            "BEIJING — Prime Minister Anwar Ibrahim arrived on Monday on a state visit to China. "
            "Anwar said the trip would deepen ties. Later, Anwar toured a rail depot.",
            "Anwar Ibrahim visits China · Beijing",
        ),
        (
            "VIENTIANE — Prime Minister Phạm Minh Chính attended the 44th ASEAN Summit. "
            "Chính said ASEAN will stay united.",
            "Phạm Minh Chính · ASEAN Summit · Vientiane",
        ),
        (
            "VIENTIANE — General Secretary Tô Lâm held talks with President Thongloun "
            "Sisoulith. Lâm praised the ties and Thongloun agreed.",
            "Tô Lâm – Thongloun Sisoulith · talks · Vientiane",
        ),
    ],
)
def test_headline_names_the_principals_and_the_contact(body: str, title: str) -> None:
    assert headline(segment(body), WITH_WONG) == title


def test_a_deputy_named_in_passing_is_not_a_principal() -> None:
    body = (
        "HÀ NỘI — Prime Minister Phạm Minh Chính held talks with Prime Minister Hun Manet. "
        "Deputy Prime Minister Bùi Thanh Sơn attended. Chính said trade will grow, and "
        "Hun Manet agreed with Chính."
    )
    names = [leader.name for leader in principals(segment(body), LEXICON)]
    assert names == ["Phạm Minh Chính", "Hun Manet"]


def test_the_spokesperson_a_readout_is_attributed_to_is_not_a_principal() -> None:
    body = (
        "The following is attributable to Spokesperson Jane Roe:\n\n"
        "Secretary of State Antony Blinken spoke today with Foreign Minister Bùi Thanh Sơn. "
        "The Secretary and the Foreign Minister discussed trade."
    )
    lexicon = Lexicon(leaders=(*LEXICON.leaders, LeaderEntry("Jane Roe", "United States")))
    assert headline(segment(body), lexicon) == "Antony Blinken – Bùi Thanh Sơn · phone talks"


def test_the_one_the_contact_is_with_outranks_a_relative_named_as_often() -> None:
    body = (
        "PHNOM PENH (Reuters) - Prime Minister Paetongtarn Shinawatra visited Cambodia. "
        "Paetongtarn, daughter of Prime Minister Thaksin Shinawatra, held talks with "
        "Prime Minister Hun Manet."
    )
    names = [leader.name for leader in principals(segment(body), Lexicon())]
    assert names == ["Paetongtarn Shinawatra", "Hun Manet"]


def test_a_leader_named_only_after_the_lead_is_not_a_principal() -> None:
    lead = "HÀ NỘI — Prime Minister Phạm Minh Chính held talks with Prime Minister Hun Manet."
    later = "\n\n".join(["Trade grew."] * 3 + ["President Xi Jinping, Xi and Xi again."])
    names = [leader.name for leader in principals(segment(f"{lead}\n\n{later}"), LEXICON)]
    assert names == ["Phạm Minh Chính", "Hun Manet"]


def test_the_lead_is_bounded_however_long_the_article() -> None:
    body = "\n\n".join(["Prime Minister Hun Manet spoke at length about rice."] * 5000)
    lead = lead_of(segment(body))
    assert len(lead) == 3
    assert lead[-1].end < 200


def test_front_matter_title_wins_over_the_headline(write_corpus: WriteCorpus) -> None:
    body = "President Xi Jinping held talks with General Secretary Tô Lâm."
    folder = write_corpus(
        {"a.md": f"---\ndate: 2025-01-01\ntitle: Our own title\n---\n{body}", "b.txt": body}
    )
    titles = {a.id: a.title for a in load_corpus(folder, lexicon=LEXICON).articles}
    assert titles == {"a.md": "Our own title", "b.txt": "Xi Jinping – Tô Lâm · talks"}


def test_the_lexicon_names_people_written_without_a_title(write_corpus: WriteCorpus) -> None:
    folder = write_corpus({"a.txt": "date 2025-01-01\nTo Lam and Xi Jinping held phone talks."})
    (without,) = load_corpus(folder).articles
    (with_lexicon,) = load_corpus(folder, lexicon=LEXICON).articles
    assert with_lexicon.title == "Tô Lâm – Xi Jinping · phone talks"
    assert without.title == "To Lam and Xi Jinping held phone talks"


CALL = "General Secretary Tô Lâm held phone talks with President Xi Jinping."


def test_two_agencies_copy_of_one_call_get_their_sources(write_corpus: WriteCorpus) -> None:
    folder = write_corpus(
        {
            "vna.txt": f"date 2025-01-01\nHà Nội (VNA) – {CALL}",
            "xinhua.txt": f"date 2025-01-01\nBEIJING, Jan. 1 (Xinhua) -- {CALL} Enditem",
            "later.txt": f"date 2025-01-02\nHà Nội (VNA) – {CALL}",
        }
    )
    titles = {a.id: a.title for a in load_corpus(folder, lexicon=LEXICON).articles}
    assert titles == {
        "vna.txt": "Tô Lâm – Xi Jinping · phone talks · VNA",
        "xinhua.txt": "Tô Lâm – Xi Jinping · phone talks · Xinhua",
        "later.txt": "Tô Lâm – Xi Jinping · phone talks",
    }


def test_one_agency_twice_on_a_day_gets_the_ids(write_corpus: WriteCorpus) -> None:
    one = f"date 2025-01-01\nHà Nội (VNA) – {CALL}"
    folder = write_corpus({"a.txt": one, "b.txt": one})
    titles = sorted(a.title for a in load_corpus(folder, lexicon=LEXICON).articles)
    assert titles == [
        "Tô Lâm – Xi Jinping · phone talks · a.txt",
        "Tô Lâm – Xi Jinping · phone talks · b.txt",
    ]


def test_corrections_for_one_article_name_its_headline() -> None:
    body = "Prime Minister Hun Manet met Prime Minister Anwar Ibrahim in Phnom Penh.\n"
    fixes = Corrections(
        (NotPerson("Anwar Ibrahim", "a.txt"), Rename("Hun Manet", "H. M.", "a.txt"))
    )
    lexicon = with_corrections(LEXICON, fixes)
    assert headline(segment(body), lexicon, article_id="a.txt") == "H. M. · meeting"
    assert headline(segment(body), lexicon, article_id="b.txt").startswith("Hun Manet meets Anwar")
    titled, _ = parse_article("a.txt", Path("a.txt"), "date 2025-03-06\n" + body, lexicon=lexicon)
    assert titled.title == "H. M. · meeting"


def test_readout_list_json_gives_the_headline(
    capsys: pytest.CaptureFixture[str], write_corpus: WriteCorpus
) -> None:
    body = "date 2025-01-01\nBEIJING, June 26 (Xinhua) -- President Xi Jinping held talks with "
    folder = write_corpus({"a.txt": body + "Prime Minister Hun Manet. Enditem"})
    assert main(["list", "--json", "--corpus", str(folder)]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert (row["title"], row["place"], row["source"]) == (
        "Xi Jinping – Hun Manet · talks · Beijing",
        "Beijing",
        "Xinhua",
    )


def test_seeds_get_titles_that_tell_them_apart() -> None:
    corpus = load_corpus(Path(ROOT / "seeds"), lexicon=LEXICON)
    pairs = [(article.date, article.title) for article in corpus.articles]
    assert len(set(pairs)) == len(pairs)
    assert all("Xi Jinping" in title for _, title in pairs)
    assert not any("General Secretary of" in title for _, title in pairs)


@pytest.mark.parametrize(
    "body",
    [
        # The host named first, the visitor after ...
        "HÀ NỘI — President Lương Cường greeted President Prabowo Subianto, who arrived "
        "on a state visit to Việt Nam. Prabowo Subianto praised the ties.",
        # ... or the visitor first: either way the visitor leads and the host is named.
        "HÀ NỘI — President Prabowo Subianto arrived on a state visit to Việt Nam. "
        "Prabowo Subianto was greeted by President Lương Cường.",
    ],
)
def test_a_visit_headline_names_the_visitor_first_and_the_host(body: str) -> None:
    assert headline(segment(body), LEXICON) == (
        "Prabowo Subianto – Lương Cường · visit to Việt Nam · Hà Nội"
    )


def test_a_deputy_who_welcomes_a_visitor_gives_way_to_the_heads() -> None:
    body = (
        "HÀ NỘI — Deputy Minister of Foreign Affairs Nguyễn Minh Hằng welcomed Lao Prime "
        "Minister Sonexay Siphandone at the airport, before his talks with Prime Minister "
        "Phạm Minh Chính. Deputy Minister Hằng said preparations were complete."
    )
    names = [leader.name for leader in principals(segment(body), LEXICON)]
    assert names == ["Sonexay Siphandone", "Phạm Minh Chính"]


def test_a_statement_that_names_nobody_is_titled_by_its_spokesperson() -> None:
    body = (
        "The following is attributable to Spokesperson Jane Roe:\n\n"
        "The United States is concerned by the fighting on the border. "
        "We urge both sides to show restraint."
    )
    lexicon = Lexicon(leaders=(*LEXICON.leaders, LeaderEntry("Jane Roe", "United States")))
    assert headline(segment(body), lexicon) == "Jane Roe · statement"


def test_a_meeting_without_a_place_does_not_repeat_the_contact() -> None:
    body = "Samdech Techo Hun Sen received Ambassador Wang Wenbin. Hun Sen praised Wang Wenbin."
    assert headline(segment(body), LEXICON) == "Hun Sen meets Wang Wenbin"
