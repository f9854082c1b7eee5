"""When the journal refuses (open elsewhere, read-only, a session it cannot give back), the assistant says why and carries on."""

from __future__ import annotations

import os
from datetime import datetime

from choice_assistant.appointment import Appointment
from choice_assistant.journal import open_journal
from choice_assistant.journal.sqlite import SqliteStore
from choice_assistant.tui import ChoiceAssistantApp

NOW = datetime(2026, 11, 23, 10, 0)
SIZE = (120, 36)


def _notices(app) -> str:
    return " ".join(str(n.message) for n in app._notifications)


async def test_moving_on_in_a_read_only_appointment_is_refused_in_words_not_a_crash(demo_register):
    from tests.support.pilot import session_at

    sid = session_at("choice_point", demo_register, upto="choice_point")  # the way of working agreed
    first = SqliteStore.open()
    holder = Appointment.resume(first, sid, demo_register, now=NOW)
    holder.hold()
    with SqliteStore.open() as second:
        app = ChoiceAssistantApp(demo_register, second, demo=True, now=NOW, session_id=sid, cursor_blink=False)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("r")  # look at it read-only
            await pilot.pause()
            assert app.screen.appointment.read_only
            for key in ("f8", "f9"):  # decisions at the Choice Point write to the journal: refused in words
                await pilot.press(key)
                await pilot.pause()
                assert type(app.screen).__name__ == "AppointmentScreen"
                assert "read-only" in str(app.screen.query_one("#guard").render())
            await pilot.press("ctrl+b")  # looking around still works
            await pilot.pause()
            assert app.screen.appointment.state == "options"
    assert [e.kind for e in first.events(sid)].count("move") == 5  # nothing was written by the reader
    holder.let_go()
    first.close()


async def test_a_journal_this_computer_may_only_read_opens_appointments_read_only_and_says_why(demo_register, data_dir):
    from tests.support.pilot import session_at

    sid = session_at("curiosity", demo_register)
    with open_journal(read_only=True) as store:
        app = ChoiceAssistantApp(demo_register, store, demo=True, now=NOW, session_id=sid, cursor_blink=False)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert app.screen.appointment.read_only
            assert app.screen.query_one("#read-only").display
            app.new_appointment()  # as "New appointment" in the palette does
            await pilot.pause()
            assert "A new appointment cannot be started" in _notices(app)
            assert type(app.screen).__name__ == "AppointmentScreen"


async def test_a_session_the_journal_cannot_give_back_is_a_message_and_the_start_screen(demo_register, data_dir):
    import sqlite3

    from tests.support.pilot import session_at

    sid = session_at("goals", demo_register)
    db = sqlite3.connect(os.path.join(data_dir, "journal.sqlite3"))
    db.execute("UPDATE events SET payload = '{not json' WHERE session_id = ? AND seq = 3", (sid,))
    db.commit()
    db.close()
    with SqliteStore.open() as store:
        app = ChoiceAssistantApp(demo_register, store, demo=True, now=NOW, cursor_blink=False)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("enter")  # the unfinished appointment on the start screen
            await pilot.pause()
            assert "That appointment cannot be opened" in _notices(app)
            assert type(app.screen).__name__ == "StartScreen"
