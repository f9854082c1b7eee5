"""Who the family will see and the booked slot: choosing, giving a slot back, the advice, and booking."""

from __future__ import annotations

from datetime import datetime

from choice_assistant.appointment.booking import free_slots, slot_warning
from choice_assistant.appointment.stages import needs_of
from choice_assistant.appointment.validation import WorkflowError
from choice_assistant.journal.port import SlotTaken


class SlotGone(WorkflowError):
    """The slot was booked for another family between being shown and being chosen."""

    def __init__(self, message: str, slot: datetime) -> None:
        super().__init__(message)
        self.slot = slot


class Allocating:
    """The allocation and booking side of an Appointment (mixed in)."""

    def choose(self, decision: str, clinician: str | None = None) -> None:
        """Record who the family will see: keep (the Choice clinician) or transfer (someone else)."""
        if self.state == "closed":
            raise WorkflowError("this appointment is closed; its record can no longer change")
        if decision == "keep":
            clinician = clinician or self.session.choice_clinician
            if clinician != self.session.choice_clinician:
                raise WorkflowError("keeping means staying with the Choice clinician; choose 'transfer' for someone else")
        elif decision == "transfer":
            if not clinician:
                raise WorkflowError("say which clinician the family will see")
            if clinician == self.session.choice_clinician:
                raise WorkflowError("that is the Choice clinician: choose 'keep' to stay with them")
        else:
            raise WorkflowError("the decision must be keep or transfer (no Partnership and Choice Plus are moves at the Choice Point)")
        if clinician is None or self.register.clinician(clinician) is None:
            raise WorkflowError(f"'{clinician}' is not a clinician in {self.register.team}'s register")
        o = self.session.outcome
        if o is not None and o.clinician != clinician:
            self._release()
        self._record("choose", {"decision": decision, "clinician": clinician, "needs": needs_of(self.session)})

    def _release(self) -> None:
        """Give back this session's booked slot so other families can have it."""
        o = self.session.outcome
        if o is not None and o.slot is not None:
            if self.read_only:
                raise WorkflowError(self._read_only_words())
            self.flush()
            try:
                released = self.store.release(self.session_id)
            except Exception as exc:  # noqa: BLE001 - refused or not written: keep the booking as it is
                raise WorkflowError(self._refusal(exc)) from None
            if released:
                self._apply("unbook", {"clinician": o.clinician, "slot": o.slot.isoformat()})

    def free_slots(self, now: datetime | None = None) -> list[datetime]:
        o = self.session.outcome
        if o is None or not o.clinician:
            return []
        return free_slots(self.register, self.store, o.clinician, now or self.now())

    def taken_slots(self) -> set[tuple[str, datetime]]:
        """Every (clinician, slot) in the register booked by another session."""
        mine = self.store.booking_of(self.session_id)
        taken = {(c.id, slot) for c in self.register.clinicians for slot in self.store.booked_slots(c.id)}
        return taken - {mine} if mine else taken

    def recommendation(self, now: datetime | None = None):
        """Matching's keep-or-transfer advice for this appointment, with booked slots left out."""
        # Matching (with its Recommendation models) loads when the advice is first asked for, not at start-up.
        from choice_assistant.matching.recommend import recommend

        return recommend(self.register, self.case(), now=now or self.now(), taken=self.taken_slots())

    def book(self, slot: datetime, now: datetime | None = None) -> str | None:
        """Book the chosen clinician's slot; returns a warning when it is far away."""
        if self.state != "booking":
            raise WorkflowError("slots are booked at the Booking stage")
        o = self.session.outcome
        if o is None or o.decision not in ("keep", "transfer") or not o.clinician:
            raise WorkflowError("record which clinician the family chose before booking")
        now = now or self.now()
        clinician = self.register.clinician(o.clinician)
        slot = slot.replace(second=0, microsecond=0)
        if clinician is None or slot not in clinician.partnership_slots:
            raise WorkflowError(f"{slot:%a %d %b %H:%M} is not one of {o.clinician}'s Partnership slots")
        if slot <= now:
            raise WorkflowError(f"{slot:%a %d %b %H:%M} has already passed: choose a later slot")
        self.flush()
        try:
            self.store.book(self.session_id, o.clinician, slot)
        except SlotTaken as exc:
            raise SlotGone(f"{slot:%a %d %b %H:%M} with {clinician.name} has just been booked for another family: "
                           "choose another slot", slot) from exc
        except Exception as exc:  # noqa: BLE001 - refused (open elsewhere, closed) or not written
            raise WorkflowError(self._refusal(exc)) from None
        self._apply("book", {"clinician": o.clinician, "slot": slot.isoformat()})
        return slot_warning(slot, now, self.register.policy)
