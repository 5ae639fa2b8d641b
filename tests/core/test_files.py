"""Files readout writes keep the modes people expect: a file replaced keeps its own
(a 0640 notes file stays 0640), a new one is made as any new file is (the umask's),
never owner-only; and neither leaves a temporary behind."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tui.core.files import write_atomic, write_new


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


@pytest.mark.usefixtures("umask_022")
@pytest.mark.parametrize("kept", [0o640, 0o600, 0o664, 0o644])
def test_a_replaced_file_keeps_its_mode(tmp_path: Path, kept: int) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text("old\n", encoding="utf-8")
    notes.chmod(kept)
    write_atomic(notes, b"new\n")
    assert notes.read_bytes() == b"new\n" and mode(notes) == kept
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.md"]


@pytest.mark.usefixtures("umask_022")
def test_new_files_are_made_with_the_umask(tmp_path: Path) -> None:
    write_new(tmp_path / "brief.md", b"# brief\n")
    write_atomic(tmp_path / "notes.md", b"# notes\n")
    assert mode(tmp_path / "brief.md") == mode(tmp_path / "notes.md") == 0o644
    with pytest.raises(FileExistsError):
        write_new(tmp_path / "brief.md", b"again")
    assert (tmp_path / "brief.md").read_bytes() == b"# brief\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.md", "notes.md"]
