"""Booking shows where each slot is held, and says it again when the slot is booked."""

from __future__ import annotations

from tests.support.pilot import SIZE, appointment, make_app, option_text, settle


async def test_a_slot_held_elsewhere_shows_its_venue_on_screen_and_in_the_confirmation():
    app = make_app(stage="booking")  # the family chose Chloe Martin; her Thu 10 Dec 14:00 is at Hill Clinic
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        slots = app.screen.query_one("#slots")
        labels = {o.id: option_text(o) for o in slots.options}
        assert "Hill Clinic, room 2" in labels["2026-12-10T14:00:00"] and "Thu 10 Dec, 14:00" in labels["2026-12-10T14:00:00"]
        assert "Riverside Centre" in labels["2026-11-30T10:00:00"]  # the service's own address otherwise
        slots.focus()
        slots.highlighted = [o.id for o in slots.options].index("2026-12-10T14:00:00")
        await pilot.press("enter")
        await settle(pilot)
        assert appointment(app).export().outcome.slot.isoformat() == "2026-12-10T14:00:00"
        said = " ".join(str(n.message) for n in app._notifications)
        assert "Booked Thu 10 Dec, 14:00 at Hill Clinic, room 2" in said
