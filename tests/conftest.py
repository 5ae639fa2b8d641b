"""Fixtures shared by every test: the bundled seeds, and isolation from the tester's
machine (no real config, no real state file)."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import settings

from tui.core import Corpus, load_corpus

# The property tests draw the same examples at every run (`make test`, CI): a test that
# fails, fails every time, and one that passes cannot turn red by chance. To look for
# new counterexamples, run with HYPOTHESIS_PROFILE=explore (random draws, more of them);
# each one found becomes an `@example` of its test.
settings.register_profile("deterministic", derandomize=True)
settings.register_profile("explore", derandomize=False, max_examples=1000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "deterministic"))

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

WriteCorpus = Callable[[dict[str, str | bytes]], Path]


class DeadlineExceeded(Exception):
    """Raised in a block that outlived its `deadline`: not an `OSError` (as
    `TimeoutError` is), which the code under test may catch."""


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Fail (instead of hanging the suite) if the block still runs after `seconds`:
    for code that would block for ever without a fix (a pipe read, a lock)."""

    def expired(*_: object) -> None:
        raise DeadlineExceeded(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture(scope="session", autouse=True)
def bytecode_for_subprocesses(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The Python programs the tests start (the CLI, the app, the store's worker
    processes) keep their compiled bytecode in a folder of this session: each module
    is compiled once, not once per program. A tester's `PYTHONDONTWRITEBYTECODE`
    still keeps `__pycache__` folders out of the source tree (nothing is written
    there); this process itself is left as it is."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PYTHONPYCACHEPREFIX", str(tmp_path_factory.mktemp("pycache")))
        patch.delenv("PYTHONDONTWRITEBYTECODE", raising=False)
        yield


@pytest.fixture(autouse=True)
def isolated(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep tests away from the tester's own state file, library stores and config."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path_factory.mktemp("state")))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("READOUT_CONFIG", raising=False)


@pytest.fixture(scope="session")
def seeds() -> Corpus:
    """The bundled corpus, loaded once."""
    return load_corpus(SEEDS)


@pytest.fixture
def write_corpus(tmp_path: Path) -> Iterator[WriteCorpus]:
    """Write files (name -> text or bytes) into a fresh corpus folder; return it."""

    def write(files: dict[str, str | bytes]) -> Path:
        folder = tmp_path / "corpus"
        folder.mkdir(exist_ok=True)
        for name, content in files.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8", newline="")
        return folder

    yield write
