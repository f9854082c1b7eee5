"""Spotting wording that frames a transfer as a loss or assumes the family's preference, with a better wording."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class ToneNudge:
    """One phrase worth rewording, where it is, and a positive alternative."""

    phrase: str
    start: int
    end: int
    why: str
    suggestion: str


# (pattern, why it matters, a positive alternative). Patterns are matched case-insensitively.
_RULES: list[tuple[str, str, str]] = [
    (
        r"\b(i'?m|i am|we'?re|we are)\s+(so\s+|really\s+|very\s+)?sorry\b[^.!?]*\b(transfer|move|pass|someone else|another|see)\b",
        "An apology makes moving to another clinician sound like a loss.",
        "Say what the next person brings: \"Ben has the skills that fit your goals best, so he is the one we'd suggest.\"",
    ),
    (
        r"\b(i|we)\s+(have|need|'ve got|got)\s+to\s+(transfer|pass|move|hand)\b",
        "\"Have to\" sounds as if the family is being moved against their wishes.",
        "Offer it as a choice: \"The person with the best skills for this goal is ..., or you could stay with me. What would you prefer?\"",
    ),
    (
        r"\bunfortunately\b",
        "\"Unfortunately\" signals bad news where there is none.",
        "Leave it out and describe the next step positively.",
    ),
    (
        r"\bsorry\b(?!\s+(to hear|that you|you('ve| have| had)|for (your|what)))",
        "\"Sorry\" can make the plan sound like a disappointment.",
        "Describe the plan positively, as something chosen together.",
    ),
    (
        r"\b(hand(ed|ing)?|hands)\s+(you\s+|them\s+|the family\s+)?over\b",
        "Being \"handed over\" makes the family sound like a parcel moved on, not people choosing who helps them.",
        "Say who they will see and why: \"Ayo has the skills that fit your goal best; would you like to see her?\"",
    ),
    (
        r"\b(pass(ed|ing)?|passes)\s+(you\s+|them\s+|the family\s+)?on\b",
        "\"Passed on\" frames the next step as being got rid of.",
        "Describe the next clinician by what they bring to the family's goals, and ask what they prefer.",
    ),
    (
        r"\bsadly\b",
        "\"Sadly\" tells the family the plan is a loss.",
        "Leave it out and say what the next step offers them.",
    ),
    (
        r"\b(of course|obviously|surely)\s+you'?(ll| will| would|'d)\s+(want\s+to\s+)?(stay|keep|carry on|continue)\b",
        "This decides for the family that they will stay, instead of asking them.",
        "Ask: \"You could carry on with me, or see a colleague whose skills fit too. What would you prefer?\"",
    ),
    (
        r"\bi know you'?d (rather|prefer|like)\b",
        "Saying you know what they would rather assumes their preference.",
        "Ask them what they would prefer, and record their answer.",
    ),
    (
        r"\byou'?(ll| will)\s+(want|prefer|like)\s+to\s+(stay|keep|carry on|continue)\b",
        "This assumes the family's preference instead of asking.",
        "Ask: \"Would you like to carry on with me, or see the colleague whose skills fit best?\"",
    ),
    (
        r"\b(you|they)\s+(can'?t|cannot|won'?t be able to)\s+(stay|keep seeing|carry on with)\b",
        "This closes a choice the family should be offered.",
        "Explain the options and ask which they prefer.",
    ),
    (
        r"\b(lose|losing)\s+(me|your clinician|us)\b",
        "Talking of losing someone frames the next step as a loss.",
        "Talk about who they will see next and what that person is good at.",
    ),
    (
        r"\b(i'?m|i am)\s+afraid\b",
        "\"I'm afraid\" signals bad news.",
        "State the plan plainly and positively.",
    ),
]
_COMPILED = [(re.compile(p, re.IGNORECASE), why, alt) for p, why, alt in _RULES]


def check(text: str) -> list[ToneNudge]:
    """Every phrase in text worth rewording, in order; overlapping matches are reported once."""
    found: list[ToneNudge] = []
    taken: list[tuple[int, int]] = []
    for rx, why, alt in _COMPILED:
        for m in rx.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append(ToneNudge(m.group(0), m.start(), m.end(), why, alt))
    return sorted(found, key=lambda n: n.start)
