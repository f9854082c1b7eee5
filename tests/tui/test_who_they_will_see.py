"""Who they will see: the family's stance once, advice that follows it, one list to record who, team notes folded."""

from __future__ import annotations

import re

import pytest

from tests.support.pilot import NARROW, SIZE, appointment, make_app, on_screen, option_text, session_at


def people(app) -> list[tuple[str, str]]:
    choice = app.screen.query_one("#f-choice")
    return [(o.id, option_text(o)) for o in choice.options]


async def choose_stance(pilot, wants: str) -> None:
    app = pilot.app
    radios = app.screen.query_one("#f-wants")
    radios.focus()
    index = ["undecided", "keep", "transfer"].index(wants)
    for _ in range(3):
        await pilot.press("up")
    for _ in range(index):
        await pilot.press("down")
    await pilot.press("enter")
    await pilot.pause()


async def test_once_the_family_ask_to_stay_the_advice_follows_them_and_never_asks_again():
    app = make_app(stage="allocation")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await choose_stance(pilot, "keep")
        advice = on_screen(app, "#advice")
        assert "Staying with Ayo Bello fits these goals, as the family would like" in advice
        everything = advice + "".join(text for _, text in people(app))
        assert "which they would prefer" not in everything and "offer both" not in everything.lower()
        assert "offer both" not in on_screen(app, "#say-text")


async def test_the_list_starts_on_the_suggestion_and_enter_records_it_with_the_familys_stance():
    app = make_app(stage="allocation")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        choice = app.screen.query_one("#f-choice")
        choice.focus()
        await pilot.pause()
        rec = appointment(app).recommendation()
        assert choice.highlighted_option.id == f"transfer:{rec.suggested}"
        await pilot.press("enter")
        await pilot.pause()
        session = appointment(app).export()
        assert (session.outcome.decision, session.outcome.clinician, session.client_wants) == ("transfer", rec.suggested, "transfer")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert appointment(app).state == "booking", on_screen(app, "#guard")


async def test_choosing_to_stay_from_the_list_records_the_stance_too_so_nothing_is_entered_twice():
    app = make_app(stage="allocation")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        choice = app.screen.query_one("#f-choice")
        choice.focus()
        choice.highlighted = [o.id for o in choice.options].index("keep:ayo")
        await pilot.press("enter")
        await pilot.pause()
        session = appointment(app).export()
        assert (session.outcome.decision, session.client_wants) == ("keep", "keep")
        assert app.screen.query_one("#f-wants").pressed_button.name == "keep"
        # The wish to stay is the stance: it is not a separate reason to tick as well.
        reasons = app.screen.query_one("#f-keep")
        assert "client_preference" not in [reasons.get_option_at_index(i).value for i in range(reasons.option_count)]


async def test_every_person_listed_has_a_reason_in_plain_words_and_dates_in_one_format():
    app = make_app(stage="allocation")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        listed = people(app)
        assert listed
        for _, text in listed:
            lines = [line.strip() for line in text.splitlines() if line.strip()]
            assert any(line.startswith("+") for line in lines[1:]), text  # a reason the family can follow
            assert not re.search(r"\b(core|specific) level\b", text) and "Specific input" not in text, text
            assert not re.search(r"\d{4}-\d\d-\d\d", text), text  # never 2026-11-30 beside Mon 30 Nov
            assert re.search(r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2}, \d\d:\d\d|no free appointment", lines[0]), text


async def test_team_notes_are_folded_behind_a_key_and_fold_again_once_the_choice_is_recorded():
    app = make_app(stage="allocation")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        staff, marker = app.screen.query_one("#staff-notes"), app.screen.query_one("#staff-marker")
        assert not staff.display and marker.display and "for you and the team" in on_screen(app, "#staff-marker")
        await pilot.press("f7")
        await pilot.pause()
        assert staff.display and not marker.display
        rec = appointment(app).recommendation()
        team_words = [n.text for c in rec.transfer for n in c.cautions + c.reasons if n.audience == "clinician"]
        assert team_words and any(w[:40] in on_screen(app, "#staff-notes").replace("\n", " ") for w in team_words)
        choice = app.screen.query_one("#f-choice")
        choice.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert not staff.display and marker.display


@pytest.mark.parametrize("size", [SIZE, NARROW])
async def test_nothing_meant_for_the_team_is_in_what_may_be_read_with_the_family(size):
    app = make_app(session_id=session_at("allocation"))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        rec = appointment(app).recommendation()
        family_side = on_screen(app, "#advice") + "".join(text for _, text in people(app))
        for c in [rec.keep, *rec.transfer]:
            for n in [*c.reasons, *c.cautions]:
                if n.audience == "clinician":
                    assert n.text[:30] not in family_side
