"""One appointment is open in one place at a time: a second opener is told who has it and may look read-only."""

from __future__ import annotations

from datetime import datetime

from choice_assistant.appointment import Appointment
from choice_assistant.journal import open_journal
from choice_assistant.journal.sqlite import SqliteStore
from choice_assistant.tui import ChoiceAssistantApp

NOW = datetime(2026, 11, 23, 10, 0)
SIZE = (120, 36)


async def test_a_second_place_opening_the_same_appointment_is_told_who_has_it_and_can_only_read(demo_register, data_dir):
    from tests.support.pilot import session_at

    sid = session_at("curiosity", demo_register)
    first = SqliteStore.open()  # the first laptop: the appointment is open here, being typed in
    a = Appointment.resume(first, sid, demo_register, now=NOW)
    a.hold()
    a.set_text("concerns", "Panics before school, worse on Mondays")
    a.flush()
    second = SqliteStore.open()  # the second place, with its own connection to the same journal
    app = ChoiceAssistantApp(demo_register, second, demo=True, now=NOW, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # the unfinished appointment on the start screen
        await pilot.pause()
        assert type(app.screen).__name__ == "HeldElsewhereScreen"
        await pilot.press("r")
        await pilot.pause()
        screen = app.screen
        assert screen.appointment.read_only
        banner = screen.query_one("#read-only")
        assert banner.display and "open in another place" in str(banner.render())
        assert screen.query_one("#f-concerns").disabled
        await screen.go_to("introduction")  # looking around is fine and writes nothing
        await pilot.pause()
    # The first place's words are untouched, and it still holds the appointment.
    a.set_text("concerns", "Panics before school, worse on Mondays and after holidays")
    a.flush()
    assert Appointment.resume(first, sid, demo_register, now=NOW).session.concerns.endswith("after holidays")
    kinds = [e.kind for e in first.events(sid)]
    assert kinds.count("move") == 1  # introduction -> curiosity when it was recorded; nothing from the reader
    a.let_go()
    first.close()
    second.close()


def test_a_closed_appointment_refuses_every_entry(demo_register):
    from choice_assistant.appointment import WorkflowError
    from tests.support.pilot import session_at

    import pytest

    sid = session_at("letters", demo_register)
    with open_journal() as store:
        a = Appointment.resume(store, sid, demo_register, now=NOW)
        assert a.next() and a.state == "closed"
        for attempt in (lambda: a.set_text("concerns", "x"), lambda: a.choose("transfer", "ben"),
                        lambda: a.set_client_wants("keep"), lambda: a.tick_phrase("welcome")):
            with pytest.raises(WorkflowError, match="closed"):
                attempt()
        with pytest.raises(Exception):
            store.append(sid, "text", {"field": "concerns", "value": "written behind its back"})
        assert Appointment.resume(store, sid, demo_register, now=NOW).session.concerns != "written behind its back"


async def test_a_slot_taken_between_showing_and_booking_is_said_and_the_next_one_offered(demo_register):
    from tests.support.pilot import session_at

    sid = session_at("booking", demo_register)
    other = session_at("booking", demo_register, session_id="other-family")
    with SqliteStore.open() as store:
        app = ChoiceAssistantApp(demo_register, store, demo=True, now=NOW, session_id=sid, cursor_blink=False)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            slots = app.screen.query_one("#slots")
            first = slots.get_option_at_index(0).id
            second = slots.get_option_at_index(1).id
            # Another clinician books that slot for their family while this list is on screen.
            b = Appointment.resume(store, other, demo_register, now=NOW)
            b.book(datetime.fromisoformat(first))
            slots.focus()
            slots.highlighted = 0
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen.appointment.session.outcome.slot is None
            assert slots.get_option_at_index(slots.highlighted).id == second
            shown = " ".join(str(n.message) for n in app._notifications)
            assert "has just been booked for another family" in shown and "next free one" in shown
