"""`python -m tui` runs the `readout` command."""

from tui.cli import main

if __name__ == "__main__":  # not when a refresh's worker process imports it (spawn)
    raise SystemExit(main())
