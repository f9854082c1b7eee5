"""`choice-assistant sessions list|export` and `diagram`, as a user runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, datetime

import yaml

from choice_assistant.cli import main
from choice_assistant.appointment.export import load_case
from choice_assistant.appointment.session import Session
from choice_assistant.journal.sqlite import SqliteStore
from choice_assistant.appointment import STAGE_IDS, Appointment

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NOW = datetime(2026, 11, 23, 10, 0)


def finished_session(store, register, name="Sam Rivers"):
    a = Appointment.new(store, register, "ayo", now=NOW)
    a.tick_phrase("skills_match"); a.tick_phrase("your_preference"); a.next()
    a.set_text("young_person", name)
    a.set_text("risk", "Asked: feels safe"); a.set_safety(False); a.next()
    a.add_goal("Go back to school without panicking", "young_person", 3); a.next()
    a.set_text("formulation", "Worry grew."); a.next()
    a.add_option(1, "cbt"); a.add_option(1, "self_help"); a.next()
    a.agree_option(1, "cbt"); a.set_things_to_try(["Breathing every evening"]); a.next()
    a.set_preferences(gender="female")
    a.set_client_wants("transfer"); a.choose("transfer", "chloe"); a.next()
    a.book(datetime(2026, 12, 2, 15, 30)); a.next()
    a.set_text("private_note", "PRIVATE: ask the school nurse")
    a.next()
    return a


def test_sessions_list_json_shows_every_session_newest_first(data_dir, demo_register, capsys):
    with SqliteStore.open() as store:
        first = finished_session(store, demo_register, "Sam Rivers")
        second = Appointment.new(store, demo_register, "ben", now=NOW)
        second.set_text("young_person", "Alex Kay")
        second.flush()
    assert main(["sessions", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in rows] == [second.session_id, first.session_id]
    assert rows[0]["young_person"] == "Alex Kay" and rows[0]["stage"] == "introduction" and not rows[0]["finished"]
    assert rows[1]["stage"] == "closed" and rows[1]["finished"] and rows[1]["date"] == "2026-11-23"
    assert set(rows[0]) == {"id", "date", "stage", "young_person", "last_change", "finished"}


def test_sessions_list_in_words(data_dir, demo_register, capsys):
    assert main(["sessions", "list"]) == 0
    assert "No saved appointments yet." in capsys.readouterr().out
    with SqliteStore.open() as store:
        a = finished_session(store, demo_register)
    main(["sessions", "list"])
    out = capsys.readouterr().out
    assert a.session_id in out and "Sam Rivers" in out and "Closed" in out


def test_sessions_export_writes_the_contract_yaml_that_letters_and_matching_read(data_dir, demo_register, tmp_path, capsys):
    with SqliteStore.open() as store:
        a = finished_session(store, demo_register)
    out = tmp_path / "sam.yaml"
    assert main(["sessions", "export", a.session_id[:8], "-o", str(out)]) == 0
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["session"] == a.session_id
    assert data["outcome"] == {"decision": "transfer", "clinician": "chloe", "slot": "2026-12-02T15:30"}
    assert data["private_notes"] == "Letters: PRIVATE: ask the school nurse"  # one text, as in the contract
    assert data["date"] == date(2026, 11, 23)  # a YAML date, not a quoted string
    read_back = Session.model_validate(data)
    assert read_back.model_dump(exclude={"private_notes"}) == a.export().model_dump(exclude={"private_notes"})
    case = load_case(out, demo_register)
    assert case.choice_clinician == "ayo" and case.goals[0].approach == "cbt"
    assert main(["sessions", "export", a.session_id, "-o", str(out)]) == 2
    assert "already exists" in capsys.readouterr().err


def test_exporting_an_unknown_session_exits_2_with_a_clear_message(data_dir):
    done = subprocess.run([sys.executable, "-m", "choice_assistant", "sessions", "export", "nope"], cwd=ROOT,
                          capture_output=True, text=True, env={**os.environ, "CHOICE_ASSISTANT_DATA": str(data_dir)})
    assert done.returncode == 2
    assert "no saved appointment 'nope'" in done.stderr and "sessions list" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_foreign_journal_file_gives_exit_2_and_is_left_untouched(data_dir, capsys):
    path = data_dir / "journal.sqlite3"
    path.write_text("not a database", encoding="utf-8")
    assert main(["sessions", "list"]) == 2
    assert "not a choice-assistant journal" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == "not a database"


def test_diagram_prints_every_stage_as_mermaid(capsys):
    assert main(["diagram"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("stateDiagram-v2")
    for stage in STAGE_IDS:
        assert f" as {stage}" in out
    assert "[the risk and safeguarding question is answered]" in out
