"""Ending on a stop signal or a closed terminal: save, give the appointment back, and end within a second,
whatever the app is doing (a flood of keys, a screen nobody can see any more)."""

from __future__ import annotations

import os
import signal
import threading
import time
from typing import Callable

# The app ends by itself within a second of a stop signal (saving takes milliseconds); if it has not by this
# time (stuck in a long piece of work, or drawing to a terminal that is gone), the process ends anyway. After a
# hang-up there is no terminal to put back as it was, so the wait is shorter.
STOP_SECONDS = 2.0
HANGUP_STOP_SECONDS = 1.0
# A save under way when that time is up is let finish (a journal on a slow network), for at most this long.
SAVE_SECONDS = 10.0
# How often the terminal is looked at, to find it closed.
TERMINAL_CHECK_SECONDS = 0.25


class Stopping:
    """What a stop signal (or a terminal found closed) sets going: the app's own stop on its event loop, and a
    watch that ends the process if the app has not ended in time. The app's stop sets `saving` and `saved`."""

    def __init__(self) -> None:
        self.signal: int | None = None
        self._once = threading.Lock()  # taken by the first stop, never given back
        self.saving = threading.Event()
        self.saved = threading.Event()
        self._loop = None
        self._stop: Callable[[], None] | None = None
        self._before: dict = {}  # each signal's handler before `install`

    def install(self, loop, stop: Callable[[], None], terminal: int | None = None) -> None:
        """On SIGHUP (the terminal closed) and SIGTERM, run `stop` on `loop` and start the watch. Python's own
        handler is used, not the loop's: it runs even while the loop is busy, so the watch always starts.
        `terminal` is the terminal's file descriptor, watched on a thread of its own: one that closes without
        sending a hang-up (a program it did not start) stops the app too (None: there is no terminal to lose)."""
        self._loop, self._stop = loop, stop
        if terminal is not None:
            threading.Thread(target=self._watch_terminal, args=(terminal,), name="terminal-watch", daemon=True).start()
        for name in ("SIGHUP", "SIGTERM"):
            sig = getattr(signal, name, None)
            if sig is not None:
                try:
                    self._before[sig] = signal.signal(sig, lambda signum, frame: self.begin(signum))
                except (ValueError, OSError):
                    pass  # not the main thread, or a platform without it: typing is saved every half second anyway

    def uninstall(self) -> None:
        """The app has ended: the signals do again what they did before it started."""
        self._loop = None
        for sig, before in self._before.items():
            try:
                signal.signal(sig, before)
            except (ValueError, OSError, TypeError):
                pass
        self._before.clear()

    def _watch_terminal(self, fd: int) -> None:
        while self.signal is None:
            if hung_up(fd):
                self.begin(getattr(signal, "SIGHUP", signal.SIGTERM))
                return
            time.sleep(TERMINAL_CHECK_SECONDS)

    def begin(self, signum: int) -> None:
        """Stop as on `signum`: the app's stop on its loop, and the watch (once, whatever arrives after)."""
        if self._loop is None or not self._once.acquire(blocking=False):
            return
        self.signal = signum
        if signum == getattr(signal, "SIGHUP", None):
            _screen_to_nowhere()
        threading.Thread(target=self._watch, name="stop-watch", daemon=True).start()
        try:
            self._loop.call_soon_threadsafe(self._stop)
        except RuntimeError:
            pass  # the loop has closed: the app is ending already

    def _watch(self) -> None:
        limit = HANGUP_STOP_SECONDS if self.signal == getattr(signal, "SIGHUP", None) else STOP_SECONDS
        deadline = time.monotonic() + limit
        if not self.saved.wait(limit) and self.saving.is_set():
            self.saved.wait(SAVE_SECONDS)
        time.sleep(max(0.0, deadline - time.monotonic()))  # the app normally ends within this by itself
        # Still running: the app could not finish ending. What was typed is saved if `saved` is set.
        os._exit(0 if self.saved.is_set() else 128 + (self.signal or 0))


def hung_up(fd: int) -> bool:
    """True when the terminal on `fd` has hung up (its window closed)."""
    import select

    try:
        poller = select.poll()
        poller.register(fd, 0)  # no events asked for: a hang-up is reported whatever is asked
        return any(mask & (select.POLLHUP | select.POLLNVAL) for _, mask in poller.poll(0))
    except (OSError, ValueError, AttributeError):  # AttributeError: a platform without poll
        return False


def _screen_to_nowhere() -> None:
    """The terminal is gone: send what is drawn on the way out nowhere, so drawing it neither fails nor waits."""
    try:
        nowhere = os.open(os.devnull, os.O_WRONLY)
        os.dup2(nowhere, 1)
        os.close(nowhere)
    except OSError:
        pass
