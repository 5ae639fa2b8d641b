"""Analyst corrections: applied after the rules by every extraction, kept in a YAML
file that readout appends to under a lock and that people edit by hand."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from filelock import FileLock
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import ROOT, deadline
from tui.core import Article
from tui.core.config import load_config
from tui.core.corpus import parse_article
from tui.core.corrections import (
    HEADER,
    CorrectionsError,
    CorrectionsFile,
    corrected_lexicon,
    read_corrections,
)
from tui.core.corrections_yaml import entry_text, parse_entries
from tui.core.extract import Extraction, Lexicon, extract, with_corrections
from tui.core.extract.corrections import (
    AddLeader,
    CommitmentFix,
    Correction,
    Corrections,
    NotPerson,
    Rename,
    actor_choices,
    sentence_start,
)
from tui.core.extract.gazetteer import Entries
from tui.core.extract.lexicon import LeaderEntry
from tui.core.safe_yaml import compose

LEXICON = load_config(ROOT / "config.yaml").lexicon

TEXT = """date 2025-03-02

PHNOM PENH (AFP) - Deputy Prime Minister Dara Vannak met Foreign Minister Vannak Sophal \
of Cambodia on Monday.

Dara Vannak said Cambodia will deepen ties. Vannak Sophal said he is ready to visit.

Chairman Opal and Road attended. Somkiat Pholdee said Thailand will open a new \
border gate. The two sides agreed to hold more talks on trade.
"""


def article(text: str = TEXT, article_id: str = "afp.txt") -> Article:
    made, problems = parse_article(article_id, Path(article_id), text)
    assert not problems
    return made


def corrected(*items: Correction, text: str = TEXT, article_id: str = "afp.txt") -> Extraction:
    lexicon = with_corrections(LEXICON, Corrections(items))
    return extract(article(text, article_id), lexicon)


def names(extraction: Extraction) -> list[str]:
    return [leader.name for leader in extraction.leaders]


def actors(extraction: Extraction) -> list[tuple[str, ...]]:
    return [commitment.actors for commitment in extraction.commitments]


def plain() -> Extraction:
    return extract(article(), LEXICON)


def test_the_made_up_article_extracts_as_the_tests_expect() -> None:
    """What the other tests start from (the rules may find more, never less)."""
    assert names(plain())[:2] == ["Dara Vannak", "Vannak Sophal"]
    assert "Opal" in names(plain()) and "Somkiat Pholdee" not in names(plain())
    assert actors(plain())[:2] == [("Dara Vannak",), ("Vannak Sophal",)]
    assert plain().commitments[-1].text.startswith("The two sides agreed")
    assert not any(c.text.startswith("Chairman") for c in plain().commitments)


# Applying -----------------------------------------------------------------------------


def test_a_rename_renames_the_leader_and_the_actors_of_their_commitments() -> None:
    fixed = corrected(Rename("dara  VANNAK", "Dara Vannak Sok"))
    assert names(fixed)[0] == "Dara Vannak Sok"
    assert [m.text for m in fixed.leaders[0].mentions] == ["Dara Vannak", "Dara Vannak"]
    assert actors(fixed)[0] == ("Dara Vannak Sok",)


def test_a_leader_renamed_to_a_known_person_gets_their_country() -> None:
    fixed = corrected(Rename("Opal", "Trần Thanh Mẫn"))
    renamed = fixed.leader("Trần Thanh Mẫn")
    assert renamed is not None and renamed.country == "Việt Nam"


def test_a_merge_makes_one_leader_of_two_entries() -> None:
    fixed = corrected(Rename("Vannak Sophal", "Dara Vannak", merge=True))
    merged = fixed.leader("Dara Vannak")
    assert merged is not None and merged.count == 4
    assert merged.titles == ("Deputy Prime Minister", "Foreign Minister of Cambodia")
    assert merged.country == "Cambodia"
    assert [m.start for m in merged.mentions] == sorted(m.start for m in merged.mentions)
    assert "Vannak Sophal" not in names(fixed)
    assert actors(fixed)[:2] == [("Dara Vannak",), ("Dara Vannak",)]


def test_the_person_merged_into_keeps_their_own_country_and_titles() -> None:
    text = (
        "date 2025-03-02\n\nPresident Xi Jinping held phone talks with Russian President "
        "Vladimir Putin. The two sides agreed to deepen ties.\n"
    )
    # Xi Jinping is named first, as often: the entry merged away must not lend its own.
    fixed = corrected(Rename("Xi Jinping", "Vladimir Putin", merge=True), text=text)
    merged = fixed.leader("Vladimir Putin")
    assert merged is not None and merged.count == 2
    assert merged.country == "Russia"
    assert merged.titles[0] == "Russian President"


def test_a_rename_that_only_changes_case_is_applied() -> None:
    fixed = corrected(Rename("Dara Vannak", "DARA VANNAK"))
    assert names(fixed)[0] == "DARA VANNAK"
    assert actors(fixed)[0] == ("DARA VANNAK",)
    assert names(corrected(Rename("Dara Vannak", " Dara Vannak ")))[0] == "Dara Vannak"


def test_not_a_person_leaves_the_leaders_and_the_actors() -> None:
    fixed = corrected(NotPerson("Opal"), NotPerson("Dara Vannak"))
    assert names(fixed) == [n for n in names(plain()) if n not in ("Opal", "Dara Vannak")]
    assert actors(fixed) == [tuple(a for a in c if a != "Dara Vannak") for c in actors(plain())]
    assert actors(fixed)[0] == ()


def test_a_later_correction_of_the_same_name_wins() -> None:
    assert names(corrected(NotPerson("Opal"), Rename("Opal", "Opal Road")))[-1] == "Opal Road"
    assert "Opal Road" not in names(corrected(Rename("Opal", "Opal Road"), NotPerson("Opal")))


def test_renames_follow_each_other_and_a_loop_ends() -> None:
    chained = corrected(Rename("Opal", "B"), Rename("B", "Chairman B"))
    assert names(chained)[-1] == "Chairman B"
    looped = corrected(Rename("Opal", "B"), Rename("B", "Opal"))
    assert len(looped.leaders) == len(plain().leaders)


def test_a_correction_for_one_article_leaves_the_others_alone() -> None:
    scoped = Rename("Dara Vannak", "Dara V.", article="other.txt")
    assert names(corrected(scoped))[0] == "Dara Vannak"
    assert names(corrected(scoped, article_id="other.txt"))[0] == "Dara V."


def test_a_person_added_to_the_gazetteer_is_found() -> None:
    entry = LeaderEntry("Somkiat Pholdee", "Thailand", short=("Somkiat",))
    fixed = corrected(AddLeader(entry))
    anutin = fixed.leader("Somkiat Pholdee")
    assert anutin is not None and anutin.country == "Thailand"
    assert ("Somkiat Pholdee",) in actors(fixed)


def test_a_commitment_is_dropped_by_the_start_of_its_sentence() -> None:
    fixed = corrected(CommitmentFix("afp.txt", "the TWO sides  agreed", drop=True))
    assert fixed.commitments == plain().commitments[:-1]


def test_a_commitment_gets_another_kind_and_other_actors() -> None:
    fix = CommitmentFix(
        "afp.txt", "Dara Vannak said Cambodia", kind="readiness", actors=("Cambodia",)
    )
    first = corrected(fix).commitments[0]
    assert (first.kind, first.actors) == ("readiness", ("Cambodia",))


def test_a_commitment_correction_survives_edits_elsewhere_in_the_article() -> None:
    edited = TEXT.replace("date 2025-03-02\n", "date 2025-03-02\n\nA new first paragraph.\n")
    fix = CommitmentFix("afp.txt", "The two sides agreed to hold", kind="proposal")
    fixed = corrected(fix, text=edited)
    assert fixed.commitments[-1].kind == "proposal"
    assert fixed.commitments[-1].start > corrected(fix).commitments[-1].start


def test_a_commitment_correction_of_another_article_changes_nothing() -> None:
    fix = CommitmentFix("other.txt", "The two sides agreed to hold", drop=True)
    assert corrected(fix).commitments == plain().commitments


def test_a_kind_given_to_a_missed_sentence_adds_it() -> None:
    fix = CommitmentFix(
        "afp.txt", "Chairman Opal and Road attended", kind="pledge", actors=("Opal",)
    )
    fixed = corrected(fix)
    added = [c for c in fixed.commitments if c.text.startswith("Chairman")]
    assert [(c.kind, c.actors) for c in added] == [("pledge", ("Opal",))]
    assert [c.start for c in fixed.commitments] == sorted(c.start for c in fixed.commitments)


def test_a_drop_after_another_kind_drops_and_a_kind_after_a_drop_restores() -> None:
    agreed = "The two sides agreed to hold"
    kind_then_drop = corrected(
        CommitmentFix("afp.txt", agreed, kind="pledge"), CommitmentFix("afp.txt", agreed, drop=True)
    )
    assert kind_then_drop.commitments == plain().commitments[:-1]
    drop_then_kind = corrected(
        CommitmentFix("afp.txt", agreed, drop=True), CommitmentFix("afp.txt", agreed, kind="pledge")
    )
    assert drop_then_kind.commitments == (
        *plain().commitments[:-1],
        replace(plain().commitments[-1], kind="pledge"),
    )


def test_a_missed_sentence_added_by_a_kind_takes_later_actors_and_drops() -> None:
    added = CommitmentFix("afp.txt", "Chairman Opal and Road attended", kind="pledge")
    with_actor = corrected(
        added, CommitmentFix("afp.txt", "Chairman Opal and Road", actors=("both",))
    )
    chairman = [c for c in with_actor.commitments if c.text.startswith("Chairman")]
    assert [(c.kind, c.actors) for c in chairman] == [("pledge", ("both",))]
    dropped = corrected(added, CommitmentFix("afp.txt", "Chairman Opal and Road", drop=True))
    assert dropped.commitments == plain().commitments


def test_without_corrections_an_extraction_is_what_the_rules_found() -> None:
    lexicon = with_corrections(LEXICON, Corrections((Rename("Nobody Here", "X"),)))
    assert extract(article(), lexicon) == plain()


def test_corrections_and_a_lexicon_holding_them_are_hashable_and_compare_by_value() -> None:
    one = Corrections((Rename("A", "B"), NotPerson("C")))
    two = Corrections((Rename("A", "B"), NotPerson("C")))
    assert one == two and hash(one) == hash(two)
    assert hash(with_corrections(Lexicon(), one)) == hash(with_corrections(Lexicon(), two))


def test_the_corrected_gazetteer_hashes_once_like_the_bundled_one() -> None:
    lexicon = with_corrections(LEXICON, Corrections((AddLeader(LeaderEntry("Somkiat Pholdee")),)))
    assert isinstance(lexicon.leaders, Entries)


def test_an_added_leader_named_like_a_known_one_joins_their_entry() -> None:
    entry = LeaderEntry("Xi Jinping", "PRC", aliases=("Xi J.",), short=("Jinping",))
    lexicon = with_corrections(LEXICON, Corrections((AddLeader(entry),)))
    [joined] = [e for e in lexicon.leaders if e.name == "Xi Jinping"]
    assert (joined.country, joined.aliases, joined.short) == ("PRC", ("Xi J.",), ("Xi", "Jinping"))
    assert len(lexicon.leaders) == len(LEXICON.leaders)


def test_a_sentence_is_named_by_enough_words_to_tell_it_apart() -> None:
    long = "The two sides agreed to expand trade, investment and people-to-people exchanges."
    other = "The two sides agreed to expand trade, investment and tourism ties this year."
    start = sentence_start(long, [long, other], length=20)
    assert long.startswith(start) and not other.startswith(start)
    assert start.endswith("people-to-people")
    assert sentence_start("Short one.", [], length=60) == "Short one."


def test_a_short_whole_sentence_the_app_names_reads_back_and_applies(tmp_path: Path) -> None:
    text = "date 2025-03-02\n\nPrime Minister Dara Vannak met envoys. Li vowed.\n"
    found = extract(article(text), LEXICON).commitments
    assert [c.text for c in found] == ["Li vowed."]
    start = sentence_start(found[0].text, (s.text for s in article(text).sentences))
    path = tmp_path / "corrections.yaml"
    CorrectionsFile(path).add(CommitmentFix("afp.txt", start, drop=True))
    loaded = read_corrections(path)
    assert loaded.problems == ()
    lexicon = with_corrections(LEXICON, loaded.corrections)
    assert extract(article(text), lexicon).commitments == ()
    path.write_text("- commitment: Vannak vow\n  article: afp.txt\n  drop: true\n", "utf-8")
    assert "at least 12 characters" in read_corrections(path).problems[0]


def test_actors_to_choose_from_are_leaders_both_and_countries() -> None:
    choices = actor_choices(plain(), article().text)
    count = len(plain().leaders)
    assert choices[: count + 1] == [*names(plain()), "both"]
    assert {"Cambodia", "Thailand"} <= set(choices[count + 1 :])


# The file ----------------------------------------------------------------------------

NAMES = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\ufeff"),
    min_size=1,
    max_size=30,
).filter(lambda name: name.strip() == name and name.strip() != "")


@settings(max_examples=60, deadline=None)
@given(old=NAMES, new=NAMES)
def test_anything_a_person_types_reads_back_exactly(old: str, new: str) -> None:
    text = entry_text(Rename(old, new)) + entry_text(NotPerson(new, article=old))
    root = compose(HEADER + text)
    assert isinstance(root, yaml.SequenceNode)
    entries, problems = parse_entries(Path("c.yaml"), root)
    assert problems == []
    assert [e.correction for e in entries] == [Rename(old, new), NotPerson(new, article=old)]


TRICKY = [
    Rename("Belt # and: Road", "“Quoted” 'name' [bold]red[/bold]"),
    NotPerson("- starts like an item"),
    AddLeader(LeaderEntry("محمد بن سلمان 🇸🇦", "Saudi Arabia", ("x: y",), ("#1", "[b]"))),
    CommitmentFix("a b.txt", 'He said: "yes" # not a comment', kind="pledge", actors=("both",)),
    CommitmentFix("a.txt", "Tab\tand\x1b[31m escape", drop=True),
]


def test_entries_written_by_readout_read_back_in_order(tmp_path: Path) -> None:
    store = CorrectionsFile(tmp_path / "corrections.yaml")
    for item in TRICKY:
        store.add(item)
    loaded = store.load()
    assert loaded.problems == ()
    assert [e.correction for e in loaded.entries] == TRICKY
    assert (tmp_path / "corrections.yaml").read_text("utf-8").startswith(HEADER)


def test_a_new_entry_keeps_every_hand_edit(tmp_path: Path) -> None:
    path = tmp_path / "corrections.yaml"
    hand = "# my own notes\n- rename: A   # keep this comment\n  to: B\n\n# trailing note"
    path.write_text(hand, "utf-8")
    CorrectionsFile(path).add(NotPerson("C"))
    assert path.read_text("utf-8") == hand + "\n- not-person: C\n"


def test_an_entry_is_added_to_the_file_as_it_is_when_the_lock_is_free(tmp_path: Path) -> None:
    path = tmp_path / "corrections.yaml"
    store = CorrectionsFile(path)
    store.add(Rename("A", "B"))
    lock = FileLock(str(path) + ".lock")
    lock.acquire()
    writer = threading.Thread(target=store.add, args=(NotPerson("C"),))
    writer.start()
    writer.join(0.3)
    assert writer.is_alive()  # waits for the person's editor to let go
    with path.open("a", encoding="utf-8") as handle:
        handle.write("- merge: D\n  into: E\n")
    lock.release()
    with deadline(10):
        writer.join()
    items = [e.correction for e in store.load().entries]
    assert items == [Rename("A", "B"), Rename("D", "E", merge=True), NotPerson("C")]


def test_a_broken_file_is_one_problem_and_is_never_written(tmp_path: Path) -> None:
    path = tmp_path / "corrections.yaml"
    path.write_text("- rename: A\n  to: [unclosed\n", "utf-8")
    loaded = read_corrections(path)
    assert loaded.broken and loaded.entries == ()
    assert len(loaded.problems) == 1 and loaded.problems[0].startswith(f"{path}:")
    assert "invalid YAML" in loaded.problems[0] and "\n" not in loaded.problems[0]
    with pytest.raises(CorrectionsError, match="invalid YAML"):
        CorrectionsFile(path).add(NotPerson("C"))
    assert path.read_text("utf-8") == "- rename: A\n  to: [unclosed\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("rename: A\n", "must be a list of corrections"),
        (b"- rename: \xff\n", "not UTF-8"),
        ("- &a {rename: A, to: B}\n- *a\n", "aliases"),
    ],
)
def test_a_file_that_is_no_list_of_corrections_says_why(
    tmp_path: Path, text: str | bytes, message: str
) -> None:
    path = tmp_path / "corrections.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    loaded = read_corrections(path)
    assert loaded.broken and message in loaded.problems[0]


def test_a_bad_entry_is_named_and_skipped_and_the_rest_applies(tmp_path: Path) -> None:
    path = tmp_path / "corrections.yaml"
    path.write_text(
        "- rename: A\n  too: B\n"  # a typo
        "- not-person: Opal\n"
        "- commitment: The two sides agreed\n  article: afp.txt\n  kind: promise\n"
        "- commitment: short\n  article: afp.txt\n  drop: true\n"
        "- frobnicate: x\n"
        "- commitment: The two sides agreed\n  drop: true\n"
        "- rename: X\n"
        "- [a list]\n"
        "- add-leader: Somkiat Pholdee\n  country: Thailand\n",
        "utf-8",
    )
    lexicon, problems = corrected_lexicon(LEXICON, path)
    assert problems == (
        f"{path}:1: unknown key 'too' in a rename (known: to, article); skipped",
        f"{path}:6: unknown kind 'promise' (kinds: pledge, agreement, proposal, readiness, "
        "announcement, invitation); skipped",
        f"{path}:7: give at least 12 characters of the sentence; skipped",
        f"{path}:10: each correction needs exactly one of rename:, merge:, not-person:, "
        "add-leader:, commitment:; skipped",
        f"{path}:11: a commitment needs 'article': the article id; skipped",
        f"{path}:13: a rename needs 'to': the name to use; skipped",
        f"{path}:14: each correction must be a mapping starting with one of rename:, merge:, "
        "not-person:, add-leader:, commitment:; skipped",
    )
    fixed = extract(article(), lexicon)
    assert "Opal" not in names(fixed) and "Somkiat Pholdee" in names(fixed)


def test_no_file_means_no_corrections_and_no_problem(tmp_path: Path) -> None:
    lexicon, problems = corrected_lexicon(LEXICON, tmp_path / "corrections.yaml")
    assert (lexicon, problems) == (LEXICON, ())


def test_an_empty_list_written_by_hand_takes_entries(tmp_path: Path) -> None:
    path = tmp_path / "corrections.yaml"
    path.write_text("# none yet\n[]\n", "utf-8")
    CorrectionsFile(path).add(NotPerson("C"))
    assert [e.correction for e in read_corrections(path).entries] == [NotPerson("C")]
    assert path.read_text("utf-8").startswith("# none yet\n")


def test_an_indented_list_gets_entries_at_its_indent(tmp_path: Path) -> None:
    path = tmp_path / "corrections.yaml"
    path.write_text("  - not-person: A\n", "utf-8")
    CorrectionsFile(path).add(Rename("B", "C"))
    assert [e.correction for e in read_corrections(path).entries] == [
        NotPerson("A"),
        Rename("B", "C"),
    ]


def test_removing_an_entry_cuts_only_its_lines(tmp_path: Path) -> None:
    path = tmp_path / "corrections.yaml"
    path.write_text(
        "# mine\n- rename: A  # why\n  to: B\n# about C\n- not-person: C\n- {merge: D, into: E}\n",
        "utf-8",
    )
    store = CorrectionsFile(path)
    assert store.remove(1).correction == Rename("A", "B")
    assert path.read_text("utf-8") == "# mine\n# about C\n- not-person: C\n- {merge: D, into: E}\n"
    assert store.remove().correction == Rename("D", "E", merge=True)
    assert path.read_text("utf-8") == "# mine\n# about C\n- not-person: C\n"
    with pytest.raises(CorrectionsError, match="no correction number 5"):
        store.remove(5)


@pytest.mark.parametrize(
    "layout",
    [
        "- rename: A\n  to: B\n-\n  not-person: C\n",
        "- rename: A\n  to: B\n-   # C is no one\n  not-person: C\n# end\n",
        "-\n  rename: A\n  to: B\n-\n\n  not-person: C\n",
    ],
)
def test_removing_an_entry_whose_dash_stands_alone_leaves_no_empty_item(
    tmp_path: Path, layout: str
) -> None:
    path = tmp_path / "corrections.yaml"
    path.write_text(layout, "utf-8")
    assert CorrectionsFile(path).remove().correction == NotPerson("C")
    loaded = read_corrections(path)
    assert [e.correction for e in loaded.entries] == [Rename("A", "B")]
    assert loaded.problems == ()


def test_undo_with_no_corrections_says_there_are_none(tmp_path: Path) -> None:
    path = tmp_path / "corrections.yaml"
    for text in (None, HEADER, "[]\n"):
        if text is not None:
            path.write_text(text, "utf-8")
        with pytest.raises(CorrectionsError, match=r"no corrections in .*nothing to remove"):
            CorrectionsFile(path).remove()


def test_a_file_in_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CorrectionsError, match="its folder does not exist"):
        CorrectionsFile(tmp_path / "gone" / "corrections.yaml").add(NotPerson("C"))


def test_the_file_keeps_its_permissions(tmp_path: Path) -> None:
    path = tmp_path / "corrections.yaml"
    path.write_text("", "utf-8")
    path.chmod(0o644)
    CorrectionsFile(path).add(NotPerson("C"))
    assert path.stat().st_mode & 0o777 == 0o644


def test_the_config_names_the_file_beside_itself(tmp_path: Path) -> None:
    (tmp_path / "config.yaml").write_text("corrections: fixes/c.yaml\n", "utf-8")
    config = load_config(tmp_path / "config.yaml")
    assert config.corrections_file == tmp_path.resolve() / "fixes" / "c.yaml"
    plain = replace(config, corrections=None)
    assert plain.corrections_file == plain.notes.parent / "corrections.yaml"
