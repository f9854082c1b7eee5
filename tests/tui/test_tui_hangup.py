"""Closing the terminal mid-appointment: the real program, in a pseudo-terminal, loses nothing typed."""

from __future__ import annotations

import signal
import sys
import time

import pytest

from choice_assistant.appointment import export_session
from choice_assistant.journal.sqlite import SqliteStore
from tests.support.terminal import assistant_in_a_terminal

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")


def test_a_closed_terminal_saves_the_words_typed_a_moment_before(data_dir):
    with assistant_in_a_terminal(data_dir) as running:
        running.wait_for(b"Say next")  # a first start opens straight at the introduction
        time.sleep(0.5)  # let the focus settle in the name field, as a person would
        running.type("Sam Rivers")
        running.wait_for(b"Sam Rivers")  # the keys are handled; the typing debounce has not yet written them
        running.signal_and_wait(signal.SIGHUP)  # what closing the terminal window does
    with SqliteStore.open() as store:
        (summary,) = store.list_sessions()
        session = export_session(store, summary.id)
    assert session.young_person is not None and session.young_person.name == "Sam Rivers"


def test_keys_typed_ahead_while_the_program_starts_land_in_the_name_field_in_order(data_dir):
    with assistant_in_a_terminal(data_dir) as running:
        running.type("Sam\t14")  # at once: before the program has started, let alone drawn its first screen
        running.wait_for(b"Riverside")  # the register has been read: the appointment is open
        running.read_for(1.0)  # the debounce writes the typing
        running.signal_and_wait(signal.SIGTERM)
    with SqliteStore.open() as store:
        (summary,) = store.list_sessions()
        session = export_session(store, summary.id)
    assert session.young_person is not None
    assert (session.young_person.name, session.young_person.age) == ("Sam", 14)
