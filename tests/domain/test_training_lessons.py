"""Practice that teaches the right lessons: how a leading risk question, reflections, goals, the suggested words, a
choice by profession and the length of the report are judged; how the family reacts to a costly move; and practice on
today's date. Each docstring says what the coach and family engine did before."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from choice_assistant.training.intents import recognise
from choice_assistant.training.library import bundled_scenarios
from choice_assistant.training.report import FAMILY, TRAINEE
from choice_assistant.training.script import play_script
from tests.support.trainees import family_after, INTRO_GOOD, play_good_until, poor

SCENARIOS = {s.id: s for s in bundled_scenarios()}
START = [{"stage": "introduction", "say": INTRO_GOOD}, {"record": {"phrases": "all"}}, {"next": True}]
LEADING = "Ella, you're not going to hurt yourself, are you?"
PLAIN = "I ask everyone this, Ella: have you ever had thoughts of hurting yourself or of ending your life?"


def _run(register, turns, sid="clear-transfer", **kw):
    return play_script(SCENARIOS[sid], register, START + turns, **kw)


_after = family_after


# -- risk asked leadingly ----------------------------------------------------------------------------------------

def test_a_leading_risk_question_meets_the_gate_but_is_marked_down_and_never_praised(demo_register):
    """Old: "Ella, you're not going to hurt yourself, are you?" was praised under what went well ("You asked about
    safety in your own words") and scored like any other question."""
    lead = _run(demo_register, [{"stage": "curiosity", "say": LEADING}])
    plain = _run(demo_register, [{"stage": "curiosity", "say": PLAIN}])
    risk_answer = SCENARIOS["clear-transfer"].answers["risk"]["ella"][0].text
    assert [ln.words for ln in _after(lead, LEADING)] == [risk_answer]  # the family answers it
    report = lead.report()
    assert report.gate("risk_asked").passed is True
    assert not [f for f in report.points(good=True) if "hurt yourself" in f.quote]
    (point,) = [f for f in report.points() if f.quote == f'"{LEADING}"']
    better = recognise(point.try_instead, "curiosity")
    assert better.intent == "risk" and better.question == "open" and not better.leading
    assert report.points()[0].quote == point.quote or report.points()[0].component == "gates"
    assert report.part("behaviour").score < plain.report().part("behaviour").score
    assert [f for f in plain.report().points(good=True) if "hurting yourself" in f.quote]


# -- reflections --------------------------------------------------------------------------------------------------

def test_reflections_are_counted_only_where_the_family_s_words_or_feeling_came_back(demo_register):
    """Old: "That must be scary." and "So is it a problem at school?" counted as 2 reflections, when neither gave
    back anything the family had said."""
    none = _run(demo_register, [{"stage": "curiosity", "say": "Is it a problem at school?"},
                                {"stage": "curiosity", "say": "That must be scary."},
                                {"stage": "curiosity", "say": "So is it a problem at school?"}])
    assert "0 reflections" in " ".join(none.report().part("behaviour").seen)
    run = _run(demo_register, [{"stage": "curiosity", "say": "What worries you most, Ella?"}])
    theirs = _after(run, "What worries you most, Ella?")[0].words
    run.say(f"It sounds like {theirs[:1].lower()}{theirs[1:]}")
    assert "1 reflection of" in " ".join(run.report().part("behaviour").seen)


# -- goals in their words ----------------------------------------------------------------------------------------

def test_a_goal_is_suggested_only_from_something_the_family_said_as_a_goal(demo_register):
    """Old: with no goal stated, the coach offered Ella's "Yeah. It's really scary." as the goal in her own words."""
    turns = [{"stage": "curiosity", "say": PLAIN}, {"stage": "curiosity", "say": "That must be scary, Ella."},
             {"record": {"young_person": "Ella Hart", "concerns": "Panic in lessons.",
                         "risk": "Ella says she has never wanted to hurt herself and feels safe.", "safety": {"concerns": False}}},
             {"stage": "goals", "say": "Right."}, {"record": {"goals": [{"text": "Stop being scared", "owner": "young_person"}]}}]
    report = _run(demo_register, turns).report()
    said = " ".join(f.try_instead for f in report.points())
    assert "really scary" not in said
    run = _run(demo_register, turns[:-1] + [{"stage": "goals", "say": "What would you like to be different, Ella?"},
                                              {"record": {"goals": [{"text": "Not panicking", "owner": "young_person"}]}}])
    goal_line = _after(run, "What would you like to be different, Ella?")[0].words
    assert any(goal_line[:30] in f.try_instead for f in run.report().points("drawing_out"))


# -- the words suggested name whom the advice names ---------------------------------------------------------------

def test_suggested_words_name_the_colleague_the_advice_suggests_and_offer_staying_only_when_it_may_be(demo_register):
    """Old: after a run where the screen suggested Chloe and said staying with Ben was not an option, the coach
    suggested "The colleague... is Ayo, and I have those skills too, so you could stay with me"."""
    run = play_good_until(SCENARIOS["clear-transfer"], demo_register, "allocation")
    run.say("Right, let's get this sorted.")
    rec = run.recommendation()
    suggested = rec.candidate(rec.suggested).name.split()[0]
    assert not rec.keep.eligible
    words = " ".join(f.try_instead for f in run.report().points() if f.component in ("choice_integrity", "allocation", "tone"))
    assert suggested in words
    others = {c.name.split()[0] for c in demo_register.clinicians} - {suggested}
    assert not [n for n in others if n in words], words
    assert "stay with me" not in words and "carry on with me" not in words


# -- allocation by profession ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("words", ["I'm only a family therapist, not a psychologist, so you'll see someone else.",
                                   "Sadly I'm not a psychologist, so you'll see Chloe."])
def test_allocation_by_profession_is_always_flagged_and_scored_down(words, demo_register):
    """Old: "I'm only a family therapist, not a psychologist" was heard as other; allocation scored 100/100."""
    run = play_good_until(SCENARIOS["clear-transfer"], demo_register, "allocation")
    run.say(words)
    report = run.report()
    assert report.part("allocation").score < 100
    assert [f for f in report.points() if f.quote == f'"{words}"' and f.component == "allocation"]


# -- brief and ordered -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("sid", sorted(SCENARIOS))
def test_a_poor_run_gets_at_most_seven_points_to_change_one_per_quote_safety_first(sid, demo_register):
    """Old: a poor run got 12 to 16 points to change, nine of them quoting the same sentence again."""
    report = play_script(SCENARIOS[sid], demo_register, poor(SCENARIOS[sid], demo_register)).report()
    todo = report.points()
    quotes = [f.quote for f in todo]
    assert 3 <= len(todo) <= 7 and len(set(quotes)) == len(quotes)
    assert todo[0].component == "gates"
    assert len(report.as_json()["feedback"]) == len(report.points(good=None))


# -- the family reacts --------------------------------------------------------------------------------------------------

def test_handed_over_at_the_introduction_gets_a_worried_reply_and_costs_trust(demo_register):
    """Old: "Sadly after today you'll be handed over" got "Okay. (They nod.) That makes sense." and cost nothing
    in the conversation."""
    words = "Sadly after today you'll be handed over"
    run = play_script(SCENARIOS["clear-transfer"], demo_register, [{"stage": "introduction", "say": words}])
    reply = _after(run, words)[0].words
    assert "makes sense" not in reply.lower() and reply.endswith("?")
    people = SCENARIOS["clear-transfer"].people
    assert all(run.family.state[p].trust < people[p].trust for p in people)


def test_service_words_puzzle_the_family_once_and_cost_a_little_trust(demo_register):
    """Old: "After the formulation we'll discuss allocation" was answered as if understood."""
    words = "After the formulation we'll discuss allocation, Ella."
    run = _run(demo_register, [{"stage": "curiosity", "say": words}, {"stage": "curiosity", "say": words}])
    first, second = [ln.words for ln in run.transcript if ln.who == FAMILY and ln.stage == "curiosity"][-2:]
    assert "formulation" in first and "allocation" in second
    assert run.family.state["ella"].trust < SCENARIOS["clear-transfer"].people["ella"].trust
    assert any("formulation" in f.why for f in run.report().points("tone") + run.report().points())


def test_after_trust_is_lost_answers_go_flat_but_the_risk_answer_never_does(demo_register):
    """Old: however often the family were told they would be passed on, they answered as openly as before."""
    costly = ["Sadly you'll be handed over, Ella.", "Unfortunately you'll be passed on, Ella.",
              "I'm sorry, Ella, I have to transfer you.", "Of course you'll do what I say, Ella."]
    run = _run(demo_register, [{"stage": "curiosity", "say": w} for w in costly]
               + [{"stage": "curiosity", "say": "What worries you most, Ella?"}, {"stage": "curiosity", "say": PLAIN}])
    worries = SCENARIOS["clear-transfer"].answers["worries"]["ella"]
    assert _after(run, "What worries you most, Ella?")[0].words not in {u.text for u in worries}
    assert _after(run, PLAIN)[0].words == SCENARIOS["clear-transfer"].answers["risk"]["ella"][0].text


# -- today's date ---------------------------------------------------------------------------------------------------------

def test_practice_runs_on_the_day_it_is_played_with_the_diary_following(demo_register):
    """Old: practice ran on 23 November 2026 whatever the day: on 7 December it offered Mon 30 Nov and called
    Tue 22 Dec over four weeks away; months later no slot was free at all."""
    later = datetime(2027, 6, 7, 10, 0)
    run = play_good_until(SCENARIOS["clear-transfer"], demo_register, "allocation", now=later)
    rec = run.recommendation()
    slots = [c.next_slot for c in rec.transfer if c.next_slot]
    assert slots and all(s > later.isoformat() for s in slots)
    assert min(slots) < datetime(2027, 6, 21).isoformat()  # the diary starts the week of practice
    assert demo_register.clinicians[0].partnership_slots[0].year == 2026  # the team itself is untouched
    run.appointment.choose("transfer", rec.suggested)
    assert run.appointment.free_slots() and all(s > later for s in run.appointment.free_slots())


def test_a_script_is_played_today(demo_register):
    run = play_good_until(SCENARIOS["clear-transfer"], demo_register, "allocation")
    assert run.appointment.now().date() == date.today()
    rec = run.recommendation()
    run.appointment.choose("transfer", rec.suggested)
    assert all(s.date() >= date.today() for s in run.appointment.free_slots())

