"""What a trainee's words to the family are taken as: an intent, from sure phrase rules, then the meaning layer."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from choice_assistant.training.intent_rules import CUES, INTENTS, SURE, WEAK  # noqa: F401 - INTENTS is read through here too


_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})

# Layer 1: the sure phrase rules (intent_rules.SURE); layer 2: the meaning layer (meaning.py), with the cues
# (intent_rules.CUES, then WEAK) breaking near ties and naming a topic when nothing is near.
_SURE = [(intent, re.compile(rx, re.IGNORECASE)) for intent, rx in SURE.items()]
_CUES = [(intent, re.compile(rx, re.IGNORECASE)) for intent, rx in CUES.items()]
_WEAK = [(intent, re.compile(rx, re.IGNORECASE)) for intent, rx in WEAK.items()]
TIE = 0.012  # intents this close to the nearest count as a tie, which a cue or the stage breaks

_OPEN = re.compile(r"^\s*(what|how|why|tell me|describe|could you (tell|say|describe)|can you (tell|say|describe)|"
                   r"in what way|talk me through|say more|help me understand|i wonder|which)\b", re.IGNORECASE)
_CLOSED = re.compile(r"^\s*(do|does|did|is|are|was|were|have|has|had|can|could|will|would|should|shall|am|may)\b", re.IGNORECASE)
_LEAD = re.compile(r"^\s*((and|so|but|okay|ok|right|now|well|then),?\s+)+", re.IGNORECASE)
_REFLECT = re.compile(r"^\s*(it sounds|sounds like|so (you|it|what)|you('re| are) (saying|telling|feeling)|"
                      r"you feel|you felt|i hear|it seems|what i'?m hearing)\b", re.IGNORECASE)
# A question that hands over the answer it expects: a tag ("..., are you?"), a presumption ("you're not going to",
# "I take it", "I'm sure you wouldn't") or a yes-seeking "right?".
_LEADING = re.compile(
    r"(,\s*(are|is|do|does|did|have|has|had|would|will|can|could|should|were|was|won|don|doesn|didn|isn|aren|haven|hasn|"
    r"wouldn|couldn|shouldn|wasn|weren|can)('?t| not)?\s+(you|he|she|they|it|there|we)\s*\??\s*$|"
    r",\s*(right|yeah|ok|okay|eh|surely)\s*\??\s*$|"
    r"\b(you'?re|you are|he'?s|she'?s|they'?re) not (going to|gonna|thinking|planning|about to)\b|"
    r"\byou('?ve| have)? never\b.*\?|\byou (don'?t|wouldn'?t|won'?t) (ever )?(\w+ )?(do|want|think|feel|hurt|harm)\b.*\?|"
    r"\bi take it\b|\bi'?m sure (you|he|she|they)('?d| would| wouldn'?t|'?re| are| aren'?t)\b|"
    r"\b(nothing|no thoughts?|none) (like that|of that|of (hurting|harming|ending|killing))\b.*\?|"
    r"\bsurely (you|he|she|they)\b)",
    re.IGNORECASE)


@dataclass(frozen=True)
class Heard:
    """How one turn was understood: the intent, which layer decided it, and the kind of turn."""

    intent: str
    layer: str  # "rule", "meaning" or "none"
    question: str  # "open", "closed" or "" (not a question)
    reflection: bool  # said in the form of a reflection ("It sounds like..."); whether it reflects is `reflection.py`'s
    leading: bool = False  # a question that hands over the answer it expects
    also: frozenset[str] = frozenset()  # every intent a sure rule heard, the decided one included


def normal(text: str) -> str:
    """The text with typographic quotes made plain and spacing tidied."""
    return " ".join(text.translate(_QUOTES).split())


def question_kind(text: str) -> str:
    """'open', 'closed' or '' for a statement."""
    t = _LEAD.sub("", normal(text))
    sentences = [s for s in re.split(r"(?<=[.!:;])\s+", t) if s.strip()]
    last = _LEAD.sub("", sentences[-1]) if sentences else t
    if _OPEN.search(last) or (_OPEN.search(t) and "?" in t):
        return "open"
    if "?" in t or _CLOSED.search(last):
        return "closed" if ("?" in t or _CLOSED.search(last)) else ""
    return ""

_CONFIDENTIAL = re.compile(r"\b(confidential\w*|privacy|stays? (private|between)|between (us|you and me)|"
                           r"(have|need) to (tell|share|pass (it|that|this) on)|share (it|this|that|information) with)\b",
                           re.IGNORECASE)


def leading(text: str) -> bool:
    """True for a question that suggests its own answer ("You're not going to hurt yourself, are you?")."""
    return bool(_LEADING.search(normal(text)))


def heard_by_rules(text: str) -> frozenset[str]:
    """Every intent whose sure phrase rule matches the words (the coach reads these as well as the decided one)."""
    t = normal(text)
    return frozenset(intent for intent, rx in _SURE if rx.search(t))


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
    """The intent of a trainee's turn: the sure phrase rules (safety first, then what the stage makes likely), else
    the nearest examples by meaning, else a topic cue, else `other`. Raises InputError if the model cannot load."""
    from choice_assistant.training.meaning import NEAR, meaning

    t = normal(text)
    if not t:
        return Heard("other", "none", "", False)
    kind = question_kind(t)
    form = bool(_REFLECT.search(t))
    lead = kind != "" and leading(t)
    sure = heard_by_rules(t)
    telling = not kind and bool(_CONFIDENTIAL.search(t))  # explaining confidentiality asks nothing about safety
    if telling:
        sure = sure - {"risk"}
    if "risk" in sure:
        return Heard("risk", "rule", kind, form, lead, sure)
    parts = _sentences(t)
    texts = list(dict.fromkeys(parts + [t]))
    nearest = dict(zip(texts, meaning().nearest_all(texts)))
    if not telling and any(_risk_near(n) for n in nearest.values()):  # any sentence asking about safety decides it
        return Heard("risk", "meaning", kind, form, lead, sure)
    # a closing question of its own says what is asked ("That sounds hard. What would you like to be different?");
    # a short one with no topic word leans on what came before ("...and things have improved. What has changed?")
    last = parts[-1] if len(parts) > 1 and parts[-1].endswith("?") else t
    asked = last if len(last.split()) >= 5 or any(rx.search(last) for _i, rx in _CUES) else t
    if asked != t and not sure & set(_FIRST):  # ("That sounds hard. What would you like to be different?")
        sure = heard_by_rules(asked) or sure - {"empathy"}  # an understanding preface does not say what is asked
    if {"goals", "rating"} <= sure:
        sure = sure - {"rating"}  # "where would you like to be on that scale?" asks for a goal
    if sure:
        if "empathy" in sure and not kind and not sure & set(_FIRST):
            return Heard("empathy", "rule", kind, True, lead, sure)  # a statement of understanding, whatever it mentions
        return Heard(_assumed(_first_of(sure, stage), lead), "rule", kind, form or "empathy" in sure, lead, sure)
    near = nearest[asked] if nearest[asked].score >= NEAR else nearest[t]
    cues = _cues(t)
    if near.score >= NEAR:
        tied = [i for i, s in near.ranked if s >= near.score - TIE]
        pick = next((i for i in cues if i in tied), None) or next(
            (i for i in _BY_STAGE.get(stage, ()) if i in tied), near.intent)
        pick = _assumed(pick, lead)
        return Heard(pick, "meaning", kind, form or pick == "empathy", lead, sure)
    if cues and not form:
        return Heard(_first_of(set(cues), stage), "rule", kind, form, lead, sure)
    return Heard("other", "none", kind, form, lead, sure)


def _sentences(text: str) -> list[str]:
    """The sentences of a turn that have a few words each (a risk question may follow a greeting or a thank-you)."""
    return [p for p in re.split(r"(?<=[.!?;:])\s+", text) if len(p.split()) >= 3]


def _risk_near(near) -> bool:
    """The meaning layer hears a safety question: risk is the nearest intent (or within RISK_MARGIN), close enough."""
    from choice_assistant.training.meaning import RISK_MARGIN, RISK_NEAR

    risk = near.of("risk")
    return risk >= RISK_NEAR and risk >= near.score - RISK_MARGIN


def _assumed(intent: str, lead: bool) -> str:
    """A question about their choice that hands over the answer ("You'd rather a woman, wouldn't you?") assumes it."""
    return "assumption" if lead and intent in ("preference", "keep_offer", "options") else intent


def _cues(text: str) -> list[str]:
    """The topics the cue words point to, the surer cues first."""
    found = [i for i, rx in _CUES if rx.search(text)]
    return found + [i for i, rx in _WEAK if rx.search(text) and i not in found]


def _first_of(matched: set[str], stage: str) -> str:
    """The intent that decides when several rules fire: safety and wording first, then what the stage makes likely."""
    return next(i for i in _FIRST + _BY_STAGE.get(stage, ()) + _THEN + INTENTS if i in matched)
