"""Practice by script: a trainee's turns from a YAML list ({stage, say}, {record}, {next}) played without the screens."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from choice_assistant.appointment import WorkflowError
from choice_assistant.errors import InputError, Problem
from choice_assistant.journal import open_journal
from choice_assistant.register.model import Register
from choice_assistant.training.practice import TrainingRun, training_store_path
from choice_assistant.training.scenario import SCENARIO_STAGES, Scenario
from choice_assistant.yamlio import parse_yaml, read_text

TEXT = ("concerns", "background", "strengths", "network", "risk", "formulation")
FIELDS = TEXT + ("young_person", "family", "referrer", "consent", "safety", "goals", "options_discussed", "things_to_try",
                 "preferences", "keep_reasons", "client_wants", "outcome", "private_notes", "phrases")
TRIGGERS = ("next", "no_partnership", "choice_plus", "back")


def read_script(path: str | Path) -> list[dict[str, Any]]:
    """The turns of a script file, checked for shape; InputError naming the turn otherwise."""
    data = parse_yaml(read_text(path, "script"), path, "script")
    return check_turns(data, path)


def check_turns(data: Any, source: str | Path | None = "script") -> list[dict[str, Any]]:
    """Each turn is {stage, say}, {say}, {record: {FIELD: VALUE}} or {next: true | TRIGGER}."""
    if not isinstance(data, list):
        raise InputError(source, "a script is a list of turns, each {stage: STAGE, say: \"...\"}, {record: {...}} or {next: true}")
    problems = []
    for i, turn in enumerate(data):
        place = f"turns[{i}]"
        if not isinstance(turn, dict) or not turn:
            problems.append(Problem(place, "a turn is a mapping: {stage, say}, {record} or {next}"))
            continue
        keys = set(turn)
        if keys <= {"stage", "say"} and "say" in keys:
            if "stage" in turn and turn["stage"] not in SCENARIO_STAGES:
                problems.append(Problem(f"{place}.stage", f"'{turn['stage']}' is not a stage: use one of {', '.join(SCENARIO_STAGES)}"))
            if not isinstance(turn["say"], str):
                problems.append(Problem(f"{place}.say", "say what the trainee says, as text"))
        elif keys == {"record"}:
            rec = turn["record"]
            if not isinstance(rec, dict):
                problems.append(Problem(f"{place}.record", "record a mapping of field: value"))
                continue
            for name in rec:
                if name not in FIELDS:
                    problems.append(Problem(f"{place}.record.{name}", f"not a field that can be recorded: use {', '.join(FIELDS)}"))
        elif keys == {"next"}:
            if turn["next"] is not True and turn["next"] not in TRIGGERS:
                problems.append(Problem(f"{place}.next", f"use next: true, or one of {', '.join(TRIGGERS)}"))
        elif keys == {"stage"}:
            if turn["stage"] not in SCENARIO_STAGES:
                problems.append(Problem(f"{place}.stage", f"'{turn['stage']}' is not a stage"))
        else:
            problems.append(Problem(place, f"unexpected keys {', '.join(sorted(map(str, keys)))}: a turn is {{stage, say}}, {{record}} or {{next}}"))
    if problems:
        raise InputError(source, problems)
    return data


def play_script(scenario: Scenario, register: Register, turns: list[dict[str, Any]], *, store=None,
                seed: int | None = None, source: str | Path | None = "script", now: datetime | None = None) -> TrainingRun:
    """Play the turns against the scenario's family in a private practice journal, today (or at `now`); the run
    holds the transcript. The family engine's model is loaded here, before the first turn (InputError if it cannot be)."""
    from choice_assistant.training.meaning import meaning

    meaning()
    if store is None:
        store = open_journal(f"sqlite:///{training_store_path()}")
    run = TrainingRun.start(scenario, register, store, now=now, seed=seed)
    run.open_stage()
    for i, turn in enumerate(check_turns(turns, source)):
        try:
            _play(run, turn)
        except WorkflowError as exc:
            raise InputError(source, str(exc), place=f"turns[{i}]") from None
        except (ValueError, TypeError) as exc:
            raise InputError(source, f"cannot record this: {exc}", place=f"turns[{i}]") from None
    return run


def _move_to(run: TrainingRun, stage: str) -> None:
    a = run.appointment
    if stage != a.state and not a.goto(stage):
        raise WorkflowError(f"cannot move to {stage} from {a.state}: " + "; ".join(a.missing("next") or ["not reachable"]))
    run.open_stage()


def _play(run: TrainingRun, turn: dict[str, Any]) -> None:
    a = run.appointment
    if "say" in turn or set(turn) == {"stage"}:
        if "stage" in turn:
            _move_to(run, turn["stage"])
        if "say" in turn:
            run.say(turn["say"])
    elif "next" in turn:
        trigger = "next" if turn["next"] is True else turn["next"]
        if not getattr(a, trigger)():
            raise WorkflowError(f"cannot {trigger.replace('_', ' ')} from {a.state}: " + "; ".join(a.missing(trigger) or ["no such move here"]))
        run.open_stage()
    else:
        for name, value in turn["record"].items():
            record(run, name, value)


def record(run: TrainingRun, name: str, value: Any) -> None:
    """Record one field as the trainee would on screen, through the appointment's public methods."""
    a = run.appointment
    if name in TEXT:
        a.set_text(name, str(value))
    elif name == "young_person":
        v = value if isinstance(value, dict) else {"name": value}
        a.set_text("young_person", str(v.get("name", "")))
        extra = {k: v[k] for k in ("age", "pronouns") if k in v}
        if extra:
            a.set_young_person(**extra)
    elif name == "family":
        a.set_family(list(value))
    elif name == "referrer":
        a.set_referrer(value)
    elif name == "consent":
        a.set_consent(**dict(value))
    elif name == "safety":
        v = dict(value)
        a.set_safety(v.get("concerns"), v.get("plan", ""), v.get("actions", ""))
    elif name == "goals":
        for n, g in enumerate(value, 1):
            g = {"text": g} if isinstance(g, str) else dict(g)
            if n <= len(a.session.goals):
                a.update_goal(n, **{k: g[k] for k in ("text", "owner", "rating") if k in g})
            else:
                a.add_goal(g["text"], g.get("owner"), g.get("rating"))
            if g.get("approach"):
                a.agree_option(n, g["approach"])
    elif name == "options_discussed":
        for o in value:
            a.add_option(int(o["goal"]), o["approach"])
    elif name == "things_to_try":
        a.set_things_to_try(list(value))
    elif name == "preferences":
        a.set_preferences(**dict(value))
    elif name == "keep_reasons":
        a.set_keep_reasons(list(value))
    elif name == "client_wants":
        a.set_client_wants(value)
    elif name == "private_notes":
        a.set_text("private_note", str(value))
    elif name == "phrases":
        ids = [p.id for p in a.phrases] if value in ("all", True) else list(value)
        for pid in ids:
            a.tick_phrase(pid)
    elif name == "outcome":
        _outcome(run, dict(value))


def _outcome(run: TrainingRun, o: dict[str, Any]) -> None:
    a = run.appointment
    decision = o.get("decision")
    if decision in ("no_partnership", "choice_plus"):
        if not getattr(a, decision)():
            raise WorkflowError(f"cannot end with {decision} here: " + "; ".join(a.missing(decision) or ["only at the Choice Point"]))
        run.open_stage()
        return
    if a.state != "allocation" and a.state != "booking":
        _move_to(run, "allocation")
    a.choose(decision, o.get("clinician"))
    slot = o.get("slot")
    if slot:
        if a.state != "booking":
            _move_to(run, "booking")
        when = slot if isinstance(slot, datetime) else datetime.fromisoformat(str(slot))
        a.book(when)


def result(run: TrainingRun) -> dict[str, Any]:
    """The contract's output: the transcript with intents, and the report."""
    report = run.report()
    return {"transcript": [line.as_json() for line in run.transcript], "report": report.as_json()}
