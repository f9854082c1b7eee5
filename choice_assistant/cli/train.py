"""`choice-assistant train [SCENARIO]`: practise a Choice appointment with a simulated family."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "train",
        help="practise a Choice appointment with a simulated family, with a coach and feedback",
        description="Training mode: the assistant as in a real appointment, marked as practice, with a simulated "
                    "family who answer what you say, a coach explaining why each stage matters, and a feedback "
                    "report at the end. Practice appointments use their own journal: nothing is saved among real "
                    "sessions and no real slot is booked.",
    )
    p.add_argument("scenario", nargs="?", metavar="SCENARIO",
                   help="a scenario id (see --list) or the path of a scenario file; without it, pick one on screen")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--list", action="store_true", help="list the bundled scenarios: id, title, what each practises")
    group.add_argument("--check", metavar="SCENARIO_FILE", type=Path,
                       help="validate a scenario file against the team (exit 0 with a summary, or 2 with the problems)")
    p.set_defaults(func=run)


def _team(args: argparse.Namespace):
    from choice_assistant.register.load import load_register
    from choice_assistant.resources import demo_register_path

    demo = getattr(args, "register", None) is None
    path = demo_register_path() if demo else args.register
    return load_register(path), path, demo


def run(args: argparse.Namespace) -> int:
    if args.list:
        return list_scenarios()
    register, path, demo = _team(args)
    if args.check is not None:
        return check(args.check, register)
    return open_training(args.scenario, register, path, demo)


def list_scenarios() -> int:
    from choice_assistant.training.scenario import bundled_scenarios

    scenarios = bundled_scenarios()
    width = max((len(s.id) for s in scenarios), default=0)
    for s in scenarios:
        print(f"{s.id:<{width}}  {s.title}: {s.practises}")
    return 0


def summary_line(scenario, register, source: Path | str) -> str:
    """One line saying what a valid scenario holds."""
    me = register.clinician(scenario.choice_clinician)
    replies = sum(len(script.replies) for script in scenario.stages.values())
    goals = len(scenario.goals)
    return (f"{source}: scenario '{scenario.id}' ({scenario.title}) is valid: {goals} goal{'s' if goals != 1 else ''}, "
            f"{len(scenario.stages)} stages scripted with {replies} replies, Choice clinician {me.name if me else scenario.choice_clinician}, "
            f"good outcome {' or '.join(scenario.good_outcome.decision)}")


def check(path: Path, register) -> int:
    from choice_assistant.training.scenario import load_scenario

    scenario = load_scenario(path, register)
    print(summary_line(scenario, register, path))
    return 0


def open_training(name: str | None, register, register_path: Path, demo: bool) -> int:
    """Open the assistant in training mode on one scenario, or on the bundled ones to pick from."""
    from choice_assistant.training.scenario import bundled_scenarios, check_scenario, find_scenario
    from choice_assistant.training.practice import training_store_path

    if name:
        training = find_scenario(name, register)
        now = training.when
    else:
        training = bundled_scenarios()
        for s in training:
            check_scenario(s, register, s.source)
        now = None
    from choice_assistant.tui import ChoiceAssistantApp

    from choice_assistant.journal.sqlite import SqliteStore

    store = SqliteStore.open(training_store_path())  # practice never mixes with real appointments
    try:
        app = ChoiceAssistantApp(register, store, register_path=register_path, demo=demo, training=training, now=now)
        app.run()
    finally:
        store.close()
    return app.return_code or 0
