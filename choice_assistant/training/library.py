"""Finding scenarios: a file by path, or the bundled ones by id."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from choice_assistant.errors import InputError, did_you_mean
from choice_assistant.register.model import Register
from choice_assistant.training.lint import check_against_team
from choice_assistant.training.scenario import Scenario


def load_scenario(path: str | Path, register: Register | None = None) -> Scenario:
    """Read and validate a scenario file; with a register, also check the names it uses exist there."""
    from choice_assistant.yamlio import parse_yaml, read_text, validate_file

    text = read_text(path, "scenario")
    scenario = validate_file(Scenario, parse_yaml(text, path, "scenario"), path, text)
    scenario._source = Path(path)
    if register is not None:
        check_against_team(scenario, register, path, text)
    return scenario


def scenarios_dir() -> Path:
    from choice_assistant.resources import examples_dir

    return examples_dir() / "scenarios"


@lru_cache(maxsize=1)
def _bundled() -> tuple[Scenario, ...]:
    return tuple(sorted((load_scenario(p) for p in sorted(scenarios_dir().glob("*.yaml"))), key=lambda s: s.id))


def bundled_scenarios() -> list[Scenario]:
    """The scenarios shipped with the program, in order of id."""
    return list(_bundled())


def check_scenario(scenario: Scenario, register: Register, source: str | Path | None = None) -> None:
    """Check a loaded scenario against a team."""
    check_against_team(scenario, register, source or scenario.source)


def find_scenario(name: str, register: Register | None = None) -> Scenario:
    """A bundled scenario by id, or a scenario file by path; InputError when neither exists."""
    path = Path(name)
    if path.suffix in (".yaml", ".yml") or path.exists():
        return load_scenario(path, register)
    for scenario in bundled_scenarios():
        if scenario.id == name:
            if register is not None:
                check_scenario(scenario, register)
            return scenario
    hint = did_you_mean(name, [s.id for s in bundled_scenarios()])
    raise InputError(name, f"no training scenario has this id{hint}, and no file has this path: "
                           "see `choice-assistant train --list`, or give the path of a scenario file")
