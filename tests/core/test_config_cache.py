"""Parsed configurations kept between runs (`tui.core.config_cache`): read back while
their files are unchanged, parsed again when one changed, and a cache that cannot be
used is parsed again silently."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from tui.core import ConfigError, config_cache, load_config
from tui.core import config as config_module
from tui.core.extract.gazetteer import Entries
from tui.core.extract.lexicon import LeaderEntry


@pytest.fixture(autouse=True)
def new_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each load as a new process makes it: nothing kept in memory."""
    monkeypatch.setattr(config_cache, "_kept", {})


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def never_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    def parse(path: Path) -> None:
        raise AssertionError(f"{path} parsed again")

    monkeypatch.setattr(config_module, "_load", parse)
    monkeypatch.setattr(config_cache, "_kept", {})


def kept_files() -> list[Path]:
    return sorted(config_cache.cache_folder().glob("config-*.pickle"))


LEADER = "leaders:\n  - name: Somkiat Pholdee\n    country: Thailand\n"


def test_a_config_read_again_unchanged_comes_from_the_cache_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, f"corpus: articles\ntheme: readout-light\n{LEADER}")
    first = load_config(path)
    never_parsed(monkeypatch)
    again = load_config(path)
    assert again == first and again is not first
    assert again.lexicon.leaders[0].name == "Somkiat Pholdee"
    assert isinstance(again.lexicon.leaders, Entries)


def test_a_process_loading_one_config_twice_gets_the_very_same_settings(tmp_path: Path) -> None:
    path = write(tmp_path, LEADER)
    assert load_config(path) is load_config(path)


def test_a_changed_config_file_is_read_again(tmp_path: Path) -> None:
    path = write(tmp_path, "theme: readout-light\n")
    assert load_config(path).theme == "readout-light"
    path.write_text("theme: readout-dark\n", encoding="utf-8")
    assert load_config(path).theme == "readout-dark"


def test_a_config_file_broken_since_it_was_kept_is_an_error_again(tmp_path: Path) -> None:
    path = write(tmp_path, "theme: readout-light\n")
    load_config(path)
    path.write_text("theme: [unclosed\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="invalid YAML"):
        load_config(path)


def test_a_config_file_replaced_by_another_of_the_same_size_is_read_again(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, "theme: readout-aaaa\n")
    load_config(path)
    stamp = path.stat().st_mtime_ns
    replacement = tmp_path / "new.yaml"
    replacement.write_text("theme: readout-bbbb\n", encoding="utf-8")
    os.utime(replacement, ns=(stamp, stamp))  # same size, same modification time
    replacement.replace(path)
    assert load_config(path).theme == "readout-bbbb"


def test_the_home_folder_is_part_of_what_a_config_depends_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, "corpus: ~/articles\n")
    monkeypatch.setenv("HOME", str(tmp_path / "one"))
    assert load_config(path).corpus == tmp_path / "one" / "articles"
    monkeypatch.setenv("HOME", str(tmp_path / "two"))
    assert load_config(path).corpus == tmp_path / "two" / "articles"


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"not a pickle at all",
        pickle.dumps(("a key", "a value")),
        pickle.dumps(os.getcwd),  # a class or function no configuration names
    ],
    ids=["empty", "garbage", "another-shape", "foreign-class"],
)
def test_a_damaged_cache_is_parsed_again_silently_and_made_again(
    tmp_path: Path, damage: bytes
) -> None:
    path = write(tmp_path, "theme: readout-light\n")
    expected = load_config(path)
    [kept] = kept_files()
    for truncated in (kept.read_bytes()[:100], damage):
        kept.write_bytes(truncated)
        config_cache._kept.clear()
        assert load_config(path) == expected
    assert load_config(path) == expected
    config_cache._kept.clear()
    assert pickle.loads(kept.read_bytes())[1] == expected  # made again, whole


def test_a_kept_config_naming_another_class_is_never_unpickled(tmp_path: Path) -> None:
    path = write(tmp_path, "theme: readout-light\n")
    load_config(path)
    [kept] = kept_files()
    marker = tmp_path / "ran"

    class Exploit:
        def __reduce__(self) -> tuple[object, ...]:
            return (Path.touch, (marker,))

    key, _ = pickle.loads(kept.read_bytes())
    kept.write_bytes(pickle.dumps((key, Exploit())))
    config_cache._kept.clear()
    assert load_config(path).theme == "readout-light"
    assert not marker.exists()


def test_a_cache_folder_that_cannot_be_written_leaves_configs_loading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would be", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    path = write(tmp_path, "theme: readout-light\n")
    assert load_config(path).theme == "readout-light"
    assert load_config(path).theme == "readout-light"


def test_a_kept_people_tuple_hashes_as_a_new_one_does() -> None:
    """Strings hash differently in each process: the hash a tuple of people keeps
    must not travel with it."""
    people = Entries((LeaderEntry("Somkiat Pholdee"), LeaderEntry("Tô Lâm")))
    hash(people)
    people._hash = 12345  # as another process would have found it
    file = config_cache.cache_folder() / "people.pickle"
    config_cache._write(file, ("key",), people)
    found, again = config_cache._read(file, ("key",))
    assert found and again == people
    assert hash(again) == hash(tuple(people))


def test_an_edit_that_keeps_size_and_times_is_still_seen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A file system with coarse time stamps (or a tool that restores them): the bytes
    # name the entry too.
    path = write(tmp_path, "corpus: aaaaa\n")
    assert load_config(path).corpus.name == "aaaaa"
    status = os.stat(path)
    path.write_text("corpus: bbbbb\n", encoding="utf-8")
    real_stat = os.stat

    def same_status(file: object, *args: object, **kwargs: object) -> os.stat_result:
        return status if file == path else real_stat(file, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "stat", same_status)
    monkeypatch.setattr(config_cache, "_kept", {})
    assert load_config(path).corpus.name == "bbbbb"


def test_a_pipe_where_the_cache_file_is_is_never_waited_on(tmp_path: Path) -> None:
    path = write(tmp_path, LEADER)
    load_config(path)
    (kept,) = kept_files()
    kept.unlink()
    os.mkfifo(kept)  # nobody writes to it: opening it for reading would wait for ever
    script = (
        "import sys; from pathlib import Path; from tui.core import load_config; "
        "print(load_config(Path(sys.argv[1])).lexicon.leaders[0].name)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)],
        capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    assert done.stdout.strip() == "Somkiat Pholdee"
