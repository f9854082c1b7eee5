"""Tone checks: loss framing and assumed preferences are flagged with a better wording; warmth is not."""

from __future__ import annotations

import pytest

from choice_assistant.wording.tone import check


@pytest.mark.parametrize("said", [
    "You'll be handed over to a colleague, that's how it works.",
    "After today you'll be passed on to the team.",
    "Sadly, I won't be the one you see next.",
    "Of course you'll stay with me, I know you'd rather.",
    "I'm sorry, I have to transfer you to a colleague.",
    "Unfortunately someone else will see you.",
])
def test_loss_framing_and_assumed_preferences_are_flagged(said):
    nudges = check(said)
    assert nudges and all(n.why and n.suggestion for n in nudges)


@pytest.mark.parametrize("said", [
    "Ayo has the skills that fit your goal best. Would you like to see her, or stay with me?",
    "I'm sorry to hear that; it sounds really hard.",
    "Thank you for telling me.",
])
def test_warm_or_positive_wording_passes(said):
    assert check(said) == []


def test_one_phrase_is_reported_once_even_when_several_rules_match():
    assert len(check("I'm sorry, I have to transfer you.")) == 1
