"""Closing the terminal mid-appointment: the real program, in a pseudo-terminal, loses nothing typed."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time

import pytest

from choice_assistant.journal.sqlite import SqliteStore
from choice_assistant.appointment import export_session

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")


def read_until(fd: int, wanted: bytes, limit: float = 30.0, already: bytes = b"") -> bytes:
    """Read the program's screen output until `wanted` appears (or fail after `limit` seconds)."""
    seen = already
    deadline = time.monotonic() + limit
    while wanted not in seen:
        left = deadline - time.monotonic()
        if left <= 0:
            raise AssertionError(f"the screen never showed {wanted!r}")
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                break
    return seen


def drain_until_exit(fd: int, proc: subprocess.Popen, limit: float = 30.0) -> None:
    """Keep reading the screen (so the program never blocks writing to it) until it ends."""
    deadline = time.monotonic() + limit
    while proc.poll() is None and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                os.read(fd, 65536)
            except OSError:
                time.sleep(0.05)
    proc.wait(timeout=1)


def test_a_closed_terminal_saves_the_words_typed_a_moment_before(data_dir):
    import pty

    master, slave = pty.openpty()
    env = {**os.environ, "CHOICE_ASSISTANT_DATA": str(data_dir), "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "36"}
    proc = subprocess.Popen([sys.executable, "-m", "choice_assistant"], stdin=slave, stdout=slave, stderr=slave,
                            env=env, start_new_session=True)
    os.close(slave)
    try:
        read_until(master, b"Say next")  # a first start opens straight at the introduction
        time.sleep(0.5)  # let the focus settle in the name field, as a person would
        os.write(master, b"Sam Rivers")
        read_until(master, b"Sam Rivers")  # the keys are handled; the typing debounce has not yet written them
        os.killpg(proc.pid, signal.SIGHUP)  # what closing the terminal window does
        drain_until_exit(master, proc)
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)
    with SqliteStore.open() as store:
        (summary,) = store.list_sessions()
        session = export_session(store, summary.id)
    assert session.young_person is not None and session.young_person.name == "Sam Rivers"
