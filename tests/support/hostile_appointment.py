"""Hostile typing into a live appointment: its recording calls given long texts and very many items, field by field.

Used by the fuzz test in the suite (a few dozen seeds) and by scripts/fuzz (kind: appointment, thousands).
"""

from __future__ import annotations

import random
import tempfile
from datetime import datetime
from pathlib import Path

from tests.support.hostile import EXAMPLES, HOSTILE

NOW = datetime(2026, 11, 23, 10, 0)
TEXT_FIELDS = ("young_person", "concerns", "background", "strengths", "network", "risk", "formulation", "private_note")


def _register():
    from choice_assistant.register.load import load_register

    global _REGISTER
    if _REGISTER is None:
        _REGISTER = load_register(EXAMPLES / "team.yaml")
    return _REGISTER


_REGISTER = None


def long_text(rng: random.Random, limit: int) -> str:
    """Text around and far past a limit, made of hostile pieces (escapes, markup, emoji, line breaks)."""
    size = rng.choice([limit, limit + 1, limit * 2, 100_000])
    piece = rng.choice(HOSTILE) or "x"
    return ((piece + " ") * (size // (len(piece) + 1) + 1))[:size]


def many(rng: random.Random, limit: int) -> int:
    return rng.choice([limit, limit + 1, limit * 3])


def _calls(rng: random.Random):
    """(name, call) pairs: every recording call, each given long text or very many items."""
    people = lambda n: [{"name": f"Person {i}", "relation": rng.choice(["aunt", "cousin", long_text(rng, 60)])}  # noqa: E731
                        for i in range(n)]
    return [
        *((f"text:{field}", lambda a, f=field: a.set_text(f, long_text(rng, 120 if f == "young_person" else 20_000)))
          for field in TEXT_FIELDS),
        ("goal text", lambda a: a.add_goal(long_text(rng, 500), owner="young_person")),
        ("many goals", lambda a: [a.add_goal(f"goal {n}") for n in range(many(rng, 50))]),
        ("goal update", lambda a: a.update_goal(len(a.session.goals) or a.add_goal("a goal"), text=long_text(rng, 500))),
        ("things to try", lambda a: a.set_things_to_try([long_text(rng, 1000) for _ in range(rng.choice([1, 3]))])),
        ("many things to try", lambda a: a.set_things_to_try([f"try {n}" for n in range(many(rng, 50))])),
        ("family", lambda a: a.set_family(people(many(rng, 30)))),
        ("needs", lambda a: a.set_communication_needs(
            [{"who": "young_person", "needs": ["large_print"]} for _ in range(many(rng, 31))])),
        ("safety", lambda a: a.set_safety(True, long_text(rng, 2000), long_text(rng, 2000))),
        ("referrer", lambda a: a.set_referrer({"name": "Dr Lee", "reason": long_text(rng, 2000), "address": long_text(rng, 300)})),
        ("gp", lambda a: a.set_gp({"name": "Dr Shah", "practice": long_text(rng, 200), "address": long_text(rng, 300)})),
        ("young person", lambda a: a.set_young_person(**{rng.choice(["pronouns", "address"]): long_text(rng, 300)})),
        ("preferences", lambda a: a.set_preferences(language=long_text(rng, 200), cultural_background=long_text(rng, 200))),
        ("many options", lambda a: [a.add_option(n, o.id) for n in range(1, len(a.session.goals) + 1)
                                    for o in list(a.catalogue.values())[: rng.choice([3, 30])]]),
    ]


def run_appointment(seed: int) -> tuple[str, str]:
    """Run a few hostile recording calls on a new appointment, then build its view and export it (live, after a
    resume, and through `sessions export`). Returns (outcome, detail): "ok" when every call either recorded or was
    refused in plain words and nothing after failed; "traceback" (detail: where) or "other-exit" otherwise."""
    import contextlib
    import io
    import os
    import traceback

    from choice_assistant.appointment import Appointment, session_to_yaml
    from choice_assistant.cli import main
    from choice_assistant.errors import WorkflowError
    from choice_assistant.journal.sqlite import SqliteStore

    rng = random.Random(seed)
    calls = _calls(rng)
    with tempfile.TemporaryDirectory() as tmp:
        journal = Path(tmp) / "journal.sqlite3"
        try:
            with SqliteStore.open(journal) as store:
                a = Appointment.new(store, _register(), "ayo", now=NOW)
                for name, call in rng.sample(calls, rng.randint(1, 6)):
                    try:
                        call(a)
                    except WorkflowError:
                        pass  # refused, or only the part within a limit recorded: said in plain words
                a.flush()
                session_to_yaml(a.view().session)
                again = Appointment.resume(store, a.session_id, _register(), now=NOW)
                session_to_yaml(again.export())
            old = os.environ.get("CHOICE_ASSISTANT_DB")
            os.environ["CHOICE_ASSISTANT_DB"] = f"sqlite:///{journal}"
            try:
                with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()) as err:
                    code = main(["sessions", "export", a.session_id])
            finally:
                os.environ.pop("CHOICE_ASSISTANT_DB") if old is None else os.environ.__setitem__("CHOICE_ASSISTANT_DB", old)
        except Exception:  # noqa: BLE001 - what this looks for
            return "traceback", traceback.format_exc(limit=-3)
    return ("ok", "") if code == 0 else ("other-exit", err.getvalue())
