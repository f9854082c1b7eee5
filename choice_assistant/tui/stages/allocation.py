"""Who they will see: preferences, reasons to stay, the family's stance, and one list to record who they chose."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Input, OptionList, RadioSet, SelectionList, Static
from textual.widgets.option_list import Option

from choice_assistant.tui.stages.base import StagePane
from choice_assistant.tui.widgets.fields import Field
from choice_assistant.tui.widgets.ticks import MarkedRadioButton, TickList

# The family's wish to stay is their stance below, recorded once: it is not ticked again as a reason.
KEEP_REASONS = [
    ("They shared something very personal today (ask: stay, or a fresh start?)", "disclosure"),
    ("You have done a lot of network or multi-agency work for them", "network_work"),
]
NEEDS = [("Gender is a must", "gender"), ("Language is a must (no interpreter)", "language"), ("Cultural background is a must", "cultural_background")]
SHOWN_CANDIDATES = 4
# Notes about the whole choice (said once, in the headline), not about one person in the list.
GENERAL = ("nobody_fits", "another_service", "interpreter")


class WhoTheyWillSeePane(StagePane):
    """The TUI shows matching's advice as it is; the family's choice is only what is recorded here."""

    stage = "allocation"
    main_id = "f-wants"
    BINDINGS = [Binding("f7", "toggle_team_notes", "Team notes")]

    def fields(self, session) -> ComposeResult:
        # Order: what shapes the advice (preferences, reasons to stay, the family's stance), then the advice and
        # the one list in which the family's choice is recorded; the team's own notes folded away under it.
        prefs = session.preferences
        yield Static("Any preferences for who they see? (gender - language - cultural background)", classes="label")
        with Horizontal():
            yield Field(prefs.gender or "", placeholder="gender", id="f-gender")
            yield Field(prefs.language or "", placeholder="language, e.g. Polish or pl", id="f-language")
            yield Field(prefs.cultural_background or "", placeholder="cultural background", id="f-culture")
        yield TickList(*[(label, key, key in prefs.required) for label, key in NEEDS], id="f-required")
        yield Static("Reasons staying with you might help (only if they apply)", classes="label")
        yield TickList(*[(label, key, key in session.keep_reasons) for label, key in KEEP_REASONS], id="f-keep")
        yield Static("What would the family like? (ask; never assume)", classes="label", id="wants-label")
        with RadioSet(id="f-wants"):
            for label, key in self._stances(session):
                yield MarkedRadioButton(label, value=session.client_wants == key, name=key)
        yield Static(id="advice", classes="advice")
        choice = OptionList(id="f-choice")
        choice.border_title = "Who they could see - may be read with the family (Enter records)"
        yield choice
        yield Static(id="staff-marker", classes="staff-marker", markup=False)
        staff = Static(id="staff-notes", classes="staff", markup=False)
        staff.border_title = "For you and the team only - not to read aloud (f7 folds)"
        yield staff

    def on_descendant_focus(self, event) -> None:
        if event.widget.id in ("f-wants", "f-choice"):
            self.call_after_refresh(self.keep_choice_in_view)

    def keep_choice_in_view(self) -> None:
        """Scroll so the family's stance, the advice and the list of people are read together."""
        label = self.query_one("#wants-label")
        self.scroll_to(y=label.virtual_region.y - 1, animate=False)

    def _stances(self, session) -> list[tuple[str, str]]:
        me = self.register.clinician(session.choice_clinician) if session.choice_clinician else None
        return [("Not sure yet", "undecided"), (f"Stay with {me.name}" if me else "Stay with the Choice clinician", "keep"),
                ("See someone else", "transfer")]

    def on_mount(self) -> None:
        for w in self.query(Input):
            w.cursor_blink = self.app.cursor_blink
        self.team_notes_open = False
        self.show_advice()

    def show_advice(self) -> None:
        """Ask matching for its advice on the current case; list who the family could choose, starting on the suggestion."""
        from choice_assistant.errors import InputError

        appt = self.appointment
        advice = self.query_one("#advice", Static)
        choice = self.query_one("#f-choice", OptionList)
        choice.clear_options()
        try:
            rec = appt.recommendation()
        except InputError as exc:
            advice.update(Text(f"No advice yet: {exc}", style="italic"))
            self._show_team_notes(Text())
            return
        session = appt.view().session
        advice.update(headline(rec, self.register, session))
        people = choices(rec, self.register, session, self._keep_slot(session), appt.now())
        recorded = session.outcome.clinician if session.outcome and session.outcome.decision in ("keep", "transfer") else None
        if recorded and recorded not in {p.clinician for p in people}:
            who = self.register.clinician(recorded)
            people.append(Choice(session.outcome.decision, recorded, who.name if who else recorded, None, [], [], False))
        shown: list[Option | None] = []
        for p in people:  # a rule between people, so each one's reasons read as theirs
            shown += ([None] if shown else []) + [Option(p.label(recorded), id=f"{p.decision}:{p.clinician}")]
        choice.add_options(shown or [Option("nobody to choose yet", disabled=True)])
        # Start on what is recorded, else on the suggestion (else the nearest fit): Enter records it.
        start = recorded or rec.suggested
        ids = [o.id for o in choice.options]
        choice.highlighted = next((i for i, o in enumerate(ids) if o and o.endswith(f":{start}")), 0 if people else None)
        # The team's notes matter while choosing; once the family's choice is recorded they fold away.
        self._show_team_notes(team_text(rec), fold=recorded is not None)

    def _keep_slot(self, session) -> datetime | None:
        from choice_assistant.appointment.booking import free_slots

        me = session.choice_clinician
        if not me:
            return None
        slots = free_slots(self.register, self.appointment.store, me, self.appointment.now())
        return slots[0] if slots else None

    def _show_team_notes(self, notes: Text, fold: bool = False) -> None:
        count = sum(1 for line in notes.plain.splitlines() if line.strip())
        if fold:
            self.team_notes_open = False
        marker = self.query_one("#staff-marker", Static)
        staff = self.query_one("#staff-notes", Static)
        marker.display = bool(count) and not self.team_notes_open
        marker.update(f"{count} {'note' if count == 1 else 'notes'} for you and the team (f7 shows)")
        staff.display = bool(count) and self.team_notes_open
        staff.update(notes)

    def action_toggle_team_notes(self) -> None:
        self.team_notes_open = not self.team_notes_open
        marker, staff = self.query_one("#staff-marker", Static), self.query_one("#staff-notes", Static)
        if not (marker.display or staff.display):
            self.app.notify("There are no notes for the team on this choice.", timeout=3)
            self.team_notes_open = False
            return
        marker.display, staff.display = not self.team_notes_open, self.team_notes_open
        if self.team_notes_open:
            staff.scroll_visible(animate=False)

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        event.stop()
        if event.selection_list.id == "f-keep":
            if set(event.selection_list.selected) != set(self.appointment.view().session.keep_reasons) - {"client_preference"}:
                kept = [r for r in self.appointment.view().session.keep_reasons if r == "client_preference"]
                self.record(self.appointment.set_keep_reasons, [*event.selection_list.selected, *kept])
                self.show_advice()
        else:
            self.save_pending()

    def save_pending(self) -> None:
        prefs = {
            "gender": self.query_one("#f-gender", Input).value.strip() or None,
            "language": self.query_one("#f-language", Input).value.strip() or None,
            "cultural_background": self.query_one("#f-culture", Input).value.strip() or None,
            "required": list(self.query_one("#f-required", SelectionList).selected),
        }
        now = self.appointment.view().session.preferences.model_dump(mode="json")
        if prefs != {k: now[k] for k in prefs} and self.record(self.appointment.set_preferences, **prefs):
            self.show_advice()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.save_pending()
        self.screen.focus_next()

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        wants = event.pressed.name
        if wants != self.appointment.view().session.client_wants:
            self.record(self.appointment.set_client_wants, wants)
            self.show_advice()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Record who the family chose; their stance follows their choice, so it is never recorded twice apart."""
        event.stop()
        decision, _, clinician = event.option.id.partition(":")
        appt = self.appointment
        if appt.view().session.client_wants != decision:
            if not self.record(appt.set_client_wants, decision):
                return
            radios = self.query_one("#f-wants", RadioSet)
            with radios.prevent(RadioSet.Changed):
                for button in radios.query(MarkedRadioButton):
                    button.value = button.name == decision
        if self.record(appt.choose, decision, clinician):
            name = self.register.clinician(clinician).name
            self.app.notify(f"Recorded: the family chose {'to stay with' if decision == 'keep' else 'to see'} {name}.", timeout=4, markup=False)
            self.show_advice()


class Choice:
    """One person the family could choose, with the reasons that may be read with them."""

    def __init__(self, decision: str, clinician: str, name: str, slot: datetime | None, reasons: list, cautions: list,
                 suggested: bool, when_now: datetime | None = None) -> None:
        self.decision, self.clinician, self.name, self.slot = decision, clinician, name, slot
        self.reasons, self.cautions, self.suggested, self.when_now = reasons, cautions, suggested, when_now

    def label(self, recorded: str | None):
        """The person on one line (when, suggested, recorded), their reasons under it with a hanging indent."""
        from rich.table import Table

        from choice_assistant.matching import notes as N
        from choice_assistant.matching.note_text import slot_words

        chosen = self.clinician == recorded
        head = Text(f"Stay with {self.name}" if self.decision == "keep" else self.name, style="bold")
        when = slot_words(self.slot, self.when_now or self.slot) if self.slot else "no free appointment yet"
        head.append(f"  -  {when}")
        if self.suggested:
            head.append("  -  suggested", style="bold")
        if chosen:
            head.append("  -  recorded", style="bold")
        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=1)
        grid.add_column(ratio=1)
        indent = ""  # reasons hang under the name
        grid.add_row(Text("✓", style="bold") if chosen else indent, head)
        # The date is on the first line, in one format: the family's notes about it would only repeat it.
        for r in self.reasons:
            if r.audience == "family" and r.code not in (N.NEXT_SLOT, N.CLIENT_PREFERENCE):
                grid.add_row(indent, Text(f"+ {r.text}"))
        for c in self.cautions:
            if c.audience == "family" and c.code not in (N.NO_FREE_SLOT, N.KEEP_OPTION, *GENERAL):
                grid.add_row(indent, Text(f"! {c.text}", style="italic"))
        return grid


def choices(rec, register, session, keep_slot: datetime | None, now: datetime) -> list[Choice]:
    """Staying (when it fits) and the ranked colleagues, as the family could choose between them."""
    me = session.choice_clinician
    out: list[Choice] = []
    if rec.keep.eligible and me and register.clinician(me) is not None:
        out.append(Choice("keep", me, register.clinician(me).name, keep_slot, rec.keep.reasons, rec.keep.cautions,
                          rec.suggested == me, now))
    for c in rec.transfer[:SHOWN_CANDIDATES]:
        slot = datetime.fromisoformat(c.next_slot) if c.next_slot else None
        out.append(Choice("transfer", c.clinician, c.name, slot, c.reasons, c.cautions, rec.suggested == c.clinician, now))
    return out


def headline(rec, register, session) -> Text:
    """One line or two, fit to read with the family, that follow what the family have said they would like."""
    from choice_assistant.matching import notes as N

    t = Text()
    me = register.clinician(session.choice_clinician) if session.choice_clinician else None
    suggested = rec.candidate(rec.suggested)
    wants = session.client_wants
    if not rec.partnership_needed:
        t.append("No chosen way of working needs a team skill: Partnership work may not be needed.", style="bold")
    elif wants == "keep" and me is not None and rec.keep.eligible:
        t.append(f"Staying with {me.name} fits these goals, as the family would like.", style="bold")
        if rec.keep.specific_input:
            t.append(f"\n{me.name} would be the Core worker, with colleagues adding the rest (see below).")
    elif wants == "keep" and me is not None:
        t.append(f"The family would like to stay with {me.name}, but staying does not fit these goals.", style="bold")
        why = [n.text for n in rec.keep.cautions if n.code == N.KEEP_NOT_ELIGIBLE]
        if why:
            t.append(f"\nWhy: {why[0]}.")
        t.append("\nWhat can be done: ")
        if suggested is not None:
            t.append(f"offer {suggested.name}, who fits every need; ")
        t.append("or talk again about the way of working at the Choice Point (ctrl+b) if another way would suit "
                 f"them and {me.name}. Either way, say why, and ask what they prefer.")
    elif suggested is not None:
        lead = "The family would like to see someone else: " if wants == "transfer" else ""
        t.append(f"{lead}{suggested.name} is suggested, who fits every need and can be booked.", style="bold")
        if wants == "undecided" and rec.offer_choice and me is not None:
            t.append(f"\nStaying with {me.name} is also an option: ask the family which they would prefer.")
    elif rec.offer_choice and me is not None and not rec.keep.specific_input:
        t.append(f"Only {me.name} fits every need of these goals; the nearest others are listed below.", style="bold")
    else:
        t.append("Nobody in the team fits every need of these goals: the nearest are below; plan for the gap.", style="bold")
    for n in rec.transfer[0].cautions if rec.transfer else rec.keep.cautions:
        if n.code in GENERAL and n.audience == "family":
            t.append(f"\n{n.text}.")
    return t


def team_text(rec) -> Text:
    """The notes meant for the clinician and the team (scarcity, colleagues' capacity), apart from the advice."""
    t = Text()
    groups = [("Staying", [*rec.keep.reasons, *rec.keep.cautions])]
    groups += [(c.name, [*c.reasons, *c.cautions]) for c in rec.transfer[:SHOWN_CANDIDATES]]
    for who, notes in groups:
        for n in notes:
            if n.audience == "clinician":
                t.append(f"{who}: ", style="bold")
                t.append(n.text + "\n")
    return t
