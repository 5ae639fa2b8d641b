"""Keys typed right after the key that opens a dialog go to the dialog's text field.

Textual hands each key to the focused widget of the screen on top when the app reads
it, and a key's binding acts when the key has bubbled back up to the app. So in `/tea`
typed fast (or pasted, or sent by a script) the `t`, `e`, `a` are handed to the reader
before `/` has opened the search, and bubble up to the app when the search is on top:
no widget of the search ever sees them. The same happens to a key that reaches a
dialog before its field has the focus. The app gives such a key, printable and taken
by nothing, to the text field of the dialog on top (`pass_on_typed`); and it
handles the keys it reads one after another, each once the screen change the one
before made is done (`KeyGate`).
"""

from __future__ import annotations

from collections import deque
from functools import partial
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable
from weakref import WeakSet

from textual import events
from textual.screen import Screen
from textual.widgets import Input

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from textual.app import App

__all__ = ["KeyGate", "TakesTyping", "pass_on_typed"]


@runtime_checkable
class TakesTyping(Protocol):
    """A dialog whose text field takes what is typed to it."""

    def typing_field(self) -> Input:
        """The field typed keys go to (unless another text field has the focus)."""
        ...


_PASSED: WeakSet[events.Key] = WeakSet()
"""Keys already given to a field: one it does not take comes back up, and stays."""


def pass_on_typed(screen: TakesTyping, focused: object, event: events.Key) -> None:
    """Give `screen`'s text field (`focused`, when that is one) a printable key no
    widget took; other keys are left alone."""
    if event in _PASSED or not event.is_printable or event.character is None:
        return
    field = focused if isinstance(focused, Input) else screen.typing_field()
    if field.disabled:
        return
    event.stop()
    again = events.Key(event.key, event.character)
    _PASSED.add(again)
    field.post_message(again)


class KeyGate:
    """Keys read from the terminal handled one after another, each once the one before
    has been handled and whatever it opened or closed is on top.

    Textual hands a key to the focused widget of the screen on top when it reads it.
    Keys read together (typed fast, sent by a script) are handed out before the first
    has had its effect: `esc` `E` on a dialog gives the `E` to the closing dialog; `m`
    `e` `Even` gives `E` to the Notes screen (its editor key) while the note's dialog
    is still on its way; `b`, a note and `ctrl+e` run the editor before the note is in
    the field. The gate holds each key until the one before has come back up to the
    app or was taken by a widget, and the screen on top has stayed the same and
    mounted for `QUIET` refreshes; so a key goes where it would have gone had the
    screen change been instant. The app calls `admit` with each key it reads and
    `handled` with each key that comes back to it."""

    QUIET = 2
    """Refreshes with the same screen on top, after a key was handled, before the next."""
    WATCHDOG = 0.5
    """Seconds after which a key is given up waiting for (a key sent to a widget that
    was removed before it read it never comes back)."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.held: deque[events.Key] = deque()
        self.current: events.Key | None = None
        self._seen = False
        self._quiet = 0
        self._top: object = None
        self._round = 0

    @property
    def idle(self) -> bool:
        """No key is being handled or waits its turn."""
        return self.current is None and not self.held

    async def read(
        self, key: events.Key, handle: Callable[[events.Event], Awaitable[None]]
    ) -> None:
        """`handle` (the app's own) `key` read from the terminal now, or in its turn."""
        if not self.admit(key):
            return
        await handle(key)
        if not key.is_forwarded:  # a priority binding took it as it was read
            self.handled(key)

    def admit(self, key: events.Key) -> bool:
        """Whether to handle `key` now; if not, it is held and posted again in turn."""
        if key is self.current:
            return True
        if self.current is not None:
            self.held.append(key)
            return False
        self._start(key)
        return True

    def handled(self, key: events.Key) -> None:
        """`key` came back up to the app (or a binding took it as it was read)."""
        if key is self.current:
            self._seen = True

    def _start(self, key: events.Key) -> None:
        self.current, self._seen, self._quiet = key, False, 0
        self._round += 1
        self._top = self._screen()
        self.app.call_after_refresh(self._check, self._round)
        self.app.set_timer(self.WATCHDOG, partial(self._release, self._round))

    def _screen(self) -> object:
        stack = self.app.screen_stack
        return stack[-1] if stack else None

    def _check(self, round_: int) -> None:
        key = self.current
        if key is None or round_ != self._round:
            return
        top = self._screen()
        # `_stop_propagation`: a widget took the key (Textual says so no other way).
        done = self._seen or key._stop_propagation
        mounted = isinstance(top, Screen) and top.is_mounted
        self._quiet = self._quiet + 1 if done and top is self._top and mounted else 0
        self._top = top
        if self._quiet >= self.QUIET:
            self._release(round_)
        else:
            self.app.call_after_refresh(self._check, round_)

    def _release(self, round_: int) -> None:
        """The next key held, if any, is handled now."""
        if round_ != self._round or self.current is None:
            return
        self.current = None
        if self.held:
            key = self.held.popleft()
            self._start(key)
            self.app.post_message(key)
