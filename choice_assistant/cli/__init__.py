"""The `choice-assistant` command: argument parsing and turning errors into clear messages."""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from choice_assistant.about import __version__

# Each module in choice_assistant.cli adds its own sub-command: add_parser(subparsers)
# registers it and sets `func`. Command modules import heavy libraries inside `run` only.
COMMAND_MODULES = ["register", "recommend", "sessions", "diagram", "letter", "train", "team", "allocate", "db", "fhir", "serve"]


class _Parser(argparse.ArgumentParser):
    """argparse, but a mistyped option is named with the option it most likely meant."""

    argv: list[str] = []
    root: argparse.ArgumentParser | None = None

    def error(self, message: str):  # type: ignore[override]
        from choice_assistant.cli.arguments import explain

        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: {explain(_Parser.root or self, _Parser.argv, message)}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="choice-assistant",
        description=(
            "An assistant for CAPA Choice appointments. With no command it opens the assistant "
            "on your team's skill register (or the bundled demo team)."
        ),
    )
    parser.add_argument("--version", action="version", version=f"choice-assistant {__version__}")
    parser.add_argument("--register", metavar="PATH", type=Path, help="the team skill register (YAML) to use; default: the bundled demo team")
    parser.add_argument("--db", metavar="URL", help="the journal: sqlite:///PATH or postgresql://user@host:port/db (default: $CHOICE_ASSISTANT_DB, else the data folder)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    for name in COMMAND_MODULES:
        importlib.import_module(f"choice_assistant.cli.{name}").add_parser(sub)
    parser.set_defaults(func=open_assistant)
    return parser


def open_assistant(args: argparse.Namespace) -> int:
    """Open the terminal assistant."""
    from choice_assistant.journal import open_journal
    from choice_assistant.register.later import RegisterToCheck

    # The journal is opened (and a file that is not ours refused) before the screen opens. The
    # register, the phrase bank and the catalogue are read and checked the moment the first screen
    # is shown; if any is wrong the app stops and the same one message is given, with status 2,
    # before anything is recorded. The app is handed the register and the journal; it opens neither.
    demo = args.register is None
    register = RegisterToCheck(None if demo else args.register)
    store = open_journal(getattr(args, "db", None))
    try:
        from choice_assistant.tui import ChoiceAssistantApp
        from choice_assistant.tui.served.keyboard import at_the_keyboard, holder_name

        # Started by `serve` for one browser tab: the clinician chosen in that browser (checked against the
        # register) runs new appointments and is the one named while an appointment is held open.
        who = at_the_keyboard(register)
        if who is not None:
            store.who = holder_name(who)
        app = ChoiceAssistantApp(register, store, demo=demo, clinician=who.id if who else None)
        app.run()
    finally:
        store.close()
    if app.input_error is not None:
        raise app.input_error
    return app.return_code or 0


def main(argv: list[str] | None = None) -> int:
    from choice_assistant.errors import InputError
    from choice_assistant.journal.port import SlotTaken, StoreRefused

    parser = build_parser()
    _Parser.argv, _Parser.root = list(sys.argv[1:] if argv is None else argv), parser
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except (InputError, StoreRefused, SlotTaken) as exc:  # bad input, or the journal refusing: one plain message
        print(f"choice-assistant: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("choice-assistant: stopped.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - never show a traceback to the user
        from choice_assistant.crash import write_crash_log

        where = write_crash_log(exc)
        print(
            f"choice-assistant: something went wrong that should not have ({type(exc).__name__}). "
            f"Nothing you saved was changed. Details were written to {where}; please send that file to your team's maintainer.",
            file=sys.stderr,
        )
        return 1
