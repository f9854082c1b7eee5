"""Showing new words in a Static without laying out the whole screen again when their height is unchanged."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


def show_text(shown: Static, text: Text | str) -> None:
    """Show `text` in `shown`; skip it when it is already shown, and lay out again only if it needs more or
    fewer lines than before (each relayout measures every widget on the screen)."""
    text = Text(text) if isinstance(text, str) else text
    before = getattr(shown, "_shown_text", None)
    if before == text:
        return
    width = shown.content_size.width
    same_height = (before is not None and width > 0
                   and _lines(shown, before, width) == _lines(shown, text, width))
    shown._shown_text = text
    shown.update(text, layout=not same_height)


def _lines(shown: Static, text: Text, width: int) -> int:
    return len(text.wrap(shown.app.console, width))
