"""The scenario file: a simulated family (who speaks, what each says per intent, hidden facts) and what good looks like."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, PrivateAttr, StringConstraints, field_validator, model_validator

from choice_assistant.appointment.session import Decision, FamilyMember, Referrer, YoungPerson
from choice_assistant.matching.case import GoalOwner, Preferences
from choice_assistant.register.model import Id, Strict, reference_error
from choice_assistant.training.intents import INTENTS

SCENARIO_STAGES = ("introduction", "curiosity", "goals", "formulation", "options", "choice_point",
                   "allocation", "booking", "letters")
ANY_SKILL_ELIGIBLE = "any_skill_eligible"
DEFAULT_WHEN = datetime(2026, 11, 23, 9, 30)

Words = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000)]
Level = Annotated[float, Field(ge=0, le=1)]
Means = Literal["keep", "transfer", "undecided"]
FactKind = Literal["disclosure", "language", "preference", "safeguarding", "other"]


class Utterance(Strict):
    """One way of saying a line; `requires` a hidden fact already told, `means` what it says about staying."""

    text: Words
    requires: Id | None = Field(None, description="said only once this hidden fact has been told")
    means: Means | None = Field(None, description="what this line says the family wants: keep, transfer or undecided")
    openness: Level = Field(0.0, description="said only when the speaker's openness is at least this")


Line = Annotated[Utterance, Field()]


class Person(Strict):
    """How one member of the family starts the appointment."""

    trust: Level = 0.5
    openness: Level = 0.5
    distress: Level = 0.4
    talks_over: bool = Field(False, description="answers questions put to someone else (a parent who talks over)")


class HiddenFact(Strict):
    """Something the family tells only when it is earned."""

    id: Id
    by: Id = Field(description="who tells it: a person's id (lower-case first name)")
    kind: FactKind = "other"
    when: list[Literal[INTENTS]] = Field(min_length=1, description="the intents that can draw it out")  # type: ignore[valid-type]
    trust: Level = Field(0.6, description="the teller's trust needed")
    open_question: bool = Field(True, description="it needs an open question")
    lines: list[Words] = Field(min_length=1)
    cue: Words | None = Field(None, description="a hint given when asked before it is earned")
    need: Preferences | None = Field(None, description="a need this fact reveals (e.g. a language)")


class ScenarioGoal(Strict):
    """A goal as the family will state it, with the way of working they prefer."""

    text: Words
    owner: GoalOwner
    rating: int = Field(ge=0, le=10)
    approach: Id
    alternatives: list[Id] = Field(default_factory=list)


class Wishes(Strict):
    """What the family want, for the scripted trainees and the good outcome; never read by the coach as 'said'."""

    wants_to_keep: bool = False
    disclosure: bool = False
    network_work: bool = False
    needs: Preferences = Field(default_factory=Preferences)
    no_partnership: bool = False


class GoodOutcome(Strict):
    """Where a well-run appointment would end."""

    decision: list[Decision] = Field(min_length=1)
    clinicians: Literal["any_skill_eligible"] | list[Id] = ANY_SKILL_ELIGIBLE
    offer_keep: bool = False
    notice_scarcity: bool = False
    safeguarding: bool = Field(False, description="a safeguarding concern must change the plan (safety plan and actions)")
    summary: Words

    @field_validator("decision", mode="before")
    @classmethod
    def _one_or_many(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value


def _lines(value: object) -> object:
    """A line may be written as a plain string, a list of strings, or a list of {text, requires, means}."""
    if isinstance(value, (str, dict)):
        value = [value]
    if isinstance(value, list):
        return [{"text": v} if isinstance(v, str) else v for v in value]
    return value


class Scenario(Strict):
    """A family to practise with."""

    id: Id
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
    practises: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    seed: int = 0
    young_person: YoungPerson
    family: list[FamilyMember] = Field(default_factory=list)
    referrer: Referrer | None = None
    choice_clinician: Id
    when: datetime = Field(DEFAULT_WHEN, description="a fixed time for tests to practise at; practice itself runs on "
                                                    "today's date, the team's diary following it")
    concerns: Words
    background: Words
    strengths: Words
    risk: Words = Field(description="the safety answer in brief, for the trainee's record; the spoken one is answers.risk")
    people: dict[Id, Person] = Field(default_factory=dict)
    openings: dict[Literal[SCENARIO_STAGES], dict[Id, Words]] = Field(default_factory=dict)  # type: ignore[valid-type]
    answers: dict[str, dict[Id, list[Line]]]
    hidden: list[HiddenFact] = Field(default_factory=list)
    goals: list[ScenarioGoal] = Field(min_length=1, max_length=5)
    things_to_try: list[Words] = Field(default_factory=list)
    wishes: Wishes = Field(default_factory=Wishes)
    good_outcome: GoodOutcome
    _source: Path | None = PrivateAttr(None)

    @field_validator("answers", mode="before")
    @classmethod
    def _plain_lines(cls, value: object) -> object:
        if isinstance(value, dict):
            return {k: {who: _lines(v) for who, v in m.items()} if isinstance(m, dict) else m for k, m in value.items()}
        return value

    @property
    def source(self) -> Path | None:
        return self._source

    def member_ids(self) -> list[str]:
        """Who can speak, young person first: each person's lower-case first name."""
        return [person_id(self.young_person.name)] + [person_id(m.name) for m in self.family]

    def name_of(self, pid: str) -> str:
        for full in [self.young_person.name] + [m.name for m in self.family]:
            if person_id(full) == pid:
                return full.split()[0]
        return pid

    def relation_of(self, pid: str) -> str:
        if pid == person_id(self.young_person.name):
            return "young person"
        return next((m.relation for m in self.family if person_id(m.name) == pid), "")

    def person(self, pid: str) -> Person:
        return self.people.get(pid, Person())

    @model_validator(mode="after")
    def _consistent(self) -> "Scenario":
        from choice_assistant.training.lint import structure_problems

        problems = structure_problems(self)
        if problems:
            raise reference_error(problems)
        return self


def person_id(full_name: str) -> str:
    """A person's id in a scenario: their first name in lower case."""
    return full_name.split()[0].lower() if full_name.split() else ""


def bundled_scenarios() -> list[Scenario]:
    """The scenarios shipped with the program (see training.library)."""
    from choice_assistant.training.library import bundled_scenarios as bundled

    return bundled()


def find_scenario(name: str, register=None) -> Scenario:
    """A bundled scenario by id, or a scenario file by path (see training.library)."""
    from choice_assistant.training.library import find_scenario as find

    return find(name, register)


def load_scenario(path, register=None) -> Scenario:
    """Read and validate a scenario file (see training.library)."""
    from choice_assistant.training.library import load_scenario as load

    return load(path, register)
