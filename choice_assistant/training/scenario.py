"""Training scenarios: a simulated family for practising a Choice appointment, and its file format.

Public API:
    Scenario                          the file format (YAML in examples/scenarios/)
    load_scenario(path, register=None) -> Scenario    validated; checked against the register if given
    check_scenario(scenario, register, source)        clinicians and ways of working must exist
    bundled_scenarios() -> list[Scenario]             the scenarios shipped with the program, by id
    find_scenario(name, register=None) -> Scenario    a bundled id, or a path to a scenario file
    SCENARIO_STAGES                                   the stages a scenario may script

Every problem is an InputError naming the file, the field path (with its line) and what to
do, so `choice-assistant train --check` exits 2 with a clear message, as for registers.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, PrivateAttr, StringConstraints, field_validator, model_validator

from choice_assistant.errors import InputError, Problem, did_you_mean
from choice_assistant.matching.case import GoalOwner, Preferences
from choice_assistant.register.model import Id, Register, Strict, reference_error
from choice_assistant.appointment.session import Decision, FamilyMember, Referrer, YoungPerson

SCENARIO_STAGES = ("introduction", "curiosity", "goals", "formulation", "options", "choice_point",
                   "allocation", "booking", "letters")
REQUIRED_STAGES = ("introduction", "curiosity", "goals", "formulation", "options", "choice_point")
ANY_SKILL_ELIGIBLE = "any_skill_eligible"
DEFAULT_WHEN = datetime(2026, 11, 23, 9, 30)

Words = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000)]
Keyword = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]
StageName = Literal[SCENARIO_STAGES]  # type: ignore[valid-type]


class Reply(Strict):
    """What the family says when the trainee's words contain any of the keywords."""

    keywords: list[Keyword] = Field(min_length=1, description="words or phrases, matched case-insensitively as whole "
                                                                "words; a trailing * matches any ending (worr* -> worried)")
    reply: Words


class StageScript(Strict):
    """The family's side of one stage."""

    opening: Words | None = Field(None, description="what the family says as the stage opens, if anything")
    replies: list[Reply] = Field(default_factory=list, description="tried in order; the first that matches is said")
    default: Words = Field(description="what the family says when nothing more specific matches")


class ScenarioGoal(Strict):
    """A goal as the family will state it, with the way of working they will prefer."""

    text: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
    owner: GoalOwner
    rating: int = Field(ge=0, le=10, description="where things are now, 0-10, when asked")
    approach: Id = Field(description="the option (from the options catalogue) the family prefers once options are offered")
    alternatives: list[Id] = Field(default_factory=list, description="other options the family would consider, best liked first")


class Wishes(Strict):
    """What the family wants but will only say if asked well."""

    wants_to_keep: bool = Field(False, description="they would like to stay with the Choice clinician")
    disclosure: bool = Field(False, description="the young person shares something painful with the Choice clinician")
    network_work: bool = Field(False, description="the Choice clinician has done a lot of work with the network")
    needs: Preferences = Field(default_factory=Preferences, description="gender, language or cultural background; "
                                                                         "`required` ones are hard needs")
    no_partnership: bool = Field(False, description="they need no Partnership work (self-help or another agency)")


class GoodOutcome(Strict):
    """Where a well-run appointment would end, for the feedback report."""

    decision: list[Decision] = Field(min_length=1, description="acceptable decisions (one value or a list)")
    clinicians: Literal["any_skill_eligible"] | list[Id] = Field(
        ANY_SKILL_ELIGIBLE, description="acceptable Partnership clinicians, or any_skill_eligible")
    offer_keep: bool = Field(False, description="staying with the Choice clinician must be offered")
    notice_scarcity: bool = Field(False, description="the scarcity caution on keeping must be talked through")
    summary: Words = Field(description="what a good outcome is, in a sentence or two, shown in the feedback")

    @field_validator("decision", mode="before")
    @classmethod
    def _one_or_many(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value


class Scenario(Strict):
    """A family to practise with: who they are, what they say at each stage, and what good looks like."""

    id: Id
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
    practises: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    young_person: YoungPerson
    family: list[FamilyMember] = Field(default_factory=list)
    referrer: Referrer | None = None
    choice_clinician: Id
    when: datetime = Field(DEFAULT_WHEN, description="the date and time the practice appointment takes place")
    concerns: Words
    background: Words
    strengths: Words
    network: str = ""
    risk: Words = Field(description="the family's answer when asked about safety")
    goals: list[ScenarioGoal] = Field(min_length=1, max_length=5)
    things_to_try: list[Words] = Field(default_factory=list)
    wishes: Wishes = Field(default_factory=Wishes)
    stages: dict[StageName, StageScript]
    good_outcome: GoodOutcome
    _source: Path | None = PrivateAttr(None)

    @property
    def source(self) -> Path | None:
        """The file this scenario was read from."""
        return self._source

    @model_validator(mode="after")
    def _consistent(self) -> "Scenario":
        problems: list[tuple[str, str]] = []
        for stage in REQUIRED_STAGES:
            if stage not in self.stages:
                problems.append((f"stages.{stage}", "this stage has no script: add it with at least a `default` reply"))
        partnership = [d for d in self.good_outcome.decision if d in ("keep", "transfer")]
        if partnership and "allocation" not in self.stages:
            problems.append(("stages.allocation", "the good outcome involves Partnership work, so the family needs "
                                                  "a script for the allocation stage"))
        if self.wishes.no_partnership and "no_partnership" not in self.good_outcome.decision:
            problems.append(("good_outcome.decision", "the family needs no Partnership work, so no_partnership "
                                                      "should be an acceptable decision"))
        if self.good_outcome.offer_keep and "keep" not in self.good_outcome.decision and not self.wishes.wants_to_keep:
            problems.append(("good_outcome.offer_keep", "keeping must be offered but is neither acceptable nor wanted: "
                                                        "add keep to decision or set offer_keep: false"))
        if problems:
            raise reference_error(problems)
        return self


# -- loading ---------------------------------------------------------------------------------

def load_scenario(path: str | Path, register: Register | None = None) -> Scenario:
    """Read and validate a scenario file; with a register, also check what it names exists there."""
    from choice_assistant.yamlio import parse_yaml, read_text, validate_file

    text = read_text(path, "scenario")
    scenario = validate_file(Scenario, parse_yaml(text, path, "scenario"), path, text)
    scenario._source = Path(path)
    if register is not None:
        check_scenario(scenario, register, path, text)
    return scenario


def check_scenario(scenario: Scenario, register: Register, source: str | Path | None = None, text: str | None = None) -> None:
    """The Choice clinician, good-outcome clinicians and ways of working must exist for this team."""
    from choice_assistant.wording.catalogue import options_catalogue

    known_options = {o.id for o in options_catalogue()} | set(register.skills_by_id)
    problems: list[Problem] = []

    def clinician(place: str, cid: str) -> None:
        if register.clinician(cid) is None:
            problems.append(Problem(place, f"'{cid}' is not a clinician in {register.team}'s register{did_you_mean(cid, register.clinicians_by_id)}"))

    def option(place: str, oid: str) -> None:
        if oid not in known_options:
            problems.append(Problem(place, f"'{oid}' is not in the options catalogue or {register.team}'s skills{did_you_mean(oid, known_options)}"))

    clinician("choice_clinician", scenario.choice_clinician)
    if isinstance(scenario.good_outcome.clinicians, list):
        for i, cid in enumerate(scenario.good_outcome.clinicians):
            clinician(f"good_outcome.clinicians[{i}]", cid)
    for i, goal in enumerate(scenario.goals):
        option(f"goals[{i}].approach", goal.approach)
        for j, alt in enumerate(goal.alternatives):
            option(f"goals[{i}].alternatives[{j}]", alt)
    if problems:
        if text is not None:
            from choice_assistant.yamlio import locate

            problems = [Problem(f"{p.place} ({line})" if (line := locate(text, p.place)) else p.place, p.message) for p in problems]
        raise InputError(source, problems)


def scenarios_dir() -> Path:
    from choice_assistant.resources import examples_dir

    return examples_dir() / "scenarios"


def bundled_scenarios() -> list[Scenario]:
    """The scenarios shipped with the program, in order of id."""
    return sorted((load_scenario(p) for p in sorted(scenarios_dir().glob("*.yaml"))), key=lambda s: s.id)


def find_scenario(name: str, register: Register | None = None) -> Scenario:
    """A bundled scenario by id, or a scenario file by path; InputError when neither exists."""
    path = Path(name)
    if path.suffix in (".yaml", ".yml") or path.exists():
        return load_scenario(path, register)
    for scenario in bundled_scenarios():
        if scenario.id == name:
            if register is not None:
                check_scenario(scenario, register, scenario.source)
            return scenario
    hint = did_you_mean(name, [s.id for s in bundled_scenarios()])
    raise InputError(name, f"no training scenario has this id{hint}, and no file has this path: "
                           "see `choice-assistant train --list`, or give the path of a scenario file")
