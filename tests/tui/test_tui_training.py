"""Practice mode played through the running assistant with the keyboard: briefing, the simulated family, the coach's report."""

from __future__ import annotations

import pytest

from choice_assistant.training.coach import MISSED, VERDICT_LABELS
from choice_assistant.training.scenario import bundled_scenarios
from choice_assistant.training.practice import Move, Say, script
from choice_assistant.tui import ChoiceAssistantApp

SIZE = (120, 36)
SCENARIOS = {s.id: s for s in bundled_scenarios()}
KEYS = {"next": "ctrl+n", "no_partnership": "f8"}


def practice_app(register, path, scenario, tmp_path) -> ChoiceAssistantApp:
    """As `choice-assistant train SCENARIO` opens it: a journal of its own, the scenario's clock."""
    return ChoiceAssistantApp(register, path, demo=True, training=scenario, now=scenario.when, cursor_blink=False,
                              store_path=tmp_path / "practice.sqlite3")


def on_screen(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def say(pilot, text: str, by_key: bool) -> None:
    """Put the words in the "say to the family" field (f6) and send them with Enter."""
    app = pilot.app
    await pilot.press("f6")
    assert app.focused.id == "say-input"
    if by_key:
        await pilot.press(*[{" ": "space"}.get(ch, ch) for ch in text])
    else:
        app.focused.value = text
    await pilot.press("enter")
    await pilot.pause()


async def play_in_app(pilot, style: str) -> list[str]:
    """A scripted trainee through the screens: words through the say field, moves with the keys,
    the rest recorded on the appointment as the widgets would. Returns the family's replies seen on screen."""
    app = pilot.app
    run = app.screen.training
    replies = []
    for n, step in enumerate(script(run, style)):
        if isinstance(step, Say):
            before = len(run.transcript)
            await say(pilot, step.text, by_key=n == 0)
            answers = [line.text for line in run.transcript[before:] if line.who == "family"]
            transcript = on_screen(app, "#transcript")
            for answer in answers:
                assert " ".join(answer.split()[:4]) in " ".join(transcript.split()), answer
            replies += answers
        else:
            assert isinstance(step, Move)
            await pilot.press(KEYS[step.trigger])
            await pilot.pause()
            assert run.stage == step.to, on_screen(app, "#guard") if run.stage != "closed" else run.stage
    await pilot.pause()
    return replies


@pytest.mark.parametrize("sid", sorted(SCENARIOS))
async def test_a_trainee_plays_each_scenario_with_the_keyboard_to_the_coach_report(sid, demo_register, demo_register_path, data_dir, tmp_path):
    scenario = SCENARIOS[sid]
    app = practice_app(demo_register, demo_register_path, scenario, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "ReadingScreen"
        assert f"Practice: {scenario.title}" in app.screen.query_one("Markdown").source
        await pilot.press("enter")  # close the briefing and start
        await pilot.pause()
        assert "Practice" in app.screen.title and app.focused.id == "f-name"
        replies = await play_in_app(pilot, "good")
        assert replies, "the family never answered"
        assert type(app.screen).__name__ == "ReadingScreen"
        page = app.screen.query_one("Markdown").source
        report = app.screen_stack[-2].training.report()
        for point in report.points:
            assert f"{point.title}: {point.label}" in page
        saved = list((data_dir / "training").glob(f"{sid}-*.md"))
        assert len(saved) == 1 and str(saved[0]) in page
        assert "## 1. " in saved[0].read_text(encoding="utf-8")
        assert MISSED not in {p.verdict for p in report.points}


async def test_a_poor_run_through_the_screens_reports_the_apology_under_tone(demo_register, demo_register_path, data_dir, tmp_path):
    scenario = SCENARIOS["clear-transfer"]
    app = practice_app(demo_register, demo_register_path, scenario, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await play_in_app(pilot, "poor")
        page = app.screen.query_one("Markdown").source
        report = app.screen_stack[-2].training.report()
        tone = page.split(f"Tone: {VERDICT_LABELS[MISSED]}", 1)[1].split("## ", 1)[0]
        assert "I'm sorry, I have to transfer" in tone
        for key in ("introduction", "goals", "risk"):
            assert f"{report.point(key).title}: {VERDICT_LABELS[MISSED]}" in page


async def test_the_coach_key_explains_why_the_stage_matters_in_practice_only(demo_register, demo_register_path, tmp_path):
    scenario = SCENARIOS["clear-transfer"]
    app = practice_app(demo_register, demo_register_path, scenario, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        footer = [b.binding.key for b in app.active_bindings.values()]
        assert "f3" in footer and "f6" in footer
        await pilot.press("f3")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        assert "In the feedback:" in app.screen.query_one("Markdown").source
    real = ChoiceAssistantApp(demo_register, demo_register_path, demo=True, now=scenario.when, clinician="ayo",
                              cursor_blink=False)
    async with real.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "f3" not in {b.binding.key for b in real.active_bindings.values() if b.enabled}
        await pilot.press("f3")
        await pilot.pause()
        assert type(real.screen).__name__ == "AppointmentScreen"  # practice used a journal of its own


async def test_the_gp_copy_agreed_at_letters_survives_moving_on(demo_register, demo_register_path, tmp_path):
    scenario = SCENARIOS["no-partnership"]
    app = practice_app(demo_register, demo_register_path, scenario, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        appointment = app.screen.appointment
        await play_in_app(pilot, "good")
        assert appointment.export().consent.copy_to_gp


async def test_at_80_by_24_the_familys_answer_shows_under_the_say_field_and_esc_returns_to_the_form(
        demo_register, demo_register_path, tmp_path):
    scenario = SCENARIOS["clear-transfer"]
    app = practice_app(demo_register, demo_register_path, scenario, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not app.screen.query_one("#side").display
        await say(pilot, "Welcome. After today you will usually see the person whose skills best fit your goals.", by_key=False)
        reply = app.screen.training.transcript[-1]
        assert reply.who == "family"
        shown = app.screen.query_one("#family-says")
        assert shown.display and " ".join(reply.text.split()[:4]) in str(shown.render())
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused.id == "f-name"
