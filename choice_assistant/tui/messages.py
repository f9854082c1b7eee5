"""Messages the assistant's widgets send to the appointment screen."""

from __future__ import annotations

from textual.message import Message


class FieldEdited(Message):
    """A text field changed: the screen records it (debounced) and checks its tone."""

    def __init__(self, field: str, value: str) -> None:
        super().__init__()
        self.field = field
        self.value = value


class StageChosen(Message):
    """The clinician picked a stage to go to (from the progress list or the palette)."""

    def __init__(self, stage: str) -> None:
        super().__init__()
        self.stage = stage


class Recorded(Message):
    """Something was recorded in the appointment: panes that show it refresh."""
