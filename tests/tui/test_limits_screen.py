"""A paste past a field's limit on screen: the field keeps it all, the part that fits is saved, a line says the rest is
not; and an appointment recorded past its limits opens, shows it all and can be shortened."""

from __future__ import annotations

from choice_assistant.journal.sqlite import SqliteStore
from tests.support.pilot import SID, SIZE, appointment, make_app, saved, session_at, settle, type_text, until

REFERRAL = "Referral letter from the school nurse. " + "Sam gets stomach aches before school and stays home. " * 400


def too_long_line(app) -> str:
    line = app.screen.query_one("#too-long")
    return str(line.render()) if line.display else ""


async def test_a_referral_letter_pasted_into_concerns_keeps_it_all_on_screen_saves_what_fits_and_says_so(data_dir):
    app = make_app(stage="curiosity")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.focused.id == "f-concerns"
        await type_text(pilot, REFERRAL)  # a paste, as one edit
        over = len(REFERRAL.strip()) - 20_000
        await until(pilot, lambda: f"{over:,} over its limit of 20,000" in too_long_line(app))
        assert "Not all saved" in too_long_line(app) and "Shorten it" in too_long_line(app)
        assert app.focused.text == REFERRAL, "nothing pasted is thrown off the screen"
        app.screen.save_now()
        assert saved(SID).concerns == REFERRAL.strip()[:20_000]

        # Another stage and back: the words past the limit are shown again, as they were, and still said.
        appointment(app).set_text("risk", "Asked about safety: no thoughts of harm")
        appointment(app).set_safety(False)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert appointment(app).state == "goals"
        await pilot.press("ctrl+b")
        await settle(pilot)
        assert app.screen.pane.query_one("#f-concerns").text == REFERRAL
        assert "Not all saved" in too_long_line(app)

        # Shortened: all of it is saved and the line goes.
        app.screen.pane.query_one("#f-concerns").focus()
        app.screen.pane.query_one("#f-concerns").select_all()
        await type_text(pilot, "Stomach aches before school; the referral letter is in the record.")
        await until(pilot, lambda: too_long_line(app) == "")
        app.screen.save_now()
        assert saved(SID).concerns == "Stomach aches before school; the referral letter is in the record."
        assert app.is_running


def _recorded_past_the_limits() -> None:
    """An appointment whose journal holds more than the limits, as one written before they were checked."""
    session_at("curiosity")
    with SqliteStore.open() as store:
        store.append(SID, "text", {"field": "concerns", "value": REFERRAL})
        store.append(SID, "things_to_try", {"items": [f"try {n}" for n in range(55)]})


async def test_an_appointment_recorded_past_its_limits_opens_says_so_and_is_mended_by_shortening(data_dir):
    _recorded_past_the_limits()
    app = make_app(session_id=SID)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.is_running and appointment(app).state == "curiosity"
        assert app.screen.pane.query_one("#f-concerns").text == REFERRAL.strip(), "all of it is shown"
        line = too_long_line(app)
        assert "Longer than it should be" in line and "there are 55 things to try" in line
        app.focused.select_all()
        await type_text(pilot, "Stomach aches before school.")
        appointment(app).set_things_to_try(["Walk past school at the weekend"])
        app.screen.refresh_views()
        await until(pilot, lambda: too_long_line(app) == "")
    assert saved(SID).concerns == "Stomach aches before school."


def test_the_line_saying_a_paste_was_past_the_limit(snap_compare, data_dir):
    async def paste(pilot):
        await settle(pilot)
        await type_text(pilot, REFERRAL)
        await until(pilot, lambda: bool(too_long_line(pilot.app)))
        await until(pilot, lambda: "What worries them" in str(pilot.app.screen.query_one("#transcript").render()))
        await settle(pilot)

    assert snap_compare(make_app(stage="curiosity"), terminal_size=SIZE, run_before=paste)
