"""A practice appointment: the live appointment, the simulated family's conversation, the coach, and saved reports."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

from choice_assistant import files
from choice_assistant.appointment import Appointment
from choice_assistant.errors import InputError
from choice_assistant.journal.port import Store
from choice_assistant.register.model import Register
from choice_assistant.resources import data_dir
from choice_assistant.training.coach import feedback, why_this_matters
from choice_assistant.training.family import Family, Said
from choice_assistant.training.report import FAMILY, TRAINEE, Line, Report
from choice_assistant.training.scenario import Scenario


def briefing(scenario: Scenario, register: Register) -> str:
    """What the trainee knows before the practice appointment starts, as a referral would tell it; never hidden facts."""
    yp = scenario.young_person
    who = yp.name + (f" ({yp.age})" if yp.age is not None else "") + (f", {yp.pronouns}" if yp.pronouns else "")
    family = "; ".join(f"{m.name}, {m.relation}" for m in scenario.family) or "no one else"
    me = register.clinician(scenario.choice_clinician)
    lines = [f"# Practice: {scenario.title}", "", f"You are practising: {scenario.practises}", "",
             f"- Young person: {who}", f"- Coming with them: {family}"]
    if scenario.referrer is not None:
        r = scenario.referrer
        lines.append(f"- Referred by: {', '.join(x for x in (r.name, r.role, r.organisation) if x)}")
    if me is not None:
        lines.append(f"- You are {me.name} ({me.role}), seeing them for their Choice appointment")
    lines += ["", "The family is simulated: type what you would say, and the person you speak to answers (name them to "
                  "speak to one person). They remember what you said, open up when you listen well, and close up when "
                  "they feel assumed about. Record what you hear as you would in a real appointment. Nothing is saved "
                  "among real sessions and no real appointment is booked."]
    return "\n".join(lines) + "\n"


def practice_register(register: Register, today: date) -> Register:
    """A copy of the team for practice, its diary moved forward by whole weeks to start this week (as the demo team's
    is); the team's own register is never changed."""
    from choice_assistant.register.demo import follow_today

    return follow_today(register.model_copy(deep=True), today)


def training_store_path() -> Path:
    """A new journal file for one practice appointment, in a private temporary folder."""
    import tempfile

    return Path(tempfile.mkdtemp(prefix="choice-assistant-training-")) / "practice.sqlite3"


class TrainingRun:
    """A trainee working through a scenario: the appointment, the family and the conversation, and the coach."""

    def __init__(self, scenario: Scenario, appointment: Appointment, seed: int | None = None):
        self.scenario = scenario
        self.appointment = appointment
        self.family = Family(scenario, seed)
        self.transcript: list[Line] = []

    @classmethod
    def start(cls, scenario: Scenario, register: Register, store: Store, now: datetime | None = None,
              seed: int | None = None) -> "TrainingRun":
        """Practice today (or at `now`, when a test fixes the clock), on a copy of the team whose diary follows that
        date, so the slots offered lie ahead and "weeks away" is counted from the day of practice."""
        today = (now or datetime.now()).date()
        appointment = Appointment.new(store, practice_register(register, today), scenario.choice_clinician, now=now)
        return cls(scenario, appointment, seed)

    @property
    def stage(self) -> str:
        return self.appointment.state

    def _add(self, said: list[Said], stage: str) -> None:
        for s in said:
            self.transcript.append(Line(FAMILY, f"{s.name}: {s.text}", stage, s.name, s.intent, s.text, s.means, s.fact))

    def open_stage(self) -> str | None:
        """The family's opening words for the current stage, the first time it is shown (None: nothing)."""
        said = self.family.opening(self.stage)
        self._add(said, self.stage)
        return " ".join(f"{s.name}: {s.text}" for s in said) or None

    def say(self, text: str) -> str | None:
        """The trainee's words; the family's answer goes in the transcript and is returned."""
        if not text.strip():
            return None
        stage = self.stage
        answer = self.family.respond(stage, text)
        h = answer.heard
        words = " ".join(text.split())
        self.transcript.append(Line(TRAINEE, words, stage, TRAINEE, h.intent, words, None, None, h.question, h.reflection,
                                    h.leading))
        self._add(answer.lines, stage)
        return " ".join(f"{s.name}: {s.text}" for s in answer.lines) or None

    def why(self) -> str:
        return why_this_matters(self.stage)

    def recommendation(self):
        try:
            return self.appointment.recommendation()
        except InputError:
            return None

    def report(self) -> Report:
        self.appointment.flush()
        return feedback(self.scenario, self.appointment.export(), self.transcript, self.recommendation(),
                        register=self.appointment.register, told=self.family.told,
                        phrases_said=self.appointment.phrases_said)


def reports_dir() -> Path:
    return data_dir() / "training"


def save_report(report: Report, folder: Path | None = None) -> Path:
    """Write the report as Markdown, with its scores beside it as JSON for `train progress`; named by the real date
    and time it was made (never the scenario's appointment date). Returns the Markdown file's path; never overwrites."""
    folder = folder or reports_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    stamp = f"{report.made_at:%Y-%m-%d-%H%M%S}"
    base = folder / f"{stamp}-{report.scenario_id}.md"
    path, scores = files.unused_paths([base, base.with_suffix(".json")])
    files.write_new_file(path, report.markdown(), "practice report")
    data = report.as_json()
    data.pop("feedback", None)
    files.write_new_file(scores, json.dumps(data, indent=1), "practice report")
    return path


