"""The terminal assistant, driven with the keyboard at a fixed size: each stage, the full path, guards, resume."""

from __future__ import annotations

from datetime import datetime

import pytest

from choice_assistant.store import SqliteStore
from choice_assistant.tui import ChoiceAssistantApp
from choice_assistant.workflow import Appointment

NOW = datetime(2026, 11, 23, 10, 0)
SIZE = (120, 36)


def make_app(register, path, **kwargs) -> ChoiceAssistantApp:
    kwargs.setdefault("clinician", "ayo")
    return ChoiceAssistantApp(register, path, demo=True, now=NOW, cursor_blink=False, **kwargs)


async def type_text(pilot, text: str) -> None:
    await pilot.press(*[{" ": "space"}.get(ch, ch) for ch in text])


def saved(session_id: str, register):
    """What a fresh process would find in the journal right now."""
    with SqliteStore.open() as store:
        return Appointment.resume(store, session_id, register, now=NOW).export()


def appointment(app):
    return app.screen.appointment


async def fill_introduction(pilot, name="Sam Rivers"):
    await type_text(pilot, name)
    app = pilot.app
    phrases = app.screen.query_one("#phrases")
    phrases.focus()
    for i, p in enumerate(appointment(app).phrases):
        phrases.highlighted = i
        if p.required:
            await pilot.press("space")
    await pilot.pause()


async def test_a_new_appointment_opens_at_the_introduction_with_the_name_field_focused(demo_register, demo_register_path):
    app = make_app(demo_register, demo_register_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert appointment(app).state == "introduction"
        assert app.focused is not None and app.focused.id == "f-name"
        assert "Riverside CAMHS" in app.screen.sub_title
        assert "demo" in app.screen.sub_title


async def carry_to_booking(pilot) -> None:
    """Introduction to a booked slot with keys only, as a clinician would."""
    app = pilot.app
    await fill_introduction(pilot)
    await pilot.press("ctrl+n")
    await pilot.pause()
    assert appointment(app).state == "curiosity", app.screen.query_one("#guard").render()
    assert app.focused.id == "f-concerns"
    await type_text(pilot, "Panics before school most mornings")
    app.screen.query_one("#f-risk").focus()
    await type_text(pilot, "Asked about safety: no thoughts of harm; feels safe at home")
    await pilot.press("ctrl+n")
    await pilot.pause()
    assert appointment(app).state == "goals"
    assert app.focused.id == "f-goal"
    await type_text(pilot, "Go to school three days a week without panicking")
    await pilot.press("enter")  # to whose goal
    await pilot.press("enter", "down", "enter")  # open the list, pick "young person"
    await pilot.press("tab")
    await type_text(pilot, "3")
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press("ctrl+n")
    await pilot.pause()
    assert appointment(app).state == "formulation", app.screen.query_one("#guard").render()
    await type_text(pilot, "Worry about school has grown since the move; Sam wants to get back to lessons")
    await pilot.press("ctrl+n")
    await pilot.pause()
    assert appointment(app).state == "options"
    # The first catalogue entry is highlighted; move to CBT and tick it.
    opts = app.focused
    cbt = [o.id for o in appointment(app).catalogue.values()].index("cbt")
    opts.highlighted = cbt
    await pilot.press("space")
    await pilot.press("ctrl+n")
    await pilot.pause()
    assert appointment(app).state == "choice_point", app.screen.query_one("#guard").render()
    assert app.focused.id == "f-try"
    await type_text(pilot, "Walk past school at the weekend")
    await pilot.press("tab")
    await pilot.press("enter", "down", "enter")  # the only discussed option: CBT
    await pilot.pause()
    await pilot.press("ctrl+n")
    await pilot.pause()
    assert appointment(app).state == "allocation", app.screen.query_one("#guard").render()
    assert app.focused.id == "f-gender"
    app.screen.query_one("#f-wants").focus()
    await pilot.press("down", "down", "enter")  # "see someone else"
    await pilot.pause()
    app.screen.query_one("#f-choice").focus()
    await pilot.press("down", "enter")  # below "stay with Ayo": the best-fitting colleague
    await pilot.pause()
    assert appointment(app).export().outcome is not None
    await pilot.press("ctrl+n")
    await pilot.pause()
    assert appointment(app).state == "booking", app.screen.query_one("#guard").render()
    await pilot.press("enter")  # earliest free slot
    await pilot.pause()


async def test_the_full_path_from_introduction_to_a_booked_slot_by_keyboard(demo_register, demo_register_path):
    app = make_app(demo_register, demo_register_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await carry_to_booking(pilot)
        session = appointment(app).export()
        assert session.outcome.slot is not None
        assert session.outcome.decision in ("keep", "transfer")
        sid = session.session
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert appointment(app).state == "letters"
    found = saved(sid, demo_register)
    assert found.young_person.name == "Sam Rivers"
    assert found.concerns == "Panics before school most mornings"
    assert found.goals[0].text == "Go to school three days a week without panicking"
    assert found.goals[0].rating == 3 and found.goals[0].owner == "young_person"
    assert found.things_to_try == ["Walk past school at the weekend"]
    assert found.outcome.slot is not None
