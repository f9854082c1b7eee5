"""The allocation model: who may see each waiting family (full fit or Core + Specific plan) and what each pairing costs.

Cost of booking family i into slot s with clinician c, in hours (integers, so sums are exact):
    (1 + weeks family i has already waited) * hours from now until s     longest waiters weigh most
  + RARE_HOURS * sum over c's rare skills i leaves unused of 1 / holders ** policy.rarity_power
    (gender, language and cultural background are never a cost: ranking people by who they are is an equity hazard)
  + PLAN_HOURS * number of skills c lacks that Specific Partnership input must add
The solve books as many families as can be booked, then minimises the sum (see team.solver).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date as Date
from datetime import datetime, timedelta

import numpy as np

from choice_assistant.matching.eligibility import missing_skills, unmet_needs
from choice_assistant.matching.recommend import needed_skills
from choice_assistant.register.model import Register
from choice_assistant.matching.scarcity import Holding, TeamProfile, profile_of
from choice_assistant.team.rarity import rarity_weight, used_keys
from choice_assistant.team.waiting import WaitingCase

RARE_HOURS = 7 * 24  # leaving the sole holder of something rare unused weighs like a week's wait
PLAN_HOURS = 2 * 7 * 24  # each skill added by Specific Partnership input weighs like two weeks' wait


@dataclass(frozen=True)
class Slot:
    clinician: str
    at: datetime


@dataclass
class Fit:
    """One clinician who may take a family: the skills others must add, and the rare things left unused."""

    clinician: str
    missing: list  # SkillNeed items Specific Partnership input adds ([] for a full fit)
    unused_rare: list[Holding]
    cost: int  # the clinician part of the cost, in hours


@dataclass
class CaseModel:
    case: WaitingCase
    weight: int
    needs: list
    hard: dict[str, str]
    fits: dict[str, Fit]
    blocked: str | None = None  # why nobody may take the family at all: a note code
    detail: dict = field(default_factory=dict)


@dataclass
class Model:
    register: Register
    now: datetime
    rarity: TeamProfile
    cases: list[CaseModel]
    slots: list[Slot]
    hours: np.ndarray  # per slot
    slot_clinician: np.ndarray  # per slot: clinician column index
    clinician_ids: list[str]
    fit_mask: np.ndarray  # cases x clinicians, bool
    fit_cost: np.ndarray  # cases x clinicians, clinician part of the cost
    weights: np.ndarray  # per case

    def edges(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every allowed pairing as (case index, slot index, cost) arrays; forbidden pairs are simply absent."""
        cs = self.slot_clinician
        rows, cols, costs = [], [], []
        step = max(1, 2_000_000 // max(1, len(self.slots)))
        for a in range(0, len(self.cases), step):
            b = min(len(self.cases), a + step)
            r, c = np.nonzero(self.fit_mask[a:b][:, cs])
            r += a
            rows.append(r)
            cols.append(c)
            costs.append(self.weights[r] * self.hours[c] + self.fit_cost[r, cs[c]])
        if not rows:
            return np.empty(0, np.intp), np.empty(0, np.intp), np.empty(0, np.float64)
        return np.concatenate(rows), np.concatenate(cols), np.concatenate(costs)

    def pair_cost(self, i: int, s: int) -> int | None:
        """The cost of one pairing, or None when it is not allowed."""
        c = int(self.slot_clinician[s])
        if not self.fit_mask[i, c]:
            return None
        return int(self.weights[i] * self.hours[s] + self.fit_cost[i, c])


def weeks_between(start: Date | datetime, end: Date | datetime) -> float:
    if isinstance(start, datetime):
        start = start.date()
    if isinstance(end, datetime):
        end = end.date()
    return (end - start).days / 7


def free_slots(register: Register, taken: set[tuple[str, datetime]], now: datetime, within_weeks: float | None = None) -> list[Slot]:
    """Every register slot after `now` (and before the horizon) that nobody has booked, clinician by clinician."""
    until = now + timedelta(weeks=within_weeks) if within_weeks is not None else None
    out = []
    for c in register.clinicians:
        for at in sorted(c.partnership_slots):
            if at > now and (until is None or at <= until) and (c.id, at.replace(second=0, microsecond=0)) not in taken:
                out.append(Slot(c.id, at))
    return out


def _signature(case: WaitingCase, needs: list) -> tuple:
    p = case.preferences
    hard = tuple(sorted((a, getattr(p, a)) for a in p.required))
    return (tuple((n.skill, n.level) for n in needs), hard, (p.gender, p.language, p.cultural_background))


def _fits_for(register: Register, rarity: TeamProfile, case: WaitingCase, needs: list, hard: dict[str, str]) -> tuple[dict[str, Fit], str | None, dict]:
    """Who may take this family, or why nobody may (a note code and what it is about)."""
    if not needs:
        return {}, "no_partnership_needed", {}
    used = used_keys(needs, case.preferences)
    people = register.clinicians
    power = register.policy.rarity_power
    meet_hard = [c for c in people if not unmet_needs(c, hard)]
    if not meet_hard:
        return {}, "no_hard_need_match", {"needs": sorted(hard)}
    nobody = [n for n in needs if not any(not missing_skills(c, [n]) for c in people)]
    if nobody:
        return {}, "no_skill_holder", {"skills": nobody}

    def fit(c, missing) -> Fit:
        unused = [t for t in rarity.unused(c.id, used) if t.key[0] == "skill"]  # who someone is is never a cost
        cost = RARE_HOURS * sum(rarity_weight(t, power) for t in unused) + PLAN_HOURS * len(missing)
        return Fit(c.id, missing, unused, int(round(cost)))

    full = {c.id: fit(c, []) for c in meet_hard if not missing_skills(c, needs)}
    if full:
        return full, None, {}
    # Nobody meeting the hard needs holds every skill: a Core Partnership worker who holds at
    # least one needed skill, with Specific Partnership input from colleagues for the rest.
    plans = {}
    for c in meet_hard:
        missing = missing_skills(c, needs)
        if len(missing) < len(needs):
            plans[c.id] = fit(c, missing)
    if not plans:
        return {}, "no_core_worker", {}
    return plans, None, {}


def build_model(register: Register, waiting: list[WaitingCase], now: datetime, taken: set[tuple[str, datetime]] = frozenset(),
                within_weeks: float | None = None) -> Model:
    """Everything the solver and the reasons need, computed once per distinct kind of case."""
    rarity = profile_of(register)
    ids = [c.id for c in register.clinicians]
    col = {cid: j for j, cid in enumerate(ids)}
    slots = free_slots(register, set(taken), now, within_weeks)
    hours = np.array([math.ceil((s.at - now).total_seconds() / 3600) for s in slots], dtype=np.float64)
    slot_clinician = np.array([col[s.clinician] for s in slots], dtype=np.intp)
    n = len(waiting)
    mask = np.zeros((n, len(ids)), dtype=bool)
    cost = np.zeros((n, len(ids)), dtype=np.float64)
    weights = np.empty(n, dtype=np.float64)
    memo: dict[tuple, tuple] = {}
    cases: list[CaseModel] = []
    for i, case in enumerate(waiting):
        needs = needed_skills(case, register)
        hard = {a: getattr(case.preferences, a) for a in case.preferences.required}
        sig = _signature(case, needs)
        if sig not in memo:
            fits, blocked, detail = _fits_for(register, rarity, case, needs, hard)
            row_mask = np.zeros(len(ids), dtype=bool)
            row_cost = np.zeros(len(ids), dtype=np.float64)
            for cid, f in fits.items():
                row_mask[col[cid]] = True
                row_cost[col[cid]] = f.cost
            memo[sig] = (fits, blocked, detail, row_mask, row_cost)
        fits, blocked, detail, row_mask, row_cost = memo[sig]
        mask[i], cost[i] = row_mask, row_cost
        weeks = max(0, int(weeks_between(case.waiting_since, now)))
        weights[i] = 1 + weeks
        cases.append(CaseModel(case, 1 + weeks, needs, hard, fits, blocked, detail))
    return Model(register, now, rarity, cases, slots, hours, slot_clinician, ids, mask, cost, weights)
