"""What the coach reads: the record, the conversation with intents, what the family actually said, and the advice."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from choice_assistant.appointment.session import Session
from choice_assistant.register.model import Register
from choice_assistant.training.report import FAMILY, TRAINEE, Line
from choice_assistant.training.scenario import Scenario

_STOP = set("""a an and are as at be been but by can do does for from get got have has i i'd i'm in into is it
its just me my of on or our so than that the their them then there they this to too up us was we were what when
with without would you your he she his her him able more less some any all very really much want like again""".split())
_NUMBER_WORDS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10}


def content(text: str) -> set[str]:
    """The words that carry meaning, lower case, plural -s dropped."""
    out = set()
    for w in re.findall(r"[a-z0-9']+", text.lower().replace("\u2019", "'")):
        w = w.removesuffix("'s")
        if len(w) < 3 or w in _STOP:
            continue
        out.add(w[:-1] if len(w) > 4 and w.endswith("s") else w)
    return out


def overlap(recorded: str, source: str) -> float:
    """The share of the recorded text's meaningful words found in the source."""
    mine = content(recorded)
    return len(mine & content(source)) / len(mine) if mine else 0.0


def numbers(text: str) -> set[int]:
    """Whole numbers 0-10 said in digits or words."""
    found = {int(n) for n in re.findall(r"\b(\d{1,2})\b", text) if int(n) <= 10}
    return found | {v for w, v in _NUMBER_WORDS.items() if re.search(rf"\b{w}\b", text, re.I)}


def has_number(text: str) -> bool:
    return bool(re.search(r"\d", text)) or bool(numbers(text)) or bool(re.search(r"\b(only|single|half|most|many)\b", text, re.I))


def quote(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return f"\"{text if len(text) <= limit else text[: limit - 3] + '...'}\""


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
