"""Practice runs played through the domain by the --script contract: every scenario, a good and a poor trainee."""

from __future__ import annotations

import json

import pytest

from choice_assistant.training.library import bundled_scenarios
from choice_assistant.training.practice import save_report
from choice_assistant.training.progress import progress
from choice_assistant.training.script import play_script, result
from tests.support.trainees import play_good, poor

SCENARIOS = {s.id: s for s in bundled_scenarios()}
IDS = sorted(SCENARIOS)


def test_there_are_ten_scenarios_including_the_four_new_ones():
    assert {"quiet-young-person", "parent-talks-over", "stay-without-skill", "safeguarding-disclosure"} <= set(SCENARIOS)
    assert len(SCENARIOS) >= 10


@pytest.mark.parametrize("sid", IDS)
def test_a_good_trainee_passes_every_gate_and_the_pass_mark(sid, demo_register):
    run = play_good(SCENARIOS[sid], demo_register)
    report = run.report()
    assert run.stage == "closed"
    assert report.passed, (report.score, [(f.component, f.why) for f in report.points()])
    assert report.score >= 85
    assert all(g.passed is not False for g in report.gates)


@pytest.mark.parametrize("sid", IDS)
def test_a_poor_trainee_fails_with_quoted_feedback_and_better_wording(sid, demo_register):
    run = play_script(SCENARIOS[sid], demo_register, poor(SCENARIOS[sid], demo_register))
    report = run.report()
    assert not report.passed and report.score < 40
    assert report.gate("risk_asked").passed is False
    for f in report.points():
        assert f.quote and f.why and f.try_instead
    said = " ".join(f.quote for f in report.points("tone"))
    assert "handed over" in said and report.part("tone").score < report.part("tone").pass_mark
    quotes = [f.quote for f in report.points()]
    assert len(quotes) <= 7 and len(set(quotes)) == len(quotes)


def test_the_script_output_follows_the_contract(demo_register):
    s = SCENARIOS["clear-transfer"]
    out = result(play_script(s, demo_register, poor(s, demo_register)))
    json.dumps(out)
    assert set(out) == {"transcript", "report"}
    assert all(set(t) == {"stage", "speaker", "text", "intent"} for t in out["transcript"])
    r = out["report"]
    assert 0 <= r["score"] <= 100 and isinstance(r["passed"], bool)
    assert {"gates", "components", "feedback"} <= set(r)
    assert set(r["components"]) == {"drawing_out", "behaviour", "capa_tasks", "choice_integrity", "allocation", "tone", "letters"}
    assert all({"quote", "why", "try_instead"} <= set(f) for f in r["feedback"])


def test_reports_are_named_by_the_real_date_and_feed_progress(demo_register, data_dir):
    """Old: the practice screen saved reports with the scenario's appointment time (clear-transfer-20261123-093000.md
    whatever the day), a report had no score, and there was no `train progress`."""
    from datetime import date

    s = SCENARIOS["clear-transfer"]
    first = save_report(play_script(s, demo_register, poor(s, demo_register)).report())
    second = save_report(play_good(s, demo_register).report())
    assert first.name.startswith(date.today().isoformat()) and s.when.date().isoformat() not in first.name
    assert first != second and (first.stat().st_mode & 0o777) == 0o600
    data = progress()
    assert [x["scenario"] for x in data["sessions"]] == ["clear-transfer", "clear-transfer"]
    assert data["components"]["tone"][0] < data["components"]["tone"][1]
