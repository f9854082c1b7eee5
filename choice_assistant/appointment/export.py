"""The session export: a saved appointment as the contract's file, and the case it gives allocation."""

from __future__ import annotations

from pathlib import Path

from choice_assistant.appointment.limits import fitted, over_limits, put_back
from choice_assistant.appointment.record import Record, rebuild
from choice_assistant.appointment.session import Safety, Session
from choice_assistant.appointment.stages import STAGE_TITLES
from choice_assistant.errors import InputError, Problem
from choice_assistant.journal.port import Store
from choice_assistant.matching.case import Case, check_case
from choice_assistant.yamlio import parse_document, parse_yaml, read_text, validate_file, validation_problems


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
            raise InputError(source, validation_problems(exc, Case)) from None
        raise


def load_case(path: str | Path, register=None, text: str | None = None) -> Case:
    """Read a case, or the case part of a session export, from one reading of the file (or its `text`, already
    read); check it against a register when one is given (InputError naming the file and the place)."""
    parsed = parse_document(read_text(path, "case") if text is None else text, path, "case")  # nodes give lines
    data = parsed.data
    if isinstance(data, dict) and "session" in data:
        case = case_from_session(validate_file(Session, parsed, path), path)
    else:
        case = validate_file(Case, parsed, path)
    if register is not None:
        check_case(case, register, path)
    return case


def export_session(store: Store, session_id: str) -> Session:
    """A saved session in the contract's shape, straight from the journal (no register needed)."""
    return exported(load_record(store, session_id))


def exported(rec: Record) -> Session:
    """The record as a checked session. Parts past their limits (a record written before the limits were
    checked where words come in) are kept whole: everything else is checked, and `over_limits` names them."""
    over = over_limits(rec.session)
    data = fitted(rec.session.model_dump(), over)
    if data.get("safety") is not None:
        from pydantic import ValidationError

        try:
            Safety.model_validate(data["safety"])
        except ValidationError:
            data["safety"] = None  # still being written: concerns recorded, plan or actions not yet
    if data["young_person"] is not None and not data["young_person"]["name"].strip():
        data["young_person"] = None  # an age without a name is kept in the journal only
    return put_back(Session.model_validate(data), rec.session, over)


def load_record(store: Store, session_id: str) -> Record:
    from pydantic import ValidationError

    events = store.events(session_id)
    if not events:
        raise InputError(store.source, f"there is no saved session '{session_id}': see `choice-assistant sessions list`")
    try:
        return rebuild(events)
    except (ValueError, KeyError, TypeError, IndexError, ValidationError) as exc:
        raise InputError(store.source, f"session '{session_id}' cannot be rebuilt from its journal ({_why(exc)}); "
                                       "it was left untouched: it may need a newer choice-assistant") from None


def _why(exc: BaseException) -> str:
    """What went wrong, without any of the values recorded (they may be a family's words)."""
    from pydantic import ValidationError

    if isinstance(exc, ValidationError):
        first = exc.errors(include_input=False, include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"])
        return f"{where}: {first['msg']}" if where else first["msg"]
    if isinstance(exc, KeyError):
        return "an entry lacks a field it needs"
    return type(exc).__name__ if isinstance(exc, (IndexError, TypeError)) else str(exc)


def session_to_yaml(session: Session) -> str:
    """A session as YAML in the contract's field order; slots to the minute, empty values left out."""
    import yaml

    data = session.model_dump(mode="json", exclude_none=True)
    data["date"] = session.date  # written as YAML dates, as in the contract
    if session.young_person is not None and session.young_person.date_of_birth is not None:
        data["young_person"]["date_of_birth"] = session.young_person.date_of_birth
    if session.outcome is not None and session.outcome.slot is not None:
        data["outcome"]["slot"] = f"{session.outcome.slot:%Y-%m-%dT%H:%M}"
    if isinstance(session.private_notes, dict):  # one text in the export, each stage's note under its title
        data["private_notes"] = "\n\n".join(
            f"{STAGE_TITLES.get(stage, stage)}: {note.strip()}" for stage, note in session.private_notes.items() if note.strip()
        )
    header = "# A Choice appointment, exported by choice-assistant. Private notes are for the team only.\n"
    return header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def load_session(path: str | Path) -> Session:
    """Read and check a session export file (InputError naming the file and place on any problem)."""
    text = read_text(path, "session export")
    return validate_file(Session, parse_yaml(text, path, "session export"), path, text)
