"""The level a goal's way of working needs is asked where it is agreed, defaulting from the options catalogue."""

from __future__ import annotations

from textual.widgets import Select

from tests.support.pilot import SIZE, appointment, make_app, saved, session_at, settle


async def test_agreeing_a_way_of_working_offers_its_level_from_the_catalogue_and_a_change_is_recorded():
    app = make_app(session_id=session_at("choice_point"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        level = app.screen.query_one("#level-1", Select)
        assert not level.display  # nothing agreed yet: no level to ask about
        app.screen.query_one("#agree-1", Select).value = "cbt"
        await settle(pilot)
        assert level.display and level.value == "core"  # CBT is core work in the catalogue
        level.value = "specific"
        await settle(pilot)
        goal = saved(appointment(app).session_id).goals[0]
        assert (goal.approach, goal.level.value) == ("cbt", "specific")
        # The advice now asks for specialist training, in the family's words.
        rec = appointment(app).recommendation()
        first = rec.candidate(rec.suggested)
        assert any("specialist training in Cognitive behavioural therapy" in n.text for n in first.reasons)


async def test_a_way_of_working_outside_the_team_asks_no_level():
    app = make_app(session_id=session_at("choice_point"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.query_one("#agree-1", Select).value = "family_strengths"
        await settle(pilot)
        assert not app.screen.query_one("#level-1", Select).display
