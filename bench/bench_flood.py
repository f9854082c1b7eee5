"""Text pasted as separate keys: seconds until 20,000 keys waiting at once are all in the field, the assistant (the
Curiosity stage's first field, saved as typed) against a bare Textual app's TextArea, in one run.

Both run headless at 120x36 through Textual's own test driver; the keys are handed to the app all at once, as a
terminal without bracketed paste delivers a paste. The goal ratio is <= 1.0 (the assistant takes such a paste no
slower than a bare text area does).
"""

from __future__ import annotations

import asyncio
import os
import tempfile
import time
from datetime import datetime

KEYS = 20_000
NOW = datetime(2026, 11, 23, 10, 0)
LINE = "Sam finds mornings hard and has missed most of this term; mum says the worry starts on Sunday. "


async def _digest(app, area) -> float:
    """Seconds from handing the app every key until the field holds them all."""
    from textual import events

    text = (LINE * (KEYS // len(LINE) + 1))[:KEYS]
    started = time.perf_counter()
    for char in text:
        app.post_message(events.Key("space" if char == " " else char, char))
    while len(area.text) < KEYS:
        await asyncio.sleep(0.02)
    return time.perf_counter() - started


async def _bare() -> float:
    from textual.app import App
    from textual.widgets import Footer, Header, TextArea

    class Bare(App):
        def compose(self):
            yield Header()
            yield TextArea(id="t")
            yield Footer()

    app = Bare()
    async with app.run_test(size=(120, 36)) as pilot:
        area = app.query_one("#t")
        area.cursor_blink = False
        area.focus()
        await pilot.pause()
        return await _digest(app, area)


async def _assistant() -> float:
    from choice_assistant.appointment import Appointment
    from choice_assistant.journal.sqlite import SqliteStore
    from choice_assistant.register.load import load_register
    from choice_assistant.resources import demo_register_path
    from choice_assistant.tui import ChoiceAssistantApp

    register = load_register(demo_register_path())
    with SqliteStore.open() as store:
        a = Appointment.new(store, register, "ayo", now=NOW)
        a.set_text("young_person", "Sam Rivers")
        a.tick_phrase("skills_match"), a.tick_phrase("your_preference"), a.next()
        a.flush()
        app = ChoiceAssistantApp(register, store, demo=True, now=NOW, session_id=a.session_id, cursor_blink=False)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            return await _digest(app, app.screen.pane.main())


def run() -> dict:
    previous = os.environ.get("CHOICE_ASSISTANT_DATA")
    with tempfile.TemporaryDirectory() as data:
        os.environ["CHOICE_ASSISTANT_DATA"] = data
        try:
            bare = asyncio.run(_bare())
            assistant = asyncio.run(_assistant())
        finally:
            if previous is None:
                os.environ.pop("CHOICE_ASSISTANT_DATA", None)
            else:
                os.environ["CHOICE_ASSISTANT_DATA"] = previous
    return {
        "paste_as_keys_seconds": round(assistant, 2),
        "bare_paste_as_keys_seconds": round(bare, 2),
        "paste_as_keys_ratio": round(assistant / bare, 3),
        "goal_ratio": 1.0,
        "keys": KEYS,
    }


if __name__ == "__main__":
    for name, value in run().items():
        print(f"{name}: {value}")
