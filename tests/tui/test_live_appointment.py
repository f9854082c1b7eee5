"""The live appointment as a clinician meets it: words shown as typed, a stopped appointment picked up again."""

from __future__ import annotations

from datetime import datetime

from choice_assistant.appointment import Appointment
from choice_assistant.journal.sqlite import SqliteStore
from choice_assistant.tui import ChoiceAssistantApp

NOW = datetime(2026, 11, 23, 10, 0)
SIZE = (120, 36)


def _app(register, store, **kwargs) -> ChoiceAssistantApp:
    return ChoiceAssistantApp(register, store, demo=True, now=NOW, cursor_blink=False, **kwargs)


def _visible_text(app) -> str:
    from textual.widgets import Static

    return "\n".join(str(w.render()) for w in app.screen.query(Static))


async def test_square_brackets_in_what_is_typed_are_shown_as_typed_and_never_stop_the_assistant(demo_register):
    name, goal = "Sam [/bold] [b]Rivers", "Go to school [/] three days [b]a week"
    with SqliteStore.open() as store:
        a = Appointment.new(store, demo_register, "ayo", now=NOW)
        a.set_text("young_person", name)
        a.tick_phrase("skills_match"), a.tick_phrase("your_preference"), a.next()
        a.set_text("risk", "Asked about safety [/]: feels safe"), a.set_safety(False), a.next()
        a.add_goal(goal, owner="young_person", rating=3), a.next()
        a.set_text("formulation", "Worry [b]grows[/b] at night"), a.next()
        a.add_option(1, "cbt"), a.next()
        a.flush()
        # A later start lists the unfinished appointment by name: this is where it used to crash.
        app = _app(demo_register, store)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert type(app.screen).__name__ == "StartScreen"
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen.appointment.state == "choice_point"
            assert name in app.screen.sub_title
            assert goal in _visible_text(app)
            for stage in ("introduction", "curiosity", "goals", "formulation", "options"):
                await app.screen.go_to(stage)
                await pilot.pause()
                assert app.screen.appointment.state == stage


async def test_a_resumed_appointment_puts_the_cursor_after_the_words_and_brings_back_a_half_written_goal(demo_register):
    with SqliteStore.open() as store:
        a = Appointment.new(store, demo_register, "ayo", now=NOW)
        a.set_text("young_person", "Sam Rivers")
        a.tick_phrase("skills_match"), a.tick_phrase("your_preference"), a.next()
        a.set_text("concerns", "Panics before school")
        a.set_text("risk", "Asked: feels safe at home"), a.set_safety(False)
        a.flush()
        app = _app(demo_register, store, session_id=a.session_id)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            field = app.focused
            assert field.id == "f-concerns"
            assert field.cursor_location == field.document.end
            await pilot.press("space", "d", "a", "i", "l", "y")  # the keys themselves: they go after the words
            await pilot.pause()
            app.screen.save_now()
        assert Appointment.resume(store, a.session_id, demo_register, now=NOW).session.concerns == "Panics before school daily"
        b = Appointment.resume(store, a.session_id, demo_register, now=NOW)
        b.next()
        b.add_goal("Sleep in my own", owner=None, rating=None)  # stopped mid-goal
        b.flush()
        app = _app(demo_register, store, session_id=a.session_id)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert app.screen.appointment.state == "goals"
            editor = app.screen.query_one("#f-goal")
            assert editor.value == "Sleep in my own" and app.focused is editor
            assert editor.cursor_position == len(editor.value)
            await pilot.press("space", "b", "e", "d")
            await pilot.pause()
            app.screen.save_now()
        goals = Appointment.resume(store, a.session_id, demo_register, now=NOW).session.goals
        assert [g.text for g in goals] == ["Sleep in my own bed"]


def test_an_unexpected_error_never_shows_clinical_words_and_logs_them_privately(demo_register, data_dir, tmp_path):
    """Textual's crash report lists local variables: the whole session, private notes included."""
    import os
    import subprocess
    import sys
    import textwrap

    script = textwrap.dedent("""
        import asyncio
        from datetime import datetime
        from choice_assistant.appointment import Appointment
        from choice_assistant.journal.sqlite import SqliteStore
        from choice_assistant.register.load import load_register
        from choice_assistant.resources import demo_register_path
        from choice_assistant.tui import ChoiceAssistantApp
        from choice_assistant.tui.screen import AppointmentScreen

        reg = load_register(demo_register_path())
        store = SqliteStore.open()
        a = Appointment.new(store, reg, "ayo", now=datetime(2026, 11, 23, 10))
        a.set_text("private_note", "PRIVATE-NOTE-WORDS about the family")
        a.flush()

        def broken(self, *args, **kwargs):
            secret = self.appointment.session
            raise RuntimeError("a programming error")

        AppointmentScreen.refresh_views = broken
        app = ChoiceAssistantApp(reg, store, session_id=a.session_id, now=datetime(2026, 11, 23, 10))

        async def main():
            async with app.run_test(size=(120, 36)) as pilot:
                await pilot.pause()

        try:
            asyncio.run(main())
        except Exception:
            pass
        app._print_error_renderables() if hasattr(app, "_print_error_renderables") else None
    """)
    env = {**os.environ, "CHOICE_ASSISTANT_DATA": str(data_dir)}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
    shown = done.stdout + done.stderr
    assert "PRIVATE-NOTE-WORDS" not in shown
    assert "should not happen" in shown
    logs = list((data_dir / "logs").glob("error-*.log"))
    assert len(logs) == 1 and (logs[0].stat().st_mode & 0o777) == 0o600
    assert "RuntimeError" in logs[0].read_text(encoding="utf-8")


async def _footer_keys(app) -> dict[str, tuple[int, int]]:
    from textual.widgets import Footer

    footer = app.screen.query_one(Footer)
    return {k.key: (k.region.x, k.region.right) for k in footer.query("FooterKey")}


async def test_at_80_by_24_the_footer_always_shows_help_and_quit(demo_register):
    from tests.support.pilot import session_at

    for stage in ("introduction", "goals", "choice_point", "allocation", "letters"):
        sid = session_at(stage, demo_register, session_id=f"at-{stage}")
        with SqliteStore.open() as store:
            app = _app(demo_register, store, session_id=sid)
            async with app.run_test(size=(80, 24)) as pilot:
                await pilot.pause()
                keys = await _footer_keys(app)
                palette_starts = keys["ctrl+p"][0]
                for key in ("f1", "ctrl+q", "ctrl+n"):
                    assert keys[key][1] <= palette_starts, f"{stage}: {key} is cut off at 80 columns"


async def test_going_back_from_a_closed_appointment_says_why_nothing_happened(demo_register):
    from tests.support.pilot import session_at

    sid = session_at("letters", demo_register)
    with SqliteStore.open() as store:
        a = Appointment.resume(store, sid, demo_register, now=NOW)
        assert a.next() and a.state == "closed"
        app = _app(demo_register, store, session_id=sid)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+b")
            await pilot.pause()
            guard = app.screen.query_one("#guard")
            assert guard.display and "closed" in str(guard.render())
            assert app.screen.appointment.state == "closed"


def _at_allocation(store, register, approach: str, wants: str, session_id: str) -> str:
    from tests.support.pilot import ORDER, STEPS

    a = Appointment.new(store, register, "ayo", now=NOW, session_id=session_id)
    for name in ORDER[: ORDER.index("options")]:
        STEPS[name](a)
        assert a.next(), a.missing()
    a.add_option(1, approach)
    assert a.next()
    a.agree_option(1, approach)
    assert a.next(), a.missing()
    a.set_client_wants(wants)
    a.flush()
    return session_id


async def test_the_chooser_marks_who_is_recorded_and_keeps_team_notes_apart(demo_register):
    from tests.support.pilot import option_text

    with SqliteStore.open() as store:
        sid = _at_allocation(store, demo_register, "cbt", "transfer", "chooser")
        app = _app(demo_register, store, session_id=sid)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            choice = app.screen.query_one("#f-choice")
            choice.focus()
            await pilot.press("down", "enter")  # the person listed after the suggestion
            await pilot.pause()
            recorded = app.screen.appointment.session.outcome.clinician
            labels = [option_text(o) for o in choice.options]
            marked = [label for label in labels if label.startswith("✓ ")]
            assert len(marked) == 1 and demo_register.clinician(recorded).name in marked[0] and "recorded" in marked[0]
            assert choice.highlighted == labels.index(marked[0])
            # Notes for the clinician only are in their own box, never with what may be read with the family.
            await pilot.press("f7")
            await pilot.pause()
            rec = app.screen.appointment.recommendation()
            family = " ".join(" ".join(x.split()) for x in [str(app.screen.query_one("#advice").render()), *labels])
            staff = " ".join(str(app.screen.query_one("#staff-notes").render()).split())
            for c in [rec.keep, *rec.transfer[:4]]:
                for note in [*c.reasons, *c.cautions]:
                    if note.audience == "clinician":
                        assert note.text not in family and note.text in staff
                    else:
                        assert note.text not in staff


async def test_a_family_who_want_to_stay_where_staying_does_not_fit_are_told_why_and_what_can_be_done(demo_register):
    # Ayo ran the appointment; the family chose psychodynamic work, which Ayo does not offer.
    with SqliteStore.open() as store:
        sid = _at_allocation(store, demo_register, "dynamic", "keep", "wants-to-stay")
        app = _app(demo_register, store, session_id=sid)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            advice = str(app.screen.query_one("#advice").render())
            assert "would like to stay with Ayo Bello, but staying does not fit" in advice
            assert "Why:" in advice and "What can be done" in advice
            rec = app.screen.appointment.recommendation()
            assert rec.suggested and rec.candidate(rec.suggested).name in advice.split("What can be done")[1]


async def test_fields_whose_words_reach_the_family_letter_say_so(demo_register):
    from tests.support.pilot import session_at

    marker = "in the family's letter"
    expected = {"curiosity": 5, "goals": 1, "formulation": 1, "choice_point": 1}  # curiosity: 4 fields + the safety plan
    for stage, count in expected.items():
        sid = session_at(stage, demo_register, session_id=f"labels-{stage}")
        with SqliteStore.open() as store:
            app = _app(demo_register, store, session_id=sid)
            async with app.run_test(size=SIZE) as pilot:
                await pilot.pause()
                labels = [str(w.render()) for w in app.screen.pane.query(".label")]
                assert sum(marker in label for label in labels) == count, (stage, labels)
                if stage == "curiosity":
                    risk = next(label for label in labels if label.startswith("Risk and safeguarding"))
                    assert marker not in risk and "referrer" in risk


async def test_copies_agreed_at_letters_survive_moving_on_and_closing(demo_register):
    from tests.support.pilot import session_at, until

    sid = session_at("letters", demo_register)
    with SqliteStore.open() as store:
        app = _app(demo_register, store, session_id=sid)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            gp = app.screen.query_one("#f-copy-gp")
            gp.focus()
            await pilot.press("space")
            await until(pilot, lambda: app.screen.appointment.session.consent.copy_to_gp)
            await pilot.press("ctrl+n")
            await pilot.pause()
            assert app.screen.appointment.state == "closed"
        session = Appointment.resume(store, sid, demo_register, now=NOW).export()
        assert session.consent.copy_to_gp
