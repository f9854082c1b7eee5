"""The footer, rebuilt only when the keys it shows change (not each time the focus moves)."""

from __future__ import annotations

from textual.widgets import Footer

# How long a screen opening waits at most for its footer to show the keys (only ever reached if the app is closing).
KEYS_WAIT_SECONDS = 2.0


class KeysFooter(Footer):
    """Textual's footer rebuilds all its keys on every change of focus; this one only when the
    keys, their words or whether they can be used have changed."""

    _composed_keys: tuple | None = None

    def compose(self):
        self._composed_keys = _shown_keys(self.screen) if self._bindings_ready else None
        yield from super().compose()

    async def show_keys(self) -> None:
        """Show the screen's keys in the frame being built, rather than after the next one: the keys are composed
        in the footer's own turn (as a footer composes), and this waits for them."""
        import asyncio

        shown = asyncio.Event()

        async def compose_keys() -> None:
            try:
                await self.recompose()
            finally:
                shown.set()

        self.bindings_changed(self.screen)
        if self.call_later(compose_keys):
            try:  # a footer stopped meanwhile (the app is closing) never answers: go on without it
                await asyncio.wait_for(shown.wait(), KEYS_WAIT_SECONDS)
            except asyncio.TimeoutError:
                pass

    async def recompose(self) -> None:
        if self.is_attached and self._composed_keys is not None and self._composed_keys == _shown_keys(self.screen):
            return  # asked for after the next frame, but the keys shown are already the ones in force
        await super().recompose()

    def bindings_changed(self, screen) -> None:
        if (self._bindings_ready and self.is_attached and screen is self.screen
                and self._composed_keys == _shown_keys(screen)):
            return
        super().bindings_changed(screen)


def _shown_keys(screen) -> tuple:
    return tuple((binding.key, binding.description, binding.action, enabled, tooltip)
                 for (_node, binding, enabled, tooltip) in screen.active_bindings.values() if binding.show)
