"""`choice-assistant fhir`: a session export as a FHIR R4 bundle on the command line, and its refusals."""

from __future__ import annotations

import json
import stat

import pytest

from choice_assistant.cli import main


@pytest.fixture
def run(demo_register_path, capsys):
    def _run(session, *extra, register=demo_register_path):
        args = ["fhir", str(session)] + (["--register", str(register)] if register else []) + ["--date", "2026-11-24", *extra]
        code = main(args)
        out, err = capsys.readouterr()
        return code, out, err
    return _run


def edited(demo_session_path, tmp_path, old: str, new: str):
    text = demo_session_path.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "session.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_the_bundle_goes_to_stdout_as_r4_json(run, demo_session_path):
    from fhirclient.models.bundle import Bundle

    code, out, err = run(demo_session_path)
    assert code == 0, err
    bundle = json.loads(out)
    assert bundle["resourceType"] == "Bundle" and bundle["type"] == "collection"
    assert Bundle(bundle).entry[0].resource.resource_type == "Patient"
    assert "PRIVATE" not in out  # the demo session's private note
    assert err == ""


def test_output_file_is_private_and_never_overwritten_silently(run, demo_session_path, tmp_path):
    path = tmp_path / "record.json"
    code, out, err = run(demo_session_path, "-o", str(path))
    assert code == 0 and out == "" and f"wrote {path}" in err
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert json.loads(path.read_text(encoding="utf-8"))["resourceType"] == "Bundle"
    path.write_text("the record someone kept")
    code, _, err = run(demo_session_path, "-o", str(path))
    assert code == 2 and "already exists" in err and "--force" in err
    assert path.read_text() == "the record someone kept"
    code, _, _ = run(demo_session_path, "-o", str(path), "--force")
    assert code == 0 and json.loads(path.read_text(encoding="utf-8"))["type"] == "collection"


def test_no_register_is_one_clear_message(run, demo_session_path):
    code, out, err = run(demo_session_path, register=None)
    assert code == 2 and out == ""
    assert "--register PATH" in err and "Traceback" not in err


def test_the_global_register_option_is_taken_too(demo_session_path, demo_register_path, capsys):
    code = main(["--register", str(demo_register_path), "fhir", str(demo_session_path)])
    assert code == 0 and json.loads(capsys.readouterr().out)["type"] == "collection"


def test_a_session_file_that_does_not_parse_is_one_clear_message(run, tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("session: x\ndate: [unclosed\n")
    code, out, err = run(path)
    assert code == 2 and out == ""
    assert str(path) in err and "line" in err and "Traceback" not in err


def test_an_unknown_clinician_is_one_clear_message(run, demo_session_path, tmp_path):
    path = edited(demo_session_path, tmp_path, "clinician: chloe", "clinician: zed")
    code, out, err = run(path)
    assert code == 2 and out == ""
    assert "'zed' is not a clinician" in err and "Traceback" not in err


def test_a_session_without_the_nhs_number_is_refused_saying_what_to_add(run, demo_session_path, tmp_path):
    path = edited(demo_session_path, tmp_path, 'nhs_number: "943 476 5919", ', "")
    out_file = tmp_path / "record.json"
    code, out, err = run(path, "-o", str(out_file))
    assert code == 2 and out == ""
    assert "add the young person's NHS number (Details, ctrl+r)" in err
    assert not out_file.exists()


def test_a_letter_left_out_is_said_on_stderr(run, demo_session_path, tmp_path):
    path = edited(demo_session_path, tmp_path, "copy_to_referrer: true, copy_to_gp: true", "copy_to_referrer: false, copy_to_gp: false")
    code, out, err = run(path)
    assert code == 0
    assert "note: No letter to the referrer" in err and "consent.copy_to_referrer" in err
    docs = [e for e in json.loads(out)["entry"] if e["resource"]["resourceType"] == "DocumentReference"]
    assert len(docs) == 1


def test_a_date_that_is_not_one_is_one_clear_message(demo_session_path, demo_register_path, capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["fhir", str(demo_session_path), "--register", str(demo_register_path), "--date", "2026-13-01"])
    assert stopped.value.code == 2
    assert "'2026-13-01' is not a date: write it as YYYY-MM-DD" in capsys.readouterr().err
