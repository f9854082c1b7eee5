"""Plain-text views of a session for the side pane and transcript (no Textual here)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from choice_assistant.appointment.session import Session
    from choice_assistant.register.model import Register

OWNER_WORDS = {
    "young_person": "young person",
    "parent_carer": "parent/carer",
    "family": "family",
    "other": "other",
}

# What the family said, in the order the appointment asks for it: (field, heading).
HEARD = [
    ("concerns", "What worries them"),
    ("background", "What is going on"),
    ("strengths", "Strengths and resources"),
    ("network", "Network and other agencies"),
    ("risk", "Risk and safety"),
]


def goal_words(goal) -> str:
    """A goal in its own words, with whose goal it is and its rating now."""
    owner = f" ({OWNER_WORDS.get(goal.owner, goal.owner)})" if goal.owner else ""
    rating = f" - now {goal.rating}/10" if goal.rating is not None else ""
    return f"{goal.text}{owner}{rating}"


def goal_line(number: int, goal, register: Register) -> str:
    return f"{number}. {goal_words(goal)}"


def agreed(session: Session, register: Register, titles: dict[str, str]) -> list[tuple[str, list[str]]]:
    """Sections of what is agreed so far: goals, options per goal, the Choice Point.

    `titles` names each way of working (the options catalogue's titles, by id).
    """
    name = lambda approach: titles.get(approach) or register.skill_name(approach)  # noqa: E731
    goals = [goal_line(i, g, register) for i, g in enumerate(session.goals, 1)]
    options = []
    for n in range(1, len(session.goals) + 1):
        talked = [name(o.approach) for o in session.options_discussed if o.goal == n]
        if talked:
            options.append(f"Goal {n}: " + ", ".join(talked))
    point = [f"Goal {n}: {name(g.approach)}" for n, g in enumerate(session.goals, 1) if g.approach]
    point += [f"Try: {t}" for t in session.things_to_try]
    if session.outcome is not None:
        point.append(outcome_line(session, register))
    return [
        ("Goals", goals or ["none yet"]),
        ("Options", options or ["none yet"]),
        ("Choice Point", point or ["not reached yet"]),
    ]


def outcome_line(session: Session, register: Register) -> str:
    out = session.outcome
    who = register.clinician(out.clinician).name if out.clinician and register.clinician(out.clinician) else out.clinician
    words = {
        "transfer": f"Family chose to see {who}",
        "keep": f"Family chose to stay with {who}",
        "no_partnership": "No Partnership work needed",
        "choice_plus": "A further Choice appointment (Choice Plus)",
    }[out.decision]
    if out.slot is not None:
        words += f", booked {out.slot:%a} {out.slot.day} {out.slot:%b}, {out.slot:%H:%M}"  # as the slots are listed
    return words


def transcript(session: Session, register: Register, titles: dict[str, str]) -> list[tuple[str, str]]:
    """The conversation so far as (heading, words) pairs, in appointment order; never private notes."""
    lines: list[tuple[str, str]] = []
    if session.young_person is not None:
        lines.append(("Who came", _who(session)))
    lines += [(heading, getattr(session, field).strip()) for field, heading in HEARD if getattr(session, field).strip()]
    lines += [(f"Goal {i}", goal_words(g)) for i, g in enumerate(session.goals, 1)]
    if session.formulation.strip():
        lines.append(("Shared understanding", session.formulation.strip()))
    name = lambda approach: titles.get(approach) or register.skill_name(approach)  # noqa: E731
    for n in range(1, len(session.goals) + 1):
        talked = [name(o.approach) for o in session.options_discussed if o.goal == n]
        if talked:
            lines.append(("Options", f"Goal {n}: " + ", ".join(talked)))
    lines += [("Choice Point", f"Goal {n}: {name(g.approach)}") for n, g in enumerate(session.goals, 1) if g.approach]
    if session.outcome is not None:
        lines.append(("Choice Point", outcome_line(session, register)))
    lines += [("To try", t) for t in session.things_to_try]
    return lines


def _who(session: Session) -> str:
    people = [session.young_person.name + (f", {session.young_person.age}" if session.young_person.age else "")]
    people += [f"{m.name} ({m.relation})" for m in session.family]
    return "; ".join(people)
