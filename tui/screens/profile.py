"""A leader's profile (`tui.core.profiles`): the titles the articles give them over
time, their commitments by kind and topic, the leaders named with them, their events
and articles. `enter` on an article or an event opens it in the reader; on a leader
named with them, that leader's profile; `backspace` goes back to the one before."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Protocol

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState, get_current_worker

from tui.core.controls import one_line, visible
from tui.screens.timeline import Timelines, TimelineScreen
from tui.widgets.highlights import leader_style
from tui.widgets.keyed_list import KeyedOptionList

if TYPE_CHECKING:
    from tui.core.profiles import LeaderProfile, TitleSpan

__all__ = ["LeaderProfileScreen", "show_profile"]

ARTICLES_SHOWN = 500
"""Articles listed (newest first); `readout leader NAME --json` has every one."""
TITLES_SHOWN = 12
"""Titles listed, most given first."""


class Profiles(Timelines, Protocol):
    """What the screen reads (`Library`)."""

    def leader_profile(self, name: str) -> LeaderProfile | None: ...


class LeaderProfileScreen(ModalScreen[str | None]):
    """Returns the id of the article to open, or `None` (closed with `esc`)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Close", id="profile.close"),
        Binding("backspace", "back", "Back to the profile before", id="profile.back"),
        Binding("T", "timeline", "Timeline of their events", id="profile.timeline"),
        Binding("w", "write_brief", "Write brief of their commitments", id="profile.brief"),
    ]

    def __init__(self, library: Profiles, name: str, briefs: Path | None = None) -> None:
        super().__init__()
        self.library = library
        self.briefs = briefs
        """Where `w` writes briefs (the notes file's folder; `None`: the working one)."""
        self.name_shown = name
        self.visited: list[str] = []
        """The profiles opened before this one (`backspace` goes back)."""
        self.profile: LeaderProfile | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="profile-box") as box:
            box.border_subtitle = (
                "enter open · tab next list · backspace back · w brief · T timeline · esc close"
            )
            yield Static("Reading the library…", id="profile-summary")
            with Horizontal():
                with Vertical(id="profile-left"):
                    yield Static("", id="profile-titles")
                    yield KeyedOptionList(id="profile-counterparts")
                with Vertical(id="profile-right"):
                    yield KeyedOptionList(id="profile-events")
                    yield KeyedOptionList(id="profile-articles")

    def on_mount(self) -> None:
        for list_id, title in (
            ("#profile-counterparts", "Named with"),
            ("#profile-events", "Events"),
            ("#profile-articles", "Articles"),
        ):
            self.query_one(list_id, OptionList).border_title = title
        self.query_one("#profile-titles", Static).border_title = "Titles"
        self.show(self.name_shown)

    # Reading ---------------------------------------------------------------------------

    def show(self, name: str) -> None:
        """Read and show `name`'s profile (in a worker: a frequent leader's articles
        take a moment at 100,000)."""
        self.name_shown = name
        self.query_one("#profile-box").border_title = f"Leader · {visible(name)}"
        self._read(name)

    @work(thread=True, exclusive=True, group="profile", exit_on_error=False,
          description="Reading a leader's profile")  # fmt: skip
    def _read(self, name: str) -> LeaderProfile | None:
        profile = self.library.leader_profile(name)
        return None if get_current_worker().is_cancelled else profile

    @on(Worker.StateChanged)
    def _read_done(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "profile":
            return
        summary = self.query_one("#profile-summary", Static)
        if event.state == WorkerState.ERROR:
            summary.update(Content(f"Cannot read the profile: {one_line(str(event.worker.error))}"))
            return
        if event.state != WorkerState.SUCCESS:
            return
        profile = event.worker.result
        if profile is None:
            summary.update(Content(f"No article names {visible(self.name_shown)} any more."))
            return
        self.profile = profile
        self._fill(profile)

    # Showing ---------------------------------------------------------------------------

    def _fill(self, profile: LeaderProfile) -> None:
        self.query_one("#profile-summary", Static).update(summary(profile))
        self.query_one("#profile-titles", Static).update(titles(profile.titles))
        self._refill("#profile-counterparts", [
            Option(Content.assemble(
                (visible(c.name), leader_style(c.name)),
                (f"  {counted(c.articles, 'article')}"
                 + (f" · {counted(c.events, 'event')}" if c.events else "")
                 + (f" · last {c.last.isoformat()}" if c.last else ""), "dim"),
            ), id=f"leader\0{c.name}")
            for c in profile.counterparts
        ])  # fmt: skip
        self._refill("#profile-events", [
            Option(Content(one_line(
                f"{e.first.isoformat() if e.first else 'undated':<10}  {e.kind}  "
                f"{' – '.join(e.leaders)}  ({len(e.reports)})"
            )), id=f"article\0{e.reports[0].id}")
            for e in profile.events
        ] or [Option(Content.styled("None reported twice", "dim"), disabled=True)])  # fmt: skip
        shown = profile.appearances[:ARTICLES_SHOWN]
        self._refill("#profile-articles", [
            Option(Content.assemble(
                (f"{a.date.isoformat() if a.date else 'undated':<10}  ", "dim"),
                one_line(a.title), (f"  {one_line(a.source)}" if a.source else "", "dim"),
            ), id=f"article\0{a.article_id}")
            for a in shown
        ])  # fmt: skip
        articles = self.query_one("#profile-articles", OptionList)
        more = len(profile.appearances) - len(shown)
        articles.border_subtitle = f"{more:,} more: readout leader --json" if more > 0 else ""
        articles.focus()

    def _refill(self, list_id: str, options: list[Option]) -> None:
        found = self.query_one(list_id, OptionList)
        found.clear_options()
        found.add_options(options)
        found.highlighted = 0 if options and not options[0].disabled else None

    # Choosing --------------------------------------------------------------------------

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        kind, _, value = (event.option.id or "").partition("\0")
        if kind == "article":
            self.dismiss(value)
        elif kind == "leader":
            self.visited.append(self.name_shown)
            self.show(value)

    def action_timeline(self) -> None:
        """This leader's events on a date axis, one lane per counterpart; the event
        opened there opens in the reader."""
        self.app.push_screen(TimelineScreen(self.library, self.name_shown), self._opened)

    def _opened(self, article_id: str | None) -> None:
        if article_id is not None:
            self.dismiss(article_id)

    def action_write_brief(self) -> None:
        """The Markdown brief of this leader's commitments, grouped by thread, to a new
        file beside the notes file."""
        from tui.core.store import Library
        from tui.screens.briefing import write_leader_brief

        if self.profile is None or not isinstance(self.library, Library):
            self.notify("The profile is still being read.", timeout=2)
            return
        write_leader_brief(self, self.library, self.profile.name, self.briefs)

    def action_back(self) -> None:
        """The profile opened before this one, if any."""
        if self.visited:
            self.show(self.visited.pop())


def summary(profile: LeaderProfile) -> Content:
    """`Việt Nam · 4 articles · 2024-08-19 … 2026-01-26` and the commitments line."""
    days = dict.fromkeys(d.isoformat() for d in (profile.first, profile.last) if d)
    count = len(profile.appearances)
    head = [profile.country or "", counted(count, "article"), " … ".join(days)]
    kinds = " · ".join(f"{kind} {n}" for kind, n in list(profile.kinds.items())[:6])
    topics = " · ".join(f"{topic} {n}" for topic, n in list(profile.topics.items())[:6])
    lines = [
        " · ".join(part for part in head if part),
        counted(profile.commitments, "commitment") + (f": {kinds}" if kinds else ""),
    ]
    if topics:
        lines.append(f"topics: {topics}")
    rest = [Content.styled(one_line(line), "dim") for line in lines[1:]]
    return Content("\n").join([Content(one_line(lines[0])), *rest])


def counted(count: int, noun: str) -> str:
    """`1 article`, `2 articles`."""
    return f"{count:,} {noun}{'s' * (count != 1)}"


def titles(spans: tuple[TitleSpan, ...]) -> Content:
    """One title a line with the months of the first and last articles giving it,
    the most given first (`TITLES_SHOWN` of them)."""
    if not spans:
        return Content.styled("No title given", "dim")
    shown = set(sorted(spans, key=lambda s: -s.articles)[:TITLES_SHOWN])
    lines: list[Content] = []
    for span in (span for span in spans if span in shown):  # by first date
        months = dict.fromkeys(d.isoformat()[:7] for d in (span.first, span.last) if d)
        when = " … ".join(months) or "undated"
        lines.append(Content.assemble(one_line(span.title), (f"  {when} ({span.articles})", "dim")))
    if len(spans) > len(shown):
        lines.append(Content.styled(f"{len(spans) - len(shown)} more", "dim"))
    return Content("\n").join(lines)


def show_profile(
    app: App[object],
    library: Profiles | None,
    name: str,
    open_article: Callable[[str], object],
    briefs: Path | None = None,
) -> None:
    """Push `name`'s profile; the article chosen there is given to `open_article`."""
    if library is None:
        app.notify("The library is still being opened.", timeout=2)
        return

    def chosen(article_id: str | None) -> None:
        if article_id is not None:
            open_article(article_id)

    app.push_screen(LeaderProfileScreen(library, name, briefs), chosen)
