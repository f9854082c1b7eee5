"""The team-editable word lists: the introduction's phrase bank and the options catalogue.

    phrase_bank() -> list[Phrase]                prompts/introduction.yaml
    options_catalogue() -> list[OptionEntry]     prompts/options.yaml
    check_catalogue(catalogue, register) -> list[Problem]   team options whose skill the team lacks

Every problem is an InputError naming the file and line. Files are re-read when they change.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, StringConstraints, model_validator

from choice_assistant.errors import Problem
from choice_assistant.register.model import Id, Level, Register, Strict, reference_error
from choice_assistant.resources import prompts_dir
from choice_assistant.yamlio import parse_yaml, read_text, validate_file

PHRASES_FILE = "introduction.yaml"
OPTIONS_FILE = "options.yaml"
OWNER_WORDS = {"young_person": "the young person", "parent_carer": "parent or carer", "family": "the family", "other": "someone else"}
# Ways of working that need no team skill: the family's own strengths, self-help, school or
# network, another agency, or no further service.
NON_TEAM_APPROACHES: tuple[str, ...] = ("family_strengths", "self_help", "school_network", "other_agency", "no_further_service")
NON_TEAM_OPTIONS = NON_TEAM_APPROACHES

Words = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=600)]


class Phrase(Strict):
    """One team-agreed thing to say in the introduction; `required` ones must be ticked to move on."""

    id: Id
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
    text: Words
    required: bool = False


class PhraseBank(Strict):
    phrases: list[Phrase] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> "PhraseBank":
        seen: set[str] = set()
        dup = [(f"phrases[{i}].id", f"phrase id '{p.id}' is used twice: ids must be unique") for i, p in enumerate(self.phrases)
               if p.id in seen or seen.add(p.id)]
        if dup:
            raise reference_error(dup)
        return self


class OptionEntry(Strict):
    """A way of working towards a goal. Team options name the skill and level they need."""

    id: Id
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
    family_description: Words
    skill: Id | None = None
    level: Level | None = None
    typical_goals: list[Words] = Field(default_factory=list)
    team: bool = True

    @model_validator(mode="after")
    def _skill_matches_team(self) -> "OptionEntry":
        if self.team and (self.skill is None or self.level is None):
            raise reference_error([("skill", "a team option needs a skill and a level (core or specific); set team: false for options outside the team")])
        if not self.team and self.skill is not None:
            raise reference_error([("skill", "an option outside the team needs no team skill: remove skill, or set team: true")])
        return self


class OptionsCatalogue(Strict):
    options: list[OptionEntry] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> "OptionsCatalogue":
        seen: set[str] = set()
        dup = [(f"options[{i}].id", f"option id '{o.id}' is used twice: ids must be unique") for i, o in enumerate(self.options)
               if o.id in seen or seen.add(o.id)]
        if dup:
            raise reference_error(dup)
        return self


# -- loading, re-read when a file changes ----------------------------------------------------

_cache: dict[tuple[str, Path], tuple[int, Any]] = {}


def _load_cached(path: Path, model: type, what: str) -> Any:
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        stamp = -1
    key = (what, path)
    hit = _cache.get(key)
    if hit and hit[0] == stamp:
        return hit[1]
    text = read_text(path, what)
    value = validate_file(model, parse_yaml(text, path, what), path, text)
    _cache[key] = (stamp, value)
    return value


def prompts_root(root: Path | None) -> Path:
    if root is not None:
        return Path(root)
    return prompts_dir()


def phrase_bank(root: Path | None = None) -> list[Phrase]:
    """The introduction's phrases, in the order to say them."""
    return list(_load_cached(prompts_root(root) / PHRASES_FILE, PhraseBank, "phrase bank").phrases)


def options_catalogue(root: Path | None = None) -> list[OptionEntry]:
    """The ways of working the family can choose from, team and non-team."""
    return list(_load_cached(prompts_root(root) / OPTIONS_FILE, OptionsCatalogue, "options catalogue").options)


def check_catalogue(catalogue: list[OptionEntry], register: Register) -> list[Problem]:
    """Team options that need a skill missing from the register's catalogue."""
    return [
        Problem(f"options[{i}].skill", f"option '{o.id}' needs skill '{o.skill}', which {register.team}'s register does not list: "
                                        "add the skill to the register or fix the option")
        for i, o in enumerate(catalogue)
        if o.team and o.skill not in register.skills_by_id
    ]


