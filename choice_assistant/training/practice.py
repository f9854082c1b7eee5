"""Training mode in the domain: a trainee's practice appointment with a simulated family, and scripted runs.

Public API (what the training screens call):
    briefing(scenario, register) -> str  what the trainee knows before the appointment (Markdown): who is
                                         coming, who referred them, whose role they play; never the hidden wishes
    training_store_path() -> Path        a fresh, private journal file for one practice appointment,
                                         so practice never touches the real journal or books a real slot
    TrainingRun.start(scenario, register, store, now=None) -> TrainingRun   a new practice appointment
    TrainingRun(scenario, appointment)   wrap an Appointment the screens already made

        run.appointment                  the live Appointment (record goals, risk, ... as usual)
        run.stage                        its current stage
        run.open_stage() -> str | None   the family's opening words for the current stage, added to the
                                         transcript the first time the stage is shown (None: nothing)
        run.say(text) -> str | None      the trainee's words: both they and the family's answer go in
                                         the transcript; returns the answer (None when nothing to say)
        run.why() -> str                 the coach's "why this matters" for the current stage
        run.recommendation() -> Recommendation | None   keep-or-transfer advice for the case so far
        run.transcript -> list[Line]     the conversation so far
        run.report() -> Report           the feedback (callable at any time; usually once closed)
    save_report(report, folder=None) -> Path   the report as Markdown in the data directory's training folder

    play(scenario, register, store, style="good" | "poor") -> TrainingRun
    script(run, style="good" | "poor") -> Iterator[Say | Move]   the same scripted trainee one step at a time,
        for a caller that carries out each Say(text) and Move(trigger, to) itself (the screens' tests do)
        a scripted trainee: "good" follows CAPA; "poor" apologises for a transfer, writes goals in
        clinical words with made-up ratings, records risk as "none", offers one option per goal,
        assumes the family's preference and picks the clinician with the earliest free slot.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Iterator, NamedTuple

from choice_assistant.appointment.booking import free_slots
from choice_assistant.training.coach import (
    FAMILY,
    TRAINEE,
    Line,
    Report,
    eligibility_gaps,
    feedback,
    hard_needs,
    scarcity_cautions,
    why_this_matters,
)
from choice_assistant.register.model import Register
from choice_assistant.training.scenario import ANY_SKILL_ELIGIBLE, Scenario
from choice_assistant.training.family import opening, reply
from choice_assistant.journal.port import Store
from choice_assistant.appointment import Appointment


def briefing(scenario: Scenario, register: Register) -> str:
    """What the trainee knows before the practice appointment starts, as a referral would tell it."""
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
    lines += ["", "The family is simulated: type what you would say, and they answer. "
                  "Record what you hear as you would in a real appointment. This is practice: nothing is saved "
                  "among real sessions and no real appointment is booked."]
    return "\n".join(lines) + "\n"


def training_store_path() -> Path:
    """A new journal file for one practice appointment, in a private temporary folder."""
    import tempfile

    return Path(tempfile.mkdtemp(prefix="choice-assistant-training-")) / "practice.sqlite3"


class TrainingRun:
    """A trainee working through a scenario: the appointment, the conversation and the coach."""

    def __init__(self, scenario: Scenario, appointment: Appointment):
        self.scenario = scenario
        self.appointment = appointment
        self.transcript: list[Line] = []
        self._opened: set[str] = set()

    @classmethod
    def start(cls, scenario: Scenario, register: Register, store: Store, now: datetime | None = None) -> "TrainingRun":
        appointment = Appointment.new(store, register, scenario.choice_clinician, now=now or scenario.when)
        return cls(scenario, appointment)

    @property
    def stage(self) -> str:
        return self.appointment.state

    def open_stage(self) -> str | None:
        stage = self.stage
        if stage in self._opened:
            return None
        self._opened.add(stage)
        words = opening(self.scenario, stage)
        if words:
            self.transcript.append(Line(FAMILY, words, stage))
        return words

    def say(self, text: str) -> str | None:
        if not text.strip():
            return None
        stage = self.stage
        self.transcript.append(Line(TRAINEE, text.strip(), stage))
        answer = reply(self.scenario, stage, text)
        if answer:
            self.transcript.append(Line(FAMILY, answer, stage))
        return answer

    def why(self) -> str:
        return why_this_matters(self.stage)

    def recommendation(self):
        from choice_assistant.errors import InputError
        from choice_assistant.matching.recommend import recommend

        try:
            return recommend(self.appointment.register, self.appointment.case(), now=self.appointment.now())
        except InputError:
            return None

    def report(self) -> Report:
        self.appointment.flush()
        return feedback(self.scenario, self.appointment.export(), self.transcript, self.recommendation(),
                        register=self.appointment.register, phrases_said=self.appointment.phrases_said)


def save_report(report: Report, folder: Path | None = None, now: datetime | None = None) -> Path:
    """Write the report as Markdown; returns the file's path (never overwrites an earlier report)."""
    if folder is None:
        from choice_assistant.resources import data_dir

        folder = data_dir() / "training"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = f"{now or datetime.now():%Y%m%d-%H%M%S}"
    path = folder / f"{report.scenario_id}-{stamp}.md"
    n = 1
    while path.exists():
        n += 1
        path = folder / f"{report.scenario_id}-{stamp}-{n}.md"
    path.write_text(report.markdown(), encoding="utf-8")
    return path


# -- scripted trainees ------------------------------------------------------------------------------

class Say(NamedTuple):
    """A scripted trainee's words to the family."""

    text: str


class Move(NamedTuple):
    """A scripted trainee moving on: the workflow trigger, and the stage it must lead to."""

    trigger: str
    to: str


def script(run: TrainingRun, style: str = "good") -> Iterator[Say | Move]:
    """A scripted trainee, one step at a time: what they say and when they move on are yielded for the caller
    to carry out (directly, or through the screens); what they record is recorded on `run.appointment` as it goes."""
    if style not in ("good", "poor"):
        raise ValueError("style must be 'good' or 'poor'")
    return (_good if style == "good" else _poor)(run)


def play(scenario: Scenario, register: Register, store: Store, style: str = "good", now: datetime | None = None) -> TrainingRun:
    """Drive a practice appointment through the scenario as a good or a poor trainee would."""
    run = TrainingRun.start(scenario, register, store, now)
    run.open_stage()
    for step in script(run, style):
        if isinstance(step, Say):
            run.say(step.text)
        else:
            a = run.appointment
            if not getattr(a, step.trigger)():
                raise AssertionError(f"could not leave {a.state}: {a.missing(step.trigger)}")
            assert a.state == step.to, a.state
            run.open_stage()
    return run


def _good(run: TrainingRun) -> Iterator[Say | Move]:
    s, a = run.scenario, run.appointment
    yield Say("Welcome, and thank you for coming. Today is about understanding what is going on and what you would like "
            "to be different. After today you will usually see the person in our team whose skills best fit your goals, "
            "and we will ask what you would prefer.")
    for p in a.phrases:
        a.tick_phrase(p.id)
    yield Move("next", "curiosity")
    a.set_text("young_person", s.young_person.name)
    if s.young_person.age is not None:
        a.set_young_person(age=s.young_person.age)
    a.set_family([m.model_dump() for m in s.family])
    yield Say("What worries you most at the moment?")
    a.set_text("concerns", s.concerns)
    yield Say("Can you tell me a bit about the background, and how things are at home and at school?")
    a.set_text("background", s.background)
    yield Say("What is going well? What are you good at, and who helps you?")
    a.set_text("strengths", s.strengths)
    yield Say("Is there anything we should know to help us work with you, like language or who you would feel comfortable with?")
    needs = s.wishes.needs
    if needs.gender or needs.language or needs.cultural_background:
        a.set_preferences(gender=needs.gender, language=needs.language,
                          cultural_background=needs.cultural_background, required=needs.required)
    yield Say("I ask everyone this: does anyone feel unsafe, or has anyone had thoughts of hurting themselves?")
    a.set_text("risk", s.risk)
    yield Move("next", "goals")
    yield Say("What would you like to be different? What are your goals?")
    yield Say("On a scale of 0 to 10, where are things now?")
    for g in s.goals:
        a.add_goal(g.text, g.owner, g.rating)
    yield Move("next", "formulation")
    yield Say("Here is what I have understood so far. Does that fit with how you see it?")
    a.set_text("formulation", f"Together we understood: {s.concerns}")
    yield Move("next", "options")
    yield Say("There are several ways we could work on each goal. Which of these would you like to try?")
    for n, g in enumerate(s.goals, 1):
        for approach in dict.fromkeys([g.approach, *g.alternatives, "self_help"]):
            a.add_option(n, approach)
    yield Move("next", "choice_point")
    yield Say("So which way of working would you like to choose, and what could you try before we meet again?")
    for n, g in enumerate(s.goals, 1):
        a.agree_option(n, g.approach)
    a.set_things_to_try(list(s.things_to_try))
    if s.wishes.no_partnership:
        yield Move("no_partnership", "letters")
        yield from _finish(run)
        return
    yield from _agree_something_the_team_offers(run)
    yield Move("next", "allocation")
    yield from _allocate_well(run)
    yield from _finish(run)


def _eligible_ids(run: TrainingRun, rec) -> list[str]:
    a = run.appointment
    needs = [(n.skill, n.level) for n in rec.needed_skills]
    hard = hard_needs(run.scenario, a.export())
    return [c.id for c in a.register.clinicians if not eligibility_gaps(a.register, c.id, needs, hard)]


def _agree_something_the_team_offers(run: TrainingRun) -> Iterator[Say | Move]:
    """When nobody in the team offers what the family chose, say so and agree the next option they would consider."""
    a, s = run.appointment, run.scenario
    rec = run.recommendation()
    if rec is not None and _eligible_ids(run, rec):
        return
    chosen = ", ".join(dict.fromkeys(a.catalogue[g.approach].title for g in s.goals if g.approach in a.catalogue))
    yield Say(f"I want to be honest with you: nobody in our team offers {chosen} at the level it needs. "
            "There are other ways we could work on this goal. What do you think of those?")
    for n, g in enumerate(s.goals, 1):
        for alternative in g.alternatives:
            a.agree_option(n, alternative)
            rec = run.recommendation()
            if rec is not None and rec.needed_skills and _eligible_ids(run, rec):
                return
    raise AssertionError(f"scenario {s.id}: no alternative the family would consider is offered by the team")


def _allocate_well(run: TrainingRun) -> Iterator[Say | Move]:
    a, s = run.appointment, run.scenario
    rec = run.recommendation()
    assert rec is not None
    eligible = _eligible_ids(run, rec)
    acceptable = s.good_outcome.clinicians
    me = a.session.choice_clinician
    others = [c for c in eligible if c != me and (acceptable == ANY_SKILL_ELIGIBLE or c in acceptable)
              and free_slots(a.register, a.store, c, a.now())]
    ranked = [c.clinician for c in rec.transfer if c.clinician in others] + others
    best = ranked[0] if ranked else None
    keep_ok = rec.keep.eligible and me in eligible
    reasons = [r for r, on in (("disclosure", s.wishes.disclosure), ("network_work", s.wishes.network_work),
                               ("client_preference", s.wishes.wants_to_keep)) if on]
    a.set_keep_reasons(reasons)
    offer = f"The person in our team whose skills best fit your goals is {a.register.clinician(best).name}." if best else ""
    if keep_ok:
        offer += " I have those skills too, so you could also stay with me."
    yield Say(offer + " What would you prefer?")
    if keep_ok and s.wishes.wants_to_keep and scarcity_cautions(rec):
        yield Say("I should be honest about one thing: I am one of only a few people in the team with some skills that "
                "other families may need, so if I keep working with you I am less available to them. "
                "It is still your choice.")
    wants = "keep" if s.wishes.wants_to_keep and keep_ok else "transfer"
    a.set_client_wants(wants)
    if wants == "keep":
        a.choose("keep")
    else:
        assert best is not None, f"scenario {s.id}: nobody skill-eligible has a free slot"
        a.choose("transfer", best)
    yield Move("next", "booking")
    yield Say("Let's find a time for the next appointment. Which days suit you?")
    a.book(a.free_slots()[0])
    yield Move("next", "letters")


def _finish(run: TrainingRun) -> Iterator[Say | Move]:
    a = run.appointment
    assert a.state == "letters", a.state
    yield Say("We will send you a letter in plain words with what we agreed today. Would you like a copy sent to your GP?")
    a.set_consent(copy_to_gp=True)
    yield Move("next", "closed")


def _poor(run: TrainingRun) -> Iterator[Say | Move]:
    s, a = run.scenario, run.appointment
    yield Say("Hello. Just so you know, I'm sorry but after today you'll probably be passed on to someone else.")
    for p in a.phrases:
        if p.required:
            a.tick_phrase(p.id)
    yield Move("next", "curiosity")
    a.set_text("young_person", s.young_person.name)
    yield Say("So what's the problem?")
    a.set_text("concerns", s.concerns)
    a.set_text("risk", "none")
    yield Move("next", "goals")
    yield Say("Right, I'll put down some goals for you.")
    swap = {"young_person": "parent_carer", "parent_carer": "young_person", "family": "young_person", "other": "young_person"}
    for n, g in enumerate(s.goals, 1):
        a.add_goal(f"Reduce symptoms and improve functioning ({n})", swap[g.owner], 5)
    yield Move("next", "formulation")
    a.set_text("formulation", "Difficulties as described in the referral.")
    yield Move("next", "options")
    for n, g in enumerate(s.goals, 1):
        approach = g.approach if a.is_team_option(g.approach) else "cbt"
        a.add_option(n, approach)
        a.agree_option(n, approach)
    yield Say("I think therapy with us is what you need.")
    yield Move("next", "choice_point")
    yield Move("next", "allocation")
    yield Say("I'm sorry, I have to transfer you to a colleague.")
    a.set_client_wants("transfer")
    me = a.session.choice_clinician
    soonest = sorted((slots[0], c.id) for c in a.register.clinicians
                     if c.id != me and (slots := free_slots(a.register, a.store, c.id, a.now())))
    a.choose("transfer", soonest[0][1])
    yield Move("next", "booking")
    a.book(soonest[0][0])
    yield Move("next", "letters")
    yield Move("next", "closed")
