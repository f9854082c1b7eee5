"""Every coach judgement (each gate, each part of the rubric, each CAPA task) against a good and a poor run, read from
the --script contract's report; and the same seed gives the same conversation."""

from __future__ import annotations

import re

import pytest

from choice_assistant.training.library import bundled_scenarios
from choice_assistant.training.rubric import rubric
from choice_assistant.training.script import play_script, result
from tests.support.trainees import play_good, poor

SCENARIOS = {s.id: s for s in bundled_scenarios()}
PARTS = [c.id for c in rubric().components]
TASKS = ("curiosity", "honest opinion", "joint formulation", "alternatives", "choice point")


@pytest.fixture(scope="module")
def runs():
    from choice_assistant import load_register
    from tests.conftest import EXAMPLES

    register = load_register(EXAMPLES / "team.yaml")
    out = {}
    for sid in ("clear-transfer", "safeguarding-disclosure", "rare-skill-keep"):
        s = SCENARIOS[sid]
        out[sid] = (result(play_good(s, register))["report"], result(play_script(s, register, poor(s, register)))["report"])
    return out


@pytest.mark.parametrize("part", PARTS)
def test_each_part_scores_a_good_run_above_its_pass_mark_and_a_poor_run_lower_with_feedback(part, runs):
    good, bad = runs["clear-transfer"]
    g, b = good["components"][part], bad["components"][part]
    assert g["passed"] and g["score"] >= g["pass_mark"], (part, g)
    assert b["score"] < g["score"], (part, g["score"], b["score"])
    points = [f for f in bad["feedback"] if f["component"] == part and not f["good"]]
    todo = [f for f in bad["feedback"] if not f["good"]]
    assert points or len(todo) == 7, part  # a part's own point may give way to more important ones, at most 7 in all
    assert all(f["quote"] and f["why"] and f["try_instead"] for f in todo), part
    assert not [f for f in good["feedback"] if f["component"] == part and not f["good"] and part != "behaviour"], part


@pytest.mark.parametrize("part", ["choice_integrity", "allocation", "tone"])
def test_keeping_parts_are_judged_where_staying_is_an_option(part, runs):
    good, bad = runs["rare-skill-keep"]
    assert good["components"][part]["passed"] and not bad["components"][part]["passed"], part


@pytest.mark.parametrize("gate", ["risk_asked", "risk_recorded"])
def test_each_safety_gate_is_met_by_the_good_run_and_missed_by_the_poor(gate, runs):
    for sid in runs:
        good, bad = runs[sid]
        assert {g["id"]: g["passed"] for g in good["gates"]}[gate] is True, (sid, gate)
        assert {g["id"]: g["passed"] for g in bad["gates"]}[gate] is False, (sid, gate)
        assert bad["passed"] is False


def test_the_safeguarding_gate_applies_only_where_a_disclosure_must_change_the_plan(runs):
    good, bad = runs["safeguarding-disclosure"]
    assert {g["id"]: g["passed"] for g in good["gates"]}["safeguarding_plan"] is True
    assert {g["id"]: g["passed"] for g in bad["gates"]}["safeguarding_plan"] is False
    other, _ = runs["clear-transfer"]
    assert {g["id"]: g["passed"] for g in other["gates"]}["safeguarding_plan"] is None


def _ratings(report) -> dict[str, int]:
    seen = " ".join(report["components"]["capa_tasks"]["seen"])
    return {t.strip(): int(n) for t, n in re.findall(r"([a-z ]+) (\d)/5", seen)}


@pytest.mark.parametrize("task", TASKS)
def test_each_capa_task_is_rated_higher_for_the_good_run(task, runs):
    good, bad = runs["clear-transfer"]
    g, b = _ratings(good), _ratings(bad)
    assert g[task] >= 4 and b[task] < g[task], (task, g, b)


def test_the_same_seed_gives_the_same_conversation(demo_register):
    s = SCENARIOS["disclosure-keep"]
    turns = poor(s, demo_register)
    first = result(play_script(s, demo_register, turns, seed=7))["transcript"]
    again = result(play_script(s, demo_register, turns, seed=7))["transcript"]
    assert first == again
    good = [ln.as_json() for ln in play_good(s, demo_register).transcript]
    assert good == [ln.as_json() for ln in play_good(s, demo_register).transcript]


def test_another_seed_may_choose_other_words_but_the_same_meaning(demo_register):
    s = SCENARIOS["clear-transfer"]
    q = [{"stage": "introduction", "say": "Hello."}, {"record": {"phrases": "all"}}, {"next": True}]
    q += [{"stage": "curiosity", "say": "What worries you most, Ella?"}] * 2
    runs = [result(play_script(s, demo_register, q, seed=n))["transcript"] for n in range(6)]
    assert len({tuple(t["text"] for t in r) for r in runs}) > 1
    assert all([t["intent"] for t in r] == [t["intent"] for t in runs[0]] for r in runs)


@pytest.mark.parametrize("sid", sorted(SCENARIOS))
def test_the_good_run_written_as_a_script_replays_the_same_conversation_and_passes(sid, demo_register):
    from tests.support.trainees import good_script

    s = SCENARIOS[sid]
    run = play_script(s, demo_register, good_script(s, demo_register))
    assert run.stage == "closed"
    assert [ln.as_json() for ln in run.transcript] == [ln.as_json() for ln in play_good(s, demo_register).transcript]
    assert run.report().passed
