"""Waiting-list allocation: every waiting family booked into a fitting free slot at least total cost, with reasons.

The solve is SciPy's sparse bipartite matching over the allowed pairs of `team.model` only (see
`team.solver`): first the most families that can be booked, then the least total cost among those.
`first_come` books each family in turn, longest waiting first, into its own cheapest free slot,
for comparison.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import numpy as np

from choice_assistant.register.model import Register
from choice_assistant.team.model import Model, build_model, weeks_between
from choice_assistant.matching.notes import Note
from choice_assistant.team.reasons import assignment_reasons, specific_input, unassigned_why
from choice_assistant.team.solver import least_cost_maximum_matching
from choice_assistant.team.waiting import WaitingCase


@dataclass
class Booking:
    case: int  # index into model.cases
    slot: int  # index into model.slots


@dataclass
class Outcome:
    bookings: list[Booking]
    objective: int  # total cost of the bookings (hours, as in team.model)

    def totals(self, model: Model) -> dict:
        n = len(self.bookings)
        weeks = [weeks_between(model.cases[b.case].case.waiting_since, model.slots[b.slot].at) for b in self.bookings]
        rare = sum(len(model.cases[b.case].fits[model.slots[b.slot].clinician].unused_rare) for b in self.bookings)
        return {
            "assigned": n,
            "unassigned": len(model.cases) - n,
            "mean_weeks_to_first_appointment": round(sum(weeks) / n, 2) if n else None,
            "rare_skills_spent": rare,
        }


def _objective(model: Model, bookings: list[Booking]) -> int:
    return sum(model.pair_cost(b.case, b.slot) for b in bookings)


def solve(model: Model) -> Outcome:
    """The least-cost booking of as many families as can be booked (SciPy's sparse matching)."""
    if not model.cases or not model.slots or not model.fit_mask.any():
        return Outcome([], 0)
    rows, cols, cost = model.edges()
    pairs = least_cost_maximum_matching(len(model.cases), len(model.slots), rows, cols, cost)
    bookings = sorted((Booking(i, s) for i, s in pairs), key=lambda b: b.case)
    return Outcome(bookings, _objective(model, bookings))


def first_come(model: Model) -> Outcome:
    """Each family in turn, longest waiting first (file order on ties), into its cheapest free slot."""
    if not model.cases or not model.slots:
        return Outcome([], 0)
    order = sorted(range(len(model.cases)), key=lambda i: (model.cases[i].case.waiting_since, i))
    free = np.ones(len(model.slots), dtype=bool)
    cs = model.slot_clinician
    bookings = []
    for i in order:
        ok = model.fit_mask[i][cs] & free
        if not ok.any():
            continue
        row = model.weights[i] * model.hours + model.fit_cost[i][cs]
        row = np.where(ok, row, np.inf)
        s = int(np.argmin(row))
        free[s] = False
        bookings.append(Booking(i, s))
    bookings.sort(key=lambda b: b.case)
    return Outcome(bookings, _objective(model, bookings))


@dataclass
class Allocation:
    """The allocation, its first-come comparison, and the model both came from."""

    model: Model
    best: Outcome
    baseline: Outcome

    def as_json(self) -> dict:
        m = self.model
        booked = {b.case for b in self.best.bookings}
        remaining = np.ones(len(m.slots), dtype=bool)
        for b in self.best.bookings:
            remaining[b.slot] = False
        assignments = []
        for b in self.best.bookings:
            cm, slot = m.cases[b.case], m.slots[b.slot]
            fit = cm.fits[slot.clinician]
            assignments.append({
                "case": cm.case.id,
                "clinician": slot.clinician,
                "slot": f"{slot.at:%Y-%m-%dT%H:%M}",
                "specific_input": specific_input(m, fit, remaining),
                "reasons": [n.model_dump(mode="json") for n in assignment_reasons(m, cm, fit, slot)],
            })
        unassigned = [
            {"case": cm.case.id, "why": [n.model_dump(mode="json") for n in unassigned_why(m, i, self.best)]}
            for i, cm in enumerate(m.cases) if i not in booked
        ]
        return {"assignments": assignments, "unassigned": unassigned,
                "totals": self.best.totals(m), "first_come": self.baseline.totals(m)}


def allocate(register: Register, waiting: list[WaitingCase], *, now: datetime | None = None,
             taken: set[tuple[str, datetime]] = frozenset(), within_weeks: float | None = None) -> Allocation:
    """Allocate the waiting list against the register's free slots (`taken`: slots already booked)."""
    now = now or datetime.now()
    model = build_model(register, waiting, now, taken, within_weeks)
    return Allocation(model, solve(model), first_come(model))


__all__ = ["Allocation", "Booking", "Note", "Outcome", "allocate", "first_come", "solve"]
