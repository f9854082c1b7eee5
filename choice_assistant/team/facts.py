"""What the team view reads from each journal session: who, what was needed, what was decided and when; never who the family is.

`read_facts` folds only the entry kinds these figures use (start, the goals' approaches and
levels, preferences, keep reasons, the family's wish, the decision and the booking). Text entries,
where names and private notes live, are skipped unread, and no session id is kept.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date as Date
from datetime import datetime

from choice_assistant.errors import InputError
from choice_assistant.matching.case import Preferences
from choice_assistant.matching.eligibility import SkillNeed
from choice_assistant.register.model import Level, Register

NO_PARTNERSHIP = ("no_partnership", "choice_plus")  # the appointment's decisions that close without a Partnership booking


@dataclass
class Facts:
    """What the team view takes from one session: nothing that names or describes the family."""

    date: Date
    choice_clinician: str | None
    needs: list  # SkillNeed items
    preferences: object
    keep_reasons: list[str]
    client_wants: str
    decision: str
    clinician: str | None
    slot: datetime | None


def needs_of(goals, register: Register) -> list:
    """The strongest level asked for each team skill, from (approach, level) pairs."""
    levels: dict[str, Level] = {}
    for approach, level in goals:
        if approach in register.skills_by_id and (approach not in levels or level.covers(levels[approach])):
            levels[approach] = level
    return [SkillNeed(skill=k, level=v) for k, v in levels.items()]


def facts_of(session, register: Register) -> Facts:
    """Facts from a whole session export (the slow, complete path; `read_facts` folds the journal directly)."""
    o = session.outcome
    return Facts(session.date, session.choice_clinician, needs_of([(g.approach, g.level) for g in session.goals], register),
                 session.preferences, list(session.keep_reasons), session.client_wants,
                 o.decision if o else "open", o.clinician if o else None, o.slot if o else None)


class _Fold:
    """The few parts of a session's record the figures use, folded the way the appointment folds them."""

    def __init__(self, start: dict):
        self.date = Date.fromisoformat(start["date"])
        self.choice_clinician = start.get("choice_clinician")
        self.goals: list[list] = []  # [approach, level] per goal, in order
        self.preferences: dict | None = None
        self.keep_reasons: list[str] = []
        self.client_wants = "undecided"
        self.outcome: tuple | None = None  # (decision, clinician, slot)

    def apply(self, kind: str, p: dict) -> None:
        if kind == "goal_add":
            self.goals.append([p.get("approach"), Level(p.get("level", "core"))])
        elif kind == "goal_update":
            g, f = self.goals[p["goal"] - 1], p["fields"]
            if "approach" in f:
                g[0] = f["approach"]
            if "level" in f:
                g[1] = Level(f["level"])
        elif kind == "goal_remove":
            del self.goals[p["goal"] - 1]
        elif kind == "option_remove":
            n = p["goal"]
            if 1 <= n <= len(self.goals) and self.goals[n - 1][0] == p["approach"]:
                self.goals[n - 1] = [None, Level.core]
        elif kind == "set":
            name = p["field"]
            if name == "preferences":
                self.preferences = p["value"]
            elif name == "keep_reasons":
                self.keep_reasons = list(p["value"])
            elif name == "client_wants":
                self.client_wants = p["value"]
        elif kind == "choice_clinician":
            self.choice_clinician = p["clinician"]
        elif kind == "choose":
            o = self.outcome
            slot = o[2] if o and o[1] == p["clinician"] else None
            self.outcome = (p["decision"], p["clinician"], slot)
        elif kind == "book":
            decision = self.outcome[0] if self.outcome else "transfer"
            self.outcome = (decision, p["clinician"], datetime.fromisoformat(p["slot"]))
        elif kind == "unbook":
            if self.outcome is not None:
                self.outcome = (self.outcome[0], self.outcome[1], None)
        elif kind == "move":
            if p["trigger"] in NO_PARTNERSHIP:
                self.outcome = (p["trigger"], None, None)
            elif p["trigger"] == "back" and p.get("source") == "letters" and p.get("dest") == "choice_point":
                self.outcome = None


def read_facts(store, register: Register) -> list[Facts]:
    """Every saved session in the journal, reduced to Facts by folding only the entries the figures use."""
    prefs: dict[str, Preferences] = {}  # many sessions share the same preferences and needs: worked out once each
    needs: dict[tuple, list] = {}
    out = []
    for summary in store.list_sessions():
        try:
            events = store.events(summary.id)
            if not events or events[0].kind != "start":
                continue
            fold = _Fold(events[0].payload)
            for e in events[1:]:
                if e.kind != "text":
                    fold.apply(e.kind, e.payload)
            key = json.dumps(fold.preferences, sort_keys=True)
            if key not in prefs:
                prefs[key] = Preferences.model_validate(fold.preferences or {})
            goals = tuple(map(tuple, fold.goals))
            if goals not in needs:
                needs[goals] = needs_of(goals, register)
            o = fold.outcome
            out.append(Facts(fold.date, fold.choice_clinician, list(needs[goals]), prefs[key], fold.keep_reasons,
                             fold.client_wants, o[0] if o else "open", o[1] if o else None, o[2] if o else None))
        except (InputError, ValueError, KeyError, TypeError, IndexError):
            continue  # a session this version cannot read is left out, not guessed at
    return out
