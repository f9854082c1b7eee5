"""The one eligibility rule: every needed skill at the needed level or above, and every hard need met."""

from __future__ import annotations

from typing import Iterable, Mapping, Union

from pydantic import BaseModel, ConfigDict, Field

from choice_assistant.register.model import Clinician, Level
from choice_assistant.wording.languages import language_code

HARD_ATTRIBUTES: tuple[str, ...] = ("gender", "language", "cultural_background")


class SkillNeed(BaseModel):
    """A skill at a level: an item of `needed_skills`, and of a candidate's `missing_skills`."""

    model_config = ConfigDict(extra="forbid")

    skill: str = Field(description="skill id from the register's catalogue")
    level: Level = Field(description="core or specific; specific covers core")


NeedLike = Union[SkillNeed, tuple[str, Union[Level, str]]]


def as_need(need: NeedLike) -> SkillNeed:
    """A SkillNeed from a SkillNeed or a (skill id, level) pair."""
    if isinstance(need, SkillNeed):
        return need
    skill, level = need
    return SkillNeed(skill=skill, level=Level(level))


def norm(value: str | None) -> str | None:
    """Attributes are compared case-insensitively, ignoring surrounding spaces; blank is no value."""
    if value is None:
        return None
    value = value.strip().lower()
    return value or None


def attribute_key(attr: str, value: str | None) -> str | None:
    """The comparable form of a gender, language or cultural background (languages by code)."""
    return language_code(value) if attr == "language" else norm(value)


def clinician_languages(clinician: Clinician) -> frozenset[str]:
    """The codes of the languages a clinician speaks, however the register wrote them."""
    return frozenset(x for x in (language_code(v) for v in clinician.languages) if x)


def meets(clinician: Clinician, attr: str, value: str | None) -> bool:
    """Whether a clinician meets one hard need (attribute and value as the family gave it)."""
    want = attribute_key(attr, value)
    if want is None:
        return True
    if attr == "language":
        return want in clinician_languages(clinician)
    if attr not in HARD_ATTRIBUTES:
        raise ValueError(f"unknown hard need {attr!r}: use one of {', '.join(HARD_ATTRIBUTES)}")
    return norm(getattr(clinician, attr)) == want


def missing_skills(clinician: Clinician, needs: Iterable[NeedLike]) -> list[SkillNeed]:
    """The needed skills a clinician does not hold at the needed level (specific covers core)."""
    out = []
    for need in map(as_need, needs):
        held = clinician.skills.get(need.skill)
        if held is None or not held.covers(need.level):
            out.append(need)
    return out


def unmet_needs(clinician: Clinician, hard: Mapping[str, str]) -> list[str]:
    """The hard needs (among gender, language, cultural_background) a clinician does not meet."""
    return [attr for attr, value in hard.items() if not meets(clinician, attr, value)]


def is_eligible(clinician: Clinician, needs: Iterable[NeedLike], hard: Mapping[str, str]) -> bool:
    """Holds every needed skill at the needed level and meets every hard need."""
    return not missing_skills(clinician, needs) and not unmet_needs(clinician, hard)
