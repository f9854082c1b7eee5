"""`choice-assistant train`: practise with a simulated family, play a script, check a scenario, see progress."""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "train",
        help="practise a Choice appointment with a simulated family, with a coach and a scored report",
        description="Training mode. `train [SCENARIO]` opens the screens; `train SCENARIO --script FILE [--json]` plays "
                    "a trainee's turns without them; `train check FILE` checks a scenario file; `train progress` shows "
                    "each part of the rubric over your saved practice reports. Practice uses its own journal: nothing "
                    "is saved among real sessions and no real slot is booked.",
    )
    p.add_argument("scenario", nargs="?", metavar="SCENARIO",
                   help="a scenario id (see --list) or a scenario file; or the word check or progress")
    p.add_argument("file", nargs="?", metavar="FILE", help="with check: the scenario file to check")
    p.add_argument("--script", type=Path, metavar="FILE", help="play these turns (YAML) without the screens")
    p.add_argument("--json", action="store_true", help="print JSON (with --script, or with progress)")
    p.add_argument("--seed", type=int, default=None, help="with --script: the family's seed (default: the scenario's)")
    p.add_argument("--list", action="store_true", help="list the bundled scenarios: id, title, what each practises")
    p.add_argument("--check", metavar="SCENARIO_FILE", type=Path, help="the same as `train check FILE`")
    p.set_defaults(func=run)


def _team(args: argparse.Namespace):
    from choice_assistant.register.load import load_register
    from choice_assistant.resources import demo_register_path

    demo = getattr(args, "register", None) is None
    path = demo_register_path() if demo else args.register
    return load_register(path), path, demo


def run(args: argparse.Namespace) -> int:
    from choice_assistant.errors import InputError

    if args.list:
        return list_scenarios()
    if args.scenario == "progress":
        return show_progress(args.json)
    register, path, demo = _team(args)
    if args.check is not None or args.scenario == "check":
        target = args.check if args.check is not None else args.file
        if target is None:
            raise InputError("train check", "say which scenario file to check: choice-assistant train check FILE")
        return check(Path(target), register)
    if args.script is not None:
        if not args.scenario:
            raise InputError("train", "say which scenario the script plays: choice-assistant train SCENARIO --script FILE")
        return play(args.scenario, args.script, register, args.json, args.seed)
    return open_training(args.scenario, register, path, demo)


def list_scenarios() -> int:
    from choice_assistant.training.library import bundled_scenarios

    scenarios = bundled_scenarios()
    width = max((len(s.id) for s in scenarios), default=0)
    for s in scenarios:
        print(f"{s.id:<{width}}  {s.title}: {s.practises}")
    return 0


def summary_line(scenario, register, source: Path | str) -> str:
    """One line saying what a valid scenario holds."""
    me = register.clinician(scenario.choice_clinician)
    lines = sum(len(v) for by in scenario.answers.values() for v in by.values())
    goals = len(scenario.goals)
    return (f"{source}: scenario '{scenario.id}' ({scenario.title}) is valid: {goals} goal{'s' if goals != 1 else ''}, "
            f"{len(scenario.member_ids())} people, {len(scenario.answers)} intents answered with {lines} lines, "
            f"{len(scenario.hidden)} hidden facts, Choice clinician {me.name if me else scenario.choice_clinician}, "
            f"good outcome {' or '.join(scenario.good_outcome.decision)}")


def check(path: Path, register) -> int:
    from choice_assistant.training.library import load_scenario

    scenario = load_scenario(path, register)
    print(summary_line(scenario, register, path))
    return 0


def play(name: str, script: Path, register, as_json: bool, seed: int | None) -> int:
    from choice_assistant.training.library import find_scenario
    from choice_assistant.training.script import play_script, read_script, result

    scenario = find_scenario(name, register)
    run = play_script(scenario, register, read_script(script), seed=seed, source=script)
    out = result(run)
    if as_json:
        print(json.dumps(out, indent=1, default=str))
    else:
        print(run.report().markdown())
    return 0


def show_progress(as_json: bool) -> int:
    from choice_assistant.training.progress import progress, progress_text

    data = progress()
    print(json.dumps(data, indent=1) if as_json else progress_text(data))
    return 0


def open_training(name: str | None, register, register_path: Path, demo: bool) -> int:
    """Open the assistant in training mode on one scenario, or on the bundled ones to pick from."""
    from choice_assistant.training.library import bundled_scenarios, check_scenario, find_scenario
    from choice_assistant.training.practice import training_store_path

    if name:
        training = find_scenario(name, register)
    else:
        training = bundled_scenarios()
        for s in training:
            check_scenario(s, register)
    now = None  # practice runs on today's date, the team's diary following it
    from choice_assistant.tui import ChoiceAssistantApp

    from choice_assistant.journal.sqlite import SqliteStore

    store = SqliteStore.open(training_store_path())  # practice never mixes with real appointments
    try:
        app = ChoiceAssistantApp(register, store, demo=demo, training=training, now=now)
        app.run()
    finally:
        store.close()
    if app.input_error is not None:  # e.g. the family engine's model could not be loaded: one message, status 2
        raise app.input_error
    return app.return_code or 0
