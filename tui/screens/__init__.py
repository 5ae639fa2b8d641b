"""Screens: the reader, and the modal lists (keys, load warnings)."""
