"""The live Choice appointment: a `transitions` machine over the record, writing every entry to the journal."""

from __future__ import annotations

import time
import uuid
from datetime import date as Date
from datetime import datetime
from typing import Any, Callable, Iterable, get_args

from choice_assistant.appointment.allocating import Allocating
from choice_assistant.appointment.export import case_from_session, exported, load_record
from choice_assistant.appointment.lease import Holding, _save_failure
from choice_assistant.appointment.limits import (
    GOAL_TEXT_LIMIT,
    GOALS_LIMIT,
    OPTIONS_LIMIT,
    SAFETY_TEXT_LIMIT,
    TEXT_LIMITS,
    TEXT_NAMES,
    THING_TO_TRY_LIMIT,
    TooLong,
    clipped,
    list_fitted,
    text_over,
)
from choice_assistant.appointment.record import YOUNG_PERSON_DETAILS, Record, apply, rebuild, scratch
from choice_assistant.appointment.session import (
    GP,
    CommunicationNeed,
    Consent,
    FamilyMember,
    Referrer,
    Session,
    SessionGoal,
    YoungPerson,
    age_on,
    checked_nhs_number,
)
from choice_assistant.appointment.stages import (
    NO_PARTNERSHIP_DECISIONS,
    STAGE_IDS,
    STAGE_TITLES,
    TRANSITIONS,
    GuardContext,
    blockers,
)
from choice_assistant.appointment.validation import WorkflowError, _checked_goal, _date_of_birth, _validated
from choice_assistant.appointment.view import build_view
from choice_assistant.journal.port import Event, LeaseHeld, Store
from choice_assistant.matching.case import Case, KeepReason, Preferences
from choice_assistant.register.model import Register
from choice_assistant.wording.catalogue import options_catalogue, phrase_bank

TEXT_FIELDS = ("young_person", "concerns", "background", "strengths", "network", "risk", "formulation", "private_note")
DEBOUNCE_SECONDS = 0.15  # typing is on disk within this (plus the screen's tick) of being typed


def topic(kind: str, payload: dict[str, Any]) -> str:
    """What one entry changes, as a screen would name it: "text:concerns", "set:safety", "goal_add",
    and "text:private_note:<stage>" for one stage's private note."""
    if kind == "text":
        field = payload["field"]
        return f"text:{field}:{payload.get('stage', '')}" if field == "private_note" else f"text:{field}"
    if kind == "set":
        return f"set:{payload['field']}"
    return kind


class Appointment(Holding, Allocating):
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
        self.revision = 0  # counts changes to the record, so views are rebuilt only when needed
        self.recorded = 0  # counts changes other than moves between stages (what a stage's pane shows)
        self._changed_at: dict[str, int] = {}  # topic (see `topic`) -> the `recorded` count at its last change
        self._view = None
        self._pending: dict[tuple[str, str], str] = {}
        self.unsaved_reason: str | None = None  # why the last save failed, while typing is kept in memory
        self.read_only_because: str | None = None  # set when another place has this appointment open
        self._pending_since: float | None = None
        if phrases is None:
            phrases = phrase_bank()
        if catalogue is None:
            catalogue = options_catalogue()
        self.phrases = list(phrases)
        self.catalogue = {o.id: o for o in catalogue}
        self.machine = Machine(
            model=self, states=STAGE_IDS, initial=rec.stage, auto_transitions=False,
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
        return cls(store, register, session_id, load_record(store, session_id), now=now, **kwargs)

    # -- reading --------------------------------------------------------------------------

    def _apply(self, kind: str, payload: dict[str, Any]) -> None:
        apply(self._rec, kind, payload)
        self.revision += 1
        if kind != "move":
            self.recorded += 1
            self._changed_at[topic(kind, payload)] = self.recorded

    def changed_since(self, topics: Iterable[str], mark: int) -> bool:
        """True if any of these topics (see `topic`) was recorded after the `recorded` count `mark`."""
        return any(self._changed_at.get(t, 0) > mark for t in topics)

    def view(self):
        """A read-only view of the appointment now (an AppointmentView), rebuilt only after a change."""
        if self._view is None or self._view.revision != self.revision:
            self._view = build_view(self)
        return self._view

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
        """The "Session export" contract, as a copy."""
        return exported(self._rec)

    def case(self) -> Case:
        return case_from_session(self.export(), "this appointment")

    def is_team_option(self, approach: str | None) -> bool:
        if approach is None:
            return False
        entry = self.catalogue.get(approach)
        return entry.team if entry is not None else approach in self.register.skills_by_id

    # -- guards ---------------------------------------------------------------------------

    def missing(self, trigger: str = "next") -> list[str]:
        return blockers(self._rec, trigger, GuardContext(self.phrases, self.is_team_option, self.register))

    def locked_reason(self, stage: str) -> str | None:
        """None when the stage can be opened now (reached, or every guard up to it passes)."""
        if stage not in STAGE_IDS:
            raise WorkflowError(f"there is no stage '{stage}'")
        if stage in self._rec.reached or stage == self.state:
            return None
        if self.state == "closed":
            return "this appointment is closed"
        here = STAGE_IDS.index(self.state)
        target = STAGE_IDS.index(stage)
        if target < here:
            return f"{STAGE_TITLES[stage]} was skipped by the path this appointment took"
        # Guards for stages beyond the next depend on what is recorded there, so report the first.
        reasons = self.missing("next")
        if reasons:
            return f"{STAGE_TITLES[self.state]}: {reasons[0]}"
        if target > here + 1:
            return f"finish {STAGE_TITLES[STAGE_IDS[here + 1]]} first"
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
        payload = {"trigger": trigger, "source": source, "dest": dest}
        if self.read_only:  # looking around another place's appointment changes nothing in the journal
            if trigger not in ("goto", "next", "back"):
                raise WorkflowError(self._read_only_words())
            self._apply("move", payload)
            return
        self.flush()
        if trigger in NO_PARTNERSHIP_DECISIONS:
            self._release()
        try:
            self.store.append(self.session_id, "move", payload, summary={"stage": dest, "finished": dest == "closed"})
        except Exception as exc:  # noqa: BLE001 - refused or not written: the move does not happen
            raise WorkflowError(self._refusal(exc)) from None
        self._apply("move", payload)

    def goto(self, stage: str) -> bool:
        """Open an earlier stage already reached, or move forward while every guard passes."""
        if stage not in STAGE_IDS:
            raise WorkflowError(f"there is no stage '{stage}'")
        if stage == self.state:
            return True
        if self.state == "closed":
            return False
        if STAGE_IDS.index(stage) < STAGE_IDS.index(self.state):
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
        if self.read_only:
            raise WorkflowError(self._read_only_words())
        apply(scratch(self._rec), kind, payload)  # raises before anything is written if invalid
        try:
            self.store.append(self.session_id, kind, payload, summary)
        except Exception as exc:  # noqa: BLE001 - say so, record nothing, keep working
            raise WorkflowError(self._refusal(exc)) from None
        self._apply(kind, payload)

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
        """Record a text field as typed (written within DEBOUNCE_SECONDS). Words past the field's limit are not
        recorded: the first characters that fit are, and TooLong says how many were left out."""
        if field not in TEXT_FIELDS:
            raise WorkflowError(f"'{field}' is not a text field; use one of {', '.join(TEXT_FIELDS)}")
        if self.state == "closed":
            raise WorkflowError("this appointment is closed; its record can no longer change")
        if self.read_only:
            raise WorkflowError(self._read_only_words())
        value = str(value)
        stage = self.state if field == "private_note" else ""
        what = f"the private note at {STAGE_TITLES[stage]}" if stage else TEXT_NAMES[field]
        over = text_over(what, value, TEXT_LIMITS[field], (field,))
        if over:
            value = clipped(value, TEXT_LIMITS[field])
        if not over or value != self._text_now(field, stage):  # words typed past the limit change nothing recorded
            payload = {"field": field, "value": value, **({"stage": stage} if stage else {})}
            self._apply("text", payload)
            self._pending[(field, stage)] = value
            if self._pending_since is None:
                self._pending_since = self._clock()
            self.flush_due()
        if over:
            raise TooLong(over)

    def _text_now(self, field: str, stage: str) -> str:
        s = self.session
        if field == "young_person":
            return s.young_person.name if s.young_person is not None else ""
        if field == "private_note":
            return s.private_notes.get(stage, "") if isinstance(s.private_notes, dict) else ""
        return getattr(s, field)

    def flush_due(self) -> None:
        """Write pending text if the oldest unwritten change is DEBOUNCE_SECONDS old."""
        if self._pending_since is not None and self._clock() - self._pending_since >= DEBOUNCE_SECONDS:
            self.flush()

    def flush(self) -> None:
        """Write every pending text change to the journal now (the journal keeps each as the change it is).

        When the journal cannot be written (a full disk, a lost server), nothing typed is dropped:
        it stays pending, `unsaved_reason` says why in plain words, and the next flush tries again."""
        if self.read_only and not self._pending:
            return
        pending, self._pending, self._pending_since = self._pending, {}, None
        items = list(pending.items())
        for i, ((name, stage), value) in enumerate(items):
            payload = {"field": name, "value": value, **({"stage": stage} if stage else {})}
            summary = {"young_person": value.strip()} if name == "young_person" else None
            try:
                self.store.append(self.session_id, "text", payload, summary)
            except Exception as exc:  # noqa: BLE001 - any failure to persist keeps the words in memory
                if isinstance(exc, LeaseHeld):
                    self.open_read_only(exc.holder.describe())
                for (n2, s2), v2 in items[i:]:
                    self._pending.setdefault((n2, s2), v2)
                if self._pending_since is None:
                    self._pending_since = self._clock()
                self.unsaved_reason = (f"it is open elsewhere now ({self.read_only_because})" if self.read_only
                                       else _save_failure(exc))
                return
        self.unsaved_reason = None

    def tick_phrase(self, phrase_id: str, said: bool = True) -> None:
        if phrase_id not in {p.id for p in self.phrases}:
            raise WorkflowError(f"there is no introduction phrase '{phrase_id}'")
        self._record("phrase", {"id": phrase_id, "said": bool(said)})

    def _goal_no(self, n: int) -> int:
        if not isinstance(n, int) or not 1 <= n <= len(self.session.goals):
            raise WorkflowError(f"there is no goal {n}: goals are numbered 1 to {len(self.session.goals)}")
        return n

    def add_goal(self, text: str, owner: str | None = None, rating: int | None = None) -> int:
        """Add a goal; return its number. Words past a goal's limit are left out (TooLong, after it is added)."""
        if len(self.session.goals) >= GOALS_LIMIT:
            raise WorkflowError(f"an appointment holds at most {GOALS_LIMIT} goals: combine some, or remove one first")
        over = text_over("the goal", str(text), GOAL_TEXT_LIMIT, ("text",)) if isinstance(text, str) else []
        payload = _checked_goal({"text": clipped(text, GOAL_TEXT_LIMIT) if over else text, "owner": owner, "rating": rating})
        self._record("goal_add", payload)
        if over:
            raise TooLong(over, result=len(self.session.goals))
        return len(self.session.goals)

    def update_goal(self, n: int, **fields: Any) -> None:
        n = self._goal_no(n)
        unknown = set(fields) - set(SessionGoal.model_fields)
        if unknown:
            raise WorkflowError(f"a goal has no field {', '.join(sorted(unknown))}")
        text = fields.get("text")
        over = text_over(f"goal {n}", text, GOAL_TEXT_LIMIT, ("text",)) if isinstance(text, str) else []
        if over:
            fields = {**fields, "text": clipped(text, GOAL_TEXT_LIMIT)}
        now = self.session.goals[n - 1].model_dump(mode="json")
        merged = _checked_goal({**now, **fields})
        if not over or any(merged[k] != now[k] for k in fields):
            self._record("goal_update", {"goal": n, "fields": {k: merged[k] for k in fields}})
        if over:
            raise TooLong(over)

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
        if len(self.session.options_discussed) >= OPTIONS_LIMIT:
            raise WorkflowError(f"an appointment holds at most {OPTIONS_LIMIT} options discussed: take some off first")
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
        """Record the things to try, one per item; those past the limits are left out (TooLong, after recording)."""
        clean = [str(i).strip() for i in items if str(i).strip()]
        over = [o for n, i in enumerate(clean) for o in text_over(f"thing to try {n + 1}", i, THING_TO_TRY_LIMIT, (n,))]
        kept, too_many = list_fitted("things_to_try", [clipped(i, THING_TO_TRY_LIMIT) for i in clean])
        over = too_many + over
        if not over or kept != self.session.things_to_try:
            self._record("things_to_try", {"items": kept})
        if over:
            raise TooLong(over)

    def _set(self, name: str, value: Any) -> None:
        self._record("set", {"field": name, "value": value})

    def _set_within(self, name: str, value: Any, over: list) -> None:
        """Record the part within the limits, then raise TooLong naming what was left out. Given the same again
        (more typed past the limit), nothing new is recorded."""
        if not over or value != _as_recorded(getattr(self.session, name)):
            self._set(name, value)
        if over:
            raise TooLong(over)

    def set_young_person(self, **fields: Any) -> None:
        """Record the young person's age, pronouns, date of birth (which gives the age), NHS number or address."""
        for name in fields:
            if name not in YOUNG_PERSON_DETAILS:
                raise WorkflowError(f"'{name}' cannot be set here: the name is set with set_text('young_person', ...)")
        for name, value in fields.items():
            if isinstance(value, str):
                value = value.strip() or None
            if name == "age" and value is not None and (not isinstance(value, int) or not 0 <= value <= 25):
                raise WorkflowError("age must be a whole number from 0 to 25")
            if name == "date_of_birth" and value is not None:
                value = _date_of_birth(value, self.session.date)
            elif name == "nhs_number" and value is not None:
                try:
                    value = checked_nhs_number(value)
                except ValueError as exc:
                    raise WorkflowError(str(exc)) from None
            elif value is not None and name != "age":
                value = getattr(_validated(YoungPerson, {"name": "-", name: value}, "young person's details"), name)
            self._set(name, value)
            if name == "date_of_birth" and value is not None:
                age = age_on(Date.fromisoformat(value), self.session.date)
                if self.session.young_person is None or self.session.young_person.age != age:
                    self._set("age", age)

    def set_family(self, members: list[dict[str, str]]) -> None:
        """Record who came; people past the limit are left out (TooLong, after recording)."""
        self._set_within("family", *list_fitted("family", [_validated(FamilyMember, m, "family member").model_dump() for m in members]))

    def set_referrer(self, referrer: dict[str, str] | None) -> None:
        """Who referred, with their address and the reason for referral in the referral's words (None: nobody)."""
        self._set("referrer", _validated(Referrer, referrer, "referrer").model_dump() if referrer else None)

    def set_gp(self, gp: dict[str, str] | None) -> None:
        """The young person's GP when the referrer is someone else (None: not recorded)."""
        self._set("gp", _validated(GP, gp, "GP").model_dump() if gp else None)

    def set_communication_needs(self, needs: list[dict[str, Any]]) -> None:
        """Each person's communication needs (who: young_person or a family member's name)."""
        checked = [_validated(CommunicationNeed, n, "communication need").model_dump() for n in needs]
        known = {"young_person", *(m.name for m in self.session.family)}
        unknown = [n["who"] for n in checked if n["who"] not in known]
        if unknown:
            raise WorkflowError(f"'{unknown[0]}' is not the young person or one of the family recorded: add them to who came first")
        self._set_within("communication_needs", *list_fitted("communication_needs", checked))

    def set_consent(self, **fields: bool) -> None:
        self._set("consent", _validated(Consent, {**self.session.consent.model_dump(), **fields}, "consent").model_dump())

    def set_preferences(self, gender: str | None = None, language: str | None = None,
                        cultural_background: str | None = None, required: Iterable[str] = ()) -> None:
        prefs = _validated(Preferences, {"gender": gender or None, "language": language or None,
                                         "cultural_background": cultural_background or None, "required": list(required)}, "preferences")
        self._set("preferences", prefs.model_dump(mode="json"))

    def set_safety(self, concerns: bool | None, plan: str = "", actions: str = "") -> None:
        """Record the clinician's own outcome of the risk question: concerns yes/no, and when yes a plan and actions
        (words past their limits are left out: TooLong, after recording)."""
        if concerns is None:
            self._set("safety", None)
            return
        if not isinstance(concerns, bool):
            raise WorkflowError("whether there are safety concerns is a yes or a no")
        plan, actions = str(plan).strip(), str(actions).strip()
        over = text_over("the safety plan", plan, SAFETY_TEXT_LIMIT, ("plan",)) + \
            text_over("the safety actions", actions, SAFETY_TEXT_LIMIT, ("actions",))
        self._set_within("safety", {"concerns": concerns, "plan": clipped(plan, SAFETY_TEXT_LIMIT),
                                    "actions": clipped(actions, SAFETY_TEXT_LIMIT)}, over)

    def set_keep_reasons(self, reasons: Iterable[str]) -> None:
        allowed = get_args(KeepReason)
        reasons = list(dict.fromkeys(reasons))
        bad = [r for r in reasons if r not in allowed]
        if bad:
            raise WorkflowError(f"unknown reason {', '.join(bad)}: use {', '.join(allowed)}")
        self._set("keep_reasons", reasons)

    def set_client_wants(self, wants: str) -> None:
        if wants not in ("keep", "transfer", "undecided"):
            raise WorkflowError("what the family wants must be keep, transfer or undecided")
        self._set("client_wants", wants)


def _as_recorded(value: Any) -> Any:
    """A part of the session as a journal entry carries it (models as plain data)."""
    if isinstance(value, list):
        return [_as_recorded(v) for v in value]
    return value.model_dump() if hasattr(value, "model_dump") else value
