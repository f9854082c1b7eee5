"""The one table of the appointment's stages: id, title, guard, help, what the coach looks for.

Everything else is derived from `STAGES`: the stage order, titles, the forward moves and their
guards (and so `diagram()`), the help screen and the coach's hints. Adding a stage means one
`Stage(...)` entry here, its prompt (`prompts/stages/<id>.j2`, with its help in `prompts/help/`) and,
for the screen, its pane (one entry in the TUI's own map, `choice_assistant/tui/stages/__init__.py`).

A guard is a pure function of the record (and what the appointment was opened with) returning
what is still missing, in plain words; an empty list means the stage may be left forwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, NamedTuple

from choice_assistant.appointment.safety import safety_missing
from choice_assistant.appointment.session import NO_PARTNERSHIP_DECISIONS

if TYPE_CHECKING:  # pragma: no cover
    from choice_assistant.appointment.record import Record
    from choice_assistant.register.model import Register


class GuardContext(NamedTuple):
    """What a guard may look at besides the record: the phrase bank, the catalogue's team test, the register."""

    phrases: list[Any]
    is_team_option: Callable[[str | None], bool] | None
    register: "Register | None"


Guard = Callable[["Record", GuardContext], list[str]]


@dataclass(frozen=True)
class Stage:
    """One stage of the Choice appointment."""

    id: str
    title: str
    guard: Guard | None  # what must be true to move on; None: the last stage, nothing follows
    guard_summary: str  # the guard in a few words, for the diagram
    looks_for: str | None  # what the practice coach will look at here


# -- the guards --------------------------------------------------------------------------------

def goal_numbers(rec: "Record") -> range:
    return range(1, len(rec.session.goals) + 1)


def unagreed_goals(rec: "Record") -> list[str]:
    s = rec.session
    if not s.goals:
        return ["record at least one goal"]
    return [f"goal {n}: the family has not said which option they prefer" for n in goal_numbers(rec) if not s.goals[n - 1].approach]


def _introduction(rec: "Record", ctx: GuardContext) -> list[str]:
    return [f'say and tick the introduction phrase "{ph.title}"' for ph in ctx.phrases if ph.required and not rec.phrases.get(ph.id)]


def risk_missing(rec: "Record", ctx: GuardContext | None = None) -> list[str]:
    return safety_missing(rec.session)


def _goals(rec: "Record", ctx: GuardContext) -> list[str]:
    s, out = rec.session, []
    if not s.goals:
        out.append("record at least one goal")
    for n in goal_numbers(rec):
        g = s.goals[n - 1]
        if g.owner is None:
            out.append(f"goal {n}: say whose goal it is")
        if g.rating is None:
            out.append(f"goal {n}: ask for a rating from 0 to 10")
    return out


def _formulation(rec: "Record", ctx: GuardContext) -> list[str]:
    return [] if rec.session.formulation.strip() else ["write the shared understanding in plain words"]


def _options(rec: "Record", ctx: GuardContext) -> list[str]:
    s = rec.session
    out = [] if s.goals else ["record at least one goal"]
    talked = {o.goal for o in s.options_discussed}
    return out + [f"goal {n}: discuss at least one way of working towards it" for n in goal_numbers(rec) if n not in talked]


def _choice_point(rec: "Record", ctx: GuardContext) -> list[str]:
    s = rec.session
    out = unagreed_goals(rec)
    if not out and ctx.is_team_option is not None and not any(ctx.is_team_option(g.approach) for g in s.goals):
        out.append("no agreed option needs the team: choose 'no Partnership work needed' instead")
    if not s.choice_clinician:
        out.append("record who ran this Choice appointment")
    return out


def needs_of(session: Any) -> list[list[str]]:
    """What the agreed goals need (approach, level), as compared when a clinician was chosen."""
    return [[g.approach or "", g.level.value] for g in session.goals]


def _allocation(rec: "Record", ctx: GuardContext) -> list[str]:
    s, out = rec.session, []
    o = s.outcome
    if s.client_wants == "undecided":
        out.append("the family has not said whether they would like to stay or see someone else")
    if o is None or o.decision not in ("keep", "transfer") or not o.clinician:
        out.append("record which clinician the family chose")
    elif o.decision == "keep" and s.client_wants == "transfer":
        out.append("the family asked to see someone else, but staying is recorded: choose the clinician they will see")
    elif o.decision == "transfer" and s.client_wants == "keep":
        out.append("the family asked to stay, but someone else is recorded: check what they prefer")
    elif (o.decision == "keep") != (o.clinician == s.choice_clinician):
        out.append("the Choice clinician changed after the family chose: record their choice again")
    if o is not None and o.clinician and rec.chosen_for is not None and rec.chosen_for != needs_of(s):
        out.append("the goals or agreed ways of working changed after the clinician was chosen: check the choice with the family again")
    return out


def _booking(rec: "Record", ctx: GuardContext) -> list[str]:
    o = rec.session.outcome
    if o is not None and o.slot is not None:
        return []
    reg = ctx.register
    c = reg.clinician(o.clinician) if (reg is not None and o is not None and o.clinician) else None
    return [f"book the next appointment with {c.name if c else 'the chosen clinician'}"]


# -- the table ---------------------------------------------------------------------------------

# What the practice coach looks at in each stage (shown with the stage's help when practising).
LOOKS_FOR = {
    "introduction": (
        "The coach listens for the next step described as chosen by skill and by the family's preference,"
        ' said warmly and up front, with no apology or talk of handing over.'
    ),
    "curiosity": (
        'The coach counts open questions and reflections, checks you asked about worries, background, '
        'strengths and safety in your own words, and that the safety answer is recorded as the family '
        'gave it.'
    ),
    "goals": (
        "The coach compares the goals you record with the family's own words, and the ratings with the "
        'numbers they said when you asked.'
    ),
    "formulation": (
        'The coach looks for your honest opinion in plain words, and for you checking it fits with the '
        'family.'
    ),
    "options": 'The coach looks for more than one way forward per goal, including ones outside the team.',
    "choice_point": (
        'The coach looks for agreed ways of working, things to try meanwhile, and whether Partnership is '
        'needed.'
    ),
    "allocation": (
        'The coach checks you asked what the family prefer before recording it, that the record matches '
        'what they said, that the clinician holds the skills (never chosen by profession), and that any '
        'scarcity was explained with numbers.'
    ),
    "booking": 'The coach looks for the next appointment booked with the clinician you named.',
    "letters": (
        "The coach looks for copies agreed with the family and the letter's contents in place: goals, "
        'choices and things to try.'
    ),
}

STAGES: tuple[Stage, ...] = (
    Stage("introduction", "Introduction", _introduction, "the required introduction phrases are said",
          LOOKS_FOR["introduction"]),
    Stage("curiosity", "Curiosity", risk_missing, "the risk and safeguarding question is answered",
          LOOKS_FOR["curiosity"]),
    Stage("goals", "Goals", _goals, "at least one goal, each with whose goal and a rating", LOOKS_FOR["goals"]),
    Stage("formulation", "Shared understanding", _formulation, "a shared understanding is written",
          LOOKS_FOR["formulation"]),
    Stage("options", "Options", _options, "at least one option discussed for each goal", LOOKS_FOR["options"]),
    Stage("choice_point", "Choice Point", _choice_point,
          "an agreed way of working for each goal, needing the team, and who ran this Choice appointment",
          LOOKS_FOR["choice_point"]),
    Stage("allocation", "Who they will see", _allocation, "the family's choice and a clinician are recorded",
          LOOKS_FOR["allocation"]),
    Stage("booking", "Booking", _booking, "a slot is booked", LOOKS_FOR["booking"]),
    Stage("letters", "Letters", risk_missing, "the risk and safeguarding answer is still recorded", LOOKS_FOR["letters"]),
    Stage("closed", "Closed", None, "", None),
)

BY_ID: dict[str, Stage] = {s.id: s for s in STAGES}
STAGE_IDS: list[str] = [s.id for s in STAGES]
STAGE_TITLES: dict[str, str] = {s.id: s.title for s in STAGES}


def stage(stage_id: str) -> Stage:
    """The stage with this id; ValueError for an unknown one."""
    try:
        return BY_ID[stage_id]
    except KeyError:
        raise ValueError(f"there is no stage '{stage_id}'") from None


# -- the moves, derived from the table ------------------------------------------------------------

TRIGGERS = ("next", "back", "no_partnership", "choice_plus")


@dataclass(frozen=True)
class Move:
    """One transition of the appointment, with its guard in plain words (None: always allowed)."""

    trigger: str
    source: str
    dest: str
    guard: str | None = None


def _moves() -> list[Move]:
    moves = [Move("next", s.id, STAGES[i + 1].id, s.guard_summary) for i, s in enumerate(STAGES[:-1])]
    moves.append(Move("no_partnership", "choice_point", "letters", "an agreed way of working for each goal"))
    moves.append(Move("choice_plus", "choice_point", "letters", None))
    moves.append(Move("back", "letters", "choice_point", "after no Partnership or Choice Plus"))
    for i, s in enumerate(STAGES[1:-1], start=1):
        moves.append(Move("back", s.id, STAGES[i - 1].id, None))
    return moves


TRANSITIONS: list[Move] = _moves()


def blockers(rec: "Record", trigger: str, ctx: GuardContext) -> list[str]:
    """Plain-words reasons the trigger cannot fire from the record's stage ([] when it can)."""
    here = rec.stage
    if trigger == "goto":
        return []
    if trigger not in TRIGGERS:
        return [f"'{trigger}' is not something the appointment can do"]
    if not any(m.trigger == trigger and m.source == here for m in TRANSITIONS):
        if here == "closed":
            return ["this appointment is closed"]
        if trigger == "back":
            return ["this is the first stage"]
        if trigger in NO_PARTNERSHIP_DECISIONS:
            return ["this is decided at the Choice Point"]
        return [f"there is no next stage after {STAGE_TITLES[here]}"]
    if trigger in ("back", "choice_plus"):
        return []
    if trigger == "no_partnership":
        return unagreed_goals(rec)
    guard = BY_ID[here].guard
    return guard(rec, ctx) if guard is not None else []


def diagram() -> str:
    """The appointment as a mermaid stateDiagram-v2, each transition labelled with its guard."""
    lines = ["stateDiagram-v2"]
    for s in STAGES:
        lines.append(f'    state "{s.title}" as {s.id}')
    lines.append(f"    [*] --> {STAGES[0].id}")
    for m in TRANSITIONS:
        label = m.trigger + (f" [{m.guard}]" if m.guard else "")
        lines.append(f"    {m.source} --> {m.dest}: {label}")
    lines.append(f"    {STAGES[-1].id} --> [*]")
    return "\n".join(lines) + "\n"
