"""Who is at the keyboard of a browser: a clinician from the register, asked once per browser, never taken on trust.

The server asks (a small page; the answer kept in a cookie) and starts each tab's app process with the
clinician's id in ENV_VAR; the app process checks it against the register again before anything opens.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING

from choice_assistant.errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    from choice_assistant.register.model import Clinician, Register

ENV_VAR = "CHOICE_ASSISTANT_AT_KEYBOARD"
REMEMBERED_DAYS = 90  # how long a browser remembers who uses it
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")  # the shape of a register id; anything else is never looked up


def clinician_named(register: "Register", value: str | None) -> "Clinician | None":
    """The register's clinician with this id, or None for anything else (missing, malformed or unknown)."""
    if not value or not _ID.fullmatch(value):
        return None
    return register.clinician(value)


def at_the_keyboard(register) -> "Clinician | None":
    """In an app process started by `serve`: the clinician at that browser's keyboard (checked against the
    register, which is read now); None when the app was not started by `serve`.

    `register` is a Register or a RegisterToCheck. An id the register does not know stops the app with one
    message (exit status 2) before anything is opened.
    """
    value = os.environ.get(ENV_VAR)
    if value is None:
        return None
    team = register.get() if hasattr(register, "get") else register
    who = clinician_named(team, value)
    if who is None:
        raise InputError(None, "the clinician said to be at the keyboard is not in the team's register; "
                               "choose again in the browser", place=ENV_VAR)
    return who


def holder_name(who: "Clinician") -> str:
    """How the journal names this clinician while they hold an appointment open from a browser."""
    return f"{who.name} (in a browser)"
