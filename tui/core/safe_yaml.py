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

`load` reads a short, simple document (front matter: a few `key: value` lines) with
libyaml's parser, in C, when PyYAML has it: the pure-Python parser took over a
millisecond per file, a quarter of reading an article. Simple means `key: value` lines
whose values are plain or quoted text (`_simple`), where no rule above is at stake and
the two parsers agree (a test compares them on generated documents). The values are
built by the same constructors; whatever libyaml refuses is read again by the Python
parser, whose errors are the ones told.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.composer import Composer, ComposerError
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner

__all__ = ["MAX_DEPTH", "UnsafeYAML", "compose", "load", "problem"]

MAX_DEPTH = 64
"""How deeply collections may nest in any YAML file readout reads."""
MAX_INT_BITS = 4000
"""Integers longer than this are refused: `str()` of one past about 14,000 bits raises
`ValueError`, and no value readout reads needs more than a few digits."""


class UnsafeYAML(ComposerError):
    """YAML refused for its shape (an alias, too deep), not its syntax."""


class _Values(SafeConstructor):
    """Safe construction that refuses keys given twice and long integers, and keeps
    bad dates as text."""

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


_Values.add_constructor("tag:yaml.org,2002:timestamp", _Values.construct_yaml_timestamp)  # type: ignore[type-var]
_Values.add_constructor("tag:yaml.org,2002:int", _Values.construct_yaml_int)  # type: ignore[type-var]


class _Loader(Reader, Scanner, Parser, Composer, _Values, Resolver):
    """PyYAML's safe loader, in Python, refusing aliases and deep nesting."""

    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        _Values.__init__(self)
        Resolver.__init__(self)
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


_CParser: Any
"""libyaml's parser, when PyYAML was built with it."""
try:
    from yaml import cyaml

    _CParser = cyaml.CParser  # type: ignore[attr-defined]
except (ImportError, AttributeError):  # PyYAML built without libyaml
    _CParser = None

FAST_CHARS = 4096
"""Documents up to this long may be read by libyaml (`_simple`)."""

_VALUE_CHARS = r"[^\n\r\t\x85\u2028\u2029\ufeff#:]"
_SIMPLE_LINE = re.compile(
    r"[A-Za-z_][A-Za-z0-9_-]*:"
    r"(?: +(?:"
    r'"[^"\\\n\r\t\x85\u2028\u2029\ufeff]*"'  # double-quoted, no escapes
    r"|'[^'\n\r\t\x85\u2028\u2029\ufeff]*'"  # single-quoted, on one line
    rf"|[^\s\-?:,\[\]{{}}#&*!|>'\"%@`]{_VALUE_CHARS}*"  # plain: no indicator first
    r"))? *"
)
"""A line of simple front matter: `key: value`, the value plain (no `#` nor `:`),
quoted without escapes, or empty."""


def _simple(text: str) -> bool:
    """Whether `text` is a few `key: value` lines (`_SIMPLE_LINE`) of characters
    PyYAML's reader accepts: no alias, anchor, tag, nesting or block scalar, nothing
    libyaml and PyYAML read differently."""
    return (
        _CParser is not None
        and len(text) <= FAST_CHARS
        and Reader.NON_PRINTABLE.search(text) is None
        and all(map(_SIMPLE_LINE.fullmatch, text.removesuffix("\n").split("\n")))
    )


if _CParser is not None:

    class _FastLoader(_CParser, _Values, Resolver):  # type: ignore[misc]
        def __init__(self, stream: str) -> None:
            _CParser.__init__(self, stream)
            _Values.__init__(self)
            Resolver.__init__(self)


def _fast_load(text: str) -> Any:
    """`text`'s value read by libyaml; raises whatever libyaml raises."""
    loader = _FastLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


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
    if _simple(text):
        try:
            return _fast_load(text)
        except Exception:  # the Python parser reads it again, and tells why
            pass
    return slow_load(text)


def slow_load(text: str) -> Any:
    """`load` with PyYAML's Python parser only."""
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
