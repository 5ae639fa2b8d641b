"""Commitments on wire copy: what is not a pledge, the cues real readouts use, who
undertook each one, and the phrases that veto a topic. Every sentence is made up."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT
from tui.core import load_config
from tui.core.corpus import parse_article
from tui.core.extract import LeaderEntry, Lexicon, classify, extract
from tui.core.extract.commitments import Commitment, topics_of
from tui.core.extract.lexicon import Topic

LEXICON = load_config(ROOT / "config.yaml").lexicon
PEOPLE = Lexicon(
    leaders=(
        *LEXICON.leaders,
        LeaderEntry("Antony Blinken", "United States", short=("Blinken",)),
        LeaderEntry("Ferdinand Marcos Jr.", "Philippines", short=("Marcos",)),
        LeaderEntry("Yoko Kamikawa", "Japan", short=("Kamikawa",)),
        LeaderEntry("Paetongtarn Shinawatra", "Thailand", short=("Paetongtarn",)),
        LeaderEntry("Penny Wong", "Australia", short=("Wong",)),
        LeaderEntry("Đỗ Hùng Việt", "Việt Nam"),
    ),
    topics=LEXICON.topics,
)


def commitments(body: str, lexicon: Lexicon = PEOPLE) -> tuple[Commitment, ...]:
    article, _ = parse_article("a.txt", Path("a.txt"), f"date 2025-01-01\n{body}")
    return extract(article, lexicon).commitments


def kind_of(sentence: str) -> str | None:
    classified = classify(sentence)
    return classified[0] if classified else None


@pytest.mark.parametrize(
    "sentence",
    [
        # Schedules and itineraries.
        "Xi will hold talks with Lâm on Tuesday.",
        "The Prime Minister will attend the summit in Vientiane.",
        "From Hanoi, she will then travel to Bangkok.",
        "Hun Manet will pay a state visit to China next month.",
        "The two foreign ministers will co-chair the joint committee in May.",
        "The visit will be the first by a Thai leader in a decade.",
        "The talks in Tokyo this week will focus on trade.",
        "Li is scheduled to arrive on Friday and will meet business leaders.",
        "The agreement will take effect after ratification by both parliaments.",
        "Any deal will need to be approved by the National Assembly.",
        # Predictions and assessments.
        "He believes the visit will bring the two peoples closer together.",
        "It is expected that the talks will open a new chapter in relations.",
        "The partnership has ushered in a new stage and will surely flourish.",
        "Trade is set to reach a record this year and will help both economies.",
        "Both sides said the relationship will keep growing stronger.",
        # Boilerplate: an invitation by someone else, thanks, congratulations.
        "Lâm is visiting China at the invitation of President Xi.",
        "Xi thanked Lâm for the invitation to visit Hà Nội.",
        "Xi thanked Việt Nam for its commitment to the one-China policy.",
        "Lâm congratulated Xi on his re-election and on China's readiness to host APEC.",
        "Yoon has been invited to the summit as a guest.",
        "Putin asked Wang to convey his warm greetings to President Xi.",
        "He expressed the hope that Thailand will prosper under its new leader.",
        "Wang called on Prime Minister Ishiba at his office.",
    ],
)
def test_schedules_predictions_and_boilerplate_are_not_commitments(sentence: str) -> None:
    assert classify(sentence) is None


@pytest.mark.parametrize(
    "governing",
    [
        "thanked Lâm as trade",
        "congratulated Lâm, and trade",
        "sent condolences as trade",
        "voiced his hope that trade",
        "expressed confidence that trade",
        "was believing trade",
        "hailed the talks as trade",
        "welcomed the talks where trade",
        "praised the talks as trade",
        "recalled that trade",
        "believes trade",
        "is convinced that trade",
        "remains confident that trade",
        "expects that trade",
        "said it is expected that trade",
        "is expected to say trade",
        "is scheduled to say trade",
        "is set to say trade",
    ],
)
def test_every_governing_phrase_takes_back_the_will_after_it(governing: str) -> None:
    assert classify(f"Xi {governing} will grow.") is None


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Japan and the Philippines agreed Friday to begin negotiations.", "agreement"),
        ("He said bilateral ties should be raised to a new level.", "proposal"),
        ("The two ministers agreed on Saturday to resume a dialogue.", "agreement"),
        ("Xi called on the two sides to deepen cooperation in rail.", "proposal"),
        ("Anwar also called upon China to offer more scholarships.", "proposal"),
        ("He urged Japan to lift its ban on seafood.", "proposal"),
        ("Lâm expressed his determination to build a strong economy.", "pledge"),
        ("Thailand strives to settle the dispute peacefully.", "pledge"),
        ("Thailand will open a new border gate and add new flights.", "pledge"),
        ("Thailand would never give up its sovereignty.", "pledge"),
        ('Putin said Russia would "never" allow a wedge between them.', "pledge"),
        ("The four ministers jointly announced their opposition to coercion.", "announcement"),
        ("They reached an important common consensus on maritime issues.", "agreement"),
        ("I look forward to visiting Beijing later this year.", "readiness"),
        ("He looked forward to closer coordination within ASEAN.", "readiness"),
        ("The United States stands ready for talks at any level.", "readiness"),
        ("China firmly supports Cambodia's path of development.", "pledge"),
        ("Secretary Blinken reaffirmed the United States' support for Việt Nam.", "pledge"),
        ("Both leaders shared the view to strengthen cooperation in defence.", "agreement"),
        ("He asked the two commissions to strengthen cooperation.", "proposal"),
        ("He hopes the two sides will soon reach the trade target.", "proposal"),
        ("India hoped that Việt Nam, as coordinator, would help speed up the review.", "proposal"),
        ("Modi welcomed this and expressed his intention to ease rules.", "pledge"),
        (
            "Both leaders welcomed the rail project and confirmed that they would continue.",
            "pledge",
        ),
        # Borderline, taken as a proposal: it asks someone else to act, like `urged`.
        ("China welcomes Malaysian durians and encourages its firms to invest.", "proposal"),
    ],
)
def test_cues_of_real_readouts_are_commitments(sentence: str, kind: str) -> None:
    assert kind_of(sentence) == kind


@pytest.mark.parametrize(
    "sentence",
    [
        "The two sides achieved encouraging results.",
        "He was encouraged by the progress of the talks.",
        "They signed a pact that would allow joint drills.",
    ],
)
def test_words_that_only_look_like_cues_are_not(sentence: str) -> None:
    assert classify(sentence) is None


def last_actors(body: str, lexicon: Lexicon = PEOPLE) -> tuple[str, ...]:
    *_, last = commitments(body, lexicon)
    return last.actors


@pytest.mark.parametrize(
    ("body", "actors"),
    [
        # Inverted speech.
        (
            "Tô Lâm met Xi Jinping. The Chinese side is ready to help Tô Lâm's government, "
            "said Xi.",
            ("Xi Jinping",),
        ),
        (
            'Tô Lâm met Xi Jinping. "China is willing to work with Tô Lâm," said Xi Jinping.',
            ("Xi Jinping",),
        ),
        ('Tô Lâm met Xi Jinping. "We will strive to help Tô Lâm," Xi said.', ("Xi Jinping",)),
        # A quotation that goes on in a sentence of its own.
        (
            'Paetongtarn Shinawatra met Hun Manet. "The talks went well," Paetongtarn said. '
            '"Thailand will never give up its sovereignty."',
            ("Paetongtarn Shinawatra",),
        ),
        # The speaker named with a long title, after someone else's name.
        (
            "Tô Lâm's envoy Đỗ Hùng Việt, Deputy Minister of Foreign Affairs, said that the "
            "Vietnamese side stands ready to help Laos.",
            ("Đỗ Hùng Việt",),
        ),
        # `He` is the last person who spoke, not the last name mentioned.
        (
            "Xi Jinping met Tô Lâm. Xi said the talks were fruitful. The visit by Tô Lâm "
            "drew wide attention. He said China is ready to help.",
            ("Xi Jinping",),
        ),
        # A speaker named by a word two leaders share, which the article does not count:
        # the one named more often, then the one named last.
        (
            "Xi Jinping met Anwar. Wang Yi attended. Earlier, Wang Huning met Anwar. "
            "Wang said China is willing to do more.",
            ("Wang Huning",),
        ),
        # An agreement whose own subject is both sides, whoever reports it.
        ("Tô Lâm met Xi Jinping. Xi said they agreed to meet again.", ("both",)),
        (
            "Tô Lâm met Xi Jinping. Lâm said the two sides reached a consensus on rail.",
            ("both",),
        ),
        ('Tô Lâm met Xi Jinping. "We have agreed to do more," Lâm said.', ("both",)),
        # A side named only by its country or demonym, not a person named after the cue.
        ("The Chinese side is ready to work with Prime Minister Phạm Minh Chính.", ("China",)),
        ("Japan and the Philippines will hold joint drills and will deepen trade.", ("both",)),
        ("The United States will continue to support ASEAN.", ("United States",)),
        # Titles standing for the person who holds them.
        (
            "Secretary of State Antony Blinken spoke with Foreign Minister Bùi Thanh Sơn. "
            "The Secretary said he looks forward to welcoming him.",
            ("Antony Blinken",),
        ),
        (
            "Secretary of State Antony Blinken spoke with Foreign Minister Bùi Thanh Sơn. "
            "The Secretary and the Foreign Minister agreed to stay in touch.",
            ("both",),
        ),
        (
            "Secretary of State Antony Blinken spoke with Foreign Minister Bùi Thanh Sơn. "
            "Secretary Blinken reaffirmed the United States' support for Việt Nam.",
            ("Antony Blinken",),
        ),
        (
            "General Secretary Tô Lâm received Xi Jinping. The Party leader suggested "
            "that the two sides share experience.",
            ("Tô Lâm",),
        ),
        # A relative clause: the person right before `, who`.
        (
            "Yoko Kamikawa met Ferdinand Marcos Jr. on Monday. Kamikawa paid a courtesy call "
            "on Marcos, who welcomed the pact and encouraged Tokyo to invest more.",
            ("Ferdinand Marcos Jr.",),
        ),
        # `I` in a first-person release is its author.
        (
            "Senator Penny Wong, Minister for Foreign Affairs. Today I welcomed Wang Yi to "
            "Canberra. I look forward to visiting China.",
            ("Penny Wong",),
        ),
    ],
)
def test_the_actor_is_who_undertook_it(body: str, actors: tuple[str, ...]) -> None:
    assert last_actors(body) == actors


def test_a_joint_will_without_a_speaker_is_an_agreement() -> None:
    (found,) = commitments("Both leaders confirmed that they would work closely together.")
    assert (found.kind, found.actors) == ("agreement", ("both",))


def test_a_joint_will_with_a_speaker_is_the_speakers_pledge() -> None:
    (found,) = commitments("Tô Lâm met Xi Jinping. The two sides will trade more, Xi said.")
    assert (found.kind, found.actors) == ("pledge", ("Xi Jinping",))


@pytest.mark.parametrize(
    ("text", "tags"),
    [
        ("to deepen cooperation under the Belt and Road Initiative", ()),
        ("to build roads under the Belt and Road Initiative", ("transport",)),
        ("to hold a business forum in Kuala Lumpur", ("investment",)),
        ("to work together in the ASEAN business forum", ("investment", "multilateral")),
        ("to support the Global Security Initiative", ()),
        ("to support the initiatives on development, security and civilisation", ()),
        ("to guarantee energy security and food security", ("energy",)),
        ("to step up security cooperation", ("defence and security",)),
    ],
)
def test_phrases_veto_the_topics_their_words_would_give(text: str, tags: tuple[str, ...]) -> None:
    assert topics_of(text, LEXICON) == tags


def test_a_veto_hides_only_its_own_topic_and_only_inside_it() -> None:
    lexicon = Lexicon(
        topics=(
            Topic("a", ("road",), ("belt and road", "road map")),
            Topic("b", ("map*", "belt")),
        )
    )
    assert topics_of("the Belt and Road map", lexicon) == ("b",)
    assert topics_of("the Belt and Road, and a road", lexicon) == ("a", "b")
    assert topics_of("the Belt and Road", lexicon) == ("b",)
    assert topics_of("a road map", lexicon) == ("b",)
    assert topics_of("nothing", lexicon) == ()
