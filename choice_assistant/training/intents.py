"""What a trainee's words to the family are taken as: an intent, from phrase rules, then fuzzy matching of examples."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from choice_assistant.training.intent_rules import EXAMPLES, STRONG, WEAK

INTENTS = ("risk", "worries", "background", "strengths", "goals", "rating", "options", "preference", "keep_offer",
           "scarcity", "loss_framing", "assumption", "profession", "empathy", "other")

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})

# Layer 1: phrase rules (intent_rules.STRONG, then WEAK); layer 2: the examples, matched fuzzily.
_COMPILED = [(intent, re.compile(rx, re.IGNORECASE)) for intent, rx in STRONG.items()]
_COMPILED_WEAK = [(intent, re.compile(rx, re.IGNORECASE)) for intent, rx in WEAK.items()]
FUZZY_CUTOFF = 72

_OPEN = re.compile(r"^\s*(what|how|why|tell me|describe|could you (tell|say|describe)|can you (tell|say|describe)|"
                   r"in what way|talk me through|say more|help me understand|i wonder|which)\b", re.IGNORECASE)
_CLOSED = re.compile(r"^\s*(do|does|did|is|are|was|were|have|has|had|can|could|will|would|should|shall|am|may)\b", re.IGNORECASE)
_LEAD = re.compile(r"^\s*((and|so|but|okay|ok|right|now|well|then),?\s+)+", re.IGNORECASE)
_REFLECT = re.compile(r"^\s*(it sounds|sounds like|so (you|it|what)|you('re| are) (saying|telling|feeling)|"
                      r"you feel|you felt|i hear|it seems|what i'?m hearing)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Heard:
    """How one turn was understood: the intent, which layer decided it, and the kind of turn."""

    intent: str
    layer: str  # "rule", "fuzzy" or "none"
    question: str  # "open", "closed" or "" (not a question)
    reflection: bool


def normal(text: str) -> str:
    """The text with typographic quotes made plain and spacing tidied."""
    return " ".join(text.translate(_QUOTES).split())


def question_kind(text: str) -> str:
    """'open', 'closed' or '' for a statement."""
    t = _LEAD.sub("", normal(text))
    sentences = [s for s in re.split(r"(?<=[.!])\s+", t) if s.strip()]
    last = _LEAD.sub("", sentences[-1]) if sentences else t
    if _OPEN.search(last) or (_OPEN.search(t) and "?" in t):
        return "open"
    if "?" in t or _CLOSED.search(last):
        return "closed" if ("?" in t or _CLOSED.search(last)) else ""
    return ""


_FIRST = ("risk", "loss_framing", "assumption", "profession", "scarcity")
_BY_STAGE = {
    "allocation": ("keep_offer", "preference", "options"),
    "booking": ("preference",),
    "options": ("preference", "options"),
    "choice_point": ("preference", "options"),
    "goals": ("rating", "goals"),
    "curiosity": ("strengths", "worries", "background"),
}
_THEN = ("keep_offer", "rating", "goals", "strengths", "preference", "options", "worries", "background", "empathy")


@lru_cache(maxsize=4096)
def recognise(text: str, stage: str = "") -> Heard:
    """The intent of a trainee's turn: phrase rules (safety first, then what the stage makes likely), else the
    nearest examples, else `other`."""
    t = normal(text)
    kind = question_kind(t)
    reflection = bool(_REFLECT.search(t))
    if not t:
        return Heard("other", "none", "", False)
    matched = {intent for intent, rx in _COMPILED if rx.search(t)}
    if matched:
        reflection = reflection or "empathy" in matched
        if "empathy" in matched and not kind and not matched & set(_FIRST):
            return Heard("empathy", "rule", kind, True)  # a statement of understanding, whatever it mentions
        return Heard(_first_of(matched, stage), "rule", kind, reflection)
    weak = {intent for intent, rx in _COMPILED_WEAK if rx.search(t)}
    if weak and not reflection:
        return Heard(_first_of(weak, stage), "rule", kind, reflection)
    intent = _fuzzy(t)
    if intent is not None:
        return Heard(intent, "fuzzy", kind, reflection or intent == "empathy")
    return Heard("empathy" if reflection else "other", "none", kind, reflection)


def _first_of(matched: set[str], stage: str) -> str:
    """The intent that decides when several rules fire: safety and wording first, then what the stage makes likely."""
    return next(i for i in _FIRST + _BY_STAGE.get(stage, ()) + _THEN + INTENTS if i in matched)


def _fuzzy(text: str) -> str | None:
    from rapidfuzz import fuzz, process, utils

    choices = _choices()
    best = process.extractOne(utils.default_process(text), list(choices), scorer=fuzz.token_sort_ratio,
                              score_cutoff=FUZZY_CUTOFF)
    return choices[best[0]] if best else None


@lru_cache(maxsize=1)
def _choices() -> dict[str, str]:
    from rapidfuzz import utils

    return {utils.default_process(e): intent for intent, examples in EXAMPLES.items() for e in examples}
