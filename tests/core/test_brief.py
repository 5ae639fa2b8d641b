"""The Markdown brief shows text from files literally: rendered by markdown-it-py
(CommonMark, with GitHub's tables and strikethrough), each quote, title, outlet and
id reads exactly as its source, whatever Markdown it holds (hypothesis)."""

from __future__ import annotations

import datetime as dt

from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from tui.core.brief import brief_markdown, markdown_code, markdown_text
from tui.core.compare import Comparison, Item, Pair, Side
from tui.core.text import Passage

MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])

HOSTILE = (
    "&lt;", "&amp;", "&#60;", "&copy", "~~", "~", "*", "**", "_", "__", "[", "](x)", "<",
    "<b>", "<http://x.y>", "#", "# ", "|", "||", "`", "``", "\\", "!", "![", "$", "1.",
    "- ", "> ", "---", "===", "a", "Xi", " ", "  ", "“", "”", "é", "\u00a0",
)  # fmt: skip
hostile = st.lists(st.sampled_from(HOSTILE), min_size=1, max_size=12).map("".join)


def one_line(text: str) -> str:
    return " ".join(text.split())


def plain(inline: Token) -> str:
    """An inline token's rendered text; any formatting (emphasis, links, HTML,
    strikethrough) fails the test."""
    said = ""
    for child in inline.children or ():
        assert child.type in ("text", "code_inline", "softbreak"), (child.type, inline.content)
        said += " " if child.type == "softbreak" else child.content
    return said


def rendered_lines(markdown: str) -> list[str]:
    tokens = MARKDOWN.parse(markdown)
    assert not [t for t in tokens if t.type.startswith(("table", "html", "code", "hr"))]
    return [plain(token) for token in tokens if token.type == "inline"]


def item(text: str, at: int = 0) -> Item:
    return Item((Passage(text, at, at + len(text)),), (), ())


def comparison(texts: list[str], title: str, source: str, ident: str) -> Comparison:
    first = Side(ident, title, dt.date(2025, 1, 15), source)
    second = Side(ident + "2", title, None, None)
    return Comparison(
        first,
        second,
        (Pair(item(texts[0]), item(texts[1]), 0.5),),
        (item(texts[2]),),
        (item(texts[3]),),
    )


@settings(max_examples=150, deadline=None)
@example(texts=["&lt;"] * 4, title="t", source=" ", ident="- ")  # a blank outlet: the id's
@given(
    texts=st.lists(hostile, min_size=4, max_size=4),
    title=hostile,
    source=hostile,
    ident=hostile.filter(lambda s: s.strip()),
)
def test_every_quote_title_outlet_and_id_renders_as_its_source(
    texts: list[str], title: str, source: str, ident: str
) -> None:
    compared = comparison(texts, title, source, ident)
    lines = rendered_lines(brief_markdown(compared))
    outlet = f"{one_line(source) or one_line(ident)}, 2025-01-15"
    for text in texts[0], texts[2]:
        assert f"“{one_line(text)}” ({outlet})" in lines
    for text in texts[1], texts[3]:
        assert f"“{one_line(text)}” ({one_line(ident + '2')}, undated)" in lines
    assert f"First: {outlet}, “{one_line(title)}” ({one_line(ident)})" in lines
    assert f"Only in {outlet}" in lines


@settings(max_examples=200, deadline=None)
@given(text=hostile)
def test_markdown_text_and_code_render_as_the_text(text: str) -> None:
    assert rendered_lines(f"- x{markdown_text(text)}x") == [f"x{one_line(text)}x"]
    if one_line(text):
        assert rendered_lines(f"- x {markdown_code(text)} x") == [f"x {one_line(text)} x"]


def test_one_pair_is_one_pair() -> None:
    compared = comparison(["a", "b", "c", "d"], "t", "s", "i")
    assert compared.summary().startswith("1 pair, 1 only in the first, 1 only in the second")
    assert "- 1 pair, 1 only in the first" in brief_markdown(compared)


def test_a_brief_is_written_to_a_new_file_never_over_one(tmp_path: object) -> None:
    from pathlib import Path

    from tui.core.brief import brief_name, write_brief

    folder = Path(str(tmp_path))
    compared = comparison(["a", "b", "c", "d"], "t", "VNS (Việt Nam)", "i")
    name = brief_name(compared)
    assert name == "brief-2025-01-15-vns-viet-nam-t.md"
    (folder / name).write_text("mine", encoding="utf-8")
    paths = [write_brief(folder, name, f"brief {n}") for n in range(2)]
    assert [p.name for p in paths] == [
        "brief-2025-01-15-vns-viet-nam-t-2.md",
        "brief-2025-01-15-vns-viet-nam-t-3.md",
    ]
    assert (folder / name).read_text(encoding="utf-8") == "mine"
    assert paths[1].read_text(encoding="utf-8") == "brief 1"


def test_a_brief_makes_its_folder_and_says_why_it_cannot_write(tmp_path: object) -> None:
    from pathlib import Path

    import pytest

    from tui.core.brief import write_brief

    folder = Path(str(tmp_path)) / "notes" / "briefs"
    assert write_brief(folder, "b.md", "x").read_text(encoding="utf-8") == "x"
    blocked = Path(str(tmp_path)) / "a-file"
    blocked.write_text("", encoding="utf-8")
    with pytest.raises(OSError):
        write_brief(blocked / "below", "b.md", "x")
