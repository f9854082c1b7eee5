"""Checking a scenario: who speaks and what they refer to must exist, the safety answer is scripted, the team knows every name."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from choice_assistant.errors import InputError, Problem, did_you_mean
from choice_assistant.training.intents import INTENTS

if TYPE_CHECKING:
    from choice_assistant.register.model import Register
    from choice_assistant.training.scenario import Scenario

ESSENTIAL_INTENTS = ("risk", "worries", "goals", "rating", "other")


def structure_problems(s: "Scenario") -> list[tuple[str, str]]:
    """Problems inside one scenario, as (field path, what to do)."""
    from choice_assistant.training.scenario import SCENARIO_STAGES

    out: list[tuple[str, str]] = []
    members = s.member_ids()
    facts = {f.id for f in s.hidden}

    def who(place: str, pid: str) -> None:
        if pid not in members:
            out.append((place, f"'{pid}' is nobody in this family{did_you_mean(pid, members)}: "
                               f"use a person's lower-case first name ({', '.join(members)})"))

    for pid in s.people:
        who(f"people.{pid}", pid)
    for stage, said in s.openings.items():
        for pid in said:
            who(f"openings.{stage}.{pid}", pid)
    for key, by_person in s.answers.items():
        intent, _, stage = key.partition("@")
        if intent not in INTENTS:
            out.append((f"answers.{key}", f"'{intent}' is not an intent{did_you_mean(intent, INTENTS)}: use one of {', '.join(INTENTS)}"))
        if stage and stage not in SCENARIO_STAGES:
            out.append((f"answers.{key}", f"'{stage}' is not a stage{did_you_mean(stage, SCENARIO_STAGES)}"))
        if not by_person:
            out.append((f"answers.{key}", "give at least one person's lines"))
        for pid, lines in by_person.items():
            who(f"answers.{key}.{pid}", pid)
            if not lines:
                out.append((f"answers.{key}.{pid}", "give at least one line"))
            for i, line in enumerate(lines):
                if line.requires and line.requires not in facts:
                    out.append((f"answers.{key}.{pid}[{i}].requires", f"'{line.requires}' is not a hidden fact{did_you_mean(line.requires, facts)}"))
    for intent in ESSENTIAL_INTENTS:
        if intent not in s.answers:
            out.append((f"answers.{intent}", f"the family need lines for '{intent}': add answers.{intent} with one person's lines"))
    risk_lines = [ln for lines in s.answers.get("risk", {}).values() for ln in lines]
    if any(ln.requires or ln.openness for ln in risk_lines):
        out.append(("answers.risk", "the safety answer is always given: it may not require a hidden fact or openness"))
    for i, f in enumerate(s.hidden):
        who(f"hidden[{i}].by", f.by)
    if len(facts) != len(s.hidden):
        out.append(("hidden", "two hidden facts share an id: give each its own"))
    g = s.good_outcome
    if s.wishes.no_partnership and "no_partnership" not in g.decision:
        out.append(("good_outcome.decision", "the family needs no Partnership work, so no_partnership should be acceptable"))
    if g.offer_keep and "keep" not in g.decision and not s.wishes.wants_to_keep:
        out.append(("good_outcome.offer_keep", "keeping must be offered but is neither acceptable nor wanted: "
                                               "add keep to decision or set offer_keep: false"))
    return out


def check_against_team(s: "Scenario", register: "Register", source: str | Path | None = None, text: str | None = None) -> None:
    """The Choice clinician, good-outcome clinicians and ways of working must exist for this team."""
    from choice_assistant.wording.catalogue import options_catalogue

    known = {o.id for o in options_catalogue()} | set(register.skills_by_id)
    problems: list[Problem] = []

    def clinician(place: str, cid: str) -> None:
        if register.clinician(cid) is None:
            problems.append(Problem(place, f"'{cid}' is not a clinician in {register.team}'s register{did_you_mean(cid, register.clinicians_by_id)}"))

    def option(place: str, oid: str) -> None:
        if oid not in known:
            problems.append(Problem(place, f"'{oid}' is not in the options catalogue or {register.team}'s skills{did_you_mean(oid, known)}"))

    clinician("choice_clinician", s.choice_clinician)
    if isinstance(s.good_outcome.clinicians, list):
        for i, cid in enumerate(s.good_outcome.clinicians):
            clinician(f"good_outcome.clinicians[{i}]", cid)
    for i, goal in enumerate(s.goals):
        option(f"goals[{i}].approach", goal.approach)
        for j, alt in enumerate(goal.alternatives):
            option(f"goals[{i}].alternatives[{j}]", alt)
    if problems:
        if text is not None:
            from choice_assistant.yamlio import locate

            problems = [Problem(f"{p.place} ({line})" if (line := locate(text, p.place)) else p.place, p.message) for p in problems]
        raise InputError(source, problems)
