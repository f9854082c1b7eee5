"""The multi-line field bound to one recorded field (its own module: Textual's TextArea is loaded only when shown)."""

from __future__ import annotations

from textual.widgets import TextArea

from choice_assistant.tui.widgets.fields import Edited


class NoteArea(TextArea):
    """A multi-line field bound to one recorded field of the appointment."""

    Edited = Edited

    def __init__(self, field: str, text: str = "", **kwargs) -> None:
        super().__init__(text, soft_wrap=True, show_line_numbers=False, tab_behavior="focus", **kwargs)
        self.field = field

    def on_mount(self) -> None:
        self.cursor_blink = self.app.cursor_blink

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self.post_message(Edited(self.field, self.text))

    def set_quietly(self, text: str) -> None:
        """Show a value from the journal without recording it again."""
        if text != self.text:
            with self.prevent(TextArea.Changed):
                self.load_text(text)

    def show_quietly(self, text: str) -> None:
        """Show words without recording them again, the cursor after them."""
        self.set_quietly(text)
        self.move_cursor(self.document.end)
