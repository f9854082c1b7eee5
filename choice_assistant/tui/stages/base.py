"""What every stage pane shares: the suggested wording, its fields and the private notes."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

from choice_assistant.tui.widgets.shown import show_text


# Said on every field whose words go into the letter to the family, so they are written to the reader.
IN_FAMILY_LETTER = " - in the family's letter"


class StagePane(VerticalScroll, can_focus=False):
    """A stage's pane. Subclasses set `stage` and `main_id` and yield their fields from `fields()`."""

    stage: ClassVar[str] = ""
    main_id: ClassVar[str] = "private"
    # A pane that shows only the record may be kept, hidden, when the clinician moves on, and shown again
    # as it was if nothing was recorded meanwhile; one that shows the diary or files is built afresh.
    keep: ClassVar[bool] = False
    # What a kept pane shows, as the appointment's topics (`appointment.topic`); None: all of the record.
    # Its own stage's private note is always among them.
    shows: ClassVar[frozenset[str] | None] = None

    class Recorded(Message):
        """Something was recorded in the appointment: what shows it redraws."""

    class MoveRequested(Message):
        """The pane asks the screen to make a move of the appointment (e.g. no Partnership work)."""

        def __init__(self, trigger: str) -> None:
            super().__init__()
            self.trigger = trigger

    class ClinicianChosen(Message):
        """The clinician running this Choice appointment was picked in the pane."""

        def __init__(self, clinician: str) -> None:
            super().__init__()
            self.clinician = clinician

    class Over(Message):
        """A recording call was given more than the record holds (`too_long`: what was left out), or, with None,
        it all fitted."""

        def __init__(self, call: str, too_long) -> None:
            super().__init__()
            self.call = call
            self.too_long = too_long

    class WordsTyped(Message):
        """Words typed that may be said to the family: the screen checks their tone."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self, appointment) -> None:
        super().__init__(id=f"pane-{self.stage}")
        self.appointment = appointment
        self.left_at: int | None = None  # the record's change count when the clinician last left this pane

    def still_shows(self, appointment) -> bool:
        """True if this hidden pane can be shown again as it is: nothing recorded since it was left."""
        if not self.keep or self.left_at is None or appointment is not self.appointment:
            return False
        if self.shows is None:
            return appointment.recorded == self.left_at
        return not appointment.changed_since(self.shows | {f"text:private_note:{self.stage}"}, self.left_at)

    @property
    def register(self):
        return self.appointment.register

    def compose(self) -> ComposeResult:
        if self.appointment is None:  # a new appointment's first screen, shown while it is being opened
            from choice_assistant.tui.opening import BLANK

            session = BLANK
        else:
            session = self.appointment.view().session
        yield say_box("Say next")
        yield from self.fields(session)
        if self.appointment is not None:  # a first screen still opening adds it once the appointment is open
            yield from self.private_note(session)

    def private_note(self, session) -> ComposeResult:
        from choice_assistant.tui.widgets.notes import NoteArea

        yield Static("Private notes for this stage (never in any letter)", classes="label")
        yield NoteArea("private_note", _private(session, self.stage), classes="private", id="private")

    def fields(self, session) -> ComposeResult:
        yield from ()

    def attach(self, appointment) -> None:
        """The appointment this pane was shown for (before it was open) is open now: add what needed it."""
        self.appointment = appointment
        self.mount_all(list(self.private_note(appointment.view().session)))

    def save_pending(self) -> None:
        """Record what is typed in fields that are not saved keystroke by keystroke."""

    def recorded_elsewhere(self) -> None:
        """Something this pane may show was recorded on another screen (Details): show it now."""

    def show_say(self) -> None:
        """Render the stage's suggested wording from prompts/ for what is recorded now."""
        from choice_assistant.wording.stage_prompts import render_stage, stage_data

        from choice_assistant.errors import InputError

        if not self.is_attached or self.appointment is None or self.appointment.state != self.stage:
            return  # this pane was replaced before its wording was due
        data = stage_data(self.appointment)
        if data == getattr(self, "_said_for", None):
            return  # nothing the wording uses has changed: leave it (and the layout) as it is
        try:
            words = render_stage(self.stage, data).rstrip()
        except InputError as exc:  # the team's prompts/ can be edited: say what is wrong, keep working
            words = f"The suggested wording cannot be shown: {exc}"
        self._said_for = data
        show_text(self.query_one("#say-text", Static), words)

    def main(self) -> Widget:
        return self.query_one(f"#{self.main_id}")

    def focus_main(self) -> None:
        self.scroll_home(animate=False)
        for box in self.query(SayBox):  # a stage opened again shows its wording from the start
            box.scroll_home(animate=False)
        # Focus at once rather than on the app's next turn, so the first paint already shows the
        # cursor in the field; bring the field into view once it has been laid out.
        main = self.main()
        self.screen.set_focus(main, scroll_visible=False)
        _cursor_to_end(main)  # so what the clinician types next follows what is already there
        main.scroll_visible(animate=False)

    def recorded(self) -> None:
        """Tell the screen something was recorded, so it redraws what depends on it."""
        self.post_message(self.Recorded())

    def record(self, call, *args, **kwargs):
        """Run one recording call; a refusal is shown as a notice and nothing is recorded. Given more than the
        record holds, the part within the limits is recorded and the line under the stage says what is not."""
        from choice_assistant.appointment.limits import TooLong
        from choice_assistant.errors import WorkflowError

        try:
            result = call(*args, **kwargs)
        except TooLong as exc:
            self.post_message(self.Over(call.__name__, exc))
            result = exc.result
        except WorkflowError as exc:
            self.app.notify(str(exc), severity="warning", timeout=6, markup=False)
            return None
        else:
            self.post_message(self.Over(call.__name__, None))
        self.recorded()
        return result if result is not None else True


class SayBox(VerticalScroll):
    """The suggested wording's own scrolling box; when the wording is longer than the box, its lower edge says
    which keys scroll it (from any field)."""

    def on_resize(self) -> None:
        hint = SCROLL_HINT if self.max_scroll_y > 0 else ""
        if self.border_subtitle != hint:
            self.border_subtitle = hint


SCROLL_HINT = "ctrl+↑/↓ scroll"


def say_box(title: str) -> VerticalScroll:
    """The suggested wording: its own scrolling box, so long wording never pushes the fields away."""
    box = SayBox(Static(id="say-text", markup=False), classes="say", id="say")
    box.border_title = title
    return box


def _private(session, stage: str) -> str:
    notes = session.private_notes
    return notes.get(stage, "") if isinstance(notes, dict) else ""


def _cursor_to_end(widget: Widget) -> None:
    from textual.widgets import Input

    if isinstance(widget, Input):
        widget.cursor_position = len(widget.value)
    elif hasattr(widget, "document") and hasattr(widget, "move_cursor"):  # a TextArea
        widget.move_cursor(widget.document.end)
