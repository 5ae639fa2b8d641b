"""The footer of the reader: Textual's `Footer`, rebuilt only when the keys it shows
change.

Textual's footer removes and mounts all its keys again each time the screen's bindings
may have changed (every focus change, every `refresh_bindings`), and the new widgets
make the screen lay itself out and draw again: tens of milliseconds for each Tab or
Enter, with the same keys shown before and after.
"""

from __future__ import annotations

from textual.widgets import Footer


class KeysFooter(Footer):
    """A `Footer` that skips a rebuild that would show the same keys."""

    def __init__(self) -> None:
        super().__init__()
        self._shown: object = None
        """What the keys were last composed from (`None`: not composed yet)."""

    def _keys(self) -> object:
        """Everything `Footer.compose` reads: the active bindings (each with whether
        it is enabled and its tooltip), how they are displayed, and the footer's own
        settings."""
        app = self.app
        bindings = tuple(
            (binding, app.get_key_display(binding), enabled, tooltip)
            for _, binding, enabled, tooltip in self.screen.active_bindings.values()
        )
        return (
            bindings, self._bindings_ready, self.show_command_palette, self.combine_groups,
            app.ENABLE_COMMAND_PALETTE, app.COMMAND_PALETTE_BINDING,
        )  # fmt: skip

    async def recompose(self) -> None:
        if not self.is_attached:
            return
        keys = self._keys()
        if keys == self._shown:
            return
        self._shown = keys
        await super().recompose()
