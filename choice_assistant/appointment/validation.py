"""Checking what a recording call is given, with plain messages, before anything is written."""

from __future__ import annotations

import re
from datetime import date as Date
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


_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}


def _date_of_birth(value: Any, today: Date) -> str:
    """A date of birth as typed (04/05/2012, 4.5.2012, 2012-05-04 or 4 May 2012; day first, as in the UK), checked."""
    if isinstance(value, Date):
        day = value
    else:
        text = str(value).strip().lower()
        day = None
        if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text):
            y, mo, d = (int(g) for g in m.groups())
        elif m := re.fullmatch(r"(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{4})", text):
            d, mo, y = (int(g) for g in m.groups())
        elif (m := re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)? ([a-z]+),? (\d{4})", text)) and m.group(2)[:3] in _MONTHS:
            d, mo, y = int(m.group(1)), _MONTHS[m.group(2)[:3]], int(m.group(3))
        else:
            raise WorkflowError("write the date of birth as day/month/year, e.g. 04/05/2012")
        try:
            day = Date(y, mo, d)
        except ValueError:
            raise WorkflowError("that date of birth is not a real date: check the day and the month (day first)") from None
    if day > today:
        raise WorkflowError("that date of birth is in the future: check the year")
    if today.year - day.year > 26:
        raise WorkflowError("that date of birth makes them older than 25: check the year")
    return day.isoformat()
