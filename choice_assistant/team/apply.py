"""Booking an allocation through the journal: all of it or none of it, never a slot twice.

A waiting family with no saved appointment gets a journal session holding its case, its booking,
and then a closing entry: the Choice appointment happened elsewhere and the allocation is its
outcome, so nobody should find it among the unfinished appointments on the start screen.
"""

from __future__ import annotations

from datetime import datetime

from choice_assistant.errors import InputError, Problem
from choice_assistant.journal.port import SlotTaken, Store, StoreRefused
from choice_assistant.team.allocate import Allocation


def _record_waiting_case(store: Store, team: str, case, now: datetime) -> None:
    """A journal session for a waiting family with no saved appointment: its case, as the appointment records it."""
    sid = case.id
    store.create_session(sid, now, case.choice_clinician, team)
    store.append(sid, "start", {"session": sid, "date": case.waiting_since.isoformat(), "choice_clinician": case.choice_clinician,
                                "team": team, "waiting_list": True}, summary={"stage": "introduction"})
    for g in case.goals:
        store.append(sid, "goal_add", {"text": g.text, "approach": g.approach, "level": g.level.value, "owner": g.owner, "rating": g.rating})
    store.append(sid, "set", {"field": "preferences", "value": case.preferences.model_dump(mode="json")})
    store.append(sid, "set", {"field": "keep_reasons", "value": list(case.keep_reasons)})
    store.append(sid, "set", {"field": "client_wants", "value": case.client_wants})


def _made_here(events) -> bool:
    """Whether a session was started by a waiting-list booking (left open only when an earlier run was undone)."""
    return bool(events) and events[0].kind == "start" and events[0].payload.get("waiting_list") is True


def apply_allocation(store: Store, allocation: Allocation, now: datetime | None = None) -> int:
    """Book every assignment, or, if any slot has gone meanwhile, none; returns how many were booked."""
    now = now or datetime.now()
    m = allocation.model
    plan = [(m.cases[b.case].case, m.slots[b.slot]) for b in allocation.best.bookings]
    finished = {s.id for s in store.list_sessions() if s.finished}
    problems = []
    for case, slot in plan:
        if case.id in finished and store.booking_of(case.id) is None:
            problems.append(Problem(f"waiting: {case.id}", "this family's appointment is closed without a booking, so it can no "
                                                            "longer change: book them from a new appointment, or take them off the waiting list"))
        elif store.events(case.id):
            held = store.booking_of(case.id)
            if held is not None:
                problems.append(Problem(f"waiting: {case.id}", f"this family already has a booking ({held[0]}, {held[1]:%Y-%m-%dT%H:%M}): "
                                                                "take them off the waiting list, or release that booking first"))
        if slot.at.replace(second=0, microsecond=0) in store.booked_slots(slot.clinician):
            problems.append(Problem(f"waiting: {case.id}", f"the slot {slot.at:%Y-%m-%dT%H:%M} with {slot.clinician} was booked meanwhile: run allocate again"))
    if problems:
        raise InputError(store.source, problems)
    done: list[str] = []
    to_close: list[str] = []
    try:
        # First every booking (each with its own journal entry); a saved appointment's choice is
        # recorded only once all of them hold, so an undone run leaves every choice as it was.
        for case, slot in plan:
            events = store.events(case.id)
            if not events:
                _record_waiting_case(store, m.register.team, case, now)
                to_close.append(case.id)
            elif _made_here(events):
                to_close.append(case.id)
            store.book(case.id, slot.clinician, slot.at)
            done.append(case.id)
    except (SlotTaken, StoreRefused) as exc:
        for sid in done:
            store.release(sid)
        again = "Run allocate again to plan with the slots still free" if isinstance(exc, SlotTaken) else "Try again later"
        raise InputError(store.source, f"nothing was booked: {exc}. {again}") from None
    try:
        for case, slot in plan:
            decision = "keep" if slot.clinician == case.choice_clinician else "transfer"
            store.append(case.id, "choose", {"decision": decision, "clinician": slot.clinician,
                                             "needs": [[g.approach, g.level.value] for g in case.goals]})
        # Closed only once every booking holds: a closed session's booking can no longer be released.
        for sid in to_close:
            store.append(sid, "move", {"trigger": "waiting_list", "source": "introduction", "dest": "closed"},
                         summary={"stage": "closed", "finished": True})
    except StoreRefused as exc:
        raise InputError(store.source, f"every family was booked, but the journal then refused ({exc}): the waiting-list "
                                       "records not yet closed show as unfinished until allocate --apply runs again, "
                                       "which closes them") from None
    return len(done)
