"""Installed like a real tool: the wheel, in a fresh venv, run from another folder, has
its themes and its gazetteer.

The wheel is built from a copy of the sources (the worktree stays clean) with the dev
venv's setuptools (no build isolation: nothing is downloaded), and installed into a
venv created without pip. Its dependencies are not downloaded either: a `.pth` file
added after the install puts the dev venv's site-packages at the end of the fresh
venv's path. That folder holds readout's own editable install too, but a `.pth` line
only adds a folder to `sys.path` (the editable finder there is never started), and
the test checks that `tui` is imported from the fresh venv, not from the source tree.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS

HEADLESS_APP = """
import asyncio, json, sys
from pathlib import Path

import tui
from tui.app import ReadoutApp
from tui.core.config import load_config

config = load_config(None).with_overrides(corpus=Path(sys.argv[1]))


async def main() -> None:
    app = ReadoutApp(config, state_path=Path("state.json"))
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(200):  # the library opened, then refreshed
            await app.workers.wait_for_complete()
            await pilot.pause(0.05)
            if app.library_state.refreshed is not None:
                break
        print(json.dumps({
            "tui": tui.__file__,
            "theme": app.theme,
            "themes": sorted(app.theme_names),
            "leaders": [leader.name for leader in config.lexicon.leaders],
            "articles": app.library.count() if app.library else None,
        }))


asyncio.run(main())
"""


def _run(command: list[str], cwd: Path, env: dict[str, str]) -> str:
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    assert result.returncode == 0, f"{command}: {result.stderr[-2000:]}"
    return result.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the wheel of this source tree installed; its `bin` folder."""
    work = tmp_path_factory.mktemp("install")
    source = work / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(ROOT / "tui", source / "tui", ignore=shutil.ignore_patterns("__pycache__"))
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "READOUT_CONFIG")}
    wheels = work / "wheels"
    pip = [sys.executable, "-m", "pip"]
    _run(
        [*pip, "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(wheels), str(source)],
        work,
        env,
    )
    (wheel,) = wheels.glob("readout-*.whl")
    venv = work / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], work, env)
    python = venv / "bin" / "python"
    _run([*pip, "--python", str(python), "install", "-q", "--no-deps", str(wheel)], work, env)
    purelib = _run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], work, env
    )
    Path(purelib.strip(), "zz-dev-dependencies.pth").write_text(
        sysconfig.get_path("purelib") + "\n", encoding="utf-8"
    )
    return venv / "bin"


@pytest.fixture
def elsewhere(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A folder with no config.yaml, and an environment with no config and fresh state."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "READOUT_CONFIG")}
    env["XDG_STATE_HOME"] = str(tmp_path / "state")
    return tmp_path, env


def test_installed_readout_lists_the_corpus_from_another_folder(
    installed: Path, elsewhere: tuple[Path, dict[str, str]]
) -> None:
    folder, env = elsewhere
    out = _run([str(installed / "readout"), "list", "--corpus", str(SEEDS)], folder, env)
    assert len(out.splitlines()) == 5 and "004_fecb52052cebe9ee.txt" in out


def test_installed_app_starts_with_its_themes_and_gazetteer(
    installed: Path, elsewhere: tuple[Path, dict[str, str]]
) -> None:
    folder, env = elsewhere
    out = _run([str(installed / "python"), "-c", HEADLESS_APP, str(SEEDS)], folder, env)
    report = json.loads(out.splitlines()[-1])
    assert Path(report["tui"]).is_relative_to(installed.parent), report["tui"]
    assert report["theme"] == "readout-dark" and report["articles"] == 5
    assert set(report["themes"]) >= {
        "readout-dark", "readout-light", "readout-high-contrast", "readout-colour-safe",
    }  # fmt: skip
    assert {"Tô Lâm", "Xi Jinping", "Lương Cường"} <= set(report["leaders"])


def test_installed_readout_without_a_corpus_says_so_in_one_line(
    installed: Path, elsewhere: tuple[Path, dict[str, str]]
) -> None:
    folder, env = elsewhere
    result = subprocess.run(
        [str(installed / "readout"), "list"], cwd=folder, env=env, capture_output=True, text=True
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "corpus folder not found" in result.stderr
