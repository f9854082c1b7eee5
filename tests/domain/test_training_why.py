"""Problems once found in practice, played through the --script contract; every test's docstring says what the old
keyword engine and checklist coach (main before the family engine) did with the same turns."""

from __future__ import annotations

import pytest

from choice_assistant.training.library import bundled_scenarios
from choice_assistant.training.report import FAMILY, TRAINEE
from choice_assistant.training.script import play_script
from tests.support.trainees import family_after, INTRO_GOOD, play_good

SCENARIOS = {s.id: s for s in bundled_scenarios()}
START = [{"stage": "introduction", "say": INTRO_GOOD}, {"record": {"phrases": "all"}}, {"next": True}]
TEN_WAYS = ["Have you ever thought about ending your life?", "Do you ever think about killing yourself?",
            "Has anyone at home ever hit you?", "Have you ever hurt yourself on purpose?", "Do you feel safe at home?",
            "Have you had thoughts of suicide?", "Do you ever wish you were dead?", "Is anyone hurting you?",
            "Have you ever self-harmed?", "Does anyone frighten you?"]


def _play(register, sid, turns):
    return play_script(SCENARIOS[sid], register, START + turns)


_after = family_after


def _risk_line(sid, pid):
    return SCENARIOS[sid].answers["risk"][pid][0].text


# -- Unsafe silence on risk ---------------------------------------------------------------------------------

def test_ending_your_life_asked_of_ella_gets_her_risk_answer(demo_register):
    """Old: Ella said "I don't really know how to explain it. It just happens." (no keyword matched)."""
    q = "Have you ever thought about ending your life, Ella?"
    said = _after(_play(demo_register, "clear-transfer", [{"stage": "curiosity", "say": q}]), q)
    assert [(ln.speaker, ln.words, ln.intent) for ln in said] == [("Ella", _risk_line("clear-transfer", "ella"), "risk")]


@pytest.mark.parametrize("sid", sorted(SCENARIOS))
def test_ten_common_ways_of_asking_about_risk_all_reach_the_risk_answer(sid, demo_register):
    """Old (disclosure-keep): 5 of these 10 reached Mia's risk answer; "ending your life", "killing yourself",
    "wish you were dead" and "frighten you" got "I don't know. It's hard to say.", and "hit you" the accident."""
    risk_lines = {u.text for lines in SCENARIOS[sid].answers["risk"].values() for u in lines}
    for q in TEN_WAYS:
        said = _after(_play(demo_register, sid, [{"stage": "curiosity", "say": q}]), q)
        assert said and said[0].words in risk_lines and said[0].intent == "risk", (q, said)


def test_hit_at_home_is_a_risk_question_not_a_cue_to_retell_the_accident(demo_register):
    """Old: Mia answered "(quietly) I was in the car last spring, when Jade got hurt..." ('home' matched first)."""
    q = "Has anyone at home ever hit you?"
    run = _play(demo_register, "disclosure-keep", [{"stage": "curiosity", "say": q}])
    said = _after(run, q)
    assert said[0].words == _risk_line("disclosure-keep", "mia")
    assert "accident" not in run.family.told and not any("car" in ln.words for ln in said)


def test_the_coach_credits_a_risk_question_in_any_common_wording(demo_register):
    """Old: 'Has anyone at home ever hit you?' left the risk point at 'No question about safety appears in what you
    said' (the coach knew 4 of 10 phrasings)."""
    for q in TEN_WAYS:
        report = _play(demo_register, "clear-transfer", [{"stage": "curiosity", "say": q}]).report()
        assert report.gate("risk_asked").passed is True, q


# -- No memory, no person -----------------------------------------------------------------------------------

def test_the_same_question_twice_gets_as_i_said_not_the_identical_line(demo_register):
    """Old: "What worries you most at the moment?" twice got "I can't sleep. I just go over things in my head, over
    and over." both times, word for word."""
    q = "What worries you most at the moment, Owen?"
    run = _play(demo_register, "disclosure-keep", [{"stage": "curiosity", "say": q}, {"stage": "curiosity", "say": q}])
    answers = [ln.words for ln in run.transcript if ln.who == FAMILY and ln.intent == "worries" and ln.speaker == "Owen"]
    assert len(answers) == 2 and answers[0] != answers[1]
    assert answers[1].startswith("As I said, ")


def test_a_question_to_ella_is_answered_by_ella_not_her_mum(demo_register):
    """Old: "Ella, how are things at home?" was answered "Nadia: Her grandad died last winter..."."""
    for q in ("Ella, how are things at home?", "What are you good at, Ella?", "How did it start, Ella?"):
        said = _after(_play(demo_register, "clear-transfer", [{"stage": "curiosity", "say": q}]), q)
        assert said and said[0].speaker == "Ella", (q, said)


def test_empathy_is_recognised_and_answered_as_empathy(demo_register):
    """Old: "Thank you for telling me that, Mia" got the stage default "I don't know. It's hard to say."."""
    q = "Thank you for telling me that, Mia"
    run = _play(demo_register, "disclosure-keep", [{"stage": "curiosity", "say": q}])
    said = _after(run, q)
    empathy = {u.text for u in SCENARIOS["disclosure-keep"].answers["empathy"]["mia"]}
    cue = SCENARIOS["disclosure-keep"].hidden[0].cue
    assert run.transcript[-len(said) - 1].intent == "empathy"
    assert said[0].speaker == "Mia" and (said[0].words in empathy or said[0].words == cue)
    assert run.family.state["mia"].trust > SCENARIOS["disclosure-keep"].people["mia"].trust


def _to_goals(q):
    return [{"stage": "curiosity", "say": "I ask everyone this, Mia: have you ever thought about hurting yourself?"},
            {"record": {"young_person": "Mia Lewis", "concerns": "Mia cannot sleep.",
                        "risk": "Sometimes wishes she could not wake up; never done anything; safe at home.",
                        "safety": {"concerns": False}}},
            {"stage": "goals", "say": q}]


def test_mia_does_not_mention_the_accident_at_goals_unless_she_told_it(demo_register):
    """Old: at Goals Mia always said "To fall asleep without going over the accident every night...", told or not."""
    q = "What would you like to be different, Mia?"
    said = _after(_play(demo_register, "disclosure-keep", _to_goals(q)), q)
    assert said and "accident" not in said[0].words.lower()


def test_after_she_told_it_mia_may_name_the_accident_in_her_goal(demo_register):
    """The other side of the rule: once told, her own words about it come first."""
    told = [{"stage": "curiosity", "say": "Thank you for coming, Mia. It sounds like things have been really hard."},
            {"stage": "curiosity", "say": "That sounds really hard, Mia. Thank you for telling me."},
            {"stage": "curiosity", "say": "What happened, Mia?"}]
    q = "What would you like to be different, Mia?"
    run = _play(demo_register, "disclosure-keep", told + _to_goals(q))
    assert "accident" in run.family.told
    assert "accident" in _after(run, q)[0].words.lower()


def test_a_doctor_is_best_for_panic_attacks_is_not_met_with_agreement(demo_register):
    """Old: at the choice of clinician Nadia answered "That's fine by us." (the stage default)."""
    q = "A doctor is best for panic attacks"
    run = _good_until_allocation(demo_register, q)
    said = _after(run, q)
    assert run.transcript[-len(said) - 1].intent == "profession"
    assert "fine by us" not in said[0].words.lower() and "?" in said[0].words


# -- The coach misses and even rewards mistakes ---------------------------------------------------------------

@pytest.mark.parametrize("words, found", [
    ("You'll be handed over to a colleague, that's how it works", "handed over"),
    ("After today you'll be passed on to Ben.", "passed on"),
    ("Sadly, I won't be the one you see next.", "Sadly"),
    ("Of course you'll stay with me, I know you'd rather.", "Of course you'll stay"),
])
def test_the_coach_flags_loss_framing_and_assumed_preference(words, found, demo_register):
    """Old: wording.tone.check found nothing in any of these four, and the tone point said Good."""
    report = _play(demo_register, "clear-transfer", [{"stage": "curiosity", "say": words}]).report()
    quotes = [f.quote for f in report.points("tone") + report.points("choice_integrity")]
    assert any(found in q for q in quotes), quotes
    assert report.part("tone").score < 100


def test_handed_over_at_the_introduction_is_not_scored_good_for_ticking_phrases(demo_register):
    """Old: introduction 'good' and tone 'good' with every phrase ticked after "You'll be handed over to a
    colleague, that's how it works"."""
    turns = [{"stage": "introduction", "say": "You'll be handed over to a colleague, that's how it works"},
             {"record": {"phrases": "all"}}, {"next": True}]
    report = play_script(SCENARIOS["clear-transfer"], demo_register, turns).report()
    assert report.part("tone").score < report.part("tone").pass_mark
    assert any("handed over" in f.quote for f in report.points("tone"))


def test_recording_see_someone_else_after_is_something_wrong_is_not_credited(demo_register):
    """Old: after "I'm sorry, you'll see someone else after today." Nadia said "Oh. Is something wrong? We thought
    today went well."; recording transfer was credited "You recorded that the family want to see someone else, as
    they said" (it compared with the scenario's hidden wishes)."""
    run = _good_until_allocation(demo_register, "I'm sorry, you'll see someone else after today.")
    said = [ln for ln in run.transcript if ln.who == FAMILY and ln.stage == "allocation"]
    assert said and all(ln.means is None for ln in said) and "wrong" in said[-1].words
    run.appointment.set_client_wants("transfer")
    report = run.report()
    ci = report.part("choice_integrity")
    assert ci.score <= 50 and any("never said so" in s for s in ci.seen)


def test_choosing_by_profession_is_flagged(demo_register):
    """Old: "She's our CBT therapist, the right professional" left every point Good."""
    run = _good_until_allocation(demo_register, "She's our CBT therapist, the right professional. What would you prefer?")
    report = run.report()
    assert any("right professional" in f.quote for f in report.points("allocation"))


def test_reports_have_a_score_and_a_pass(demo_register):
    """Old: a report was a list of points marked good / could be better / missed, with no score and no pass."""
    report = play_good(SCENARIOS["clear-transfer"], demo_register).report()
    assert 0 <= report.score <= 100 and report.passed is True
    assert {p.id for p in report.parts} == {"drawing_out", "behaviour", "capa_tasks", "choice_integrity", "allocation",
                                            "tone", "letters"}


# -- helpers ---------------------------------------------------------------------------------------------------

def _good_until_allocation(register, words):
    """A good run of clear-transfer up to the choice of clinician, where the trainee says `words`."""
    from tests.support.trainees import play_good_until

    run = play_good_until(SCENARIOS["clear-transfer"], register, "allocation")
    run.say(words)
    return run
