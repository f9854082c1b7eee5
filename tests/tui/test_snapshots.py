"""SVG snapshots of every stage of the assistant, at fixed sizes, with a fixed clock and session id.

Every app here is built by tests.support.pilot from the sample files (examples/team.yaml, the bundled scenarios).
"""

from __future__ import annotations

import pytest

from tests.support.pilot import (NARROW, ORDER, SIZE, appointment, held_register, make_app, practice_app, settle,
                                 type_text, until)


async def letter_checked(pilot) -> None:
    """The Letters pane builds its preview in a worker: wait until its checks are shown."""
    await settle(pilot)
    await until(pilot, lambda: "Checking the letter" not in str(pilot.app.screen.query_one("#checks").render()), 10.0)
    await settle(pilot)


@pytest.mark.parametrize("stage", ORDER + ["closed"])
def test_each_stage_looks_right(snap_compare, stage):
    if stage == "letters":
        assert snap_compare(make_app(stage=stage), terminal_size=SIZE, run_before=letter_checked)
        return
    if stage == "closed":
        async def close(pilot):
            await pilot.press("ctrl+n")
            await settle(pilot)

        assert snap_compare(make_app(stage="letters"), terminal_size=SIZE, run_before=close)
        return
    assert snap_compare(make_app(stage=stage), terminal_size=SIZE, run_before=settle)


def test_a_new_appointment_at_80_by_24(snap_compare):
    assert snap_compare(make_app(), terminal_size=NARROW, run_before=settle)


def test_the_first_screen_while_the_register_is_still_being_read(snap_compare):
    import threading

    release = threading.Event()

    async def shown(pilot):
        await settle(pilot)
        threading.Timer(1.0, release.set).start()  # read once the picture is taken, so the app can stop

    assert snap_compare(make_app(register=held_register(release)), terminal_size=SIZE, run_before=shown)


def test_goals_at_80_by_24_with_the_agreed_pane_shown(snap_compare):
    async def show_side(pilot):
        await pilot.press("ctrl+g")
        await settle(pilot)

    assert snap_compare(make_app(stage="goals"), terminal_size=NARROW, run_before=show_side)


def test_the_guard_message_when_moving_on_too_early(snap_compare):
    async def too_early(pilot):
        await pilot.press("ctrl+n")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=too_early)


def test_the_tone_hint(snap_compare, clock):
    async def sorry(pilot):
        pilot.app.screen.query_one("#f-try").focus()
        await type_text(pilot, "sorry, I have to transfer you")
        clock.advance(1.0)  # the typing settles, so the side pane shows it too
        await until(pilot, lambda: not appointment(pilot.app).pending)
        await settle(pilot)

    assert snap_compare(make_app(stage="choice_point", clock=clock), terminal_size=SIZE, run_before=sorry)


def test_help_for_the_current_stage(snap_compare):
    async def helped(pilot):
        await pilot.press("f1")
        await settle(pilot)

    assert snap_compare(make_app(stage="curiosity"), terminal_size=SIZE, run_before=helped)


def test_the_light_theme(snap_compare):
    async def light(pilot):
        await pilot.press("ctrl+t")
        await settle(pilot)

    assert snap_compare(make_app(stage="allocation"), terminal_size=SIZE, run_before=light)


def test_a_first_start_opens_at_the_introduction_with_no_clinician_chosen(snap_compare):
    assert snap_compare(make_app(clinician=None), terminal_size=SIZE, run_before=settle)


def test_allocation_at_80_by_24_keeps_the_advice_in_view(snap_compare):
    assert snap_compare(make_app(stage="allocation"), terminal_size=NARROW, run_before=settle)


def test_booking_at_80_by_24_with_each_slot_and_where_it_is_held(snap_compare):
    assert snap_compare(make_app(stage="booking"), terminal_size=NARROW, run_before=settle)


def test_letters_at_80_by_24_saying_what_each_letter_lacks(snap_compare):
    assert snap_compare(make_app(stage="letters"), terminal_size=NARROW, run_before=letter_checked)


# -- practice mode -----------------------------------------------------------------------------------

def test_the_practice_briefing(snap_compare, tmp_path):
    assert snap_compare(practice_app(tmp_path), terminal_size=SIZE, run_before=settle)


async def stages_drawn_to_width(pilot) -> None:
    """The stage list, first drawn out of sight under the briefing, drawn again at its width: its reason on one line."""
    from tests.support.pilot import option_text

    stages = pilot.app.screen.query_one("#stages")
    await until(pilot, lambda: any("…" in option_text(stages.get_option_at_index(i))
                                   for i in range(stages.option_count)))
    await settle(pilot)


def test_practice_with_the_familys_answer_in_the_conversation(snap_compare, tmp_path):
    async def said(pilot):
        await pilot.press("escape", "f6")
        await type_text(pilot, "Welcome. After today you will usually see the person whose skills best fit your goals.")
        await pilot.press("enter")
        await stages_drawn_to_width(pilot)

    assert snap_compare(practice_app(tmp_path), terminal_size=SIZE, run_before=said)


def test_practice_at_80_by_24_shows_the_familys_answer_under_the_say_field(snap_compare, tmp_path):
    async def said(pilot):
        await pilot.press("escape", "f6")
        await type_text(pilot, "What worries you most?")
        await pilot.press("enter")
        await stages_drawn_to_width(pilot)

    assert snap_compare(practice_app(tmp_path), terminal_size=NARROW, run_before=said)


def test_going_back_to_curiosity_at_80_by_24_keeps_the_stages_reached(snap_compare):
    from tests.tui.test_in_clinic import maya_at

    async def back(pilot):
        await settle(pilot)
        await pilot.app.screen.go_to("curiosity")
        await settle(pilot)

    assert snap_compare(make_app(session_id=maya_at("letters")), terminal_size=NARROW, run_before=back)


def test_the_introduction_phrases_at_80_by_24_each_beside_its_tick(snap_compare):
    from tests.tui.test_in_clinic import maya_at

    async def phrases(pilot):
        await settle(pilot)
        pilot.app.screen.query_one("#phrases").focus()
        await pilot.press("space")
        await settle(pilot)

    assert snap_compare(make_app(session_id=maya_at("introduction")), terminal_size=NARROW, run_before=phrases)
