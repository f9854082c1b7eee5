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


def texts(notes) -> list[str]:
    return [n.text for n in notes]


def codes(notes) -> list[str]:
    return [n.code for n in notes]


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
    assert "no_partnership_needed" in codes(rec.keep.cautions)
    assert not rec.partnership_needed and rec.suggested is None


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
    assert "Offers CBT, which goals 1 and 3 need" in texts(reasons)
    assert "Offers Systemic family work, which goal 2 needs" in texts(reasons)
    assert not any("level" in t for t in texts(reasons))  # levels are the team's words, not the family's
    assert codes(reasons)[:2] == ["skill_fit", "skill_fit"]


# ------------------------------------------------------------------ hard needs and soft preferences


def test_a_required_language_filters_out_clinicians_who_do_not_speak_it():
    reg = team(person("ann", {}), person("ben", {"cbt": "core"}, slots=("2026-11-24T09:00",)),
               person("dar", {"cbt": "core"}, languages=["en", "pl"]))
    rec = recommend(reg, case(preferences={"language": "pl", "required": ["language"]}), now=NOW)
    assert ids(rec) == ["dar"]
    assert "Speaks Polish, as the family needs" in texts(rec.transfer[0].reasons)


def test_a_soft_preference_ranks_a_matching_clinician_first_without_excluding_others():
    reg = team(person("ann", {}), person("ben", {"cbt": "core"}, slots=("2026-11-24T09:00",), gender="male"),
               person("cat", {"cbt": "core"}, slots=("2026-12-20T09:00",), gender="Female"))
    rec = recommend(reg, case(preferences={"gender": "female"}), now=NOW)
    assert ids(rec) == ["cat", "ben"]
    assert "Is female, as the family would prefer" in texts(rec.transfer[0].reasons)
    assert "The family would prefer someone who is female" in texts(rec.transfer[1].cautions)


def test_a_hard_need_outranks_skill_fit_when_nobody_meets_both():
    reg = team(person("ann", {}), person("skilled", {"cbt": "core"}), person("polish", {"systemic": "core"}, languages=["pl"]))
    rec = recommend(reg, case(preferences={"language": "pl", "required": ["language"]}), now=NOW)
    assert ids(rec) == ["polish", "skilled"]
    assert "Does not speak Polish, which the family needs" in texts(rec.transfer[1].cautions)
    assert rec.transfer[0].cautions[0].code == "nobody_fits"
    assert rec.transfer[0].cautions[0].text.startswith("Nobody in the team who offers the needed skills speaks Polish, as the family needs")
    assert "nobody_fits" not in codes(rec.transfer[1].cautions)  # said once, not on every candidate


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
    assert rec.keep.cautions[0].code == "keep_not_eligible"
    assert "Ann offers CBT, but goal 1 needs someone with specialist training in it" in rec.keep.cautions[0].text
    assert "wants_keep_not_eligible" in codes(rec.keep.cautions)


def test_keeping_is_not_an_option_when_the_choice_clinician_misses_a_hard_need():
    reg = team(person("ann", {"cbt": "core"}, gender="male"), person("ben", {"cbt": "core"}, gender="female"))
    rec = recommend(reg, case(preferences={"gender": "female", "required": ["gender"]}), now=NOW)
    assert not rec.keep.eligible and not rec.offer_choice
    assert "Ann is not female, which the family needs" in rec.keep.cautions[0].text


def test_the_choice_is_offered_whenever_keeping_is_possible_even_if_the_family_leans_to_someone_new():
    reg = team(person("ann", {"cbt": "core"}), person("ben", {"cbt": "core"}))
    rec = recommend(reg, case(client_wants="transfer"), now=NOW)
    assert rec.keep.eligible and rec.offer_choice and rec.recommendation == "transfer"
    undecided = recommend(reg, case(client_wants="undecided"), now=NOW)
    assert undecided.keep.cautions[0].code == "keep_option" and "seeing someone else" in undecided.keep.cautions[0].text


@pytest.mark.parametrize("wants", ["keep", "transfer"])
def test_once_the_family_have_answered_the_advice_no_longer_asks_them_to_choose(wants):
    reg = team(person("ann", {"cbt": "core"}), person("ben", {"cbt": "core"}))
    rec = recommend(reg, case(client_wants=wants), now=NOW)
    assert rec.offer_choice and "keep_option" not in codes(rec.keep.cautions)
    assert rec.recommendation == wants


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
    text = " | ".join(texts(rec.keep.reasons))
    assert "shared something very personal" in text and "Going over it again" in text
    assert "fresh start" in text  # both ways offered, never assumed
    assert "Ann has done a lot of work with the family's network and other agencies" in text
    assert "The family have said they would like to carry on with Ann" in text
    assert codes(rec.keep.reasons)[:3] == ["disclosure", "network_work", "client_preference"]
    assert not any("_" in r for r in texts(rec.keep.reasons))


# ------------------------------------------------------------------ scarcity and opportunity cost


def test_keeping_a_clinician_with_an_unneeded_rare_skill_is_cautioned_with_numbers():
    reg = team(person("ann", {"cbt": "core", "dbt": "core"}), *fillers(9, {"cbt": "core"}))
    rec = recommend(reg, case(), now=NOW)
    scarce = [n for n in rec.keep.cautions if n.code == "scarce_skill"]
    assert [n.audience for n in scarce] == ["clinician"]
    assert scarce[0].text.startswith("Ann is the only clinician of 10 who offers DBT skills (1 free Partnership slot), "
                                     "which these goals do not need; 10 offer CBT, which these goals need")


def test_a_rare_skill_the_case_needs_is_not_counted_as_a_cost():
    reg = team(person("ann", {"cbt": "core", "dbt": "core"}), *fillers(9, {"cbt": "core"}))
    rec = recommend(reg, case(goals=[("dbt", "core")]), now=NOW)
    assert rec.keep.eligible
    assert not any("DBT" in c for c in texts(rec.keep.cautions))


@pytest.mark.parametrize(
    ("attribute", "value", "words"),
    [
        ("gender", "non-binary", "Ann is the only clinician of 10 who is non-binary"),
        ("languages", ["en", "yo"], "Ann is the only clinician of 10 who speaks Yoruba"),
        ("cultural_background", "Somali British", "Ann is the only clinician of 10 with a Somali British cultural background"),
    ],
)
def test_a_rare_gender_language_or_background_the_case_does_not_ask_for_is_a_keep_caution(attribute, value, words):
    reg = team(person("ann", {"cbt": "core"}, **{attribute: value}),
               *fillers(9, {"cbt": "core"}, gender="female", cultural_background="White British"))
    cautions = recommend(reg, case(), now=NOW).keep.cautions
    found = [n for n in cautions if n.text.startswith(words)]
    assert found and found[0].audience == "clinician" and found[0].code.startswith("scarce_"), cautions


def test_a_rare_attribute_the_family_asked_for_is_not_a_cost():
    reg = team(person("ann", {"cbt": "core"}, languages=["en", "yo"]), *fillers(9, {"cbt": "core"}))
    cautions = recommend(reg, case(preferences={"language": "yo"}), now=NOW).keep.cautions
    assert not any("Yoruba" in c for c in texts(cautions))


def test_a_specific_holder_doing_core_work_is_cautioned_for_spending_scarce_specific_capacity():
    reg = team(person("ann", {"cbt": "specific"}), *fillers(9, {"cbt": "core"}))
    cautions = recommend(reg, case(goals=[("cbt", "core")]), now=NOW).keep.cautions
    assert any(n.code == "scarce_specific_level" and n.text.startswith("Ann is the only clinician of 10 with CBT at specific level")
               and "spends scarce specific capacity" in n.text for n in cautions), cautions


def test_transfer_candidates_carry_scarcity_cautions_too():
    reg = team(person("ann", {"cbt": "core"}), person("ben", {"cbt": "core", "emdr": "specific"}), *fillers(8))
    rec = recommend(reg, case(), now=NOW)
    ben = next(c for c in rec.transfer if c.clinician == "ben")
    assert any(n.code == "scarce_skill" and n.audience == "clinician"
               and n.text.startswith("Is the only clinician of 10 who offers EMDR at specific level") for n in ben.cautions)


def test_something_the_whole_team_holds_is_never_rare_even_in_a_tiny_team():
    reg = team(person("ann", {"cbt": "core"}, gender="female"), person("ben", {"cbt": "core"}, gender="female"))
    assert not any("of 2 clinicians" in c for c in texts(recommend(reg, case(), now=NOW).keep.cautions))


def test_policy_in_the_register_sets_what_counts_as_rare():
    people = [person("ann", {"cbt": "core", "dbt": "core"}), person("ben", {"cbt": "core", "dbt": "core"}),
              person("cat", {"cbt": "core", "dbt": "core"}), *fillers(7, {"cbt": "core"})]
    strict = recommend(team(*people, policy={"rare_share": 0, "rare_max_holders": 2}), case(), now=NOW)
    loose = recommend(team(*people, policy={"rare_share": 0, "rare_max_holders": 3}), case(), now=NOW)
    assert not any("DBT" in c for c in texts(strict.keep.cautions))
    assert any(c.startswith("Ann is 1 of 3 clinicians (of 10) who offer DBT skills") for c in texts(loose.keep.cautions))


# ------------------------------------------------------------------ ranking


def test_among_equal_fits_the_clinician_tying_up_fewer_rare_things_ranks_first_even_if_later():
    reg = team(person("ann", {}), person("rare", {"cbt": "core", "emdr": "specific"}, slots=("2026-11-24T09:00",)),
               person("plain", {"cbt": "core"}, slots=("2026-12-20T09:00",)), *fillers(7))
    assert ids(recommend(reg, case(), now=NOW))[:2] == ["plain", "rare"]


def test_a_suggestion_ranked_above_an_earlier_appointment_gives_the_family_a_reason_they_can_follow():
    reg = team(person("ann", {}), person("rare", {"cbt": "core", "emdr": "specific"}, slots=("2026-11-24T09:00",)),
               person("plain", {"cbt": "core"}, slots=("2026-12-20T09:00",)), *fillers(7))
    rec = recommend(reg, case(), now=NOW)
    first = rec.transfer[0]
    assert (rec.suggested, first.reasons[0].code, first.reasons[0].audience) == ("plain", "closest_match", "family")
    # The team's own reason stays with the team: the family's note names nobody else's capacity.
    assert "rare" not in first.reasons[0].text.lower() and "Rare" not in first.reasons[0].text
    soonest = team(person("ann", {}), person("soon", {"cbt": "core"}, slots=("2026-11-24T09:00",)))
    assert "closest_match" not in codes(recommend(soonest, case(), now=NOW).transfer[0].reasons)


def test_at_equal_fit_and_cost_the_earliest_free_slot_ranks_first():
    reg = team(person("ann", {}), person("late", {"cbt": "core"}, slots=("2026-12-20T09:00",)),
               person("soon", {"cbt": "core"}, slots=("2026-12-10T09:00", "2026-11-25T14:00")))
    rec = recommend(reg, case(), now=NOW)
    assert ids(rec) == ["soon", "late"]
    assert rec.transfer[0].next_slot == "2026-11-25T14:00"
    assert "Next free appointment Wed 25 Nov, 14:00" in texts(rec.transfer[0].reasons)


def test_clinicians_without_a_free_slot_come_after_those_with_one():
    reg = team(person("ann", {}), person("aaron", {"cbt": "core"}, slots=()), person("zed", {"cbt": "core"}, slots=("2027-01-20T09:00",)))
    rec = recommend(reg, case(), now=NOW)
    assert ids(rec) == ["zed", "aaron"]
    assert rec.transfer[1].next_slot is None
    assert "no_free_slot" in codes(rec.transfer[1].cautions)


def test_slots_in_the_past_are_skipped():
    reg = team(person("ann", {}), person("ben", {"cbt": "core"}, slots=("2026-11-20T09:00", "2026-12-02T09:30")))
    assert recommend(reg, case(), now=NOW).transfer[0].next_slot == "2026-12-02T09:30"
    assert recommend(reg, case(), now=datetime(2026, 12, 5)).transfer[0].next_slot is None


def test_a_long_wait_is_cautioned_past_the_policy_weeks():
    reg = team(person("ann", {}), person("ben", {"cbt": "core"}, slots=("2026-12-28T09:00",)),
               person("cat", {"cbt": "core"}, slots=("2027-01-20T09:00",)))
    rec = recommend(reg, case(), now=NOW)
    assert "The first free appointment is 35 days away, over 4 weeks" in texts(rec.transfer[0].cautions)
    assert "very_long_wait" in codes(rec.transfer[1].cautions)


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
    assert codes(partly.cautions)[:2] == ["nobody_fits", "another_service"]
    assert "Nobody in the team has specialist training in EMDR" in partly.cautions[1].text
    assert "nobody_fits" not in codes(none.cautions)


def test_when_nobody_holds_the_skills_soft_preferences_still_rank_the_nearest():
    reg = team(person("ann", {}), person("ben", {"systemic": "core"}, gender="male", slots=("2026-11-24T09:00",)),
               person("cat", {"systemic": "core"}, gender="female", slots=("2026-12-20T09:00",)))
    rec = recommend(reg, case(goals=[("emdr", "core")], preferences={"gender": "female"}), now=NOW)
    assert ids(rec) == ["cat", "ben"]


def test_when_only_the_choice_clinician_holds_the_skills_the_note_says_so():
    reg = team(person("ann", {"emdr": "specific"}), person("ben", {"cbt": "core"}))
    rec = recommend(reg, case(goals=[("emdr", "specific")]), now=NOW)
    assert rec.offer_choice and ids(rec) == ["ben"]
    assert rec.transfer[0].cautions[0].text.startswith("Apart from Ann, nobody in the team holds every skill")


def test_every_candidate_carries_reasons():
    reg = team(person("ann", {}), person("ben", {"systemic": "core"}, slots=()))
    rec = recommend(reg, case(), now=NOW)
    assert rec.transfer[0].reasons and rec.transfer[0].cautions


# ------------------------------------------------------------------ contract and bad input


def test_the_json_has_exactly_the_contract_keys():
    reg = team(person("ann", {"cbt": "core"}), person("ben", {"cbt": "core"}))
    data = recommend(reg, case(), now=NOW).model_dump(mode="json")
    assert list(data) == ["recommendation", "offer_choice", "partnership_needed", "suggested", "keep", "transfer", "needed_skills"]
    assert data["suggested"] == "ben" and data["partnership_needed"] is True
    assert set(data["keep"]) == {"eligible", "reasons", "cautions", "specific_input"}
    assert set(data["transfer"][0]) == {"clinician", "name", "next_slot", "missing_skills", "specific_input", "reasons", "cautions"}
    for n in data["keep"]["reasons"] + data["keep"]["cautions"] + data["transfer"][0]["reasons"]:
        assert set(n) == {"code", "text", "audience"} and n["audience"] in ("family", "clinician")
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
        said = texts(rec.keep.reasons + rec.keep.cautions + [t for c in rec.transfer for t in c.reasons + c.cautions])
        assert said
        for t in said:
            assert check(t) == [], (path.name, t)


def test_a_taken_slot_is_never_offered_and_the_next_free_one_is():
    reg = team(person("ann", {"cbt": "core"}), person("bob", {"cbt": "core"}, slots=("2026-12-01T10:00", "2026-12-08T10:00")))
    free = recommend(reg, case(), now=NOW)
    assert free.transfer[0].next_slot == "2026-12-01T10:00"
    rec = recommend(reg, case(), now=NOW, taken=[("bob", datetime(2026, 12, 1, 10, 0))])
    assert rec.transfer[0].clinician == "bob" and rec.transfer[0].next_slot == "2026-12-08T10:00"
    assert "Tue 1 Dec" not in " ".join(texts(rec.transfer[0].reasons))


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
    assert fits.suggested == "cat"
    only_me = team(person("ann", {"cbt": "core"}, languages=["en", "pl"]), person("ben", {"cbt": "core"}))
    rec = recommend(only_me, case(preferences={"language": "pl", "required": ["language"]}), now=NOW)
    assert rec.suggested is None and ids(rec) == ["ben"]
    assert rec.model_dump(mode="json")["suggested"] is None


def test_when_only_the_choice_clinician_meets_a_hard_need_the_note_says_so():
    reg = team(person("ann", {"cbt": "core"}, languages=["en", "pl"]), person("ben", {"cbt": "core"}))
    rec = recommend(reg, case(preferences={"language": "pl", "required": ["language"]}), now=NOW)
    assert rec.keep.eligible
    assert rec.transfer[0].cautions[0].text.startswith("Apart from Ann, nobody")
