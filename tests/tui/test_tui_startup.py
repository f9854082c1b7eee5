"""How the assistant starts: the first frame already has the cursor in place; the register is checked every start."""

from __future__ import annotations

from choice_assistant.tui.app import AppointmentScreen
from tests.support.pilot import SIZE, held_register, make_app


async def test_the_first_frame_already_has_the_cursor_in_the_name_field(monkeypatch):
    focused_when_shown = []
    show_stage = AppointmentScreen.show_stage

    async def noting_focus(screen):
        await show_stage(screen)
        focused_when_shown.append(screen.focused)  # before the app has had another turn to paint

    monkeypatch.setattr(AppointmentScreen, "show_stage", noting_focus)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert [getattr(w, "id", None) for w in focused_when_shown] == ["f-name"]
        # Real key presses on purpose: the first keys typed after the start land in the name field.
        await pilot.press("S", "a", "m")
        assert app.focused.value == "Sam"


def test_a_register_edited_since_the_last_start_is_checked_again_and_stops_the_start(demo_register_path, tmp_path, capsys):
    from choice_assistant.cli import main
    from choice_assistant.register.load import load_register

    team = tmp_path / "team.yaml"
    team.write_text(demo_register_path.read_text(encoding="utf-8"), encoding="utf-8")
    load_register(team)  # a clean start on this register
    team.write_text(team.read_text(encoding="utf-8").replace("cbt: specific", "cbt: expert", 1), encoding="utf-8")
    assert main(["--register", str(team)]) == 2
    err = capsys.readouterr().err
    assert str(team) in err and "skills.cbt" in err and "Traceback" not in err


# -- the first screen opens before the register is read ------------------------------------------

async def test_the_first_screen_opens_before_the_register_is_read_and_keeps_what_is_typed_meanwhile(data_dir):
    import threading

    from textual.widgets import Select

    from tests.support.pilot import saved, until

    release = threading.Event()
    app = make_app(register=held_register(release))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.appointment is None and app.focused.id == "f-name"
        await pilot.press("S", "a", "m", "tab", "1", "4")  # real keys, typed before anything is recorded
        release.set()
        await until(pilot, lambda: screen.appointment is not None)
        await pilot.pause()
        assert app.screen is screen and app.focused.id == "f-age"
        assert screen.query_one("#f-clinician", Select).value == "ayo"
        assert screen.pane.query("#phrases") and screen.pane.query("#private")
        assert "Riverside" in app.sub_title
        sid = screen.appointment.session_id
    record = saved(sid)
    assert record.young_person.name == "Sam" and record.young_person.age == 14
    assert record.choice_clinician == "ayo"


async def test_quitting_at_once_waits_for_the_register_and_saves_what_was_typed(data_dir):
    import threading

    from choice_assistant.journal import open_journal
    from tests.support.pilot import saved

    release = threading.Event()
    app = make_app(register=held_register(release))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("J", "o")
        threading.Timer(0.3, release.set).start()
        await pilot.press("ctrl+q")  # before the register has been read
    with open_journal() as store:
        sessions = store.list_sessions()
    assert [s.young_person for s in sessions] == ["Jo"]
    assert saved(sessions[0].id).young_person.name == "Jo"


async def test_a_register_found_bad_after_the_screen_opened_stops_the_app_with_status_2_and_records_nothing(data_dir, tmp_path):
    from choice_assistant.journal import open_journal
    from choice_assistant.register.later import RegisterToCheck
    from tests.support.pilot import TEAM

    bad = tmp_path / "team.yaml"
    bad.write_text(TEAM.read_text(encoding="utf-8").replace("cbt: specific", "cbt: expert", 1), encoding="utf-8")
    app = make_app(register=RegisterToCheck(bad))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.5)
    assert app.return_code == 2
    assert str(bad) in str(app.input_error) and "skills.cbt" in str(app.input_error)
    with open_journal() as store:
        assert store.list_sessions() == []


async def test_a_journal_that_refuses_a_new_appointment_at_start_offers_the_start_screen(data_dir):
    import threading

    from choice_assistant.journal import open_journal
    from choice_assistant.journal.sqlite import SqliteStore
    from choice_assistant.tui.start import StartScreen
    from tests.support.pilot import until

    SqliteStore.open().close()  # an empty journal, opened for reading only below
    release = threading.Event()
    release.set()
    app = make_app(register=held_register(release), store=open_journal(read_only=True))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, StartScreen))
        await pilot.pause()  # the start screen finishes mounting (its header's title) before the test ends the app


async def test_a_new_appointment_from_the_palette_replaces_the_first_screen_and_lets_the_first_go(data_dir):
    import threading

    from tests.support.pilot import palette, until

    release = threading.Event()
    release.set()
    app = make_app(register=held_register(release))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.screen.appointment is not None)
        first = app.screen.appointment.session_id
        await palette(pilot, "New appointment")
        await until(pilot, lambda: isinstance(app.screen, AppointmentScreen) and app.screen.appointment is not None
                    and app.screen.appointment.session_id != first)
        assert len(app.screen_stack) == 1
        await until(pilot, lambda: app.store.holder(first) is None)  # open in no place now


async def test_a_broken_phrase_bank_found_as_the_screen_opens_stops_the_app_with_status_2(data_dir, tmp_path, monkeypatch):
    import shutil

    from choice_assistant.journal import open_journal
    from choice_assistant.register.later import RegisterToCheck
    from choice_assistant.wording import catalogue
    from tests.support.pilot import TEAM

    prompts = tmp_path / "prompts"
    shutil.copytree(catalogue.prompts_dir(), prompts)
    (prompts / catalogue.PHRASES_FILE).write_text("phrases: [unclosed\n", encoding="utf-8")
    monkeypatch.setattr(catalogue, "prompts_dir", lambda: prompts)
    app = make_app(register=RegisterToCheck(TEAM))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.5)
    assert app.return_code == 2 and catalogue.PHRASES_FILE in str(app.input_error)
    with open_journal() as store:
        assert store.list_sessions() == []


async def test_the_cycle_collector_is_back_on_once_the_first_screen_is_shown(data_dir):
    import gc
    import threading

    from tests.support.pilot import settle, until

    release = threading.Event()
    release.set()
    app = make_app(register=held_register(release))  # the first screen opened before the register is read
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.screen.appointment is not None)
        assert gc.isenabled()
    app = make_app()  # the start screen, offering the appointment above
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert gc.isenabled()


async def test_the_start_screen_opens_before_the_register_is_read_and_resumes_once_it_is(data_dir):
    import threading

    from textual.widgets import Static

    from choice_assistant.tui.start import StartScreen
    from tests.support.pilot import SID, session_at, until

    session_at("curiosity")  # an unfinished appointment, offered at start
    release = threading.Event()
    app = make_app(register=held_register(release))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen) and app.focused.id == "sessions"
        assert str(app.screen.query_one("#team", Static).render()) == ""
        release.set()
        await until(pilot, lambda: "Riverside" in str(app.screen.query_one("#team", Static).render()))
        await pilot.press("enter")  # the unfinished appointment, first in the list
        await until(pilot, lambda: isinstance(app.screen, AppointmentScreen) and app.screen.appointment is not None)
        assert app.screen.appointment.session_id == SID and app.screen.pane.stage == "curiosity"


async def test_picking_an_appointment_before_the_register_is_read_waits_for_it(data_dir):
    import threading

    from tests.support.pilot import SID, session_at, until

    session_at("goals")
    release = threading.Event()
    app = make_app(register=held_register(release))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        threading.Timer(0.3, release.set).start()
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, AppointmentScreen))
        assert app.screen.appointment.session_id == SID and app.screen.pane.stage == "goals"
