"""Practice mode through the running assistant: one good and one poor run through the screens to the coach's report
(words through the say field, moves with the keys, the rest recorded as the widgets would); the other scenarios are
played in the domain (tests/domain/test_rubric_parts.py)."""

from __future__ import annotations

from choice_assistant.training.library import bundled_scenarios
from choice_assistant.training.script import record
from choice_assistant.tui import ChoiceAssistantApp
from tests.support.trainees import good_script, poor

SIZE = (120, 36)
SCENARIOS = {s.id: s for s in bundled_scenarios()}


def practice_app(register, path, scenario, tmp_path) -> ChoiceAssistantApp:
    """As `choice-assistant train SCENARIO` opens it: a journal of its own, the scenario's clock."""
    from choice_assistant.journal.sqlite import SqliteStore

    return ChoiceAssistantApp(register, SqliteStore.open(tmp_path / "practice.sqlite3"), demo=True,
                              training=scenario, now=scenario.when, cursor_blink=False)


async def _move(pilot, key: str) -> None:
    await pilot.press(key)
    await pilot.pause()


async def play_on_screen(pilot, turns) -> None:
    """Each turn as a trainee at the screen would: say -> f6, the words, Enter; next -> ctrl+n (f8 for no
    Partnership); record -> the appointment's own methods, as the stage's widgets call them."""
    app = pilot.app
    run = app.screen.training
    for turn in turns:
        if "say" in turn:
            while turn.get("stage", run.stage) != run.stage:
                before = run.stage
                await _move(pilot, "ctrl+n")
                assert run.stage != before, str(app.screen.query_one("#guard").render())
            await pilot.press("f6")
            assert app.focused.id == "say-input"
            app.focused.value = turn["say"]  # set, not typed key by key
            await _move(pilot, "enter")
            assert run.transcript[-1].who == "family"
            shown = " ".join(str(app.screen.query_one("#family-says").render()).split())
            assert " ".join(run.transcript[-1].words.split()[:4]) in shown
        elif "next" in turn:
            before = run.stage
            await _move(pilot, "f8" if turn["next"] == "no_partnership" else "ctrl+n")
            assert run.stage != before, str(app.screen.query_one("#guard").render())
        else:
            for name, value in turn["record"].items():
                record(run, name, value)


async def test_a_good_run_through_the_screens_ends_at_a_passing_report(demo_register, demo_register_path, data_dir, tmp_path):
    scenario = SCENARIOS["disclosure-keep"]
    app = practice_app(demo_register, demo_register_path, scenario, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "ReadingScreen"  # the briefing
        await _move(pilot, "enter")
        run = app.screen.training
        await play_on_screen(pilot, good_script(scenario, demo_register))
        await pilot.pause()
        assert run.stage == "closed" and type(app.screen).__name__ == "ReadingScreen"
        page = app.screen.query_one("Markdown").source
        report = run.report()
        assert report.passed and f"Score: {report.score} / 100, passed" in page
        assert any(ln.speaker == "Mia" and ln.intent == "risk" for ln in run.transcript)
        saved = list((data_dir / "training").glob(f"*-{scenario.id}.md"))
        assert len(saved) == 1 and str(saved[0]) in page


async def test_a_poor_run_through_the_screens_ends_at_a_failing_report_that_quotes_the_trainee(
        demo_register, demo_register_path, data_dir, tmp_path):
    scenario = SCENARIOS["clear-transfer"]
    app = practice_app(demo_register, demo_register_path, scenario, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await _move(pilot, "escape")
        run = app.screen.training
        await play_on_screen(pilot, poor(scenario, demo_register))
        await _move(pilot, "ctrl+n")  # to Booking
        run.appointment.book(run.appointment.free_slots()[0])
        await play_on_screen(pilot, [{"next": True}, {"next": True}])
        await pilot.pause()
        assert run.stage == "closed" and type(app.screen).__name__ == "ReadingScreen"
        page = app.screen.query_one("Markdown").source
        assert "not passed yet" in page and "Safety gates" in page
        assert "handed over" in page and "I'm sorry, I have to transfer you" in page and "Try instead" in page


async def test_a_risk_question_typed_on_screen_gets_the_scenario_s_risk_answer(demo_register, demo_register_path, tmp_path):
    scenario = SCENARIOS["clear-transfer"]
    app = practice_app(demo_register, demo_register_path, scenario, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await _move(pilot, "escape")
        await play_on_screen(pilot, [{"say": "Have you ever thought about ending your life, Ella?"}])
        last = app.screen.training.transcript[-1]
        assert last.speaker == "Ella" and last.intent == "risk" and "safe" in last.words
