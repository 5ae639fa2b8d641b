"""The core must stay free of the UI: importing it never loads Textual."""

from __future__ import annotations

import subprocess
import sys


def test_core_imports_without_textual() -> None:
    probe = (
        "import sys, tui.core, tui.core.state, tui.cli; "
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] == 'textual'); "
        "print(','.join(loaded))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
