"""The Choice appointment: its stages, the record folded from the journal, booking and the session export.

    Appointment.new(store, register, choice_clinician=None, now=None) / Appointment.resume(store, id, register)
    STAGES (the one stage table), STAGE_IDS, STAGE_TITLES, TRANSITIONS, diagram()
    export_session(store, id), session_to_yaml(session), load_session(path), case_from_session(session)
"""

from __future__ import annotations

from choice_assistant.appointment.allocating import SlotGone
from choice_assistant.appointment.appointment import DEBOUNCE_SECONDS, TEXT_FIELDS, Appointment
from choice_assistant.appointment.export import case_from_session, export_session, load_session, session_to_yaml
from choice_assistant.appointment.record import Record, rebuild
from choice_assistant.appointment.stages import STAGE_IDS, STAGE_TITLES, STAGES, TRANSITIONS, Move, diagram, needs_of
from choice_assistant.appointment.validation import WorkflowError

__all__ = [
    "Appointment", "SlotGone", "DEBOUNCE_SECONDS", "Move", "Record", "STAGES", "STAGE_IDS", "STAGE_TITLES", "TEXT_FIELDS",
    "TRANSITIONS", "WorkflowError", "case_from_session", "diagram", "export_session", "load_session", "needs_of",
    "rebuild", "session_to_yaml",
]
