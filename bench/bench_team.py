"""Speed of `allocate` (5,000 waiting x 100 clinicians x 50 slots) against the bare SciPy solve of the same model,
of the team view's figures over a journal of 10,000 sessions, and of a 52-week what-if of a 30-clinician team
(20 replications, both policies) against the same SimPy runs with a bare allocation in place of the advice's."""

from __future__ import annotations

import os
import random
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

NOW = datetime(2026, 11, 23, 9, 0)
WAITING, CLINICIANS, SLOTS = 5000, 100, 50
SESSIONS = 10_000
SKILLS = ["cbt", "systemic", "parenting", "emdr", "dbt", "behavioural", "dynamic", "ipt", "group", "creative"]
MAX_ALLOCATE_RATIO = 1.5
MAX_TEAM_SECONDS = 1.0
WHAT_IF_CLINICIANS, WHAT_IF_WEEKS, WHAT_IF_REPLICATIONS = 30, 52, 20
MAX_WHAT_IF_SECONDS = 5.0


def register(seed: int = 3):
    from choice_assistant.register.model import Register

    r = random.Random(seed)
    people = []
    for i in range(CLINICIANS):
        skills = {s: r.choice(["core", "core", "specific"]) for s in r.sample(SKILLS, r.randint(2, 5))}
        slots = sorted({(NOW + timedelta(days=r.randint(1, 120), hours=r.randint(0, 7))).strftime("%Y-%m-%dT%H:00") for _ in range(SLOTS * 2)})[:SLOTS]
        people.append({"id": f"c{i}", "name": f"Clinician {i}", "role": "Therapist", "gender": r.choice(["female", "male"]),
                       "languages": ["en"] + ([r.choice(["pl", "ur", "so"])] if r.random() < 0.2 else []),
                       "skills": skills, "partnership_slots": slots})
    return Register.model_validate({"team": "Bench", "skills": [{"id": s, "name": s} for s in SKILLS], "clinicians": people})


def waiting(seed: int = 4):
    from choice_assistant.team.waiting import WaitingCase

    r = random.Random(seed)
    out = []
    for i in range(WAITING):
        goals = [{"text": "a goal", "approach": s, "level": r.choice(["core", "core", "specific"])} for s in r.sample(SKILLS, r.randint(1, 2))]
        prefs = {"language": "pl", "required": ["language"]} if r.random() < 0.03 else {}
        out.append(WaitingCase(id=f"w{i}", waiting_since=date(2026, 11, 1) - timedelta(days=r.randint(0, 200)),
                               choice_clinician=f"c{r.randrange(CLINICIANS)}", goals=goals, preferences=prefs))
    return out


def bench_allocate(reg, cases) -> dict:
    """The whole `allocate` (model, solve, first come, reasons) against the time spent inside SciPy's solver calls
    for the same model, measured in the same run by wrapping those calls (the solve is deterministic, so running
    them a second time on their own would only double the bench's time)."""
    import scipy.sparse.csgraph as csgraph

    from choice_assistant.team.allocate import allocate

    inside = {"seconds": 0.0}
    originals = {name: getattr(csgraph, name) for name in ("maximum_bipartite_matching", "min_weight_full_bipartite_matching")}

    def timed(fn):
        def call(*a, **k):
            t0 = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                inside["seconds"] += time.perf_counter() - t0
        return call

    for name, fn in originals.items():
        setattr(csgraph, name, timed(fn))
    try:
        t = time.perf_counter()
        result = allocate(reg, cases, now=NOW)
        data = result.as_json()
        full = time.perf_counter() - t
    finally:
        for name, fn in originals.items():
            setattr(csgraph, name, fn)
    bare = inside["seconds"]
    pairs = int(result.model.fit_mask[:, result.model.slot_clinician].sum())
    return {"waiting": len(cases), "slots": len(result.model.slots), "allowed_pairs": pairs,
            "assigned": data["totals"]["assigned"], "first_come_assigned": data["first_come"]["assigned"],
            "objective": result.best.objective, "first_come_objective": result.baseline.objective,
            "bare_solve_seconds": round(bare, 2), "allocate_seconds": round(full, 2),
            "ratio": round(full / bare, 2), "goal_ratio": MAX_ALLOCATE_RATIO}


def journal(path: Path, reg, n: int):
    """A journal of n sessions written as the appointment writes them (durability relaxed for the build only)."""
    from choice_assistant.journal import open_journal

    store = open_journal(f"sqlite:///{path}")
    store._conn.execute("PRAGMA synchronous = OFF")
    r = random.Random(5)
    for i in range(n):
        sid = f"s{i}"
        me = f"c{r.randrange(CLINICIANS)}"
        d = (NOW - timedelta(days=r.randint(0, 365))).date().isoformat()
        store.create_session(sid, datetime.fromisoformat(d), me, "Bench")
        store.append(sid, "start", {"session": sid, "date": d, "choice_clinician": me, "team": "Bench"})
        store.append(sid, "text", {"field": "young_person", "value": f"Young person {i}"})
        for s in r.sample(SKILLS, r.randint(1, 2)):
            store.append(sid, "goal_add", {"text": "a goal", "approach": s, "level": "core", "owner": "young_person", "rating": 4})
        store.append(sid, "set", {"field": "keep_reasons", "value": r.choice([[], ["disclosure"], ["network_work"]])})
        store.append(sid, "set", {"field": "client_wants", "value": r.choice(["keep", "transfer", "undecided"])})
        to = me if r.random() < 0.3 else f"c{r.randrange(CLINICIANS)}"
        store.append(sid, "choose", {"decision": "keep" if to == me else "transfer", "clinician": to})
    return store


def bench_team(reg) -> dict:
    from choice_assistant.team.figures import read_facts, team_figures

    with tempfile.TemporaryDirectory() as tmp:
        store = journal(Path(tmp) / "j.sqlite3", reg, SESSIONS)
        try:
            t = time.perf_counter()
            facts = read_facts(store, reg)
            read = time.perf_counter() - t
            t = time.perf_counter()
            team_figures(reg, store, NOW, facts=facts)
            figures = time.perf_counter() - t
        finally:
            store.close()
    return {"sessions": SESSIONS, "read_seconds": round(read, 2), "figures_seconds": round(figures, 2),
            "team_seconds": round(read + figures, 2), "goal_seconds": MAX_TEAM_SECONDS}


def what_if_team(seed: int = 6):
    """30 clinicians, each with about one new Partnership slot a week (none to two) over a four-week diary."""
    from choice_assistant.register.model import Register

    r = random.Random(seed)
    monday = datetime(2026, 11, 23, 9, 0)
    people = []
    for i in range(WHAT_IF_CLINICIANS):
        skills = {s: r.choice(["core", "core", "specific"]) for s in r.sample(SKILLS, r.randint(2, 4))}
        slots = sorted({(monday + timedelta(weeks=w, days=r.randint(0, 4), hours=r.randint(0, 7))).strftime("%Y-%m-%dT%H:00")
                        for w in range(4) for _ in range(r.randint(0, 2))})
        people.append({"id": f"c{i}", "name": f"Clinician {i}", "role": "Therapist", "skills": skills, "partnership_slots": slots})
    return Register.model_validate({"team": "Bench", "skills": [{"id": s, "name": s} for s in SKILLS], "clinicians": people})


def bench_what_if() -> dict:
    """The whole what-if against the same runs (SimPy, the same arrivals and slots) with each family given to the
    first clinician holding its skill, so the ratio is what the advice's own eligibility and ranking cost."""
    import choice_assistant.team.whatif.simulation as simulation
    from choice_assistant.team.whatif.capacity import diary_capacity
    from choice_assistant.team.whatif.model import WhatIf
    from choice_assistant.team.whatif.run import run_what_if

    reg = what_if_team()
    per_week = round(0.8 * sum(diary_capacity(reg).per_week(c.id) for c in reg.clinicians), 1)
    spec = WhatIf.model_validate({"weeks": WHAT_IF_WEEKS, "replications": WHAT_IF_REPLICATIONS, "seed": 1,
                                  "demand": {"per_week": per_week, "mix": {s: 1 / len(SKILLS) for s in SKILLS}}})
    t = time.perf_counter()
    report = run_what_if(spec, reg)
    full = time.perf_counter() - t
    holder = {s: next(c.id for c in reg.clinicians if s in c.skills) for s in SKILLS}
    advice = simulation.choose
    simulation.choose = lambda team, ask, me, now, policy: holder[ask.needs[0].skill]
    try:
        t = time.perf_counter()
        run_what_if(spec, reg)
        bare = time.perf_counter() - t
    finally:
        simulation.choose = advice
    families = sum(w.families for w in report.results[0].by_skill.values())
    return {"clinicians": WHAT_IF_CLINICIANS, "weeks": WHAT_IF_WEEKS, "replications": WHAT_IF_REPLICATIONS,
            "policies": len(spec.policies), "families_per_run": round(families, 1), "per_week": per_week,
            "what_if_seconds": round(full, 2), "bare_simpy_seconds": round(bare, 2), "ratio": round(full / bare, 2),
            "goal_seconds": MAX_WHAT_IF_SECONDS}


def run() -> dict:
    os.environ.setdefault("CHOICE_ASSISTANT_DATA", tempfile.mkdtemp())
    reg = register()
    return {"allocate": bench_allocate(reg, waiting()), "team": bench_team(reg), "what_if": bench_what_if()}


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=2))
