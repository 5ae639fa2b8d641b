"""The Textual layer only renders and routes: screens are given what they need (the
`Library`) instead of fishing it out of the app, and no class declares state that
another class creates (the mixin shape)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

LAYER = [
    ROOT / "tui" / "app.py",
    ROOT / "tui" / "bookmarks.py",
    ROOT / "tui" / "commands.py",
    ROOT / "tui" / "correcting.py",
    ROOT / "tui" / "app_state.py",
    ROOT / "tui" / "upkeep.py",
    *sorted((ROOT / "tui" / "screens").glob("*.py")),
    *sorted((ROOT / "tui" / "widgets").glob("*.py")),
]


def _is_self_attribute(node: ast.expr, names: set[str]) -> bool:
    """`self.app` or `self.screen` (for `names={"app", "screen"}`)."""
    return (
        isinstance(node, ast.Attribute)
        and node.attr in names
        and isinstance(node.value, ast.Name)
        and node.value.id == "self"
    )


def reaching_in(source: str) -> list[str]:
    """Each `getattr(self.app, ...)`, `getattr(self.screen, ...)` and
    `self.watch(self.app, ...)` in `source`, as `line: code`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func, first = node.func, node.args[0]
        getattr_call = isinstance(func, ast.Name) and func.id == "getattr"
        watch_call = isinstance(func, ast.Attribute) and func.attr == "watch"
        if (getattr_call and _is_self_attribute(first, {"app", "screen"})) or (
            watch_call and _is_self_attribute(first, {"app"})
        ):
            found.append(f"{node.lineno}: {ast.unparse(node)}")
    return found


def declared_not_owned(source: str) -> list[str]:
    """Classes (other than dataclasses) that annotate attributes without giving them a
    value: state some other class creates."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.ClassDef) or node.decorator_list:
            continue
        for item in node.body:
            if isinstance(item, ast.AnnAssign) and item.value is None:
                found.append(f"{node.name}.{ast.unparse(item.target)} (line {item.lineno})")
    return found


def test_the_checks_find_what_they_look_for() -> None:
    mixin = """
class SearchHits(Screen[None]):
    _hits: tuple[SearchHit, ...]
    def action_search(self) -> None:
        index = getattr(self.app, "search_index", None)
        self.watch(self.app, "corpus", self._show)
"""
    assert reaching_in(mixin) == [
        "5: getattr(self.app, 'search_index', None)",
        "6: self.watch(self.app, 'corpus', self._show)",
    ]
    assert declared_not_owned(mixin) == ["SearchHits._hits (line 3)"]


@pytest.mark.parametrize("path", LAYER, ids=lambda path: path.name)
def test_the_textual_layer_is_handed_its_data_and_owns_its_state(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    assert reaching_in(source) == []
    assert declared_not_owned(source) == []
