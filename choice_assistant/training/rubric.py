"""The CAPA rubric as data (rubric.yaml): gates, weighted parts with pass marks, and what the coach looks for at each stage."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from choice_assistant.appointment.stages import stage


@dataclass(frozen=True)
class Gate:
    """A safety gate: missing it fails the practice appointment whatever the score."""

    id: str
    title: str
    why: str


@dataclass(frozen=True)
class Component:
    """One scored part of the rubric."""

    id: str
    title: str
    weight: int
    pass_mark: int
    why: str


@dataclass(frozen=True)
class Rubric:
    """The whole rubric: the overall pass mark, the gates and the parts."""

    pass_mark: int
    gates: tuple[Gate, ...]
    components: tuple[Component, ...]

    def component(self, cid: str) -> Component:
        return next(c for c in self.components if c.id == cid)

    def gate(self, gid: str) -> Gate:
        return next(g for g in self.gates if g.id == gid)


@lru_cache(maxsize=1)
def rubric() -> Rubric:
    """The rubric shipped with the program."""
    import yaml

    data = yaml.safe_load((Path(__file__).parent / "rubric.yaml").read_text(encoding="utf-8"))
    gates = tuple(Gate(g["id"], g["title"], g["why"]) for g in data["gates"])
    parts = tuple(Component(c["id"], c["title"], int(c["weight"]), int(c["pass"]), c["why"]) for c in data["components"])
    return Rubric(int(data["pass_mark"]), gates, parts)


def looks_for(stage_id: str) -> str | None:
    """What the coach looks for at this stage (from the stage table; None: nothing)."""
    return stage(stage_id).looks_for
