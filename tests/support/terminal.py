"""The real program in a pseudo-terminal, for tests that type into it, close it or kill it."""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator


@dataclass
class Running:
    """The assistant running in a pseudo-terminal: its process, and the terminal's other end to type into."""

    proc: subprocess.Popen
    master: int
    seen: bytes = b""

    def type(self, text: str) -> None:
        os.write(self.master, text.encode())

    def read_for(self, seconds: float) -> None:
        """Keep reading the screen for a while, so the program never blocks writing to it."""
        until = time.monotonic() + seconds
        while (left := until - time.monotonic()) > 0:
            if select.select([self.master], [], [], left)[0]:
                try:
                    self.seen += os.read(self.master, 65536)
                except OSError:
                    break

    def wait_for(self, wanted: bytes, limit: float = 30.0) -> None:
        """Read the screen until `wanted` appears on it (or fail after `limit` seconds)."""
        deadline = time.monotonic() + limit
        while wanted not in self.seen:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"the screen never showed {wanted!r}")
            if select.select([self.master], [], [], left)[0]:
                try:
                    self.seen += os.read(self.master, 65536)
                except OSError:
                    break

    def text(self, since: int = 0) -> str:
        """What has been written to the terminal (from byte `since` on), as text: escape sequences taken out."""
        import re

        return re.sub(r"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-Za-z]|[=>NOM78c])", "",
                      self.seen[since:].decode("utf-8", "replace"))

    def wait_for_text(self, wanted: str, limit: float = 30.0, since: int | None = None) -> None:
        """Read the screen until `wanted` is written to it as text, after byte `since` (default: from now on)."""
        since = len(self.seen) if since is None else since
        deadline = time.monotonic() + limit
        while wanted not in self.text(since):
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"the screen never showed {wanted!r}")
            self.read_for(min(0.2, left))

    def flood(self, text: str) -> None:
        """Type `text` as fast as the terminal takes it, each character a key of its own (no bracketed paste, as
        some terminals and remote desktops send a paste), reading the screen meanwhile but not keeping it."""
        data, sent = text.encode(), 0
        while sent < len(data):
            readable, writable, _ = select.select([self.master], [self.master], [], 1.0)
            if readable:
                try:
                    os.read(self.master, 65536)
                except OSError:
                    return
            if writable:
                sent += os.write(self.master, data[sent:sent + 1024])

    def drain_until_ended(self, limit: float) -> float:
        """Read (and drop) the screen until the program ends or `limit` seconds pass; return the seconds taken."""
        start = time.monotonic()
        while self.proc.poll() is None and time.monotonic() - start < limit:
            if select.select([self.master], [], [], 0.1)[0]:
                try:
                    os.read(self.master, 65536)
                except OSError:
                    time.sleep(0.05)
        return time.monotonic() - start

    def close_terminal(self, limit: float) -> float:
        """Close the terminal window (its side of the pseudo-terminal); return the seconds until the program ended
        (`limit` or more if it had not)."""
        os.close(self.master)
        self.master = os.open(os.devnull, os.O_RDWR)  # so the end of the test closes something harmless
        start = time.monotonic()
        while self.proc.poll() is None and time.monotonic() - start < limit:
            time.sleep(0.05)
        return time.monotonic() - start

    def signal_and_wait(self, signum: int, limit: float = 30.0) -> None:
        """Send a signal to the program's process group and keep reading the screen until it ends."""
        os.killpg(self.proc.pid, signum)
        deadline = time.monotonic() + limit
        while self.proc.poll() is None and time.monotonic() < deadline:
            if select.select([self.master], [], [], 0.1)[0]:
                try:
                    os.read(self.master, 65536)
                except OSError:
                    time.sleep(0.05)
        self.proc.wait(timeout=1)


@contextmanager
def assistant_in_a_terminal(data_dir: Path) -> Iterator[Running]:
    """Start `python -m choice_assistant` on the demo team in a 120x36 pseudo-terminal, as its controlling
    terminal (as in a terminal window: closing it sends the program a hang-up); always stop it."""
    import fcntl
    import pty
    import termios

    master, slave = pty.openpty()
    env = {**os.environ, "CHOICE_ASSISTANT_DATA": str(data_dir), "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "36"}
    proc = subprocess.Popen([sys.executable, "-m", "choice_assistant"], stdin=slave, stdout=slave, stderr=slave,
                            env=env, start_new_session=True, preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0))
    os.close(slave)
    try:
        yield Running(proc, master)
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)
