"""`python -m tui` runs the `readout` command."""

from tui.cli import main

raise SystemExit(main())
