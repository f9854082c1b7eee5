"""One-line text fields that save as they are typed: each edit is posted for the journal (NoteArea: notes.py)."""

from __future__ import annotations

from textual.message import Message
from textual.widgets import Input


class Edited(Message):
    """A recorded text field changed: the screen records it (debounced) and checks its tone."""

    def __init__(self, field: str, value: str) -> None:
        super().__init__()
        self.field = field
        self.value = value


class Field(Input):
    """A one-line field that keeps what is in it when focused: typing after Tab adds, never replaces."""

    def __init__(self, value: str = "", **kwargs) -> None:
        kwargs.setdefault("select_on_focus", False)
        super().__init__(value, **kwargs)


class LineInput(Field):
    """A one-line field bound to one recorded field of the appointment."""

    Edited = Edited

    def __init__(self, field: str, value: str = "", **kwargs) -> None:
        super().__init__(value, **kwargs)
        self.field = field

    def on_mount(self) -> None:
        self.cursor_blink = self.app.cursor_blink

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(Edited(self.field, self.value))

    def show_quietly(self, text: str) -> None:
        """Show words without recording them again."""
        if text != self.value:
            with self.prevent(Input.Changed):
                self.value = text
            self.cursor_position = len(text)
