"""Practice mode through the running assistant: the say field reaches the simulated family, who answer in view."""

from __future__ import annotations

from choice_assistant.training.library import bundled_scenarios
from choice_assistant.tui import ChoiceAssistantApp

SIZE = (120, 36)


async def test_a_risk_question_typed_on_screen_gets_the_scenario_s_risk_answer(demo_register, demo_register_path, tmp_path):
    scenario = next(s for s in bundled_scenarios() if s.id == "clear-transfer")
    app = ChoiceAssistantApp(demo_register, demo_register_path, demo=True, training=scenario, now=scenario.when,
                             cursor_blink=False, store_path=tmp_path / "practice.sqlite3")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("f6")
        assert app.focused.id == "say-input"
        app.focused.value = "Have you ever thought about ending your life, Ella?"  # long text set, not typed key by key
        await pilot.press("enter")
        await pilot.pause()
        run = app.screen.training
        last = run.transcript[-1]
        assert last.speaker == "Ella" and last.intent == "risk" and "safe" in last.words
