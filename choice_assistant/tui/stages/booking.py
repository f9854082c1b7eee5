"""Booking: the chosen clinician's free Partnership slots, with a warning for long waits."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from choice_assistant.tui.stages.base import StagePane


class BookingPane(StagePane):
    stage = "booking"
    main_id = "slots"

    def fields(self, session) -> ComposeResult:
        yield Static("Free slots - Enter books one (booking again moves it)", classes="label")
        yield OptionList(id="slots")
        yield Static(id="warning", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#warning").display = False
        self.list_slots()

    def where(self, slot) -> str:
        """Where a slot is held: its own venue from the diary, else the service's address."""
        o = self.appointment.view().session.outcome
        clinician = self.register.clinician(o.clinician) if o and o.clinician else None
        venue = clinician.venue_of(slot) if clinician is not None else None
        service = self.register.service
        # The service's own address, shortened to its first line (the place): it is the same for every slot.
        return venue or (service.address.split(",")[0].strip() if service is not None else "")

    def when_where(self, slot) -> str:
        from choice_assistant.matching.note_text import slot_words

        where = self.where(slot)
        return f"{slot_words(slot, self.appointment.now())}" + (f" at {where}" if where else "")

    def list_slots(self) -> None:
        from choice_assistant.appointment.booking import slot_warning

        appt = self.appointment
        now = appt.now()
        policy = self.register.policy
        ol = self.query_one("#slots", OptionList)
        ol.clear_options()
        options = []
        for slot in appt.free_slots():
            warn = slot_warning(slot, now, policy)
            label = Text(self.when_where(slot))
            if warn and warn.strong:
                label.append(f"  -  long wait: over {policy.strong_warn_weeks} weeks", style="bold italic")
            elif warn:
                label.append(f"  -  over {policy.warn_weeks} weeks away", style="italic")
            options.append(Option(label, id=slot.isoformat()))
        ol.add_options(options or [Option("no free slots: go back (ctrl+b) and choose with the family again", disabled=True)])
        ol.highlighted = 0 if options else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        from datetime import datetime

        from choice_assistant.appointment import SlotGone, WorkflowError

        slot = datetime.fromisoformat(event.option.id)
        try:
            warning = self.appointment.book(slot)
        except SlotGone as exc:
            # Another family took it a moment ago (on this computer or another): say so, offer the next one.
            self.list_slots()
            later = [s for s in self.appointment.free_slots() if s > exc.slot]
            ol = self.query_one("#slots", OptionList)
            if later:
                ol.highlighted = next(i for i in range(ol.option_count) if ol.get_option_at_index(i).id == later[0].isoformat())
            self.app.notify(f"{exc} The next free one is highlighted." if later else str(exc), severity="warning",
                            timeout=10, markup=False)
            return
        except WorkflowError as exc:  # a refusal: shown, nothing recorded
            self.app.notify(str(exc), severity="warning", timeout=8, markup=False)
            return
        self.recorded()
        shown = self.query_one("#warning", Static)
        from choice_assistant.appointment.booking import WaitWarning

        is_warning = isinstance(warning, WaitWarning)
        shown.display = is_warning
        shown.update(warning.text if is_warning else "")
        self.app.notify(f"Booked {self.when_where(slot)}.", timeout=6, markup=False)
        self.list_slots()
