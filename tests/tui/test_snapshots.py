"""SVG snapshots of every stage of the assistant, at fixed sizes, with a fixed clock and session id."""

from __future__ import annotations

import pytest

from choice_assistant.tui import ChoiceAssistantApp
from tests.tui.test_tui import NOW, ORDER, SIZE, session_at


def app_at(register, path, stage: str | None, **kwargs) -> ChoiceAssistantApp:
    sid = session_at(register, stage) if stage else None
    return ChoiceAssistantApp(register, path, demo=True, now=NOW, session_id=sid, clinician="ayo", cursor_blink=False, **kwargs)


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.pause()


@pytest.mark.parametrize("stage", ORDER + ["closed"])
def test_each_stage_looks_right(snap_compare, demo_register, demo_register_path, stage):
    if stage == "closed":
        app = app_at(demo_register, demo_register_path, "letters")

        async def close(pilot):
            await pilot.press("ctrl+n")
            await settle(pilot)

        assert snap_compare(app, terminal_size=SIZE, run_before=close)
        return
    assert snap_compare(app_at(demo_register, demo_register_path, stage), terminal_size=SIZE, run_before=settle)


def test_a_new_appointment_at_80_by_24(snap_compare, demo_register, demo_register_path):
    assert snap_compare(app_at(demo_register, demo_register_path, None), terminal_size=(80, 24), run_before=settle)


def test_goals_at_80_by_24_with_the_agreed_pane_shown(snap_compare, demo_register, demo_register_path):
    async def show_side(pilot):
        await pilot.press("ctrl+g")
        await settle(pilot)

    assert snap_compare(app_at(demo_register, demo_register_path, "goals"), terminal_size=(80, 24), run_before=show_side)


def test_the_guard_message_when_moving_on_too_early(snap_compare, demo_register, demo_register_path):
    async def too_early(pilot):
        await pilot.press("ctrl+n")
        await settle(pilot)

    assert snap_compare(app_at(demo_register, demo_register_path, None), terminal_size=SIZE, run_before=too_early)


def test_the_tone_hint(snap_compare, demo_register, demo_register_path):
    async def sorry(pilot):
        pilot.app.screen.query_one("#f-try").focus()
        await pilot.press(*"sorry, I have to transfer you")
        pilot.app.screen.save_now()  # as the half-second timer would, so the side pane is predictable
        pilot.app.screen.refresh_views()
        await settle(pilot)

    assert snap_compare(app_at(demo_register, demo_register_path, "choice_point"), terminal_size=SIZE, run_before=sorry)


def test_help_for_the_current_stage(snap_compare, demo_register, demo_register_path):
    async def helped(pilot):
        await pilot.press("f1")
        await settle(pilot)

    assert snap_compare(app_at(demo_register, demo_register_path, "curiosity"), terminal_size=SIZE, run_before=helped)


def test_the_light_theme(snap_compare, demo_register, demo_register_path):
    async def light(pilot):
        await pilot.press("ctrl+t")
        await settle(pilot)

    assert snap_compare(app_at(demo_register, demo_register_path, "allocation"), terminal_size=SIZE, run_before=light)


def test_a_first_start_opens_at_the_introduction_with_no_clinician_chosen(snap_compare, demo_register, demo_register_path):
    app = ChoiceAssistantApp(demo_register, demo_register_path, demo=True, now=NOW, cursor_blink=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=settle)


def test_allocation_at_80_by_24_keeps_the_advice_in_view(snap_compare, demo_register, demo_register_path):
    assert snap_compare(app_at(demo_register, demo_register_path, "allocation"), terminal_size=(80, 24), run_before=settle)


# -- practice mode -----------------------------------------------------------------------------------

def practice_app(register, path, tmp_path, sid: str = "clear-transfer") -> ChoiceAssistantApp:
    from choice_assistant.training.scenario import bundled_scenarios

    scenario = next(s for s in bundled_scenarios() if s.id == sid)
    return ChoiceAssistantApp(register, path, demo=True, training=scenario, now=scenario.when, cursor_blink=False,
                              store_path=tmp_path / "practice.sqlite3")


def test_the_practice_briefing(snap_compare, demo_register, demo_register_path, tmp_path):
    assert snap_compare(practice_app(demo_register, demo_register_path, tmp_path), terminal_size=SIZE, run_before=settle)


def test_practice_with_the_familys_answer_in_the_conversation(snap_compare, demo_register, demo_register_path, tmp_path):
    async def said(pilot):
        await pilot.press("escape", "f6")
        pilot.app.focused.value = "Welcome. After today you will usually see the person whose skills best fit your goals."
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(practice_app(demo_register, demo_register_path, tmp_path), terminal_size=SIZE, run_before=said)


def test_practice_at_80_by_24_shows_the_familys_answer_under_the_say_field(snap_compare, demo_register, demo_register_path, tmp_path):
    async def said(pilot):
        await pilot.press("escape", "f6")
        pilot.app.focused.value = "What worries you most?"
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(practice_app(demo_register, demo_register_path, tmp_path), terminal_size=(80, 24), run_before=said)


def test_the_coach_report_at_the_end_of_practice(snap_compare, demo_register, demo_register_path, tmp_path, monkeypatch):
    import shutil

    from tests.tui.test_tui_training import play_in_app

    # A fixed data folder, so the saved report's path on screen is the same on every run.
    shown_dir = "/tmp/choice-assistant-snapshot-data"
    shutil.rmtree(shown_dir, ignore_errors=True)
    monkeypatch.setenv("CHOICE_ASSISTANT_DATA", shown_dir)

    async def played(pilot):
        await pilot.press("escape")
        await pilot.pause()
        await play_in_app(pilot, "good")
        await settle(pilot)

    app = practice_app(demo_register, demo_register_path, tmp_path, "no-partnership")
    assert snap_compare(app, terminal_size=SIZE, run_before=played)
    shutil.rmtree(shown_dir, ignore_errors=True)
