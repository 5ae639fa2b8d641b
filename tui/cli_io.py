"""The command line's contact with the terminal: one-line errors, output that never
ends in a traceback (a full disk, a closed pipe, an encoding without Vietnamese), the
progress bar, and JSON with control characters escaped."""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from json.encoder import encode_basestring  # the C one when there is one
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from tui.core.controls import escape_controls, one_line

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

    from tui.core.store import RefreshProgress

__all__ = [
    "EXIT_USAGE",
    "PROG",
    "OneLineParser",
    "UserError",
    "fail",
    "print_json",
    "print_json_rows",
    "quiet_stdout",
    "readable_output",
    "refresh_progress",
]

PROG = "readout"
EXIT_USAGE = 2


class UserError(Exception):
    """A mistake the person can fix; printed as one line, exit code 2."""


class OneLineParser(argparse.ArgumentParser):
    """An argument parser whose mistakes are one line (not the usage, then the error),
    like every other mistake `readout` reports."""

    def error(self, message: str) -> NoReturn:
        fail(f"{message} (see `{self.prog} --help`)")

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        """Print `--help` or `--version`; argparse's own ignores a full disk."""
        out = file or sys.stdout or sys.stderr
        try:
            out.write(message)
            flush = getattr(out, "flush", None)  # a bare writer need not have one
            if flush is not None:
                flush()
        except BrokenPipeError:  # `readout --help | head -1`
            quiet_stdout()
        except OSError as error:
            quiet_stdout()
            fail(f"cannot write the output: {error.strerror or error}")


def fail(message: str) -> NoReturn:
    print(f"{PROG}: error: {one_line(message)}", file=sys.stderr)
    raise SystemExit(EXIT_USAGE)


def print_json(data: Any, out: TextIO) -> None:
    """`data` as JSON; control and format characters escaped (`\\u001b`, `\\u202e`),
    readable text (Việt Nam, 中国) as it is."""
    out.write(escape_controls(json.dumps(data, ensure_ascii=False, indent=2)))
    out.write("\n")


def print_json_rows(rows: Iterable[Any], out: TextIO, *, key: str | None = None) -> None:
    """A JSON list of `rows` written as they come (the list under `key` in an object
    of its own when given), byte for byte what `print_json` prints of the whole."""
    pad = "  " if key is None else "    "
    opening, closing = ("[", "]") if key is None else (f'{{\n  "{key}": [', "]\n}")
    count = 0
    for row in rows:
        out.write(f"{opening if not count else ','}\n{pad}{_encoded(row, pad)}")
        count += 1
    if not count:
        out.write(opening)
    out.write(f"\n{pad[:-2]}{closing}\n" if count else f"{closing}\n")


def _encoded(row: Any, pad: str) -> str:
    """`row` as `print_json` writes it `pad` deep. A flat mapping of text and whole
    numbers (a row of `readout list`) is written directly: eight times faster than
    `json.dumps` with an indent, which matters at 100,000 rows."""
    fields = _flat_fields(row, pad) if type(row) is dict and row else None
    if fields is None:
        text = json.dumps(row, ensure_ascii=False, indent=2).replace("\n", "\n" + pad)
        return escape_controls(text)
    return "{\n" + ",\n".join(fields) + f"\n{pad}}}"


def _flat_fields(row: dict[Any, Any], pad: str) -> list[str] | None:
    """The lines of a flat mapping, or `None` when it holds anything but text, whole
    numbers, nulls and lists of text (bools and floats included: `json.dumps` has the
    last word)."""
    fields = []
    for key, value in row.items():
        if type(value) is str:
            text = encode_basestring(value)
            # escape_controls leaves printable text as it is; checking first is cheap.
            if not value.isprintable():
                text = escape_controls(text)
        elif type(value) is int:
            text = int.__repr__(value)
        elif type(value) is list and all(type(item) is str for item in value):
            text = _text_list(value, pad)
        elif value is None:
            text = "null"
        else:
            return None
        if type(key) is not str or not key.isprintable():
            return None
        fields.append(f"{pad}  {encode_basestring(key)}: {text}")
    return fields


def _text_list(values: list[str], pad: str) -> str:
    """A list of strings as `json.dumps(..., indent=2)` writes it in a row `pad` deep."""
    if not values:
        return "[]"
    items = [encode_basestring(value) for value in values]
    items = [text if text.isprintable() else escape_controls(text) for text in items]
    return "[\n" + ",\n".join(f"{pad}    {text}" for text in items) + f"\n{pad}  ]"


BAR_AFTER = 0.3
"""Seconds a refresh runs before its progress bar shows: an instant one shows none."""

_PHASES = {
    "scanning": "Looking for changes",
    "reading": "Reading articles",
    "indexing": "Indexing",
    "finishing": "Finishing",
}


@contextmanager
def refresh_progress(enabled: bool) -> Iterator[Callable[[RefreshProgress], None] | None]:
    """A transient progress bar on stderr for a library refresh that is not instant;
    nothing at all when output is not for a person."""
    if not enabled:
        yield None
        return
    started = time.monotonic()
    bar: Any = None
    task: Any = None

    def update(step: RefreshProgress) -> None:
        nonlocal bar, task
        if bar is None:
            if time.monotonic() - started < BAR_AFTER:
                return
            bar = _bar()
            bar.start()
            task = bar.add_task("", total=None)
        label = _PHASES.get(step.phase, step.phase.capitalize())
        bar.update(task, description=label, completed=step.done, total=step.total or None)

    try:
        yield update
    finally:
        if bar is not None:
            bar.stop()


def _bar() -> Any:
    """The progress bar (rich, imported only when a bar is shown)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    return Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
        console=Console(stderr=True), transient=True,
    )  # fmt: skip


def quiet_stdout() -> None:
    """Send whatever is still buffered for stdout nowhere, so that Python's own flush at
    exit cannot fail again and print a traceback."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, AttributeError, ValueError):
        sys.stdout = None


def readable_output() -> None:
    """Never fail on a character the terminal's encoding lacks: escape it instead."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")


_FORMULA = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet takes a cell for a formula by (`=HYPERLINK(...)`, `+1`, `@SUM`)."""


def csv_cell(value: object) -> object:
    """A cell as a spreadsheet should show it: lists joined by `; `, control characters
    (escape codes, bidi overrides) as visible symbols, and text a spreadsheet would run
    as a formula quoted with `'` first."""
    from tui.core.controls import visible

    if isinstance(value, list | tuple):
        value = "; ".join(map(str, value))
    if not isinstance(value, str):
        return value
    text = visible(value)
    return "'" + text if text.startswith(_FORMULA) else text


def print_csv(header: Sequence[str], rows: Iterable[Sequence[object]], out: TextIO) -> None:
    """A header row, then `rows`, each cell as `csv_cell` makes it."""
    import csv

    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])


def print_jsonl(rows: Iterable[Any], out: TextIO) -> None:
    """One JSON object a line (JSON Lines), control and format characters escaped."""
    for row in rows:
        out.write(escape_controls(json.dumps(row, ensure_ascii=False)))
        out.write("\n")
