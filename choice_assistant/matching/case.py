"""The case: one Choice appointment's inputs to allocation, and loading it from a file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from choice_assistant.errors import InputError, Problem, did_you_mean
from choice_assistant.matching.eligibility import SkillNeed
from choice_assistant.register.model import Id, Level, Register, Strict, reference_error


# Ways of working that need no team skill: the family's own strengths, self-help, school or
# network, another agency, or no further service. The options catalogue uses these ids.
NON_TEAM_APPROACHES: tuple[str, ...] = ("family_strengths", "self_help", "school_network", "other_agency", "no_further_service")

HardNeed = Literal["gender", "language", "cultural_background"]
KeepReason = Literal["disclosure", "network_work", "client_preference"]
ClientWants = Literal["keep", "transfer", "undecided"]
GoalOwner = Literal["young_person", "parent_carer", "family", "other"]


class Goal(Strict):
    text: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
    approach: Id
    level: Level = Level.core
    owner: GoalOwner | None = None
    rating: int | None = Field(None, ge=0, le=10)


class Preferences(Strict):
    gender: str | None = None
    language: str | None = None
    cultural_background: str | None = None
    required: list[HardNeed] = Field(default_factory=list)

    @model_validator(mode="after")
    def _required_needs_a_value(self) -> "Preferences":
        problems = [
            (f"preferences.required[{i}]", f"'{need}' is required but no {need} is given: add preferences.{need} or remove it from required")
            for i, need in enumerate(self.required)
            if getattr(self, need) in (None, "")
        ]
        if problems:
            raise reference_error(problems)
        return self


class Case(Strict):
    """One Choice appointment's inputs to allocation."""

    choice_clinician: Id
    goals: list[Goal] = Field(min_length=1)
    preferences: Preferences = Field(default_factory=Preferences)
    keep_reasons: list[KeepReason] = Field(default_factory=list)
    client_wants: ClientWants = "undecided"


def check(case: Case, register: Register, source: object = "case") -> None:
    """Every clinician and approach a case names must be known; otherwise raise InputError."""
    problems: list[Problem] = []
    if register.clinician(case.choice_clinician) is None:
        problems.append(Problem(
            "choice_clinician",
            f"'{case.choice_clinician}' is not a clinician in {register.team}'s register"
            f"{did_you_mean(case.choice_clinician, register.clinicians_by_id)}: check the spelling, or add them to the register",
        ))
    for i, goal in enumerate(case.goals):
        if goal.approach not in register.skills_by_id and goal.approach not in NON_TEAM_APPROACHES:
            known = [*register.skills_by_id, *NON_TEAM_APPROACHES]
            problems.append(Problem(
                f"goals[{i}].approach",
                f"'{goal.approach}' is neither a skill in {register.team}'s catalogue nor one of "
                f"{', '.join(NON_TEAM_APPROACHES)}{did_you_mean(goal.approach, known)}: "
                "check the spelling, or add the skill to the catalogue",
            ))
    if problems:
        raise InputError(source, problems)


def goal_skills(approach: str, level: Level, register: Register) -> list[tuple[str, Level]]:
    """The team skills one goal's approach needs: none for non-team approaches."""
    if approach in register.skills_by_id:
        return [(approach, level)]
    return []


def needed_skills(case: Case, register: Register) -> list[SkillNeed]:
    """The skills a case needs, each once at the highest level any goal asks for, in goal order."""
    levels: dict[str, Level] = {}
    for goal in case.goals:
        for sid, level in goal_skills(goal.approach, goal.level, register):
            if sid not in levels or level.covers(levels[sid]):
                levels[sid] = level
    return [SkillNeed(skill=s, level=lv) for s, lv in levels.items()]


def load_case(path: str | Path, register: Register | None = None) -> Case:
    """Load a case (or the case part of a session export); check it against a register if given."""
    from choice_assistant.yamlio import parse_document, read_text, validate_file

    parsed = parse_document(read_text(path, "case"), path, "case")  # its nodes give the lines of any problem
    data = parsed.data
    if isinstance(data, dict) and "session" in data:
        from choice_assistant.appointment.session import Session

        session = validate_file(Session, parsed, path)
        from choice_assistant.appointment.export import case_from_session

        case = case_from_session(session, path)
    else:
        case = validate_file(Case, parsed, path)
    if register is not None:
        check_case(case, register, path)
    return case


def check_case(case: Case, register: Register, source: str | Path | None = None) -> None:
    """Every clinician and approach a case names must be known to the register (or be a non-team option)."""
    check(case, register, source)
