"""`choice-assistant diagram`: the appointment's state machine as a mermaid stateDiagram-v2."""

from __future__ import annotations

import argparse


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("diagram", help="print the appointment's stages as a mermaid state diagram",
                       description="Print every stage of a Choice appointment and the moves between them, "
                                   "each labelled with what must be done first, as a mermaid stateDiagram-v2.")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from choice_assistant.appointment import diagram

    print(diagram(), end="")
    return 0
