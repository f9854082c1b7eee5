"""Importing a spreadsheet skills matrix (CSV) into a team skill register."""

from __future__ import annotations

from choice_assistant import load_register
from choice_assistant.cli import main
from choice_assistant.register.model import Level

CSV = """name,role,gender,languages,Cognitive behavioural therapy [cbt],Systemic family work,DBT skills
Ayo Bello,Clinical psychologist,female,en;yo,specific,core,specific
Ben Ode,Family therapist,male,en,,specific,
"""


def test_a_skills_matrix_becomes_a_valid_register(tmp_path, capsys):
    src = tmp_path / "riverside.csv"
    src.write_text(CSV, encoding="utf-8")
    out = tmp_path / "team.yaml"
    assert main(["register", "import-csv", str(src), "-o", str(out), "--team", "Riverside CAMHS"]) == 0
    assert "2 clinicians, 3 skills" in capsys.readouterr().out
    reg = load_register(out)
    assert reg.team == "Riverside CAMHS"
    assert [s.id for s in reg.skills] == ["cbt", "systemic_family_work", "dbt_skills"]
    assert reg.skill_name("cbt") == "Cognitive behavioural therapy"
    ayo = reg.clinician("ayo_bello")
    assert ayo.languages == ["en", "yo"] and ayo.skills["cbt"] is Level.specific
    assert reg.clinician("ben_ode").skills == {"systemic_family_work": Level.specific}


def test_a_bad_level_in_a_cell_names_row_and_column(tmp_path, capsys):
    src = tmp_path / "skills.csv"
    src.write_text(CSV.replace("en,,specific,", "en,,expert,"), encoding="utf-8")
    code = main(["register", "import-csv", str(src), "-o", str(tmp_path / "out.yaml")])
    err = capsys.readouterr().err
    assert code == 2
    assert "row 3, column 'Systemic family work'" in err and "'expert' is not a level" in err
    assert not (tmp_path / "out.yaml").exists()


def test_missing_name_column_is_explained(tmp_path, capsys):
    src = tmp_path / "skills.csv"
    src.write_text("who,role,CBT\nAyo,Psychologist,core\n", encoding="utf-8")
    assert main(["register", "import-csv", str(src), "-o", str(tmp_path / "out.yaml")]) == 2
    assert "no 'name' column" in capsys.readouterr().err


def test_import_refuses_to_overwrite_an_existing_register(tmp_path, capsys):
    src = tmp_path / "skills.csv"
    src.write_text(CSV, encoding="utf-8")
    out = tmp_path / "team.yaml"
    out.write_text("precious: true\n", encoding="utf-8")
    assert main(["register", "import-csv", str(src), "-o", str(out)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "precious: true\n"
    assert main(["register", "import-csv", str(src), "-o", str(out), "--force"]) == 0
    assert load_register(out).clinician("ayo_bello") is not None


def test_slots_and_semicolon_separated_files_are_read(tmp_path):
    src = tmp_path / "skills.csv"
    src.write_text("name;role;partnership_slots;CBT\nAyo;Psychologist;2026-12-01T10:00, 2026-12-02T09:30;core\n", encoding="utf-8")
    out = tmp_path / "team.yaml"
    assert main(["register", "import-csv", str(src), "-o", str(out)]) == 0
    assert len(load_register(out).clinician("ayo").partnership_slots) == 2


def test_an_empty_or_binary_csv_is_refused_clearly(tmp_path, capsys):
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    assert main(["register", "import-csv", str(empty), "-o", str(tmp_path / "o.yaml")]) == 2
    assert "empty" in capsys.readouterr().err
    junk = tmp_path / "junk.csv"
    junk.write_bytes(b"\x00\x01\x02")
    assert main(["register", "import-csv", str(junk), "-o", str(tmp_path / "o.yaml")]) == 2
    assert "binary" in capsys.readouterr().err


def test_a_misspelt_clinician_column_is_named_with_what_was_meant(tmp_path, capsys):
    src = tmp_path / "skills.csv"
    src.write_text(CSV.replace(",gender,", ",gendre,"), encoding="utf-8")
    out = tmp_path / "out.yaml"
    assert main(["register", "import-csv", str(src), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "unknown column 'gendre'" in err and "did you mean 'gender'?" in err
    assert "not a level" not in err
    assert not out.exists()


def test_an_all_blank_stray_column_never_becomes_a_skill(tmp_path, capsys):
    src = tmp_path / "skills.csv"
    lines = CSV.splitlines()
    lines = [lines[0] + ",Team base"] + [row + "," for row in lines[1:]]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.yaml"
    assert main(["register", "import-csv", str(src), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "'Team base' is blank in every row" in err and "Team base [team_base]" in err
    assert not out.exists()


def test_a_skill_nobody_holds_yet_is_kept_when_its_id_is_written(tmp_path, capsys):
    src = tmp_path / "skills.csv"
    lines = CSV.splitlines()
    lines = [lines[0] + ",Eye movement therapy [emdr]"] + [row + "," for row in lines[1:]]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.yaml"
    assert main(["register", "import-csv", str(src), "-o", str(out)]) == 0, capsys.readouterr().err
    assert "emdr" in [s.id for s in load_register(out).skills]
