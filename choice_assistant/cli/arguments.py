"""Explaining a command line argparse refused: the unknown option by name, and what was meant."""

from __future__ import annotations

import argparse
import difflib


def _parsers(parser: argparse.ArgumentParser):
    """The parser and every sub-command parser below it."""
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                yield from _parsers(sub)


def known_options(root: argparse.ArgumentParser) -> list[str]:
    """Every option string any command accepts (--register, --json, -o, ...)."""
    return sorted({opt for p in _parsers(root) for a in p._actions for opt in a.option_strings})


def unknown_options(root: argparse.ArgumentParser, argv: list[str]) -> list[str]:
    """Options on the command line that no command knows, even as an abbreviation."""
    known = known_options(root)
    found = []
    for token in argv:
        if token == "--":
            break
        if not token.startswith("-") or token == "-" or token[1:2].isdigit():
            continue
        name = token.split("=", 1)[0]
        if name.startswith("--"):
            if not any(opt.startswith(name) for opt in known if opt.startswith("--")):
                found.append(name)
        elif name[:2] not in known:
            found.append(name)
    return found


def explain(root: argparse.ArgumentParser, argv: list[str], message: str) -> str:
    """argparse's message, or, when an option is unknown, that option named with its likely meaning."""
    from choice_assistant.errors import shown

    unknown = unknown_options(root, argv)
    if not unknown:
        return shown(message)
    known = known_options(root)
    parts = []
    for name in unknown:
        close = difflib.get_close_matches(name, [k for k in known if k.startswith("--") == name.startswith("--")], n=1, cutoff=0.6)
        hint = f": did you mean '{close[0]}'?" if close else ": see --help for the options"
        parts.append(f"unknown option '{shown(name, 60)}'{hint}")
    return "; ".join(parts)
