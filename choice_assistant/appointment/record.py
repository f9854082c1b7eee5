"""The record of one appointment, and how it is folded from journal entries.

`rebuild(events)` folds journal events into a Record; the live Appointment uses the same fold
(`apply`), so a resumed session equals the live one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date as Date
from datetime import datetime
from typing import Any, Iterable

from choice_assistant.appointment.session import (
    GP,
    NO_PARTNERSHIP_DECISIONS,
    CommunicationNeed,
    Consent,
    FamilyMember,
    OptionDiscussed,
    Outcome,
    Referrer,
    Safety,
    Session,
    SessionGoal,
    YoungPerson,
)
from choice_assistant.journal.port import Event
from choice_assistant.register.model import Level


# What is recorded about the young person besides the name (which is typed text, saved as typed).
YOUNG_PERSON_DETAILS = ("age", "pronouns", "date_of_birth", "nhs_number", "address")


@dataclass
class Record:
    """Everything recorded so far: the session export plus where the appointment stands."""

    session: Session
    stage: str = "introduction"
    reached: list[str] = field(default_factory=lambda: ["introduction"])
    phrases: dict[str, bool] = field(default_factory=dict)
    team: str = ""
    chosen_for: list[list[str]] | None = None  # the goals' (approach, level) when the clinician was chosen
    unbooked: Outcome | None = None  # the outcome before the current booking, which releasing it restores


def _notes(session: Session) -> dict[str, str]:
    if isinstance(session.private_notes, str):
        session.private_notes = {"introduction": session.private_notes} if session.private_notes else {}
    return session.private_notes


def apply(rec: Record, kind: str, p: dict[str, Any]) -> None:
    """Fold one journal entry into the record. Entries are validated before they are written."""
    s = rec.session
    if kind == "start":
        rec.team = p.get("team", "")
    elif kind == "text":
        name, value = p["field"], p["value"]
        if name == "young_person":
            if value.strip() or (s.young_person is not None and any(getattr(s.young_person, d) for d in YOUNG_PERSON_DETAILS if d != "age")
                                 or (s.young_person is not None and s.young_person.age is not None)):
                base = s.young_person or YoungPerson.model_construct(name="", age=None, pronouns=None)
                s.young_person = base.model_copy(update={"name": value.strip()})
            else:
                s.young_person = None
        elif name == "private_note":
            notes = _notes(s)
            if value.strip():
                notes[p["stage"]] = value
            else:
                notes.pop(p["stage"], None)
        else:
            setattr(s, name, value)
    elif kind == "phrase":
        rec.phrases[p["id"]] = bool(p["said"])
    elif kind == "goal_add":
        s.goals.append(SessionGoal(**p))
    elif kind == "goal_update":
        n = p["goal"]
        s.goals[n - 1] = SessionGoal(**{**s.goals[n - 1].model_dump(), **p["fields"]})
    elif kind == "goal_remove":
        n = p["goal"]
        del s.goals[n - 1]
        s.options_discussed = [
            o if o.goal < n else OptionDiscussed(goal=o.goal - 1, approach=o.approach)
            for o in s.options_discussed if o.goal != n
        ]
    elif kind == "option_add":
        s.options_discussed.append(OptionDiscussed(goal=p["goal"], approach=p["approach"]))
    elif kind == "option_remove":
        s.options_discussed = [o for o in s.options_discussed if (o.goal, o.approach) != (p["goal"], p["approach"])]
        n = p["goal"]
        if 1 <= n <= len(s.goals) and s.goals[n - 1].approach == p["approach"]:
            # An option taken off the table can no longer be the agreed way of working.
            s.goals[n - 1] = s.goals[n - 1].model_copy(update={"approach": None, "level": Level.core})
    elif kind == "things_to_try":
        s.things_to_try = list(p["items"])
    elif kind == "set":
        _apply_set(s, p["field"], p["value"])
    elif kind == "choice_clinician":
        s.choice_clinician = p["clinician"]
    elif kind == "choose":
        slot = s.outcome.slot if s.outcome and s.outcome.clinician == p["clinician"] else None
        s.outcome = Outcome(decision=p["decision"], clinician=p["clinician"], slot=slot)
        rec.chosen_for = p.get("needs")
    elif kind == "book":
        if s.outcome is None or s.outcome.slot is None:
            rec.unbooked = s.outcome  # what a release of this booking gives back
        base = s.outcome or Outcome(decision="transfer")
        s.outcome = Outcome(decision=base.decision, clinician=p["clinician"], slot=datetime.fromisoformat(p["slot"]))
    elif kind == "unbook":
        if s.outcome is not None:
            # Back to the choice as it stood before the booking: a booking made with no choice recorded
            # (a waiting list run that was undone) leaves no choice behind.
            before = rec.unbooked
            s.outcome = None if before is None else before.model_copy(update={"slot": None})
    elif kind == "move":
        trigger, dest = p["trigger"], p["dest"]
        if trigger in NO_PARTNERSHIP_DECISIONS:
            s.outcome = Outcome(decision=trigger)
        elif trigger == "back" and p["source"] == "letters" and dest == "choice_point":
            s.outcome = None
        rec.stage = dest
        if dest not in rec.reached:
            rec.reached.append(dest)
    else:
        raise ValueError(f"unknown journal entry kind '{kind}'")


def _apply_set(s: Session, name: str, value: Any) -> None:
    if name in YOUNG_PERSON_DETAILS:
        if name == "date_of_birth" and isinstance(value, str):
            value = Date.fromisoformat(value)
        yp = s.young_person or YoungPerson.model_construct(name="", age=None, pronouns=None)
        s.young_person = yp.model_copy(update={name: value})
    elif name == "family":
        s.family = [FamilyMember(**m) for m in value]
    elif name == "referrer":
        s.referrer = Referrer(**value) if value else None
    elif name == "gp":
        s.gp = GP(**value) if value else None
    elif name == "communication_needs":
        s.communication_needs = [CommunicationNeed(**n) for n in value]
    elif name == "consent":
        s.consent = Consent(**value)
    elif name == "preferences":
        s.preferences = type(s.preferences)(**value)
    elif name == "keep_reasons":
        s.keep_reasons = list(value)
    elif name == "client_wants":
        s.client_wants = value
    elif name == "safety":
        s.safety = Safety.model_construct(**value) if value is not None else None
    else:
        raise ValueError(f"unknown field '{name}' in a journal entry")


def rebuild(events: Iterable[Event]) -> Record:
    """The record as the journal tells it: the first entry starts it, the rest fold in order."""
    it = iter(events)
    first = next(it, None)
    if first is None or first.kind != "start":
        raise ValueError("the journal entries do not begin with the start of a session")
    p = first.payload
    rec = Record(Session(session=p["session"], date=Date.fromisoformat(p["date"]), choice_clinician=p.get("choice_clinician")))
    apply(rec, "start", p)
    for event in it:
        apply(rec, event.kind, event.payload)
    return rec


def scratch(rec: Record) -> Record:
    return Record(rec.session.model_copy(deep=True), rec.stage, list(rec.reached), dict(rec.phrases), rec.team, rec.chosen_for,
                  rec.unbooked)
