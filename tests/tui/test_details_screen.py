"""Details (ctrl+r, or "Details" in the palette): identifiers, addresses, referral and needs, typed on screen and saved."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from tests.support.pilot import NARROW, SIZE, appointment, make_app, on_screen, palette, saved, settle, type_text


async def fill(pilot, field_id: str, text: str) -> None:
    pilot.app.screen.query_one(f"#{field_id}", Input).focus()
    await type_text(pilot, text)


async def test_every_identifier_and_address_typed_in_details_is_saved_and_the_age_follows_the_date_of_birth():
    app = make_app(stage="curiosity")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert app.focused.id == "f-dob"
        app.focused.value = ""  # the date of birth recorded at the start, typed again
        await type_text(pilot, "24/11/2011")  # the day after the appointment's date, fifteen years before
        await fill(pilot, "f-nhs", "943 476 5919")
        await fill(pilot, "f-address", "12 Mill Road, Riverside RV1 4CD")
        await fill(pilot, "f-fam-0", "3 Long Lane, Hilltown HT2 9ZZ")
        await fill(pilot, "f-ref-name", "Ms K Lowe")
        await fill(pilot, "f-ref-role", "School nurse")
        await fill(pilot, "f-ref-org", "Riverside Academy")
        await fill(pilot, "f-ref-address", "Park Road, Riverside RV4 1AA")
        await fill(pilot, "f-ref-reason", "Missing school since October; panic attacks in class")
        await fill(pilot, "f-gp-name", "Dr E Hughes")
        await fill(pilot, "f-gp-practice", "Quayside Surgery")
        await fill(pilot, "f-gp-address", "2 Quay Street, Riverside RV1 5SU")
        needs = app.screen.query_one("#f-needs-1")  # the mother
        needs.select("interpreter")
        await fill(pilot, "f-lang-1", "Polish")
        await pilot.pause(0.3)
        assert "Age 14" in on_screen(app, "#yp-said")
        session = saved(appointment(app).session_id)  # what a fresh process would read: saved as typed
        yp = session.young_person
        assert (yp.date_of_birth.isoformat(), yp.age, yp.nhs_number, yp.address) == (
            "2011-11-24", 14, "943 476 5919", "12 Mill Road, Riverside RV1 4CD")
        assert session.family[0].address == "3 Long Lane, Hilltown HT2 9ZZ"
        assert (session.referrer.name, session.referrer.reason) == ("Ms K Lowe", "Missing school since October; panic attacks in class")
        assert (session.gp.name, session.gp.practice) == ("Dr E Hughes", "Quayside Surgery")
        assert [(n.who, n.needs, n.language) for n in session.communication_needs] == [("Jo Rivers", ["interpreter"], "Polish")]
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.pane.stage == "curiosity"


async def test_a_number_that_cannot_be_an_nhs_number_is_said_kept_on_screen_and_not_recorded():
    app = make_app(stage="curiosity")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        await fill(pilot, "f-nhs", "943 476 5918")
        await pilot.pause(0.3)
        assert "check digit" in on_screen(app, "#yp-said")
        assert "Value error" not in on_screen(app, "#yp-said") and "nhs_number" not in on_screen(app, "#yp-said")
        assert app.screen.query_one("#f-nhs", Input).value == "943 476 5918"
        assert saved(appointment(app).session_id).young_person.nhs_number is None


async def test_the_palette_finds_details_by_address_and_the_introduction_points_to_it():
    app = make_app(stage="introduction")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "ctrl+r Details" in on_screen(app, "#details-pointer")
        await palette(pilot, "address")
        await settle(pilot)
        assert app.screen.query_one("#details-box") is not None


@pytest.mark.parametrize("size", [SIZE, NARROW], ids=["120x36", "80x24"])
def test_details_looks_right(snap_compare, size):
    async def open_details(pilot):
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        await pilot.pause(0.3)

    assert snap_compare(make_app(stage="curiosity"), terminal_size=size, run_before=open_details)


@pytest.mark.parametrize("stage", ["goals", "letters"])
async def test_details_open_with_the_same_key_at_every_stage(stage):
    app = make_app(stage=stage)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert app.screen.query("#details-box")
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.pane.stage == stage
