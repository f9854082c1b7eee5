"""The simulated family: each person's trust, distress and openness, what they remember, and who answers what."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field, replace

from choice_assistant.training.intents import Heard, recognise
from choice_assistant.training.jargon import jargon_in
from choice_assistant.training.reflection import reflects
from choice_assistant.training.scenario import HiddenFact, Scenario, Utterance, person_id

# How the trainee's moves change the person they speak to (or everyone, when nobody is named).
_EFFECTS: dict[str, tuple[float, float, float]] = {  # intent: (trust, openness, distress)
    "empathy": (0.15, 0.12, -0.08),
    "loss_framing": (-0.2, -0.1, 0.15),
    "assumption": (-0.15, -0.1, 0.1),
    "profession": (-0.05, -0.05, 0.0),
}
_OPEN_QUESTION = (0.03, 0.05, 0.0)
_REFLECTION = (0.08, 0.06, -0.04)
_REPEAT = (-0.06, -0.04, 0.03)

_RELATIONS = {
    "mother": ("mum", "mom", "mother", "mam"), "father": ("dad", "father"), "grandmother": ("nan", "gran", "grandma", "nana"),
    "grandfather": ("grandad", "grandpa"), "carer": ("carer",), "stepmother": ("stepmum",), "stepfather": ("stepdad",),
}

# Moves that cost trust: the family reacts to them in the conversation, whatever the stage.
REACTIONS = ("loss_framing", "assumption", "profession")
_JARGON = (-0.05, -0.04, 0.03)
LOW_TRUST = 0.2  # below this a person answers flatly, until trust is earned back

# What anyone says when the scenario has nothing more specific (the engine's own words), a few ways each.
_FALLBACK: dict[str, tuple[str, ...]] = {
    "loss_framing": ("Oh. Is something wrong?", "Oh. (They look at each other.) Have we done something wrong?",
                     "Right. So that's it with you, then?"),
    "assumption": ("Um. I suppose so, if that's what you think.", "(shrugs) If you say so. Nobody really asked us.",
                   "Oh. Okay. I thought we'd get a say in that."),
    "profession": ("Does it matter what job they do? We just want someone who can help with this.",
                   "I don't mind what they're called. Will they know how to help with this?"),
    "empathy": ("Thank you. It does help to say it.",),
    "scarcity": ("Right. I hadn't thought about other families needing you too.",),
    "keep_offer": ("Can we think about it for a minute?",),
    "preference": ("I'm not sure. What would you suggest?",),
    "other": ("Sorry, I'm not sure what you mean.",),
}
_FLAT = ("(shrugs) I don't know.", "Fine. Whatever.", "(quietly) I'd rather not say.", "Maybe. I don't know.")
_PUZZLED = ("Sorry, what's {term}?", "(frowns) I don't know what {term} means.", "Sorry, you've lost me. {Term}?")


@dataclass
class State:
    """How one person feels about the conversation, each from 0 to 1."""

    trust: float
    openness: float
    distress: float

    def move(self, change: tuple[float, float, float]) -> None:
        t, o, d = change
        self.trust = min(1.0, max(0.0, self.trust + t))
        self.openness = min(1.0, max(0.0, self.openness + o))
        self.distress = min(1.0, max(0.0, self.distress + d))


@dataclass(frozen=True)
class Said:
    """One thing a family member said, and what it answered."""

    speaker: str  # person id
    name: str  # first name, as shown
    text: str
    intent: str  # the intent of the trainee's turn it answers ("opening" for an opening)
    means: str | None = None
    fact: str | None = None  # the hidden fact it told, if any
    cue: str | None = None  # the hidden fact it hinted at, if any


@dataclass
class Answer:
    """The family's answer to one turn: how the turn was heard, who was addressed, and what was said."""

    heard: Heard
    addressed: str | None
    lines: list[Said] = field(default_factory=list)


class Family:
    """A simulated family that listens, remembers and answers, deterministically for a seed."""

    def __init__(self, scenario: Scenario, seed: int | None = None):
        self.scenario = scenario
        self.members = scenario.member_ids()
        self.state = {pid: State(p.trust, p.openness, p.distress) for pid in self.members for p in [scenario.person(pid)]}
        self.told: list[str] = []  # hidden facts told, in order
        self.cued: set[str] = set()
        self.heard: list[tuple[str, str]] = []  # (stage, intent) of every trainee turn
        self.memory: list[Said] = []
        self._used: dict[tuple[str, str], list[int]] = {}
        self._rng = random.Random(f"{scenario.id}:{scenario.seed if seed is None else seed}")
        self._opened: set[str] = set()
        self.puzzled: set[str] = set()  # jargon the family has asked about

    # -- reading --------------------------------------------------------------------------

    def addressed(self, text: str) -> str | None:
        """The person the trainee spoke to by name or relation (the last one named), else None."""
        low = text.lower()
        found: list[tuple[int, str]] = []
        for pid in self.members:
            words = [self.scenario.name_of(pid).lower()] + list(_RELATIONS.get(self.scenario.relation_of(pid), ()))
            for w in words:
                for m in re.finditer(r"(?<!\w)" + re.escape(w) + r"(?!\w)", low):
                    found.append((m.start(), pid))
        return max(found)[1] if found else None

    def needs_revealed(self) -> list[HiddenFact]:
        """The hidden facts told so far that reveal a need (such as a language)."""
        return [f for f in self.scenario.hidden if f.id in self.told and f.need is not None]

    # -- speaking -------------------------------------------------------------------------

    def opening(self, stage: str) -> list[Said]:
        """What the family say as a stage opens, once per stage."""
        if stage in self._opened:
            return []
        self._opened.add(stage)
        out = [self._said(pid, text, "other") for pid, text in self.scenario.openings.get(stage, {}).items()]  # type: ignore[call-overload]
        self.memory += out
        return out

    def respond(self, stage: str, text: str) -> Answer:
        """The family's answer at this stage to what the trainee said."""
        heard = recognise(text, stage)
        names = [self.scenario.name_of(p) for p in self.members]
        heard = replace(heard, reflection=reflects(text, [s.text for s in self.memory[-3:]], names))
        who = self.addressed(text)
        answer = Answer(heard, who)
        if not text.strip():
            return answer
        repeat = heard.intent not in ("empathy", "other") and any(i == heard.intent for _, i in self.heard)
        self.heard.append((stage, heard.intent))
        self._affect(who, heard, repeat)
        puzzling = [t for t in jargon_in(text) if t not in self.puzzled]
        if heard.intent == "risk":
            answer.lines = self._risk(who)
        elif puzzling:
            answer.lines = self._puzzled(who, puzzling[0], heard.intent)
        else:
            answer.lines = self._fact(heard, who) or self._lines(stage, heard.intent, who, repeat)
        self.memory += answer.lines
        return answer

    def _puzzled(self, who: str | None, term: str, intent: str) -> list[Said]:
        """Words the family do not know: they ask, once per word, and trust the clinician a little less."""
        self.puzzled.add(term)
        pid = who or self.members[-1]
        self.state[pid].move(_JARGON)
        line = self._pick(("puzzled", pid), list(_PUZZLED))
        return [self._said(pid, line.format(term=term, Term=term[:1].upper() + term[1:]), intent)]

    def _affect(self, who: str | None, heard: Heard, repeat: bool) -> None:
        targets = [who] if who else self.members
        for pid in targets:
            st = self.state[pid]
            if heard.intent in _EFFECTS:
                st.move(_EFFECTS[heard.intent])
            elif heard.reflection:
                st.move(_REFLECTION)
            if heard.question == "open":
                st.move(_OPEN_QUESTION)
            if repeat and heard.intent not in ("empathy", "risk"):
                st.move(_REPEAT)

    def _risk(self, who: str | None) -> list[Said]:
        """The safety override: a risk question always gets the scenario's risk answer, whatever else holds."""
        lines = self.scenario.answers["risk"]
        pid = who if who in lines else next(iter(lines))
        return [self._said(pid, lines[pid][0].text, "risk")]

    def _fact(self, heard: Heard, who: str | None) -> list[Said]:
        for f in self.scenario.hidden:
            if f.id in self.told or heard.intent not in f.when or (who and who != f.by):
                continue
            st = self.state[f.by]
            listened = heard.question == "open" or heard.reflection or heard.intent == "empathy"
            earned = st.trust >= f.trust and (listened or not f.open_question)
            if earned:
                self.told.append(f.id)
                self.state[f.by].move((0.05, 0.1, -0.05))
                return [Said(f.by, self.scenario.name_of(f.by), self._pick(("fact", f.id), f.lines), heard.intent, fact=f.id)]
            if f.cue and f.id not in self.cued:
                self.cued.add(f.id)
                return [Said(f.by, self.scenario.name_of(f.by), f.cue, heard.intent, cue=f.id)]
        return []

    def _lines(self, stage: str, intent: str, who: str | None, repeat: bool) -> list[Said]:
        if stage == "introduction" and intent not in REACTIONS and f"{intent}@{stage}" not in self.scenario.answers:
            pid = who or self.members[-1]
            return [self._said(pid, "Okay. (They nod.) That makes sense.", intent)]
        flat = self._flat(intent, who)
        if flat:
            return flat
        options = self.scenario.answers.get(f"{intent}@{stage}") or self.scenario.answers.get(intent) or {}
        speakers = list(options)
        over = next((p for p in self.members if self.scenario.person(p).talks_over and p in options and p != who), None)
        if who is not None and who in options:
            pid = over if over and self.state[who].openness < 0.5 else who
        elif who is not None:
            pid = over or who
        else:
            pid = over or (speakers[0] if speakers else None)
        usable = [u for u in options.get(pid, []) if self._usable(u, pid)] if pid else []
        if not usable:
            if who is not None and pid == who and intent not in _FALLBACK:
                text = self._fallback_for(intent, who)
                return [self._said(who, text, intent)]
            pid = pid or (speakers[0] if speakers else self.members[0])
            if intent in REACTIONS:  # a worried or flat reply, never the person's everyday "I don't know"
                return [self._said(pid, self._pick(("fallback", intent), list(_FALLBACK[intent])), intent)]
            usable = [u for u in self.scenario.answers.get("other", {}).get(pid, []) if self._usable(u, pid)]
            if not usable:
                return [self._said(pid, self._pick(("fallback", intent), list(_FALLBACK.get(intent, _FALLBACK["other"]))), intent)]
        key = (f"{intent}@{stage}" if f"{intent}@{stage}" in self.scenario.answers else intent, pid)
        used = self._used.setdefault(key, [])
        fresh = [i for i in range(len(usable)) if i not in used] or list(range(len(usable)))
        # lines that build on what was told, or that need the openness the trainee has earned, come first
        earned = [i for i in fresh if usable[i].requires or usable[i].openness > 0]
        fresh = earned or fresh
        i = fresh[0] if len(fresh) == 1 else self._rng.choice(fresh)
        used.append(i)
        u = usable[i]
        text = u.text
        if repeat and len(used) > 1:
            text = "As I said, " + _lower_first(text, self.scenario)
        return [Said(pid, self.scenario.name_of(pid), text, intent, means=u.means)]

    def _flat(self, intent: str, who: str | None) -> list[Said]:
        """A flat answer from someone whose trust has fallen low (never to a risk question, an apology or a reaction)."""
        if intent in REACTIONS or intent in ("risk", "empathy"):
            return []
        pid = who or self.members[0]
        if self.state[pid].trust >= LOW_TRUST:
            return []
        return [self._said(pid, self._pick(("flat", pid), list(_FLAT)), intent)]

    def _usable(self, u: Utterance, pid: str) -> bool:
        if u.requires and u.requires not in self.told:
            return False
        return self.state[pid].openness >= u.openness

    def _fallback_for(self, intent: str, pid: str) -> str:
        others = [self.scenario.name_of(p) for p in self.members if p != pid]
        if pid == person_id(self.scenario.young_person.name) and others:
            return f"(looks at {others[0]}) I don't know. I'm not sure what to say."
        return "I'm not sure, to be honest."

    def _pick(self, key: tuple[str, str], texts: list[str]) -> str:
        used = self._used.setdefault(key, [])
        fresh = [i for i in range(len(texts)) if i not in used] or list(range(len(texts)))
        i = self._rng.choice(fresh)
        used.append(i)
        return texts[i]

    def _said(self, pid: str, text: str, intent: str) -> Said:
        return Said(pid, self.scenario.name_of(pid), text, intent)


def _lower_first(text: str, scenario: Scenario) -> str:
    """The line with its first letter in lower case, to follow "As I said, " (not "I", a name, or a bracket)."""
    first = re.split(r"[\s,.'!?]", text, maxsplit=1)[0]
    names = {scenario.name_of(pid) for pid in scenario.member_ids()}
    if first in ("I", "") or first in names or not text[:1].isalpha():
        return text
    return text[:1].lower() + text[1:]
