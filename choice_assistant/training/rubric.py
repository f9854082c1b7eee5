"""The CAPA rubric as data (rubric.yaml): gates, weighted parts with pass marks, and what the coach looks for at each stage."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


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


_LOOKS_FOR = {
    "introduction": "The coach listens for the next step described as chosen by skill and by the family's preference, "
                    "said warmly and up front, with no apology or talk of handing over.",
    "curiosity": "The coach counts open questions and reflections, checks you asked about worries, background, strengths "
                 "and safety in your own words, and that the safety answer is recorded as the family gave it.",
    "goals": "The coach compares the goals you record with the family's own words, and the ratings with the numbers "
             "they said when you asked.",
    "formulation": "The coach looks for your honest opinion in plain words, and for you checking it fits with the family.",
    "options": "The coach looks for more than one way forward per goal, including ones outside the team.",
    "choice_point": "The coach looks for agreed ways of working, things to try meanwhile, and whether Partnership is needed.",
    "allocation": "The coach checks you asked what the family prefer before recording it, that the record matches what "
                  "they said, that the clinician holds the skills (never chosen by profession), and that any scarcity "
                  "was explained with numbers.",
    "booking": "The coach looks for the next appointment booked with the clinician you named.",
    "letters": "The coach looks for copies agreed with the family and the letter's contents in place: goals, choices "
               "and things to try.",
}


def looks_for(stage: str) -> str | None:
    """What the coach looks for at this stage, for the stage table and the coach's panel (None: nothing)."""
    return _LOOKS_FOR.get(stage)
