"""What a clinician sees during a whole appointment with a family in the room, at 120x36 and at 80x24."""

from __future__ import annotations

import re

import pytest

from choice_assistant.appointment import Appointment
from choice_assistant.journal.sqlite import SqliteStore
from choice_assistant.tui.app import AppointmentScreen
from tests.support.pilot import (NARROW, NOW, ORDER, SIZE, STEPS, appointment, make_app, on_screen, palette,
                                 sample_register, session_at, settle, until)

MAYA = "maya"


def maya_at(stage: str, goals: int = 2, agreed: bool = False, session_id: str = MAYA) -> str:
    """Maya Okafor (14), with her mother Grace, recorded up to `stage` (not moved past it); two goals.
    With `agreed`, a way of working is agreed for each goal (as the Choice Point records it)."""
    with SqliteStore.open() as store:
        a = Appointment.new(store, sample_register(), "ayo", now=NOW, session_id=session_id)
        a.set_text("young_person", "Maya Okafor")
        a.set_young_person(age=14)
        a.set_family([{"name": "Grace Okafor", "relation": "mother"}])
        for name in ORDER[: ORDER.index(stage)]:
            if name == "introduction":
                for phrase in a.phrases:
                    if phrase.required:
                        a.tick_phrase(phrase.id)
            elif name == "goals":
                a.add_goal("Go to school four days a week", owner="young_person", rating=3)
                if goals > 1:
                    a.add_goal("Fewer rows at home about school", owner="family", rating=4)
            elif name == "options":
                for n in range(1, goals + 1):
                    a.add_option(n, "cbt")
            elif name == "choice_point":
                STEPS[name](a)
                for n in range(2, goals + 1):
                    a.agree_option(n, "cbt")
            else:
                STEPS[name](a)
            assert a.next(), a.missing()
        if agreed:
            for n in range(1, goals + 1):
                a.agree_option(n, "cbt")
        a.flush()
    return session_id


def footer_keys(screen) -> list[str]:
    return [k.key for k in screen.query("FooterKey")]


# -- 1. going back keeps what was reached ------------------------------------------------------------

async def test_jumping_back_from_the_palette_keeps_the_marks_of_every_stage_reached():
    app = make_app(session_id=maya_at("letters"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await palette(pilot, "Go to: Curiosity")
        await settle(pilot)
        assert appointment(app).state == "curiosity"
        stages = app.screen.query_one("#stages")
        shown = {stages.get_option_at_index(i).id: str(stages.get_option_at_index(i).prompt)
                 for i in range(stages.option_count)}
        assert shown["introduction"].startswith("✓")
        for stage, title in [("goals", "Goals"), ("formulation", "Shared understanding"), ("options", "Options"),
                             ("choice_point", "Choice Point"), ("allocation", "Who they will see"),
                             ("booking", "Booking")]:
            assert shown[stage].startswith("✓ " + title), shown[stage]
        assert shown["letters"].startswith("○ Letters")  # reached, not finished
        assert "locked" not in "".join(shown[s] for s in ORDER), "a stage reached before shows as locked"
        # Closed was never reached: locked, and the reason names the way there, not a stage already done.
        assert "Letters" in shown["closed"] and "Goals" not in shown["closed"]


# -- 2. resuming: the wording and the keys are in the first frame --------------------------------------

async def test_after_resuming_the_first_frame_has_the_wording_and_the_footer_keys():
    maya_at("curiosity")
    app = make_app()  # the start screen, offering Maya's unfinished appointment
    first_frame: list[tuple[str, list[str]]] = []

    def on_layout(screen) -> None:
        if not first_frame:
            say = screen.query("#say-text")
            first_frame.append((str(say.first().render()) if say else "", footer_keys(screen)))

    def on_screen_change(screen) -> None:
        if isinstance(screen, AppointmentScreen):
            screen.screen_layout_refresh_signal.subscribe(app, on_layout, immediate=True)

    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen_change_signal.subscribe(app, on_screen_change, immediate=True)
        await pilot.press("enter")  # carry on with Maya's appointment
        await until(pilot, lambda: bool(first_frame))
        say, keys = first_frame[0]
        assert "Stay curious" in say
        assert "ctrl+n" in keys and "f1" in keys


# -- 3. the suggested wording wraps at word boundaries, never mid-phrase -------------------------------

HARD_BREAK = re.compile(r"[a-z,]\n[ \t]*[a-z]")  # a line ending mid-sentence, continued on the next line


@pytest.mark.parametrize("stage", ["introduction", "curiosity", "goals", "formulation", "options", "choice_point"])
async def test_the_suggested_wording_has_no_line_breaks_in_the_middle_of_a_sentence(stage):
    app = make_app(session_id=maya_at(stage))
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        words = on_screen(app, "#say-text")
        assert words.strip()
        assert not HARD_BREAK.search(words), HARD_BREAK.search(words)


# -- 4. the wording speaks to the young person in the room ---------------------------------------------

@pytest.mark.parametrize("stage", ORDER)
async def test_the_wording_never_speaks_about_the_young_person_by_full_name(stage):
    app = make_app(session_id=maya_at(stage))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Maya Okafor" not in on_screen(app, "#say-text")


async def test_the_first_questions_are_asked_of_the_young_person_by_first_name():
    app = make_app(session_id=maya_at("curiosity"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        words = on_screen(app, "#say-text")
        assert "Maya, what has brought you here today?" in words
        assert "about Maya" not in words


# -- 5. each introduction phrase: its words and its tick seen together ---------------------------------

async def test_each_phrase_is_shown_with_its_tick_box_beside_its_words():
    app = make_app(session_id=maya_at("introduction"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        phrases = app.screen.query_one("#phrases")
        phrases.focus()
        for i, phrase in enumerate(appointment(app).phrases):
            phrases.highlighted = i
            await pilot.pause()
            lines = [phrases.render_line(y).text for y in range(phrases.size.height)]
            title = next(n for n, line in enumerate(lines) if phrase.title in line)
            assert "▐ ▌" in lines[title], lines[title]
            assert phrase.text.split()[0] in lines[title + 1] and phrase.text.split()[1] in lines[title + 1]
            assert app.screen.pane.region.contains_region(phrases.region) or \
                app.screen.pane.region.overlaps(phrases.region)
        await pilot.press("space")  # the last phrase, ticked: the X is on the line with its words' title
        await pilot.pause()
        lines = [phrases.render_line(y).text for y in range(phrases.size.height)]
        last = appointment(app).phrases[-1]
        assert appointment(app).phrases_said[last.id] is True
        assert any("▐X▌" in line and last.title in line for line in lines)


# -- 6. the suggested wording scrolls with the keyboard ------------------------------------------------

async def test_the_suggested_wording_scrolls_with_keys_from_any_field_and_says_how():
    app = make_app(session_id=maya_at("curiosity"))
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        box = app.screen.pane.query_one("#say")
        assert box.max_scroll_y > 0, "the wording fits: nothing to scroll at this size"
        assert app.focused.id == "f-concerns"
        await pilot.press("ctrl+down")
        await pilot.pause()
        assert box.scroll_y > 0
        assert app.focused.id == "f-concerns"  # typing goes on where it was
        await pilot.press("ctrl+up")
        await pilot.pause()
        assert box.scroll_y == 0
        await pilot.press("ctrl+down")
        await app.screen.go_to("introduction")
        await app.screen.go_to("curiosity")
        await settle(pilot)
        assert app.screen.pane.query_one("#say").scroll_y == 0  # opened again: the wording from its start
        assert "ctrl+" in str(box.border_subtitle)
        await pilot.press("f1")
        await pilot.pause()
        assert "ctrl+down" in app.screen.query_one("Markdown").source


# -- 7. tabbing from goal 1's options into goal 2's: each list stays in its own place ------------------------

@pytest.mark.parametrize("size", [SIZE, NARROW])
async def test_tabbing_into_goal_2s_options_keeps_every_part_of_the_pane_in_its_own_place(size):
    import itertools

    app = make_app(session_id=maya_at("options"))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert app.focused.id == "opts-1"
        await pilot.press("down", "space", "tab")  # tick a way forward for goal 1, then on to goal 2's list
        await settle(pilot)
        await pilot.pause(0.3)  # the pane has scrolled the list into view
        assert app.focused.id == "opts-2"
        shown = [w for w in app.screen.pane.children if w.display]
        for a, b in itertools.combinations(shown, 2):
            assert not a.region.overlaps(b.region), (a.id, a.region, b.id, b.region)
        first, second = app.screen.pane.query_one("#opts-1"), app.screen.pane.query_one("#opts-2")
        assert first.region.bottom <= second.region.y


# -- 8. a locked stage: one line in the list, the whole reason when it is chosen --------------------------

async def test_a_locked_stage_says_why_in_one_line_and_in_full_when_chosen():
    app = make_app(session_id=maya_at("introduction"))
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        stages = app.screen.query_one("#stages")
        lines = [stages.render_line(y).text.rstrip() for y in range(stages.size.height)]
        curiosity = next(n for n, line in enumerate(lines) if "Curiosity" in line)
        assert "locked" in lines[curiosity + 1] and "Goals" in lines[curiosity + 2], lines
        assert lines[curiosity + 1].endswith("…")
        reason = appointment(app).locked_reason("curiosity")
        stages.focus()
        stages.highlighted = 1
        await pilot.press("enter")
        await pilot.pause()
        assert appointment(app).state == "introduction"
        assert reason in str(app.screen.query_one("#guard").render())
        assert stages.tooltip == reason


# -- 9. the footer the family can see: no clinician's decisions, no keys without a use ----------------------

async def test_the_choice_point_decisions_are_kept_out_of_the_footer_but_still_work():
    app = make_app(session_id=maya_at("choice_point", agreed=True))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        keys = footer_keys(app.screen)
        assert "f8" not in keys and "f9" not in keys and "ctrl+n" in keys
        await pilot.press("f1")
        await pilot.pause()
        help_text = app.screen.query_one("Markdown").source
        assert "f8" in help_text and "f9" in help_text
        await pilot.press("escape")
        await palette(pilot, "No Partnership work needed")
        await settle(pilot)
        assert appointment(app).view().session.outcome.decision == "no_partnership"


async def test_a_key_with_no_use_on_a_stage_is_not_in_its_footer():
    app = make_app(session_id=maya_at("letters"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")  # close the appointment
        await settle(pilot)
        assert appointment(app).state == "closed"
        keys = footer_keys(app.screen)
        assert "ctrl+n" not in keys and "ctrl+b" not in keys and "ctrl+s" not in keys and "f1" in keys
        await pilot.press("ctrl+b")  # still says why nothing happens
        await pilot.pause()
        assert "closed" in str(app.screen.query_one("#guard").render())
    app = make_app(session_id=maya_at("introduction", session_id="maya-2"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "ctrl+b" not in footer_keys(app.screen) and "ctrl+n" in footer_keys(app.screen)


async def test_f8_still_decides_no_partnership_at_the_choice_point():
    app = make_app(session_id=maya_at("choice_point", agreed=True))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f8")
        await settle(pilot)
        assert appointment(app).view().session.outcome.decision == "no_partnership"
