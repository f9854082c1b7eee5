"""Selecting the Partnership clinician: one test for each problem found when trying it on a real-sized team."""

from __future__ import annotations

from datetime import datetime

from choice_assistant.matching.recommend import recommend
from choice_assistant.register.model import Register
from tests.domain.test_matching import NOW, SKILLS, case, codes, fillers, ids, person, team, texts


# ------------------------------------------------------------------ equity


def test_who_a_clinician_is_never_sinks_them_in_the_transfer_order():
    # Kofi is the team's only man, only Black British clinician and only Yoruba speaker, and is free first.
    reg = team(person("ann", {}),
               person("kofi", {"systemic": "core"}, slots=("2026-11-24T09:00",), gender="male",
                      cultural_background="Black British", languages=["en", "yo"]),
               person("emma", {"systemic": "core"}, slots=("2026-11-30T09:00",), gender="female", cultural_background="White British"),
               *fillers(7, gender="female", cultural_background="White British", slots=("2026-12-10T09:00",)))
    rec = recommend(reg, case(goals=[("systemic", "core")]), now=NOW)
    assert ids(rec)[:2] == ["kofi", "emma"]
    kofi = rec.transfer[0]
    assert not any(n.code.startswith("scarce_") for n in kofi.cautions)
    assert rec.suggested == "kofi"


def test_a_rare_gender_language_or_background_is_a_caution_about_keeping_for_the_clinician_only():
    reg = team(person("ann", {"systemic": "core"}, cultural_background="Somali", gender="male"),
               *fillers(9, gender="female", cultural_background="White British"))
    rec = recommend(reg, case(goals=[("systemic", "core")]), now=NOW)
    scarce = [n for n in rec.keep.cautions if n.code in ("scarce_background", "scarce_gender")]
    assert {n.code for n in scarce} == {"scarce_background", "scarce_gender"}
    assert all(n.audience == "clinician" for n in scarce)


# ------------------------------------------------------------------ rarity is weighted


def test_the_only_holder_of_a_skill_costs_more_than_one_of_five():
    reg = team(person("ann", {}),
               person("dbt1", {"systemic": "core", "dbt": "core"}, slots=("2026-11-24T09:00",)),
               person("emdr1", {"systemic": "core", "emdr": "core"}, slots=("2026-12-10T09:00",)),
               *[person(f"e{i}", {"emdr": "core"}) for i in range(4)], *fillers(5, {"cbt": "core"}),
               policy={"rare_max_holders": 5})
    rec = recommend(reg, case(goals=[("systemic", "core")]), now=NOW)
    assert ids(rec) == ["emdr1", "dbt1"]


# ------------------------------------------------------------------ Core plus Specific from the team


def test_when_nobody_holds_every_skill_the_team_members_who_can_add_the_missing_one_are_named():
    reg = team(person("ann", {}),
               person("sys", {"systemic": "core"}, slots=("2026-11-24T09:00",)),
               person("rosa", {"emdr": "specific"}, slots=("2026-11-26T10:00",)),
               person("omar", {"emdr": "specific"}, slots=("2026-11-27T10:00",)),
               *fillers(4))
    rec = recommend(reg, case(goals=[("emdr", "specific"), ("systemic", "core")]), now=NOW)
    assert rec.suggested is None
    first = rec.transfer[0]
    assert first.clinician == "sys"
    assert [(s.clinician, s.skill, s.level.value, s.next_slot) for s in first.specific_input] == [
        ("rosa", "emdr", "specific", "2026-11-26T10:00"), ("omar", "emdr", "specific", "2026-11-27T10:00")]
    every = [n.code for c in rec.transfer for n in c.cautions + c.reasons]
    assert "another_service" not in every and "specific_input" in codes(first.reasons)


def test_another_service_only_for_a_skill_nobody_in_the_team_holds():
    reg = team(person("ann", {}), person("sys", {"systemic": "core"}), *fillers(3))
    rec = recommend(reg, case(goals=[("emdr", "specific"), ("systemic", "core")]), now=NOW)
    assert codes(rec.transfer[0].cautions).count("another_service") == 1
    assert rec.transfer[0].specific_input == []


def test_the_choice_clinician_may_stay_as_core_worker_with_specific_input():
    reg = team(person("ann", {"systemic": "core"}), person("rosa", {"emdr": "specific"}), *fillers(3))
    rec = recommend(reg, case(goals=[("emdr", "specific"), ("systemic", "core")]), now=NOW)
    assert rec.keep.eligible and rec.offer_choice
    assert [s.clinician for s in rec.keep.specific_input] == ["rosa"]
    assert "keep_with_specific_input" in codes(rec.keep.cautions)


# ------------------------------------------------------------------ bookable first


def test_a_bookable_clinician_ranks_above_one_with_no_free_slot_whatever_the_scarcity_cost():
    reg = team(person("ann", {}), person("noslot", {"cbt": "core"}, slots=()),
               person("tomorrow", {"cbt": "core", "dbt": "specific"}, slots=("2026-11-24T09:00",)), *fillers(7))
    rec = recommend(reg, case(), now=NOW)
    assert ids(rec) == ["tomorrow", "noslot"]
    assert rec.suggested == "tomorrow"


def test_the_suggestion_is_never_someone_unbookable_while_a_bookable_fit_exists():
    # Cat meets the family's preference but has no slot; Ben can be booked.
    reg = team(person("ann", {}), person("cat", {"cbt": "core"}, slots=(), gender="female"),
               person("ben", {"cbt": "core"}, gender="male"))
    rec = recommend(reg, case(preferences={"gender": "female"}), now=NOW)
    assert ids(rec) == ["cat", "ben"]  # the preference still ranks first
    assert rec.suggested == "ben"


def test_staying_is_not_the_suggestion_when_the_choice_clinician_has_no_slot_and_another_fit_does():
    reg = team(person("ann", {"cbt": "core"}, slots=()), person("ben", {"cbt": "core"}))
    rec = recommend(reg, case(client_wants="keep"), now=NOW)
    assert rec.recommendation == "keep"  # the family's wish, as the contract says
    assert rec.suggested == "ben"
    assert "no_free_slot" in codes(rec.keep.cautions)


def test_a_bookable_fit_is_listed_even_when_every_better_ranked_one_has_no_slot():
    reg = team(person("ann", {}), *[person(f"p{i}", {"cbt": "core"}, slots=(), gender="female") for i in range(6)],
               person("zed", {"cbt": "core"}, gender="male"), policy={"max_candidates": 3})
    rec = recommend(reg, case(preferences={"gender": "female"}), now=NOW)
    assert len(rec.transfer) == 3 and ids(rec)[-1] == "zed" and rec.suggested == "zed"


def test_past_slots_never_make_a_clinician_bookable():
    reg = team(person("ann", {}), person("old", {"cbt": "core"}, slots=("2026-11-01T09:00",)),
               person("new", {"cbt": "core"}, slots=("2027-01-05T09:00",)))
    rec = recommend(reg, case(), now=NOW)
    assert ids(rec) == ["new", "old"] and rec.transfer[1].next_slot is None


# ------------------------------------------------------------------ no partnership needed


def test_no_suggestion_when_no_goal_needs_a_team_skill():
    reg = team(person("ann", {"cbt": "core"}), person("emily", {"systemic": "core"}))
    rec = recommend(reg, case(goals=[("self_help", "core"), ("school_network", "core")]), now=NOW)
    assert rec.partnership_needed is False and rec.suggested is None
    assert rec.model_dump(mode="json")["suggested"] is None


# ------------------------------------------------------------------ languages


def test_a_language_written_as_its_english_name_finds_the_speakers_of_its_code():
    reg = team(person("ann", {}), person("ben", {"cbt": "core"}),
               person("dar", {"cbt": "core"}, languages=["en", "pl"]), person("ola", {"cbt": "core"}, languages=["PL"]))
    rec = recommend(reg, case(preferences={"language": "Polish", "required": ["language"]}), now=NOW)
    assert sorted(ids(rec)) == ["dar", "ola"] and rec.suggested in ("dar", "ola")
    assert "Speaks Polish, as the family needs" in texts(rec.transfer[0].reasons)


def test_every_language_code_gets_a_plain_name():
    reg = team(person("ann", {}), person("ama", {"cbt": "core"}, languages=["en", "tw"]))
    rec = recommend(reg, case(preferences={"language": "tw"}), now=NOW)
    assert "Speaks Twi, as the family would prefer" in texts(rec.transfer[0].reasons)


def test_an_interpreter_is_mentioned_when_nobody_who_fits_speaks_the_language():
    reg = team(person("ann", {}), person("ben", {"cbt": "core"}), person("ula", {"systemic": "core"}, languages=["uk"]))
    rec = recommend(reg, case(preferences={"language": "uk"}), now=NOW)
    notes = [n for n in rec.transfer[0].cautions if n.code == "interpreter"]
    assert len(notes) == 1 and "Ukrainian" in notes[0].text and notes[0].audience == "family"
    speaks = recommend(team(person("ann", {}), person("ula", {"cbt": "core"}, languages=["uk"])),
                       case(preferences={"language": "uk"}), now=NOW)
    assert "interpreter" not in codes(speaks.transfer[0].cautions)


# ------------------------------------------------------------------ words in front of the family


def test_team_scarcity_and_colleagues_capacity_are_clinician_notes_never_family_ones():
    reg = team(person("ann", {"cbt": "core", "dbt": "core"}, cultural_background="Somali"),
               person("ben", {"cbt": "core", "emdr": "specific"}), *fillers(26, {"cbt": "core"}, cultural_background="White British"))
    rec = recommend(reg, case(), now=NOW)
    every = rec.keep.reasons + rec.keep.cautions + [n for c in rec.transfer for n in c.reasons + c.cautions]
    scarce = [n for n in every if n.code.startswith("scarce_") or n.code == "no_rare_skill_spent"]
    assert scarce and all(n.audience == "clinician" for n in scarce)
    assert not any("Somali" in n.text for n in every if n.audience == "family")


def test_the_disclosure_reason_offers_both_ways():
    reg = team(person("ann", {"cbt": "core"}), person("ben", {"cbt": "core"}))
    text = next(n.text for n in recommend(reg, case(keep_reasons=["disclosure"]), now=NOW).keep.reasons if n.code == "disclosure")
    assert "Going over it again with someone new may be hard" in text and "fresh start" in text and "ask" in text


def test_the_family_needs_are_said_in_the_registers_words_not_the_cases_capitals():
    reg = team(person("ann", {}), person("ben", {"cbt": "core"}, gender="male"))
    rec = recommend(reg, case(preferences={"gender": "MALE", "required": ["gender"]}), now=NOW)
    assert "Is male, as the family needs" in texts(rec.transfer[0].reasons)


def test_the_nobody_fits_note_is_said_once_not_on_every_candidate():
    reg = team(person("ann", {}), *fillers(4))
    rec = recommend(reg, case(goals=[("emdr", "core")]), now=NOW)
    assert sum(codes(c.cautions).count("nobody_fits") for c in rec.transfer) == 1


def test_the_keep_caution_gives_both_sides_with_numbers():
    # Ann is 1 of 2 with CBT; 9 offer systemic family work, which this case needs.
    reg = team(person("ann", {"cbt": "core", "systemic": "core"}), person("ben", {"cbt": "core", "systemic": "core"}),
               *fillers(8))
    rec = recommend(reg, case(goals=[("systemic", "core")]), now=NOW)
    scarce = next(n for n in rec.keep.cautions if n.code == "scarce_skill")
    assert "Ann is 1 of 2 clinicians (of 10) who offer CBT" in scarce.text
    assert "10 offer Systemic family work, which these goals need" in scarce.text


# ------------------------------------------------------------------ the register report


def test_register_report_never_counts_past_slots_as_free():
    from choice_assistant.team.register_report import report_data, report_lines

    reg = Register.model_validate({"team": "T", "skills": SKILLS, "clinicians": [
        person("ann", {"cbt": "core"}, slots=("2026-11-01T09:00", "2026-11-20T09:00", "2026-12-01T10:00"))]})
    assert "1 free Partnership slots" in report_lines(reg, NOW)[0]
    assert report_data(reg, NOW)["skills"]["cbt"]["can_do_core"]["free_slots"] == 1
    assert report_data(reg, datetime(2027, 1, 1))["skills"]["cbt"]["can_do_core"]["free_slots"] == 0
