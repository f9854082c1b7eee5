"""The terminal assistant, driven with the keyboard at a fixed size: each stage, the full path, guards, resume."""

from __future__ import annotations

from choice_assistant.appointment import Appointment
from choice_assistant.journal.sqlite import SqliteStore
from tests.support.pilot import (
    NARROW, NOW, SID, SIZE, appointment, make_app, on_screen, option_text, palette, practice_app, press_keys, saved, session_at,
    type_text, until,
)

LETTER_FORMATS = ("docx", "html", "md", "pdf")


async def fill_introduction(pilot, name="Sam Rivers"):
    await type_text(pilot, name)
    app = pilot.app
    phrases = app.screen.query_one("#phrases")
    phrases.focus()
    for i, p in enumerate(appointment(app).phrases):
        phrases.highlighted = i
        if p.required:
            await pilot.press("space")
    await pilot.pause()


async def test_a_new_appointment_opens_at_the_introduction_with_the_name_field_focused():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert appointment(app).state == "introduction"
        assert app.focused is not None and app.focused.id == "f-name"
        assert "Riverside CAMHS" in app.screen.title
        assert "demo" in app.screen.title


async def carry_to_booking(pilot) -> None:
    """Introduction to a booked slot with keys only, as a clinician would (the words themselves typed at once)."""
    app = pilot.app
    await fill_introduction(pilot)
    await pilot.press("ctrl+n")
    await pilot.pause()
    assert appointment(app).state == "curiosity", on_screen(app, "#guard")
    assert app.focused.id == "f-concerns"
    await type_text(pilot, "Panics before school most mornings")
    app.screen.query_one("#f-risk").focus()
    await type_text(pilot, "Asked about safety: no thoughts of harm; feels safe at home")
    app.screen.query_one("#f-safety").focus()
    await pilot.press("enter", "down", "enter")  # open the list, pick "no safety concerns"
    await pilot.press("ctrl+n")
    await pilot.pause()
    assert appointment(app).state == "goals", on_screen(app, "#guard")
    assert app.focused.id == "f-goal"
    await type_text(pilot, "Go to school three days a week without panicking")
    await pilot.press("enter")  # to whose goal
    await pilot.press("enter", "down", "enter")  # open the list, pick "young person"
    await pilot.press("tab")
    await type_text(pilot, "3")
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press("ctrl+n")
    await pilot.pause()
    assert appointment(app).state == "formulation", on_screen(app, "#guard")
    await type_text(pilot, "Worry about school has grown since the move; Sam wants to get back to lessons")
    await pilot.press("ctrl+n")
    await pilot.pause()
    assert appointment(app).state == "options"
    # The first catalogue entry is highlighted; move to CBT and tick it.
    opts = app.focused
    cbt = [o.id for o in appointment(app).catalogue.values()].index("cbt")
    opts.highlighted = cbt
    await pilot.press("space")
    await pilot.press("ctrl+n")
    await pilot.pause()
    assert appointment(app).state == "choice_point", on_screen(app, "#guard")
    assert app.focused.id == "f-try"
    await type_text(pilot, "Walk past school at the weekend")
    await pilot.press("tab")
    await pilot.press("enter", "down", "enter")  # the only discussed option: CBT
    await pilot.pause()
    await pilot.press("ctrl+n")
    await pilot.pause()
    assert appointment(app).state == "allocation", on_screen(app, "#guard")
    assert app.focused.id == "f-wants"
    await pilot.press("down", "down", "enter")  # "see someone else"
    await pilot.pause()
    app.screen.query_one("#f-choice").focus()
    await pilot.press("enter")  # the list starts on the suggestion: Enter records it
    await pilot.pause()
    assert appointment(app).export().outcome is not None
    await pilot.press("ctrl+n")
    await pilot.pause()
    assert appointment(app).state == "booking", on_screen(app, "#guard")
    await pilot.press("enter")  # earliest free slot
    await pilot.pause()


async def test_the_full_path_from_introduction_to_a_booked_slot_by_keyboard():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await carry_to_booking(pilot)
        session = appointment(app).export()
        assert session.outcome.slot is not None
        assert session.outcome.decision in ("keep", "transfer")
        sid = session.session
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert appointment(app).state == "letters"
    found = saved(sid)
    assert found.young_person.name == "Sam Rivers"
    assert found.concerns == "Panics before school most mornings"
    assert found.safety is not None and found.safety.concerns is False
    assert found.goals[0].text == "Go to school three days a week without panicking"
    assert found.goals[0].rating == 3 and found.goals[0].owner == "young_person"
    assert found.things_to_try == ["Walk past school at the weekend"]
    assert found.outcome.slot is not None


async def test_words_typed_reach_the_journal_without_saving_and_resume_exactly_there(clock):
    app = make_app(clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await fill_introduction(pilot, name="Ada Lane")
        await pilot.press("ctrl+n")
        await pilot.pause()
        await type_text(pilot, "Not sleeping since the summer")
        sid = appointment(app).session_id
        assert saved(sid).concerns != "Not sleeping since the summer"  # still settling
        clock.advance(1.0)  # typing settles; no key pressed to save
        # The process is still running, as if about to be killed: a fresh reader finds every word.
        await until(pilot, lambda: saved(sid).concerns == "Not sleeping since the summer")
        assert saved(sid).young_person.name == "Ada Lane"

    reopened = make_app()
    async with reopened.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert type(reopened.screen).__name__ == "StartScreen"
        await pilot.press("enter")  # the newest unfinished appointment is listed first
        await pilot.pause()
        assert appointment(reopened).session_id == sid
        assert appointment(reopened).state == "curiosity"
        assert reopened.focused.id == "f-concerns"
        assert reopened.focused.text == "Not sleeping since the summer"


async def test_moving_on_too_early_says_what_is_missing_and_stays():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert appointment(app).state == "introduction"
        assert "Who you will see next" in on_screen(app, "#guard")
        await fill_introduction(pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        await type_text(pilot, "Worried about school")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert appointment(app).state == "curiosity"
        assert "risk and safeguarding question is unanswered" in on_screen(app, "#guard")


async def test_locked_stages_say_why_in_the_progress_list():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        stages = app.screen.query_one("#stages")
        labels = [str(stages.get_option_at_index(i).prompt) for i in range(stages.option_count)]
        assert labels[0].startswith("▶ Introduction")
        assert "locked:" in labels[1]  # in one line; the whole reason when it is highlighted or chosen
        assert "Who you will see next" in stages.locked_reason("curiosity")
        assert "locked:" not in labels[4]  # the stages after it are locked for the same reason


async def test_transfer_as_loss_wording_gets_a_quiet_positive_suggestion():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        hint = app.screen.query_one("#tone")
        assert not hint.display
        app.screen.query_one("#private").focus()
        await type_text(pilot, "I'm sorry but I have to transfer you")
        await pilot.pause()
        assert hint.display
        assert "Try:" in str(hint.render())


async def test_help_explains_why_the_current_stage_matters():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        assert "Introduction: why this stage" in app.screen.query_one("Markdown").source
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "AppointmentScreen"


async def test_the_palette_jumps_back_to_a_stage_already_reached():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await fill_introduction(pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        await palette(pilot, "Go to: Introduction")
        assert appointment(app).state == "introduction"
        assert app.focused.id == "f-name" and app.focused.value == "Sam Rivers"


async def test_it_works_at_80_by_24_with_the_agreed_pane_on_a_key():
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        side = app.screen.query_one("#side")
        assert app.focused.id == "f-name"
        assert not side.display or side.size.width == 0 or not side.styles.display == "block"
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert side.styles.display == "block" and side.size.width > 0


async def test_a_first_start_opens_at_the_introduction_and_who_runs_it_is_chosen_there():
    app = make_app(clinician=None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert appointment(app).state == "introduction"
        assert app.focused is not None and app.focused.id == "f-name"
        assert appointment(app).export().choice_clinician is None
        app.screen.query_one("#f-clinician").focus()
        await pilot.press("enter", "down", "down", "enter")  # open the list, pick the second: Ben Ode
        await pilot.pause()
        assert appointment(app).export().choice_clinician == "ben"
        assert "Ben Ode" in str(app.screen.query_one("#stages").border_subtitle)
        sid = appointment(app).session_id
    assert saved(sid).choice_clinician == "ben"
    again = make_app(clinician=None)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")  # new appointment, from the start screen
        await pilot.pause()
        assert appointment(again).state == "introduction" and again.focused.id == "f-name"
        assert appointment(again).export().choice_clinician == "ben"
        assert str(again.screen.query_one("#f-clinician").value) == "ben"


async def test_allocation_waits_until_someone_is_recorded_as_running_the_appointment():
    sid = session_at("choice_point", clinician=None, upto="choice_point")  # all agreed, nobody recorded
    app = make_app(session_id=sid)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert appointment(app).state == "choice_point"
        assert "record who ran this Choice appointment" in on_screen(app, "#guard")
        await palette(pilot, "Choice clinician")
        assert type(app.screen).__name__ == "ClinicianScreen"
        await pilot.press("enter")  # the first in the register: Ayo Bello
        await pilot.pause()
        assert appointment(app).export().choice_clinician == "ayo"
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert appointment(app).state == "allocation"


async def test_a_ticked_phrase_shows_an_x_so_ticks_read_without_colour():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        phrases = app.screen.query_one("#phrases")
        first = appointment(app).phrases[0]

        def box() -> str:
            return phrases.render_line(0).text[:4]

        assert box().strip("▐▌ ") == ""
        phrases.focus()
        phrases.highlighted = 0
        await pilot.press("space")
        await pilot.pause()
        assert appointment(app).phrases_said[first.id] is True
        assert "X" in box()
        await pilot.press("space")
        await pilot.pause()
        assert "X" not in box()


async def test_a_vague_goal_gets_a_nudge_and_a_fourth_goal_a_question():
    app = make_app(stage="goals")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_text(pilot, "be happier")
        await pilot.pause()
        vague = app.screen.query_one("#vague")
        assert vague.display and "hard to measure" in str(vague.render())
        for text in ("sleep by ten on school nights", "talk to mum when worried", "see friends at weekends"):
            await pilot.press("f2")
            await type_text(pilot, text)
        # The last goal is recorded on the half-second save, with no key pressed.
        await until(pilot, lambda: len(appointment(app).export().goals) == 4)
        assert any("4 goals" in str(n.message) for n in app._notifications)


async def test_options_show_the_family_friendly_description_of_the_highlighted_way():
    app = make_app(stage="options")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.focused.id == "opts-1"
        cbt = [o.id for o in appointment(app).catalogue.values()].index("cbt")
        app.focused.highlighted = cbt
        await pilot.pause()
        entry = appointment(app).catalogue["cbt"]
        assert entry.family_description[:30] in on_screen(app, "#about").replace("\n", " ")


async def test_no_partnership_work_goes_from_the_choice_point_to_letters():
    app = make_app(stage="choice_point")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f8")
        await pilot.pause()
        assert appointment(app).state == "choice_point"  # no way of working agreed yet
        app.screen.query_one("#agree-1").focus()
        await pilot.press("enter", "down", "down", "enter")  # their own strengths: no team needed
        await pilot.pause()
        await pilot.press("f8")
        await pilot.pause()
        assert appointment(app).state == "letters"
        assert appointment(app).export().outcome.decision == "no_partnership"


async def test_the_family_choice_is_never_assumed_at_allocation():
    app = make_app(stage="allocation")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        session = appointment(app).export()
        assert session.client_wants == "undecided" and session.outcome is None
        advice = on_screen(app, "#advice")
        assert "is suggested" in advice and "ask the family which they would prefer" in advice
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert appointment(app).state == "allocation"
        assert "has not said whether they would like to stay" in on_screen(app, "#guard")


async def test_allocation_never_offers_a_slot_another_family_has_booked():
    session_at("letters")  # Sam's family booked Chloe Martin, Mon 30 Nov 10:00
    app = make_app(session_id=session_at("allocation", session_id="other-family"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        choice = app.screen.query_one("#f-choice")
        chloe = next(o for o in choice.options if o.id == "transfer:chloe")
        assert "Mon 30 Nov, 10:00" not in option_text(chloe) and "Chloe Martin" in option_text(chloe)


async def test_at_80_by_24_the_familys_answer_the_advice_and_the_people_are_in_view_together():
    app = make_app(stage="allocation")
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await pilot.pause()
        pane, advice, wants = app.screen.pane, app.screen.query_one("#advice"), app.screen.query_one("#f-wants")
        assert app.focused is wants

        def in_view(widget) -> bool:
            top, bottom = pane.scroll_y, pane.scroll_y + pane.scrollable_content_region.height
            return top <= widget.virtual_region.y and widget.virtual_region.bottom <= bottom

        assert in_view(advice) and in_view(wants)
        await pilot.press("tab")
        await pilot.pause()
        choice = app.screen.query_one("#f-choice")
        assert app.focused is choice and in_view(wants) and in_view(advice)
        assert pane.scroll_y <= choice.virtual_region.y < pane.scroll_y + pane.scrollable_content_region.height


async def test_a_far_slot_is_marked_and_booking_warns():
    app = make_app(stage="booking")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        slots = app.screen.query_one("#slots")
        labels = [str(slots.get_option_at_index(i).prompt) for i in range(slots.option_count)]
        far = next(i for i, label in enumerate(labels) if "weeks" in label)
        slots.highlighted = far
        await pilot.press("enter")
        await pilot.pause()
        warning = app.screen.query_one("#warning")
        assert warning.display and "weeks away" in str(warning.render())
        assert appointment(app).export().outcome.slot.isoformat().startswith("2026-12-22")


def letters_in(folder) -> dict[str, set[str]]:
    """The letter files in `folder`, by whom they are for ("family", "referrer", "gp", "family-<member>"), each as a
    set of formats (files are named <young person>-<date>-<whom>.<format>)."""
    import re

    found: dict[str, set[str]] = {}
    for p in folder.iterdir():
        stem, fmt = p.name.rsplit(".", 1)
        who = re.sub(r"^.*?-\d{4}-\d\d-\d\d-", "", stem)
        found.setdefault(who, set()).add(fmt)
    return found


async def test_letters_are_saved_in_every_format_with_a_key_and_never_carry_private_notes(data_dir):
    app = make_app(stage="letters")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        appointment(app).set_young_person(date_of_birth="04/05/2012")  # what files the letter against Sam's record
        app.screen.query_one("#private").focus()
        await type_text(pilot, "dad drinks")
        await pilot.press("f5")
        await pilot.pause()
        shown = on_screen(app, "#saved")
        assert f"Saved in {data_dir / 'letters'}" in shown
        checks = on_screen(app, "#checks")
        assert checks.startswith("Check: ") or checks == "All letter checks pass."  # the quality check is shown
    folder = data_dir / "letters"
    assert letters_in(folder) == {"family": set(LETTER_FORMATS)}
    names = [p.name for p in folder.iterdir()]
    assert all(name in shown for name in names)
    (md,) = folder.glob("*.md")
    text = md.read_text(encoding="utf-8")
    assert "Sam" in text and "dad drinks" not in text
    (pdf,) = folder.glob("*.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")


async def test_saving_letters_again_never_overwrites_and_the_referrer_copy_needs_consent(tmp_path):
    app = make_app(stage="letters")
    folder = tmp_path / "for the post"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        appointment(app).set_young_person(date_of_birth="04/05/2012", nhs_number="943 476 5919")
        appointment(app).set_referrer({"name": "Dr A Patel", "role": "GP", "organisation": "Hill Surgery"})  # Details (ctrl+r)
        app.screen.query_one("#f-folder").value = str(folder)
        await pilot.press("f5")
        await pilot.pause()
        assert letters_in(folder) == {"family": set(LETTER_FORMATS)}  # no consent yet: no referrer copy
        first = {p.name: p.read_bytes() for p in folder.iterdir()}
        app.screen.query_one("#f-copy-ref").focus()
        await pilot.press("space")  # the family agree to a copy for the referrer
        await pilot.pause()
        app.screen.query_one("#f-folder").focus()
        await pilot.press("enter")  # Enter in the folder field saves too
        await pilot.pause()
    assert {name: (folder / name).read_bytes() for name in first} == first  # the first letters are untouched
    added = sorted(p.name for p in folder.iterdir() if p.name not in first)
    assert len(added) == 2 * len(LETTER_FORMATS)
    assert sorted(n.rsplit(".", 1)[1] for n in added if "referrer" in n) == list(LETTER_FORMATS)
    (referrer,) = [folder / n for n in added if "referrer" in n and n.endswith(".md")]
    assert "Dr A Patel" in referrer.read_text(encoding="utf-8")


async def test_the_palette_exports_the_session_and_opens_another(data_dir):
    app = make_app(stage="goals")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await palette(pilot, "Export this session")
        exported = data_dir / "exports" / f"session-{SID}.yaml"
        assert "Panics before school most mornings" in exported.read_text(encoding="utf-8")
        first = exported.read_bytes()
        await palette(pilot, "Export this session")
        assert exported.read_bytes() == first, "an earlier export is never overwritten"
        assert (data_dir / "exports" / f"session-{SID}-2.yaml").is_file()
        await palette(pilot, "Open a session")
        assert type(app.screen).__name__ == "StartScreen"
        await pilot.press("n")
        await pilot.pause()
        assert appointment(app).session_id != SID
        assert appointment(app).state == "introduction" and app.focused.id == "f-name"


async def test_a_name_too_long_keeps_its_first_120_characters_and_says_so_not_a_crash():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.focused.value = "x" * 130
        await pilot.pause()
        assert app.is_running
        assert app.focused.value == "x" * 130, "what was typed stays in the field"
        line = app.screen.query_one("#too-long")
        assert line.display and "10 over its limit of 120" in str(line.render())
        app.screen.save_now()
        assert appointment(app).session.young_person.name == "x" * 120


async def test_practice_mode_offers_the_scenarios_briefs_the_trainee_and_the_simulated_family_answers(tmp_path):
    app = practice_app(tmp_path, None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "ScenarioScreen"
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "ReadingScreen"
        assert "Practice:" in app.screen.query_one("Markdown").source
        await pilot.press("escape")
        await pilot.pause()
        run = app.screen.training
        assert run is not None and app.focused.id == "f-name"
        app.screen.query_one("#say-input").focus()
        await type_text(pilot, "What has brought you here today?")
        await pilot.press("enter")
        await pilot.pause()
        assert run.transcript[-1].who in ("trainee", "family")
        assert any(line.who == "trainee" for line in run.transcript)
        assert "Practice:" in app.screen.title


async def test_practice_ends_with_the_coach_report_shown_and_saved(tmp_path, data_dir):
    app = practice_app(tmp_path, "no-partnership")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape")  # close the briefing
        await pilot.pause()
        appt = app.screen.appointment
        # Recorded as the fields would, to reach the end quickly; the moves that end practice are keys.
        for phrase in appt.phrases:
            if phrase.required:
                appt.tick_phrase(phrase.id)
        appt.set_text("young_person", "Sam Rivers")
        appt.next()
        appt.set_text("risk", "Asked; everyone feels safe")
        appt.set_safety(False)
        appt.next()
        appt.add_goal("Sleep through the night five nights a week", owner="young_person", rating=2)
        appt.next()
        appt.set_text("formulation", "Worry keeps sleep light")
        appt.next()
        appt.add_option(1, "self_help")
        appt.next()
        appt.agree_option(1, "self_help")
        await pilot.press("ctrl+b", "ctrl+n")  # show the Choice Point as recorded
        await pilot.pause()
        assert appt.state == "choice_point", on_screen(app, "#guard")
        await pilot.press("f8")  # no Partnership work needed
        await pilot.pause()
        assert appt.state == "letters", on_screen(app, "#guard")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert appt.state == "closed"
        assert type(app.screen).__name__ == "ReadingScreen"
        page = app.screen.query_one("Markdown").source
    (report,) = (data_dir / "training").glob("*.md")
    assert str(report) in page


async def test_a_broken_stage_template_is_shown_as_a_message_and_work_goes_on(monkeypatch):
    from choice_assistant.wording import stage_prompts
    from choice_assistant.errors import InputError

    def broken(stage, data, root=None):
        raise InputError("prompts/stages/introduction.j2", "template syntax error", place="line 3")

    monkeypatch.setattr(stage_prompts, "render_stage", broken)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        say = on_screen(app, "#say-text")
        assert "cannot be shown" in say and "line 3" in say
        await type_text(pilot, "Sam")
        assert appointment(app).export().young_person.name == "Sam"


def test_a_file_in_the_journals_place_stops_the_assistant_before_the_screen_opens(data_dir, capsys):
    from choice_assistant.cli import main

    (data_dir / "journal.sqlite3").write_text("my shopping list", encoding="utf-8")
    assert main([]) == 2
    err = capsys.readouterr().err
    assert "not a choice-assistant journal" in err and "Traceback" not in err
    assert (data_dir / "journal.sqlite3").read_text(encoding="utf-8") == "my shopping list"


def test_the_on_screen_transcript_never_shows_private_notes(demo_register):
    from choice_assistant.tui.summary import agreed, transcript

    with SqliteStore.open() as store:
        a = Appointment.new(store, demo_register, "ayo", now=NOW)
        a.set_text("young_person", "Sam Rivers")
        a.set_text("private_note", "dad drinks")
        a.set_text("concerns", "Panics before school")
        a.flush()
        session = a.export()
    shown = [words for _heading, words in transcript(session, demo_register, {})]
    shown += [line for _title, lines in agreed(session, demo_register, {}) for line in lines]
    assert any("Panics before school" in w for w in shown)
    assert not any("dad drinks" in w for w in shown)


async def test_resuming_with_another_teams_register_warns(demo_register):
    sid = session_at("curiosity")
    other = demo_register.model_copy(update={"team": "Hillside CAMHS"})
    app = make_app(other, demo=False, session_id=sid)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert any("recorded with Riverside CAMHS (demo)'s register" in str(n.message) for n in app._notifications)


async def test_tabbing_back_into_a_filled_field_and_typing_adds_to_it_never_replaces():
    from textual.widgets import Input

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_text(pilot, "Sam")
        await pilot.press("tab", "shift+tab")
        # Key by key on purpose: the bug was a real key press replacing the text selected on focus.
        await press_keys(pilot, "my")
        await pilot.pause()
        assert app.screen.query_one("#f-name", Input).value == "Sammy"


def test_the_allocation_advice_names_no_suggestion_when_nobody_else_fits(demo_register):
    from choice_assistant.matching.recommend import recommend
    from choice_assistant.matching.case import Case
    from choice_assistant.appointment.session import Session
    from choice_assistant.tui.stages.allocation import headline

    case = Case(choice_clinician="ben", goals=[{"text": "Get on with friends again", "approach": "ipt_a", "level": "specific"}])
    session = Session(session="s", date=NOW.date(), choice_clinician="ben")
    text = headline(recommend(demo_register, case, now=NOW), demo_register, session).plain
    assert "suggested" not in text and "Nobody in the team fits every need" in text


async def test_the_command_opens_the_assistant_on_the_bundled_demo_team_when_given_no_register(monkeypatch, data_dir):
    from choice_assistant.cli import main
    from choice_assistant.tui import ChoiceAssistantApp

    seen = {}

    def run(self, *args, **kwargs):  # in place of the terminal: what the command handed the app
        seen.update(team=self.register.team, demo=self.demo, journal=self.store.source)

    monkeypatch.setattr(ChoiceAssistantApp, "run", run)
    assert main([]) == 0
    assert seen["demo"] and seen["team"] == "Riverside CAMHS (demo)"
    assert seen["journal"] == str(data_dir / "journal.sqlite3")


async def test_on_the_demo_team_the_screen_says_so_with_the_cursor_in_the_name():
    app = make_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "demo" in app.screen.title and app.focused is not None and app.focused.id == "f-name"

async def test_a_letter_that_cannot_be_filed_is_not_written_and_the_screen_says_what_to_add(tmp_path):
    app = make_app(stage="letters")
    folder = tmp_path / "letters"
    async with app.run_test(size=SIZE) as pilot:
        appointment(app).set_young_person(date_of_birth=None)  # neither a date of birth nor an NHS number now
        await pilot.press("ctrl+b", "ctrl+n")
        await pilot.pause()
        lacks = on_screen(app, "#lacks")
        assert "ctrl+r Details" in lacks and "date of birth" in lacks and "NHS number" in lacks and "cannot be sent" in lacks
        app.screen.query_one("#f-folder").value = str(folder)
        await pilot.press("f5")
        await pilot.pause()
        assert not folder.exists() or not any(folder.iterdir())
        assert "not written" in on_screen(app, "#saved")
        await pilot.press("ctrl+r")
        await pilot.pause()
        await type_text(pilot, "04/05/2012")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("f5")
        await pilot.pause()
        assert letters_in(folder) == {"family": set(LETTER_FORMATS)}
        assert "cannot be sent" not in on_screen(app, "#lacks")


async def test_the_gp_letter_and_a_parents_own_copy_are_written_when_the_family_agree(tmp_path):
    app = make_app(stage="letters")
    folder = tmp_path / "letters"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        a = appointment(app)
        a.set_young_person(date_of_birth="04/05/2012", nhs_number="943 476 5919", address="12 Mill Road, Riverside RV1 4CD")
        a.set_family([{"name": "Jo Rivers", "relation": "mother"},
                      {"name": "Dan Rivers", "relation": "father", "address": "3 Long Lane, Hilltown HT2 9ZZ"}])
        a.set_referrer({"name": "Ms K Lowe", "role": "School nurse", "address": "Park Road, Riverside RV4 1AA",
                        "reason": "Not in school since October"})
        a.set_gp({"name": "Dr E Hughes", "practice": "Quayside Surgery", "address": "2 Quay Street, Riverside RV1 5SU"})
        a.set_consent(copy_to_referrer=True, copy_to_gp=True)
        await pilot.press("ctrl+b", "ctrl+n")  # the pane is built again for what is recorded now
        await pilot.pause()
        own = app.screen.query_one("#f-own-0")
        assert "Dan Rivers" in str(own.label) and not own.value
        own.value = True
        app.screen.query_one("#f-folder").value = str(folder)
        await pilot.press("f5")
        await pilot.pause()
    written = letters_in(folder)
    assert set(written) == {"family", "family-dan-rivers", "referrer", "gp"}
    (gp,) = folder.glob("*-gp.md")
    text = gp.read_text(encoding="utf-8")
    assert "Dr E Hughes" in text and "Not in school since October" in text
