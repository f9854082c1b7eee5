"""Booking the next Partnership appointment: which slots are free, and when a slot is too far away.

    free_slots(register, store, clinician_id, now) -> list[datetime]   register slots, minus
        booked ones (from the store, so every process sees the same) and past ones, earliest first
    slot_warning(slot, now, policy) -> WaitWarning | None    None within policy.warn_weeks; level 1
        past it; level 2 (strong) past policy.strong_warn_weeks

Booking itself is `Store.book` (atomic; a slot is booked once only, ever), called through
`Appointment.book`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from choice_assistant.register.model import Policy, Register
from choice_assistant.journal.port import Store



@dataclass(frozen=True)
class WaitWarning:
    """A booking further away than the team's policy likes: level 1 (a warning) or 2 (a strong one)."""

    level: int
    text: str

    @property
    def strong(self) -> bool:
        return self.level >= 2


def free_slots(register: Register, store: Store, clinician_id: str, now: datetime) -> list[datetime]:
    """The clinician's Partnership slots still free, after `now`, earliest first."""
    clinician = register.clinician(clinician_id)
    if clinician is None:
        return []
    taken = store.booked_slots(clinician_id)
    return sorted(s for s in clinician.partnership_slots if s > now and s.replace(second=0, microsecond=0) not in taken)


def _weeks(delta: timedelta) -> str:
    days = delta.days
    weeks, rest = divmod(days, 7)
    return f"{weeks} weeks" + (f" and {rest} day{'s' if rest != 1 else ''}" if rest else "")


def slot_warning(slot: datetime, now: datetime, policy: Policy) -> WaitWarning | None:
    """A warning when the slot is further away than the team's policy allows."""
    wait = slot - now
    level = policy.wait_level(wait)
    if level == 2:
        return WaitWarning(2, f"Long wait: this appointment is {_weeks(wait)} away, more than {policy.strong_warn_weeks} weeks. "
                "Families lose momentum over a wait this long: look for an earlier slot with another clinician who has "
                "the skills, or agree with the family how they will be supported until then.")
    if level == 1:
        return WaitWarning(1, f"This appointment is {_weeks(wait)} away, more than {policy.warn_weeks} weeks: "
                "check whether an earlier slot would suit the family better.")
    return None
