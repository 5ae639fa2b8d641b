"""The Commitments screen: every commitment of the corpus, newest first, narrowed as
you type (the words of the sentence, `from:2025-01 to:2025-06`, `actor:"to lam"`:
any spelling, as `readout commitments --actor` knows it) and by facets (side,
kind, topic, actor, each value with its count). `enter` opens the passage in the
reader; `esc` closes.

The narrowing runs in a worker a moment after the last key (the facets of 100,000
commitments take a tenth of a second); the table reads its rows page by page.
`CommitmentBrowsing` is the reader's side: it opens the screen where it was left and
opens the chosen passage.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Input, Label, Static
from textual.worker import Worker, WorkerState, get_current_worker

from tui.core.facet_values import resolve_name
from tui.core.store.commitment_query import (
    CommitmentFacets,
    CommitmentQuery,
    CommitmentRow,
    parse_typed,
    with_actor,
)
from tui.core.store.model import LibraryError
from tui.core.store.opening import one_line
from tui.core.text import visible
from tui.screens.help import binding_rows
from tui.widgets.commitment_table import PAGE, CommitmentTable, header_line
from tui.widgets.facet_list import FacetList

if TYPE_CHECKING:
    from collections.abc import Callable

    from tui.app_state import AppState
    from tui.core.extract.lexicon import Lexicon
    from tui.screens.reader import ReaderScreen

__all__ = ["CommitmentBrowsing", "CommitmentsScreen", "commitments_keys"]

PLACEHOLDER = "words of the sentence · from:2025-01 to:2025-06 · actor:Xi"
NARROW = 90
"""Columns below which the facets fold away."""
TYPING_PAUSE = 0.15
"""Seconds after the last key before the commitments are narrowed again."""


class Commitments(Protocol):
    """What the screen needs of a `tui.core.store.Library`."""

    def commitments(
        self, query: CommitmentQuery | None = None, offset: int = 0, limit: int | None = None
    ) -> list[CommitmentRow]: ...

    def commitment_facets(self, query: CommitmentQuery | None = None) -> CommitmentFacets: ...

    @property
    def lexicon(self) -> Lexicon: ...  # its gazetteer: the spellings of people


@dataclass(frozen=True, slots=True)
class _Narrowed:
    query: CommitmentQuery  # as asked: an actor as typed
    named: CommitmentQuery  # as read: the actor as the corpus names them
    facets: CommitmentFacets
    first: list[CommitmentRow]
    unknown: str | None = None  # an actor typed that no commitment has, and the close ones


def summary(query: CommitmentQuery, total: int) -> str:
    """`3,545 commitments · side Việt Nam · kind proposal · 2025-01-01 – 2025-06-30`."""
    parts = [f"{total:,} commitment{'s' * (total != 1)}" if total else "no commitment matches"]
    parts += [f"{facet} {value}" for facet in ("side", "kind", "topic", "actor")
              if (value := query.chosen(facet)) is not None]  # fmt: skip
    if query.since or query.until:
        since = query.since.isoformat() if query.since else "…"
        until = query.until.isoformat() if query.until else "…"
        parts.append(f"{since} – {until}")
    return " · ".join(parts)


class CommitmentsScreen(ModalScreen[CommitmentRow | None]):
    """Every commitment, narrowed as you type and by facets. `tab` moves between the
    field, the table and the facets; `enter` opens; `ctrl+r` clears; `esc` closes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Close", id="commitments.close"),
        Binding("ctrl+r", "clear", "Clear the narrowing", id="commitments.clear"),
        Binding(
            "ctrl+f",
            "facets",
            "The facets (narrow: in place of the table)",
            id="commitments.facets",
        ),
        Binding("down", "to_table", "To the table", show=False, id="commitments.to_table"),
    ]

    HORIZONTAL_BREAKPOINTS = [  # noqa: RUF012 (Screen declares it an instance variable)
        (0, "-narrow"),
        (NARROW, "-roomy"),
    ]
    """Below `NARROW` columns the facets fold away (`-narrow`, screens.tcss): the table
    keeps the width; `ctrl+f` shows them in its place."""

    def __init__(
        self,
        library: Commitments,
        query: CommitmentQuery | None = None,
        typed: str = "",
        state: AppState | None = None,
    ) -> None:
        super().__init__()
        self.library = library
        self.state = state
        """The app's state: the commitments are read again when the library changes."""
        self.query_now = query or CommitmentQuery()
        """The narrowing asked for (shown once its worker ends)."""
        self.shown: CommitmentQuery | None = None
        """The narrowing the table and facets show."""
        self.typed = typed
        self._pause: Timer | None = None
        self._select_when_shown = False
        """`enter` came before the narrowing typed was shown: choose its first row then."""

    def compose(self) -> ComposeResult:
        with Vertical(id="commitments-box") as box:
            box.border_title = "Commitments"
            box.border_subtitle = "enter open · ctrl+f facets · ctrl+r clear · esc close"
            yield Input(self.typed, placeholder=PLACEHOLDER, id="commitments-query")
            yield Label("", id="commitments-found")
            with Horizontal():
                with Vertical(id="commitments-rows"):
                    yield Static(header_line(), id="commitments-header")
                    yield CommitmentTable(id="commitments-table")
                yield FacetList(id="commitments-facets")

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self.query_one(FacetList).border_title = "Facets"
        self._narrow(self.query_now)
        if self.state is not None:
            self.watch(self.state, "generation", self.refresh_library, init=False)

    # Narrowing -------------------------------------------------------------------------

    @on(Input.Changed, "#commitments-query")
    def _typed(self, event: Input.Changed) -> None:
        self.typed = event.value
        try:
            parse_typed(event.value)
        except ValueError as error:
            self._say(str(error), error=True)
            return
        if self._pause is not None:
            self._pause.stop()
        self._pause = self.set_timer(TYPING_PAUSE, self._narrow_typed)

    def _narrow_typed(self) -> None:
        """Narrow to what is typed now (with the facets chosen meanwhile)."""
        try:
            self._narrow(parse_typed(self.typed, self.query_now))
        except ValueError as error:
            self._say(str(error), error=True)

    @on(FacetList.Picked)
    def _picked(self, event: FacetList.Picked) -> None:
        if event.facet == "actor":  # the field says the actor: `actor:"Tô Lâm"`
            self.query_one(Input).value = with_actor(self.typed, event.value)
            return
        changes: dict[str, Any] = {event.facet: event.value}
        self._narrow(replace(self.query_now, **changes))

    def action_clear(self) -> None:
        """Every commitment again: no words, no dates, no facet chosen."""
        self.query_one(Input).value = ""  # its `Changed` narrows the text again
        self._narrow(CommitmentQuery())

    def refresh_library(self) -> None:
        """The library changed (a refresh landed): the same narrowing again."""
        self._narrow(self.query_now)

    def _narrow(self, query: CommitmentQuery) -> None:
        self.query_now = query
        self._read(query)

    @work(thread=True, exclusive=True, group="commitments", exit_on_error=False,
          description="Narrowing the commitments")  # fmt: skip
    def _read(self, query: CommitmentQuery) -> _Narrowed | None:
        """The facets and first page of `query`, in a thread; a newer narrowing
        cancels it (an exclusive worker)."""
        worker = get_current_worker()
        facets = self.library.commitment_facets(query)
        named, unknown = query, None
        if query.actor is not None:
            # The actor facet is counted without the actor's narrowing: its values are
            # the names to know the typed one by (as `readout commitments --actor`).
            known = facets.counts.get("actor", {})
            people = resolve_name(query.actor, known, self.library.lexicon.leaders)
            value = people.found[0] if len(people.found) == 1 else None
            if value is None:
                said = (
                    f"; it fits several: {', '.join(people.found)}"
                    if people.found
                    else people.hint()
                )
                unknown = f"no commitments with actor {query.actor!r}{said}"
            elif value != query.actor and not worker.is_cancelled:
                named = replace(query, actor=value)
                facets = self.library.commitment_facets(named)
        if worker.is_cancelled:
            return None
        return _Narrowed(query, named, facets, self.library.commitments(named, 0, PAGE), unknown)

    @on(Worker.StateChanged)
    def _read_done(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "commitments":
            return
        if event.state == WorkerState.ERROR:
            error = event.worker.error
            message = one_line(error) if error is not None else "cannot be read"
            if not isinstance(error, LibraryError):
                message = f"the commitments cannot be read: {message}"
            self._say(message, error=True)
            return
        result = event.worker.result
        if event.state != WorkerState.SUCCESS or not isinstance(result, _Narrowed):
            return
        if result.query != self.query_now:
            return  # a stale narrowing never overwrites a newer one
        again = result.query == self.shown  # the library changed: the cursor stays
        self.shown = result.query
        table = self.query_one(CommitmentTable)
        table.show(self.library, result.named, result.facets.total, result.first, keep=again)
        if self._select_when_shown:
            self._select_when_shown = False
            table.action_select()
        self.query_one(FacetList).show(result.facets, result.named)
        if result.unknown is not None:
            self._say(result.unknown, error=True)
        else:
            self._say(summary(result.named, result.facets.total))

    def _say(self, message: str, *, error: bool = False) -> None:
        """Say `message` under the field; a date typed wrong is said instead, until
        it is mended."""
        if not error:
            try:
                parse_typed(self.typed)
            except ValueError as wrong:
                message, error = str(wrong), True
        found = self.query_one("#commitments-found", Label)
        found.update(Content(visible(message)))
        found.set_class(error, "-error")

    # Choosing --------------------------------------------------------------------------

    def action_to_table(self) -> None:
        self.query_one(CommitmentTable).focus()

    def on_resize(self) -> None:
        self.call_after_refresh(self._focus_shown)

    def _focus_shown(self) -> None:
        """The facets folded away while focused: the table takes the focus."""
        focused = self.focused
        if focused is not None and not focused.display:
            self.query_one(CommitmentTable).focus()

    def action_facets(self) -> None:
        """To the facets; on a narrow screen, shown in place of the table (again: the
        table back)."""
        if self.has_class("-narrow"):
            self.toggle_class("-show-facets")
            if not self.has_class("-show-facets"):
                self.query_one(CommitmentTable).focus()
                return
        self.query_one(FacetList).focus()

    @on(Input.Submitted, "#commitments-query")
    def _submitted(self) -> None:
        try:
            typed = parse_typed(self.typed, self.query_now)
        except ValueError:
            return  # a date typed wrong: said under the field
        if typed != self.shown:
            # `enter` typed with the words, before they narrowed the table: the first
            # of what they narrow to is opened once shown, never a row of before.
            self._select_when_shown = True
            if self._pause is not None:
                self._pause.stop()
            self._narrow(typed)
            return
        self.query_one(CommitmentTable).action_select()

    @on(CommitmentTable.Chosen)
    def _chosen(self, event: CommitmentTable.Chosen) -> None:
        self.dismiss(event.row)


class CommitmentBrowsing:
    """The reader's Commitments screen: opened on the narrowing it was left with; the
    passage chosen opens in the reader, marked."""

    def __init__(self, reader: ReaderScreen, state: AppState) -> None:
        self.reader = reader
        self.state = state
        self.query: CommitmentQuery | None = None
        self.typed = ""

    def browse(self) -> None:
        """Open the Commitments screen."""
        library = self.state.library
        if library is None:
            self.reader.notify(self.state.not_open(), timeout=4)
            return
        screen = CommitmentsScreen(library, self.query, self.typed, self.state)
        self.reader.app.push_screen(screen, lambda row: self._chosen(screen, row))

    def _chosen(self, screen: CommitmentsScreen, row: CommitmentRow | None) -> None:
        self.query, self.typed = screen.query_now, screen.typed
        if row is None:
            return
        self.reader.go_to(row.article_id, row.start, row.end)


def commitments_keys(key_display: Callable[[Binding], str]) -> list[tuple[str, str]]:
    """The rows of the help screen's "Commitments screen" section."""
    return [
        *binding_rows(CommitmentsScreen.BINDINGS, key_display),
        ("tab shift+tab", "Between the field, the table and the facets"),
        *binding_rows(CommitmentTable.BINDINGS, key_display),
        ("enter (facets)", "Narrow to that side, kind, topic or actor; again: all"),
        ("from:D to:D", "Typed in the field: a date range (YYYY, YYYY-MM, YYYY-MM-DD)"),
        ('actor:Xi actor:"to lam"', "Typed in the field: an actor, any spelling"),
    ]
