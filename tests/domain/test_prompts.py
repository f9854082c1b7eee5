"""Stage prompts in a sandbox, the introduction's phrase bank, the options catalogue, and goal nudges."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from choice_assistant.wording import catalogue, stage_prompts
from choice_assistant.errors import InputError
from choice_assistant.register.model import Register
from choice_assistant.journal.sqlite import SqliteStore
from choice_assistant.wording.tone import check as tone_check
from choice_assistant.appointment import STAGE_IDS, Appointment

NOW = datetime(2026, 11, 23, 10, 0)
DEMO_SKILLS = {"assessment", "behavioural", "cbt", "dynamic", "systemic", "parenting", "dbt_skills", "emdr",
               "medication_review", "group_work", "ipt_a", "solution_focused", "creative"}


def write(root: Path, name: str, text: str) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# -- stage prompts -----------------------------------------------------------------------------

def test_every_stage_has_a_prompt_that_renders_from_a_live_appointment(data_dir, demo_register):
    with SqliteStore.open() as store:
        a = Appointment.new(store, demo_register, "ayo", now=NOW)
        a.add_goal("be happier", "young_person", 2)
        for stage in STAGE_IDS:
            a.machine.set_state(stage, model=a)
            text = stage_prompts.render_stage(stage, stage_prompts.stage_data(a))
            assert text.strip(), stage
            assert "{{" not in text and "{%" not in text


def test_the_curiosity_prompt_asks_the_risk_question_until_it_is_answered(data_dir, demo_register):
    with SqliteStore.open() as store:
        a = Appointment.new(store, demo_register, "ayo", now=NOW)
        a.machine.set_state("curiosity", model=a)
        assert "ask about safety" in stage_prompts.render_stage("curiosity", stage_prompts.stage_data(a))
        a.set_text("risk", "Asked: no concerns at home or school")
        a.set_safety(False)
        assert "ask about safety" not in stage_prompts.render_stage("curiosity", stage_prompts.stage_data(a))


def test_the_goals_prompt_nudges_a_vague_goal(data_dir, demo_register):
    with SqliteStore.open() as store:
        a = Appointment.new(store, demo_register, "ayo", now=NOW)
        a.add_goal("feel better", "young_person", 2)
        text = stage_prompts.render_stage("goals", stage_prompts.stage_data(a))
        assert "1. feel better - goal of the young person, rated 2/10" in text
        assert "hard to measure" in text


@pytest.mark.parametrize("body", [
    "{{ ''.__class__.__mro__ }}",
    "{{ name|attr('__class__') }}",
    "{{ '{0.__class__}'.format(name) }}",
    "{{ name.__init__.__globals__ }}",
    "{% set x = [] %}{{ x.append(1) }}",
])
def test_sandbox_escapes_in_a_template_are_refused_with_a_clear_message(tmp_path, body):
    write(tmp_path, "stages/goals.j2", "Hello\n" + body + "\n")
    with pytest.raises(InputError) as exc:
        stage_prompts.render_stage("goals", {"name": "Sam"}, root=tmp_path)
    msg = str(exc.value)
    assert str(tmp_path / "stages" / "goals.j2") in msg
    assert "templates may not use" in msg
    assert "line 2" in msg


def test_a_template_syntax_error_names_the_file_and_line(tmp_path):
    write(tmp_path, "stages/options.j2", "one\ntwo\n{% for x in %}\n")
    with pytest.raises(InputError, match=r"options\.j2: line 3: template syntax error"):
        stage_prompts.render_stage("options", {}, root=tmp_path)


def test_a_template_using_a_value_it_is_not_given_names_the_file_line_and_value(tmp_path):
    write(tmp_path, "stages/formulation.j2", "ok\n{{ nickname }}\n")
    with pytest.raises(InputError) as exc:
        stage_prompts.render_stage("formulation", {"name": "Sam"}, root=tmp_path)
    assert "formulation.j2: line 2" in str(exc.value) and "'nickname' is undefined" in str(exc.value)


def test_a_missing_template_is_a_clear_error(tmp_path):
    with pytest.raises(InputError, match="template is missing"):
        stage_prompts.render_stage("letters", {}, root=tmp_path)


def test_a_template_that_fails_at_run_time_is_a_clear_error(tmp_path):
    write(tmp_path, "stages/goals.j2", "{{ 1 // 0 }}\n")
    with pytest.raises(InputError, match="ZeroDivisionError"):
        stage_prompts.render_stage("goals", {}, root=tmp_path)


# -- phrase bank ---------------------------------------------------------------------------------

def test_the_introduction_says_early_and_positively_who_they_will_see_and_asks_their_preference():
    bank = catalogue.phrase_bank()
    required = [p for p in bank if p.required]
    assert {p.id for p in required} == {"skills_match", "your_preference"}
    ids = [p.id for p in bank]
    assert ids.index("skills_match") < ids.index("notes_and_letter")  # said early
    skills = next(p for p in bank if p.id == "skills_match").text
    assert "skills" in skills and "goals" in skills
    assert "prefer" in next(p for p in bank if p.id == "your_preference").text
    for p in bank:
        assert tone_check(p.text) == [], p.id


def test_a_phrase_bank_with_a_duplicate_id_is_refused_with_its_place(tmp_path):
    write(tmp_path, "introduction.yaml", "phrases:\n  - {id: a, title: A, text: Hello}\n  - {id: a, title: B, text: Again}\n")
    with pytest.raises(InputError, match=r"phrases\[1\]\.id.*used twice"):
        catalogue.phrase_bank(root=tmp_path)


# -- options catalogue -------------------------------------------------------------------------

def test_the_catalogue_covers_the_demo_teams_skills_and_the_options_outside_the_team(demo_register):
    cat = catalogue.options_catalogue()
    team = {o.skill for o in cat if o.team}
    assert DEMO_SKILLS <= team
    outside = {o.id for o in cat if not o.team}
    assert {"self_help", "school_network", "other_agency", "no_further_service", "family_strengths"} <= outside
    assert set(catalogue.NON_TEAM_OPTIONS) == outside
    assert all(o.family_description and o.typical_goals for o in cat)
    assert catalogue.check_catalogue(cat, demo_register) == []


def test_a_team_option_whose_skill_the_team_lacks_is_reported(demo_register):
    data = demo_register.model_dump()
    data["skills"] = [s for s in data["skills"] if s["id"] != "emdr"]
    for c in data["clinicians"]:
        c["skills"].pop("emdr", None)
    smaller = Register.model_validate(data)
    problems = catalogue.check_catalogue(catalogue.options_catalogue(), smaller)
    assert len(problems) == 1 and "'emdr'" in problems[0].message


def test_a_team_option_without_a_skill_is_refused_with_file_and_line(tmp_path):
    write(tmp_path, "options.yaml", "options:\n  - id: x\n    title: X\n    family_description: words\n")
    with pytest.raises(InputError) as exc:
        catalogue.options_catalogue(root=tmp_path)
    assert "options.yaml" in str(exc.value) and "needs a skill and a level" in str(exc.value)


def test_a_catalogue_yaml_error_names_the_line(tmp_path):
    write(tmp_path, "options.yaml", "options:\n  - id: x\n   title: [oops\n")
    with pytest.raises(InputError, match="line"):
        catalogue.options_catalogue(root=tmp_path)


def test_an_edited_catalogue_is_read_again(tmp_path):
    import os

    path = write(tmp_path, "options.yaml", "options:\n  - {id: a, title: A, family_description: w, team: false}\n")
    assert [o.id for o in catalogue.options_catalogue(root=tmp_path)] == ["a"]
    write(tmp_path, "options.yaml", "options:\n  - {id: b, title: B, family_description: w, team: false}\n")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    assert [o.id for o in catalogue.options_catalogue(root=tmp_path)] == ["b"]


# -- help and goal nudges ------------------------------------------------------------------------

def test_every_stage_has_help_text():
    for stage in STAGE_IDS:
        assert len(stage_prompts.help_text(stage)) > 40


@pytest.mark.parametrize("goal", ["be happier", "feel better", "more confident", "improve things", "ok"])
def test_vague_goals_get_a_nudge_to_make_them_specific(goal):
    assert "0-10" in stage_prompts.vague_goal_hint(goal)


@pytest.mark.parametrize("goal", ["Go back to school for full days without panicking",
                                  "Fewer arguments at home in the mornings",
                                  "Sleep in my own bed 5 nights a week"])
def test_specific_goals_are_left_alone(goal):
    assert stage_prompts.vague_goal_hint(goal) is None
