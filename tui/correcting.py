"""The app's correction keys as a collaborator: from the Leaders panel rename, merge,
not a person, add to the gazetteer; from the Commitments panel not a commitment,
change kind, change actor. Each opens a small dialog, writes one entry to the
corrections file off the event loop (`tui.core.corrections.CorrectionsFile`), then
tells the app (`corrected`), which gives the library the new lexicon and extracts
again, the open article first.

The app hands the panels' `Correct` messages and the write workers' results to
`Correcting`; it also notices when the file is edited by hand while the app runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from textual.app import App
from textual.screen import ModalScreen

from tui.app_state import AppState
from tui.core.corrections import CorrectionsError, CorrectionsFile, Signature
from tui.core.corrections_yaml import describe
from tui.core.extract import KINDS
from tui.core.extract.corrections import (
    AddLeader,
    CommitmentFix,
    Correction,
    NotPerson,
    Rename,
    actor_choices,
    sentence_start,
)
from tui.core.text import Passage, fold, shorten
from tui.screens.bookmark import ConfirmDialog
from tui.screens.correct import ChoiceDialog, GazetteerDialog, NameDialog
from tui.screens.reader import ReaderScreen
from tui.widgets.commitments_panel import CommitmentsPanel
from tui.widgets.leaders_panel import LeadersPanel

WRITE_GROUP = "corrections-write"
"""The worker group whose results the app hands back to `Correcting`."""

POLL_SECONDS = 1.0
"""How often the corrections file is checked for changes made by hand."""


@dataclass(frozen=True, slots=True)
class Written:
    """What a write did: the correction written (or removed), or why it was not."""

    correction: Correction | None
    error: str | None = None
    removed: bool = False


class Correcting:
    """What the correction keys do. Made once by the app, with its corrections file
    and `corrected(open_article_id)`, which extracts again with the corrections."""

    def __init__(
        self,
        app: App[None],
        state: AppState,
        reader: ReaderScreen,
        store: CorrectionsFile,
        corrected: Callable[[str | None], None],
    ) -> None:
        self.app = app
        self.state = state
        self.reader = reader
        self.store = store
        self.corrected = corrected
        self._seen: Signature = store.signature()
        self._problems: tuple[str, ...] = ()

    def start(self) -> None:
        """Notice hand edits of the corrections file while the app runs."""
        self.app.set_interval(POLL_SECONDS, self.check_for_changes, name="corrections-watch")

    def check_for_changes(self) -> None:
        """Extract again if the file changed since it was last read (once per change)."""
        now = self.store.signature()
        if now != self._seen and self.state.library is not None:
            self._seen = now
            self.corrected(self.reader.current)

    def read(self) -> None:
        """The file is about to be read for an extraction: remember how it was."""
        self._seen = self.store.signature()

    def problems(self, problems: tuple[str, ...]) -> None:
        """An extraction read the file: warn about each new problem once, named by
        the file's name (`readout correct list` prints them in full)."""
        path = str(self.store.path)
        for problem in problems:
            if problem not in self._problems:
                short = self.store.path.name + problem.removeprefix(path)
                self.app.notify(short, title="Corrections file", severity="warning", timeout=8)
        self._problems = problems

    # The Leaders panel -----------------------------------------------------------------

    def leader(self, event: LeadersPanel.Correct) -> None:
        """Open the dialog for `event.action` on the leader `event.name`."""
        name = event.name
        if event.action == "merge":
            self._merge(name)
            return
        dialog: ModalScreen[Any]
        if event.action == "rename":
            explanation = f"Every mention of {name}, in every article, is shown under the new name."
            dialog = NameDialog(f"Rename {shorten(name, 40)}", explanation, name)
            made = self._then(lambda new: Rename(name, new))
        elif event.action == "not-person":
            question = f"“{name}” is not a person: drop it from the leaders of every article?"
            dialog = ConfirmDialog(question, "Yes, not a person")
            made = self._then(lambda _: NotPerson(name))
        else:  # add-leader
            extraction = self.state.extraction(self.reader.current)
            found = extraction.leader(name) if extraction else None
            # The short forms the article itself uses for them (`Xi`, `Lâm`), not a
            # guess from the name's last word (`Jinping`).
            short = _short_forms(found.mentions if found else (), name)
            dialog = GazetteerDialog(name, found.country if found else None, short)
            made = self._then(AddLeader)
        self.app.push_screen(dialog, made)

    def _merge(self, name: str) -> None:
        """Pick the leader `name` is one with: the article's first, then the corpus's."""
        extraction = self.state.extraction(self.reader.current)
        here = [leader.name for leader in extraction.leaders] if extraction else []
        library = self.state.library
        everyone = dict.fromkeys([*here, *(library.leaders() if library else ())])
        choices = [other for other in everyone if other != name]
        if not choices:
            self.app.notify("No other leader to merge with.", timeout=2)
            return
        dialog = ChoiceDialog(
            f"Merge {shorten(name, 40)} into…", choices,
            explanation=f"{name} and the leader you choose are one person: the chosen name stays.",
        )  # fmt: skip
        self.app.push_screen(dialog, self._then(lambda into: Rename(name, into, merge=True)))

    # The Commitments panel -------------------------------------------------------------

    def commitment(self, event: CommitmentsPanel.Correct) -> None:
        """Open the dialog for `event.action` on the commitment `event.commitment`."""
        library, current = self.state.library, self.reader.current
        article = library.get(current) if library and current else None
        extraction = self.state.extraction(article.id) if article else None
        if article is None or extraction is None:
            return
        commitment = event.commitment
        start = sentence_start(commitment.text, (s.text for s in article.sentences))
        quoted = f"“{shorten(commitment.text, 160)}”"

        article_id = article.id
        if event.action == "drop":
            confirm = ConfirmDialog(f"Not a commitment: {quoted}?", "Yes, not a commitment")
            made = self._then(lambda _: CommitmentFix(article_id, start, drop=True))
            self.app.push_screen(confirm, made)
        elif event.action == "kind":
            dialog = ChoiceDialog("Change the kind", KINDS, commitment.kind, quoted)
            kind = self._then(lambda chosen: CommitmentFix(article_id, start, kind=chosen))
            self.app.push_screen(dialog, kind)
        elif event.action == "actor":
            choices = actor_choices(extraction, article.text)
            current = commitment.actors[0] if commitment.actors else None
            dialog = ChoiceDialog("Who undertook it?", choices, current, quoted)
            who = self._then(lambda chosen: CommitmentFix(article_id, start, actors=(chosen,)))
            self.app.push_screen(dialog, who)

    # Writing ---------------------------------------------------------------------------

    def _then(self, make: Callable[[Any], Correction]) -> Callable[[Any], None]:
        """A dialog's callback: the correction made of its answer is written; no
        answer (Esc, No) writes nothing."""

        def answered(answer: Any) -> None:
            if answer is not None and answer is not False:
                self._write(make(answer))

        return answered

    def _write(self, correction: Correction) -> None:
        """Append `correction` to the file, off the event loop."""

        def write() -> Written:
            try:
                self.store.add(correction)
            except CorrectionsError as error:
                return Written(correction, str(error))
            return Written(correction)

        self._run(write)

    def undo(self) -> None:
        """Remove the last correction in the file."""

        def remove() -> Written:
            try:
                return Written(self.store.remove().correction, removed=True)
            except CorrectionsError as error:
                return Written(None, str(error), removed=True)

        self._run(remove)

    def _run(self, work: Callable[[], Written]) -> None:
        self.app.run_worker(
            work, thread=True, group=WRITE_GROUP, exit_on_error=False,
            description="Writing the corrections file",
        )  # fmt: skip

    def written(self, result: object) -> None:
        """A write finished: say what happened, and extract again."""
        if not isinstance(result, Written):
            return
        if result.error is not None or result.correction is None:
            title = "Nothing undone" if result.removed else "Not corrected"
            self.app.notify(result.error or "", title=title, severity="error", timeout=8)
            return
        done = "Removed from" if result.removed else "Corrected in"
        self.app.notify(
            f"{describe(result.correction)}", title=f"{done} {self.store.path.name}", timeout=4
        )
        self._seen = self.store.signature()
        self.corrected(self.reader.current)

    def commands(self) -> Iterable[tuple[str, str, Callable[[], object]]]:
        """The palette's correction entries: each does what its key does."""
        leaders = self.reader.query_one(LeadersPanel)
        commitments = self.reader.query_one(CommitmentsPanel)
        yield ("Rename leader", "Rename the selected leader (e)",
               lambda: leaders.action_correct("rename"))  # fmt: skip
        yield ("Merge leader", "Merge the selected leader into another (M)",
               lambda: leaders.action_correct("merge"))  # fmt: skip
        yield ("Not a person", "The selected leader is not a person (x)",
               lambda: leaders.action_correct("not-person"))  # fmt: skip
        yield ("Add leader to gazetteer", "Add the selected leader to the gazetteer (A)",
               lambda: leaders.action_correct("add-leader"))  # fmt: skip
        yield ("Not a commitment", "The selected commitment is not one (x)",
               lambda: commitments.action_correct("drop"))  # fmt: skip
        yield ("Change commitment kind", "Give the selected commitment another kind (t)",
               lambda: commitments.action_correct("kind"))  # fmt: skip
        yield ("Change commitment actor", "Who undertook the selected commitment (e)",
               lambda: commitments.action_correct("actor"))  # fmt: skip
        yield ("Undo last correction", f"Remove the last entry of {self.store.path.name}",
               self.undo)  # fmt: skip


def _short_forms(mentions: Iterable[Passage], name: str) -> list[str]:
    """The one-word spellings among `mentions` of the leader `name`, first seen first,
    spelled as in the name where only accents differ (`Lam` in an article written
    without them is `Lâm` of `Tô Lâm`; matching folds accents anyway)."""
    in_name = {fold(word): word for word in name.split()}
    forms: dict[str, str] = {}
    for mention in mentions:
        word = mention.text
        if len(word.split()) == 1 and word != name:
            forms.setdefault(fold(word), in_name.get(fold(word), word))
    return list(forms.values())
