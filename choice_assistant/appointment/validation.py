"""Checking what a recording call is given, with plain messages, before anything is written."""

from __future__ import annotations

from typing import Any

from choice_assistant.appointment.session import SessionGoal
from choice_assistant.errors import WorkflowError




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
