"""Start-up time of the assistant on the demo team, as a ratio to a bare Textual app.

Each run is a fresh `python -c` process (own empty data folder) timed from launch until its first
screen is ready: the first frame Textual hands to the terminal that shows, for the assistant, a new
appointment's introduction with the focus in its main field (the Choice clinician given, as on every
start after the first), and for the bare app a Header, a Label and a Footer. The assistant is handed
its register as the command hands it, unread (RegisterToCheck): the register, the phrase bank, the
catalogue and the appointment's own modules are read once that first screen is shown, so a second
figure, `assistant_complete_seconds`, times until the appointment is open and the clinician list,
phrases and suggested wording are on the screen as well. Both apps are run alternately in the same
bench, so the ratio holds on a noisy machine; the figures are medians. Goal: <= 1.5 (1.3 hoped for).
A third figure, the bare app run after loading the register, is what start-up would cost at least
if the register were still checked before the screen opens.

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

RUNS = 21

# Each child prints "ready" at its first screen's first frame (the moment Textual hands a frame to the
# terminal) that shows what a user needs to start: for the bare app its Label, for the assistant the
# introduction with the focus in its main field; then it exits.
BARE = """
from textual.app import App
from textual.widgets import Footer, Header, Label

class Bare(App):
    def compose(self):
        yield Header()
        yield Label("ready")
        yield Footer()

    def _display(self, screen, renderable):
        super()._display(screen, renderable)
        if renderable is not None and screen.query(Label) and not getattr(self, "_seen", False):
            self._seen = True
            print("ready", flush=True)
            self.exit()

Bare().run(headless=True, size=(120, 36))
"""

# The bare app after loading and checking the demo register, as the assistant used to before its
# screen opened: the share of start-up the register check accounts for.
FLOOR = "from choice_assistant.register.load import load_register\n" \
    "from choice_assistant.resources import demo_register_path\n" \
    "load_register(demo_register_path())\n" + BARE

_ASSISTANT = """
from choice_assistant.journal import open_journal
from choice_assistant.register.later import RegisterToCheck
from choice_assistant.tui import ChoiceAssistantApp

class Timed(ChoiceAssistantApp):
    def _display(self, screen, renderable):
        super()._display(screen, renderable)
        pane = getattr(self.screen, "pane", None)
        if renderable is not None and pane is not None and pane.stage == "introduction" \\
                and self.focused is pane.main() and not getattr(self, "_seen", False) and (WHEN):
            self._seen = True
            print("ready", flush=True)
            self.exit()

# As the command does: the register to check (once the first screen is shown) and the journal,
# both handed to the app.
Timed(RegisterToCheck(), open_journal(), demo=True, clinician="ayo").run(headless=True, size=(120, 36))
"""
ASSISTANT = _ASSISTANT.replace("WHEN", "True")
# ... and until the appointment is open, with what needed the register and the wording shown too.
ASSISTANT_COMPLETE = _ASSISTANT.replace(
    "WHEN", "self.screen.appointment is not None and pane.query('#phrases') and str(pane.query_one('#say-text').render())")


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
    bare, floor, assistant, complete = [], [], [], []
    with tempfile.TemporaryDirectory() as pycache:
        for code in (BARE, FLOOR, ASSISTANT, ASSISTANT_COMPLETE):
            _time(code, pycache)  # warm the file cache and compile the byte-code once
        for _ in range(RUNS):
            bare.append(_time(BARE, pycache))
            floor.append(_time(FLOOR, pycache))
            assistant.append(_time(ASSISTANT, pycache))
            complete.append(_time(ASSISTANT_COMPLETE, pycache))
    b, f, a, c = (statistics.median(x) for x in (bare, floor, assistant, complete))
    return {
        "bare_textual_seconds": round(b, 3),
        "bare_after_loading_register_seconds": round(f, 3),
        "assistant_seconds": round(a, 3),
        "ratio": round(a / b, 2),
        "goal_ratio": 1.5,
        "hoped_for_ratio": 1.3,
        "assistant_complete_seconds": round(c, 3),
        "complete_ratio": round(c / b, 2),
        "ratio_of_bare_after_loading_register": round(f / b, 2),
        "ratio_to_bare_after_loading_register": round(a / f, 2),
        "runs": RUNS,
    }


if __name__ == "__main__":
    figures = run()
    for name, value in figures.items():
        print(f"{name}: {value}")
