"""`choice-assistant train` as a new member of staff uses it."""

from __future__ import annotations

from pathlib import Path

import pytest

from choice_assistant.cli import main
from choice_assistant.training.scenario import bundled_scenarios

ROOT = Path(__file__).resolve().parents[2]


def test_list_shows_one_line_per_scenario_with_id_title_and_what_it_practises(capsys):
    assert main(["train", "--list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    scenarios = bundled_scenarios()
    assert len(lines) == len(scenarios) >= 6
    for line, s in zip(lines, scenarios):
        assert line.startswith(s.id) and s.title in line and s.practises in line


def test_check_a_valid_scenario_prints_a_summary(capsys):
    path = ROOT / "examples" / "scenarios" / "language-need.yaml"
    assert main(["train", "--check", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and "'language-need'" in out and "is valid" in out and "Chloe Martin" in out


def test_check_a_broken_scenario_exits_2_naming_file_place_and_fix(tmp_path, capsys):
    text = (ROOT / "examples" / "scenarios" / "clear-transfer.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("choice_clinician: ben", "choice_clinician: benn").replace("rating: 3", "rating: eleven"), encoding="utf-8")
    assert main(["train", "--check", str(bad)]) == 2
    err = capsys.readouterr().err
    assert str(bad) in err and "goals[0].rating" in err and "Traceback" not in err
    bad.write_text(text.replace("choice_clinician: ben", "choice_clinician: benn"), encoding="utf-8")
    assert main(["train", "--check", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "choice_clinician (line 9)" in err and "did you mean 'ben'" in err


@pytest.mark.parametrize("content", ["", "- just\n- a list\n", "id: [unclosed\n"])
def test_check_unreadable_scenarios_exit_2_with_one_message(tmp_path, capsys, content):
    bad = tmp_path / "bad.yaml"
    bad.write_text(content, encoding="utf-8")
    assert main(["train", "--check", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"choice-assistant: {bad}") and "Traceback" not in err


def test_an_unknown_scenario_exits_2_pointing_at_the_list(capsys):
    assert main(["train", "no-such-family"]) == 2
    assert "train --list" in capsys.readouterr().err


class FakeApp:
    """Stands in for the assistant once it accepts training=: records how it was opened."""

    opened: dict = {}

    def __init__(self, register, register_path=None, demo=False, *, training=None, store_path=None, now=None, **kwargs):
        FakeApp.opened = {"register": register, "register_path": register_path, "demo": demo, "training": training,
                          "store_path": store_path, "now": now}
        self.return_code = 0

    def run(self):
        pass


def test_train_opens_the_assistant_in_training_mode_with_a_practice_journal(monkeypatch, data_dir):
    import choice_assistant.tui as tui

    monkeypatch.setattr(tui, "ChoiceAssistantApp", FakeApp, raising=False)
    assert main(["train", "disclosure-keep"]) == 0
    opened = FakeApp.opened
    assert opened["training"].id == "disclosure-keep" and opened["demo"] is True
    assert opened["now"] == opened["training"].when
    assert opened["store_path"] is not None and data_dir not in Path(opened["store_path"]).parents


def test_train_without_a_scenario_offers_all_bundled_ones_to_pick_from(monkeypatch):
    import choice_assistant.tui as tui

    monkeypatch.setattr(tui, "ChoiceAssistantApp", FakeApp, raising=False)
    assert main(["train"]) == 0
    assert [s.id for s in FakeApp.opened["training"]] == [s.id for s in bundled_scenarios()]
