"""The Choice appointment: its stages, the record folded from the journal, booking and the session export.

    Appointment.new(store, register, choice_clinician=None, now=None) / Appointment.resume(store, id, register)
    STAGES (the one stage table), STAGE_IDS, STAGE_TITLES, TRANSITIONS, diagram()
    export_session(store, id), session_to_yaml(session), load_session(path), case_from_session(session)
"""

from __future__ import annotations

__all__ = [
    "Appointment", "SlotGone", "DEBOUNCE_SECONDS", "Move", "Record", "STAGES", "STAGE_IDS", "STAGE_TITLES", "TEXT_FIELDS",
    "TRANSITIONS", "WorkflowError", "case_from_session", "diagram", "export_session", "load_session", "needs_of",
    "rebuild", "session_to_yaml",
]

# Exports resolve on first use, so a screen that needs only the stage table does not load the rest.
_FROM = {
    "SlotGone": "allocating", "DEBOUNCE_SECONDS": "appointment", "TEXT_FIELDS": "appointment", "Appointment": "appointment",
    "case_from_session": "export", "export_session": "export", "load_session": "export", "session_to_yaml": "export",
    "Record": "record", "rebuild": "record", "STAGE_IDS": "stages", "STAGE_TITLES": "stages", "STAGES": "stages",
    "TRANSITIONS": "stages", "Move": "stages", "diagram": "stages", "needs_of": "stages", "WorkflowError": "validation",
}


def __getattr__(name: str):
    if name in _FROM:
        import importlib

        value = getattr(importlib.import_module(f"{__name__}.{_FROM[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
