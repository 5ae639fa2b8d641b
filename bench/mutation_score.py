"""Print the mutation score from mutmut's CI/CD stats file (`make mutation`)."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main(path: str) -> int:
    stats = json.loads(Path(path).read_text(encoding="utf-8"))
    killed = stats["killed"] + stats.get("timeout", 0) + stats.get("segfault", 0)
    tested = stats["total"] - stats.get("skipped", 0)
    score = killed / tested if tested else 0.0
    print(
        f"mutation score: {score:.1%} ({killed} of {tested} mutants caught; "
        f"{stats['survived']} survived, {stats.get('no_tests', 0)} not covered by any test)"
    )
    print("survivors: .venv/bin/mutmut results; one of them: .venv/bin/mutmut show NAME")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1] if len(sys.argv) > 1 else "mutants/mutmut-cicd-stats.json"))
