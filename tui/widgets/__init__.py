"""Widgets: one a module. They render what they are given and post messages up."""
