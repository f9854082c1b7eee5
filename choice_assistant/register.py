"""Loading the team skill register and cases from files, with clear errors."""

from __future__ import annotations

from pathlib import Path

from .errors import InputError, Problem
from .models import Case, Register
from .yamlio import load_yaml_file, read_text, parse_yaml, validate_file


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
    """Every clinician and skill a case names must exist in the register."""
    import difflib

    problems: list[Problem] = []
    if register.clinician(case.choice_clinician) is None:
        close = difflib.get_close_matches(case.choice_clinician, list(register.clinicians_by_id), n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        problems.append(Problem("choice_clinician", f"'{case.choice_clinician}' is not a clinician in {register.team}'s register{hint}"))
    for i, goal in enumerate(case.goals):
        if goal.approach not in register.skills_by_id:
            close = difflib.get_close_matches(goal.approach, list(register.skills_by_id), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            problems.append(Problem(f"goals[{i}].approach", f"'{goal.approach}' is not a skill in {register.team}'s catalogue{hint}"))
    if problems:
        raise InputError(source, problems)


def load_yaml(path: str | Path, what: str = "file"):
    """Re-exported for modules that read other YAML files (scenarios, catalogues)."""
    return load_yaml_file(path, what)
