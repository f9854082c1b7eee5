"""The coach's report: gates, scored parts and feedback points (quote, why, try instead), as JSON and Markdown."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NamedTuple

TRAINEE = "trainee"
FAMILY = "family"


class Line(NamedTuple):
    """One line of the practice conversation; `text` is as shown ("Mia: ..." for the family)."""

    who: str  # TRAINEE or FAMILY
    text: str
    stage: str = ""
    speaker: str = ""  # "trainee" or the family member's first name
    intent: str = "other"
    said: str = ""  # the words alone
    means: str | None = None
    fact: str | None = None
    question: str = ""  # open / closed / "" (trainee turns)
    reflection: bool = False  # the turn gave back the family's words or feeling (reflection.reflects)
    leading: bool = False  # a question that hands over the answer it expects

    @property
    def words(self) -> str:
        return self.said or self.text

    def as_json(self) -> dict[str, str]:
        return {"stage": self.stage, "speaker": self.speaker or self.who, "text": self.words, "intent": self.intent}


@dataclass(frozen=True)
class Feedback:
    """One feedback point: the trainee's words, why it matters in CAPA terms, and a better wording."""

    component: str
    quote: str
    why: str
    try_instead: str
    good: bool = False  # praise for something done well, rather than a change to make
    rank: int = 50  # how much it matters, lower first, when sooner than its part says (see coach.RANKS)
    omission: bool = False  # the quote only shows where something was left out; it is not itself the fault

    def as_json(self) -> dict[str, Any]:
        return {"component": self.component, "quote": self.quote, "why": self.why, "try_instead": self.try_instead,
                "good": self.good}


def Missing(component: str, quote: str, why: str, try_instead: str, **kw: Any) -> Feedback:  # noqa: N802 (reads as a kind of point)
    """A point about something left out: the quote only shows where (see Feedback.omission)."""
    return Feedback(component, quote, why, try_instead, omission=True, **kw)


@dataclass
class Part:
    """One scored part: 0-100, whether it reached its pass mark, and what was seen."""

    id: str
    title: str
    score: int
    weight: int
    pass_mark: int
    seen: list[str] = field(default_factory=list)
    applies: bool = True

    @property
    def passed(self) -> bool:
        return not self.applies or self.score >= self.pass_mark


@dataclass
class GateResult:
    """A safety gate and whether it was met (None: it does not apply here)."""

    id: str
    title: str
    passed: bool | None
    why: str


@dataclass
class Report:
    """The feedback on one practice appointment."""

    scenario_id: str
    scenario_title: str
    practises: str
    young_person: str
    gates: list[GateResult]
    parts: list[Part]
    feedback: list[Feedback]
    pass_mark: int
    transcript: list[Line] = field(default_factory=list)
    made_at: datetime = field(default_factory=datetime.now)

    @property
    def score(self) -> int:
        parts = [p for p in self.parts if p.applies]
        total = sum(p.weight for p in parts)
        return round(sum(p.score * p.weight for p in parts) / total) if total else 0

    @property
    def passed(self) -> bool:
        return all(g.passed is not False for g in self.gates) and self.score >= self.pass_mark

    def part(self, pid: str) -> Part:
        return next(p for p in self.parts if p.id == pid)

    def gate(self, gid: str) -> GateResult:
        return next(g for g in self.gates if g.id == gid)

    def points(self, component: str | None = None, good: bool | None = False) -> list[Feedback]:
        return [f for f in self.feedback if (component is None or f.component == component) and (good is None or f.good == good)]

    def as_json(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario_id, "date": self.made_at.isoformat(),
            "score": self.score, "passed": self.passed, "pass_mark": self.pass_mark,
            "gates": [{"id": g.id, "title": g.title, "passed": g.passed, "why": g.why} for g in self.gates],
            "components": {p.id: {"title": p.title, "score": p.score, "weight": p.weight, "pass_mark": p.pass_mark,
                                  "passed": p.passed, "applies": p.applies, "seen": p.seen} for p in self.parts},
            "feedback": [f.as_json() for f in self.feedback],
        }

    def markdown(self) -> str:
        verdict = "passed" if self.passed else "not passed yet"
        out = [f"# Training feedback: {self.scenario_title}", "",
               f"Scenario `{self.scenario_id}`, practising {self.practises[:1].lower()}{self.practises[1:]}",
               f"Young person: {self.young_person}. This was a practice appointment with a simulated family, "
               f"on {self.made_at:%d %B %Y at %H:%M}.", "",
               f"**Score: {self.score} / 100, {verdict}** (pass mark {self.pass_mark}, with every safety gate met).", "",
               "## Safety gates", ""]
        for g in self.gates:
            mark = "not needed here" if g.passed is None else ("met" if g.passed else "**missed**")
            out.append(f"- {g.title}: {mark}")
        out += ["", "## The rubric", ""]
        for p in self.parts:
            score = "not needed here" if not p.applies else f"{p.score} / 100" + ("" if p.passed else " (below its pass mark)")
            out.append(f"- **{p.title}** ({p.weight}%): {score}" + (f". {' '.join(p.seen)}" if p.seen else ""))
        todo = self.points()
        if todo:
            out += ["", "## What to change", ""]
            for n, f in enumerate(todo, 1):
                out += [f"{n}. You said {f.quote}", f"   - Why it matters: {f.why}", f"   - Try instead: \"{f.try_instead}\""]
        praise = self.points(good=True)
        if praise:
            out += ["", "## What went well", ""]
            out += [f"- {f.quote}: {f.why}" for f in praise]
        if self.transcript:
            out += ["", "## The conversation", ""]
            for line in self.transcript:
                who = "You" if line.who == TRAINEE else line.speaker or "Family"
                out.append(f"- **{who}** ({line.stage}): {' '.join(line.words.split())}")
        return "\n".join(out) + "\n"
