"""The team skill register: loading, validation and the clear errors a team lead sees."""

from __future__ import annotations

import textwrap
from datetime import datetime

import pytest

from choice_assistant import load_case, load_register
from choice_assistant.errors import InputError
from choice_assistant.register.model import Level

GOOD = """\
team: Test Team
skills:
  - {id: cbt, name: Cognitive behavioural therapy}
  - {id: systemic, name: Systemic family work}
clinicians:
  - id: ayo
    name: Ayo Bello
    role: Clinical psychologist
    gender: female
    languages: [en, yo]
    skills: {cbt: specific, systemic: core}
    partnership_slots: [2026-12-01T10:00, 2026-12-03T14:00]
  - id: ben
    name: Ben Ode
    role: Family therapist
    skills: {systemic: specific}
"""


def write(tmp_path, text, name="team.yaml"):
    p = tmp_path / name
    p.write_text(textwrap.dedent(text), encoding="utf-8")
    return p


def error_of(path) -> InputError:
    with pytest.raises(InputError) as info:
        load_register(path)
    return info.value


def test_a_good_register_loads_with_levels_slots_and_default_language(tmp_path):
    reg = load_register(write(tmp_path, GOOD))
    assert reg.team == "Test Team"
    ayo = reg.clinician("ayo")
    assert ayo.skills["cbt"] is Level.specific
    assert ayo.partnership_slots == [datetime(2026, 12, 1, 10, 0), datetime(2026, 12, 3, 14, 0)]
    assert reg.clinician("ben").languages == ["en"]


def test_specific_covers_core_but_not_the_other_way():
    assert Level.specific.covers(Level.core)
    assert Level.core.covers(Level.core)
    assert not Level.core.covers(Level.specific)


def test_the_demo_team_is_realistic(demo_register):
    reg = demo_register
    assert 12 <= len(reg.clinicians) <= 16
    assert len({c.role for c in reg.clinicians}) >= 8
    assert len({c.gender for c in reg.clinicians}) >= 3
    assert len({lang for c in reg.clinicians for lang in c.languages}) >= 8
    assert any(not c.partnership_slots for c in reg.clinicians), "some clinicians have no free slots"
    for sid in ("assessment", "behavioural", "cbt", "dynamic", "systemic", "parenting", "dbt_skills", "emdr", "medication_review", "group_work"):
        assert sid in reg.skills_by_id


def test_unknown_skill_on_a_clinician_is_named_with_its_path(tmp_path):
    err = error_of(write(tmp_path, GOOD.replace("systemic: specific", "sytemic: specific")))
    text = str(err)
    assert "clinicians[1].skills.sytemic" in text
    assert "did you mean 'systemic'" in text
    assert str(tmp_path / "team.yaml") in text


def test_a_skill_may_carry_its_snomed_code_quoted_or_not(tmp_path):
    text = GOOD.replace("{id: cbt, name: Cognitive behavioural therapy}", "{id: cbt, name: Cognitive behavioural therapy, snomed: 1234567}")
    text = text.replace("{id: systemic, name: Systemic family work}", "{id: systemic, name: Systemic family work, snomed: '7654321'}")
    reg = load_register(write(tmp_path, text))
    assert [s.snomed for s in reg.skills] == ["1234567", "7654321"]
    assert load_register(write(tmp_path, GOOD, "plain.yaml")).skills[0].snomed is None


def test_a_snomed_code_that_is_not_digits_is_refused_with_its_path(tmp_path):
    text = GOOD.replace("{id: cbt, name: Cognitive behavioural therapy}", "{id: cbt, name: Cognitive behavioural therapy, snomed: CBT-01}")
    message = str(error_of(write(tmp_path, text)))
    assert "skills[0].snomed" in message and "digits only" in message


def test_duplicate_clinician_ids_are_refused(tmp_path):
    err = error_of(write(tmp_path, GOOD.replace("id: ben", "id: ayo")))
    assert "clinicians[1].id" in str(err) and "used twice" in str(err)


def test_duplicate_skill_ids_are_refused(tmp_path):
    err = error_of(write(tmp_path, GOOD.replace("{id: systemic, name: Systemic family work}", "{id: cbt, name: CBT again}")))
    assert "skills[1].id" in str(err)


def test_bad_level_names_the_field_and_the_allowed_levels(tmp_path):
    err = error_of(write(tmp_path, GOOD.replace("cbt: specific", "cbt: expert")))
    text = str(err)
    assert "clinicians[0].skills.cbt" in text and "'core' or 'specific'" in text and "expert" in text
    assert "line 11" in text


def test_misspelt_field_is_an_error_with_a_suggestion(tmp_path):
    err = error_of(write(tmp_path, GOOD.replace("languages: [en, yo]", "langauges: [en, yo]")))
    assert "clinicians[0].langauges" in str(err) and "did you mean 'languages'" in str(err)


def test_impossible_date_is_refused_with_the_expected_format(tmp_path):
    err = error_of(write(tmp_path, GOOD.replace("2026-12-03T14:00", "2026-02-30T14:00")))
    text = str(err)
    assert "clinicians[0].partnership_slots[1]" in text and "YYYY-MM-DDTHH:MM" in text


def test_impossible_yaml_timestamp_is_an_input_error_not_a_crash(tmp_path):
    err = error_of(write(tmp_path, GOOD.replace("2026-12-03T14:00", "2026-02-30 14:00:00")))
    assert "dates" in str(err)


def test_yaml_syntax_error_gives_line_and_column(tmp_path):
    err = error_of(write(tmp_path, GOOD.replace("role: Family therapist", "role: [Family therapist")))
    assert "line " in str(err) and "column " in str(err) and "YAML syntax error" in str(err)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "empty"),
        (b"   \n# only a comment\n", "only comments"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
        (b"team: \xff\xfe oops", "UTF-8"),
        (b"- just\n- a list\n", "mapping"),
    ],
)
def test_unusable_files_say_what_is_wrong(tmp_path, content, expected):
    p = tmp_path / "team.yaml"
    p.write_bytes(content)
    assert expected in str(error_of(p))


def test_missing_file_and_folder_are_clear(tmp_path):
    assert "no such register" in str(error_of(tmp_path / "nope.yaml"))
    assert "folder" in str(error_of(tmp_path))


def test_a_register_needs_clinicians_and_skills(tmp_path):
    err = error_of(write(tmp_path, "team: Empty\nskills: []\nclinicians: []\n"))
    assert "skills" in str(err) and "clinicians" in str(err)


def test_a_case_loads_and_is_checked_against_the_register(tmp_path):
    reg = load_register(write(tmp_path, GOOD))
    case_path = write(tmp_path, """\
        choice_clinician: ayo
        goals:
          - {text: "Go back to school", approach: cbt, level: core}
        preferences: {gender: female, language: yo, required: [language]}
        keep_reasons: [disclosure]
        client_wants: keep
        """, "case.yaml")
    case = load_case(case_path, reg)
    assert case.goals[0].level is Level.core and case.client_wants == "keep"


def test_a_case_naming_an_unknown_clinician_or_approach_is_refused(tmp_path):
    reg = load_register(write(tmp_path, GOOD))
    case_path = write(tmp_path, """\
        choice_clinician: ayoo
        goals:
          - {text: "Go back to school", approach: cbtt}
        """, "case.yaml")
    with pytest.raises(InputError) as info:
        load_case(case_path, reg)
    text = str(info.value)
    assert "choice_clinician" in text and "did you mean 'ayo'" in text
    assert "goals[0].approach" in text and "cbtt" in text


def test_a_required_need_without_a_value_is_refused(tmp_path):
    case_path = write(tmp_path, """\
        choice_clinician: ayo
        goals: [{text: "x", approach: cbt}]
        preferences: {required: [language]}
        """, "case.yaml")
    with pytest.raises(InputError) as info:
        load_case(case_path)
    assert "preferences.required[0]" in str(info.value)


def test_a_session_export_can_be_read_as_a_case(demo_session_path, demo_register):
    case = load_case(demo_session_path, demo_register)
    assert case.choice_clinician == "ayo"
    assert [g.approach for g in case.goals] == ["cbt", "systemic"]
    assert case.client_wants == "transfer"


def test_a_case_may_name_ways_of_working_that_need_no_team_skill(tmp_path):
    reg = load_register(write(tmp_path, GOOD))
    case_path = write(tmp_path, """\
        choice_clinician: ben
        goals:
          - {text: "Feel calmer at bedtime", approach: self_help}
          - {text: "Get help with a housing worry", approach: other_agency}
        """, "case.yaml")
    assert [g.approach for g in load_case(case_path, reg).goals] == ["self_help", "other_agency"]


def test_something_everyone_in_a_small_team_holds_is_not_rare(tmp_path, capsys):
    from choice_assistant.cli import main

    path = write(tmp_path, GOOD)
    assert main(["register", "report", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    english = next(line for line in lines if line.startswith("English "))
    yoruba = next(line for line in lines if line.startswith("Yoruba "))
    assert "RARE" not in english and "RARE" in yoruba


def test_a_slot_with_a_time_zone_is_refused_with_what_to_write(tmp_path):
    err = error_of(write(tmp_path, GOOD.replace("2026-12-03T14:00", "2026-12-03T14:00+01:00")))
    assert "clinicians[0].partnership_slots" in str(err) and "time zone" in str(err)


def test_an_impossible_date_in_a_session_names_the_field_and_line(tmp_path, capsys):
    from choice_assistant.cli import main

    session = write(tmp_path, "session: s1\ndate: 2026-11-31\n", "s1.yaml")
    assert main(["letter", str(session), "--register", str(write(tmp_path, GOOD)), "--to", "family", "--format", "md"]) == 2
    err = capsys.readouterr().err
    assert "date (line 2)" in err and "YYYY-MM-DD" in err


def test_a_device_is_refused_instead_of_read_forever():
    err = error_of("/dev/zero")
    assert "device or pipe" in str(err)


def test_a_data_folder_that_is_a_file_is_a_clear_error(tmp_path, monkeypatch, capsys):
    from choice_assistant.cli import main

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("CHOICE_ASSISTANT_DATA", str(blocker))
    assert main(["sessions", "list"]) == 2
    assert "CHOICE_ASSISTANT_DATA" in capsys.readouterr().err


def test_a_top_level_that_is_not_a_mapping_is_described_in_plain_words(tmp_path):
    assert "found plain text" in str(error_of(write(tmp_path, "hello\n")))
