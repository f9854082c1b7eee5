"""Who arrives needing Partnership work: kinds of family with their shares, the weekly rate, and who runs their Choice."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np

from choice_assistant.errors import InputError
from choice_assistant.matching.case import Case, Preferences
from choice_assistant.matching.eligibility import SkillNeed
from choice_assistant.register.model import Register
from choice_assistant.team.whatif.model import StatedDemand, WhatIf


@dataclass(frozen=True)
class Kind:
    """One kind of family: the skills its goals need and the family's preferences."""

    needs: tuple[SkillNeed, ...]
    preferences: Preferences

    def case(self, register: Register) -> Case:
        """The kind as a case, so that the advice's own functions can read it (the Choice clinician is set per family)."""
        goals = [{"text": n.skill, "approach": n.skill, "level": n.level} for n in self.needs]
        return Case(choice_clinician=register.clinicians[0].id, goals=goals, preferences=self.preferences)


@dataclass(frozen=True)
class Demand:
    """Families a week (Poisson), the kinds they come as (with shares), and how Choice appointments are shared."""

    per_week: float
    kinds: list[Kind]
    shares: np.ndarray  # per kind, adding up to 1
    choice_shares: dict[str, float]  # clinician id -> share of Choice appointments (the team's, before any change)
    source: str  # "stated" or "journal"


def stated_demand(d: StatedDemand, register: Register) -> Demand:
    kinds = [Kind((SkillNeed(skill=sid, level=s.level),), Preferences()) for sid, s in d.mix.items()]
    shares = np.array([s.share for s in d.mix.values()], dtype=float)
    choice = d.choice_shares or {c.id: 1.0 for c in register.clinicians}
    return Demand(d.per_week, kinds, shares / shares.sum(), dict(choice), "stated")


def journal_demand(facts: list, register: Register, source: object = None) -> Demand:
    """The journal's Choice outcomes that needed Partnership work: their rate over the weeks they span, their kinds
    in the same proportions, and Choice appointments shared as the journal shows."""
    outcomes = [f for f in facts if f.decision in ("keep", "transfer") and f.needs]
    if not outcomes:
        raise InputError(source, "demand is 'journal' but the journal holds no Choice appointment that ended in Partnership "
                                 "work: state the demand instead, e.g. demand: {per_week: 6, mix: {cbt: 0.5, systemic: 0.5}}",
                         place="demand")
    dates = [f.date for f in outcomes]
    weeks = (max(dates) - min(dates)).days / 7 + 1
    counts = Counter((tuple(sorted((n.skill, n.level) for n in f.needs)), f.preferences.model_dump_json()) for f in outcomes)
    kinds, shares = [], []
    for (needs, prefs), n in sorted(counts.items()):
        kinds.append(Kind(tuple(SkillNeed(skill=s, level=lv) for s, lv in needs), Preferences.model_validate_json(prefs)))
        shares.append(n)
    choice = Counter(f.choice_clinician for f in facts if register.clinician(f.choice_clinician or "") is not None)
    choice_shares = dict(choice) or {c.id: 1.0 for c in register.clinicians}
    total = sum(shares)
    return Demand(len(outcomes) / weeks, kinds, np.array(shares, dtype=float) / total, choice_shares, "journal")


def demand_of(spec: WhatIf, register: Register, facts: list | None, source: object = None) -> Demand:
    if isinstance(spec.demand, StatedDemand):
        return stated_demand(spec.demand, register)
    return journal_demand(facts or [], register, source)


@dataclass(frozen=True)
class Arrivals:
    """One replication's families: when each arrives (weeks), its kind, and a draw that picks its Choice clinician."""

    times: np.ndarray
    kinds: np.ndarray
    choice_draws: np.ndarray  # uniform in [0, 1)


def arrivals(demand: Demand, weeks: int, rng: np.random.Generator) -> Arrivals:
    """A Poisson stream over `weeks`: the count is Poisson, the times uniform and sorted (the same process)."""
    n = int(rng.poisson(demand.per_week * weeks))
    times = np.sort(rng.uniform(0, weeks, n))
    kinds = rng.choice(len(demand.kinds), size=n, p=demand.shares)
    return Arrivals(times, kinds, rng.random(n))
