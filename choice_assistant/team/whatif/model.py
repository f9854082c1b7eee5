"""The what-if file: the one definition of its format (weeks, demand, capacity, policies and changes)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal, Union

from pydantic import Discriminator, Field, Tag, field_validator, model_validator

from choice_assistant.errors import InputError, Problem, did_you_mean
from choice_assistant.register.model import Id, Level, Register, Strict, Text, reference_error
from choice_assistant.yamlio import parse_document, read_text, validate_file, with_lines

POLICIES = ("skill", "keep_when_eligible")
PolicyName = Literal["skill", "keep_when_eligible"]
SHARE_TOLERANCE = 0.01  # shares may add up to 1 give or take this much (rounding in a hand-written file)


class Share(Strict):
    """How many of the families need one skill, and at which level."""

    share: float = Field(ge=0, le=1, description="the part of all families needing this skill, 0 to 1")
    level: Level = Field(Level.core, description="core or specific; specific work needs a specific holder")


def _sums_to_one(shares: dict[str, float], place: str) -> None:
    total = sum(shares.values())
    if abs(total - 1) > SHARE_TOLERANCE:
        raise reference_error([(place, f"the shares add up to {total:g}, not 1: make them add up to 1 "
                                       f"(within {SHARE_TOLERANCE:g})")])


class StatedDemand(Strict):
    """Families arriving at random (Poisson) at an average rate, each needing one skill drawn from the mix."""

    per_week: float = Field(gt=0, le=10_000, description="families a week who need Partnership work, on average")
    mix: dict[Id, Share] = Field(min_length=1, description="skill id -> its share (a number, or {share, level})")
    choice_shares: dict[Id, Annotated[float, Field(ge=0, le=1)]] | None = Field(
        None, description="how Choice appointments are shared (clinician id -> share); default: equally")

    @field_validator("mix", mode="before")
    @classmethod
    def _numbers_are_core_shares(cls, value):
        if isinstance(value, dict):
            return {k: {"share": v} if isinstance(v, (int, float)) and not isinstance(v, bool) else v for k, v in value.items()}
        return value

    @model_validator(mode="after")
    def _shares_add_up(self) -> "StatedDemand":
        _sums_to_one({k: v.share for k, v in self.mix.items()}, "demand.mix")
        if self.choice_shares is not None:
            _sums_to_one(self.choice_shares, "demand.choice_shares")
        return self


def _demand_kind(value) -> str:
    return "[journal]" if isinstance(value, str) else "[stated]"


# "journal", or a stated rate and mix. The tags are bracketed so that error places read "demand.per_week".
Demand = Annotated[Union[Annotated[Literal["journal"], Tag("[journal]")], Annotated[StatedDemand, Tag("[stated]")]],
                   Discriminator(_demand_kind)]


class Leaves(Strict):
    """A clinician leaves the team: their slots and their skills go with them."""

    name: Text
    leaves: Id


class Trains(Strict):
    """A clinician is trained in a skill to a level."""

    name: Text
    trains: Id
    skill: Id
    level: Level


class AddsSlots(Strict):
    """A clinician offers more Partnership slots every week."""

    name: Text
    adds_slots: Id
    per_week: int = Field(ge=1, le=100, description="slots added every week")


CHANGE_KINDS = ("leaves", "trains", "adds_slots")


def _change_kind(value) -> str | None:
    if not isinstance(value, dict):
        return "[leaves]"  # reported as "expected a mapping"
    found = [k for k in CHANGE_KINDS if k in value]
    return f"[{found[0]}]" if len(found) == 1 else None


Change = Annotated[
    Union[Annotated[Leaves, Tag("[leaves]")], Annotated[Trains, Tag("[trains]")], Annotated[AddsSlots, Tag("[adds_slots]")]],
    Discriminator(_change_kind, custom_error_type="change_kind",
                  custom_error_message="a change names exactly one of leaves, trains or adds_slots: "
                                       "e.g. {name: ..., leaves: ID}, {name: ..., trains: ID, skill: ID, level: specific} "
                                       "or {name: ..., adds_slots: ID, per_week: 2}"),
]


class WhatIf(Strict):
    """A what-if: how long families would wait for Partnership work over some weeks, under each policy and change."""

    weeks: int = Field(26, ge=1, le=520, description="weeks of arrivals to simulate")
    replications: int = Field(20, ge=1, le=1000, description="independent runs, for the confidence intervals")
    seed: int = Field(1, ge=0, description="the same seed gives the same figures")
    demand: Demand = Field(description="'journal' (the journal's Choice outcomes) or {per_week, mix}")
    slots_per_week: dict[Id, Annotated[int, Field(ge=0, le=100)]] = Field(
        default_factory=dict, description="clinician id -> slots every week, instead of the diary's weekly pattern")
    hours_per_slot: float = Field(1.0, gt=0, le=8, description="hours of a clinician's time one Partnership slot takes")
    policies: list[PolicyName] = Field(default_factory=lambda: list(POLICIES), min_length=1)
    changes: list[Change] = Field(default_factory=list, max_length=20)

    @model_validator(mode="after")
    def _unique(self) -> "WhatIf":
        problems = []
        for i, p in enumerate(self.policies):
            if p in self.policies[:i]:
                problems.append((f"policies[{i}]", f"'{p}' is listed twice: list each policy once"))
        names: dict[str, int] = {}
        for i, c in enumerate(self.changes):
            if c.name in names:
                problems.append((f"changes[{i}].name", f"'{c.name}' is also the name of changes[{names[c.name]}]: "
                                                       "give each change its own name"))
            names.setdefault(c.name, i)
        if problems:
            raise reference_error(problems)
        return self


def _who(cid: str, register: Register, place: str) -> list[Problem]:
    if register.clinician(cid) is not None:
        return []
    return [Problem(place, f"'{cid}' is not a clinician in {register.team}'s register"
                           f"{did_you_mean(cid, register.clinicians_by_id)}: check the spelling")]


def _skill(sid: str, register: Register, place: str) -> list[Problem]:
    if sid in register.skills_by_id:
        return []
    return [Problem(place, f"'{sid}' is not a skill in {register.team}'s catalogue"
                           f"{did_you_mean(sid, register.skills_by_id)}: check the spelling")]


def reference_problems(spec: WhatIf, register: Register) -> list[Problem]:
    """Every clinician and skill the file names must be in the register; each change must change something."""
    problems: list[Problem] = []
    for cid in spec.slots_per_week:
        problems += _who(cid, register, f"slots_per_week.{cid}")
    if isinstance(spec.demand, StatedDemand):
        for sid in spec.demand.mix:
            problems += _skill(sid, register, f"demand.mix.{sid}")
        for cid in spec.demand.choice_shares or {}:
            problems += _who(cid, register, f"demand.choice_shares.{cid}")
    for i, c in enumerate(spec.changes):
        if isinstance(c, Leaves):
            problems += _who(c.leaves, register, f"changes[{i}].leaves")
            if len(register.clinicians) == 1 and not problems:
                problems.append(Problem(f"changes[{i}].leaves", "nobody would be left in the team: this change cannot be simulated"))
        elif isinstance(c, Trains):
            found = _who(c.trains, register, f"changes[{i}].trains") + _skill(c.skill, register, f"changes[{i}].skill")
            problems += found
            held = None if found else register.clinician(c.trains).skills.get(c.skill)
            if held is not None and held.covers(c.level):
                problems.append(Problem(f"changes[{i}].level", f"{register.clinician(c.trains).name} already holds this skill "
                                                               f"at {held.value} level: train to a higher level, or remove the change"))
        else:
            problems += _who(c.adds_slots, register, f"changes[{i}].adds_slots")
    return problems


def load_what_if(path: str | Path, register: Register) -> WhatIf:
    """Load and check a what-if file against the register; every problem is one InputError naming its place."""
    parsed = parse_document(read_text(path, "what-if file"), path, "what-if file")
    spec = validate_file(WhatIf, parsed, path)
    problems = reference_problems(spec, register)
    if problems:
        raise InputError(path, with_lines(problems, parsed.node))
    return spec
