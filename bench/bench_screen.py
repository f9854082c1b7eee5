"""Key-to-screen and stage-change times of the assistant, as ratios to a bare Textual app, in one run.

Both apps run headless at 120x36 through Textual's own test driver. A key is timed from handing
it to the app (as the terminal driver does) until the first frame that shows it has been composed
for the terminal: for the assistant, typing into the Curiosity stage's first field (saved as
typed, as in an appointment); for the bare app, typing into a TextArea beside a Header and a
Footer. Keys come at a typist's pace (70-190 ms apart, in a fixed pattern), so the assistant's own
timers (saving, redrawing what was typed) run between and among them as they do in an appointment.
A stage change is timed from the move until the first frame with the new pane shown and the focus
in its main field; the bare app's equivalent swaps one container's children (a label and three
fields) and focuses the first field. The assistant alternates between two stages it has shown
before (their panes are kept, or built out of sight while the one before is open), then, for a
second figure, the same after changing something the other pane shows, so that it has to be built
again as the move happens (the worst case). Figures are the median and 99th percentile; the goal for the
key p99 and stage change median ratios is <= 1.5.
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
GAPS = (0.07, 0.11, 0.15, 0.09, 0.19, 0.12, 0.08)  # seconds between keys, a typist's uneven pace


def _p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.99 * (len(ordered) - 1))))]


class _Frames:
    """Wakes a waiter at the first frame composed for the terminal once `shown()` holds."""

    def __init__(self, app) -> None:
        self._shown = None
        self._event = asyncio.Event()
        display = app._display

        def watched(screen, renderable) -> None:
            display(screen, renderable)
            if renderable is not None and self._shown is not None and self._shown():
                self._shown = None
                self._event.set()

        app._display = watched

    async def until(self, shown, act) -> float:
        """Seconds from `act()` until the first frame for which `shown()` is true."""
        self._event.clear()
        self._shown = shown
        started = time.perf_counter()
        result = act()
        if asyncio.iscoroutine(result):
            await result
        await asyncio.wait_for(self._event.wait(), 10)
        return time.perf_counter() - started


def _key(app, char: str):
    from textual import events

    def send() -> None:
        event = events.Key("space" if char == " " else char, char)
        event.set_sender(app)
        app._driver.send_message(event)
    return send


async def _time_keys(app, frames: _Frames, area) -> list[float]:
    times = []
    for i in range(KEYS):
        char = " " if i % 7 == 0 else "a"
        want = len(area.text) + 1
        times.append(await frames.until(lambda: len(area.text) >= want, _key(app, char)))
        await asyncio.sleep(GAPS[i % len(GAPS)])
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
        area = app.query_one("#t")
        area.cursor_blink = False
        area.focus()
        await pilot.pause()
        frames = _Frames(app)
        keys = await _time_keys(app, frames, area)
        holder = app.query_one("#holder")
        for i in range(CHANGES):
            async def swap(i=i):
                await holder.remove_children()
                await holder.mount(Static(f"pane {i}"), Input(id=f"t{i}"), Static("notes"), Input())
                app.query_one(f"#t{i}").focus()
            changes.append(await frames.until(lambda i=i: app.focused is not None and app.focused.id == f"t{i}", swap))
            await asyncio.sleep(0.2)
    return keys, changes


async def _assistant() -> tuple[list[float], list[float], list[float]]:
    from choice_assistant.appointment import Appointment
    from choice_assistant.journal.sqlite import SqliteStore
    from choice_assistant.register.load import load_register
    from choice_assistant.resources import demo_register_path
    from choice_assistant.tui import ChoiceAssistantApp

    register = load_register(demo_register_path())
    changes, rebuilt = [], []
    with SqliteStore.open() as store:
        a = Appointment.new(store, register, "ayo", now=NOW)
        a.set_text("young_person", "Sam Rivers")
        a.tick_phrase("skills_match"), a.tick_phrase("your_preference"), a.next()
        a.flush()
        app = ChoiceAssistantApp(register, store, demo=True, now=NOW, session_id=a.session_id, cursor_blink=False)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            frames = _Frames(app)
            screen = app.screen
            keys = await _time_keys(app, frames, screen.pane.main())

            def shown(stage: str):
                return lambda: (screen.pane is not None and screen.pane.stage == stage
                                and app.focused is screen.pane.main())

            for times, record in ((changes, False), (rebuilt, True)):
                for i in range(CHANGES):
                    stage = "introduction" if i % 2 == 0 else "curiosity"
                    if record:  # something the stage's pane shows was changed: it must be built again
                        screen.appointment.set_text("young_person" if stage == "introduction" else "concerns", f"words {i}")
                    times.append(await frames.until(shown(stage), lambda stage=stage: screen.go_to(stage)))
                    await asyncio.sleep(0.2)
    return keys, changes, rebuilt


def run() -> dict:
    previous = os.environ.get("CHOICE_ASSISTANT_DATA")
    with tempfile.TemporaryDirectory() as data:
        os.environ["CHOICE_ASSISTANT_DATA"] = data
        try:
            bare_keys, bare_changes = asyncio.run(_bare())
            keys, changes, rebuilt = asyncio.run(_assistant())
        finally:
            if previous is None:
                os.environ.pop("CHOICE_ASSISTANT_DATA", None)
            else:
                os.environ["CHOICE_ASSISTANT_DATA"] = previous
    ms = lambda v: round(v * 1000, 2)  # noqa: E731
    bare_change = statistics.median(bare_changes)
    return {
        "key_to_screen_ms": {"median": ms(statistics.median(keys)), "p99": ms(_p99(keys)),
                             "bare_median": ms(statistics.median(bare_keys)), "bare_p99": ms(_p99(bare_keys))},
        "key_to_screen_p99_ratio": round(_p99(keys) / _p99(bare_keys), 2),
        "stage_change_ms": {"median": ms(statistics.median(changes)), "p99": ms(_p99(changes)),
                            "bare_median": ms(bare_change), "bare_p99": ms(_p99(bare_changes))},
        "stage_change_median_ratio": round(statistics.median(changes) / bare_change, 2),
        "stage_change_rebuilt_ms": {"median": ms(statistics.median(rebuilt)), "p99": ms(_p99(rebuilt))},
        "stage_change_rebuilt_median_ratio": round(statistics.median(rebuilt) / bare_change, 2),
        "goal_ratio": 1.5,
        "keys": KEYS,
        "stage_changes": CHANGES,
    }


if __name__ == "__main__":
    for name, value in run().items():
        print(f"{name}: {value}")
