"""Text pasted as thousands of separate keys (a terminal or remote desktop without bracketed paste), in the real program
in a pseudo-terminal: digested in batches, all of it kept by a quit, and a closed terminal or a stop signal ends the
program at once, with what it had saved and the appointment given back."""

from __future__ import annotations

import signal
import sys

import pytest

from choice_assistant.appointment import Appointment
from choice_assistant.journal.port import LeaseHeld
from choice_assistant.journal.sqlite import SqliteStore
from tests.support.pilot import NOW, SID, sample_register, saved, session_at
from tests.support.terminal import assistant_in_a_terminal

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")

# 20,000 characters of a letter, its lines ended by Enter as a terminal sends them.
LINE = "Sam finds mornings hard and has missed most of this term; mum says the worry starts on Sunday."
FLOOD = "\r".join([LINE] * (20_000 // (len(LINE) + 1) + 1))[:20_000].rstrip("\r")
# Generous, for busy machines: the program digests the flood in seconds, and ends in about one after a signal.
DIGEST_LIMIT = 90.0
END_LIMIT = 10.0


def _open_at_curiosity(running) -> None:
    running.wait_for_text("Unfinished", 60)  # the start screen offers the appointment
    running.type("\r")
    running.wait_for_text("What worries them", 60)
    running.read_for(1.0)  # the focus settles in the concerns field


def _lease_free() -> bool:
    with SqliteStore.open() as store:
        a = Appointment.resume(store, SID, sample_register(), now=NOW)
        try:
            a.hold()
        except LeaseHeld:
            return False
        a.let_go()
        return True


def test_a_quit_straight_after_a_flood_of_keys_keeps_every_one_of_them(data_dir):
    session_at("curiosity")
    with assistant_in_a_terminal(data_dir) as running:
        _open_at_curiosity(running)
        running.flood(FLOOD)
        running.type("\x11")  # ctrl+q, typed after the flood
        took = running.drain_until_ended(DIGEST_LIMIT)
        assert running.proc.poll() is not None, f"still digesting {len(FLOOD):,} keys after {took:.0f} s"
    assert saved(SID).concerns == FLOOD.replace("\r", "\n")
    assert _lease_free()


@pytest.mark.parametrize("how", ["terminal closed", "SIGTERM"])
def test_a_closed_terminal_or_a_stop_signal_during_a_flood_ends_the_program_at_once(data_dir, how):
    session_at("curiosity")
    with assistant_in_a_terminal(data_dir) as running:
        _open_at_curiosity(running)
        running.flood(FLOOD)
        running.read_for(0.5)  # well into digesting it
        if how == "terminal closed":
            took = running.close_terminal(END_LIMIT)  # the kernel sends the program a hang-up
        else:
            running.proc.send_signal(signal.SIGTERM)
            took = running.drain_until_ended(END_LIMIT)
        assert running.proc.poll() is not None, f"still running {took:.0f} s after the {how}"
    assert _lease_free(), "the appointment can be opened again at once"
    kept = saved(SID).concerns
    assert FLOOD.replace("\r", "\n").startswith(kept), "what was saved is what was typed, in order"


async def test_keys_waiting_together_go_in_as_a_few_edits_in_the_order_typed(data_dir):
    from textual import events

    from tests.support.pilot import SIZE, make_app, settle, until

    app = make_app(stage="curiosity")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        field = app.focused
        assert field.id == "f-concerns"
        edits = []  # each change made to the field's text (one per key, when keys are taken one by one)
        real = field.replace
        field.replace = lambda *args, **kwargs: (edits.append(args[0]), real(*args, **kwargs))[1]
        typed, expected = [], ""
        for n in range(600):  # letters and spaces, a line end now and then
            if n % 97 == 96:
                typed.append(("enter", None))
                expected += "\n"
            elif n % 7 == 6:
                typed.append(("space", " "))
                expected += " "
            else:
                ch = "abcdefghij"[n % 10]
                typed.append((ch, ch))
                expected += ch
        for key, character in typed:  # all waiting at once, as from a paste sent key by key
            app.post_message(events.Key(key, character))
        await until(pilot, lambda: field.text == expected or len(field.text) > len(expected), 10.0)
        assert field.text == expected
        assert len(edits) < len(typed) / 10, f"{len(edits)} edits for {len(typed)} keys"
