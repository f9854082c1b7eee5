"""Hostile and broken input files and command lines: one clear message, never a hang or a raw escape."""

from __future__ import annotations

import os
import subprocess
import sys

import yaml

from choice_assistant.cli import main
from tests.conftest import EXAMPLES

REGISTER = EXAMPLES / "team.yaml"
CASE = EXAMPLES / "cases" / "school-anxiety.yaml"


def run(argv, capsys):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def alias_bomb(depth: int = 10, width: int = 10) -> str:
    lines = ["a0: &a0 [" + ", ".join(["x"] * width) + "]"]
    for i in range(1, depth):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]")
    return "\n".join(lines) + "\nteam: *a%d\nskills: [{id: cbt, name: CBT}]\nclinicians: *a%d\n" % (depth - 1, depth - 1)


def test_an_alias_bomb_is_refused_at_once_not_expanded(tmp_path):
    bomb = tmp_path / "team.yaml"
    bomb.write_text(alias_bomb())
    # a separate process, so a hang (the old behaviour) ends the test instead of the suite
    try:
        proc = subprocess.run([sys.executable, "-m", "choice_assistant", "register", "check", str(bomb)],
                              capture_output=True, text=True, env=os.environ.copy(), timeout=60)
    except subprocess.TimeoutExpired:
        raise AssertionError("an alias bomb kept `register check` busy for a minute") from None
    assert proc.returncode == 2
    assert "team.yaml" in proc.stderr and "alias" in proc.stderr and "Traceback" not in proc.stderr
    assert len(proc.stderr) < 1000


def test_an_alias_that_contains_itself_is_refused(tmp_path, capsys):
    path = tmp_path / "case.yaml"
    path.write_text("choice_clinician: ayo\ngoals: &g [*g]\n")
    code, out, err = run(["recommend", REGISTER, path], capsys)
    assert code == 2 and "case.yaml" in err and "alias" in err and "line 2" in err


def test_a_small_honest_use_of_aliases_still_loads(tmp_path, capsys):
    data = yaml.safe_load(REGISTER.read_text())
    text = yaml.safe_dump(data, sort_keys=False)
    text = text.replace("partnership_slots: []", "partnership_slots: &none []", 1)
    path = tmp_path / "team.yaml"
    path.write_text(text)
    code, out, err = run(["register", "check", path], capsys)
    assert code == 0, err


def test_a_huge_key_is_cut_in_the_message(tmp_path, capsys):
    path = tmp_path / "team.yaml"
    key = "k" * 5000
    path.write_text(REGISTER.read_text() + f"? {key}\n: 1\n")  # an explicit key: plain keys stop at 1,024
    code, out, err = run(["register", "check", path], capsys)
    assert code == 2 and "unknown field" in err and "team.yaml" in err
    assert key not in err and len(err) < 600


def test_a_huge_value_is_cut_in_the_message(tmp_path, capsys):
    path = tmp_path / "team.yaml"
    path.write_text(REGISTER.read_text().replace("team: ", "team: [" + ", ".join(["word"] * 3000) + "]\nold_team: ", 1))
    code, out, err = run(["register", "check", path], capsys)
    assert code == 2 and "team.yaml" in err
    assert len(err) < 1200, err[:300]


def test_all_errors_get_lines_from_one_parse(tmp_path, capsys, monkeypatch):
    text = REGISTER.read_text()
    path = tmp_path / "team.yaml"
    path.write_text(text.replace("role:", "rol:"))  # one unknown field per clinician
    calls = []
    real = yaml.compose
    monkeypatch.setattr(yaml, "compose", lambda *a, **k: calls.append(1) or real(*a, **k))
    code, out, err = run(["register", "check", path], capsys)
    assert code == 2 and "unknown field 'rol'" in err and "(line " in err
    assert len(calls) <= 1, f"the file was parsed {len(calls)} more times to find the lines"


def test_a_file_far_too_large_is_refused_with_its_size(tmp_path, capsys):
    path = tmp_path / "team.yaml"
    path.write_text("# padding\n" * 600_000)  # 6 MB
    code, out, err = run(["register", "check", path], capsys)
    assert code == 2 and "team.yaml" in err and "6 MB" in err and "5 MB" in err


def _hostile_register(tmp_path):
    text = REGISTER.read_text()
    text = text.replace("team: Riverside CAMHS (demo)", 'team: "\\e]0;owned\\aRiverside"', 1)
    text = text.replace("name: Ayo Bello", 'name: "Ayo \\e[2J\\e[31mBello"', 1)
    path = tmp_path / "team.yaml"
    path.write_text(text)
    return path


def test_register_check_and_report_show_terminal_escapes_escaped(tmp_path, capsys):
    path = _hostile_register(tmp_path)
    for argv in (["register", "check", path], ["register", "report", path]):
        code, out, err = run(argv, capsys)
        assert code == 0, err
        assert "\x1b" not in out and "\x07" not in out
        assert "\\x1b]0;owned\\x07Riverside" in out


def test_recommend_shows_terminal_escapes_escaped(tmp_path, capsys):
    path = _hostile_register(tmp_path)
    code, out, err = run(["recommend", path, CASE], capsys)
    assert code == 0, err
    assert "\x1b" not in out and "\x07" not in out and "\\x1b" in out


def test_an_escape_in_a_bad_value_is_escaped_in_the_error(tmp_path, capsys):
    path = tmp_path / "team.yaml"
    path.write_text(REGISTER.read_text().replace("team: Riverside CAMHS (demo)", 'team: "x"\n"\\e[2Jtem": 1', 1))
    code, out, err = run(["register", "check", path], capsys)
    assert code == 2 and "\x1b" not in err and "\\x1b[2Jtem" in err


def test_an_unknown_option_is_named_with_the_one_meant(capsys):
    code = None
    try:
        main(["--regster", "x"])
    except SystemExit as exc:
        code = exc.code
    err = capsys.readouterr().err
    assert code == 2
    assert "'--regster'" in err and "did you mean '--register'?" in err
    assert "invalid choice" not in err


def test_an_unknown_option_of_a_command_is_named_too(capsys):
    try:
        main(["recommend", str(REGISTER), str(CASE), "--jsn"])
    except SystemExit as exc:
        assert exc.code == 2
    err = capsys.readouterr().err
    assert "'--jsn'" in err and "did you mean '--json'?" in err


def test_register_and_case_the_wrong_way_round_are_said_to_look_swapped(capsys):
    code, out, err = run(["recommend", CASE, REGISTER], capsys)
    assert code == 2 and "swapped" in err
    assert err.count("\n") == 1, "one message, not a list of field errors"


def _letter(session_path, capsys):
    return run(["letter", session_path, "--register", REGISTER, "--to", "family", "--format", "md"], capsys)


def test_a_session_with_thousands_of_goals_is_refused_with_a_message(tmp_path, capsys):
    data = yaml.safe_load((EXAMPLES / "sessions" / "sam-rivers.yaml").read_text())
    data["goals"] = [dict(data["goals"][0], text=f"Goal number {i}") for i in range(5000)]
    path = tmp_path / "session.yaml"
    path.write_text(yaml.safe_dump(data))
    code, out, err = _letter(path, capsys)
    assert code == 2 and out == ""
    assert "session.yaml" in err and "goals" in err and "5000 entries" in err and "Traceback" not in err


def test_a_session_text_far_longer_than_any_appointment_is_refused(tmp_path, capsys):
    data = yaml.safe_load((EXAMPLES / "sessions" / "sam-rivers.yaml").read_text())
    data["concerns"] = "worry " * 50_000
    path = tmp_path / "session.yaml"
    path.write_text(yaml.safe_dump(data))
    code, out, err = _letter(path, capsys)
    assert code == 2 and "session.yaml" in err and "concerns" in err and "characters long" in err
    assert len(err) < 800


def test_a_refusal_from_the_journal_is_one_plain_message_and_exit_2(monkeypatch, capsys):
    from choice_assistant.cli import main
    from choice_assistant.cli import sessions
    from choice_assistant.journal.port import Unreachable

    def unreachable(args):
        raise Unreachable("the team diary at postgresql://ana@diary/camhs cannot be reached just now: try again shortly")

    monkeypatch.setattr(sessions, "list_sessions", unreachable)
    assert main(["sessions", "list"]) == 2
    err = capsys.readouterr().err
    assert "cannot be reached" in err and "Traceback" not in err and "went wrong" not in err
