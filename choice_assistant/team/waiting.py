"""The waiting list file: cases (as in the contract) with an id and the date each family started waiting."""

from __future__ import annotations

from datetime import date as Date
from pathlib import Path

from pydantic import Field

from choice_assistant.errors import InputError, Problem
from choice_assistant.matching.case import Case
from choice_assistant.matching.recommend import check
from choice_assistant.register.model import Id, Register, Strict
from choice_assistant.yamlio import locate, parse_yaml, read_text, validate_file


class WaitingCase(Case):
    """One waiting family: a case plus its id and since when it has waited."""

    id: Id
    waiting_since: Date


class WaitingList(Strict):
    waiting: list[WaitingCase] = Field(default_factory=list)


def load_waiting(path: str | Path, register: Register) -> list[WaitingCase]:
    """Load and check a waiting list against the register; every problem is one InputError."""
    text = read_text(path, "waiting list")
    data = parse_yaml(text, path, "waiting list")
    if isinstance(data, dict) and data.get("waiting") is None and "waiting" in data:
        data = {**data, "waiting": []}
    cases = validate_file(WaitingList, data, path, text).waiting
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for i, case in enumerate(cases):
        if case.id in seen:
            problems.append(Problem(f"waiting[{i}].id", f"id '{case.id}' is used twice (also waiting[{seen[case.id]}]): ids must be unique"))
        seen.setdefault(case.id, i)
        try:
            check(case, register, path)
        except InputError as exc:
            problems += [Problem(f"waiting[{i}].{p.place}", p.message) for p in exc.problems]
    if problems:
        placed = []
        for p in problems:
            line = locate(text, p.place)
            placed.append(Problem(f"{p.place} ({line})" if line else p.place, p.message))
        raise InputError(path, placed)
    return cases
