"""Leaders and commitments in the app: panels, highlights, jumps, filters, by keys."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Label, Static

from tests.app.conftest import MakeApp, loaded, palette_prompts
from tests.app.test_reader import SIZE, listed_ids, open_id, reader, shown_text
from tui.screens.leader_picker import LeaderPicker
from tui.widgets.article_view import ArticleView
from tui.widgets.commitments_panel import CommitmentsPanel
from tui.widgets.leaders_panel import LeadersPanel

OLDEST = "003_a5266ca7b85631b7.txt"


def span_styles(app: object) -> set[str]:
    """Every style used on the open article's paragraphs."""
    styles: set[str] = set()
    for paragraph in reader(app).query(".paragraph"):
        assert isinstance(paragraph, Static)
        visual = paragraph.visual
        assert isinstance(visual, Content)
        styles |= {str(span.style) for span in visual.spans}
    return styles


async def open_oldest(pilot: object) -> None:
    await loaded(pilot)  # type: ignore[arg-type]
    await pilot.press("G", "enter")  # type: ignore[attr-defined]


async def test_panels_list_the_open_articles_leaders_and_commitments(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_oldest(pilot)
        screen = reader(app)
        leaders = screen.query_one(LeadersPanel)
        assert [o.id for o in leaders.options] == ["Tô Lâm", "Xi Jinping", "Nguyễn Phú Trọng"]
        commitments = screen.query_one(CommitmentsPanel)
        assert commitments.option_count == 17
        assert commitments.border_title == "Commitments (17)"


async def test_names_and_commitments_are_highlighted_with_theme_variables(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_oldest(pilot)
        styles = span_styles(app)
        assert any(style.startswith("bold $leader-") for style in styles)
        assert {"on $commitment-proposal", "on $commitment-invitation"} <= styles
        await pilot.press("h")
        assert not reader(app).query_one(ArticleView).highlighting
        assert span_styles(app) == set()
        await pilot.press("h")
        assert span_styles(app)


async def test_choosing_a_commitment_marks_and_scrolls_to_it(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_oldest(pilot)
        view = reader(app).query_one(ArticleView)
        await pilot.press("tab", "tab", "G", "enter")  # reader -> leaders -> commitments
        await pilot.pause()
        panel = reader(app).query_one(CommitmentsPanel)
        assert panel.has_focus
        assert "on $mark" in span_styles(app)
        assert view.scroll_y > 0
        article = view.article
        assert article is not None
        marked = [s for s in article.sentences if s.text.startswith("The latter accepted")]
        assert view._marks.marked == (marked[0].start, marked[0].end)


async def test_choosing_a_leader_steps_through_their_mentions(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_oldest(pilot)
        await pilot.press("tab", "enter")  # reader -> leaders
        panel = reader(app).query_one(LeadersPanel)
        assert panel.border_subtitle == "Tô Lâm 1/10"
        await pilot.press("enter", "enter")
        assert panel.border_subtitle == "Tô Lâm 3/10"
        await pilot.press("j", "enter")
        assert panel.border_subtitle == "Xi Jinping 1/9"


async def test_f_narrows_commitments_to_the_selected_leader(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_oldest(pilot)
        await pilot.press("tab", "j", "f")  # reader -> leaders, down to Xi Jinping
        panel = reader(app).query_one(CommitmentsPanel)
        # Xi's own four, and the five the two sides made together.
        assert panel.border_title == "Commitments of Xi Jinping (9)"
        await pilot.press("f")
        assert panel.border_title == "Commitments (17)"


async def test_leader_filter_narrows_the_article_list(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("l")
        assert isinstance(app.screen, LeaderPicker)
        # All articles, Xi Jinping (5), Tô Lâm (4), then one article each by name.
        await pilot.press(*"jjjj")
        await pilot.press("enter")
        await pilot.pause()
        assert listed_ids(app) == ["002_dce0a2b2b469b0e8.txt"]
        assert open_id(app) == "002_dce0a2b2b469b0e8.txt"
        summary = shown_text(reader(app).query_one("#summary", Label))
        assert "naming Lương Cường: 1 shown" in summary
        await pilot.press("l", "g", "enter")
        assert len(listed_ids(app)) == 5


async def test_palette_filters_the_list_by_leader(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        prompts = await palette_prompts(pilot, "naming Mao")
        assert prompts[0].startswith("Leader filter: articles naming Mao Zedong"), prompts
        await pilot.press("enter")
        await pilot.pause()
        assert listed_ids(app) == ["002_dce0a2b2b469b0e8.txt"]
