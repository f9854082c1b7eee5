"""Plain-text views of a session for the side pane and transcript (no Textual here)."""

from __future__ import annotations

from ..models import Register
from ..session import Session

OWNER_WORDS = {
    "young_person": "young person",
    "parent_carer": "parent/carer",
    "family": "family",
    "other": "other",
}

# (stage, field, heading) in the order the appointment covers them.
TRANSCRIPT_FIELDS: list[tuple[str, str, str]] = [
    ("curiosity", "concerns", "What worries them"),
    ("curiosity", "background", "What is going on"),
    ("curiosity", "strengths", "Strengths and resources"),
    ("curiosity", "network", "Network and other agencies"),
    ("curiosity", "risk", "Risk and safety"),
    ("formulation", "formulation", "Shared understanding"),
]


def goal_line(number: int, goal, register: Register) -> str:
    owner = f" ({OWNER_WORDS.get(goal.owner, goal.owner)})" if goal.owner else ""
    rating = f" - now {goal.rating}/10" if goal.rating is not None else ""
    return f"{number}. {goal.text}{owner}{rating}"


def agreed(session: Session, register: Register) -> list[tuple[str, list[str]]]:
    """Sections of what is agreed so far: goals, options per goal, the Choice Point."""
    goals = [goal_line(i, g, register) for i, g in enumerate(session.goals, 1)]
    options = [
        f"Goal {o.goal}: {register.skill_name(o.approach)}" for o in session.options_discussed
    ]
    point = [f"Try: {t}" for t in session.things_to_try]
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
        words += f", booked {out.slot:%a %d %b %Y %H:%M}"
    return words


def transcript(session: Session, register: Register) -> list[tuple[str, str]]:
    """The conversation so far as (heading, words) pairs, in appointment order."""
    lines: list[tuple[str, str]] = []
    if session.young_person is not None:
        lines.append(("Who came", _who(session)))
    for _stage, field, heading in TRANSCRIPT_FIELDS[:5]:
        text = getattr(session, field, "")
        if text.strip():
            lines.append((heading, text.strip()))
    for i, g in enumerate(session.goals, 1):
        lines.append((f"Goal {i}", goal_line(i, g, register).split(" ", 1)[1]))
    _s, field, heading = TRANSCRIPT_FIELDS[5]
    if session.formulation.strip():
        lines.append((heading, session.formulation.strip()))
    for line in agreed(session, register)[1][1]:
        if session.options_discussed:
            lines.append(("Option", line))
    for t in session.things_to_try:
        lines.append(("To try", t))
    if session.outcome is not None:
        lines.append(("Decision", outcome_line(session, register)))
    return lines


def _who(session: Session) -> str:
    people = [session.young_person.name + (f", {session.young_person.age}" if session.young_person.age else "")]
    people += [f"{m.name} ({m.relation})" for m in session.family]
    return "; ".join(people)
