"""How well the family engine recognises what a trainee means: paraphrase sets written apart from its rules, per intent."""

from __future__ import annotations

from choice_assistant.training.intent_rules import EXAMPLES
from choice_assistant.training.intents import INTENTS, recognise
from tests.support.paraphrases import FRESH_RISK, HELD_OUT, PARAPHRASES, STAGE

TUNED_FLOOR = 0.9  # the rules were improved against these, without copying any of them into the engine
HELD_OUT_FLOOR = 0.5  # never used to change the rules (except risk, see FRESH_RISK); what the engine achieves
HELD_OUT_OVERALL = 0.75


def _rates(sets: dict[str, tuple[str, ...]]) -> dict[str, tuple[int, int, list[str]]]:
    out = {}
    for intent, phrases in sets.items():
        heard = [(p, recognise(p, STAGE[intent]).intent) for p in phrases]
        misses = [f"{p!r} -> {got}" for p, got in heard if got != intent]
        out[intent] = (len(phrases) - len(misses), len(phrases), misses)
    return out


def _table(title: str, rates: dict[str, tuple[int, int, list[str]]]) -> str:
    rows = [title, f"{'intent':14} {'recognised':>10} {'share':>6}"]
    for intent, (ok, n, _m) in rates.items():
        rows.append(f"{intent:14} {f'{ok}/{n}':>10} {ok / n:>6.0%}")
    return "\n".join(rows)


def test_every_intent_of_the_contract_has_at_least_15_paraphrases_none_copied_into_the_engine():
    assert set(PARAPHRASES) == set(INTENTS)
    assert all(len(v) >= 15 for v in PARAPHRASES.values())
    assert len(PARAPHRASES["risk"]) >= 25  # the ten common ways of asking, and more
    examples = {e.lower().strip(" ?.") for ex in EXAMPLES.values() for e in ex}
    everything = [p for v in PARAPHRASES.values() for p in v] + [p for v in HELD_OUT.values() for p in v] + list(FRESH_RISK)
    assert not [p for p in everything if p.lower().strip(" ?.!") in examples]


def test_recognition_per_intent_risk_at_least_95_percent():
    rates = _rates(PARAPHRASES)
    print("\n" + _table("Paraphrases (rules improved against these):", rates))
    risk_ok, risk_n, risk_missed = rates["risk"]
    assert risk_ok / risk_n >= 0.95, risk_missed
    low = {i: m for i, (ok, n, m) in rates.items() if ok / n < TUNED_FLOOR}
    assert not low, low


def test_recognition_carries_over_to_wordings_nobody_tuned_for():
    rates = _rates(HELD_OUT)
    print("\n" + _table("Held out (never used to change the rules, except risk):", rates))
    low = {i: m for i, (ok, n, m) in rates.items() if ok / n < HELD_OUT_FLOOR}
    assert not low, low
    total = sum(ok for ok, _n, _m in rates.values()) / sum(n for _ok, n, _m in rates.values())
    print(f"overall {total:.0%}")
    assert total >= HELD_OUT_OVERALL
    assert rates["risk"][0] == rates["risk"][1], rates["risk"][2]


def test_ten_more_ways_of_asking_about_risk_are_all_heard_as_risk():
    heard = {p: recognise(p, "curiosity").intent for p in FRESH_RISK}
    assert len(FRESH_RISK) >= 10
    assert all(i == "risk" for i in heard.values()), {p: i for p, i in heard.items() if i != "risk"}


def test_a_risk_question_is_risk_at_every_stage_whatever_else_it_mentions():
    for stage in ("introduction", "curiosity", "goals", "options", "allocation", "booking"):
        for p in PARAPHRASES["risk"]:
            assert recognise(p, stage).intent == "risk", (stage, p)
    assert recognise("What would you like to change, and have you ever wanted to hurt yourself?", "goals").intent == "risk"


def test_nothing_a_trainee_says_about_other_things_is_taken_for_risk_at_curiosity():
    taken = [p for i, ps in list(PARAPHRASES.items()) + list(HELD_OUT.items()) if i != "risk" for p in ps
             if recognise(p, "curiosity").intent == "risk"]
    assert not taken
