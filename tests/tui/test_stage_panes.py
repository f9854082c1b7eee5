"""Moving between stages: a pane seen before comes back at once, and never shows anything out of date."""

from __future__ import annotations

from textual.widgets import Input

from tests.support.pilot import SIZE, appointment, make_app, session_at, settle, type_text, until


async def _go(pilot, stage: str) -> None:
    await pilot.app.screen.go_to(stage)
    await settle(pilot)
    assert pilot.app.screen.pane.stage == stage


async def test_words_typed_on_a_stage_are_there_when_the_clinician_comes_back(data_dir):
    app = make_app(stage="curiosity")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_text(pilot, "Panics on Sunday nights too")
        await _go(pilot, "introduction")
        await _go(pilot, "curiosity")
        assert app.screen.pane.main().text.endswith("Panics on Sunday nights too")
        assert app.focused is app.screen.pane.main()


async def test_a_stage_seen_before_shows_what_was_recorded_elsewhere_since(data_dir):
    app = make_app(stage="curiosity")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _go(pilot, "introduction")
        assert app.screen.pane.query_one("#f-age", Input).value == "14"
        await _go(pilot, "curiosity")
        appointment(app).set_young_person(age=15)  # recorded while the introduction is out of sight
        await _go(pilot, "introduction")
        assert app.screen.pane.query_one("#f-age", Input).value == "15"
        assert len(app.screen.query("#f-age")) == 1  # the out-of-date pane is gone, not just hidden


async def test_the_next_stage_built_out_of_sight_shows_what_was_recorded_before_moving_on(data_dir):
    app = make_app(session_id=session_at("goals", upto="goals"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await until(pilot, lambda: bool(app.screen.query("#pane-formulation")))  # built while Goals is open
        appointment(app).set_text("formulation", "Worry grew after the move")  # as if typed elsewhere
        await _go(pilot, "formulation")
        assert app.screen.pane.main().text == "Worry grew after the move"
        await until(pilot, lambda: bool(app.screen.query("#pane-options")))
        await _go(pilot, "goals")
        appointment(app).add_goal("Sleep before midnight", owner="young_person", rating=2)
        await _go(pilot, "formulation")
        await _go(pilot, "options")
        assert app.screen.pane.query("#opts-2"), "the options for the goal added after the pane was built"


async def test_the_side_pane_follows_typing_while_it_goes_on_and_shows_the_last_of_it_once_it_pauses(data_dir):
    import time

    from tests.support.pilot import on_screen

    app = make_app(stage="curiosity")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.pause(0.6)
        started = time.monotonic()
        typed = ""
        while time.monotonic() - started < 1.4:  # typing on, never pausing for half a second
            await pilot.press("x")  # real keys: when the side pane is redrawn depends on them
            typed += "x"
        shown = on_screen(app, "#transcript")
        assert "xxx" in shown, "the side pane was redrawn while the typing went on"
        await until(pilot, lambda: typed in on_screen(app, "#transcript").replace("\n", ""), limit=2)


async def test_the_choice_point_seen_before_asks_again_once_the_agreed_option_is_taken_off_the_table(data_dir):
    from textual.widgets import Select

    app = make_app(session_id=session_at("choice_point", upto="choice_point"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.screen.pane.query_one("#agree-1", Select).value == "cbt"
        await _go(pilot, "options")
        appointment(app).remove_option(1, "cbt")  # as unticking it at Options does
        await _go(pilot, "choice_point")
        chooser = app.screen.pane.query_one("#agree-1", Select)
        assert chooser.value is Select.NULL
        assert "cbt" not in [value for _label, value in chooser._options]


def test_the_screen_has_a_pane_for_every_stage_of_the_appointment_and_the_domain_names_none():
    from choice_assistant.appointment.stages import STAGES, STAGE_IDS
    from choice_assistant.tui.stages import PANES, pane_for

    assert list(PANES) == STAGE_IDS
    assert all(pane_for(s).stage == s for s in STAGE_IDS)
    assert not any(hasattr(s, "pane") for s in STAGES)
