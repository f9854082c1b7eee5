"""Keep-or-transfer rules, one test per rule, on small teams built here."""

from __future__ import annotations

from datetime import datetime

import pytest

from choice_assistant.errors import InputError
from choice_assistant.matching.recommend import needed_skills, recommend
from choice_assistant.matching.case import Case
from choice_assistant.register.model import Register

NOW = datetime(2026, 11, 23, 9, 0)
SKILLS = [
    {"id": "cbt", "name": "CBT"},
    {"id": "systemic", "name": "Systemic family work"},
    {"id": "dbt", "name": "DBT skills"},
    {"id": "emdr", "name": "EMDR"},
    {"id": "parenting", "name": "Parenting work"},
]


def person(cid: str, skills: dict, slots=("2026-12-01T10:00",), **extra) -> dict:
    return {"id": cid, "name": cid.capitalize(), "role": "Clinician", "skills": skills, "partnership_slots": list(slots), **extra}


def team(*people: dict, policy: dict | None = None) -> Register:
    data = {"team": "Test team", "skills": SKILLS, "clinicians": list(people)}
    if policy:
        data["policy"] = policy
    return Register.model_validate(data)


def case(choice: str = "ann", goals=(("cbt", "core"),), **extra) -> Case:
    return Case.model_validate({
        "choice_clinician": choice,
        "goals": [{"text": f"goal {i}", "approach": a, "level": lv} for i, (a, lv) in enumerate(goals)],
        **extra,
    })


def fillers(n: int, skills: dict | None = None, **extra) -> list[dict]:
    """n plain clinicians who make the team big enough for rarity to mean something."""
    return [person(f"f{i:02d}", skills or {"systemic": "core"}, **extra) for i in range(n)]


def ids(rec) -> list[str]:
    return [c.clinician for c in rec.transfer]


# ------------------------------------------------------------------ needed skills


def test_needed_skills_take_each_goals_approach_at_the_highest_level_asked():
    reg = team(person("ann", {"cbt": "specific"}))
    needs = needed_skills(case(goals=[("cbt", "core"), ("systemic", "core"), ("cbt", "specific")]), reg)
    assert [(n.skill, n.level.value) for n in needs] == [("cbt", "specific"), ("systemic", "core")]


def test_a_self_help_goal_needs_no_team_skill():
    reg = team(person("ann", {"cbt": "core"}), person("ben", {"systemic": "core"}))
    rec = recommend(reg, case(goals=[("self_help", "core"), ("systemic", "core")]), now=NOW)
    assert [n.skill for n in rec.needed_skills] == ["systemic"]
    assert ids(rec) == ["ben"]


def test_when_no_goal_needs_a_team_skill_the_recommendation_says_partnership_may_not_be_needed():
    reg = team(person("ann", {"cbt": "core"}), person("ben", {"systemic": "core"}))
    rec = recommend(reg, case(goals=[("other_agency", "core")]), now=NOW)
    assert rec.needed_skills == [] and rec.keep.eligible
    assert any("Partnership work may not be needed" in c for c in rec.keep.cautions)


# ------------------------------------------------------------------ skill eligibility


def test_a_specific_holder_is_eligible_for_core_work_but_a_core_holder_is_not_for_specific():
    reg = team(person("ann", {}), person("spec", {"cbt": "specific"}), person("core", {"cbt": "core"}))
    core_rec = recommend(reg, case(goals=[("cbt", "core")]), now=NOW)
    assert sorted(ids(core_rec)) == ["core", "spec"]
    spec_rec = recommend(reg, case(goals=[("cbt", "specific")]), now=NOW)
    assert ids(spec_rec) == ["spec"]
    assert spec_rec.transfer[0].missing_skills == []


def test_a_clinician_missing_one_of_two_needed_skills_is_not_listed_when_someone_holds_both():
    reg = team(person("ann", {}), person("both", {"cbt": "core", "systemic": "core"}), person("half", {"cbt": "specific"}))
    rec = recommend(reg, case(goals=[("cbt", "core"), ("systemic", "core")]), now=NOW)
    assert ids(rec) == ["both"]


def test_every_candidate_names_the_needed_skills_it_holds_and_the_goal_they_serve():
    reg = team(person("ann", {}), person("ben", {"cbt": "specific", "systemic": "core"}))
    rec = recommend(reg, case(goals=[("cbt", "core"), ("systemic", "core"), ("cbt", "core")]), now=NOW)
    reasons = rec.transfer[0].reasons
    assert "Holds CBT at specific level, which covers the core level goals 1 and 3 needs" in reasons
    assert "Holds Systemic family work at core level, needed for goal 2" in reasons


# ------------------------------------------------------------------ hard needs and soft preferences


def test_a_required_language_filters_out_clinicians_who_do_not_speak_it():
    reg = team(person("ann", {}), person("ben", {"cbt": "core"}, slots=("2026-11-24T09:00",)),
               person("dar", {"cbt": "core"}, languages=["en", "pl"]))
    rec = recommend(reg, case(preferences={"language": "pl", "required": ["language"]}), now=NOW)
    assert ids(rec) == ["dar"]
    assert "Speaks Polish, as the family needs" in rec.transfer[0].reasons


def test_a_soft_preference_ranks_a_matching_clinician_first_without_excluding_others():
    reg = team(person("ann", {}), person("ben", {"cbt": "core"}, slots=("2026-11-24T09:00",), gender="male"),
               person("cat", {"cbt": "core"}, slots=("2026-12-20T09:00",), gender="Female"))
    rec = recommend(reg, case(preferences={"gender": "female"}), now=NOW)
    assert ids(rec) == ["cat", "ben"]
    assert "Is female, as the family would prefer" in rec.transfer[0].reasons
    assert "The family would prefer a clinician who is female" in rec.transfer[1].cautions


def test_a_hard_need_outranks_skill_fit_when_nobody_meets_both():
    reg = team(person("ann", {}), person("skilled", {"cbt": "core"}), person("polish", {"systemic": "core"}, languages=["pl"]))
    rec = recommend(reg, case(preferences={"language": "pl", "required": ["language"]}), now=NOW)
    assert ids(rec) == ["polish", "skilled"]
    assert "Does not speak Polish, which the family needs" in rec.transfer[1].cautions
    assert all(c.cautions[0].startswith("Nobody in the team who holds the needed skills speaks Polish, as the family needs")
               for c in rec.transfer)


def test_soft_preferences_outrank_opportunity_cost():
    reg = team(person("ann", {}), person("rare", {"cbt": "core", "dbt": "specific"}, gender="female"),
               person("plain", {"cbt": "core"}, gender="male"), *fillers(6, {"cbt": "core"}, gender="male"))
    rec = recommend(reg, case(preferences={"gender": "female"}), now=NOW)
    assert ids(rec)[0] == "rare"


# ------------------------------------------------------------------ keeping


def test_keeping_is_not_an_option_when_the_choice_clinician_lacks_a_needed_skill_and_says_which():
    reg = team(person("ann", {"cbt": "core"}), person("ben", {"cbt": "specific"}))
    rec = recommend(reg, case(goals=[("cbt", "specific")], client_wants="keep"), now=NOW)
    assert not rec.keep.eligible and not rec.offer_choice and rec.recommendation == "transfer"
    assert "Ann holds CBT only at core level, and goal 1 needs specific level" in rec.keep.cautions[0]
    assert any("would like to stay with Ann" in c for c in rec.keep.cautions)


def test_keeping_is_not_an_option_when_the_choice_clinician_misses_a_hard_need():
    reg = team(person("ann", {"cbt": "core"}, gender="male"), person("ben", {"cbt": "core"}, gender="female"))
    rec = recommend(reg, case(preferences={"gender": "female", "required": ["gender"]}), now=NOW)
    assert not rec.keep.eligible and not rec.offer_choice
    assert "Ann is not female, which the family needs" in rec.keep.cautions[0]


def test_the_choice_is_offered_whenever_keeping_is_possible_even_if_the_family_leans_to_someone_new():
    reg = team(person("ann", {"cbt": "core"}), person("ben", {"cbt": "core"}))
    rec = recommend(reg, case(client_wants="transfer"), now=NOW)
    assert rec.keep.eligible and rec.offer_choice and rec.recommendation == "transfer"
    assert "offer the family the choice" in rec.keep.cautions[0]


@pytest.mark.parametrize(
    ("ann_skill", "wants", "expected"),
    [
        ("core", "keep", "keep"),
        ("core", "undecided", "transfer"),
        ("core", "transfer", "transfer"),
        (None, "keep", "transfer"),
    ],
)
def test_the_recommendation_is_keep_only_when_keeping_is_possible_and_the_family_wants_it(ann_skill, wants, expected):
    reg = team(person("ann", {"cbt": ann_skill} if ann_skill else {}), person("ben", {"cbt": "core"}))
    assert recommend(reg, case(client_wants=wants), now=NOW).recommendation == expected


def test_recorded_keep_reasons_appear_in_plain_words():
    reg = team(person("ann", {"cbt": "core"}), person("ben", {"cbt": "core"}))
    rec = recommend(reg, case(keep_reasons=["disclosure", "network_work", "client_preference"]), now=NOW)
    text = " | ".join(rec.keep.reasons)
    assert "shared something very personal" in text and "may not want to tell it again" in text
    assert "Ann has done a lot of work with the family's network and other agencies" in text
    assert "The family have said they would like to carry on with Ann" in text
    assert not any("_" in r for r in rec.keep.reasons)


# ------------------------------------------------------------------ scarcity and opportunity cost


def test_keeping_a_clinician_with_an_unneeded_rare_skill_is_cautioned_with_numbers():
    reg = team(person("ann", {"cbt": "core", "dbt": "core"}), *fillers(9, {"cbt": "core"}))
    rec = recommend(reg, case(), now=NOW)
    assert any(c.startswith("1 of 10 clinicians offers DBT skills (1 free Partnership slot)")
               and "keeping this family uses capacity other families may need" in c for c in rec.keep.cautions)


def test_a_rare_skill_the_case_needs_is_not_counted_as_a_cost():
    reg = team(person("ann", {"cbt": "core", "dbt": "core"}), *fillers(9, {"cbt": "core"}))
    rec = recommend(reg, case(goals=[("dbt", "core")]), now=NOW)
    assert rec.keep.eligible
    assert not any("DBT" in c for c in rec.keep.cautions)


@pytest.mark.parametrize(
    ("attribute", "value", "words"),
    [
        ("gender", "non-binary", "1 of 10 clinicians is non-binary"),
        ("languages", ["en", "yo"], "1 of 10 clinicians speaks Yoruba"),
        ("cultural_background", "Somali British", "1 of 10 clinicians has a Somali British cultural background"),
    ],
)
def test_a_rare_gender_language_or_background_the_case_does_not_ask_for_is_a_keep_caution(attribute, value, words):
    reg = team(person("ann", {"cbt": "core"}, **{attribute: value}),
               *fillers(9, {"cbt": "core"}, gender="female", cultural_background="White British"))
    cautions = recommend(reg, case(), now=NOW).keep.cautions
    assert any(c.startswith(words) for c in cautions), cautions


def test_a_rare_attribute_the_family_asked_for_is_not_a_cost():
    reg = team(person("ann", {"cbt": "core"}, languages=["en", "yo"]), *fillers(9, {"cbt": "core"}))
    cautions = recommend(reg, case(preferences={"language": "yo"}), now=NOW).keep.cautions
    assert not any("Yoruba" in c for c in cautions)


def test_a_specific_holder_doing_core_work_is_cautioned_for_spending_scarce_specific_capacity():
    reg = team(person("ann", {"cbt": "specific"}), *fillers(9, {"cbt": "core"}))
    cautions = recommend(reg, case(goals=[("cbt", "core")]), now=NOW).keep.cautions
    assert any(c.startswith("1 of 10 clinicians offers CBT at specific level")
               and "spends scarce specific capacity" in c for c in cautions), cautions


def test_transfer_candidates_carry_scarcity_cautions_too():
    reg = team(person("ann", {"cbt": "core"}), person("ben", {"cbt": "core", "emdr": "specific"}), *fillers(8))
    rec = recommend(reg, case(), now=NOW)
    ben = next(c for c in rec.transfer if c.clinician == "ben")
    assert any(c.startswith("1 of 10 clinicians offers EMDR at specific level") and "allocating this family to Ben" in c
               for c in ben.cautions)


def test_something_the_whole_team_holds_is_never_rare_even_in_a_tiny_team():
    reg = team(person("ann", {"cbt": "core"}, gender="female"), person("ben", {"cbt": "core"}, gender="female"))
    assert not any("of 2 clinicians" in c for c in recommend(reg, case(), now=NOW).keep.cautions)


def test_policy_in_the_register_sets_what_counts_as_rare():
    people = [person("ann", {"cbt": "core", "dbt": "core"}), person("ben", {"cbt": "core", "dbt": "core"}),
              person("cat", {"cbt": "core", "dbt": "core"}), *fillers(7, {"cbt": "core"})]
    strict = recommend(team(*people, policy={"rare_share": 0, "rare_max_holders": 2}), case(), now=NOW)
    loose = recommend(team(*people, policy={"rare_share": 0, "rare_max_holders": 3}), case(), now=NOW)
    assert not any("DBT" in c for c in strict.keep.cautions)
    assert any(c.startswith("3 of 10 clinicians offer DBT skills") for c in loose.keep.cautions)


# ------------------------------------------------------------------ ranking


def test_among_equal_fits_the_clinician_tying_up_fewer_rare_things_ranks_first_even_if_later():
    reg = team(person("ann", {}), person("rare", {"cbt": "core", "emdr": "specific"}, slots=("2026-11-24T09:00",)),
               person("plain", {"cbt": "core"}, slots=("2026-12-20T09:00",)), *fillers(7))
    assert ids(recommend(reg, case(), now=NOW))[:2] == ["plain", "rare"]


def test_at_equal_fit_and_cost_the_earliest_free_slot_ranks_first():
    reg = team(person("ann", {}), person("late", {"cbt": "core"}, slots=("2026-12-20T09:00",)),
               person("soon", {"cbt": "core"}, slots=("2026-12-10T09:00", "2026-11-25T14:00")))
    rec = recommend(reg, case(), now=NOW)
    assert ids(rec) == ["soon", "late"]
    assert rec.transfer[0].next_slot == "2026-11-25T14:00"
    assert "Next free appointment Wed 25 Nov, 14:00" in rec.transfer[0].reasons


def test_clinicians_without_a_free_slot_come_after_those_with_one():
    reg = team(person("ann", {}), person("aaron", {"cbt": "core"}, slots=()), person("zed", {"cbt": "core"}, slots=("2027-01-20T09:00",)))
    rec = recommend(reg, case(), now=NOW)
    assert ids(rec) == ["zed", "aaron"]
    assert rec.transfer[1].next_slot is None
    assert "Has no free Partnership appointment in the register" in rec.transfer[1].cautions


def test_slots_in_the_past_are_skipped():
    reg = team(person("ann", {}), person("ben", {"cbt": "core"}, slots=("2026-11-20T09:00", "2026-12-02T09:30")))
    assert recommend(reg, case(), now=NOW).transfer[0].next_slot == "2026-12-02T09:30"
    assert recommend(reg, case(), now=datetime(2026, 12, 5)).transfer[0].next_slot is None


def test_a_long_wait_is_cautioned_past_the_policy_weeks():
    reg = team(person("ann", {}), person("ben", {"cbt": "core"}, slots=("2026-12-28T09:00",)),
               person("cat", {"cbt": "core"}, slots=("2027-01-20T09:00",)))
    rec = recommend(reg, case(), now=NOW)
    assert "The first free appointment is 35 days away, more than 4 weeks" in rec.transfer[0].cautions
    assert any("more than 6 weeks: a long wait" in c for c in rec.transfer[1].cautions)


def test_the_choice_clinician_is_never_a_transfer_candidate_even_when_the_best_fit():
    reg = team(person("ann", {"cbt": "core"}, slots=("2026-11-24T09:00",)), person("ben", {"cbt": "core"}))
    assert ids(recommend(reg, case(), now=NOW)) == ["ben"]


def test_the_list_is_as_long_as_the_policy_says():
    reg = team(person("ann", {}), *fillers(9, {"cbt": "core"}), policy={"max_candidates": 3})
    assert len(recommend(reg, case(), now=NOW).transfer) == 3


# ------------------------------------------------------------------ nobody skill-eligible


def test_when_nobody_holds_the_skills_the_nearest_are_listed_with_what_they_miss():
    reg = team(person("ann", {}), person("partly", {"emdr": "core", "cbt": "core"}), person("none", {"systemic": "core"}))
    rec = recommend(reg, case(goals=[("emdr", "specific"), ("cbt", "core")]), now=NOW)
    assert ids(rec) == ["partly", "none"]
    partly, none = rec.transfer
    assert [(m.skill, m.level.value) for m in partly.missing_skills] == [("emdr", "specific")]
    assert [(m.skill, m.level.value) for m in none.missing_skills] == [("emdr", "specific"), ("cbt", "core")]
    assert partly.cautions[0] == ("Nobody in the team holds every skill these goals need (nobody offers EMDR at specific level): "
                                  "plan Specific Partnership or another service for the gap")
    assert any("Specific Partnership or another service would be needed" in c for c in partly.cautions[1:])


def test_when_nobody_holds_the_skills_soft_preferences_still_rank_the_nearest():
    reg = team(person("ann", {}), person("ben", {"systemic": "core"}, gender="male", slots=("2026-11-24T09:00",)),
               person("cat", {"systemic": "core"}, gender="female", slots=("2026-12-20T09:00",)))
    rec = recommend(reg, case(goals=[("emdr", "core")], preferences={"gender": "female"}), now=NOW)
    assert ids(rec) == ["cat", "ben"]


def test_when_only_the_choice_clinician_holds_the_skills_the_note_says_so():
    reg = team(person("ann", {"emdr": "specific"}), person("ben", {"cbt": "core"}))
    rec = recommend(reg, case(goals=[("emdr", "specific")]), now=NOW)
    assert rec.offer_choice and ids(rec) == ["ben"]
    assert rec.transfer[0].cautions[0].startswith("Apart from Ann, nobody in the team holds every skill")


def test_every_candidate_carries_reasons():
    reg = team(person("ann", {}), person("ben", {"systemic": "core"}, slots=()))
    rec = recommend(reg, case(), now=NOW)
    assert rec.transfer[0].reasons and rec.transfer[0].cautions


# ------------------------------------------------------------------ contract and bad input


def test_the_json_has_exactly_the_contract_keys():
    reg = team(person("ann", {"cbt": "core"}), person("ben", {"cbt": "core"}))
    data = recommend(reg, case(), now=NOW).model_dump(mode="json")
    assert set(data) == {"recommendation", "offer_choice", "keep", "transfer", "needed_skills"}
    assert set(data["keep"]) == {"eligible", "reasons", "cautions"}
    assert set(data["transfer"][0]) == {"clinician", "name", "next_slot", "missing_skills", "reasons", "cautions"}
    assert data["needed_skills"] == [{"skill": "cbt", "level": "core"}]
    assert data["transfer"][0]["next_slot"] == "2026-12-01T10:00"


def test_an_unknown_choice_clinician_is_an_input_error_with_a_suggestion():
    reg = team(person("ann", {"cbt": "core"}))
    with pytest.raises(InputError) as err:
        recommend(reg, case(choice="anne"), now=NOW)
    assert "choice_clinician: 'anne' is not a clinician in Test team's register (did you mean 'ann'?)" in str(err.value)


def test_an_unknown_approach_is_an_input_error_naming_the_goal():
    reg = team(person("ann", {"cbt": "core"}))
    with pytest.raises(InputError) as err:
        recommend(reg, case(goals=[("cbt", "core"), ("cbtt", "core")]), now=NOW)
    assert "goals[1].approach: 'cbtt'" in str(err.value) and "did you mean 'cbt'?" in str(err.value)


def test_the_wording_never_frames_a_transfer_as_a_loss(demo_register):
    from choice_assistant import load_case
    from choice_assistant.wording.tone import check
    from tests.conftest import EXAMPLES

    for path in sorted((EXAMPLES / "cases").glob("*.yaml")):
        rec = recommend(demo_register, load_case(path), now=NOW)
        texts = rec.keep.reasons + rec.keep.cautions + [t for c in rec.transfer for t in c.reasons + c.cautions]
        assert texts
        for t in texts:
            assert check(t) == [], (path.name, t)


def test_a_taken_slot_is_never_offered_and_the_next_free_one_is():
    reg = team(person("ann", {"cbt": "core"}), person("bob", {"cbt": "core"}, slots=("2026-12-01T10:00", "2026-12-08T10:00")))
    free = recommend(reg, case(), now=NOW)
    assert free.transfer[0].next_slot == "2026-12-01T10:00"
    rec = recommend(reg, case(), now=NOW, taken=[("bob", datetime(2026, 12, 1, 10, 0))])
    assert rec.transfer[0].clinician == "bob" and rec.transfer[0].next_slot == "2026-12-08T10:00"
    assert "Tue 1 Dec" not in " ".join(rec.transfer[0].reasons)


def test_taken_slots_change_who_comes_first_when_the_earliest_slot_decides():
    reg = team(person("ann", {"cbt": "core"}), person("bob", {"cbt": "core"}, slots=("2026-12-01T10:00",)),
               person("cat", {"cbt": "core"}, slots=("2026-12-03T10:00",)))
    assert ids(recommend(reg, case(), now=NOW))[:2] == ["bob", "cat"]
    rec = recommend(reg, case(), now=NOW, taken={("bob", datetime(2026, 12, 1, 10, 0))})
    assert ids(rec)[:2] == ["cat", "bob"]
    assert rec.transfer[1].next_slot is None
    assert recommend(reg, case(), now=NOW).transfer[0].next_slot == "2026-12-01T10:00"  # nothing cached


# ------------------------------------------------------------------ the suggestion


def test_the_suggestion_is_only_someone_who_fits_every_skill_and_hard_need():
    reg = team(person("ann", {"cbt": "core"}, languages=["en", "pl"]), person("ben", {"cbt": "core"}),
               person("cat", {"cbt": "core"}, languages=["en", "pl"]))
    fits = recommend(reg, case(preferences={"language": "pl", "required": ["language"]}), now=NOW)
    assert fits.suggested is not None and fits.suggested.clinician == "cat"
    only_me = team(person("ann", {"cbt": "core"}, languages=["en", "pl"]), person("ben", {"cbt": "core"}))
    rec = recommend(only_me, case(preferences={"language": "pl", "required": ["language"]}), now=NOW)
    assert rec.suggested is None and ids(rec) == ["ben"]
    assert "suggested" not in rec.model_dump(mode="json")


def test_when_only_the_choice_clinician_meets_a_hard_need_the_note_says_so():
    reg = team(person("ann", {"cbt": "core"}, languages=["en", "pl"]), person("ben", {"cbt": "core"}))
    rec = recommend(reg, case(preferences={"language": "pl", "required": ["language"]}), now=NOW)
    assert rec.keep.eligible
    assert rec.transfer[0].cautions[0].startswith("Apart from Ann, nobody")
