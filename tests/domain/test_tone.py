"""The tone check: wording that frames a transfer as a loss or assumes the family's preference."""

from __future__ import annotations

import pytest

from choice_assistant.wording.tone import check


@pytest.mark.parametrize(
    "said",
    [
        "I'm sorry but I have to transfer you to Ben",
        "Unfortunately you'll be seeing someone else",
        "I think you'll want to stay with me",
        "We have to pass you on to the family team",
        "I'm afraid it won't be me next time",
        "Sorry, that's how it works here",
    ],
)
def test_loss_framing_and_assumed_preferences_are_spotted(said):
    nudges = check(said)
    assert nudges, said
    for n in nudges:
        assert said[n.start:n.end] == n.phrase
        assert n.why and n.suggestion


@pytest.mark.parametrize(
    "said",
    [
        "Ben has the skills that fit your goals best. Would you like to see him, or stay with me?",
        "The person with the right skills for this goal will usually see you next.",
        "What would you prefer?",
    ],
)
def test_positive_wording_passes_quietly(said):
    assert check(said) == []


def test_one_phrase_is_reported_once_even_when_several_rules_match():
    nudges = check("I'm sorry but I have to transfer you.")
    assert len(nudges) == 1
    assert nudges[0].phrase.lower().startswith("i'm sorry")
