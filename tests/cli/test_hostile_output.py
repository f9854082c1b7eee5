"""Files about a family stay private on a shared machine: letters, exports, the data folder, crash logs."""

from __future__ import annotations

import os
import stat

import pytest

from choice_assistant.cli import main
from tests.conftest import EXAMPLES

REGISTER = str(EXAMPLES / "team.yaml")
SESSION = str(EXAMPLES / "sessions" / "sam-rivers.yaml")


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_a_planted_link_at_the_old_temporary_name_never_redirects_a_letter(tmp_path, capsys):
    victim = tmp_path / "victim.txt"
    victim.write_text("someone else's file\n")
    out = tmp_path / "letter.md"
    (tmp_path / ".letter.md.tmp").symlink_to(victim)
    code = main(["letter", SESSION, "--register", REGISTER, "--to", "family", "--format", "md", "-o", str(out)])
    assert code == 0, capsys.readouterr().err
    assert victim.read_text() == "someone else's file\n"
    assert "Sam" in out.read_text() and not out.is_symlink()


def test_a_planted_link_never_redirects_an_export(tmp_path):
    from choice_assistant.files import write_new_file

    victim = tmp_path / "victim.txt"
    victim.write_text("untouched\n")
    (tmp_path / ".export.yaml.tmp").symlink_to(victim)
    write_new_file(tmp_path / "export.yaml", "private_notes: x\n", "export")
    assert victim.read_text() == "untouched\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp") and p.name != ".export.yaml.tmp"] == []


def test_letters_are_private_whatever_the_umask(tmp_path, umask_022, capsys):
    for fmt in ("md", "docx"):
        out = tmp_path / f"letter.{fmt}"
        assert main(["letter", SESSION, "--register", REGISTER, "--to", "family", "--format", fmt, "-o", str(out)]) == 0
        assert mode(out) == 0o600, f"{fmt}: {oct(mode(out))}"


def test_a_saved_export_is_private_whatever_the_umask(tmp_path, umask_022):
    # `sessions export -o` and the assistant's export both write through this function
    from choice_assistant.files import write_new_file

    path = write_new_file(tmp_path / "session.yaml", "private_notes: PRIVATE\n", "export")
    assert mode(path) == 0o600


def test_a_loose_data_folder_is_tightened(tmp_path, monkeypatch, capsys):
    data = tmp_path / "data"
    data.mkdir()
    os.chmod(data, 0o777)
    monkeypatch.setenv("CHOICE_ASSISTANT_DATA", str(data))
    assert main(["letter", SESSION, "--register", REGISTER, "--to", "family", "--format", "pdf"]) == 0, capsys.readouterr().err
    assert mode(data) == 0o700
    letters = list((data / "letters").iterdir())
    assert letters and all(mode(p) == 0o600 for p in letters)


def _crash(monkeypatch):
    import choice_assistant.cli.register as reg_cmd

    def boom(args):
        secret = "PRIVATE: disclosed at school"  # noqa: F841 - a local a crash report must never show
        raise RuntimeError("internal")

    monkeypatch.setattr(reg_cmd, "check", boom)


def test_crash_logs_are_unique_private_and_in_the_data_folder(monkeypatch, data_dir, capsys, umask_022):
    _crash(monkeypatch)
    for _ in range(2):  # within the same second
        assert main(["register", "check", REGISTER]) == 1
    err = capsys.readouterr().err
    logs = sorted((data_dir / "logs").glob("*.log"))
    assert len(logs) == 2, "two crashes in one second must leave two logs"
    for log in logs:
        assert mode(log) == 0o600
        assert str(log) in err
        assert "PRIVATE" not in log.read_text()
    assert "PRIVATE" not in err and "Traceback" not in err


def test_without_a_data_folder_the_crash_log_is_not_at_a_predictable_name(monkeypatch, tmp_path, capsys):
    import tempfile

    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    monkeypatch.setenv("CHOICE_ASSISTANT_DATA", str(not_a_folder))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    _crash(monkeypatch)
    assert main(["register", "check", REGISTER]) == 1
    logs = [p for p in tmp_path.iterdir() if p.suffix == ".log"]
    assert len(logs) == 1 and mode(logs[0]) == 0o600
    assert not logs[0].name.startswith("choice-assistant-error-"), "a name anyone can guess and plant a link at"


def test_a_register_imported_from_csv_stays_readable_by_the_team(tmp_path, umask_022, capsys):
    src = tmp_path / "skills.csv"
    src.write_text("name,role,Cognitive behavioural therapy [cbt]\nAyo Bello,Psychologist,core\n")
    out = tmp_path / "team.yaml"
    assert main(["register", "import-csv", str(src), "-o", str(out)]) == 0, capsys.readouterr().err
    assert mode(out) == 0o644  # a register is the team's shared list, not a family's record


def test_files_that_belong_together_get_the_same_free_number(tmp_path):
    from choice_assistant.files import unused_path, unused_paths

    md, pdf = tmp_path / "s1-family.md", tmp_path / "s1-family.pdf"
    assert unused_paths([md, pdf]) == [md, pdf]
    pdf.write_text("x")
    (tmp_path / "s1-family-2.md").write_text("x")
    assert [p.name for p in unused_paths([md, pdf])] == ["s1-family-3.md", "s1-family-3.pdf"]
    assert unused_path(md) == md
    (tmp_path / "dangling.md").symlink_to(tmp_path / "nowhere")
    assert unused_path(tmp_path / "dangling.md").name == "dangling-2.md"
