"""Start-up as the clinician waits for it: the real command in a pseudo-terminal, against a bare Textual app.

Each run spawns a whole process in a fresh 120x36 pseudo-terminal (its own empty data folder) and reads
what it writes to the terminal until the introduction's words have arrived there:

- `assistant_seconds`: `python -m choice_assistant` (the real command, on the demo team) until the
  introduction's first words, "Young person's name", are on the terminal;
- `assistant_complete_seconds`: ... until the suggested wording ("Introduce yourself") is there too,
  which needs the register, the phrase bank and the templates;
- `bare_textual_seconds`: a bare Textual app (Header, an Input showing the same words, Footer) run the
  same way, until the same words arrive.

The clock stops when the words are read from the terminal, not when a frame is handed to Textual's
writer. Both are run alternately, 21 times each, after a warm-up run that compiles the byte-code into a
temporary folder every run then reads (PYTHONPYCACHEPREFIX). Figures are medians; the ratios are of
medians measured in the same run, so they hold on a noisy machine. Goal 1.3, bar 1.5.
"""

from __future__ import annotations

import os
import re
import select
import statistics
import subprocess
import sys
import tempfile
import time

RUNS = int(os.environ.get("BENCH_RUNS", "21"))
FIRST = b"Young person's name"
COMPLETE = b"Introduce yourself"
ESCAPES = re.compile(rb"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-Za-z]|[=>NOM78c])")

BARE = """
from textual.app import App
from textual.widgets import Footer, Header, Input

class Bare(App):
    def compose(self):
        yield Header()
        yield Input(placeholder="Young person's name")
        yield Footer()

Bare().run()
"""


def _spawn(argv: list[str], env: dict) -> tuple[subprocess.Popen, int]:
    import pty
    import struct
    import termios
    import fcntl

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 36, 120, 0, 0))
    proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
    os.close(slave)
    return proc, master


def _time(argv: list[str], pycache: str, wanted: tuple[bytes, ...]) -> list[float]:
    """Seconds from spawn until each of `wanted` has been read from the terminal, in order."""
    with tempfile.TemporaryDirectory() as data:
        env = {**os.environ, "CHOICE_ASSISTANT_DATA": data, "PYTHONPYCACHEPREFIX": pycache, "TERM": "xterm-256color",
               "COLUMNS": "120", "LINES": "36"}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        started = time.perf_counter()
        proc, master = _spawn(argv, env)
        seen, times = b"", []
        try:
            deadline = started + 60
            while len(times) < len(wanted):
                if time.perf_counter() > deadline:
                    raise RuntimeError(f"start-up bench: {argv[-1][:40]!r} never showed {wanted[len(times)]!r}")
                if select.select([master], [], [], 0.5)[0]:
                    try:
                        seen += os.read(master, 65536)
                    except OSError:
                        raise RuntimeError("start-up bench: the program ended before its first screen") from None
                    text = ESCAPES.sub(b"", seen)
                    while len(times) < len(wanted) and wanted[len(times)] in text:
                        times.append(time.perf_counter() - started)
        finally:
            proc.kill()
            proc.wait()
            os.close(master)
        return times


def run() -> dict:
    assistant_argv = [sys.executable, "-m", "choice_assistant"]
    bare_argv = [sys.executable, "-c", BARE]
    bare, first, complete = [], [], []
    with tempfile.TemporaryDirectory() as pycache:
        _time(bare_argv, pycache, (FIRST,))  # warm the file cache and compile the byte-code once
        _time(assistant_argv, pycache, (FIRST, COMPLETE))
        for _ in range(RUNS):
            bare += _time(bare_argv, pycache, (FIRST,))
            a, c = _time(assistant_argv, pycache, (FIRST, COMPLETE))
            first.append(a)
            complete.append(c)
    b, a, c = (statistics.median(x) for x in (bare, first, complete))
    return {
        "bare_textual_seconds": round(b, 3),
        "assistant_seconds": round(a, 3),
        "ratio": round(a / b, 2),
        "goal_ratio": 1.3,
        "bar_ratio": 1.5,
        "assistant_complete_seconds": round(c, 3),
        "complete_ratio": round(c / b, 2),
        "runs": RUNS,
    }


if __name__ == "__main__":
    figures = run()
    for name, value in figures.items():
        print(f"{name}: {value}")
