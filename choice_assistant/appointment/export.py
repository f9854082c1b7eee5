"""The session export: a saved appointment as the contract's file, and the case it gives allocation."""

from __future__ import annotations

from pathlib import Path

from choice_assistant.errors import InputError, Problem
from choice_assistant.matching.case import Case


def case_from_session(session, source: str | Path | None = None) -> Case:
    """The allocation inputs of a saved session."""
    goals = [g.as_case_goal() for g in session.goals]
    missing = [i for i, g in enumerate(goals) if g is None]
    if missing:
        raise InputError(source, [Problem(f"goals[{i}].approach", "no way of working chosen for this goal yet: choose an approach") for i in missing])
    if not session.choice_clinician:
        raise InputError(source, "no Choice clinician recorded: add choice_clinician", place="choice_clinician")
    try:
        return Case(
            choice_clinician=session.choice_clinician,
            goals=goals,
            preferences=session.preferences,
            keep_reasons=session.keep_reasons,
            client_wants=session.client_wants,
        )
    except Exception as exc:  # pydantic ValidationError
        from pydantic import ValidationError

        if isinstance(exc, ValidationError):
            from choice_assistant.yamlio import validation_problems

            raise InputError(source, validation_problems(exc, Case)) from None
        raise
