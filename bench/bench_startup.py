"""Start-up time of the assistant on the demo team, as a ratio to a bare Textual app.

Each run is a fresh `python -c` process (own empty data folder) timed from launch until
its first screen is ready: for the assistant, the first paint after a new appointment (Choice
clinician given, as on every start after the first) has the focus in the introduction's main
field; for the bare app, the first paint of a Header, a Label and a Footer. Each child polls for readiness on a
2 ms timer from its app's own mount, so "ready" also means the app has turned round to
handle an event, as it would a first key press. Both are run alternately in the same bench,
so the ratio holds on a noisy machine; the figures are medians. Goal: <= 1.3.
A third figure, the bare app run after loading the register, shows the share of start-up
that the register check (which must finish before the screen opens) accounts for.

Byte-code is compiled once, by a warm-up run of each child, into a temporary folder that
every run then reads (PYTHONPYCACHEPREFIX), as an installed package reads its own; this
holds even where PYTHONDONTWRITEBYTECODE is set, which would otherwise make every run
compile the project's modules (but not Textual's, installed with byte-code) again.
"""

from __future__ import annotations

import os
import select
import statistics
import subprocess
import sys
import tempfile
import time

RUNS = 9

# Each child polls until its first screen is ready, prints "ready" and exits.
BARE = """
from textual.app import App
from textual.widgets import Footer, Header, Label

class Bare(App):
    def compose(self):
        yield Header()
        yield Label("ready")
        yield Footer()

    def on_mount(self):
        self.set_interval(0.002, self.check)

    def check(self):
        if self.screen.query(Label) and not getattr(self, "_seen", False):
            self._seen = True
            self.call_after_refresh(self.ready)  # ready once that screen has been painted

    def ready(self):
        print("ready", flush=True)
        self.exit()

Bare().run(headless=True, size=(120, 36))
"""

# The bare app after loading and checking the demo register, as the assistant must before its
# screen opens: the part of start-up that lazy imports cannot remove.
FLOOR = "from choice_assistant.register.load import load_register\n" \
    "from choice_assistant.resources import demo_register_path\n" \
    "load_register(demo_register_path())\n" + BARE

ASSISTANT = """
from choice_assistant.journal import open_journal
from choice_assistant.register.load import load_register
from choice_assistant.resources import demo_register_path
from choice_assistant.tui import ChoiceAssistantApp

class Timed(ChoiceAssistantApp):
    def on_mount(self):  # runs just before the assistant's own on_mount, as the bare app's does
        self.set_interval(0.002, self.check)

    def check(self):
        pane = getattr(self.screen, "pane", None)
        if pane is not None and pane.stage == "introduction" and self.focused is pane.main() \\
                and not getattr(self, "_seen", False):
            self._seen = True
            self.call_after_refresh(self.ready)  # ready once the screen with the focus in it is painted

    def ready(self):
        print("ready", flush=True)
        self.exit()

# As the command does: the register loaded and checked, the journal opened, both handed to the app.
Timed(load_register(demo_register_path()), open_journal(), demo=True,
      clinician="ayo").run(headless=True, size=(120, 36))
"""


def _time(code: str, pycache: str) -> float:
    with tempfile.TemporaryDirectory() as data:
        env = {**os.environ, "CHOICE_ASSISTANT_DATA": data, "PYTHONPYCACHEPREFIX": pycache}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        started = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        ready, _, _ = select.select([proc.stdout], [], [], 60)
        line = proc.stdout.readline() if ready else ""
        elapsed = time.perf_counter() - started
        try:
            _out, err = proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            _out, err = proc.communicate()
        if line.strip() != "ready":
            raise RuntimeError(f"start-up bench child failed: {err.strip()[-2000:]}")
        return elapsed


def run() -> dict:
    bare, floor, assistant = [], [], []
    with tempfile.TemporaryDirectory() as pycache:
        for code in (BARE, FLOOR, ASSISTANT):
            _time(code, pycache)  # warm the file cache and compile the byte-code once
        for _ in range(RUNS):
            bare.append(_time(BARE, pycache))
            floor.append(_time(FLOOR, pycache))
            assistant.append(_time(ASSISTANT, pycache))
    b, f, a = (statistics.median(x) for x in (bare, floor, assistant))
    return {
        "bare_textual_seconds": round(b, 3),
        "bare_after_loading_register_seconds": round(f, 3),
        "assistant_seconds": round(a, 3),
        "ratio": round(a / b, 2),
        "goal_ratio": 1.3,
        "ratio_of_bare_after_loading_register": round(f / b, 2),
        "ratio_to_bare_after_loading_register": round(a / f, 2),
        "runs": RUNS,
    }


if __name__ == "__main__":
    figures = run()
    for name, value in figures.items():
        print(f"{name}: {value}")
