"""`choice-assistant letter`: writing letters from a session export on the command line."""

from __future__ import annotations

import pytest

from choice_assistant.cli import main
from tests.support.letter_readback import letter_text


@pytest.fixture
def run(demo_session_path, demo_register_path, capsys):
    def _run(*extra, session=None):
        code = main(["letter", str(session or demo_session_path), "--register", str(demo_register_path), "--date", "2026-11-23", *extra])
        out, err = capsys.readouterr()
        return code, out, err
    return _run


def test_all_eight_demo_letters_are_written_and_pass_the_gate(run, tmp_path):
    for to in ("family", "referrer"):
        for fmt in ("md", "html", "docx", "pdf"):
            path = tmp_path / f"{to}.{fmt}"
            code, out, err = run("--to", to, "--format", fmt, "-o", str(path))
            assert code == 0, err
            assert "Quality check: 0 warnings" in err
            assert f"wrote {path}" in err
            assert "Wednesday 2 December 2026 at 3:30pm" in letter_text(path.read_bytes(), fmt)


def test_markdown_goes_to_stdout_and_the_gate_to_stderr(run):
    code, out, err = run("--to", "family", "--format", "md")
    assert code == 0
    assert out.startswith("**Riverside CAMHS (demo)**")
    assert "Quality check" not in out
    assert "Reading grade" in err


def test_pdf_without_output_is_saved_in_the_data_folder(run, data_dir):
    code, out, err = run("--to", "family", "--format", "pdf")
    assert code == 0
    saved = data_dir / "letters" / "sam-rivers-2026-11-23-family.pdf"  # by young person and date
    assert saved.read_bytes().startswith(b"%PDF")
    assert f"wrote {saved}" in err


def test_an_existing_file_is_kept_unless_forced(run, tmp_path):
    path = tmp_path / "letter.docx"
    path.write_bytes(b"the clinician's edited letter")
    code, _, err = run("--to", "family", "--format", "docx", "-o", str(path))
    assert code == 2 and "already exists" in err and "--force" in err
    assert "Quality check" not in err
    assert path.read_bytes() == b"the clinician's edited letter"
    code, _, _ = run("--to", "family", "--format", "docx", "-o", str(path), "--force")
    assert code == 0 and path.read_bytes().startswith(b"PK")


def test_referrer_letter_without_consent_is_refused_with_the_reason(run, demo_session_path, tmp_path):
    text = demo_session_path.read_text().replace("copy_to_referrer: true, copy_to_gp: true", "copy_to_referrer: false, copy_to_gp: false")
    session = tmp_path / "no-consent.yaml"
    session.write_text(text)
    out_file = tmp_path / "referrer.pdf"
    code, out, err = run("--to", "referrer", "--format", "pdf", "-o", str(out_file), session=session)
    assert code == 2
    assert "has not agreed to a copy going to the referrer" in err
    assert "Traceback" not in err and not out_file.exists()


def test_a_bad_session_file_is_one_clear_message(run, tmp_path):
    session = tmp_path / "bad.yaml"
    session.write_text("session: x\ndate: 2026-11-23\ngoals:\n  - {text: Go to school, rating: 12}\n")
    code, _, err = run("--to", "family", "--format", "md", session=session)
    assert code == 2
    assert "bad.yaml" in err and "goals[0].rating" in err
    assert "Traceback" not in err


def test_the_register_may_be_given_before_the_command(demo_session_path, demo_register_path, capsys):
    code = main(["--register", str(demo_register_path), "letter", str(demo_session_path), "--to", "family", "--format", "html"])
    assert code == 0
    assert "<!DOCTYPE html>" in capsys.readouterr().out


def test_a_bad_date_is_explained(demo_session_path, demo_register_path, capsys):
    code = main(["letter", str(demo_session_path), "--register", str(demo_register_path), "--to", "family",
                 "--format", "md", "--date", "23/11/2026"])
    assert code == 2
    assert "'23/11/2026' is not a date: write it as YYYY-MM-DD" in capsys.readouterr().err


# ---- contact details, format and register defaults, large print --------------------------------

def test_a_register_without_a_service_block_is_refused_with_exit_2(demo_session_path, demo_register_path, tmp_path, capsys):
    text = demo_register_path.read_text()
    bare = tmp_path / "no-service.yaml"
    bare.write_text(text[:text.index("# How families and referrers reach the team")])
    out_file = tmp_path / "letter.pdf"
    code = main(["letter", str(demo_session_path), "--register", str(bare), "--to", "family", "-o", str(out_file)])
    err = capsys.readouterr().err
    assert code == 2 and not out_file.exists()
    assert "no-service.yaml: service: " in err and "no service: block" in err and "phone" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("name, magic", [("letter.PDF", b"%PDF"), ("letter.Docx", b"PK"), ("letter.html", b"<!DOCTYPE")])
def test_the_format_comes_from_the_output_suffix_whatever_its_case(run, tmp_path, name, magic):
    path = tmp_path / name
    code, _, err = run("--to", "family", "-o", str(path))
    assert code == 0, err
    assert path.read_bytes().startswith(magic)


def test_the_format_option_ignores_case(run, tmp_path):
    code, out, err = run("--to", "Family", "--format", "MD")
    assert code == 0, err
    assert out.startswith("**Riverside CAMHS (demo)**")


def test_no_format_and_no_suffix_is_one_clear_message(run, tmp_path):
    code, _, err = run("--to", "family", "-o", str(tmp_path / "letter"))
    assert code == 2 and "does not end in a letter format" in err and "--format" in err


def test_without_a_register_the_demo_team_is_used_and_said(demo_session_path, capsys):
    code = main(["letter", str(demo_session_path), "--to", "family", "--format", "md"])
    out, err = capsys.readouterr()
    assert code == 0 and "bundled demo team" in err and "01234 567890" in out


def test_a_mistyped_option_gets_a_did_you_mean(run, capsys):
    with pytest.raises(SystemExit) as exit_:
        run("--too", "family", "--format", "md")
    assert exit_.value.code == 2
    assert "unknown option '--too': did you mean '--to'?" in capsys.readouterr().err


def test_large_print_is_offered(run, tmp_path):
    path = tmp_path / "large.docx"
    code, _, err = run("--to", "family", "-o", str(path), "--large-print")
    assert code == 0, err
    from docx import Document

    assert Document(str(path)).styles["Normal"].font.size.pt >= 16
    assert "in large print" in err


def test_a_pdf_with_a_character_no_font_has_is_not_written(run, demo_session_path, tmp_path):
    text = demo_session_path.read_text().replace("name: Sam Rivers", "name: \U0001E900\U0001E922 Rivers")
    session = tmp_path / "adlam.yaml"
    session.write_text(text, encoding="utf-8")
    out_file = tmp_path / "letter.pdf"
    code, _, err = run("--to", "family", "-o", str(out_file), session=session)
    assert code == 2 and not out_file.exists()
    assert "ERROR" in err and "U+1E900" in err and "not written" in err
    code, _, err = run("--to", "family", "-o", str(tmp_path / "letter.docx"), session=session)
    assert code == 0  # Word shows it with the reader's own fonts


# ---- what a letter lacks before posting, the GP, a copy for a parent elsewhere -------------------------

def _session_without(demo_session_path, tmp_path, *fields, **changes):
    import yaml

    data = yaml.safe_load(demo_session_path.read_text())
    for name in fields:
        data["young_person"].pop(name)
    data.update(changes)
    path = tmp_path / "session.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    return path


def test_what_a_letter_lacks_is_warned_and_the_letter_still_written(run, demo_session_path, tmp_path):
    session = _session_without(demo_session_path, tmp_path, "nhs_number", "address")
    out_file = tmp_path / "letter.pdf"
    code, _, err = run("--to", "family", "-o", str(out_file), session=session)
    assert code == 0 and out_file.exists()
    assert "Before posting: 2 things missing" in err
    assert "MISSING  no NHS number for Sam" in err and "(session field: young_person.nhs_number)" in err
    assert "no postal address for Sam Rivers and Jo Rivers" in err and "(session field: young_person.address)" in err


def test_a_letter_that_cannot_be_filed_against_the_right_record_is_not_written(run, demo_session_path, tmp_path):
    session = _session_without(demo_session_path, tmp_path, "nhs_number", "date_of_birth")
    out_file = tmp_path / "letter.pdf"
    code, out, err = run("--to", "referrer", "-o", str(out_file), session=session)
    assert code == 2 and not out_file.exists()
    assert "CANNOT   no date of birth" in err and "could not be filed against the right record" in err
    assert "session.yaml" in err and "Traceback" not in err


def test_the_gp_letter_and_a_parents_own_copy(run, tmp_path):
    gp = tmp_path / "gp.md"
    code, _, err = run("--to", "gp", "-o", str(gp))
    assert code == 0, err
    text = gp.read_text()
    assert "Dear Dr A Patel," in text and "3 Hill Street" in text and "Copy to: Ms K Shah, School nurse, Hill Academy (referrer)" in text
    code, out, err = run("--to", "family", "--format", "md")
    assert 'Mark Rivers lives at another address: write their own copy with --for "Mark Rivers"' in err
    code, out, err = run("--to", "family", "--format", "md", "--for", "Mark Rivers")
    assert code == 0 and "Dear Mark," in out and "Flat 2" in out
    code, _, err = run("--to", "family", "--format", "md", "--for", "Jo Rivers")
    assert code == 2 and "not a family member with an address of their own" in err


def test_large_print_follows_the_readers_communication_needs(run, demo_session_path, tmp_path):
    from docx import Document

    session = _session_without(demo_session_path, tmp_path,
                               communication_needs=[{"who": "Jo Rivers", "needs": ["large_print"]}])
    code, _, err = run("--to", "family", "-o", str(tmp_path / "large.docx"), session=session)
    assert code == 0, err
    assert Document(str(tmp_path / "large.docx")).styles["Normal"].font.size.pt >= 16 and "in large print" in err
    code, _, err = run("--to", "family", "-o", str(tmp_path / "standard.docx"), "--no-large-print", session=session)
    assert code == 0 and Document(str(tmp_path / "standard.docx")).styles["Normal"].font.size.pt == 11
