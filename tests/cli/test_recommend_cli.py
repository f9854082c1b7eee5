"""`choice-assistant recommend` as a clinician and a script use it."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from choice_assistant import load_case, recommend
from choice_assistant.cli import main
from tests.conftest import EXAMPLES

NOW = datetime(2026, 11, 23, 9, 0)
CASES = EXAMPLES / "cases"


@pytest.fixture(autouse=True)
def _fixed_clock(monkeypatch):
    monkeypatch.setattr("choice_assistant.matching.recommend._now", lambda: NOW)


@pytest.mark.parametrize("name", ["school-anxiety", "disclosure-keep", "polish-speaking", "no-one-skilled"])
def test_json_output_is_exactly_what_the_python_api_returns(name, demo_register, demo_register_path, capsys):
    path = CASES / f"{name}.yaml"
    assert main(["recommend", str(demo_register_path), str(path), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == recommend(demo_register, load_case(path), now=NOW).model_dump(mode="json")


def test_summary_names_the_suggestion_the_choice_and_each_candidate(demo_register_path, capsys):
    assert main(["recommend", str(demo_register_path), str(CASES / "school-anxiety.yaml")]) == 0
    out = capsys.readouterr().out
    assert "seen in Choice by Ayo Bello" in out
    assert "The goals need: Cognitive behavioural therapy (CBT) at core level; Systemic family work at core level" in out
    assert "Suggested: Chloe Martin, who has every skill and need these goals ask for, next free 2026-11-30 10:00." in out
    assert "Staying with Ayo Bello is an option: ask the family what they would prefer." in out
    assert "  1. Chloe Martin (chloe)" in out
    # Team scarcity is for the clinician: listed apart, after what may be read with the family.
    staff = out.index("For you and the team (not to read out):")
    assert out.index("Ayo Bello is the only clinician of 14 who offers DBT skills at specific level") > staff
    assert "{" not in out and "_" not in out.replace("(chloe)", "")


def test_summary_says_when_the_family_would_like_to_stay_and_can(demo_register_path, capsys):
    assert main(["recommend", str(demo_register_path), str(CASES / "disclosure-keep.yaml")]) == 0
    out = capsys.readouterr().out
    assert "Suggested: carry on with Fatima Rahman" in out
    assert "Going over it again with someone new" in out and "fresh start" in " ".join(out.split())
    assert "Nearest clinicians (none fits every need):" in out


def test_a_session_export_can_be_given_instead_of_a_case(demo_register_path, demo_session_path, capsys):
    assert main(["recommend", str(demo_register_path), str(demo_session_path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["needed_skills"] == [{"skill": "cbt", "level": "core"}, {"skill": "systemic", "level": "core"}]
    assert data["transfer"][0]["clinician"] == "chloe"


def _case(tmp_path, text: str):
    path = tmp_path / "case.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("choice_clinician: ayoo\ngoals: [{text: x, approach: cbt}]\n",
         "choice_clinician (line 1): 'ayoo' is not a clinician in Riverside CAMHS (demo)'s register (did you mean 'ayo'?)"),
        ("choice_clinician: ayo\ngoals: [{text: x, approach: cbtt}]\n",
         "goals[0].approach (line 2): 'cbtt' is neither a skill in Riverside CAMHS (demo)'s catalogue"),
        ("choice_clinician: ayo\ngoals: [{text: x, approach: cbt, level: deep}]\n", "goals[0].level"),
        ("choice_clinician: ayo\ngoals: [{text: x, approach: cbt}]\nclient_wants: maybe\n", "client_wants"),
        ("choice_clinician: ayo\ngoals: [{text: x, approach: cbt}]\nkeep_reasons: [friendship]\n", "keep_reasons[0]"),
        ("choice_clinician: ayo\ngoals: [{text: x, approach: cbt}]\npreferences: {required: [language]}\n",
         "preferences.required[0]"),
    ],
)
def test_bad_case_input_exits_2_naming_the_file_the_field_and_the_value(tmp_path, demo_register_path, capsys, text, expected):
    path = _case(tmp_path, text)
    assert main(["recommend", str(demo_register_path), str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert str(path) in captured.err and expected in captured.err
    assert "Traceback" not in captured.err


def test_a_missing_case_file_exits_2(tmp_path, demo_register_path, capsys):
    assert main(["recommend", str(demo_register_path), str(tmp_path / "nope.yaml")]) == 2
    assert "no such case" in capsys.readouterr().err


def test_a_bad_register_exits_2_before_anything_is_suggested(tmp_path, capsys):
    reg = tmp_path / "team.yaml"
    reg.write_text("team: T\nskills: [{id: cbt, name: CBT}]\nclinicians: [{id: a, name: A, role: R, skills: {cbt: deep}}]\n", encoding="utf-8")
    assert main(["recommend", str(reg), str(CASES / "school-anxiety.yaml")]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and str(reg) in captured.err and "clinicians[0].skills.cbt" in captured.err


def test_a_goal_met_outside_the_team_is_accepted_and_needs_no_skill(tmp_path, demo_register_path, capsys):
    path = _case(tmp_path, "choice_clinician: ayo\ngoals:\n  - {text: x, approach: self_help}\n  - {text: y, approach: parenting}\n")
    assert main(["recommend", str(demo_register_path), str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["needed_skills"] == [{"skill": "parenting", "level": "core"}]


@pytest.mark.parametrize("name", ["school-anxiety", "disclosure-keep", "polish-speaking", "no-one-skilled"])
def test_the_spoken_summary_never_frames_a_transfer_as_a_loss(name, demo_register_path, capsys):
    from choice_assistant.wording.tone import check

    assert main(["recommend", str(demo_register_path), str(CASES / f"{name}.yaml")]) == 0
    assert check(capsys.readouterr().out) == []


def test_the_summary_never_suggests_someone_who_misses_a_hard_need(tmp_path, capsys):
    from choice_assistant.cli import main

    reg = tmp_path / "team.yaml"
    reg.write_text(
        "team: T\nskills: [{id: cbt, name: CBT}]\nclinicians:\n"
        "  - {id: ann, name: Ann, role: R, languages: [en, pl], skills: {cbt: core}}\n"
        "  - {id: ben, name: Ben, role: R, skills: {cbt: core}}\n", encoding="utf-8")
    c = tmp_path / "case.yaml"
    c.write_text("choice_clinician: ann\ngoals: [{text: x, approach: cbt}]\npreferences: {language: pl, required: [language]}\n",
                 encoding="utf-8")
    assert main(["recommend", str(reg), str(c)]) == 0
    out = capsys.readouterr().out
    assert "Suggested: Ben" not in out and "Only Ann fits every need" in out
