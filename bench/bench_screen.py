"""Key-to-screen and stage-change times of the assistant, as ratios to a bare Textual app, in one run.

Both apps run headless at 120x36 through Textual's own test driver. A key is timed from being
sent until the app is idle again with the screen refreshed (Pilot's press, then a pause): for the
assistant, typing into the Curiosity stage's first field (saved as typed, as in an appointment);
for the bare app, typing into a TextArea beside a Footer. A stage change is timed from the move
until the new pane has been mounted and painted; the bare app's equivalent swaps one container's
children (a label and three fields). Figures are the median and 99th percentile; the goal for both ratios is <= 1.5.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import tempfile
import time
from datetime import datetime

KEYS = 300
CHANGES = 30
NOW = datetime(2026, 11, 23, 10, 0)


def _p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.99 * (len(ordered) - 1))))]


async def _time_keys(pilot) -> list[float]:
    """Each of KEYS key presses, from sending it until the app is idle with the screen refreshed."""
    times = []
    for i in range(KEYS):
        started = time.perf_counter()
        await pilot.press("a" if i % 7 else "space")
        await pilot.pause()
        times.append(time.perf_counter() - started)
    return times


async def _bare() -> tuple[list[float], list[float]]:
    from textual.app import App
    from textual.containers import Vertical
    from textual.widgets import Footer, Header, Input, Static, TextArea

    class Bare(App):
        def compose(self):
            yield Header()
            yield Vertical(TextArea(id="t"), id="holder")
            yield Footer()

    changes = []
    app = Bare()
    async with app.run_test(size=(120, 36)) as pilot:
        app.query_one("#t").focus()
        await pilot.pause()
        keys = await _time_keys(pilot)
        holder = app.query_one("#holder")
        for i in range(CHANGES):
            started = time.perf_counter()
            await holder.remove_children()
            await holder.mount(Static(f"pane {i}"), Input(id=f"t{i}"), Static("notes"), Input())
            app.query_one(f"#t{i}").focus()
            await pilot.pause()
            changes.append(time.perf_counter() - started)
    return keys, changes


async def _assistant() -> tuple[list[float], list[float]]:
    from choice_assistant.appointment import Appointment
    from choice_assistant.journal.sqlite import SqliteStore
    from choice_assistant.register.load import load_register
    from choice_assistant.resources import demo_register_path
    from choice_assistant.tui import ChoiceAssistantApp

    register = load_register(demo_register_path())
    changes = []
    with SqliteStore.open() as store:
        a = Appointment.new(store, register, "ayo", now=NOW)
        a.set_text("young_person", "Sam Rivers")
        a.tick_phrase("skills_match"), a.tick_phrase("your_preference"), a.next()
        a.flush()
        app = ChoiceAssistantApp(register, store, demo=True, now=NOW, session_id=a.session_id, cursor_blink=False)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            keys = await _time_keys(pilot)
            screen = app.screen
            for i in range(CHANGES):
                started = time.perf_counter()
                await screen.go_to("introduction" if i % 2 == 0 else "curiosity")
                await pilot.pause()
                changes.append(time.perf_counter() - started)
    return keys, changes


def run() -> dict:
    previous = os.environ.get("CHOICE_ASSISTANT_DATA")
    with tempfile.TemporaryDirectory() as data:
        os.environ["CHOICE_ASSISTANT_DATA"] = data
        try:
            bare_keys, bare_changes = asyncio.run(_bare())
            keys, changes = asyncio.run(_assistant())
        finally:
            if previous is None:
                os.environ.pop("CHOICE_ASSISTANT_DATA", None)
            else:
                os.environ["CHOICE_ASSISTANT_DATA"] = previous
    ms = lambda v: round(v * 1000, 2)  # noqa: E731
    return {
        "key_to_screen_ms": {"median": ms(statistics.median(keys)), "p99": ms(_p99(keys)),
                             "bare_median": ms(statistics.median(bare_keys)), "bare_p99": ms(_p99(bare_keys))},
        "key_to_screen_p99_ratio": round(_p99(keys) / _p99(bare_keys), 2),
        "stage_change_ms": {"median": ms(statistics.median(changes)), "p99": ms(_p99(changes)),
                            "bare_median": ms(statistics.median(bare_changes)), "bare_p99": ms(_p99(bare_changes))},
        "stage_change_median_ratio": round(statistics.median(changes) / statistics.median(bare_changes), 2),
        "goal_ratio": 1.5,
        "keys": KEYS,
        "stage_changes": CHANGES,
    }


if __name__ == "__main__":
    for name, value in run().items():
        print(f"{name}: {value}")
