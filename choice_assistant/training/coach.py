"""The coach: why each stage matters, and the scored report on a practice appointment against the CAPA rubric."""

from __future__ import annotations

from typing import Any, Iterable

from choice_assistant.appointment.export import case_from_session
from choice_assistant.appointment.session import Session
from choice_assistant.errors import InputError
from choice_assistant.matching.recommend import recommend
from choice_assistant.register.model import Register
from choice_assistant.training import judge_choice, judge_talk
from choice_assistant.training.evidence import Evidence
from choice_assistant.training.report import Line, Report
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
    return Report(scenario.id, scenario.title, scenario.practises, yp, gates, parts, points, rubric().pass_mark, lines)


def recommend_for(session: Session, register: Register, scenario: Scenario) -> Any:
    """Matching's advice for the session's case, or None while a goal has no agreed way of working."""
    try:
        return recommend(register, case_from_session(session, "this appointment"), now=scenario.when)
    except InputError:
        return None
