"""Text is data: control characters shown, escaped or stripped, never obeyed.

A readout, a file name or a note may hold characters a terminal obeys or hides: ESC
and C1 controls (`\\x9b`) that start escape sequences, bidi overrides that reorder a
line (U+202E), zero-width characters, lone surrogates from undecodable bytes.
`visible` shows them (one character for one, so offsets hold), `one_line` also shows
line feeds, `escape_controls` writes them as `\\uXXXX` in JSON, and `clipboard_text`
removes them from what a person pastes into a shell.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["clipboard_text", "escape_controls", "one_line", "visible"]

# Characters that must never reach a terminal as they are: C0 and C1 controls (but not
# LF), DEL, format characters (bidi overrides and isolates, zero-width space and
# joiners, word joiner, byte-order mark, soft hyphen...), line and paragraph
# separators, and lone surrogates. `visible` maps each to one visible stand-in, so
# offsets stay valid: ESC shows as ␛, U+202E as �, and neither is obeyed.
_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
# Format characters live in these blocks (Unicode 15); scanning them is ~13 ms.
_UNSAFE_SCAN = (range(0x0000, 0x20000), range(0xE0000, 0xE1000))
# What the scan finds, as runs of code points (first, last), for the Unicode version
# of the Pythons readout runs on: read at every start instead of scanning. Another
# version scans (a test keeps these equal to the scan).
_UNSAFE_RUNS: dict[str, tuple[tuple[int, int], ...]] = {
    "14.0.0": (
        (0x0000, 0x001F), (0x007F, 0x009F), (0x00AD, 0x00AD), (0x0600, 0x0605),
        (0x061C, 0x061C), (0x06DD, 0x06DD), (0x070F, 0x070F), (0x0890, 0x0891),
        (0x08E2, 0x08E2), (0x180E, 0x180E), (0x200B, 0x200F), (0x2028, 0x202E),
        (0x2060, 0x2064), (0x2066, 0x206F), (0xD800, 0xDFFF), (0xFEFF, 0xFEFF),
        (0xFFF9, 0xFFFB), (0x110BD, 0x110BD), (0x110CD, 0x110CD), (0x13430, 0x13438),
        (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0001, 0xE0001), (0xE0020, 0xE007F),
    ),
}  # fmt: skip


def _scan_unsafe() -> frozenset[int]:
    """Every code point of `_UNSAFE_CATEGORIES` in the blocks where they live."""
    return frozenset(
        code
        for block in _UNSAFE_SCAN
        for code in block
        if unicodedata.category(chr(code)) in _UNSAFE_CATEGORIES
    )


def _unsafe() -> frozenset[int]:
    runs = _UNSAFE_RUNS.get(unicodedata.unidata_version)
    if runs is None:
        return _scan_unsafe()
    return frozenset(code for first, last in runs for code in range(first, last + 1))


_UNSAFE = _unsafe()
_REPLACEMENT = 0xFFFD
_CONTROL_PICTURES = {code: _REPLACEMENT for code in _UNSAFE}
_CONTROL_PICTURES.update({code: 0x2400 + code for code in range(0x20)})
_CONTROL_PICTURES[0x7F] = 0x2421
_CONTROL_PICTURES[0x2028] = 0x2424  # ␤ for the line and paragraph separators
_CONTROL_PICTURES[0x2029] = 0x2424
del _CONTROL_PICTURES[0x0A]
_ZWJ = "\u200d"
# A zero-width joiner between two pictographs is part of an emoji (👨‍👩‍👧), not a
# control: it is kept there.
_PICTOGRAPH = "\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff"
_EMOJI_JOINER = re.compile(f"(?<=[{_PICTOGRAPH}\ufe0f]){_ZWJ}(?=[{_PICTOGRAPH}])")


def _keep_emoji_joiners(text: str, shown: str, joiner: str) -> str:
    """`shown` with the emoji joiners of `text` put back (both the same length)."""
    places = [match.start() for match in _EMOJI_JOINER.finditer(text)]
    if not places:
        return shown
    chars = list(shown)
    for at in places:
        chars[at] = joiner
    return "".join(chars)


def visible(text: str) -> str:
    """`text` safe to print on a terminal: control characters shown, not obeyed.

    One character for one, so offsets into `text` are offsets into the result. Line
    feeds are kept; everything else that a terminal would obey or hide (ESC, C1 such
    as `\\x9b`, bidi overrides, zero-width characters) becomes a visible symbol.
    Letters, diacritics, CJK and emoji are untouched.
    """
    if text.isprintable():
        return text
    shown = text.translate(_CONTROL_PICTURES)
    return _keep_emoji_joiners(text, shown, _ZWJ) if _ZWJ in text else shown


def one_line(text: str) -> str:
    """`visible(text)` with line feeds shown as ␊ too: a title or id for a listing."""
    return visible(text).replace("\n", "\u240a")


# CR is a control like the others, so dropping it makes `\r\n` a plain `\n`.
_CLIPBOARD_DROP = {code: None for code in _UNSAFE if code not in (0x09, 0x0A)}


def clipboard_text(text: str) -> str:
    """`text` safe to paste into a terminal or a shell: every control and format
    character removed (ESC, C1, bidi overrides, zero-width characters, the
    bracketed-paste markers' ESC), line feeds and tabs kept, `\\r\\n` made `\\n`."""
    kept = text.translate(_CLIPBOARD_DROP)
    if _ZWJ not in text or not _EMOJI_JOINER.search(text):
        return kept
    # Keep emoji joiners: drop characters one by one, joiners between pictographs kept.
    joiners = {match.start() for match in _EMOJI_JOINER.finditer(text)}
    return "".join(
        char for at, char in enumerate(text) if at in joiners or ord(char) not in _CLIPBOARD_DROP
    )


def _json_escape(code: int) -> str:
    if code > 0xFFFF:
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


_JSON_ESCAPES = {code: _json_escape(code) for code in _UNSAFE if code not in (0x09, 0x0A)}


def escape_controls(text: str) -> str:
    """`text` with every character `visible` would replace (but `\\n` and `\\t`) as a
    `\\uXXXX` escape: for JSON already encoded with `ensure_ascii=False`, where such
    characters can only stand inside strings."""
    return text if text.isprintable() else text.translate(_JSON_ESCAPES)
