"""What a trainee's words to the family are taken as: an intent, from phrase rules, then fuzzy matching of examples."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

INTENTS = ("risk", "worries", "background", "strengths", "goals", "rating", "options", "preference", "keep_offer",
           "scarcity", "loss_framing", "assumption", "profession", "empathy", "other")

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})

# Layer 1: phrase rules, most important first. Risk comes first: a safety question must never be
# taken for anything else, whatever else the sentence holds.
_RULES: list[tuple[str, str]] = [
    ("risk", r"\b(suicid\w*|kill(ing)? (your|him|her|them)sel\w*|end(ing)? (your|his|her|their|it) (life|lives|all)|"
             r"take (your|his|her|their) (own )?life|self[- ]?harm\w*|harm(ing)? (your|him|her|them)sel\w*|"
             r"hurt(ing)? (your|him|her|them)sel\w*|cut(ting)? (your|him|her|them)sel\w*|"
             r"(feel|feels|felt|feeling|be|being|are|is|keep\w*|kept) (un)?safe|safety|unsafe|in danger|"
             r"(hit|hits|hitting|hurt|hurts|hurting|harm\w*|abus\w*|touch\w* you|threaten\w*|scare[sd]? you|frighten\w* you)\b.{0,40}\b(you|anyone|anybody|someone)|"
             r"(anyone|anybody|someone|somebody)\b.{0,30}\b(hit|hurt|harm|abus|touch|threaten|scare|frighten)\w*|"
             r"not (want(ing)? to|wanting to) (be alive|live|wake up|be here)|better off (dead|without)|"
             r"wish(ed)? (you|they|he|she) (were|was|could be) (dead|gone)|(don't|do not|didn't) want to (be alive|live|wake up)|"
             r"thoughts? (of|about) (dying|death|not being here)|overdose\w*|risk\w*|abus\w*|neglect\w*)\b"),
    ("loss_framing", r"\b(sorry,? (but )?(i|we) (have|need|'ve got) to|(have|need) to (transfer|pass|hand|move) you|"
                     r"hand(ed|ing)? (you )?over|pass(ed|ing)? (you )?on|sadly|unfortunately|i'?m afraid|"
                     r"(won'?t|will not|can'?t|cannot) (see|keep|work with) you (any ?more|again)|los(e|ing) me)\b"),
    ("assumption", r"\b(of course you'?ll|i know you'?d rather|you'?ll (want|prefer|like) to|you'?d (obviously|surely) (want|prefer|rather)|"
                   r"(obviously|surely|of course) you (want|would|will|'ll|'d)|i'?ll (just )?put (you|that) down (for|as)|"
                   r"i'?ll put down|i'?ll (just )?(choose|pick|decide)|i'?ve (already )?(decided|chosen|picked|booked))\b"),
    ("profession", r"\b(a (doctor|psychiatrist|psychologist|nurse|therapist|social worker|counsellor) (is|would be) (best|right|the one)|"
                   r"right professional|the right profession|(because|as) (she|he|they)'?(s| is| are) (a|an|our) \w+ ?(doctor|psychiatrist|psychologist|nurse|therapist)|"
                   r"by profession|(a|the) (proper|real) (doctor|psychologist|therapist)|"
                   r"(our|the) (cbt|family|play) therapist\b.{0,30}(right|best|proper))"),
    ("scarcity", r"\b(rare\w*|scarce\w*|scarcity|only (one|two|three|\d+) (of|people|clinicians|in)|one of (only )?(two|three|four|\d+)|"
                 r"\d+ of (the )?\d+|other famil\w*|less available|capacity|in short supply|few(er)? (people|clinicians|of us))\b"),
    ("keep_offer", r"\b(stay(ing)? with me|carry on (with|seeing) me|keep (seeing|working with) me|continue (with|seeing) me|"
                   r"could (also )?stay|work with me|i could (be the one|keep|carry on|continue|see you)|i could work with)\b"),
    ("empathy", r"\b(thank you for (telling|sharing|saying|being)|thanks for (telling|sharing)|sounds (like|really|so|very|hard|awful)|"
                r"that (must|sounds|seems)|i can (hear|see|imagine|tell)|i'?m (so |really )?sorry (to hear|that|you)|"
                r"(it'?s|that'?s) (understandable|a lot|really hard|hard|brave)|you'?ve (been|had) (carrying|through|a lot|to)|"
                r"(took|takes) (courage|a lot)|no wonder|makes sense that you|i hear you|well done for)\b"),
    ("rating", r"\b(scale|out of (10|ten)|(0|zero|1|one) (to|and|-) (10|ten)|rat(e|ing)|score|number)\b"),
    ("goals", r"\b(goals?|want(ed)? to be different|(like|want) to change|like things to be|hope\w* (for|to|will)|"
              r"different (after|by|in)|what would (you like|be better|need to change)|wish (for|could)|magic wand|"
              r"(get|getting) out of (coming|this|today)|looking for from|better look like|aim\w*)\b"),
    ("strengths", r"\b(strength\w*|good at|going (well|ok|okay|right)|proud|enjoy\w*|helps? (you|him|her|them)|"
                  r"who (helps|supports|is there)|support\w* you|cope\w*|coping|manage\w* (so far|already)|"
                  r"what works|best (thing|bits?)|like doing|hobb\w*|fun)\b"),
    ("preference", r"\b(prefer\w*|would you (like|rather)|what would suit|up to you|your (choice|decision|call)|"
                   r"(choose|choosing|pick|decide)\b.{0,20}\b(who|which|between)|how do you feel about (seeing|meeting|working)|"
                   r"(interpreter|language|speak)\w*|comfortable (with|talking)|male or female|man or (a )?woman)\b"),
    ("options", r"\b(options?|skills?|ways? (of|to) (working|work|help|tackle|approach)|approach\w*|cbt|therapy|therapies|"
                r"family (work|sessions?|therapy)|parenting|group\w*|self[- ]help|apps?|books?|school could|"
                r"other (services?|agenc\w*)|could (try|help)|choices?|what (might|could) help)\b"),
    ("worries", r"\b(worr\w*|concern\w*|brings? you|brought you|problems?|troubl\w*|going on|bother\w*|difficult\w*|"
                r"struggl\w*|hard for you|upset\w*|what'?s (been )?happening|what'?s wrong|matter\w*|anxious|stress\w*)\b"),
    ("background", r"\b(background|history|(at|about) home|(at|about) school|family life|growing up|when did (it|this|that)|"
                   r"how long|start(ed)?|before|happened|lives? with|who('?s| is) (at home|in the family)|"
                   r"friends?|changed|tell me (more )?about)\b"),
]
_COMPILED = [(intent, re.compile(rx, re.IGNORECASE)) for intent, rx in _RULES]

# Layer 2: a few examples per intent, matched fuzzily when no rule fires.
EXAMPLES: dict[str, tuple[str, ...]] = {
    "risk": ("have you ever thought about hurting yourself", "do you ever feel you would be better off not here",
             "is anyone hurting you at home", "have you had thoughts of dying", "do you feel safe at home"),
    "worries": ("what is worrying you most", "what brings you here today", "what has been hard lately",
                "what is the main thing on your mind", "what made you come today"),
    "background": ("tell me about home and school", "how long has this been going on", "when did it all start",
                   "who is in the family at home", "what was life like before this"),
    "strengths": ("what are you good at", "what is going well", "who do you turn to", "what do you enjoy doing",
                  "what has helped so far"),
    "goals": ("what would you like to be different", "what are you hoping for", "if things were better what would change",
              "what would you like to get out of coming here", "where would you like to be in a few months"),
    "rating": ("where would you put it from 0 to 10", "how would you score that now", "what number would you give it",
               "how close are you on a scale"),
    "options": ("there are a few ways we could work on this", "we could try family sessions or cbt",
                "some families use self help books", "school might be able to help too", "what do you think might help"),
    "preference": ("which would you prefer", "what would you like to do", "who would you like to see",
                   "how would you feel about seeing a colleague", "what suits you best"),
    "keep_offer": ("you could stay with me if you like", "i could carry on seeing you", "i have those skills too so i could keep working with you"),
    "scarcity": ("i am one of only two people with that skill", "other families may need my time",
                 "there are not many of us who do this work"),
    "loss_framing": ("i am sorry but i have to transfer you", "you will be handed over to someone else",
                     "sadly i will not be seeing you again"),
    "assumption": ("of course you will stay with me", "i know you would rather stay", "i will put you down for cbt"),
    "profession": ("a doctor is best for this", "she is a psychologist so she is the right one", "you need a proper therapist"),
    "empathy": ("thank you for telling me", "that sounds really hard", "it must be difficult", "i can hear how worried you are",
                "that took courage to say"),
}
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
        for intent in _FIRST + _BY_STAGE.get(stage, ()) + _THEN:
            if intent in matched:
                return Heard(intent, "rule", kind, reflection)
    intent = _fuzzy(t)
    if intent is not None:
        return Heard(intent, "fuzzy", kind, reflection or intent == "empathy")
    return Heard("empathy" if reflection else "other", "none", kind, reflection)


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
