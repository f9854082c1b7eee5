"""Waiting-list allocation: optimal on small instances (checked by brute force), never worse than first come, with reasons."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

import pytest

from choice_assistant.register.model import Register
from choice_assistant.team.allocate import allocate, first_come, solve
from choice_assistant.team.model import build_model
from choice_assistant.team.waiting import WaitingCase

NOW = datetime(2026, 12, 1, 9, 0)
SKILLS = ["cbt", "systemic", "emdr", "parenting"]


def register(clinicians: list[dict]) -> Register:
    return Register.model_validate({
        "team": "Test team",
        "skills": [{"id": s, "name": s.upper()} for s in SKILLS],
        "clinicians": clinicians,
    })


def waiting(i: int, *, approach="cbt", level="core", since=date(2026, 10, 1), prefs=None) -> WaitingCase:
    return WaitingCase(id=f"w{i}", waiting_since=since, choice_clinician="a",
                       goals=[{"text": "a goal", "approach": approach, "level": level}], preferences=prefs or {})


def slot(days: int, hour: int = 10) -> str:
    return (NOW + timedelta(days=days)).replace(hour=hour, minute=0).strftime("%Y-%m-%dT%H:%M")


def brute_force(model) -> tuple[int, int]:
    """The best (families booked, least cost) over every possible booking."""
    best = (0, 0)
    n, m = len(model.cases), len(model.slots)

    def go(i: int, used: frozenset, count: int, cost: int) -> None:
        nonlocal best
        if i == n:
            if (count, -cost) > (best[0], -best[1]):
                best = (count, cost)
            return
        go(i + 1, used, count, cost)
        for s in range(m):
            if s not in used and (c := model.pair_cost(i, s)) is not None:
                go(i + 1, used | {s}, count + 1, cost + c)

    go(0, frozenset(), 0, 0)
    return best


def random_instance(rng: random.Random):
    people = []
    for k in range(rng.randint(2, 4)):
        skills = {s: rng.choice(["core", "specific"]) for s in rng.sample(SKILLS, rng.randint(1, 3))}
        people.append({"id": "abcd"[k], "name": f"Clinician {k}", "role": "Therapist",
                       "gender": rng.choice(["female", "male"]), "languages": rng.choice([["en"], ["en", "pl"]]),
                       "skills": skills, "partnership_slots": sorted({slot(rng.randint(1, 60), rng.randint(9, 16)) for _ in range(rng.randint(0, 2))})})
    reg = register(people)
    cases = []
    for i in range(rng.randint(1, 5)):
        prefs = {"language": "pl", "required": ["language"]} if rng.random() < 0.2 else {}
        cases.append(waiting(i, approach=rng.choice(SKILLS), level=rng.choice(["core", "specific"]),
                             since=date(2026, 6, 1) + timedelta(days=rng.randint(0, 150)), prefs=prefs))
    return reg, cases


@pytest.mark.parametrize("seed", range(60))
def test_the_solve_is_optimal_on_small_instances_and_never_worse_than_first_come(seed):
    reg, cases = random_instance(random.Random(seed))
    model = build_model(reg, cases, NOW)
    best = solve(model)
    assert (len(best.bookings), best.objective) == brute_force(model)
    fc = first_come(model)
    assert len(best.bookings) >= len(fc.bookings)
    if len(best.bookings) == len(fc.bookings):
        assert best.objective <= fc.objective
    used = [b.slot for b in best.bookings]
    assert len(used) == len(set(used)), "a slot was given twice"


def test_optimal_when_some_skills_have_too_few_slots_and_others_too_many_families():
    """Too many families for one clinician's slots, too many slots for another's families, and a part that fits
    exactly: the booking is still the most families at the least cost (checked by brute force)."""
    reg = register([
        {"id": "a", "name": "Ann", "role": "Nurse", "skills": {"cbt": "core"}, "partnership_slots": [slot(9)]},
        {"id": "b", "name": "Bea", "role": "Psychologist", "skills": {"emdr": "specific"},
         "partnership_slots": [slot(2), slot(5), slot(30)]},
        {"id": "c", "name": "Cal", "role": "Nurse", "skills": {"systemic": "core", "cbt": "core"},
         "partnership_slots": [slot(3), slot(20)]},
        {"id": "d", "name": "Dee", "role": "Nurse", "skills": {"parenting": "core"}, "partnership_slots": [slot(6)]},
    ])
    cases = [waiting(7, approach="parenting"), waiting(1, since=date(2026, 9, 1)), waiting(2, since=date(2026, 7, 1)), waiting(3, since=date(2026, 11, 1)),
             waiting(4, approach="emdr", level="specific"),
             waiting(5, approach="systemic", since=date(2026, 6, 1)), waiting(6, approach="systemic")]
    model = build_model(reg, cases, NOW)
    best = solve(model)
    assert (len(best.bookings), best.objective) == brute_force(model) == (5, best.objective)  # 3 of 5, 1, 1
    emdr = next(b for b in best.bookings if model.cases[b.case].case.id == "w4")
    assert model.slots[emdr.slot].at == datetime.fromisoformat(slot(2))


def test_the_longest_waiter_gets_the_only_early_slot():
    reg = register([{"id": "a", "name": "Ann", "role": "Nurse", "skills": {"cbt": "core"},
                     "partnership_slots": [slot(3), slot(40)]}])
    cases = [waiting(1, since=date(2026, 11, 20)), waiting(2, since=date(2026, 8, 1))]
    out = allocate(reg, cases, now=NOW).as_json()
    by_case = {a["case"]: a["slot"] for a in out["assignments"]}
    assert by_case == {"w2": slot(3), "w1": slot(40)}


def test_a_family_is_booked_with_someone_who_leaves_nothing_rare_unused_when_the_wait_is_the_same():
    reg = register([
        {"id": "a", "name": "Ann", "role": "Nurse", "skills": {"cbt": "core"}, "partnership_slots": [slot(5)]},
        {"id": "b", "name": "Bea", "role": "Psychologist", "skills": {"cbt": "core", "emdr": "specific"}, "partnership_slots": [slot(5)]},
        {"id": "c", "name": "Cal", "role": "Nurse", "skills": {"cbt": "core"}, "partnership_slots": []},
    ])
    out = allocate(reg, [waiting(1)], now=NOW).as_json()
    (a,) = out["assignments"]
    assert a["clinician"] == "a"
    assert "no_rare_spent" in [n["code"] for n in a["reasons"]]


def test_past_and_booked_slots_are_never_used():
    reg = register([{"id": "a", "name": "Ann", "role": "Nurse", "skills": {"cbt": "core"},
                     "partnership_slots": [slot(-2), slot(2), slot(9)]}])
    taken = {("a", datetime.fromisoformat(slot(2)))}
    out = allocate(reg, [waiting(1), waiting(2)], now=NOW, taken=taken).as_json()
    assert [a["slot"] for a in out["assignments"]] == [slot(9)]
    assert [n["code"] for n in out["unassigned"][0]["why"]] == ["slots_taken"]


def test_unassigned_families_say_why():
    reg = register([
        {"id": "a", "name": "Ann", "role": "Nurse", "skills": {"cbt": "core"}, "partnership_slots": [slot(4)]},
        {"id": "b", "name": "Bea", "role": "Nurse", "skills": {"systemic": "core"}, "partnership_slots": []},
    ])
    cases = [waiting(1, approach="emdr", level="specific"),
             waiting(2, prefs={"language": "Polish", "required": ["language"]}),
             waiting(3, approach="systemic"),
             waiting(4, approach="self_help")]
    out = allocate(reg, cases, now=NOW, within_weeks=6).as_json()
    why = {u["case"]: u["why"][0]["code"] for u in out["unassigned"]}
    assert why == {"w1": "no_skill_holder", "w2": "no_hard_need_match", "w3": "no_slot_in_range", "w4": "no_partnership_needed"}
    assert out["totals"] == {"assigned": 0, "unassigned": 4, "mean_weeks_to_first_appointment": None, "rare_skills_spent": 0}


def test_slots_beyond_the_range_are_not_used():
    reg = register([{"id": "a", "name": "Ann", "role": "Nurse", "skills": {"cbt": "core"}, "partnership_slots": [slot(50)]}])
    out = allocate(reg, [waiting(1)], now=NOW, within_weeks=4).as_json()
    assert out["unassigned"][0]["why"][0]["code"] == "no_slot_in_range"


def test_a_core_and_specific_plan_when_nobody_holds_every_skill():
    reg = register([
        {"id": "a", "name": "Ann", "role": "Nurse", "skills": {"cbt": "core"}, "partnership_slots": [slot(4)]},
        {"id": "b", "name": "Bea", "role": "Psychologist", "skills": {"emdr": "specific"}, "partnership_slots": [slot(8)]},
    ])
    case = WaitingCase(id="w1", waiting_since=date(2026, 10, 1), choice_clinician="a",
                       goals=[{"text": "one", "approach": "cbt"}, {"text": "two", "approach": "emdr", "level": "specific"}])
    out = allocate(reg, [case], now=NOW).as_json()
    (a,) = out["assignments"]
    assert a["specific_input"] == [{"clinician": "b", "name": "Bea", "skill": "emdr", "level": "specific", "next_slot": slot(8)}]
    assert a["reasons"][0]["code"] == "core_plan"


def test_the_output_has_exactly_the_contract_keys():
    reg = register([{"id": "a", "name": "Ann", "role": "Nurse", "skills": {"cbt": "core"}, "partnership_slots": [slot(4)]}])
    out = allocate(reg, [waiting(1), waiting(2)], now=NOW).as_json()
    assert set(out) == {"assignments", "unassigned", "totals", "first_come"}
    assert set(out["assignments"][0]) == {"case", "clinician", "slot", "specific_input", "reasons"}
    assert set(out["unassigned"][0]) == {"case", "why"}
    keys = {"assigned", "unassigned", "mean_weeks_to_first_appointment", "rare_skills_spent"}
    assert set(out["totals"]) == keys == set(out["first_come"])
    for note in out["assignments"][0]["reasons"] + out["unassigned"][0]["why"]:
        assert set(note) == {"code", "text", "audience"} and note["audience"] in ("family", "clinician")
