"""How much each part of an appointment's record holds: what is over, words clipped to fit, and plain words about it."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from choice_assistant.appointment.session import (
    FAMILY_LIMIT,
    GOAL_TEXT_LIMIT,
    GOALS_LIMIT,
    NAME_LIMIT,
    NEEDS_LIMIT,
    NOTES_LIMIT,
    OPTIONS_LIMIT,
    SAFETY_TEXT_LIMIT,
    THING_TO_TRY_LIMIT,
    THINGS_TO_TRY_LIMIT,
    Session,
)
from choice_assistant.appointment.stages import STAGE_TITLES
from choice_assistant.errors import WorkflowError

# The recorded text fields, in the words a clinician knows them by.
TEXT_NAMES = {
    "young_person": "the young person's name", "concerns": "what worries them", "background": "the background",
    "strengths": "strengths and resources", "network": "network and other agencies", "risk": "risk and safeguarding",
    "formulation": "the shared understanding", "private_note": "the private note",
}
TEXT_LIMITS = {field: NAME_LIMIT if field == "young_person" else NOTES_LIMIT for field in TEXT_NAMES}
# The lists of a session: (plain name of one item, how many it holds).
LISTS = {
    "goals": ("goals", GOALS_LIMIT), "family": ("people who came", FAMILY_LIMIT),
    "communication_needs": ("communication needs", NEEDS_LIMIT), "options_discussed": ("options discussed", OPTIONS_LIMIT),
    "things_to_try": ("things to try", THINGS_TO_TRY_LIMIT),
}


@dataclass(frozen=True)
class Over:
    """One part of a record past its limit: `size` characters (or items, for a list) where `limit` fit."""

    place: tuple  # where it is in the session, e.g. ("concerns",), ("private_notes", "goals"), ("safety", "plan")
    what: str  # in plain words, e.g. "what worries them"
    size: int
    limit: int
    items: bool = False  # a list with too many items, not a text with too many characters

    @property
    def excess(self) -> int:
        return self.size - self.limit

    def words(self) -> str:
        if self.items:
            return f"there are {self.size:,} {self.what}, {self.excess:,} over the limit of {self.limit:,}"
        return f"{self.what} is {self.size:,} characters long, {self.excess:,} over its limit of {self.limit:,}"


def said(over: list[Over], most: int = 3) -> str:
    """What is over, in a few words: the first few parts, then how many more."""
    words = "; ".join(o.words() for o in over[:most])
    return words + (f"; and {len(over) - most} more" if len(over) > most else "")


class TooLong(WorkflowError):
    """A recording call was given more than the record holds: the part within the limits WAS recorded
    (the first characters of a text, the first items of a list); `over` says what was left out, and
    `result` is what the call returns when all fits (e.g. a new goal's number)."""

    def __init__(self, over: list[Over], result: Any = None) -> None:
        self.over = list(over)
        self.result = result
        super().__init__(f"{said(self.over)}: only the part within the limit is saved")


def measured(text: str) -> int:
    """A text's size as its limit counts it (the space around it is not counted)."""
    return len(text.strip())


def clipped(text: str, limit: int) -> str:
    """The text as it is when it fits, else its first `limit` characters (the space around it left out)."""
    return text if measured(text) <= limit else text.strip()[:limit]


def text_over(what: str, text: str, limit: int, place: tuple) -> list[Over]:
    size = measured(text)
    return [Over(place, what, size, limit)] if size > limit else []


def over_limits(session: Session) -> list[Over]:
    """Every part of a session past its limit (a record written before the limits were checked where words
    come in, or by hand), in the order the session lists them."""
    out: list[Over] = []
    if session.young_person is not None:
        out += text_over(TEXT_NAMES["young_person"], session.young_person.name, NAME_LIMIT, ("young_person", "name"))
    for field in ("concerns", "background", "strengths", "network", "risk", "formulation"):
        out += text_over(TEXT_NAMES[field], getattr(session, field), NOTES_LIMIT, (field,))
    if session.safety is not None:
        for part in ("plan", "actions"):
            out += text_over(f"the safety {part}", getattr(session.safety, part) or "", SAFETY_TEXT_LIMIT, ("safety", part))
    for name, (what, limit) in LISTS.items():
        items = getattr(session, name)
        if len(items) > limit:
            out.append(Over((name,), what, len(items), limit, items=True))
    for i, thing in enumerate(session.things_to_try):
        out += text_over(f"thing to try {i + 1}", thing, THING_TO_TRY_LIMIT, ("things_to_try", i))
    for i, goal in enumerate(session.goals):
        out += text_over(f"goal {i + 1}", goal.text, GOAL_TEXT_LIMIT, ("goals", i, "text"))
    if isinstance(session.private_notes, dict):
        for stage, note in session.private_notes.items():
            out += text_over(f"the private note at {STAGE_TITLES.get(stage, stage)}", note, NOTES_LIMIT, ("private_notes", stage))
    return out


def fitted(data: dict[str, Any], over: list[Over]) -> dict[str, Any]:
    """A copy of a session's data with each part in `over` cut to its limit (to check everything else)."""
    data = copy.deepcopy(data)
    for o in sorted(over, key=lambda o: o.items):  # the items of a list first, then the list cut short
        *path, last = o.place
        parent = data
        for part in path:
            parent = parent[part]
        value = parent[last]
        parent[last] = value[: o.limit] if o.items else clipped(value, o.limit)
    return data


def put_back(session: Session, original: Session, over: list[Over]) -> Session:
    """`session` with each part in `over` as it is in `original`: whole, past its limit (the space around a text
    left out, as the session's check leaves it; a part the session leaves out, such as a safety outcome still
    being written, stays out)."""
    for o in sorted(over, key=lambda o: not o.items):  # whole lists first, then the texts within them
        if getattr(session, o.place[0]) is None:
            continue
        if o.items:
            items = copy.deepcopy(getattr(original, o.place[0]))
            setattr(session, o.place[0], [i.strip() if isinstance(i, str) else i for i in items])
        else:
            _put(session, o.place, _at(original, o.place).strip())
    return session


def _at(node: Any, place: tuple) -> Any:
    for part in place:
        node = node[part] if isinstance(node, (dict, list)) else getattr(node, part)
    return node


def _put(node: Any, place: tuple, value: Any) -> None:
    parent = _at(node, place[:-1])
    if isinstance(parent, (dict, list)):
        parent[place[-1]] = value
    else:
        setattr(parent, place[-1], value)


def list_fitted(name: str, items: list) -> tuple[list, list[Over]]:
    """The first items of a list that fit its limit, and what was over."""
    what, limit = LISTS[name]
    return (items[:limit], [Over((name,), what, len(items), limit, items=True)]) if len(items) > limit else (items, [])


def over_words(session: Session) -> str:
    """For a session past its limits (else ""): what is over, that all of it is kept, and how to put it right."""
    over = over_limits(session)
    if not over:
        return ""
    return (f"this appointment holds more than its limits allow ({said(over)}). All of it is kept and exported, "
            "but `letter` and `recommend` refuse an export past its limits: shorten it in the appointment while it "
            "is open, or in the exported file")
