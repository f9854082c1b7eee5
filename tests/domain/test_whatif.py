"""The what-if simulation: against queueing theory, the keepsies argument, determinism, and the advice's own rule."""

from __future__ import annotations

from datetime import datetime

import numpy as np
import pytest

from choice_assistant.errors import InputError
from choice_assistant.register.model import Register
from choice_assistant.team.whatif.model import WhatIf
from choice_assistant.team.whatif.run import run_what_if


def team(*people) -> Register:
    """A register from (id, skills) pairs; nobody has a diary, so slots are stated in the what-if."""
    skills = sorted({s for _, held in people for s in held})
    return Register.model_validate({"team": "Small", "skills": [{"id": s, "name": s.upper()} for s in skills],
                                    "clinicians": [{"id": cid, "name": cid.title(), "role": "Therapist", "skills": held}
                                                   for cid, held in people]})


def what_if(**fields) -> WhatIf:
    return WhatIf.model_validate(fields)


# -- queueing theory ---------------------------------------------------------------------------------

def mean_wait_slotted(lam: float, c: int, states: int = 400) -> float:
    """Exact mean wait (weeks) of a slotted queue: Poisson arrivals at `lam` a week, `c` families seen at one moment
    each week, first come first seen, a slot nobody waits for lost. Those left after the moment, R, follow the
    Markov chain R' = max(R + A - c, 0), A ~ Poisson(lam); solved numerically. Between moments the number
    waiting averages E[R] + lam / 2, so by Little's law the mean wait is E[R] / lam + 1/2."""
    from scipy.stats import poisson

    a = poisson.pmf(np.arange(states + c + 1), lam)
    P = np.zeros((states + 1, states + 1))
    for r in range(states + 1):
        for k, p in enumerate(a):
            P[r, min(max(r + k - c, 0), states)] += p
        P[r, states] += 1 - P[r].sum()
    A = np.vstack([P.T - np.eye(states + 1), np.ones(states + 1)])
    b = np.zeros(states + 2)
    b[-1] = 1
    pi = np.linalg.lstsq(A, b, rcond=None)[0]
    return float(pi @ np.arange(states + 1)) / lam + 0.5


@pytest.mark.parametrize("lam, c", [(2.0, 3), (0.5, 1)])
def test_one_skill_with_fixed_weekly_slots_waits_as_queueing_theory_says(lam, c):
    solo = team(("sam", {"cbt": "core"}))
    spec = what_if(weeks=400, replications=20, seed=7, demand={"per_week": lam, "mix": {"cbt": 1}},
                   slots_per_week={"sam": c}, policies=["skill"])
    mean = run_what_if(spec, solo).results[0].by_skill["cbt"].mean
    theory = mean_wait_slotted(lam, c)
    assert mean.low <= theory <= mean.high, (theory, mean)
    assert mean.high - mean.low < 0.15  # narrow enough that half a week's error, or a slot carried over, would show


def test_families_are_seen_in_the_slot_they_were_booked_into_and_no_slot_twice():
    from choice_assistant.team.whatif.capacity import diary_capacity, stated
    from choice_assistant.team.whatif.demand import arrivals, stated_demand
    from choice_assistant.team.whatif.run import setup_for
    from choice_assistant.team.whatif.simulation import simulate

    small = team(("ana", {"cbt": "core"}), ("bo", {"cbt": "core", "emdr": "specific"}))
    spec = what_if(weeks=30, demand={"per_week": 3, "mix": {"cbt": 0.8, "emdr": {"share": 0.2, "level": "specific"}}},
                   slots_per_week={"ana": 2, "bo": 1})
    demand = stated_demand(spec.demand, small)
    stream = arrivals(demand, spec.weeks, np.random.default_rng(3))
    setup = setup_for(small, stated(diary_capacity(small), spec.slots_per_week), demand, spec, "keep_when_eligible")
    run = simulate(setup, stream)
    seen = np.isfinite(run.waits)
    assert seen.sum() > 50
    assert np.allclose(stream.times[seen] + run.waits[seen], run.booked_at[seen])
    # Stated slots all fall on Monday 09:00: Ana's two and Bo's one, so no moment is booked more than three times.
    _, per_moment = np.unique(run.booked_at[~np.isnan(run.booked_at)].round(9), return_counts=True)
    assert per_moment.max() <= 3


# -- the seed's argument -----------------------------------------------------------------------------

def test_a_rare_skill_holder_who_keeps_work_others_could_do_lengthens_waits_for_that_skill():
    # Fatima is the only one offering EMDR; all three can do core CBT. Choice appointments are shared equally.
    small = team(("fatima", {"cbt": "core", "emdr": "specific"}), ("chloe", {"cbt": "core"}), ("dariusz", {"cbt": "core"}))
    spec = what_if(weeks=52, replications=20, seed=3, slots_per_week={"fatima": 1, "chloe": 2, "dariusz": 2},
                   demand={"per_week": 3.6, "mix": {"cbt": 0.8, "emdr": {"share": 0.2, "level": "specific"}}})
    by = {r.policy: r for r in run_what_if(spec, small).results}
    skill, keep = by["skill"], by["keep_when_eligible"]
    emdr_skill, emdr_keep = skill.by_skill["emdr"].median, keep.by_skill["emdr"].median
    assert emdr_keep.value is None or emdr_keep.low > emdr_skill.high  # keeping lengthens the EMDR wait, beyond chance
    assert keep.rare_skill_hours.low > 0 and skill.rare_skill_hours.value == 0  # by skill, Fatima's hours go to EMDR only


# -- determinism, changes and the contract -----------------------------------------------------------

SMALL = dict(weeks=20, replications=5, demand={"per_week": 3, "mix": {"cbt": 0.7, "emdr": {"share": 0.3, "level": "specific"}}},
             slots_per_week={"ana": 2, "bo": 1})


def small_team():
    return team(("ana", {"cbt": "core"}), ("bo", {"cbt": "core", "emdr": "specific"}))


def test_the_same_seed_gives_the_same_figures_and_another_seed_others():
    reg = small_team()
    once = run_what_if(what_if(seed=11, **SMALL), reg).as_json()
    assert run_what_if(what_if(seed=11, **SMALL), reg).as_json() == once
    assert run_what_if(what_if(seed=12, **SMALL), reg).as_json() != once


def test_replications_draw_different_families():
    from choice_assistant.team.whatif.demand import arrivals, stated_demand

    spec = what_if(seed=5, **SMALL)
    demand = stated_demand(spec.demand, small_team())
    streams = [arrivals(demand, spec.weeks, np.random.default_rng(s)) for s in np.random.SeedSequence(5).spawn(3)]
    assert len({tuple(s.times.round(6)) for s in streams}) == 3


def test_each_change_does_what_it_says():
    reg = small_team()
    spec = what_if(seed=2, policies=["skill"], changes=[{"name": "Bo leaves", "leaves": "bo"},
                                                        {"name": "Ana trained", "trains": "ana", "skill": "emdr", "level": "specific"},
                                                        {"name": "Ana adds", "adds_slots": "ana", "per_week": 3}], **SMALL)
    r = {x.change: x for x in run_what_if(spec, reg).results}
    assert r["Bo leaves"].by_skill["emdr"].families == 0 and r["Bo leaves"].by_skill["emdr"].another_service > 0
    assert r["Ana trained"].by_skill["emdr"].median.value < r[None].by_skill["emdr"].median.value
    assert r["Ana adds"].by_skill["cbt"].median.value < r[None].by_skill["cbt"].median.value


def test_the_json_has_one_result_per_policy_and_per_change_under_each(demo_register):
    spec = what_if(weeks=8, replications=3, demand={"per_week": 4, "mix": {"cbt": 0.5, "systemic": 0.5}},
                   changes=[{"name": "Fatima leaves", "leaves": "fatima"}])
    data = run_what_if(spec, demo_register).as_json()
    assert [(r["policy"], r["change"]) for r in data["results"]] == [
        ("skill", None), ("skill", "Fatima leaves"), ("keep_when_eligible", None), ("keep_when_eligible", "Fatima leaves")]
    for r in data["results"]:
        assert set(r["by_skill"]) == {"cbt", "systemic"}
        for w in r["by_skill"].values():
            assert isinstance(w["median_weeks"], float) and isinstance(w["p90_weeks"], float)
            lo, hi = w["median_ci"]
            assert lo <= w["median_weeks"] <= hi
        assert isinstance(r["waiting_at_end"], float) and isinstance(r["rare_skill_hours_spent"], float)


# -- the advice's own rule ---------------------------------------------------------------------------

def _cases(register):
    from choice_assistant.matching.case import Case
    from choice_assistant.appointment.export import load_case
    from tests.conftest import EXAMPLES

    cases = [load_case(p) for p in sorted((EXAMPLES / "cases").glob("*.yaml"))]
    for me in register.clinicians:
        for s in register.skills:
            for level in ("core", "specific"):
                cases.append(Case(choice_clinician=me.id, goals=[{"text": "a goal", "approach": s.id, "level": level}]))
    return cases


@pytest.mark.parametrize("day", [datetime(2026, 11, 23, 9), datetime(2026, 12, 14, 9)])
def test_the_skill_policy_allocates_as_the_advice_suggests(demo_register, day):
    from choice_assistant.matching.ranking import ask_of, team_of
    from choice_assistant.matching.recommend import recommend
    from choice_assistant.team.whatif.policy import choose

    checked = 0
    for case in _cases(demo_register):
        advice = recommend(demo_register, case, now=day)
        if advice.suggested is None or case.client_wants == "keep":
            continue
        got = choose(team_of(demo_register), ask_of(case, demo_register), case.choice_clinician, day, "skill")
        assert got == advice.suggested, case
        checked += 1
    assert checked > 100


def test_keep_when_eligible_keeps_exactly_when_the_advice_offers_keeping_with_a_slot(demo_register):
    from choice_assistant.matching.ranking import ask_of, team_of
    from choice_assistant.matching.recommend import recommend
    from choice_assistant.team.whatif.policy import choose

    day = datetime(2026, 11, 23, 9)
    kept_some = 0
    for case in _cases(demo_register):
        advice = recommend(demo_register, case, now=day)
        if advice.suggested is None or case.client_wants == "keep":
            continue  # nobody else fits every need: the nearest fit is taken under either policy
        me = demo_register.clinician(case.choice_clinician)
        has_slot = any(s > day for s in me.partnership_slots)
        full_keep = advice.keep.eligible and not advice.keep.specific_input
        kept = choose(team_of(demo_register), ask_of(case, demo_register), me.id, day, "keep_when_eligible") == me.id
        assert kept == (full_keep and has_slot), case
        kept_some += kept
    assert kept_some > 20


# -- demand from the journal -------------------------------------------------------------------------

def test_demand_from_the_journal_follows_its_choice_outcomes(demo_register, tmp_path):
    from choice_assistant.journal import open_journal
    from choice_assistant.team.figures import read_facts
    from choice_assistant.team.whatif.demand import journal_demand
    from tests.domain.test_team import add_session

    store = open_journal(f"sqlite:///{tmp_path / 'j.sqlite3'}")
    try:
        for i, (day, goal) in enumerate([("2026-10-05", "cbt"), ("2026-10-12", "cbt"), ("2026-10-19", "systemic"),
                                         ("2026-11-02", "cbt")]):
            add_session(store, f"s{i}", clinician="ayo" if i % 2 else "ben", goals=[(goal, "core")], decision="transfer",
                        to="chloe", date=day)
        add_session(store, "open", clinician="ben", goals=[("emdr", "specific")], date="2026-11-02")  # no outcome yet
        facts = read_facts(store, demo_register)
    finally:
        store.close()
    d = journal_demand(facts, demo_register)
    assert d.per_week == pytest.approx(4 / 5)  # four Partnership outcomes over the five weeks from 5 Oct to 2 Nov
    shares = {k.needs[0].skill: s for k, s in zip(d.kinds, d.shares)}
    assert shares == pytest.approx({"cbt": 0.75, "systemic": 0.25})
    assert d.choice_shares == {"ben": 3, "ayo": 2}
    with pytest.raises(InputError) as err:
        journal_demand([], demo_register, "w.yaml")
    assert "demand" in str(err.value) and "w.yaml" in str(err.value)
