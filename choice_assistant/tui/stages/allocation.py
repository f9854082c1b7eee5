"""Who they will see: preferences, reasons to stay, the recommendation, and the family's own choice."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Input, OptionList, RadioSet, SelectionList, Static
from textual.widgets.option_list import Option

from choice_assistant.tui.widgets.ticks import MarkedRadioButton, TickList
from choice_assistant.tui.stages.base import StagePane
from choice_assistant.tui.widgets.fields import Field

KEEP_REASONS = [
    ("They shared something very personal today (ask: stay, or a fresh start?)", "disclosure"),
    ("You have done a lot of network or multi-agency work for them", "network_work"),
    ("The family would simply like to stay with you", "client_preference"),
]
NEEDS = [("Gender is a must", "gender"), ("Language is a must (no interpreter)", "language"), ("Cultural background is a must", "cultural_background")]
WANTS = [("not decided yet", "undecided"), ("stay with the Choice clinician", "keep"), ("see someone else", "transfer")]


class Pane(StagePane):
    """The TUI shows matching's advice as it is; the family's choice is only what is recorded here."""

    stage = "allocation"
    main_id = "f-wants"

    def fields(self, session) -> ComposeResult:
        # Order: what shapes the advice (preferences, reasons to stay), the advice, then the family's
        # answer and choice right below it, so advice and answer stay in view together.
        prefs = session.preferences
        yield Static("Any preferences for who they see? (gender - language - cultural background)", classes="label")
        with Horizontal():
            yield Field(prefs.gender or "", placeholder="gender", id="f-gender")
            yield Field(prefs.language or "", placeholder="language, e.g. Polish or pl", id="f-language")
            yield Field(prefs.cultural_background or "", placeholder="cultural background", id="f-culture")
        yield TickList(*[(label, key, key in prefs.required) for label, key in NEEDS], id="f-required")
        yield Static("Reasons staying with you might help (only if they apply)", classes="label")
        yield TickList(*[(label, key, key in session.keep_reasons) for label, key in KEEP_REASONS], id="f-keep")
        box = VerticalScroll(Static(id="advice"), id="advice-box")
        box.border_title = "Suggestion - may be read with the family"
        yield box
        yield Static("The family would like to ... (ask; never assume)", classes="label")
        with RadioSet(id="f-wants"):
            for label, key in WANTS:
                yield MarkedRadioButton(label, value=session.client_wants == key, name=key)
        yield Static("Record who the family chose to see (Enter):", classes="label")
        yield OptionList(id="f-choice")
        staff = Static(id="staff-notes", classes="staff")
        staff.border_title = "For you and the team only - not to read aloud"
        yield staff

    def on_mount(self) -> None:
        for w in self.query(Input):
            w.cursor_blink = self.app.cursor_blink
        self.show_advice()

    def on_descendant_focus(self, event) -> None:
        if event.widget.id == "f-wants":
            self.call_after_refresh(self.keep_advice_in_view)

    def show_say(self) -> None:
        super().show_say()  # the wording changes the height above the advice: scroll again
        if self.app.focused is not None and self.app.focused.id == "f-wants":
            self.call_after_refresh(self.keep_advice_in_view)

    def keep_advice_in_view(self) -> None:
        """On a small screen, scroll the advice to the top so it stays readable beside the family's answer."""
        box = self.query_one("#advice-box").virtual_region
        wants = self.query_one("#f-wants").virtual_region
        fits_from_top = wants.bottom <= self.scrollable_content_region.height
        self.scroll_to(y=0 if fits_from_top else box.y, animate=False)

    def show_advice(self) -> None:
        """Ask matching for its advice on the current case and list who the family could choose."""
        from choice_assistant.errors import InputError

        appt = self.appointment
        advice = self.query_one("#advice", Static)
        choice = self.query_one("#f-choice", OptionList)
        choice.clear_options()
        try:
            rec = appt.recommendation()
        except InputError as exc:
            advice.update(Text(f"No advice yet: {exc}", style="italic"))
            return
        session = appt.view().session
        advice.update(advice_text(rec, self.register, session))
        staff = staff_text(rec)
        staff_box = self.query_one("#staff-notes", Static)
        staff_box.display = bool(staff.plain.strip())
        staff_box.update(staff)
        me = session.choice_clinician
        recorded = session.outcome.clinician if session.outcome and session.outcome.decision in ("keep", "transfer") else None
        options = []
        if rec.keep.eligible and me:
            how = " as Core worker, with Specific input" if rec.keep.specific_input else ""
            options.append((me, "keep", f"Stay with {self.register.clinician(me).name} (the Choice clinician){how}"))
        for c in rec.transfer:
            slot = f", next slot {c.next_slot.replace('T', ' ')}" if c.next_slot else ", no free slot"
            gap = " (missing skills)" if c.missing_skills else ""
            options.append((c.clinician, "transfer", f"{c.name}{gap}{slot}"))
        if recorded and recorded not in {cid for cid, _, _ in options}:
            who = self.register.clinician(recorded)
            options.append((recorded, session.outcome.decision, f"{who.name if who else recorded}"))
        shown = []
        for cid, decision, words in options:
            # The recorded choice carries a mark and a word, not only a colour.
            label = Text(("✓ " + words + "  - recorded") if cid == recorded else words, style="bold" if cid == recorded else "")
            shown.append(Option(label, id=f"{decision}:{cid}"))
        choice.add_options(shown or [Option("nobody to choose yet", disabled=True)])
        # Start on the recorded choice, or on nothing: Enter must never record someone by accident.
        ids = [o.id for o in shown]
        choice.highlighted = next((i for i, o in enumerate(ids) if o.endswith(f":{recorded}")), None) if recorded else None

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        event.stop()
        if event.selection_list.id == "f-keep":
            if set(event.selection_list.selected) != set(self.appointment.view().session.keep_reasons):
                self.record(self.appointment.set_keep_reasons, event.selection_list.selected)
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
        event.stop()
        decision, _, clinician = event.option.id.partition(":")
        if self.record(self.appointment.choose, decision, clinician):
            name = self.register.clinician(clinician).name
            self.app.notify(f"Recorded: the family chose {'to stay with' if decision == 'keep' else 'to see'} {name}.", timeout=4, markup=False)
            self.show_advice()


def advice_text(rec, register, session) -> Text:
    """Matching's advice in words fit to read with the family: keeping (if eligible) and each candidate."""
    from choice_assistant.matching import notes as N

    t = Text()
    me = register.clinician(session.choice_clinician) if session.choice_clinician else None
    if session.client_wants == "keep" and not rec.keep.eligible and me is not None:
        t.append(f"The family would like to stay with {me.name}, but staying does not fit these goals.\n", style="bold")
        for n in rec.keep.cautions:
            if n.code == N.KEEP_NOT_ELIGIBLE:
                t.append(f"   Why: {n.text}\n")
        suggested = rec.candidate(rec.suggested) if rec.suggested else None
        t.append("   What can be done: ")
        if suggested is not None:
            t.append(f"offer {suggested.name}, who fits every need; ")
        t.append("or talk again about the way of working at the Choice Point (ctrl+b) if another way would suit "
                 f"them and {me.name}; either way, say why, and ask what they prefer.\n")
    elif rec.recommendation == "keep" and me is not None:
        t.append(f"Suggestion: stay with {me.name}, as the family asked.\n", style="bold")
    elif not rec.partnership_needed:
        t.append("No chosen way of working needs a team skill: Partnership work may not be needed.\n", style="bold")
    elif rec.candidate(rec.suggested) is not None:
        t.append(f"Suggestion: {rec.candidate(rec.suggested).name}, who fits every need and can be booked.\n", style="bold")
    elif rec.offer_choice and me is not None and not rec.keep.specific_input:
        t.append(f"Only {me.name} fits every need of these goals; the nearest others are listed below.\n", style="bold")
    else:
        t.append("Nobody in the team fits every need of these goals: see the nearest below and plan for the gap.\n", style="bold")
    if rec.offer_choice:
        t.append("Staying is also an option: offer the family the choice.\n")
    if me is not None:
        t.append(f"Staying with {me.name}: ", style="bold")
        t.append("an option to offer\n" if rec.keep.eligible else "not an option for these goals\n")
        _lines(t, rec.keep.reasons, rec.keep.cautions)
        for s in rec.keep.specific_input:
            t.append(f"   + {s.name} could add {register.skill_name(s.skill)} ({s.level.value}) as Specific input\n")
    for i, c in enumerate(rec.transfer[:4], 1):
        t.append(f"{i}. {c.name}", style="bold")
        t.append(f" - next slot {c.next_slot.replace('T', ' ')}\n" if c.next_slot else " - no free slot\n")
        _lines(t, c.reasons, c.cautions)
        for s in c.specific_input:
            t.append(f"   + {s.name} could add {register.skill_name(s.skill)} ({s.level.value}) as Specific input\n")
        if c.missing_skills:
            t.append("   missing: " + ", ".join(f"{register.skill_name(m.skill)} ({m.level.value})" for m in c.missing_skills) + "\n", style="italic")
    if session.outcome and session.outcome.clinician:
        who = register.clinician(session.outcome.clinician)
        t.append(f"Recorded: the family chose {who.name if who else session.outcome.clinician}.\n", style="bold")
    return t


def staff_text(rec) -> Text:
    """The notes meant for the clinician and the team (scarcity, colleagues' capacity), apart from the advice."""
    t = Text()
    groups = [("Staying", [*rec.keep.reasons, *rec.keep.cautions])]
    groups += [(c.name, [*c.reasons, *c.cautions]) for c in rec.transfer[:4]]
    for who, notes in groups:
        staff = [n for n in notes if n.audience == "clinician"]
        for n in staff:
            t.append(f"{who}: ", style="bold")
            t.append(n.text + "\n")
    return t


def _lines(t: Text, reasons, cautions) -> None:
    """Only the notes that may be read aloud with the family; the clinician's notes are shown apart."""
    for r in reasons:
        if r.audience == "family":
            t.append(f"   + {r.text}\n")
    for c in cautions:
        if c.audience == "family":
            t.append(f"   ! {c.text}\n", style="italic")
