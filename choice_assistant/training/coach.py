"""The coach: why each stage matters, and the scored report on a practice appointment against the CAPA rubric."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Iterable

from choice_assistant.appointment.export import case_from_session
from choice_assistant.appointment.session import Session
from choice_assistant.errors import InputError
from choice_assistant.matching.recommend import recommend
from choice_assistant.register.model import Register
from choice_assistant.training import judge_choice, judge_talk
from choice_assistant.training.evidence import Evidence
from choice_assistant.training.report import Feedback, Line, Report
from choice_assistant.training.rubric import looks_for, rubric
from choice_assistant.training.scenario import Scenario
from choice_assistant.wording.stage_prompts import help_text


def why_this_matters(stage: str) -> str:
    """Why this stage matters in CAPA, and what the coach will look for there."""
    text = help_text(stage)
    extra = looks_for(stage)
    return f"{text}\n\n{extra}" if extra else text


def feedback(scenario: Scenario, session: Session, transcript: Iterable[Line | tuple], recommendation: Any = None, *,
             register: Register, told: Iterable[str] = (), phrases_said: dict[str, bool] | None = None) -> Report:
    """The report on one practice appointment: gates, each part of the rubric scored, and feedback points."""
    lines = [t if isinstance(t, Line) else Line(*t) for t in transcript]
    if recommendation is None:
        recommendation = recommend_for(session, register, scenario)
    ev = Evidence(scenario, session, lines, register, recommendation, list(told), dict(phrases_said or {}))
    gates, points = judge_talk.gates(ev)
    parts = []
    for judge in (judge_talk.drawing_out, judge_talk.behaviour):
        part, fb = judge(ev)
        parts.append(part)
        points += fb
    part, fb, _ratings = judge_talk.capa_tasks(ev)
    parts.append(part)
    points += fb
    for judge in (judge_choice.choice_integrity, judge_choice.allocation, judge_choice.tone, judge_choice.letters):
        part, fb = judge(ev)
        parts.append(part)
        points += fb
    yp = session.young_person.name if session.young_person else scenario.young_person.name
    return Report(scenario.id, scenario.title, scenario.practises, yp, gates, parts, select(points), rubric().pass_mark, lines)


# What matters most comes first: safety, how risk was asked, the family's choice, the clinician, the wording, then
# drawing out, the CAPA tasks, how the trainee talked and the letter.
RANKS = {"gates": 0, "choice_integrity": 2, "allocation": 3, "tone": 4, "drawing_out": 5, "capa_tasks": 6, "behaviour": 7,
         "letters": 8}
MOST_TO_CHANGE = 7


def select(points: list[Feedback]) -> list[Feedback]:
    """The feedback worth reading: one point per quote (the point about what the words themselves did, before one
    that only uses them to show where something was missing), the most important first, at most MOST_TO_CHANGE
    to change; praise is kept apart, also one per quote."""
    rank = {id(f): min(f.rank, RANKS.get(f.component, 9)) for f in points}
    groups: dict[tuple[bool, str], list[Feedback]] = {}
    for f in sorted(points, key=lambda f: rank[id(f)]):  # stable: the judges' order kept within a rank
        groups.setdefault((f.good, " ".join(f.quote.lower().split())), []).append(f)
    chosen = [(min(rank[id(f)] for f in group), next((f for f in group if not f.omission), group[0]))
              for group in groups.values()]
    chosen.sort(key=lambda pair: pair[0])
    change = [f for _r, f in chosen if not f.good][:MOST_TO_CHANGE]
    return change + [f for _r, f in chosen if f.good]


def recommend_for(session: Session, register: Register, scenario: Scenario) -> Any:
    """Matching's advice for the session's case, or None while a goal has no agreed way of working."""
    try:
        return recommend(register, case_from_session(session, "this appointment"), now=datetime.now())
    except InputError:
        return None
