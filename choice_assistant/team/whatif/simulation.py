"""One replication of one team and policy, as a SimPy discrete-event simulation.

Families arrive (a Poisson stream); at their Choice appointment the policy allocates each to a
clinician, who books them into their first free Partnership slot, so each clinician's families
queue in the order they were allocated. Each clinician's slots come round as the weekly pattern
says; a slot with nobody waiting for it goes unused. Arrivals stop after `weeks`; the run goes on
until `end` so that the families allocated are seen, and a family not seen by then counts as never seen.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

import numpy as np
import simpy

from choice_assistant.matching.ranking import Ask, Team
from choice_assistant.team.whatif.demand import Arrivals
from choice_assistant.team.whatif.policy import another_service, choose, spends_rare_skill

WEEK = timedelta(weeks=1)


@dataclass
class Setup:
    """One team to run: the matching's index of its register, its slot times, how Choice is shared, and the policy."""

    team: Team
    epoch: datetime  # what time 0 stands for
    slot_times: dict[str, list[float]]  # clinician id -> slot times in weeks, sorted, up to the end of the run
    choice_ids: list[str]
    choice_cumulative: np.ndarray  # cumulative shares of Choice appointments, ending at 1
    asks: list[Ask]  # per kind of family
    policy: str
    weeks: int
    end: float
    hours_per_slot: float

    def __post_init__(self) -> None:
        self.slot_dates = {cid: [self.epoch + t * WEEK for t in times] for cid, times in self.slot_times.items()}


@dataclass
class Run:
    """What happened to each family of one replication (NaN: sent to another service; inf: never seen)."""

    waits: np.ndarray
    booked_at: np.ndarray  # the slot each was booked into when allocated, in weeks (NaN if none)
    waiting_at_end: int  # allocated but not yet seen when arrivals stop
    rare_skill_hours: float  # hours, within `weeks`, of a rare skill's holder on work others could do


def simulate(setup: Setup, stream: Arrivals) -> Run:
    env = simpy.Environment()
    epoch = setup.epoch
    # The diary the advice ranks against: each clinician's slots not yet booked (a copy per run).
    people = {cid: replace(p, slots=list(setup.slot_dates.get(cid, ()))) for cid, p in setup.team.people.items()}
    team = replace(setup.team, people=people, _free={})
    stores = {cid: simpy.Store(env) for cid in people}
    idle: dict[str, simpy.Event] = {}
    n = len(stream.times)
    waits = np.full(n, np.nan)
    booked_at = np.full(n, np.nan)
    tally = {"hours": 0.0, "waiting": 0}
    spends: dict[tuple[int, str], bool] = {}

    def seen(i: int, arrived: float, rare: bool):
        def on_slot(_event) -> None:
            waits[i] = env.now - arrived
            if rare and env.now < setup.weeks:
                tally["hours"] += setup.hours_per_slot
        return on_slot

    def arrive():
        picks = np.searchsorted(setup.choice_cumulative, stream.choice_draws, side="right")
        choice = [setup.choice_ids[min(k, len(setup.choice_ids) - 1)] for k in picks.tolist()]
        elsewhere = [another_service(team, ask) for ask in setup.asks]
        for i, (t, kind) in enumerate(zip(stream.times.tolist(), stream.kinds.tolist())):
            yield env.timeout(t - env.now)
            if elsewhere[kind]:
                continue  # nobody in the team holds what the family needs: another service
            ask = setup.asks[kind]
            now = epoch + t * WEEK
            cid = choose(team, ask, choice[i], now, setup.policy)
            if cid is None:
                continue
            waits[i] = np.inf
            diary = people[cid].slots
            k = bisect_right(diary, now)
            if k < len(diary):
                booked_at[i] = (diary.pop(k) - epoch) / WEEK
            key = (kind, cid)
            if key not in spends:
                spends[key] = spends_rare_skill(team, ask, cid)
            stores[cid].get().callbacks.append(seen(i, t, spends[key]))
            wake = idle.pop(cid, None)
            if wake is not None:
                wake.succeed()

    def slots(cid: str):
        times, store = setup.slot_times.get(cid, []), stores[cid]
        i = 0
        while True:
            if not store.get_queue:
                idle[cid] = env.event()
                yield idle[cid]
            i = bisect_right(times, env.now, i)
            if i == len(times):
                return  # no slot left before the end: whoever waits is never seen
            yield env.timeout(times[i] - env.now)
            j = bisect_right(times, times[i], i)
            for _ in range(min(j - i, len(store.get_queue))):
                store.put(times[i])
            i = j

    def census():
        yield env.timeout(setup.weeks)
        tally["waiting"] = sum(len(s.get_queue) for s in stores.values())

    env.process(arrive())
    for cid in people:
        env.process(slots(cid))
    env.process(census())
    env.run(until=setup.end)
    return Run(waits, booked_at, tally["waiting"], tally["hours"])
