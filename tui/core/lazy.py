"""Names of a package imported when first asked for (PEP 562), so that importing the
package costs nothing until one is used: `tui.core`, `tui.core.extract` (its rules
compile many patterns) and `tui.core.importing` (trafilatura) export theirs this way.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from importlib import import_module

__all__ = ["lazy_names"]


def lazy_names(package: str, where: Mapping[str, str]) -> Callable[[str], object]:
    """The module `__getattr__` of `package`: a name of `where` comes from the module
    `where[name]` of the package, imported the first time the name is asked for, then
    kept in the package."""
    namespace = sys.modules[package].__dict__

    def __getattr__(name: str) -> object:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(f"{package}.{module}"), name)
        namespace[name] = value
        return value

    return __getattr__
