"""The team skill register and the case: the single definition of both file formats."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from enum import Enum
from functools import cached_property
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, StringConstraints, field_validator, model_validator
from pydantic_core import PydanticCustomError

from choice_assistant.errors import did_you_mean

Id = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class Strict(BaseModel):
    """Base for file formats: unknown fields are errors, so a typo never passes silently."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Level(str, Enum):
    """How deep a skill goes. `specific` covers `core`."""

    core = "core"
    specific = "specific"

    @property
    def rank(self) -> int:
        return 1 if self is Level.specific else 0

    def covers(self, needed: "Level") -> bool:
        return self.rank >= needed.rank


def reference_error(problems: list[tuple[str, str]]) -> PydanticCustomError:
    """An error listing (field path, message) pairs; the CLI shows each on its own line."""
    return PydanticCustomError(
        "reference_problems",
        "{detail}",
        {"problems": problems, "detail": "; ".join(f"{p}: {m}" for p, m in problems)},
    )


class Skill(Strict):
    id: Id
    name: Text
    description: str | None = None
    snomed: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=18)] | None = Field(
        None, description="The SNOMED CT concept id for this way of working, if the team has one it is sure of "
                          "(digits only); it codes the way of working in the FHIR record, which otherwise carries its name only.")

    @field_validator("snomed", mode="before")
    @classmethod
    def _digits_only(cls, value):
        """Digits only; written without quotes in YAML the code is read as a number, and taken as its digits."""
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            value = str(value)
        if isinstance(value, str) and not (value.strip().isascii() and value.strip().isdigit()):
            raise ValueError("a SNOMED CT code is digits only: copy the concept id (the number), not its name, or leave snomed out")
        return value


class Clinician(Strict):
    id: Id
    name: Text
    role: Text
    gender: str | None = None
    cultural_background: str | None = None
    languages: list[Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]] = Field(default_factory=lambda: ["en"])
    skills: dict[Id, Level] = Field(default_factory=dict)
    partnership_slots: list[datetime] = Field(default_factory=list)
    _venues: dict[datetime, str] = PrivateAttr(default_factory=dict)

    @model_validator(mode="wrap")
    @classmethod
    def _slot_venues(cls, data, handler):
        """A slot may be `{at, venue}`: the time joins partnership_slots, the venue is kept apart."""
        venues: dict[int, str] = {}
        if isinstance(data, dict) and isinstance(data.get("partnership_slots"), list):
            slots = []
            for i, slot in enumerate(data["partnership_slots"]):
                if isinstance(slot, dict) and set(slot) <= {"at", "venue"} and "at" in slot:
                    if isinstance(slot.get("venue"), str) and slot["venue"].strip():
                        venues[i] = " ".join(slot["venue"].split())[:200]
                    slot = slot["at"]
                slots.append(slot)
            data = {**data, "partnership_slots": slots}
        clinician = handler(data)
        if isinstance(data, dict) and venues:
            raw = data["partnership_slots"]
            for i, venue in venues.items():
                parsed = _as_datetime(raw[i])
                if parsed is not None:
                    clinician._venues[parsed] = venue
        return clinician

    @field_validator("partnership_slots")
    @classmethod
    def _local_times_only(cls, slots: list[datetime]) -> list[datetime]:
        for i, slot in enumerate(slots):
            if slot.tzinfo is not None:
                raise ValueError(
                    f"slot {i + 1} has a time zone: write slots in the team's local time without one, e.g. 2026-12-01T10:00"
                )
        return sorted(slots)

    def venue_of(self, slot: datetime) -> str | None:
        """Where this slot is held when it is not at the service's address (None: the service's address)."""
        return self._venues.get(slot)

    def level_of(self, skill: str) -> Level | None:
        return self.skills.get(skill)


class Policy(Strict):
    """Team-tunable thresholds and weights for scarcity and ranking (all optional)."""

    rare_share: float = Field(
        0.2, ge=0, le=1,
        description="Something held by at most this share of the team's clinicians counts as rare.",
    )
    rare_max_holders: int = Field(
        2, ge=1,
        description="Something held by at most this many clinicians always counts as rare.",
    )
    warn_weeks: int = Field(4, ge=1, description="Warn when the next appointment is further away than this.")
    strong_warn_weeks: int = Field(6, ge=1, description="Warn strongly past this many weeks.")

    def wait_level(self, wait: timedelta) -> int:
        """0 within warn_weeks, 1 past it, 2 past strong_warn_weeks."""
        if wait > timedelta(weeks=self.strong_warn_weeks):
            return 2
        return 1 if wait > timedelta(weeks=self.warn_weeks) else 0
    max_candidates: int = Field(
        5, ge=1, le=100,
        description="How many transfer candidates a recommendation lists, best first.",
    )
    rarity_power: float = Field(
        1.0, ge=0, le=4,
        description="Ranking weighs each rare skill a candidate holds that the case does not use as "
                    "1 / holders ** rarity_power: at 1 the only holder of a skill costs five times one of "
                    "five holders; at 0 every rare skill costs the same. Gender, language and cultural "
                    "background never count.",
    )
    specific_input_per_skill: int = Field(
        2, ge=1, le=10,
        description="How many team members the advice names for each skill a candidate lacks, as Specific Partnership input.",
    )


def _as_datetime(value) -> datetime | None:
    """A slot value as the datetime pydantic made of it (None if it is not one)."""
    if isinstance(value, datetime):
        return value
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return None


LongText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]


class Service(Strict):
    """How families and referrers reach the team; every letter takes its contact details from here."""

    name: Text
    organisation: Text | None = None
    address: LongText = Field(description="Postal address; also where appointments are held unless a slot names a venue.")
    phone: Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=40)]
    email: Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=120)] | None = None
    hours: Text | None = None
    urgent: LongText | None = None


class Register(Strict):
    """A team's skill register: its skill catalogue and its clinicians."""

    team: Text
    skills: list[Skill] = Field(min_length=1)
    clinicians: list[Clinician] = Field(min_length=1)
    service: Service | None = None
    policy: Policy = Field(default_factory=Policy)

    @model_validator(mode="after")
    def _check_references(self) -> "Register":
        problems: list[tuple[str, str]] = []
        seen: dict[str, int] = {}
        for i, s in enumerate(self.skills):
            if s.id in seen:
                problems.append((f"skills[{i}].id", f"skill id '{s.id}' is used twice (also skills[{seen[s.id]}]): ids must be unique"))
            seen.setdefault(s.id, i)
        known = set(seen)
        people: dict[str, int] = {}
        for i, c in enumerate(self.clinicians):
            if c.id in people:
                problems.append((f"clinicians[{i}].id", f"clinician id '{c.id}' is used twice (also clinicians[{people[c.id]}]): ids must be unique"))
            people.setdefault(c.id, i)
            for sk in c.skills:
                if sk not in known:
                    problems.append((f"clinicians[{i}].skills.{sk}", f"unknown skill '{sk}': add it to the skills catalogue or fix the spelling{did_you_mean(sk, known)}"))
            dup = [s for s, n in Counter(c.partnership_slots).items() if n > 1]
            for s in dup:
                problems.append((f"clinicians[{i}].partnership_slots", f"slot {s:%Y-%m-%dT%H:%M} is listed twice"))
        if problems:
            raise reference_error(problems)
        return self

    # Look-ups, built once per register (registers are not changed after loading).
    @cached_property
    def clinicians_by_id(self) -> dict[str, Clinician]:
        return {c.id: c for c in self.clinicians}

    @cached_property
    def skills_by_id(self) -> dict[str, Skill]:
        return {s.id: s for s in self.skills}

    def clinician(self, cid: str) -> Clinician | None:
        return self.clinicians_by_id.get(cid)

    def skill_name(self, sid: str) -> str:
        s = self.skills_by_id.get(sid)
        return s.name if s else sid

    def free_slot_count(self) -> int:
        return sum(len(c.partnership_slots) for c in self.clinicians)
