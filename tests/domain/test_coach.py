"""The coach's judgements: each one changes when, and only when, the thing it looks at changes."""

from __future__ import annotations

import pytest

from choice_assistant.training.coach import (
    COULD_BE_BETTER,
    FAMILY,
    GOOD,
    MISSED,
    NOT_APPLICABLE,
    TRAINEE,
    VERDICT_LABELS,
    Line,
    Point,
    feedback,
    why_this_matters,
)
from choice_assistant.wording.stage_prompts import help_text
from choice_assistant.training.scenario import bundled_scenarios
from choice_assistant.appointment.session import SessionGoal
from choice_assistant.journal.sqlite import SqliteStore
from choice_assistant.training.practice import play
from choice_assistant.appointment import STAGE_IDS

SCENARIOS = {s.id: s for s in bundled_scenarios()}


@pytest.fixture
def good_run(demo_register, tmp_path):
    def make(sid: str):
        store = SqliteStore.open(tmp_path / f"{sid}.sqlite3")
        run = play(SCENARIOS[sid], demo_register, store, "good")
        return run.scenario, run.appointment.export(), list(run.transcript), run.appointment.phrases_said
    return make


def judge(demo_register, scenario, session, transcript, phrases):
    return feedback(scenario, session, transcript, register=demo_register, phrases_said=phrases)


@pytest.mark.parametrize("stage", STAGE_IDS)
def test_why_this_matters_gives_capa_s_reason_for_every_stage(stage):
    text = why_this_matters(stage)
    assert text.startswith(help_text(stage))


def test_why_this_matters_says_what_the_feedback_will_look_at():
    assert "feedback" in why_this_matters("curiosity").lower() and "safety" in why_this_matters("curiosity")
    assert "scarce" in why_this_matters("allocation")


def test_a_placeholder_risk_answer_without_a_question_is_missed(demo_register, good_run):
    scenario, session, transcript, phrases = good_run("clear-transfer")
    no_question = [ln for ln in transcript if not (ln.who == TRAINEE and "hurting" in ln.text)]
    assert judge(demo_register, scenario, session.model_copy(update={"risk": "n/a"}), no_question, phrases).point("risk").verdict == MISSED
    asked_but_none = judge(demo_register, scenario, session.model_copy(update={"risk": "none"}), transcript, phrases).point("risk")
    assert asked_but_none.verdict == COULD_BE_BETTER and "placeholder" in asked_but_none.seen
    recorded_not_asked = judge(demo_register, scenario, session, no_question, phrases).point("risk")
    assert recorded_not_asked.verdict == COULD_BE_BETTER


def test_goals_in_clinical_words_or_with_a_different_rating_could_be_better(demo_register, good_run):
    scenario, session, transcript, phrases = good_run("clear-transfer")
    g = session.goals[0]
    reworded = session.model_copy(update={"goals": [g.model_copy(update={"text": "Manage panic attacks during the school day"})]})
    point = judge(demo_register, scenario, reworded, transcript, phrases).point("goals")
    assert point.verdict == COULD_BE_BETTER and "not in their words" in point.seen
    rerated = session.model_copy(update={"goals": [g.model_copy(update={"rating": 6})]})
    point = judge(demo_register, scenario, rerated, transcript, phrases).point("goals")
    assert point.verdict == COULD_BE_BETTER and "rating recorded as 6; the family said 3" in point.seen
    owned = session.model_copy(update={"goals": [g.model_copy(update={"owner": "parent_carer"})]})
    assert "it was the young person's" in judge(demo_register, scenario, owned, transcript, phrases).point("goals").seen


def test_a_family_goal_left_out_is_named(demo_register, good_run):
    scenario, session, transcript, phrases = good_run("disclosure-keep")
    point = judge(demo_register, scenario, session.model_copy(update={"goals": session.goals[:1]}), transcript, phrases).point("goals")
    assert point.verdict == COULD_BE_BETTER and "Go out with my friends" in point.seen


def test_goals_without_any_rating_are_missed(demo_register, good_run):
    scenario, session, transcript, phrases = good_run("clear-transfer")
    unrated = [SessionGoal(text=g.text, owner=g.owner, approach=g.approach) for g in session.goals]
    assert judge(demo_register, scenario, session.model_copy(update={"goals": unrated}), transcript, phrases).point("goals").verdict == MISSED


def test_an_apology_for_a_transfer_is_missed_and_a_lone_unfortunately_could_be_better(demo_register, good_run):
    scenario, session, transcript, phrases = good_run("clear-transfer")
    apology = judge(demo_register, scenario, session, transcript + [Line(TRAINEE, "I'm sorry, I have to transfer you.", "allocation")], phrases)
    assert apology.point("tone").verdict == MISSED and "Who they will see" in apology.point("tone").seen
    mild = judge(demo_register, scenario, session, transcript + [Line(TRAINEE, "Unfortunately the bus was late.", "booking")], phrases)
    assert mild.point("tone").verdict == COULD_BE_BETTER
    family_words = judge(demo_register, scenario, session, transcript + [Line(FAMILY, "I'm sorry, I have to transfer you.", "allocation")], phrases)
    assert family_words.point("tone").verdict == GOOD  # only the trainee's words are judged


def test_an_introduction_without_the_required_phrases_or_own_words_is_missed(demo_register, good_run):
    scenario, session, transcript, phrases = good_run("clear-transfer")
    quiet = [ln for ln in transcript if ln.stage != "introduction"]
    assert judge(demo_register, scenario, session, quiet, {}).point("introduction").verdict == MISSED
    own_words_only = judge(demo_register, scenario, session, transcript, {}).point("introduction")
    assert own_words_only.verdict == GOOD and "0 of the 2 required phrases" in own_words_only.seen


def test_not_asking_what_the_family_prefer_could_be_better(demo_register, good_run):
    scenario, session, transcript, phrases = good_run("clear-transfer")
    silent = [ln for ln in transcript if ln.stage != "allocation"]
    point = judge(demo_register, scenario, session, silent, phrases).point("choices")
    assert point.verdict == COULD_BE_BETTER and "did not ask" in point.seen


def test_not_offering_to_stay_after_a_disclosure_is_missed(demo_register, good_run):
    scenario, session, transcript, phrases = good_run("disclosure-keep")
    no_offer = [ln if not (ln.who == TRAINEE and ln.stage == "allocation") else Line(TRAINEE, "Who would you prefer to see?", "allocation")
                for ln in transcript]
    point = judge(demo_register, scenario, session, no_offer, phrases).point("choices")
    assert point.verdict == MISSED and "did not offer" in point.seen


def test_a_disclosure_not_recorded_as_a_reason_to_stay_could_be_better(demo_register, good_run):
    scenario, session, transcript, phrases = good_run("disclosure-keep")
    point = judge(demo_register, scenario, session.model_copy(update={"keep_reasons": []}), transcript, phrases).point("choices")
    assert point.verdict == COULD_BE_BETTER and "painful" in point.seen


def test_a_scarcity_caution_raised_only_in_a_private_note_counts(demo_register, good_run):
    scenario, session, transcript, phrases = good_run("rare-skill-keep")
    unsaid = [ln for ln in transcript if not (ln.who == TRAINEE and "other families" in ln.text)]
    assert judge(demo_register, scenario, session, unsaid, phrases).point("scarcity").verdict == MISSED
    noted = session.model_copy(update={"private_notes": {"allocation": "Talked about my EMDR list with them."}})
    assert judge(demo_register, scenario, noted, unsaid, phrases).point("scarcity").verdict == GOOD


def test_a_clinician_without_the_needed_skill_is_missed_and_named(demo_register, good_run):
    scenario, session, transcript, phrases = good_run("clear-transfer")
    outcome = session.outcome.model_copy(update={"clinician": "jess"})
    point = judge(demo_register, scenario, session.model_copy(update={"outcome": outcome}), transcript, phrases).point("skill")
    assert point.verdict == MISSED and "Jess Taylor" in point.seen and "Cognitive behavioural therapy" in point.seen


def test_a_skilled_clinician_other_than_the_one_the_family_needs_could_be_better(demo_register, good_run):
    scenario, session, transcript, phrases = good_run("disclosure-keep")
    outcome = session.outcome.model_copy(update={"decision": "transfer", "clinician": "maryam"})
    point = judge(demo_register, scenario, session.model_copy(update={"outcome": outcome}), transcript, phrases).point("skill")
    assert point.verdict == COULD_BE_BETTER and "Chloe Martin" in point.seen


def test_points_that_do_not_apply_say_so(demo_register, good_run):
    report = judge(demo_register, *good_run("no-partnership"))
    assert report.point("skill").verdict == NOT_APPLICABLE
    assert report.point("scarcity").verdict == NOT_APPLICABLE
    assert "not needed" not in report.summary().lower()


def test_the_markdown_report_has_every_point_with_what_was_seen_and_what_good_looks_like(demo_register, good_run):
    report = judge(demo_register, *good_run("language-need"))
    text = report.markdown()
    for n, p in enumerate(report.points, 1):
        assert f"## {n}. {p.title}: {VERDICT_LABELS[p.verdict]}" in text
    assert text.count("**What was seen:**") == len(report.points)
    assert text.count("**What good looks like:**") == len(report.points)
    assert "## The conversation" in text and "- **Family**: Agnieszka:" in text
    assert "- **You** (Curiosity): Do you feel" not in text  # the good run's words are quoted as said
    assert "- **You** (Curiosity): What worries you most at the moment?" in text


def test_a_point_refuses_an_unknown_verdict():
    with pytest.raises(ValueError):
        Point("x", "X", "great", "seen", "good")


def test_moving_a_family_who_wanted_to_stay_is_fine_only_after_the_scarcity_was_talked_through(demo_register, good_run):
    scenario, session, transcript, phrases = good_run("rare-skill-keep")
    moved = session.model_copy(update={"client_wants": "transfer",
                                       "outcome": session.outcome.model_copy(update={"decision": "transfer", "clinician": "chloe"})})
    talked = judge(demo_register, scenario, moved, transcript, phrases)
    assert talked.point("choices").verdict == GOOD and talked.point("outcome").verdict == GOOD
    unsaid = [ln for ln in transcript if not (ln.who == TRAINEE and "other families" in ln.text)]
    assumed = judge(demo_register, scenario, moved, unsaid, phrases).point("choices")
    assert assumed.verdict == MISSED and "assumed" in assumed.seen
