"""The register commands as a team lead uses them."""

from __future__ import annotations

import json

import pytest

from choice_assistant import __version__
from choice_assistant.cli import main


@pytest.fixture(autouse=True)
def _fixed_clock(monkeypatch):
    """Free slots are those still to come: the demo team's slots are all after this date."""
    from datetime import datetime

    monkeypatch.setattr("choice_assistant.team.register_report._now", lambda: datetime(2026, 11, 23, 9, 0))


def test_check_prints_one_summary_line(demo_register_path, capsys):
    assert main(["register", "check", str(demo_register_path)]) == 0
    out = capsys.readouterr().out
    assert out == "Riverside CAMHS (demo): 14 clinicians, 13 skills, 47 free Partnership slots\n"


def test_schema_is_json_schema_of_the_register(capsys):
    assert main(["register", "schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "Register"
    assert {"team", "skills", "clinicians"} <= set(schema["properties"])
    assert schema["additionalProperties"] is False


def test_report_marks_rare_skills_languages_and_shows_free_slots(demo_register_path, capsys):
    assert main(["register", "report", str(demo_register_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    dbt = next(line for line in lines if line.startswith("DBT skills"))
    assert dbt.split()[2:6] == ["0", "1", "1", "5"] and "RARE" in dbt
    systemic = next(line for line in lines if line.startswith("Systemic family work"))
    assert "RARE" not in systemic.replace("rare at specific level", "")
    polish = next(line for line in lines if line.startswith("Polish "))
    assert "RARE" in polish
    assert any(line.startswith("Gender") for line in lines)
    assert any(line.startswith("Cultural background") for line in lines)


def test_report_json_counts_match_the_register(demo_register, demo_register_path, capsys):
    assert main(["register", "report", "--json", str(demo_register_path)]) == 0
    data = json.loads(capsys.readouterr().out)
    cbt_holders = [c for c in demo_register.clinicians if "cbt" in c.skills]
    assert data["skills"]["cbt"]["can_do_core"]["clinicians"] == len(cbt_holders)
    assert data["skills"]["cbt"]["can_do_core"]["free_slots"] == sum(len(c.partnership_slots) for c in cbt_holders)
    assert data["languages"]["pl"]["rare"] is True and data["languages"]["en"]["rare"] is False


def test_version_and_help(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0 and __version__ in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["register", "--help"])
    out = capsys.readouterr().out
    for action in ("check", "schema", "report", "import-csv"):
        assert action in out


def test_an_unexpected_failure_is_logged_not_shown(monkeypatch, data_dir, capsys, demo_register_path):
    import choice_assistant.cli.register as reg_cmd

    def boom(args):
        raise RuntimeError("internal")

    monkeypatch.setattr(reg_cmd, "check", boom)
    # the parser binds the function at build time, so patch before main() builds it
    code = main(["register", "check", str(demo_register_path)])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    logs = list((data_dir / "logs").glob("*.log"))
    assert len(logs) == 1 and str(logs[0]) in err
    text = logs[0].read_text()
    assert "RuntimeError" in text and "in boom" in text, "the kind of error and where it happened"
