"""Readouts in from the web: pages, feeds and saved files (issue 12)."""
