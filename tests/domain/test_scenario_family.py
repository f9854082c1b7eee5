"""The simulated family: answers by stage and keywords, the same every time, with no network."""

from __future__ import annotations

import pytest

from choice_assistant.training.scenario import bundled_scenarios
from choice_assistant.training.family import matches, opening, reply


@pytest.fixture(scope="module")
def scenarios():
    return {s.id: s for s in bundled_scenarios()}


@pytest.mark.parametrize(("keyword", "text", "expected"), [
    ("safe", "Do you feel SAFE at home?", True),
    ("safe", "Do you ever feel unsafe?", False),
    ("safe*", "Is everyone safely home?", True),
    ("worr*", "What worries you most?", True),
    ("worr*", "Don't hurry.", False),
    ("out of 10", "Out of   10, where are things?", True),
    ("don't", "I don\u2019t know", True),
    ("cbt", "CBT, or cognitive behavioural therapy", True),
    ("cbt", "cbtx", False),
    ("*", "anything", False),
])
def test_keywords_match_whole_words_without_regard_to_case(keyword, text, expected):
    assert matches(keyword, text) is expected


def test_the_first_matching_reply_is_said_else_the_stage_default(scenarios):
    s = scenarios["clear-transfer"]
    said = reply(s, "allocation", "I'm sorry, I have to transfer you to a colleague.")
    assert said.startswith("Nadia: Oh. Is something wrong?")  # the apology reply comes before the colleague reply
    assert reply(s, "allocation", "Here is the plan.") == s.stages["allocation"].default


def test_the_same_words_at_a_different_stage_get_that_stage_s_answer(scenarios):
    s = scenarios["clear-transfer"]
    assert reply(s, "goals", "On a scale of 0 to 10?") != reply(s, "curiosity", "On a scale of 0 to 10?")


def test_silence_or_an_unscripted_stage_gets_no_answer(scenarios):
    s = scenarios["no-partnership"]
    assert reply(s, "curiosity", "   ") is None
    assert reply(s, "allocation", "Who would you like to see?") is None  # no Partnership: no allocation script
    assert reply(s, "closed", "Goodbye") is None


def test_answers_are_deterministic(scenarios):
    s = scenarios["disclosure-keep"]
    answers = {reply(s, "allocation", "Would you like to stay with me?") for _ in range(5)}
    assert len(answers) == 1


def test_a_stage_can_open_with_the_family_speaking(scenarios):
    s = scenarios["no-one-skilled"]
    assert "IPT-A" in opening(s, "options")
    assert opening(s, "goals") is None
    assert opening(s, "closed") is None


@pytest.mark.parametrize("question", [
    "Has anyone had thoughts of hurting themselves?",
    "Do you feel safe at home?",
    "Is there any risk of harm to anyone?",
])
def test_every_family_answers_the_safety_question_with_their_answer(scenarios, question):
    for s in scenarios.values():
        said = reply(s, "curiosity", question)
        assert said != s.stages["curiosity"].default, (s.id, question)


def test_every_family_states_their_goals_and_ratings_when_asked(scenarios):
    for s in scenarios.values():
        goals = reply(s, "goals", "What would you like to be different?")
        for g in s.goals:
            assert g.text.lower().rstrip(".") in goals.lower(), (s.id, g.text)
        rating = reply(s, "goals", "On a scale of 0 to 10, where are things now?")
        for g in s.goals:
            assert str(g.rating) in rating, (s.id, g.rating)
