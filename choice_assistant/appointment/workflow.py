"""The Choice appointment as a state machine: stages, guards in plain words, and recording to the journal.

Public API (what the TUI and the tests call)
--------------------------------------------
STAGES                 the stages, in order; STAGE_TITLES: stage -> plain title ("Choice Point").
TRANSITIONS            every move as Move(trigger, source, dest, guard); `diagram()` draws them.

Appointment.new(store, register, choice_clinician=None, now=None) -> Appointment   (starts at introduction)
Appointment.resume(store, session_id, register, now=None) -> Appointment       (rebuilt from the journal)

    a.state                      the current stage (a string from STAGES)
    a.session_id, a.session      the id, and a live read-only view of the record (a Session)
    a.reached                    stages visited so far, in the order first reached

  Moving (each returns True if it moved, False if blocked; a blocked move records nothing):
    a.next()             forward to the following stage (choice_point -> allocation)
    a.back()             to the previous stage (from letters: back to choice_point when no
                         Partnership work or Choice Plus was chosen, else to booking)
    a.no_partnership()   choice_point -> letters; outcome decision "no_partnership"
    a.choice_plus()      choice_point -> letters; outcome decision "choice_plus": a further Choice
                         appointment is needed (e.g. a key person was absent); letters explain it
    a.goto(stage)        back to any stage already reached; forward only through passing guards
    a.may_next(), a.may_back(), a.may_no_partnership(), a.may_choice_plus()   (from `transitions`)
    a.missing(trigger="next") -> list[str]   why the move is blocked, in plain words ([] = allowed)
    a.locked_reason(stage) -> str | None     for the progress list: why a stage cannot be opened yet
  `closed` is final: nothing moves out of it.

  Recording (each call commits one journal entry before it returns, except set_text):
    a.set_choice_clinician(clinician_id)   who ran this Choice appointment (a register id); needed
                                 before allocation, and may change until then
    a.set_text(field, value)     TEXT_FIELDS: young_person (the name), concerns, background,
                                 strengths, network, risk, formulation, private_note (the note for
                                 the current stage; never reaches a letter). Safe on every keystroke:
                                 the value is live at once and written when the oldest unwritten
                                 change is DEBOUNCE_SECONDS old, checked on the next set_text or
                                 flush_due() call (no threads). Call a.flush_due() from a timer
                                 (~0.5 s) and a.flush() when a field loses focus or the app closes.
                                 Every other recording call and every move flushes first.
    a.flush(), a.flush_due(), a.pending -> bool
    a.tick_phrase(phrase_id, said=True)
    a.add_goal(text, owner=None, rating=None) -> int     1-based goal number
    a.update_goal(n, text=..., owner=..., rating=..., approach=..., level=...)
    a.remove_goal(n)                                     later goals (and their options) renumber
    a.add_option(goal_no, approach), a.remove_option(goal_no, approach)
    a.agree_option(goal_no, approach)    the family's chosen way of working for a goal (sets the
                                         goal's approach and, from the catalogue, its level)
    a.set_things_to_try(list[str])
    a.set_young_person(age=..., pronouns=...), a.set_family(list[dict]), a.set_referrer(dict | None),
    a.set_consent(copy_to_referrer=..., copy_to_gp=...)
    a.set_preferences(gender=None, language=None, cultural_background=None, required=())
    a.set_keep_reasons(list), a.set_client_wants("keep" | "transfer" | "undecided")
    a.choose(decision, clinician=None)    decision "keep" (clinician defaults to the Choice
                                          clinician) or "transfer" (clinician required). Choosing
                                          someone else gives back a slot already booked; so do
                                          no_partnership() and choice_plus(). If the goals or their
                                          agreed ways of working change afterwards, allocation
                                          asks for the choice to be checked again.
    a.book(slot, now=None) -> str | None  books the chosen clinician's slot; returns a warning when
                                          it is far away; raises WorkflowError when the slot is gone
    a.free_slots(now=None) -> list[datetime]   the chosen clinician's bookable slots
    a.taken_slots() -> set[tuple[str, datetime]]  (clinician, slot) pairs booked by other sessions
    a.recommendation() -> Recommendation   matching's advice for this appointment, never offering a
                                           slot another family has booked (InputError while the case
                                           is incomplete)
  Reading:
    a.register, a.store      what it was opened with
    a.phrases                the introduction's phrases (list[prompts.Phrase]), read when opened
    a.catalogue              the options catalogue (dict: option id -> prompts.OptionEntry)
    a.is_team_option(approach) -> bool   True when the approach needs a team skill
    a.export() -> Session    the "Session export" contract (a copy)
    a.case() -> Case         allocation inputs for matching (InputError if a goal has no approach)
    a.phrases_said -> dict[str, bool]

Bad values given to a recording call raise WorkflowError with a plain message and record nothing.
`rebuild(events)` folds journal events into a Record; the live Appointment uses the same fold,
so a resumed session equals the live one. `export_session(store, id)` gives a saved session's
export without a register. `diagram()` is the mermaid text of `choice-assistant diagram`.
Nothing here imports a user interface.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field
from datetime import date as Date, datetime
from typing import Any, Callable, Iterable

from choice_assistant.matching.case import Case
from choice_assistant.register.model import Register
from choice_assistant.appointment.session import (
    Consent,
    FamilyMember,
    OptionDiscussed,
    Outcome,
    Referrer,
    Session,
    SessionGoal,
    YoungPerson,
)
from choice_assistant.journal.port import Event, SlotTaken, Store

STAGES: list[str] = [
    "introduction", "curiosity", "goals", "formulation", "options",
    "choice_point", "allocation", "booking", "letters", "closed",
]
STAGE_TITLES: dict[str, str] = {
    "introduction": "Introduction",
    "curiosity": "Curiosity",
    "goals": "Goals",
    "formulation": "Shared understanding",
    "options": "Options",
    "choice_point": "Choice Point",
    "allocation": "Who they will see",
    "booking": "Booking",
    "letters": "Letters",
    "closed": "Closed",
}
TEXT_FIELDS = ("young_person", "concerns", "background", "strengths", "network", "risk", "formulation", "private_note")
DEBOUNCE_SECONDS = 1.0
NO_PARTNERSHIP_DECISIONS = ("no_partnership", "choice_plus")


class WorkflowError(Exception):
    """Something the clinician asked for cannot be done; the message says why in plain words."""


@dataclass(frozen=True)
class Move:
    """One transition of the appointment, with its guard in plain words (None: always allowed)."""

    trigger: str
    source: str
    dest: str
    guard: str | None = None


_NEXT_GUARDS = {
    "introduction": "the required introduction phrases are said",
    "curiosity": "the risk and safeguarding question is answered",
    "goals": "at least one goal, each with whose goal and a rating",
    "formulation": "a shared understanding is written",
    "options": "at least one option discussed for each goal",
    "choice_point": "an agreed way of working for each goal, needing the team, and who ran this Choice appointment",
    "allocation": "the family's choice and a clinician are recorded",
    "booking": "a slot is booked",
    "letters": "the risk and safeguarding answer is still recorded",
}


def _moves() -> list[Move]:
    moves = [Move("next", s, STAGES[i + 1], _NEXT_GUARDS[s]) for i, s in enumerate(STAGES[:-1])]
    moves.append(Move("no_partnership", "choice_point", "letters", "an agreed way of working for each goal"))
    moves.append(Move("choice_plus", "choice_point", "letters", None))
    moves.append(Move("back", "letters", "choice_point", "after no Partnership or Choice Plus"))
    for i, s in enumerate(STAGES[1:-1], start=1):
        moves.append(Move("back", s, STAGES[i - 1], None))
    return moves


TRANSITIONS: list[Move] = _moves()
TRIGGERS = ("next", "back", "no_partnership", "choice_plus")


# -- the record and its fold ---------------------------------------------------------------

@dataclass
class Record:
    """Everything recorded so far: the session export plus where the appointment stands."""

    session: Session
    stage: str = "introduction"
    reached: list[str] = field(default_factory=lambda: ["introduction"])
    phrases: dict[str, bool] = field(default_factory=dict)
    team: str = ""
    chosen_for: list[list[str]] | None = None  # the goals' (approach, level) when the clinician was chosen


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
            if value.strip() or (s.young_person is not None and (s.young_person.age is not None or s.young_person.pronouns)):
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
        base = s.outcome or Outcome(decision="transfer")
        s.outcome = Outcome(decision=base.decision, clinician=p["clinician"], slot=datetime.fromisoformat(p["slot"]))
    elif kind == "unbook":
        if s.outcome is not None:
            s.outcome = s.outcome.model_copy(update={"slot": None})
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
    if name in ("age", "pronouns"):
        yp = s.young_person or YoungPerson.model_construct(name="", age=None, pronouns=None)
        s.young_person = yp.model_copy(update={name: value})
    elif name == "family":
        s.family = [FamilyMember(**m) for m in value]
    elif name == "referrer":
        s.referrer = Referrer(**value) if value else None
    elif name == "consent":
        s.consent = Consent(**value)
    elif name == "preferences":
        s.preferences = type(s.preferences)(**value)
    elif name == "keep_reasons":
        s.keep_reasons = list(value)
    elif name == "client_wants":
        s.client_wants = value
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


def export_session(store: Store, session_id: str) -> Session:
    """A saved session in the contract's shape, straight from the journal (no register needed)."""
    return _exported(_load(store, session_id))


def _exported(rec: Record) -> Session:
    data = rec.session.model_dump()
    if data["young_person"] is not None and not data["young_person"]["name"].strip():
        data["young_person"] = None  # an age without a name is kept in the journal only
    return Session.model_validate(data)


def _load(store: Store, session_id: str) -> Record:
    from choice_assistant.errors import InputError

    from pydantic import ValidationError

    events = store.events(session_id)
    if not events:
        raise InputError(store.source, f"there is no saved session '{session_id}': see `choice-assistant sessions list`")
    try:
        return rebuild(events)
    except (ValueError, KeyError, TypeError, IndexError, ValidationError) as exc:
        raise InputError(store.source, f"session '{session_id}' cannot be rebuilt from its journal ({exc}); "
                                       "it was left untouched: it may need a newer choice-assistant") from None


# -- what is missing: pure functions of the record -------------------------------------------

def needs_of(session: Session) -> list[list[str]]:
    """What the agreed goals need, as compared when a clinician was chosen."""
    return [[g.approach or "", g.level.value] for g in session.goals]


def _goal_numbers(session: Session) -> range:
    return range(1, len(session.goals) + 1)


def blockers(rec: Record, trigger: str, *, phrases: list | None = None, team_option: Callable[[str], bool] | None = None,
             register: Register | None = None) -> list[str]:
    """Plain-words reasons the trigger cannot fire from the record's stage ([] when it can)."""
    stage, s = rec.stage, rec.session
    if trigger == "goto":
        return []
    if trigger not in TRIGGERS:
        return [f"'{trigger}' is not something the appointment can do"]
    if not any(m.trigger == trigger and m.source == stage for m in TRANSITIONS):
        if stage == "closed":
            return ["this appointment is closed"]
        if trigger == "back":
            return ["this is the first stage"]
        if trigger in NO_PARTNERSHIP_DECISIONS:
            return ["this is decided at the Choice Point"]
        return [f"there is no next stage after {STAGE_TITLES[stage]}"]
    if trigger == "back" or trigger == "choice_plus":
        return []
    if trigger == "no_partnership":
        return _unagreed_goals(s)
    return _next_blockers(rec, phrases or [], team_option, register)


def _unagreed_goals(s: Session) -> list[str]:
    if not s.goals:
        return ["record at least one goal"]
    return [f"goal {n}: the family has not said which option they prefer" for n in _goal_numbers(s) if not s.goals[n - 1].approach]


def _next_blockers(rec: Record, phrases: list, team_option: Callable[[str], bool] | None, register: Register | None) -> list[str]:
    stage, s = rec.stage, rec.session
    out: list[str] = []
    if stage == "introduction":
        for ph in phrases:
            if ph.required and not rec.phrases.get(ph.id):
                out.append(f'say and tick the introduction phrase "{ph.title}"')
    elif stage == "curiosity":
        if not s.risk.strip():
            out.append("the risk and safeguarding question is unanswered")
    elif stage == "goals":
        if not s.goals:
            out.append("record at least one goal")
        for n in _goal_numbers(s):
            g = s.goals[n - 1]
            if g.owner is None:
                out.append(f"goal {n}: say whose goal it is")
            if g.rating is None:
                out.append(f"goal {n}: ask for a rating from 0 to 10")
    elif stage == "formulation":
        if not s.formulation.strip():
            out.append("write the shared understanding in plain words")
    elif stage == "options":
        if not s.goals:
            out.append("record at least one goal")
        talked = {o.goal for o in s.options_discussed}
        out += [f"goal {n}: discuss at least one way of working towards it" for n in _goal_numbers(s) if n not in talked]
    elif stage == "choice_point":
        out += _unagreed_goals(s)
        if not out and team_option is not None and not any(team_option(g.approach) for g in s.goals):
            out.append("no agreed option needs the team: choose 'no Partnership work needed' instead")
        if not s.choice_clinician:
            out.append("record who ran this Choice appointment")
    elif stage == "allocation":
        o = s.outcome
        if s.client_wants == "undecided":
            out.append("the family has not said whether they would like to stay or see someone else")
        if o is None or o.decision not in ("keep", "transfer") or not o.clinician:
            out.append("record which clinician the family chose")
        elif o.decision == "keep" and s.client_wants == "transfer":
            out.append("the family asked to see someone else, but staying is recorded: choose the clinician they will see")
        elif o.decision == "transfer" and s.client_wants == "keep":
            out.append("the family asked to stay, but someone else is recorded: check what they prefer")
        elif (o.decision == "keep") != (o.clinician == s.choice_clinician):
            out.append("the Choice clinician changed after the family chose: record their choice again")
        if o is not None and o.clinician and rec.chosen_for is not None and rec.chosen_for != needs_of(s):
            out.append("the goals or agreed ways of working changed after the clinician was chosen: check the choice with the family again")
    elif stage == "letters":
        if not s.risk.strip():
            out.append("the risk and safeguarding question is unanswered")
    elif stage == "booking":
        o = s.outcome
        if o is None or o.slot is None:
            who = register.clinician(o.clinician).name if (register and o and o.clinician and register.clinician(o.clinician)) else "the chosen clinician"
            out.append(f"book the next appointment with {who}")
    return out


# -- the live appointment ----------------------------------------------------------------

class Appointment:
    """One Choice appointment: a `transitions` machine over a Record, writing to a Store."""

    def __init__(self, store: Store, register: Register, session_id: str, rec: Record, *,
                 now: datetime | None = None, phrases: list | None = None, catalogue: list | None = None,
                 clock: Callable[[], float] = time.monotonic):
        from transitions import Machine

        self.store = store
        self.register = register
        self.session_id = session_id
        self._rec = rec
        self._now = now
        self._clock = clock
        self._pending: dict[tuple[str, str], str] = {}
        self._pending_since: float | None = None
        if phrases is None:
            from choice_assistant.wording.catalogue import phrase_bank

            phrases = phrase_bank()
        if catalogue is None:
            from choice_assistant.wording.catalogue import options_catalogue

            catalogue = options_catalogue()
        self.phrases = list(phrases)
        self.catalogue = {o.id: o for o in catalogue}
        self.machine = Machine(
            model=self, states=STAGES, initial=rec.stage, auto_transitions=False,
            ignore_invalid_triggers=True, send_event=True, before_state_change="_record_move",
        )
        for m in TRANSITIONS:
            conditions = ["_allowed"]
            if m.trigger == "back" and m.source == "letters":
                conditions.append("_came_without_partnership" if m.dest == "choice_point" else "_came_with_partnership")
            self.machine.add_transition(m.trigger, m.source, m.dest, conditions=conditions)

    # -- construction ---------------------------------------------------------------------

    @classmethod
    def new(cls, store: Store, register: Register, choice_clinician: str | None = None, now: datetime | None = None,
            session_id: str | None = None, **kwargs: Any) -> "Appointment":
        """Start a new appointment at the introduction, recorded in the store at once."""
        if choice_clinician is not None and register.clinician(choice_clinician) is None:
            raise WorkflowError(f"'{choice_clinician}' is not a clinician in {register.team}'s register")
        sid = session_id or uuid.uuid4().hex
        started = now or datetime.now()
        payload = {"session": sid, "date": started.date().isoformat(), "choice_clinician": choice_clinician, "team": register.team}
        store.create_session(sid, started, choice_clinician, register.team)
        store.append(sid, "start", payload, summary={"stage": "introduction"})
        rec = rebuild([Event(1, started, "start", payload)])
        return cls(store, register, sid, rec, now=now, **kwargs)

    @classmethod
    def resume(cls, store: Store, session_id: str, register: Register, now: datetime | None = None, **kwargs: Any) -> "Appointment":
        """Rebuild a saved appointment from its journal, at the stage where it stood."""
        return cls(store, register, session_id, _load(store, session_id), now=now, **kwargs)

    # -- reading --------------------------------------------------------------------------

    @property
    def session(self) -> Session:
        return self._rec.session

    @property
    def reached(self) -> list[str]:
        return list(self._rec.reached)

    @property
    def phrases_said(self) -> dict[str, bool]:
        return dict(self._rec.phrases)

    @property
    def record(self) -> Record:
        return self._rec

    def now(self) -> datetime:
        return self._now or datetime.now()

    def export(self) -> Session:
        return _exported(self._rec)

    def case(self) -> Case:
        from choice_assistant.appointment.export import case_from_session

        return case_from_session(self.export(), "this appointment")

    def is_team_option(self, approach: str | None) -> bool:
        if approach is None:
            return False
        entry = self.catalogue.get(approach)
        return entry.team if entry is not None else approach in self.register.skills_by_id

    # -- guards ---------------------------------------------------------------------------

    def missing(self, trigger: str = "next") -> list[str]:
        return blockers(self._rec, trigger, phrases=self.phrases, team_option=self.is_team_option, register=self.register)

    def locked_reason(self, stage: str) -> str | None:
        """None when the stage can be opened now (reached, or every guard up to it passes)."""
        if stage not in STAGES:
            raise WorkflowError(f"there is no stage '{stage}'")
        if stage in self._rec.reached or stage == self.state:
            return None
        if self.state == "closed":
            return "this appointment is closed"
        here = STAGES.index(self.state)
        target = STAGES.index(stage)
        if target < here:
            return f"{STAGE_TITLES[stage]} was skipped by the path this appointment took"
        # Guards for stages beyond the next depend on what is recorded there, so report the first.
        reasons = self.missing("next")
        if reasons:
            return f"{STAGE_TITLES[self.state]}: {reasons[0]}"
        if target > here + 1:
            return f"finish {STAGE_TITLES[STAGES[here + 1]]} first"
        return None

    def _allowed(self, event: Any) -> bool:
        return not self.missing(event.event.name)

    def _came_without_partnership(self, event: Any) -> bool:
        o = self._rec.session.outcome
        return o is not None and o.decision in NO_PARTNERSHIP_DECISIONS

    def _came_with_partnership(self, event: Any) -> bool:
        return not self._came_without_partnership(event)

    def _record_move(self, event: Any) -> None:
        self._move(event.event.name, event.transition.source, event.transition.dest)

    def _move(self, trigger: str, source: str, dest: str) -> None:
        self.flush()
        if trigger in NO_PARTNERSHIP_DECISIONS:
            self._release()
        payload = {"trigger": trigger, "source": source, "dest": dest}
        self.store.append(self.session_id, "move", payload, summary={"stage": dest, "finished": dest == "closed"})
        apply(self._rec, "move", payload)

    def goto(self, stage: str) -> bool:
        """Open an earlier stage already reached, or move forward while every guard passes."""
        if stage not in STAGES:
            raise WorkflowError(f"there is no stage '{stage}'")
        if stage == self.state:
            return True
        if self.state == "closed":
            return False
        if STAGES.index(stage) < STAGES.index(self.state):
            if stage not in self._rec.reached:
                return False
            self._move("goto", self.state, stage)
            self.machine.set_state(stage, model=self)
            return True
        while self.state != stage:
            if not self.next():
                return False
        return True

    # -- recording ------------------------------------------------------------------------

    def _record(self, kind: str, payload: dict[str, Any], summary: dict[str, Any] | None = None) -> None:
        if self.state == "closed":
            raise WorkflowError("this appointment is closed; its record can no longer change")
        self.flush()
        apply(_scratch(self._rec), kind, payload)  # raises before anything is written if invalid
        self.store.append(self.session_id, kind, payload, summary)
        apply(self._rec, kind, payload)

    @property
    def pending(self) -> bool:
        return bool(self._pending)

    def set_choice_clinician(self, clinician_id: str) -> None:
        """Record who ran this Choice appointment (a clinician in the register)."""
        if not isinstance(clinician_id, str) or self.register.clinician(clinician_id) is None:
            raise WorkflowError(f"'{clinician_id}' is not a clinician in {self.register.team}'s register")
        if clinician_id != self.session.choice_clinician:
            self._record("choice_clinician", {"clinician": clinician_id})

    def set_text(self, field: str, value: str) -> None:
        if field not in TEXT_FIELDS:
            raise WorkflowError(f"'{field}' is not a text field; use one of {', '.join(TEXT_FIELDS)}")
        if self.state == "closed":
            raise WorkflowError("this appointment is closed; its record can no longer change")
        value = str(value)
        if field == "young_person" and len(value.strip()) > 120:
            raise WorkflowError("a name can be at most 120 characters")
        stage = self.state if field == "private_note" else ""
        payload = {"field": field, "value": value, **({"stage": stage} if stage else {})}
        apply(self._rec, "text", payload)
        self._pending[(field, stage)] = value
        if self._pending_since is None:
            self._pending_since = self._clock()
        self.flush_due()

    def flush_due(self) -> None:
        """Write pending text if the oldest unwritten change is DEBOUNCE_SECONDS old."""
        if self._pending_since is not None and self._clock() - self._pending_since >= DEBOUNCE_SECONDS:
            self.flush()

    def flush(self) -> None:
        """Write every pending text change to the journal now."""
        pending, self._pending, self._pending_since = self._pending, {}, None
        for (name, stage), value in pending.items():
            payload = {"field": name, "value": value, **({"stage": stage} if stage else {})}
            summary = {"young_person": value.strip()} if name == "young_person" else None
            self.store.append(self.session_id, "text", payload, summary)

    def tick_phrase(self, phrase_id: str, said: bool = True) -> None:
        if phrase_id not in {p.id for p in self.phrases}:
            raise WorkflowError(f"there is no introduction phrase '{phrase_id}'")
        self._record("phrase", {"id": phrase_id, "said": bool(said)})

    def _goal_no(self, n: int) -> int:
        if not isinstance(n, int) or not 1 <= n <= len(self.session.goals):
            raise WorkflowError(f"there is no goal {n}: goals are numbered 1 to {len(self.session.goals)}")
        return n

    def add_goal(self, text: str, owner: str | None = None, rating: int | None = None) -> int:
        payload = _checked_goal({"text": text, "owner": owner, "rating": rating})
        self._record("goal_add", payload)
        return len(self.session.goals)

    def update_goal(self, n: int, **fields: Any) -> None:
        n = self._goal_no(n)
        unknown = set(fields) - set(SessionGoal.model_fields)
        if unknown:
            raise WorkflowError(f"a goal has no field {', '.join(sorted(unknown))}")
        merged = _checked_goal({**self.session.goals[n - 1].model_dump(mode="json"), **fields})
        self._record("goal_update", {"goal": n, "fields": {k: merged[k] for k in fields}})

    def remove_goal(self, n: int) -> None:
        self._record("goal_remove", {"goal": self._goal_no(n)})

    def _approach(self, approach: str) -> str:
        if approach not in self.catalogue and approach not in self.register.skills_by_id:
            raise WorkflowError(f"'{approach}' is not in the options catalogue or the team's skills")
        return approach

    def add_option(self, goal_no: int, approach: str) -> None:
        n, approach = self._goal_no(goal_no), self._approach(approach)
        if any((o.goal, o.approach) == (n, approach) for o in self.session.options_discussed):
            return
        self._record("option_add", {"goal": n, "approach": approach})

    def remove_option(self, goal_no: int, approach: str) -> None:
        self._record("option_remove", {"goal": self._goal_no(goal_no), "approach": approach})

    def agree_option(self, goal_no: int, approach: str | None) -> None:
        """Record the way of working the family chose for a goal (None clears it)."""
        n = self._goal_no(goal_no)
        if approach is None:
            self.update_goal(n, approach=None)
            return
        entry = self.catalogue.get(self._approach(approach))
        level = entry.level.value if entry is not None and entry.level is not None else "core"
        self.update_goal(n, approach=approach, level=level)

    def set_things_to_try(self, items: list[str]) -> None:
        clean = [str(i).strip() for i in items if str(i).strip()]
        self._record("things_to_try", {"items": clean})

    def _set(self, name: str, value: Any) -> None:
        self._record("set", {"field": name, "value": value})

    def set_young_person(self, **fields: Any) -> None:
        for name in fields:
            if name not in ("age", "pronouns"):
                raise WorkflowError(f"'{name}' cannot be set here: the name is set with set_text('young_person', ...)")
        for name, value in fields.items():
            if name == "age" and value is not None and (not isinstance(value, int) or not 0 <= value <= 25):
                raise WorkflowError("age must be a whole number from 0 to 25")
            self._set(name, value)

    def set_family(self, members: list[dict[str, str]]) -> None:
        self._set("family", [_validated(FamilyMember, m, "family member").model_dump() for m in members])

    def set_referrer(self, referrer: dict[str, str] | None) -> None:
        self._set("referrer", _validated(Referrer, referrer, "referrer").model_dump() if referrer else None)

    def set_consent(self, **fields: bool) -> None:
        self._set("consent", _validated(Consent, {**self.session.consent.model_dump(), **fields}, "consent").model_dump())

    def set_preferences(self, gender: str | None = None, language: str | None = None,
                        cultural_background: str | None = None, required: Iterable[str] = ()) -> None:
        from choice_assistant.matching.case import Preferences

        prefs = _validated(Preferences, {"gender": gender or None, "language": language or None,
                                         "cultural_background": cultural_background or None, "required": list(required)}, "preferences")
        self._set("preferences", prefs.model_dump(mode="json"))

    def set_keep_reasons(self, reasons: Iterable[str]) -> None:
        allowed = ("disclosure", "network_work", "client_preference")
        reasons = list(dict.fromkeys(reasons))
        bad = [r for r in reasons if r not in allowed]
        if bad:
            raise WorkflowError(f"unknown reason {', '.join(bad)}: use {', '.join(allowed)}")
        self._set("keep_reasons", reasons)

    def set_client_wants(self, wants: str) -> None:
        if wants not in ("keep", "transfer", "undecided"):
            raise WorkflowError("what the family wants must be keep, transfer or undecided")
        self._set("client_wants", wants)

    def choose(self, decision: str, clinician: str | None = None) -> None:
        """Record who the family will see: keep (the Choice clinician) or transfer (someone else)."""
        if decision == "keep":
            clinician = clinician or self.session.choice_clinician
            if clinician != self.session.choice_clinician:
                raise WorkflowError("keeping means staying with the Choice clinician; choose 'transfer' for someone else")
        elif decision == "transfer":
            if not clinician:
                raise WorkflowError("say which clinician the family will see")
            if clinician == self.session.choice_clinician:
                raise WorkflowError("that is the Choice clinician: choose 'keep' to stay with them")
        else:
            raise WorkflowError("the decision must be keep or transfer (no Partnership and Choice Plus are moves at the Choice Point)")
        if clinician is None or self.register.clinician(clinician) is None:
            raise WorkflowError(f"'{clinician}' is not a clinician in {self.register.team}'s register")
        o = self.session.outcome
        if o is not None and o.clinician != clinician:
            self._release()
        self._record("choose", {"decision": decision, "clinician": clinician, "needs": needs_of(self.session)})

    def _release(self) -> None:
        """Give back this session's booked slot so other families can have it."""
        o = self.session.outcome
        if o is not None and o.slot is not None:
            self.flush()
            if self.store.release(self.session_id):
                apply(self._rec, "unbook", {"clinician": o.clinician, "slot": o.slot.isoformat()})

    def free_slots(self, now: datetime | None = None) -> list[datetime]:
        from choice_assistant.appointment.booking import free_slots

        o = self.session.outcome
        if o is None or not o.clinician:
            return []
        return free_slots(self.register, self.store, o.clinician, now or self.now())

    def taken_slots(self) -> set[tuple[str, datetime]]:
        """Every (clinician, slot) in the register booked by another session."""
        mine = self.store.booking_of(self.session_id)
        taken = {(c.id, slot) for c in self.register.clinicians for slot in self.store.booked_slots(c.id)}
        return taken - {mine} if mine else taken

    def recommendation(self, now: datetime | None = None):
        """Matching's keep-or-transfer advice for this appointment, with booked slots left out."""
        from choice_assistant.matching.recommend import recommend

        return recommend(self.register, self.case(), now=now or self.now(), taken=self.taken_slots())

    def book(self, slot: datetime, now: datetime | None = None) -> str | None:
        """Book the chosen clinician's slot; returns a warning when it is far away."""
        from choice_assistant.appointment.booking import slot_warning

        if self.state != "booking":
            raise WorkflowError("slots are booked at the Booking stage")
        o = self.session.outcome
        if o is None or o.decision not in ("keep", "transfer") or not o.clinician:
            raise WorkflowError("record which clinician the family chose before booking")
        now = now or self.now()
        clinician = self.register.clinician(o.clinician)
        slot = slot.replace(second=0, microsecond=0)
        if clinician is None or slot not in clinician.partnership_slots:
            raise WorkflowError(f"{slot:%a %d %b %H:%M} is not one of {o.clinician}'s Partnership slots")
        if slot <= now:
            raise WorkflowError(f"{slot:%a %d %b %H:%M} has already passed: choose a later slot")
        self.flush()
        try:
            self.store.book(self.session_id, o.clinician, slot)
        except SlotTaken as exc:
            raise WorkflowError(f"{slot:%a %d %b %H:%M} with {clinician.name} is already booked for another family: choose another slot") from exc
        apply(self._rec, "book", {"clinician": o.clinician, "slot": slot.isoformat()})
        return slot_warning(slot, now, self.register.policy)


def _scratch(rec: Record) -> Record:
    return Record(rec.session.model_copy(deep=True), rec.stage, list(rec.reached), dict(rec.phrases), rec.team, rec.chosen_for)


def _validated(model: type, data: Any, what: str) -> Any:
    from pydantic import ValidationError

    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"])
        raise WorkflowError(f"the {what} is not valid{f' ({where})' if where else ''}: {first['msg']}") from None


def _checked_goal(data: dict[str, Any]) -> dict[str, Any]:
    from pydantic import ValidationError

    try:
        return SessionGoal.model_validate(data).model_dump(mode="json")
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        name = str(first["loc"][0]) if first["loc"] else ""
        msg = {
            "text": "a goal needs some words (up to 500 characters)",
            "rating": "a goal's rating is a whole number from 0 to 10",
            "owner": "whose goal it is must be young_person, parent_carer, family or other",
            "level": "the level must be core or specific",
        }.get(name, f"the goal is not valid: {first['msg']}")
        raise WorkflowError(msg) from None


def diagram() -> str:
    """The appointment as a mermaid stateDiagram-v2, each transition labelled with its guard."""
    lines = ["stateDiagram-v2"]
    for s in STAGES:
        lines.append(f'    state "{STAGE_TITLES[s]}" as {s}')
    lines.append(f"    [*] --> {STAGES[0]}")
    for m in TRANSITIONS:
        label = m.trigger + (f" [{m.guard}]" if m.guard else "")
        lines.append(f"    {m.source} --> {m.dest}: {label}")
    lines.append(f"    {STAGES[-1]} --> [*]")
    return "\n".join(lines) + "\n"
