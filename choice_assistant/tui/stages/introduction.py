"""Introduction: who came, who is running the appointment, and the team's phrases, ticked as said."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Select, Static

from choice_assistant.tui.widgets.fields import Field, LineInput
from choice_assistant.tui.widgets.ticks import PhraseTicks
from choice_assistant.tui.stages.base import StagePane


class IntroductionPane(StagePane):
    stage = "introduction"
    main_id = "f-name"
    keep = True
    shows = frozenset({"text:young_person", "set:age", "set:pronouns", "set:family", "choice_clinician", "phrase"})

    def fields(self, session) -> ComposeResult:
        yp = session.young_person
        yield Static("Young person's name - then their age, and who else came (e.g. Jo Rivers, mother; Sam's brother Kit)", classes="label")
        with Horizontal():
            yield LineInput("young_person", yp.name if yp else "", placeholder="Name", id="f-name")
            yield Field(str(yp.age) if yp and yp.age is not None else "", placeholder="Age", type="integer", classes="rating", id="f-age")
        yield Field(_family_text(session.family), placeholder="Who else came: name, relation; name, relation", id="f-family")
        yield Static("Date of birth, NHS number, addresses, referral: ctrl+r Details (any time)", classes="note",
                     id="details-pointer")
        yield Static("Choice clinician - who is running this appointment (remembered on this computer)", classes="label")
        yield Select(self._clinicians(), prompt="Choose who is running this appointment",
                     value=session.choice_clinician or Select.NULL, id="f-clinician")
        if self.appointment is not None:  # a first screen still opening adds them once the phrase bank is read
            yield from self._phrase_list()

    def _phrase_list(self) -> ComposeResult:
        yield Static("Phrases to say, in your own words (space to tick; X marks a phrase said)", classes="label")
        yield PhraseTicks(self.appointment.phrases, self.appointment.phrases_said, id="phrases")
        yield Static("* needed before moving on", classes="note")

    def _clinicians(self) -> list[tuple[str, str]]:
        if self.appointment is None:
            return []  # shown once the register is read, a moment after the screen opens
        return [(f"{c.name} - {c.role}", c.id) for c in self.register.clinicians]

    def attach(self, appointment) -> None:
        self.appointment = appointment
        self.mount_all(list(self._phrase_list()))
        super().attach(appointment)
        chooser = self.query_one("#f-clinician", Select)
        with chooser.prevent(Select.Changed):
            chooser.set_options(self._clinicians())
            chooser.value = appointment.session.choice_clinician or Select.NULL

    def on_mount(self) -> None:
        for w in self.query(Input):
            w.cursor_blink = self.app.cursor_blink

    def on_phrase_ticks_toggled(self, event: PhraseTicks.Toggled) -> None:
        event.stop()
        if self.record(self.appointment.tick_phrase, event.phrase, event.said) is None:
            self.query_one(PhraseTicks).show_said(event.phrase, not event.said)  # refused (the notice says why)

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        if event.value is not Select.NULL:
            self.post_message(self.ClinicianChosen(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if self.appointment is not None:
            self.save_details()
        self.screen.focus_next()

    def on_descendant_blur(self, event) -> None:
        if self.appointment is not None and getattr(event.widget, "id", None) in ("f-age", "f-family"):
            self.save_details()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id in ("f-age", "f-family"):
            self._typed = True  # saved on the screen's next tick, like every other field

    def save_pending(self) -> None:
        if self.appointment is not None and getattr(self, "_typed", False):
            self._typed = False
            self.save_details()

    def save_details(self) -> None:
        """Record the age and family when they differ from what is saved."""
        session = self.appointment.view().session
        age_text = self.query_one("#f-age", Input).value.strip()
        age = int(age_text) if age_text.lstrip("-").isdigit() else None
        current = session.young_person.age if session.young_person else None
        if age != current:
            self.record(self.appointment.set_young_person, age=age)
        family = _parse_family(self.query_one("#f-family", Input).value)
        if family != [m.model_dump() for m in session.family]:
            self.record(self.appointment.set_family, family)


def _family_text(family) -> str:
    return "; ".join(f"{m.name}, {m.relation}" for m in family)


def _parse_family(text: str) -> list[dict]:
    """'Jo Rivers, mother; Kit, brother' -> [{name, relation}, ...]; a missing relation is 'family'."""
    out = []
    for part in text.split(";"):
        name, _, relation = part.partition(",")
        if name.strip():
            out.append({"name": name.strip(), "relation": relation.strip() or "family"})
    return out
