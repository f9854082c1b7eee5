"""Unexpected errors: the details go to a private log file in the data folder, never to the screen."""

from __future__ import annotations

import os
import re
import sys
import tempfile
import time
import traceback
from pathlib import Path


def write_crash_log(exc: BaseException | None) -> str:
    """Write where an error happened to a new 0600 file with a unique name; return its path.

    The log holds the kinds of error, where each happened (the frames and their lines of code) and, for a
    failed check of a record, the places and the rules broken: never a value (no local variables, no
    error text that may quote what was typed), so it can be sent on without a family's words in it."""
    from choice_assistant.about import __version__

    text = safe_traceback(exc) if exc is not None else "no exception recorded\n"
    stamp = time.strftime("%Y%m%d-%H%M%S")
    try:
        from choice_assistant.resources import data_dir

        folder = data_dir() / "logs"
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except Exception:  # noqa: BLE001 - no data folder: a private file with a random name in the temp folder
        folder = Path(tempfile.gettempdir())
    # mkstemp: a new file (never an existing one or a planted link), a unique name, mode 0600.
    fd, path = tempfile.mkstemp(dir=folder, prefix=f"error-{stamp}-", suffix=".log")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(f"choice-assistant {__version__}\n{' '.join(sys.argv[:1])}\n\n{text}")
    return path


def crash_message(path: str) -> str:
    """What the clinician is told: plain words, where the details are, and that their work is safe."""
    return ("choice-assistant stopped because of an error that should not happen. Everything typed up to a "
            f"moment ago is saved: start it again to carry on. The details were written to {path} "
            "(readable only by you); please send that file to your team's maintainer.")


def safe_traceback(exc: BaseException) -> str:
    """A traceback of `exc` and the errors it came from, each error said only by its kind (and, for a failed
    check, its places and rules): what an error's own text would quote is left out."""
    parts: list[str] = []
    seen: set[int] = set()
    _chain(exc, parts, seen)
    return "".join(parts)


def _chain(exc: BaseException, parts: list[str], seen: set[int], indent: str = "") -> None:
    if id(exc) in seen:
        return
    seen.add(id(exc))
    if exc.__cause__ is not None:
        _chain(exc.__cause__, parts, seen, indent)
        parts.append(f"\n{indent}The above exception was the direct cause of the following exception:\n\n")
    elif exc.__context__ is not None and not exc.__suppress_context__:
        _chain(exc.__context__, parts, seen, indent)
        parts.append(f"\n{indent}During handling of the above exception, another exception occurred:\n\n")
    if exc.__traceback__ is not None:
        parts.append(f"{indent}Traceback (most recent call last):\n")
        parts.extend(indent + line for frame in traceback.format_tb(exc.__traceback__) for line in frame.splitlines(True))
    parts.append(f"{indent}{_kind(exc)}{_safe_words(exc)}\n")
    for i, inner in enumerate(getattr(exc, "exceptions", None) or (), 1):  # an exception group's own errors
        if isinstance(inner, BaseException):
            parts.append(f"{indent}+-- {i} --\n")
            _chain(inner, parts, seen, indent + "| ")


def _kind(exc: BaseException) -> str:
    kind = type(exc)
    return kind.__qualname__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__qualname__}"


def _safe_words(exc: BaseException) -> str:
    """What can be said about an error without its values: a failed check's places and the rules broken."""
    from pydantic import ValidationError

    if not isinstance(exc, ValidationError):
        return ""
    found = exc.errors(include_input=False, include_url=False, include_context=False)
    return ": " + "; ".join(f"{'.'.join(_place(p) for p in e['loc'])} [{e['type']}]" for e in found[:20])


def _place(part: object) -> str:
    """A part of a place in a record: an index or a field's name (lower case); a key that may be someone's words is hidden."""
    if isinstance(part, int) or (isinstance(part, str) and len(part) <= 40 and _NAME.fullmatch(part)):
        return str(part)
    return "?"


_NAME = re.compile(r"[a-z_][a-z0-9_]*")
