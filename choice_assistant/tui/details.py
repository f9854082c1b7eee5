"""Details (ctrl+r, or "Details" in the palette, at any stage): what letters and the record need to reach and name the family.

The young person's date of birth (giving the age), NHS number (checked), pronouns and address; each family
member's address where it differs; the referrer and why they referred; the GP when the referrer is someone
else; and each person's communication needs. Nothing here is demanded: Letters says plainly what a letter
still lacks. What is typed is recorded as it is typed; a value that cannot be right (a date that does not
exist, an NHS number whose check digit fails) is said under its field, kept on screen, and not recorded.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, SelectionList, Static

from choice_assistant.errors import WorkflowError
from choice_assistant.tui.widgets.fields import Field
from choice_assistant.tui.widgets.ticks import TickList

NEED_LABELS = {
    "interpreter": "Interpreter (say the language)",
    "bsl": "British Sign Language interpreter",
    "large_print": "Large print",
    "easy_read": "Easy read",
    "braille": "Braille",
    "read_aloud": "Letters read aloud to them",
    "email_only": "Email only, no post",
}
SAVE_SECONDS = 0.1  # what is typed here is recorded this often, as on the appointment's own screen


class DetailsScreen(ModalScreen[None]):
    """The identifiers, addresses, referral and communication needs of one appointment, saved as typed."""

    BINDINGS = [Binding("escape,ctrl+r", "close", "Back to the appointment"),
                Binding("ctrl+s", "save", "Save", priority=True),
                # As on the appointment's screen: Tab moves on before the keys typed after it are handed out.
                Binding("tab", "app.focus_next", "Next field", show=False, priority=True),
                Binding("shift+tab", "app.focus_previous", "Previous field", show=False, priority=True)]

    def __init__(self, appointment) -> None:
        super().__init__()
        self.appointment = appointment
        self._typed = False
        self.problems: dict[str, str] = {}  # field id -> what is wrong with what is typed there

    # -- building ------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        s = self.appointment.view().session
        yp, ref, gp = s.young_person, s.referrer, s.gp
        name = yp.name if yp and yp.name else "the young person"
        with VerticalScroll(id="details-box") as box:
            box.border_title = "Details for letters and the record (Esc: back to the appointment)"
            yield Static("Nothing here is required to carry on: Letters says what each letter still lacks.", classes="note")
            yield Static(f"{name}: date of birth (day/month/year) - NHS number - pronouns", classes="label")
            with Horizontal():
                yield Field(yp.date_of_birth.strftime("%d/%m/%Y") if yp and yp.date_of_birth else "", placeholder="e.g. 04/05/2012", id="f-dob")
                yield Field(yp.nhs_number or "" if yp else "", placeholder="e.g. 943 476 5919", id="f-nhs")
                yield Field(yp.pronouns or "" if yp else "", placeholder="e.g. she/her", id="f-pronouns")
            yield Static(id="yp-said", classes="note", markup=False)
            yield Static(f"{name}'s address (commas between lines, postcode last)", classes="label")
            yield Field(yp.address or "" if yp else "", placeholder="e.g. 14 Quay Street, Riverside RV1 5ST", id="f-address")
            for i, m in enumerate(s.family):
                yield Static(f"{m.name} ({m.relation}): address, only if not the same", classes="label")
                yield Field(m.address or "", placeholder="the same as the young person's", id=f"f-fam-{i}")
            if not s.family:
                yield Static("Family members' addresses can be added here once who came is recorded at the Introduction.",
                             classes="note")
            yield Static("Referrer: name - role - organisation", classes="label")
            with Horizontal():
                yield Field(ref.name if ref else "", placeholder="name, e.g. Ms K Lowe", id="f-ref-name")
                yield Field(ref.role or "" if ref else "", placeholder="role, e.g. GP or school nurse", id="f-ref-role")
                yield Field(ref.organisation or "" if ref else "", placeholder="organisation", id="f-ref-org")
            yield Field(ref.address or "" if ref else "", placeholder="the referrer's address", id="f-ref-address")
            yield Static("Why they referred, in the referral's words (not the family's worries)", classes="label")
            yield Field(ref.reason or "" if ref and ref.reason else "", placeholder="reason for referral", id="f-ref-reason")
            yield Static("GP, if the referrer is someone else: name - practice - address", classes="label")
            with Horizontal():
                yield Field(gp.name if gp else "", placeholder="name, e.g. Dr E Hughes", id="f-gp-name")
                yield Field(gp.practice or "" if gp else "", placeholder="practice", id="f-gp-practice")
            yield Field(gp.address or "" if gp else "", placeholder="the practice's address", id="f-gp-address")
            yield Static(id="people-said", classes="note", markup=False)
            yield Static("Communication needs (space ticks; the letters and the record follow them)", classes="label")
            for i, (who, label) in enumerate(self._people(s)):
                needs = next((n for n in s.communication_needs if n.who == who), None)
                yield Static(label, classes="label")
                yield TickList(*[(words, key, needs is not None and key in needs.needs) for key, words in NEED_LABELS.items()],
                               id=f"f-needs-{i}", classes="needs")
                yield Field(needs.language or "" if needs else "", placeholder="language for the interpreter, e.g. Polish or pl",
                            id=f"f-lang-{i}")
            yield Static(id="needs-said", classes="note", markup=False)
        yield Footer()

    @staticmethod
    def _people(s) -> list[tuple[str, str]]:
        """Each person whose needs may be recorded: (who as recorded, how the screen names them)."""
        yp = s.young_person.name if s.young_person and s.young_person.name else "The young person"
        return [("young_person", f"{yp} (young person)")] + [(m.name, f"{m.name} ({m.relation})") for m in s.family]

    def on_mount(self) -> None:
        for w in self.query(Input):
            w.cursor_blink = self.app.cursor_blink
        for said in ("#yp-said", "#people-said", "#needs-said"):
            self.query_one(said).display = False
        self.set_interval(SAVE_SECONDS, self.save_tick)
        self.query_one("#f-dob").focus()
        self._show_age()

    # -- recording -----------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._typed = True

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        event.stop()
        self._typed = True
        self.save_tick()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.save_tick()
        self.focus_next()

    def on_descendant_blur(self) -> None:
        self.save_tick()

    def save_tick(self) -> None:
        """Record what changed since the last tick (a value that cannot be right is said, not recorded)."""
        if not self._typed or self.appointment.read_only or self.appointment.state == "closed":
            return
        self._typed = False
        self.save_young_person()
        self.save_family()
        self.save_people()
        self.save_needs()
        self.appointment.flush()

    def _value(self, fid: str) -> str | None:
        return self.query_one(f"#{fid}", Input).value.strip() or None

    def _try(self, where: str, call, *args, **kwargs) -> bool:
        try:
            call(*args, **kwargs)
        except WorkflowError as exc:
            self.problems[where] = str(exc)
            return False
        self.problems.pop(where, None)
        return True

    def save_young_person(self) -> None:
        yp = self.appointment.view().session.young_person
        shown = {"date_of_birth": self._value("f-dob"), "nhs_number": self._value("f-nhs"),
                 "pronouns": self._value("f-pronouns"), "address": self._value("f-address")}
        for name, typed in shown.items():
            saved = getattr(yp, name, None) if yp is not None else None
            if name == "date_of_birth":
                saved = saved.strftime("%d/%m/%Y") if saved else None
            if typed == saved:
                self.problems.pop(name, None)
                continue
            if name == "nhs_number" and typed and len([c for c in typed if c.isdigit()]) < 10:
                self.problems[name] = "an NHS number has 10 digits"  # still being typed: nothing to check yet
                continue
            self._try(name, self.appointment.set_young_person, **{name: typed})
        self._show_age()

    def _show_age(self) -> None:
        self._say("#yp-said", [self.problems.get(k) for k in ("date_of_birth", "nhs_number", "pronouns", "address")])

    def save_family(self) -> None:
        family = self.appointment.view().session.family
        members = []
        for i, m in enumerate(family):
            member = {"name": m.name, "relation": m.relation}
            if address := self._value(f"f-fam-{i}"):
                member["address"] = address
            members.append(member)
        if members != [m.model_dump(exclude_none=True) for m in family]:
            self._try("family", self.appointment.set_family, members)

    def save_people(self) -> None:
        s = self.appointment.view().session
        self._save_person("referrer", "the referrer", {"name": "f-ref-name", "role": "f-ref-role", "organisation": "f-ref-org",
                                                       "address": "f-ref-address", "reason": "f-ref-reason"},
                          s.referrer, self.appointment.set_referrer)
        self._save_person("gp", "the GP", {"name": "f-gp-name", "practice": "f-gp-practice", "address": "f-gp-address"},
                          s.gp, self.appointment.set_gp)
        self._say("#people-said", [self.problems.get(k) for k in ("family", "referrer", "gp")])

    def _save_person(self, key: str, who: str, fields: dict[str, str], saved, record) -> None:
        """Record a referrer or GP once they have a name; what is typed without one is kept on screen and said."""
        typed = {name: self._value(fid) for name, fid in fields.items()}
        if typed["name"]:
            if typed != (saved.model_dump() if saved else None):
                self._try(key, record, typed)
        elif any(typed.values()):
            self.problems[key] = f"add {who}'s name, and what is typed for them is recorded"
        elif saved is not None:
            self._try(key, record, None)
        else:
            self.problems.pop(key, None)

    def save_needs(self) -> None:
        s = self.appointment.view().session
        wanted = []
        for i, (who, _) in enumerate(self._people(s)):
            needs = list(self.query_one(f"#f-needs-{i}", SelectionList).selected)
            if needs:
                wanted.append({"who": who, "needs": needs, "language": self._value(f"f-lang-{i}")})
        if wanted != [n.model_dump() for n in s.communication_needs]:
            self._try("needs", self.appointment.set_communication_needs, wanted)
        self._say("#needs-said", [self.problems.get("needs")])

    def _say(self, where: str, problems: list[str | None]) -> None:
        """Say under a group of fields what could not be recorded (and, for the young person, the age it gives)."""
        words = "; ".join(p for p in problems if p)
        text = f"Not recorded yet: {words}." if words else ""
        yp = self.appointment.view().session.young_person
        if where == "#yp-said" and yp is not None and yp.date_of_birth is not None and "date_of_birth" not in self.problems:
            text = f"Age {yp.age} on the day of the appointment (from the date of birth). {text}".strip()
        said = self.query_one(where, Static)
        said.display = bool(text)
        said.set_class(bool(words), "-problem")  # calm when it only confirms the age; marked when something is wrong
        said.update(text)

    # -- leaving -------------------------------------------------------------------------

    def action_save(self) -> None:
        self._typed = True
        self.save_tick()
        self.notify("Saved.", timeout=2)

    def action_close(self) -> None:
        self._typed = True
        self.save_tick()
        self.dismiss(None)
