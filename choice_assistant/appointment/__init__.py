"""The Choice appointment: its stages, the record folded from the journal, booking and the session export."""

from __future__ import annotations

from choice_assistant.appointment.workflow import Appointment, WorkflowError, diagram

__all__ = ["Appointment", "WorkflowError", "diagram"]
