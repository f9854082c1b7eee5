"""Loading the team skill register and cases from files, with clear errors."""

from __future__ import annotations

from pathlib import Path

from .errors import InputError, Problem
from .models import Case, Register
from .yamlio import parse_yaml, read_text, validate_file


def load_register(path: str | Path) -> Register:
    """Load and validate a team skill register (YAML). Raises InputError on any problem."""
    text = read_text(path, "register")
    data = parse_yaml(text, path, "register")
    return validate_file(Register, data, path, text)


def load_case(path: str | Path, register: Register | None = None) -> Case:
    """Load a case (or the case part of a session export); check it against a register if given."""
    text = read_text(path, "case")
    data = parse_yaml(text, path, "case")
    if isinstance(data, dict) and "session" in data:
        from .session import Session

        session = validate_file(Session, data, path, text)
        case = case_from_session(session, path)
    else:
        case = validate_file(Case, data, path, text)
    if register is not None:
        check_case(case, register, path)
    return case


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
            from .yamlio import validation_problems

            raise InputError(source, validation_problems(exc, Case)) from None
        raise


def check_case(case: Case, register: Register, source: str | Path | None = None) -> None:
    """Every clinician and approach a case names must be known to the register (or be a non-team option)."""
    from .matching import check

    check(case, register, source)
