"""Properties of keep-or-transfer that hold for any small team and case."""

from __future__ import annotations

from datetime import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from choice_assistant.matching.recommend import recommend
from choice_assistant.matching.case import Case
from choice_assistant.register.model import Register

NOW = datetime(2026, 11, 23, 9, 0)
SKILL_IDS = ["cbt", "systemic", "dbt", "emdr"]
SLOTS = ["2026-11-20T09:00", "2026-11-24T09:00", "2026-12-01T10:00", "2026-12-15T14:00", "2027-01-20T09:00"]

clinician = st.fixed_dictionaries(
    {
        "skills": st.dictionaries(st.sampled_from(SKILL_IDS), st.sampled_from(["core", "specific"]), max_size=4),
        "gender": st.sampled_from(["female", "male", "non-binary"]),
        "languages": st.lists(st.sampled_from(["en", "pl", "ur"]), min_size=1, max_size=3, unique=True),
        "cultural_background": st.sampled_from(["White British", "Polish", "Somali British"]),
        "partnership_slots": st.lists(st.sampled_from(SLOTS), max_size=3, unique=True),
    }
)


@st.composite
def team_and_case(draw):
    people = draw(st.lists(clinician, min_size=1, max_size=9))
    for i, p in enumerate(people):
        p.update(id=f"c{i}", name=f"Clinician {i}", role="Clinician")
    register = Register.model_validate({
        "team": "Property team",
        "skills": [{"id": s, "name": s.upper()} for s in SKILL_IDS],
        "clinicians": people,
        "policy": {"max_candidates": draw(st.integers(1, 6)), "rare_max_holders": draw(st.integers(1, 3))},
    })
    goals = draw(st.lists(st.tuples(st.sampled_from([*SKILL_IDS, "self_help"]), st.sampled_from(["core", "specific"])),
                          min_size=1, max_size=3))
    prefs = {}
    for attr, values in (("gender", ["female", "male"]), ("language", ["pl", "ur"]), ("cultural_background", ["Polish"])):
        if draw(st.booleans()):
            prefs[attr] = draw(st.sampled_from(values))
    prefs["required"] = draw(st.lists(st.sampled_from(sorted(prefs)), unique=True)) if prefs else []
    case = Case.model_validate({
        "choice_clinician": draw(st.sampled_from([p["id"] for p in people])),
        "goals": [{"text": "a goal", "approach": a, "level": lv} for a, lv in goals],
        "preferences": prefs,
        "keep_reasons": draw(st.lists(st.sampled_from(["disclosure", "network_work", "client_preference"]), unique=True)),
        "client_wants": draw(st.sampled_from(["keep", "transfer", "undecided"])),
    })
    return register, case


def holds_all(c, needs) -> bool:
    return all(c.skills.get(n.skill) is not None and c.skills[n.skill].covers(n.level) for n in needs)


def meets_hard_needs(c, case) -> bool:
    p = case.preferences
    checks = {
        "gender": lambda: c.gender == p.gender,
        "language": lambda: p.language in c.languages,
        "cultural_background": lambda: c.cultural_background == p.cultural_background,
    }
    return all(checks[need]() for need in p.required)


PROPS = settings(max_examples=100, deadline=None)


@PROPS
@given(team_and_case())
def test_the_choice_clinician_never_appears_among_transfer_candidates(tc):
    register, case = tc
    rec = recommend(register, case, now=NOW)
    assert case.choice_clinician not in [c.clinician for c in rec.transfer]


@PROPS
@given(team_and_case())
def test_every_candidate_listed_as_eligible_really_holds_the_needed_skills(tc):
    register, case = tc
    rec = recommend(register, case, now=NOW)
    needs = rec.needed_skills
    for cand in rec.transfer:
        c = register.clinician(cand.clinician)
        missing = [n for n in needs if not holds_all(c, [n])]
        assert cand.missing_skills == missing
        if not cand.missing_skills:
            assert holds_all(c, needs)
        assert cand.reasons


@PROPS
@given(team_and_case())
def test_when_anyone_else_fits_every_need_only_such_clinicians_are_listed(tc):
    register, case = tc
    rec = recommend(register, case, now=NOW)
    fitting = [c for c in register.clinicians
               if c.id != case.choice_clinician and holds_all(c, rec.needed_skills) and meets_hard_needs(c, case)]
    if fitting:
        assert len(rec.transfer) == min(len(fitting), register.policy.max_candidates)
        assert {x.clinician for x in rec.transfer} <= {c.id for c in fitting}
    else:
        others = len(register.clinicians) - 1
        assert len(rec.transfer) == min(others, register.policy.max_candidates)


@PROPS
@given(team_and_case())
def test_keeping_is_offered_exactly_when_the_choice_clinician_fits_and_kept_only_when_wanted(tc):
    register, case = tc
    rec = recommend(register, case, now=NOW)
    me = register.clinician(case.choice_clinician)
    fits = holds_all(me, rec.needed_skills) and meets_hard_needs(me, case)
    assert rec.offer_choice is rec.keep.eligible
    if fits:
        assert rec.keep.eligible and not rec.keep.specific_input
    elif rec.keep.eligible:  # Core worker with Specific input, only when nobody else fits every need
        assert rec.keep.specific_input
        assert not any(not c.missing_skills and meets_hard_needs(register.clinician(c.clinician), case) for c in rec.transfer)
        assert meets_hard_needs(me, case)
    assert (rec.recommendation == "keep") is (rec.keep.eligible and case.client_wants == "keep")
    assert rec.keep.reasons or rec.keep.cautions


@PROPS
@given(team_and_case(), st.randoms(use_true_random=False))
def test_ranking_is_deterministic_and_ignores_the_order_of_the_register(tc, rnd):
    register, case = tc
    first = recommend(register, case, now=NOW).model_dump(mode="json")
    assert recommend(register, case, now=NOW).model_dump(mode="json") == first
    shuffled = register.model_dump(mode="json")
    rnd.shuffle(shuffled["clinicians"])
    again = recommend(Register.model_validate(shuffled), case, now=NOW).model_dump(mode="json")
    assert again == first


def _cost(register, case, c) -> float:
    """DESIGN's scarcity cost, worked out here from the register: unused rare skills, 1 / holders each."""
    from choice_assistant.matching.case import needed_skills

    used = {(n.skill, lv) for n in needed_skills(case, register) for lv in ("core", "specific")
            if n.level.value == "specific" or lv == "core"}
    size = len(register.clinicians)
    limit = max(register.policy.rare_max_holders, int(size * register.policy.rare_share))
    total = 0.0
    for sid, level in c.skills.items():
        if (sid, level.value) in used:
            continue
        n = sum(1 for o in register.clinicians if o.skills.get(sid) is not None and o.skills[sid].covers(level))
        if n <= limit and n < size:
            total += 1 / n
    return total


@PROPS
@given(team_and_case())
def test_candidates_are_ordered_by_fit_then_preferences_then_bookable_then_cost_then_earliest_slot(tc):
    register, case = tc
    rec = recommend(register, case, now=NOW)

    def order(cand):
        c = register.clinician(cand.clinician)
        unmet = sum(not meets_hard_needs(c, case.model_copy(update={"preferences": case.preferences.model_copy(update={"required": [r]})}))
                    for r in case.preferences.required)
        not_held = sum(c.skills.get(m.skill) is None for m in cand.missing_skills)
        return (unmet, len(cand.missing_skills), not_held, -_soft(c, case), cand.next_slot is None,
                round(_cost(register, case, c), 9), cand.next_slot or "", cand.clinician)

    keys = [order(c) for c in rec.transfer]
    assert keys == sorted(keys)


@PROPS
@given(team_and_case())
def test_the_suggestion_fits_every_need_and_is_bookable_whenever_a_bookable_fit_exists(tc):
    register, case = tc
    rec = recommend(register, case, now=NOW)
    if not rec.partnership_needed:
        assert rec.suggested is None
        return
    fitting = [c for c in register.clinicians if c.id != case.choice_clinician
               and holds_all(c, rec.needed_skills) and meets_hard_needs(c, case)]
    bookable = [c for c in fitting if any(s > NOW for s in c.partnership_slots)]
    if rec.suggested is None:
        assert not fitting
        return
    chosen = register.clinician(rec.suggested)
    assert holds_all(chosen, rec.needed_skills) and meets_hard_needs(chosen, case)
    if bookable:
        assert any(s > NOW for s in chosen.partnership_slots)


@PROPS
@given(team_and_case(), st.data())
def test_swapping_two_clinicians_gender_language_or_background_never_changes_the_transfer_order(tc, data):
    register, case = tc
    case = case.model_copy(update={"preferences": case.preferences.model_copy(
        update={"gender": None, "language": None, "cultural_background": None, "required": []})})
    before = [c.clinician for c in recommend(register, case, now=NOW).transfer]
    people = register.model_dump(mode="json")["clinicians"]
    i = data.draw(st.integers(0, len(people) - 1))
    j = data.draw(st.integers(0, len(people) - 1))
    attr = data.draw(st.sampled_from(["gender", "languages", "cultural_background"]))
    people[i][attr], people[j][attr] = people[j][attr], people[i][attr]
    swapped = Register.model_validate({**register.model_dump(mode="json"), "clinicians": people})
    assert [c.clinician for c in recommend(swapped, case, now=NOW).transfer] == before


@PROPS
@given(team_and_case())
def test_a_specific_holder_is_never_listed_as_missing_a_skill_needed_at_core_level(tc):
    register, case = tc
    rec = recommend(register, case, now=NOW)
    for cand in rec.transfer:
        held = register.clinician(cand.clinician).skills
        for m in cand.missing_skills:
            assert held.get(m.skill) is None or (m.level.value == "specific" and held[m.skill].value == "core")


def _soft(c, case) -> int:
    from choice_assistant.wording.languages import language_code

    p = case.preferences
    n = 0
    n += p.gender is not None and "gender" not in p.required and c.gender == p.gender
    n += p.language is not None and "language" not in p.required and language_code(p.language) in {language_code(x) for x in c.languages}
    n += p.cultural_background is not None and "cultural_background" not in p.required and c.cultural_background == p.cultural_background
    return n
