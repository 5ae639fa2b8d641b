"""The command line on the library store: every command answers from the store and
brings it up to date first; `readout refresh`; where the store lives; a broken store."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEEDS, WriteCorpus, deadline
from tests.test_cli import run
from tui import cli_io, cli_library
from tui.core.store import default_store_path, schema

DAY = "date 2025-01-0{}\n{}"


def refreshed(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, object]:
    code, out, err = run(capsys, "refresh", "--json", *argv)
    assert code == 0, err
    result: dict[str, object] = json.loads(out)
    return result


def listed(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, str]:
    """id -> title of `readout list --json`."""
    code, out, err = run(capsys, "list", "--json", *argv)
    assert code == 0, err
    return {row["id"]: row["title"] for row in json.loads(out)}


def test_the_second_run_answers_from_the_store_and_sees_what_changed_between_runs(
    capsys: pytest.CaptureFixture[str], write_corpus: WriteCorpus
) -> None:
    folder = write_corpus({f"{n}.txt": DAY.format(n, f"Talk number {n}.") for n in (1, 2, 3)})
    corpus = ["--corpus", str(folder)]
    assert listed(capsys, *corpus) == {f"{n}.txt": f"Talk number {n}" for n in (3, 2, 1)}
    assert default_store_path(folder).is_file()
    (folder / "1.txt").write_text(DAY.format(1, "Changed talk, much longer now."), "utf-8")
    os.utime(folder / "1.txt", ns=(1, 1))  # a new mtime even on a coarse clock
    (folder / "2.txt").unlink()
    (folder / "4.txt").write_text(DAY.format(4, "A new talk."), "utf-8")
    titles = listed(capsys, *corpus)
    assert titles == {
        "4.txt": "A new talk",
        "3.txt": "Talk number 3",
        "1.txt": "Changed talk, much longer now",
    }
    assert refreshed(capsys, *corpus) | {"seconds": 0} == {
        "added": 0,
        "changed": 0,
        "deleted": 0,
        "renamed": 0,
        "unchanged": 3,
        "seconds": 0,
        "articles": 3,
        "library": str(default_store_path(folder)),
        "corpus": str(folder),
    }


def test_refresh_json_says_what_changed_and_where_the_store_is(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    store = tmp_path / "lib" / "seeds.sqlite"
    common = ["--corpus", str(SEEDS), "--library", str(store)]
    first = refreshed(capsys, *common)
    assert (first["added"], first["unchanged"], first["articles"]) == (5, 0, 5)
    assert first["library"] == str(store) and store.is_file()
    assert isinstance(first["seconds"], float)
    second = refreshed(capsys, *common)
    assert (second["added"], second["changed"], second["deleted"], second["unchanged"]) == (
        0, 0, 0, 5,
    )  # fmt: skip


def test_refresh_json_counts_a_file_moved_as_renamed(
    capsys: pytest.CaptureFixture[str], write_corpus: WriteCorpus
) -> None:
    folder = write_corpus({"a.txt": DAY.format(1, "One."), "b.txt": DAY.format(2, "Two.")})
    refreshed(capsys, "--corpus", str(folder))
    (folder / "a.txt").rename(folder / "moved.txt")
    result = refreshed(capsys, "--corpus", str(folder))
    counts = [result[key] for key in ("added", "changed", "deleted", "renamed", "unchanged")]
    assert counts == [0, 0, 0, 1, 1]
    assert set(listed(capsys, "--corpus", str(folder))) == {"moved.txt", "b.txt"}


def test_refresh_prints_counts_and_the_store_for_people(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    store = tmp_path / "seeds.sqlite"
    code, out, err = run(capsys, "refresh", "--corpus", str(SEEDS), "--library", str(store))
    assert (code, err) == (0, "")
    counts, where = out.splitlines()
    assert counts.startswith("5 added, 0 changed, 0 deleted, 0 renamed, 0 unchanged in ")
    assert counts.endswith(" s; 5 articles")
    assert where == f"library: {store}"


def test_refresh_rebuild_reads_every_file_again(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    common = ["--corpus", str(SEEDS), "--library", str(tmp_path / "seeds.sqlite")]
    refreshed(capsys, *common)
    rebuilt = refreshed(capsys, "--rebuild", *common)
    assert (rebuilt["added"], rebuilt["unchanged"], rebuilt["articles"]) == (5, 0, 5)


def test_library_option_and_config_key_put_the_store_where_they_say(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    config = tmp_path / "config.yaml"
    config.write_text(f"corpus: {SEEDS}\nlibrary: stores/from-config.sqlite\n", "utf-8")
    listed(capsys, "--config", str(config))
    assert (tmp_path / "stores" / "from-config.sqlite").is_file()
    listed(capsys, "--config", str(config), "--library", str(tmp_path / "given.sqlite"))
    assert (tmp_path / "given.sqlite").is_file()
    assert not default_store_path(SEEDS).exists()


def test_a_corrupt_store_is_rebuilt_with_a_one_line_notice_and_the_right_answer(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    store = tmp_path / "seeds.sqlite"
    common = ["--corpus", str(SEEDS), "--library", str(store)]
    expected = listed(capsys, *common)
    for suffix in ("-wal", "-shm"):
        Path(f"{store}{suffix}").unlink(missing_ok=True)
    store.write_bytes(b"SQLite format 3\x00" + b"\xde\xad" * 3000)
    code, out, err = run(capsys, "list", "--json", *common)
    assert code == 0
    assert {row["id"]: row["title"] for row in json.loads(out)} == expected
    assert err.startswith("readout: ") and err.count("\n") == 1 and "Traceback" not in err


def test_a_store_folder_that_cannot_be_written_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", "utf-8")
    for command in (["list"], ["refresh"], ["search", "railway"]):
        code, out, err = run(
            capsys, *command, "--corpus", str(SEEDS), "--library", str(blocker / "lib.sqlite")
        )
        assert (code, out) == (2, "")
        assert err.startswith("readout: error:") and err.count("\n") == 1, err


def test_while_another_readout_refreshes_commands_wait_for_it_and_answer_in_full(
    capsys: pytest.CaptureFixture[str], write_corpus: WriteCorpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_corpus({"1.txt": DAY.format(1, "One.")})
    store = folder.parent / "store" / "lib.sqlite"
    common = ["--corpus", str(folder), "--library", str(store)]
    expected = listed(capsys, *common)
    (folder / "2.txt").write_text(DAY.format(2, "Two."), "utf-8")
    holder = subprocess.Popen(  # another process holding the refresh lock until told
        [sys.executable, "-c", HOLD_LOCK, str(schema.lock_path(store))],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    said = cli_library.notice

    def notice(message: str) -> None:  # the command waits: the holder may let go now
        said(message)
        if message == cli_library.WAITING and holder.stdin is not None:
            holder.stdin.close()

    monkeypatch.setattr(cli_library, "notice", notice)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        with deadline(60):
            code, out, err = run(capsys, "list", "--json", *common)
    finally:
        if holder.stdin is not None and not holder.stdin.closed:
            holder.stdin.close()
        holder.wait()
    assert code == 0
    assert {row["id"]: row["title"] for row in json.loads(out)} == {"2.txt": "Two", **expected}
    assert err == "readout: another readout is updating the library; waiting for it to finish\n"


HOLD_LOCK = """
import sys
from filelock import FileLock
with FileLock(sys.argv[1]):
    print("held", flush=True)
    sys.stdin.read()  # until the test closes the pipe
"""


def test_extract_and_show_find_articles_by_unique_prefix_in_the_store(
    capsys: pytest.CaptureFixture[str], write_corpus: WriteCorpus
) -> None:
    folder = write_corpus({"ab-1.txt": DAY.format(1, "One."), "ab-2.txt": DAY.format(2, "Two.")})
    corpus = ["--corpus", str(folder)]
    code, out, _ = run(capsys, "show", "ab-2", *corpus)
    assert (code, out.splitlines()[0]) == (0, "Two")
    code, _, err = run(capsys, "extract", "ab", *corpus)
    assert code == 2 and "article id 'ab' is ambiguous: " in err
    assert "ab-1.txt" in err and "ab-2.txt" in err
    code, out, _ = run(capsys, "extract", "--json", *corpus)
    assert [a["id"] for a in json.loads(out)["articles"]] == ["ab-2.txt", "ab-1.txt"]


def test_the_progress_bar_shows_only_for_a_refresh_that_is_not_instant(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tui.core.store import RefreshProgress

    shown: list[str] = []

    class Bar:
        def start(self) -> None:
            shown.append("start")

        def add_task(self, *_: object, **__: object) -> int:
            return 0

        def update(self, _: int, **fields: object) -> None:
            shown.append(str(fields["description"]))

        def stop(self) -> None:
            shown.append("stop")

    monkeypatch.setattr(cli_io, "_bar", Bar)
    clock = [100.0]
    monkeypatch.setattr(cli_io.time, "monotonic", lambda: clock[0])
    with cli_io.refresh_progress(False) as progress:
        assert progress is None
    with cli_io.refresh_progress(True) as progress:
        assert progress is not None
        progress(RefreshProgress("scanning", 0, 0))
    assert shown == []  # instant: no bar
    with cli_io.refresh_progress(True) as progress:
        assert progress is not None
        progress(RefreshProgress("scanning", 0, 0))
        clock[0] += cli_io.BAR_AFTER + 0.01
        progress(RefreshProgress("reading", 3, 10))
    assert shown == ["start", "Reading articles", "stop"]


def test_json_streamed_a_page_at_a_time_is_the_json_of_the_whole(
    capsys: pytest.CaptureFixture[str], write_corpus: WriteCorpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.cli_reading

    folder = write_corpus({f"{n}.txt": DAY.format(n, f"Talk {n}.") for n in range(1, 8)})
    corpus = ["--corpus", str(folder)]
    whole = run(capsys, "list", "--json", *corpus)[1]
    monkeypatch.setattr(tui.cli_reading, "PAGE", 3)
    assert run(capsys, "list", "--json", *corpus)[1] == whole
    assert len(json.loads(whole)) == 7
    shutil.rmtree(folder)
    folder.mkdir()
    assert run(capsys, "list", "--json", *corpus)[1] == "[]\n"
    assert run(capsys, "extract", "--json", *corpus)[1] == '{\n  "articles": []\n}\n'


@pytest.mark.parametrize("key", [None, "articles"])
def test_json_rows_written_one_by_one_are_the_json_of_the_whole(key: str | None) -> None:
    import io

    odd = 'A \x1b[2J\u202eevil\u200b\ufeff\u2028 "quoted" \\ tab\there\nnew 中国 Việt'
    rows: list[object] = [
        {"id": "a.txt", "title": odd, "place": None, "words": 3, "ok": True, "no": False},
        {"score": 1.5, "nan": float("nan"), "big": 10**20, "neg": -3},
        {odd: "a key that is not plain", "id": odd},
        {},
        {"leaders": [{"name": odd, "mentions": []}], "empty": {}},
        [1, "x"],
        odd,
    ]
    for rows_now in (rows, rows[:1], []):
        streamed, whole = io.StringIO(), io.StringIO()
        cli_io.print_json_rows(iter(rows_now), streamed, key=key)
        cli_io.print_json(rows_now if key is None else {key: rows_now}, whole)
        assert streamed.getvalue() == whole.getvalue()


def test_a_large_unchanged_library_is_not_walked_but_refresh_always_is(
    capsys: pytest.CaptureFixture[str], write_corpus: WriteCorpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.core.store import checks, manifest

    monkeypatch.setattr(checks, "CHEAP", 0.0)  # as if every full check cost a lot
    monkeypatch.setattr(checks, "SPACING", 1e9)
    monkeypatch.setattr(manifest, "RACY", 0.0)
    folder = write_corpus({f"{n}.txt": DAY.format(n, f"Talk number {n}.") for n in (1, 2)})
    corpus = ["--corpus", str(folder)]
    assert listed(capsys, *corpus) == {"2.txt": "Talk number 2", "1.txt": "Talk number 1"}
    (folder / "1.txt").write_text(DAY.format(1, "Talk number 9."), "utf-8")  # in place
    os.utime(folder / "1.txt", ns=(1, 1))
    assert listed(capsys, *corpus)["1.txt"] == "Talk number 1"  # seen at the next full check
    (folder / "3.txt").write_text(DAY.format(3, "A new talk."), "utf-8")  # its folder moves
    assert listed(capsys, *corpus) == {
        "3.txt": "A new talk",
        "2.txt": "Talk number 2",
        "1.txt": "Talk number 9",
    }
    (folder / "2.txt").write_text(DAY.format(2, "Talk number 8."), "utf-8")
    os.utime(folder / "2.txt", ns=(2, 2))
    assert refreshed(capsys, *corpus)["changed"] == 1
