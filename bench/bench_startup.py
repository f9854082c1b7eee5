"""Start-up time of the assistant on the demo team, as a ratio to a bare Textual app.

Each run is a fresh `python -c` process (own empty data folder) timed from launch until
its first screen is ready: for the assistant, a new appointment shown with the focus in the
introduction's main field; for the bare app, a Header, a Label and a Footer on screen. Both
are run alternately in the same bench, so the ratio holds on a noisy machine. Goal: <= 1.3.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

RUNS = 5

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
        if self.screen.query(Label):
            print("ready", flush=True)
            self.exit()

Bare().run(headless=True, size=(120, 36))
"""

ASSISTANT = """
from choice_assistant.register import load_register
from choice_assistant.resources import demo_register_path
from choice_assistant.tui import ChoiceAssistantApp

app = ChoiceAssistantApp(load_register(demo_register_path()), demo_register_path(), demo=True)

def check():
    from textual.widgets import Input, TextArea
    if isinstance(app.focused, (Input, TextArea)):
        print("ready", flush=True)
        app.exit()

app.call_later(lambda: app.set_interval(0.002, check))
app.run(headless=True, size=(120, 36))
"""


def _time(code: str) -> float:
    with tempfile.TemporaryDirectory() as data:
        env = {**os.environ, "CHOICE_ASSISTANT_DATA": data}
        started = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        line = proc.stdout.readline()
        elapsed = time.perf_counter() - started
        _out, err = proc.communicate(timeout=60)
        if line.strip() != "ready":
            raise RuntimeError(f"start-up bench child failed: {err.strip()[-2000:]}")
        return elapsed


def run() -> dict:
    bare, assistant = [], []
    _time(BARE)  # warm the file cache and byte-code once
    _time(ASSISTANT)
    for _ in range(RUNS):
        bare.append(_time(BARE))
        assistant.append(_time(ASSISTANT))
    b, a = statistics.median(bare), statistics.median(assistant)
    return {
        "bare_textual_seconds": round(b, 3),
        "assistant_seconds": round(a, 3),
        "ratio": round(a / b, 2),
        "goal_ratio": 1.3,
        "runs": RUNS,
    }
