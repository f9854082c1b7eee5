"""What the coach reads: the record, the conversation with intents, what the family actually said, and the advice."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from choice_assistant.appointment.session import Session
from choice_assistant.register.model import Register
from choice_assistant.training.report import FAMILY, TRAINEE, Line
from choice_assistant.training.scenario import Scenario
from choice_assistant.training.words import content, has_number, numbers, overlap, quote  # noqa: F401 - read through here too

@dataclass
class Evidence:
    """Everything one report is judged on."""

    scenario: Scenario
    session: Session
    lines: list[Line]
    register: Register
    recommendation: Any = None
    told: list[str] = field(default_factory=list)
    phrases_said: dict[str, bool] = field(default_factory=dict)

    def trainee(self, *stages: str, intent: str | None = None) -> list[Line]:
        return [ln for ln in self.lines if ln.who == TRAINEE and (not stages or ln.stage in stages)
                and (intent is None or ln.intent == intent)]

    def family(self, *stages: str) -> list[Line]:
        return [ln for ln in self.lines if ln.who == FAMILY and (not stages or ln.stage in stages)]

    def family_words(self, *stages: str) -> str:
        return "\n".join(ln.words for ln in self.family(*stages))

    def asked(self, intent: str) -> list[Line]:
        return self.trainee(intent=intent)

    def last_said(self, *stages: str) -> str:
        """The trainee's last words at these stages (or anywhere), for a quote when something was left out."""
        said = self.trainee(*stages) or self.trainee()
        return said[-1].words if said else ""

    def family_before(self, line: Line, count: int = 3) -> list[str]:
        """The family's last few lines before one trainee turn: what a reflection would give back."""
        i = self.lines.index(line)
        return [ln.words for ln in self.lines[:i] if ln.who == FAMILY][-count:]

    def reflections(self) -> list[Line]:
        """The trainee turns that really reflected what the family had just said (their words or their feeling)."""
        from choice_assistant.training.reflection import reflects

        names = [self.scenario.name_of(p) for p in self.scenario.member_ids()]
        return [t for t in self.trainee() if reflects(t.words, self.family_before(t), names)]

    def risk_questions(self) -> tuple[list[Line], list[Line]]:
        """The trainee's risk questions, as (asked plainly, asked leadingly)."""
        from choice_assistant.training.intents import leading

        asked = self.asked("risk")
        lead = [t for t in asked if t.leading or (t.question and leading(t.words))]
        return [t for t in asked if t not in lead], lead

    def offer_words(self) -> str:
        """Better words for the choice of clinician, naming whom this appointment's advice names (as the screen
        shows it): the suggested colleague, and staying only when staying is an option."""
        rec = self.recommendation
        best = rec.candidate(rec.suggested) if rec is not None and rec.suggested else None
        name = best.name.split()[0] if best is not None else None
        keep = rec is not None and bool(rec.keep.eligible)
        if name and keep:
            return (f"The colleague whose skills fit your goals best is {name}, and I have those skills too, so you "
                    "could stay with me. What would you prefer?")
        if name:
            return f"The person in our team whose skills fit your goals best is {name}. How would you feel about seeing {name}?"
        if keep:
            return "I have the skills your goals need, so you could carry on with me, or see a colleague. What would you prefer?"
        return ("The next person you see will be the one in our team whose skills fit your goals best. What matters "
                "to you about who that is?")

    def answer_after(self, line: Line) -> list[Line]:
        """The family's lines straight after one trainee turn."""
        i = self.lines.index(line)
        out = []
        for ln in self.lines[i + 1:]:
            if ln.who != FAMILY:
                break
            out.append(ln)
        return out
