"""Running a what-if: every policy with no change and with each change, over the same replications' arrivals."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from choice_assistant.errors import InputError
from choice_assistant.matching.ranking import ask_of, build_team
from choice_assistant.register.model import Register
from choice_assistant.team.whatif.capacity import Capacity, diary_capacity, stated
from choice_assistant.team.whatif.changes import apply_change
from choice_assistant.team.whatif.demand import Demand, arrivals, demand_of
from choice_assistant.team.whatif.model import WhatIf
from choice_assistant.team.whatif.simulation import Setup, simulate
from choice_assistant.team.whatif.summary import Result, summarise

RUN_ON = 2  # after arrivals stop, slots keep coming round for this many times as long, so allocated families are seen
MAX_FAMILIES = 1_000_000  # families simulated in all, over every run, policy and change: about a minute and a half


@dataclass
class WhatIfReport:
    """Everything a what-if shows: what was assumed, and one result per policy and change."""

    team: str
    weeks: int
    replications: int
    seed: int
    demand: Demand
    mix: dict[str, float]  # plain name of each kind of family -> its share
    slots_per_week: float  # the whole team's, on average, before any change
    hours_per_slot: float
    changes: dict[str, str]  # change name -> what it does, in words
    seen_until: int  # weeks the runs go on, arrivals and all, for the families allocated to be seen
    results: list[Result] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "team": self.team, "weeks": self.weeks, "replications": self.replications, "seed": self.seed,
            "demand": {"source": self.demand.source, "per_week": round(self.demand.per_week, 2),
                       "mix": {k: round(v, 3) for k, v in self.mix.items()}},
            "slots_per_week": round(self.slots_per_week, 2),
            "changes": self.changes,
            "seen_until_weeks": self.seen_until,
            "results": [r.as_json() for r in self.results],
        }


def _kind_words(kind, register: Register) -> str:
    return " and ".join(f"{register.skill_name(n.skill)}" + (" (specific)" if n.level.value == "specific" else "") for n in kind.needs)


def change_words(change, register: Register) -> str:
    """What a change does, in plain words."""
    if hasattr(change, "leaves"):
        return f"{register.clinician(change.leaves).name} leaves"
    if hasattr(change, "trains"):
        return f"{register.clinician(change.trains).name} trained in {register.skill_name(change.skill)} to {change.level.value} level"
    return f"{register.clinician(change.adds_slots).name} adds {change.per_week} slot{'s' if change.per_week != 1 else ''} a week"


def setup_for(register: Register, capacity: Capacity, demand: Demand, spec: WhatIf, policy: str) -> Setup:
    end = spec.weeks * (1 + RUN_ON)
    present = {c.id for c in register.clinicians}
    shares = {cid: s for cid, s in demand.choice_shares.items() if cid in present and s > 0} or {cid: 1.0 for cid in present}
    ids = list(shares)
    cumulative = np.cumsum([shares[c] for c in ids]) / sum(shares.values())
    return Setup(build_team(register), capacity.epoch, {cid: capacity.times(cid, end) for cid in present}, ids, cumulative,
                 [ask_of(k.case(register), register) for k in demand.kinds], policy, spec.weeks, end, spec.hours_per_slot)


def run_what_if(spec: WhatIf, register: Register, facts: list | None = None, source: object = None,
                progress: Callable[[float], None] | None = None) -> WhatIfReport:
    """Simulate every policy, with no change and each change on top; the same seed gives the same figures.

    Replication r uses the r-th child of the seed's SeedSequence for its arrivals, the same for every
    policy and change, so that their differences are not the luck of the draw."""
    demand = demand_of(spec, register, facts, source)
    families = demand.per_week * spec.weeks * spec.replications * len(spec.policies) * (1 + len(spec.changes))
    if families > MAX_FAMILIES:
        raise InputError(source, f"this would simulate about {families:,.0f} families (weeks x families a week x replications "
                                 f"x policies x changes, and no change), more than {MAX_FAMILIES:,}: use fewer weeks, "
                                 "replications or changes", place="weeks")
    base = stated(diary_capacity(register), spec.slots_per_week)
    seeds = np.random.SeedSequence(spec.seed).spawn(spec.replications)
    streams = [arrivals(demand, spec.weeks, np.random.default_rng(s)) for s in seeds]
    skills: dict[str, list[int]] = {}
    for i, kind in enumerate(demand.kinds):
        for need in kind.needs:
            skills.setdefault(need.skill, []).append(i)
    names = {s: register.skill_name(s) for s in skills}
    report = WhatIfReport(register.team, spec.weeks, spec.replications, spec.seed, demand,
                          {_kind_words(k, register): float(s) for k, s in zip(demand.kinds, demand.shares)},
                          sum(base.per_week(c.id) for c in register.clinicians), spec.hours_per_slot,
                          {c.name: change_words(c, register) for c in spec.changes}, spec.weeks * (1 + RUN_ON))
    teams = [(None, *apply_change(register, base, None))] + [(c.name, *apply_change(register, base, c)) for c in spec.changes]
    total, done = len(spec.policies) * len(teams) * len(streams), 0
    for policy in spec.policies:
        for name, team_register, capacity in teams:
            setup = setup_for(team_register, capacity, demand, spec, policy)
            runs = []
            for stream in streams:
                runs.append(simulate(setup, stream))
                done += 1
                if progress is not None:
                    progress(done / total)
            report.results.append(summarise(policy, name, runs, streams, skills, names))
    return report
