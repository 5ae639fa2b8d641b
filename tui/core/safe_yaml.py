"""YAML from files people write: parsed in bounded time and memory, or refused.

PyYAML's `safe_load` refuses Python objects but not the other ways a small file can
hurt: aliases that expand without bound ("billion laughs"), nesting deep enough to
exhaust the stack, timestamps that are not real dates (`2025-02-30` raises a plain
`ValueError`, not a `YAMLError`). Every YAML readout reads (front matter, config,
themes) goes through `compose` or `load` here:

* aliases (`*name`) are refused: nothing readout reads needs them;
* nesting deeper than `MAX_DEPTH` is refused;
* a timestamp that is not a real date stays the text it was written as;
* an integer too long to print (`1:59:59:...`, sexagesimal, grows fast) is refused;
* a key given twice in one mapping is refused (PyYAML silently keeps the last: two
  `date:` lines in front matter would pick one without a word);
* every failure is a `YAMLError` carrying the line, never another exception.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.composer import ComposerError
from yaml.constructor import ConstructorError

__all__ = ["MAX_DEPTH", "UnsafeYAML", "compose", "load", "problem"]

MAX_DEPTH = 64
"""How deeply collections may nest in any YAML file readout reads."""
MAX_INT_BITS = 4000
"""Integers longer than this are refused: `str()` of one past about 14,000 bits raises
`ValueError`, and no value readout reads needs more than a few digits."""


class UnsafeYAML(ComposerError):
    """YAML refused for its shape (an alias, too deep), not its syntax."""


class _Loader(yaml.SafeLoader):
    """A `SafeLoader` that refuses aliases and deep nesting, and keeps bad dates as text."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise UnsafeYAML(None, None, "aliases (*name) are not allowed", event.start_mark)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                event = self.peek_event()  # type: ignore[no-untyped-call]
                message = f"nested more than {MAX_DEPTH} levels deep"
                raise UnsafeYAML(None, None, message, event.start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[object] = set()
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                key = (key_node.tag, key_node.value)
                if key in seen:
                    message = f"the key {key_node.value!r} is given twice"
                    raise UnsafeYAML(None, None, message, key_node.start_mark)
                seen.add(key)
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError, AttributeError):  # `!!timestamp x`: no match
            return str(node.value)

    def construct_yaml_int(self, node: yaml.ScalarNode) -> Any:
        value = super().construct_yaml_int(node)
        if abs(value).bit_length() > MAX_INT_BITS:
            message = f"a number longer than {MAX_INT_BITS} bits"
            raise UnsafeYAML(None, None, message, node.start_mark)
        return value


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)
_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_yaml_int)


def compose(text: str) -> yaml.Node | None:
    """The node tree of `text`; raises `yaml.YAMLError` (with a mark when known)."""
    loader = _Loader(text)
    try:
        return loader.get_single_node()
    except yaml.YAMLError:
        raise
    except Exception as error:  # PyYAML's own bugs on odd input must not escape either
        raise yaml.YAMLError(f"cannot read: {error}") from None
    finally:
        loader.dispose()


def load(text: str) -> Any:
    """The Python value of `text` (safe tags only); raises `yaml.YAMLError`."""
    loader = _Loader(text)
    try:
        return loader.get_single_data()
    except yaml.YAMLError:
        raise
    except Exception as error:
        # `!!int "x"`, `!!timestamp x` and the like raise outside PyYAML's hierarchy.
        raise ConstructorError(None, None, f"cannot read a value: {error}") from None
    finally:
        loader.dispose()


def problem(error: yaml.YAMLError) -> tuple[int | None, str]:
    """`(line, what went wrong)` of a YAML error, the line counted from 1 when known."""
    if isinstance(error, yaml.MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        what = error.problem or error.context or "invalid YAML"
        return (mark.line + 1 if mark is not None else None), " ".join(str(what).split())
    return None, " ".join(str(error).split()) or "invalid YAML"
