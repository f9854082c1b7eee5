"""Training scenarios: the bundled ones load and set up the situations they claim; bad files fail clearly."""

from __future__ import annotations

from pathlib import Path

import pytest

from choice_assistant.errors import InputError
from choice_assistant.matching.recommend import recommend
from choice_assistant.matching.case import Case, Goal, Preferences
from choice_assistant.wording.catalogue import options_catalogue
from choice_assistant.training.scenario import bundled_scenarios, check_scenario, find_scenario, load_scenario

ROOT = Path(__file__).resolve().parents[2]
SCENARIO_FILES = sorted((ROOT / "examples" / "scenarios").glob("*.yaml"))


@pytest.fixture(scope="module")
def scenarios():
    return {s.id: s for s in bundled_scenarios()}


def case_of(scenario, *, wants="undecided", with_needs=True) -> Case:
    """The case a well-run appointment would reach with the family's preferred ways of working."""
    catalogue = {o.id: o for o in options_catalogue()}
    goals = [Goal(text=g.text, approach=g.approach, level=(catalogue[g.approach].level or "core"), owner=g.owner, rating=g.rating)
             for g in scenario.goals]
    return Case(choice_clinician=scenario.choice_clinician, goals=goals,
                preferences=scenario.wishes.needs if with_needs else Preferences(), client_wants=wants)


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=[p.stem for p in SCENARIO_FILES])
def test_each_bundled_scenario_is_valid_for_the_demo_team(path, demo_register):
    scenario = load_scenario(path, demo_register)
    assert scenario.id == path.stem
    assert scenario.source == path


def test_there_are_at_least_six_scenarios_with_unique_ids(scenarios):
    assert len(scenarios) >= 6
    assert len(SCENARIO_FILES) == len(scenarios)


def test_clear_transfer_the_choice_clinician_lacks_the_skill_and_colleagues_have_it(scenarios, demo_register):
    rec = recommend(demo_register, case_of(scenarios["clear-transfer"]), now=scenarios["clear-transfer"].when)
    assert not rec.keep.eligible
    assert rec.transfer and not rec.transfer[0].missing_skills


def test_disclosure_keeping_is_an_option_and_must_be_offered(scenarios, demo_register):
    s = scenarios["disclosure-keep"]
    assert s.wishes.disclosure and s.wishes.wants_to_keep and s.good_outcome.offer_keep
    rec = recommend(demo_register, case_of(s, wants="keep"), now=s.when)
    assert rec.keep.eligible and rec.recommendation == "keep"


def test_rare_skill_keeping_carries_a_scarcity_caution(scenarios, demo_register):
    s = scenarios["rare-skill-keep"]
    assert s.wishes.wants_to_keep and s.good_outcome.notice_scarcity
    rec = recommend(demo_register, case_of(s, wants="keep"), now=s.when)
    assert rec.keep.eligible
    assert any("EMDR" in c and "other families" in c for c in rec.keep.cautions)


def test_no_one_skilled_nobody_in_the_team_holds_what_the_goal_needs(scenarios, demo_register):
    s = scenarios["no-one-skilled"]
    rec = recommend(demo_register, case_of(s), now=s.when)
    assert not rec.keep.eligible
    assert all(c.missing_skills for c in rec.transfer)


def test_language_need_only_the_polish_speaker_fits_once_the_need_is_recorded(scenarios, demo_register):
    s = scenarios["language-need"]
    assert s.wishes.needs.language == "pl" and "language" in s.wishes.needs.required
    with_need = recommend(demo_register, case_of(s), now=s.when)
    assert [c.clinician for c in with_need.transfer if not c.missing_skills and "Polish" in " ".join(c.reasons)] == ["dariusz"]
    without = recommend(demo_register, case_of(s, with_needs=False), now=s.when)
    assert without.transfer[0].clinician != "dariusz"


def test_no_partnership_none_of_the_preferred_ways_of_working_needs_the_team(scenarios):
    s = scenarios["no-partnership"]
    catalogue = {o.id: o for o in options_catalogue()}
    assert s.wishes.no_partnership and s.good_outcome.decision == ["no_partnership"]
    assert not any(catalogue[g.approach].team for g in s.goals)


def test_find_scenario_by_id_or_path(demo_register):
    assert find_scenario("language-need", demo_register).id == "language-need"
    assert find_scenario(str(SCENARIO_FILES[0]), demo_register).id == SCENARIO_FILES[0].stem


def test_an_unknown_scenario_id_suggests_the_nearest_and_the_list():
    with pytest.raises(InputError) as info:
        find_scenario("clear-transfr")
    text = str(info.value)
    assert "did you mean 'clear-transfer'" in text and "train --list" in text


def _write(tmp_path, text: str) -> Path:
    path = tmp_path / "scenario.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _variant(tmp_path, old: str, new: str) -> Path:
    text = (ROOT / "examples" / "scenarios" / "language-need.yaml").read_text(encoding="utf-8")
    assert old in text
    return _write(tmp_path, text.replace(old, new, 1))


def test_a_typo_in_a_field_name_is_named_with_its_line_and_a_suggestion(tmp_path):
    path = _variant(tmp_path, "practises:", "practices:")
    with pytest.raises(InputError) as info:
        load_scenario(path)
    text = str(info.value)
    assert "practices" in text and "did you mean 'practises'" in text and "line 4" in text


def test_an_unknown_stage_and_an_empty_keyword_list_are_both_reported(tmp_path):
    path = _variant(tmp_path, "  curiosity:\n", "  curiousity:\n")
    path.write_text(path.read_text().replace("keywords: [time, day*, when, suit*, slot*]", "keywords: []"))
    with pytest.raises(InputError) as info:
        load_scenario(path)
    text = str(info.value)
    assert "stages.curiousity" in text and "'curiosity'" in text
    assert "stages.booking.replies[0].keywords" in text


def test_a_missing_required_stage_says_what_to_add(tmp_path):
    text = (ROOT / "examples" / "scenarios" / "no-partnership.yaml").read_text(encoding="utf-8")
    start = text.index("  formulation:\n")
    end = text.index("  options:\n")
    path = _write(tmp_path, text[:start] + text[end:])
    with pytest.raises(InputError) as info:
        load_scenario(path)
    assert "stages.formulation" in str(info.value) and "default" in str(info.value)


def test_a_no_partnership_family_needs_no_partnership_among_good_outcomes(tmp_path):
    path = _variant(tmp_path, "wishes:\n", "wishes:\n  no_partnership: true\n")
    with pytest.raises(InputError) as info:
        load_scenario(path)
    assert "good_outcome.decision" in str(info.value)


def test_clinicians_and_ways_of_working_are_checked_against_the_register(tmp_path, demo_register):
    path = _variant(tmp_path, "choice_clinician: chloe", "choice_clinician: chole")
    path.write_text(path.read_text().replace("alternatives: [parenting]", "alternatives: [parentnig]"))
    load_scenario(path)  # valid on its own
    with pytest.raises(InputError) as info:
        load_scenario(path, demo_register)
    text = str(info.value)
    assert "choice_clinician (line" in text and "did you mean 'chloe'" in text
    assert "goals[0].alternatives[0]" in text and "did you mean 'parenting'" in text


def test_good_outcome_clinicians_must_be_in_the_register(scenarios, demo_register):
    s = scenarios["language-need"].model_copy(deep=True)
    s.good_outcome.clinicians = ["darius"]
    with pytest.raises(InputError) as info:
        check_scenario(s, demo_register, "x.yaml")
    assert "good_outcome.clinicians[0]" in str(info.value)


def test_a_single_decision_is_read_as_a_list(scenarios):
    assert scenarios["clear-transfer"].good_outcome.decision == ["transfer"]
