"""The footer, rebuilt only when the keys it shows change (not each time the focus moves)."""

from __future__ import annotations

from textual.widgets import Footer


class KeysFooter(Footer):
    """Textual's footer rebuilds all its keys on every change of focus; this one only when the
    keys, their words or whether they can be used have changed."""

    _composed_keys: tuple | None = None

    def compose(self):
        self._composed_keys = _shown_keys(self.screen) if self._bindings_ready else None
        yield from super().compose()

    def bindings_changed(self, screen) -> None:
        if (self._bindings_ready and self.is_attached and screen is self.screen
                and self._composed_keys == _shown_keys(screen)):
            return
        super().bindings_changed(screen)


def _shown_keys(screen) -> tuple:
    return tuple((binding.key, binding.description, binding.action, enabled, tooltip)
                 for (_node, binding, enabled, tooltip) in screen.active_bindings.values() if binding.show)
