"""A named change applied to the team: a clinician leaves, is trained in a skill, or adds weekly slots."""

from __future__ import annotations

from choice_assistant.register.model import Register
from choice_assistant.team.whatif.capacity import Capacity, with_added, without
from choice_assistant.team.whatif.model import AddsSlots, Leaves, Trains


def apply_change(register: Register, capacity: Capacity, change: Leaves | Trains | AddsSlots | None) -> tuple[Register, Capacity]:
    """The team and its slots after the change (the same objects when there is none)."""
    if change is None:
        return register, capacity
    if isinstance(change, AddsSlots):
        return register, with_added(capacity, change.adds_slots, change.per_week)
    data = register.model_dump()
    if isinstance(change, Leaves):
        data["clinicians"] = [c for c in data["clinicians"] if c["id"] != change.leaves]
        capacity = without(capacity, change.leaves)
    else:
        who = next(c for c in data["clinicians"] if c["id"] == change.trains)
        who["skills"][change.skill] = change.level
    return Register.model_validate(data), capacity
